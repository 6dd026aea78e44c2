"""``glossary build``: regenerate the compiled data of a checkout (terms, tables, labels)."""

from __future__ import annotations

import sys

TYPE_CHECKING = False
if TYPE_CHECKING:
    import argparse


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--no-tables", action="store_true", help="keep glossary/_tables.py as it is (only recompile the terms and labels)")
    parser.add_argument(
        "--update-catalogue",
        action="store_true",
        help="first extract the interface's labels into glossary/locale/glossary.pot and merge them into each language's glossary.po",
    )


def run(options: argparse.Namespace) -> int:
    from glossary.build import build_bundled
    from glossary.catalogue import catalogue_problems

    for path in build_bundled(tables=not options.no_tables, update_catalogue=options.update_catalogue):
        print(f"wrote {path}", file=sys.stderr)
    for where, message in catalogue_problems():
        # untranslated labels fall back to English; the tests insist on a complete catalogue
        print(f"warning: {where}: {message}", file=sys.stderr)
    return 0
