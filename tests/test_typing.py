"""The type hints of the package and of the benchmarks hold: mypy --strict (configured in pyproject.toml) finds nothing.

The benchmarks are checked too because no test runs them: a benchmark that called a
helper with the wrong arity would otherwise fail only when someone measured with it.
"""

from __future__ import annotations

import subprocess
import sys

import pytest
from conftest import ROOT

pytest.importorskip("mypy", reason="mypy is in the test extra; install it with pip install -e '.[test]'")


def test_mypy_strict_finds_no_error(tmp_path) -> None:  # noqa: ANN001
    process = subprocess.run(
        [sys.executable, "-m", "mypy", "--cache-dir", str(tmp_path / "cache"), "glossary", "benchmarks"],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert process.returncode == 0, process.stdout + process.stderr
