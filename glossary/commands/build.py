"""``glossary build``: regenerate ``glossary/_compiled.py`` (and ``_tables.py``) from ``terms/``."""

from __future__ import annotations

import sys

TYPE_CHECKING = False
if TYPE_CHECKING:
    import argparse


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--no-tables", action="store_true", help="keep glossary/_tables.py as it is (only recompile the terms)")


def run(options: argparse.Namespace) -> int:
    from glossary.build import build_bundled

    for path in build_bundled(tables=not options.no_tables):
        print(f"wrote {path}", file=sys.stderr)
    return 0
