"""``glossary search TEXT``: ranked candidates: exact, prefix, substring and fuzzy matches."""

from __future__ import annotations

import sys

from glossary.cli.commands import Option, glossary_from, glossary_options, match_row, option, refused_query
from glossary.errors import quoted

TYPE_CHECKING = False
if TYPE_CHECKING:
    import argparse


def options() -> tuple[Option, ...]:
    return (
        option("text", nargs="+", help="part of a term, or a term with typos, in any form"),
        option("-n", "--limit", type=int, default=10, help="how many candidates at most (default 10; 0 for all)"),
        option("--json", action="store_true", help="print the candidates as JSON"),
        *glossary_options(),
    )


def run(options: argparse.Namespace) -> int:
    glossary = glossary_from(options)
    text = " ".join(options.text)
    if refused_query("search", text):
        return 2
    matches = glossary.search(text, options.limit)
    if options.json:
        import json

        rows = [match_row(match) for match in matches]
        print(json.dumps({"query": text, "matches": rows}, ensure_ascii=False, indent=2))
        return 0 if matches else 1
    if not matches:
        print(f"glossary search: nothing close to {quoted(text)}", file=sys.stderr)
        return 1
    for match in matches:
        term = match.term
        print(f"{match.score:5.1f}  {match.how:<11} {term.zh.hans}  {term.preferred}  [{term.id}]  ({match.kind}: {match.matched})")
    return 0
