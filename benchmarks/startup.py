"""Start-up: ``glossary lookup 军民融合`` against ``python3 -c pass``, and the cost of loading.

Targets (issues 4 and 13): the lookup command's wall time at most 2x a bare interpreter's in
the same environment, both as the console script and as ``python -m glossary``;
``import glossary; glossary.load()`` at most 60 ms above a bare interpreter, without
importing pypinyin, OpenCC or babel.

What users run is an installed wheel, so the benchmark builds one from this checkout
and installs it, with its runtime dependencies only, into a temporary virtual
environment (no system or test site-packages: a bare interpreter there starts in
about 8 ms, where one that lends the test environment's packages took 28 ms and
flattered every ratio). The installing pip is the newest one pip can fetch (upgraded in a
throw-away tools venv, so the measured venv holds no pip), as a user who installs today
gets: the console script's launcher is written by that pip, and since pip 25.2 it no
longer imports ``re`` (older pips' launchers import it and compile a pattern, about
0.6x of a bare start). Offline, the interpreter's own pip is used and the report says
which pip wrote the launcher. Two rows show what each command runs that is not ours:
the launcher alone (the installed script with ``main`` replaced by a no-op) and
``runpy`` (which ``python -m`` imports). pip fetches the dependencies the way it is
configured to (index, ``--find-links``, its cache); offline, point it at a folder of
wheels with ``PIP_NO_INDEX=1 PIP_FIND_LINKS=DIR``. pip compiles the bytecode at install
time, as it does for users. The reference, ``python -c pass``, runs in the same
environment.

    python3 benchmarks/startup.py [--rounds N]
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile

from _common import installed_copy, report, time_commands


def launcher_alone(script: str) -> str:
    """The installed console script with its import of ``main`` replaced by a no-op: what pip's launcher costs."""
    with open(script, encoding="utf-8") as file:
        lines = file.read().splitlines()[1:]  # without the shebang
    return "\n".join("main = lambda: 0" if line.startswith("from glossary") else line for line in lines)


def main(rounds: int = 30) -> bool:
    with tempfile.TemporaryDirectory() as folder:
        python, script, pip_version = installed_copy(folder)
        # run from an empty folder, so that the checkout is not on sys.path (the process's own
        # folder is left alone: it must outlive this temporary one for the benchmarks after it)
        return measure(python, script, rounds, cwd=folder, pip_version=pip_version)


def measure(python: str, script: str | None, rounds: int, cwd: str | None = None, pip_version: str = "") -> bool:
    commands = {
        "python -c pass": [python, "-c", "pass"],
        "python -m glossary lookup": [python, "-m", "glossary", "lookup", "军民融合"],
        "import glossary; load()": [python, "-c", "import glossary; glossary.load()"],
        # the parts of each command that are not ours, for the reader of the ratios
        "runpy": [python, "-c", "import runpy, importlib.util"],
    }
    if script:
        commands["glossary lookup (script)"] = [script, "lookup", "军民融合"]
        commands["launcher"] = [python, "-c", launcher_alone(script)]
    medians = time_commands(commands, rounds, cwd=cwd)
    base = medians["python -c pass"]

    def ratio_row(what: str, name: str, target: bool) -> tuple[str, str, str, bool | None]:
        ratio = medians[name] / base
        return (what, f"{medians[name]:.1f} ms = {ratio:.2f}x", "<= 2x" if target else "(not ours)", ratio <= 2 if target else None)

    rows: list[tuple[str, str, str, bool | None]] = [("python3 -c pass (reference)", f"{base:.1f} ms", "", None)]
    if script:
        rows.append(ratio_row("glossary lookup 军民融合", "glossary lookup (script)", True))
    rows.append(ratio_row("python3 -m glossary lookup 军民融合", "python -m glossary lookup", True))
    if script:
        rows.append(ratio_row(f"  the launcher alone (written by pip {pip_version})", "launcher", False))
    rows.append(ratio_row("  python -m's runpy alone", "runpy", False))
    extra = medians["import glossary; load()"] - base
    rows.append(("import glossary; glossary.load()", f"+{extra:.1f} ms", "<= +60 ms", extra <= 60))
    probe = subprocess.run(
        [python, "-c", "import sys, glossary; glossary.load().lookup('军民融合'); "
         "print(' '.join(m for m in ('pydantic', 'pypinyin', 'opencc', 'babel', 'rapidfuzz') if m in sys.modules))"],
        capture_output=True, text=True, check=True, cwd=cwd,
    )
    heavy = probe.stdout.strip()
    rows.append(("heavy imports on the lookup path", heavy or "none", "none", not heavy))
    return report(f"Start-up of an installed wheel ({rounds} interleaved rounds, medians)", rows)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=30)
    sys.exit(0 if main(parser.parse_args().rounds) else 1)
