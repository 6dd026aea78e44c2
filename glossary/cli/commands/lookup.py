"""``glossary lookup QUERY``: the card of the term a query names, in any form."""

from __future__ import annotations

import sys

from glossary.cli.commands import Option, glossary_from, glossary_options, lang_option, match_row, option, refused_query
from glossary.errors import quoted

TYPE_CHECKING = False
if TYPE_CHECKING:
    import argparse
    from typing import Any

    from glossary.analysis.glossary import Glossary


def options() -> tuple[Option, ...]:
    return (
        option("query", nargs="*", help="simplified or traditional Chinese, pinyin, English, an abbreviation or a term id; - reads one query per line from stdin"),
        option("--from", dest="from_file", metavar="FILE", help="read one query per line from FILE (- for stdin) and print one line per query"),
        option("--short", action="store_true", help="print the one-line answer instead of the card"),
        option("--format", choices=("text", "tsv"), default="text", help="one-line answers as text (default) or TSV with a header"),
        option("--json", action="store_true", help="print the matches as the JSON contract instead of cards"),
        option("--all", action="store_true", help="show every concept that matches, not only the best ones"),
        lang_option("the card's labels"),
        *glossary_options(),
    )


def run(options: argparse.Namespace) -> int:
    import gc

    # a lookup makes thousands of objects and no garbage cycles: the collector would only cost
    # time (a tenth of a lookup's own work, measured); it runs again when the command returns
    gc.disable()
    try:
        return _run(options)
    finally:
        gc.enable()


def _run(options: argparse.Namespace) -> int:
    from_file = getattr(options, "from_file", None) or ("-" if options.query == ["-"] else None)
    if from_file is not None or getattr(options, "short", False):
        return run_one_line(options, from_file)
    glossary = glossary_from(options)
    query = " ".join(options.query)
    if refused_query("lookup", query):
        return 2
    matches = glossary.lookup(query)
    if not matches:
        suggestions = glossary.suggest(query)
        if options.json:
            import json

            rows = [match_row(match) for match in suggestions]
            print(json.dumps({"format": "glossary", "version": 1, "query": query, "matches": [], "terms": [], "suggestions": rows}, ensure_ascii=False, indent=2))
        message = f"glossary lookup: no term matches {quoted(query)}"
        if suggestions:
            message += "\ndid you mean:\n" + "\n".join(
                f"  {match.term.zh.hans}  {match.term.preferred}  [{match.term.id}]" for match in suggestions
            )
        print(message, file=sys.stderr)
        return 1
    # an ambiguous English rendering names every concept that carries it, whatever its kind there
    shown = matches if options.all else [match for match in matches if match.score == matches[0].score or match.ambiguous]
    if options.json:
        from glossary.formats.json import contract_document, dumps

        document = contract_document(glossary, [match.term for match in shown])
        document = {**document, "query": query, "matches": [match.to_dict() for match in shown]}
        shared = ambiguous_notes(glossary, [match.term.id for match in shown])
        if shared:
            document["ambiguous"] = shared
        print(dumps(document))
        return 0
    from glossary.cli.render import render_card

    cards = [render_card(match.term, glossary, lang=options.lang, match=match) for match in shown]
    print("\n\n".join(cards))
    rest = matches[len(shown) :]
    if rest:
        also = ", ".join(f"{match.term.id} ({match.matched})" for match in rest)
        print(f"\nalso matches: {also} (--all shows them)", file=sys.stderr)
    return 0


def run_one_line(options: argparse.Namespace, from_file: str | None) -> int:
    """``--short``, ``-`` and ``--from FILE``: one line per query (see :mod:`glossary.cli.lookup_lines`)."""
    from glossary.cli.lookup_lines import queries_from, run_lines

    style = "json" if options.json else getattr(options, "format", "text") or "text"
    if from_file is not None:
        if options.query and options.query != ["-"]:
            print("glossary lookup: give queries either as arguments or with - / --from FILE, not both", file=sys.stderr)
            return 2
        queries = [query for _, query in queries_from(from_file)]
    else:
        query = " ".join(options.query)
        if refused_query("lookup", query):
            return 2
        queries = [query]
    return run_lines(glossary_from(options), queries, style)


def ambiguous_notes(glossary: Glossary, term_ids: list[str]) -> list[dict[str, Any]]:
    """One note per ambiguous English rendering of the shown terms: the English and every concept carrying it."""
    notes: dict[str, dict[str, Any]] = {}
    for term_id in term_ids:
        for rendering, others in glossary.sharing(term_id):
            note = notes.setdefault(rendering.text, {"text": rendering.text, "note": "PRC sources use this English for more than one concept", "terms": []})
            for found in (term_id, *(other.id for other in others)):
                if found not in note["terms"]:
                    note["terms"].append(found)
    return list(notes.values())
