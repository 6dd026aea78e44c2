"""Shared fixtures: the tiny committed terms folder, the bundled glossary, a CLI runner."""

from __future__ import annotations

import atexit
import os
import shutil
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # test this checkout, whatever is installed
    sys.path.insert(0, str(ROOT))

# the compile cache of this run: never the user's own cache folder (subprocesses inherit it)
_CACHE = tempfile.mkdtemp(prefix="glossary-test-cache-")
os.environ["GLOSSARY_CACHE_DIR"] = _CACHE
atexit.register(shutil.rmtree, _CACHE, True)

import glossary  # noqa: E402
from glossary.cli import main  # noqa: E402

FIXTURE_TERMS = ROOT / "tests" / "data" / "terms"


def skip_unless_built_with_installed_versions(path: Path) -> None:
    """Skip a comparison with a freshly generated module when another pypinyin, OpenCC or babel built it.

    Another version of those libraries may give other tables, readings or names, so the
    comparison says nothing about terms/ then; CI installs the versions the header records.
    """
    from glossary.authoring.generated import generator_versions, recorded_versions

    recorded, installed = recorded_versions(path.read_text(encoding="utf-8")), generator_versions()
    if recorded != installed:
        pytest.skip(f"{path.name} was built with {recorded}, the installed versions are {installed}")


@pytest.fixture(scope="session")
def fixture_glossary() -> glossary.Glossary:
    """The three-term fixture folder alone (not merged over the bundled terms)."""
    return glossary.load(FIXTURE_TERMS, bundled=False)


@pytest.fixture(scope="session")
def bundled() -> glossary.Glossary:
    return glossary.load()


@pytest.fixture()
def terms_copy(tmp_path: Path) -> Path:
    """A writable copy of the fixture folder, for tests that break it."""
    target = tmp_path / "terms"
    shutil.copytree(FIXTURE_TERMS, target)
    return target


class CliResult:
    def __init__(self, code: int, out: str, err: str) -> None:
        self.code, self.out, self.err = code, out, err

    def __repr__(self) -> str:
        return f"CliResult(code={self.code}, out={self.out[:200]!r}, err={self.err[:200]!r})"


@pytest.fixture()
def cli(capsys: pytest.CaptureFixture[str]) -> Callable[..., CliResult]:
    """Run ``glossary ARGS`` in-process and return its exit code, stdout and stderr."""

    def run(*args: str) -> CliResult:
        code = main(list(args))
        captured = capsys.readouterr()
        return CliResult(code, captured.out, captured.err)

    return run
