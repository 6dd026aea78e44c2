"""``glossary validate [DIR]``: check a terms folder; exit 1 listing every problem."""

from __future__ import annotations

import sys
from pathlib import Path

from glossary.cli.commands import Option, option

TYPE_CHECKING = False
if TYPE_CHECKING:
    import argparse


def options() -> tuple[Option, ...]:
    return (
        option("folder", nargs="?", help="the terms folder (default: the bundled terms)"),
        option("--quick", action="store_true", help="skip the pinyin and traditional-form checks (no pypinyin or OpenCC)"),
    )


def run(options: argparse.Namespace) -> int:
    from glossary.errors import DataError
    from glossary.loading.loader import bundled_terms_folder
    from glossary.authoring.validate import validate_path

    from glossary.core.files import is_folder

    folder = Path(options.folder) if options.folder is not None else bundled_terms_folder()
    if folder is None or not is_folder(options.folder if options.folder is not None else folder):
        raise DataError([(str(folder), "not a folder of term files")])
    from glossary.errors import printable

    problems = validate_path(folder, slow_checks=not options.quick)
    for problem in problems:
        print(printable(str(problem)))  # a file name may hold terminal escapes
    count = len(list(folder.glob("*.toml")))
    if problems:
        print(f"glossary validate: {len(problems)} problem(s) in {folder}", file=sys.stderr)
        return 1
    print(f"glossary validate: {folder}: {count} files, no problems", file=sys.stderr)
    return 0
