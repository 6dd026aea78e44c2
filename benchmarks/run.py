"""Run every benchmark and print its ratios against references measured in the same run.

    python3 benchmarks/run.py [--quick]

Benchmarks are not tests: machines are shared and noisy, so nothing here fails a
build. Each prints what it measured, the reference it measured alongside, the
ratio, the target and whether it was met; the exit code is 1 when a target was
missed. ``--quick`` uses smaller sizes and fewer rounds (a smoke run).
"""

from __future__ import annotations

import argparse
import importlib
import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

#: module -> (full-size arguments, quick arguments)
BENCHMARKS: dict[str, tuple[dict[str, Any], dict[str, Any]]] = {
    "startup": ({"rounds": 30}, {"rounds": 5}),
    "batch": ({"rounds": 15}, {"rounds": 3}),
    "lookup": ({"terms": 120_000}, {"terms": 10_000}),
    "scan": ({}, {"quick": True}),
    "scale": ({}, {"quick": True}),
}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="small sizes, few rounds: checks the benchmarks run")
    parser.add_argument("only", nargs="*", choices=[*BENCHMARKS, []], help="run only these benchmarks")
    options = parser.parse_args()
    met = True
    for name, (full, quick) in BENCHMARKS.items():
        if options.only and name not in options.only:
            continue
        module = importlib.import_module(name)
        met = bool(module.main(**(quick if options.quick else full))) and met
    print("\nall targets met" if met else "\nsome targets missed (see above)")
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main())
