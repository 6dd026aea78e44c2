"""Shared helpers of the benchmarks: interleaved timing of commands and a result table.

Machines are shared and noisy, so every benchmark measures its reference in the
same run, interleaved with the thing measured, and reports the ratio of medians.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


def installed_copy(folder: str) -> tuple[str, str, str]:
    """Build a wheel of the checkout and install it into a venv under ``folder``: (python, script, pip version)."""
    dist = os.path.join(folder, "dist")
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-build-isolation", "-w", dist, str(ROOT)], check=True)
    wheel = next(os.path.join(dist, name) for name in os.listdir(dist) if name.endswith(".whl"))
    # the pip that installs, upgraded in a venv of its own so that the measured one holds no pip
    tools = os.path.join(folder, "tools")
    subprocess.run([sys.executable, "-m", "venv", tools], check=True)
    installer = os.path.join(tools, "bin", "python")
    upgrade = subprocess.run([installer, "-m", "pip", "install", "--quiet", "--upgrade", "pip"], capture_output=True, text=True)
    if upgrade.returncode:
        print("  (pip could not be upgraded, offline? the interpreter's own pip writes the launcher)")
    pip_version = subprocess.run([installer, "-m", "pip", "--version"], capture_output=True, text=True, check=True).stdout.split()[1]
    venv = os.path.join(folder, "venv")
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", venv], check=True)
    python = os.path.join(venv, "bin", "python")
    # the wheel and its runtime dependencies, nothing else
    subprocess.run([installer, "-m", "pip", "--python", python, "install", "--quiet", wheel], check=True)
    return python, os.path.join(venv, "bin", "glossary"), pip_version


def time_commands(commands: Mapping[str, Sequence[str]], rounds: int = 30, cwd: str | None = None) -> dict[str, float]:
    """Median wall time in ms of each command, the commands run round-robin ``rounds`` times in ``cwd``."""
    samples: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(rounds):
        for name, command in commands.items():
            start = time.perf_counter()
            subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False, cwd=cwd)
            samples[name].append((time.perf_counter() - start) * 1000)
    return {name: statistics.median(values) for name, values in samples.items()}


def time_calls(calls: dict[str, Callable[[], object]], rounds: int = 7) -> dict[str, float]:
    """Median seconds of each call, the calls run round-robin ``rounds`` times."""
    samples: dict[str, list[float]] = {name: [] for name in calls}
    for _ in range(rounds):
        for name, call in calls.items():
            start = time.perf_counter()
            call()
            samples[name].append(time.perf_counter() - start)
    return {name: statistics.median(values) for name, values in samples.items()}


def report(title: str, rows: list[tuple[str, str, str, bool | None]]) -> bool:
    """Print ``(what, measured, target, met)`` rows; returns whether every target was met."""
    print(f"\n{title}")
    width = max(len(row[0]) for row in rows)
    for what, measured, target, met in rows:
        verdict = "" if met is None else ("  ok" if met else "  MISSED")
        print(f"  {what:<{width}}  {measured:>22}  {target:<18}{verdict}")
    return all(met is not False for _, _, _, met in rows)
