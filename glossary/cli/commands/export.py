"""``glossary export --format F [-o FILE|DIR] [--direction zh-en|en-zh] [--script hans|hant] [--lang en|zh]``: the glossary in an exchange format (for html, a site: ``-o DIR``)."""

from __future__ import annotations

import sys
from pathlib import Path


from glossary.cli.commands import Option, glossary_from, glossary_options, lang_option, option

TYPE_CHECKING = False
if TYPE_CHECKING:
    import argparse


def options() -> tuple[Option, ...]:
    from glossary.formats import names

    return (
        option("--format", "-f", required=True, choices=names(), help="the format to write"),
        option(
            "-o",
            "--output",
            metavar="FILE|DIR",
            help="write to FILE (through a temporary file renamed into place) instead of stdout (- is stdout); "
            "for a format that writes a site (html), the folder to write it into, or FILE.html for the page alone",
        ),
        lang_option("the labels of a page (html)"),
        option(
            "--direction",
            choices=("zh-en", "en-zh"),
            default="zh-en",
            help="for two-column glossaries (omegat): Chinese source terms (default) or English ones",
        ),
        option(
            "--script",
            choices=("hans", "hant"),
            default="hans",
            help="for two-column glossaries (omegat): simplified (default) or traditional Chinese",
        ),
        *glossary_options(),
    )


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
