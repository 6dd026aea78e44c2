"""Run every benchmark and print its ratios against references measured in the same run.

    python3 benchmarks/run.py [--quick]

Benchmarks are not tests: machines are shared and noisy, so nothing here fails a
build. Each prints what it measured, the reference it measured alongside, the
ratio, the target and whether it was met; the exit code is 1 when a target was
missed. ``--quick`` uses smaller sizes and fewer rounds (a smoke run).
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent

#: benchmark -> (its arguments at full size, its quick arguments)
BENCHMARKS: dict[str, tuple[list[str], list[str]]] = {
    "startup": (["--rounds", "30"], ["--rounds", "5"]),
    "batch": (["--rounds", "15"], ["--rounds", "3"]),
    "lookup": (["--terms", "120000"], ["--terms", "10000"]),
    "scan": ([], ["--quick"]),
    "scale": ([], ["--quick"]),
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
        # each in a process of its own: a child's peak memory (os.wait4) counts the
        # resident set of the process it was started from, so the large glossaries an
        # earlier benchmark built would be charged to the commands a later one measures
        sys.stdout.flush()
        done = subprocess.run([sys.executable, str(HERE / f"{name}.py"), *(quick if options.quick else full)], check=False)
        met = done.returncode == 0 and met
    print("\nall targets met" if met else "\nsome targets missed (see above)")
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main())
