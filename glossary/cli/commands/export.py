"""``glossary export --format F [-o FILE|DIR] [--direction zh-en|en-zh] [--script hans|hant] [--lang en|zh]``: the glossary in an exchange format (for html, a site: ``-o DIR``)."""

from __future__ import annotations

import sys
from pathlib import Path

from glossary.cli.commands import add_glossary_option, add_lang_option, glossary_from

TYPE_CHECKING = False
if TYPE_CHECKING:
    import argparse


def add_arguments(parser: argparse.ArgumentParser) -> None:
    from glossary.formats import names

    parser.add_argument("--format", "-f", required=True, choices=names(), help="the format to write")
    parser.add_argument(
        "-o",
        "--output",
        metavar="FILE|DIR",
        help="write to FILE (through a temporary file renamed into place) instead of stdout (- is stdout); "
        "for a format that writes a site (html), the folder to write it into, or FILE.html for the page alone",
    )
    add_lang_option(parser, "the labels of a page (html)")
    parser.add_argument(
        "--direction",
        choices=("zh-en", "en-zh"),
        default="zh-en",
        help="for two-column glossaries (omegat): Chinese source terms (default) or English ones",
    )
    parser.add_argument(
        "--script",
        choices=("hans", "hant"),
        default="hans",
        help="for two-column glossaries (omegat): simplified (default) or traditional Chinese",
    )
    add_glossary_option(parser)


def run(options: argparse.Namespace) -> int:
    from glossary.formats import ExportOptions, export

    glossary = glossary_from(options)
    output = Path(options.output) if options.output and options.output != "-" else None
    data = export(glossary, options.format, output, ExportOptions(direction=options.direction, script=options.script, lang=options.lang))
    if output is None:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
    else:
        print(f"wrote {len(glossary)} terms to {output}", file=sys.stderr)
    return 0
