"""``glossary stats``: how many concepts of each kind, and how complete they are."""

from __future__ import annotations

from glossary.commands import add_glossary_option, glossary_from

TYPE_CHECKING = False
if TYPE_CHECKING:
    import argparse


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--json", action="store_true", help="print the counts as JSON")
    add_glossary_option(parser)


def run(options: argparse.Namespace) -> int:
    from glossary.stats import glossary_stats, render_stats

    stats = glossary_stats(glossary_from(options))
    if options.json:
        import json

        print(json.dumps(stats, ensure_ascii=False, indent=2))
    else:
        print(render_stats(stats))
    return 0
