"""The package's type hints hold: mypy --strict (configured in pyproject.toml) finds nothing."""

from __future__ import annotations

import subprocess
import sys

import pytest
from conftest import ROOT

pytest.importorskip("mypy", reason="mypy is in the test extra; install it with pip install -e '.[test]'")


def test_mypy_strict_finds_no_error(tmp_path) -> None:  # noqa: ANN001
    process = subprocess.run(
        [sys.executable, "-m", "mypy", "--cache-dir", str(tmp_path / "cache"), "glossary"],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert process.returncode == 0, process.stdout + process.stderr
