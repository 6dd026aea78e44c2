"""``glossary build``: regenerate the compiled data of a checkout (terms, tables, labels)."""

from __future__ import annotations

import sys

from glossary.cli.commands import Option, option

TYPE_CHECKING = False
if TYPE_CHECKING:
    import argparse


def options() -> tuple[Option, ...]:
    return (
        option(
            "--check",
            action="store_true",
            help="write nothing; exit 1 naming each generated file that terms/ or the catalogue would change",
        ),
        option("--no-tables", action="store_true", help="keep glossary/core/_tables.py as it is (only recompile the terms and labels)"),
        option(
            "--update-catalogue",
            action="store_true",
            help="first extract the interface's labels into glossary/authoring/locale/glossary.pot and merge them into each language's glossary.po",
        ),
    )


def run(options: argparse.Namespace) -> int:
    from glossary.authoring.build import build_bundled
    from glossary.authoring.catalogue import catalogue_problems

    if options.check:
        return _check()
    for path in build_bundled(tables=not options.no_tables, update_catalogue=options.update_catalogue):
        print(f"wrote {path}", file=sys.stderr)
    for where, message in catalogue_problems():
        # untranslated labels fall back to English; the tests insist on a complete catalogue
        print(f"warning: {where}: {message}", file=sys.stderr)
    return 0


def _check() -> int:
    from glossary.authoring.build import source_root, stale_generated

    stale = stale_generated()
    root = source_root()
    for path, reason in stale:
        shown = path.relative_to(root) if root else path
        print(f"stale: {shown}: {reason}; run `glossary build` and commit it", file=sys.stderr)
    return 1 if stale else 0
