"""``glossary export --format F [-o FILE]``: the glossary in an exchange format."""

from __future__ import annotations

import sys
from pathlib import Path

from glossary.commands import add_glossary_option, glossary_from

TYPE_CHECKING = False
if TYPE_CHECKING:
    import argparse


def add_arguments(parser: argparse.ArgumentParser) -> None:
    from glossary.formats import names

    parser.add_argument("--format", "-f", required=True, choices=names(), help="the format to write")
    parser.add_argument("-o", "--output", metavar="FILE", help="write to FILE (through a temporary file renamed into place) instead of stdout")
    add_glossary_option(parser)


def run(options: argparse.Namespace) -> int:
    from glossary.formats import export

    glossary = glossary_from(options)
    output = Path(options.output) if options.output else None
    data = export(glossary, options.format, output)
    if output is None:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
    else:
        print(f"wrote {len(glossary)} terms to {output}", file=sys.stderr)
    return 0
