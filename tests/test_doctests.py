"""The examples in the package's docstrings are run, so they cannot drift from the code."""

from __future__ import annotations

import doctest
import importlib
import pkgutil

import pytest

import glossary

# Every module of the package; __main__ runs the command line when imported.
MODULES = sorted(
    info.name for info in pkgutil.walk_packages(glossary.__path__, "glossary.") if not info.name.endswith("__main__")
)


def test_the_walk_finds_the_package() -> None:
    assert {"glossary.core.normalize", "glossary.analysis.scanner", "glossary.formats.tbx"} <= set(MODULES)


@pytest.mark.parametrize("name", MODULES)
def test_the_docstring_examples_hold(name: str) -> None:
    module = importlib.import_module(name)
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE, verbose=False, report=False)
    assert result.failed == 0, f"{result.failed} of {result.attempted} examples in {name} fail: run python -m doctest -v {module.__file__}"


def test_the_package_has_examples() -> None:
    attempted = sum(doctest.testmod(importlib.import_module(name), report=False).attempted for name in ("glossary", "glossary.core.normalize", "glossary.core.pinyin"))
    assert attempted >= 5
