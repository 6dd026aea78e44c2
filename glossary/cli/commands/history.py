"""``glossary history QUERY``: a term's succession chain and its English renderings over time."""

from __future__ import annotations

import sys

from glossary.cli.commands import Option, glossary_from, glossary_options, lang_option, option, refused_query
from glossary.errors import quoted

TYPE_CHECKING = False
if TYPE_CHECKING:
    import argparse

    from glossary.core.entry import Citation
    from glossary.analysis.history import History
    from glossary.analysis.glossary import Glossary


def options() -> tuple[Option, ...]:
    return (
        option("query", nargs="+", help="the term: an id, or Chinese, pinyin, English or an abbreviation, as for lookup"),
        option("--json", action="store_true", help="print the history as JSON"),
        lang_option("the labels"),
        *glossary_options(),
    )


def run(options: argparse.Namespace) -> int:
    from glossary.errors import TermNotFoundError

    glossary = glossary_from(options)
    query = " ".join(options.query)
    if refused_query("history", query):
        return 2
    try:
        history = glossary.history(query)
    except TermNotFoundError:
        print(f"glossary history: no term matches {quoted(query)}", file=sys.stderr)
        return 1
    if options.json:
        from glossary.formats.json import dumps

        print(dumps(history_document(history, glossary, query)), end="")
    else:
        print(render_history(history, glossary, options.lang))
    return 0


def history_document(history: History, glossary: Glossary, query: str) -> dict[str, object]:
    """``--json``: the history, the query, and the documents its citations name."""
    data = history.to_dict()
    cited = {citation["doc"] for item in [*data["links"], *data["renderings"]] for citation in item["sources"]}
    return {"query": query, **data, "sources": {key: value for key, value in glossary.sources.items() if key in cited}}


def render_history(history: History, glossary: Glossary, lang: str) -> str:
    from glossary.cli.render import WIDTH, date_display, render_source
    from glossary.core.ui import display_width, label, language_name, pad, word

    cited: list[Citation] = []

    def marks(citations: tuple[Citation, ...]) -> str:
        for citation in citations:
            if citation not in cited:
                cited.append(citation)
        return "".join(f"[{cited.index(citation) + 1}]" for citation in citations)

    term = history.term
    head = f"{term.zh.hans}  {term.zh.hant}" if term.zh.hant != term.zh.hans else term.zh.hans
    lines = [head, f"{term.zh.pinyin} \u00b7 {term.id}", ""]

    undated = label(lang, "history.undated")
    first_uses = {}
    for member in history.chain:
        display = glossary.derived(member.id).get("first_use_display", {})
        first_uses[member.id] = display.get(lang) or display.get("en") or (member.first_use.date if member.first_use else undated)
    if len(history.chain) == 1:
        lines.append(f"{pad(label(lang, 'history.succession'), WIDTH)}{label(lang, 'history.alone')}")
    else:
        linear = history.is_linear
        arrow = " \u2192 ".join(member.zh.hans for member in history.chain) if linear else ""
        lines.append(f"{pad(label(lang, 'history.succession'), WIDTH)}{arrow}".rstrip())
        column = max(display_width(date) for date in first_uses.values()) + 2
        for member in history.chain:
            here = "  \u25c0" if member.id == term.id else ""
            sources = ""
            if linear:
                sources = "".join(" " + marks(link.relation.sources) for link in history.links if link.later.id == member.id)
            lines.append(f"  {pad(first_uses[member.id], column)}{member.zh.hans}  {member.preferred} ({member.id}){sources}{here}")
        if not linear:
            for link in history.links:
                lines.append(f"  {link.earlier.zh.hans} \u2192 {link.later.zh.hans} {marks(link.relation.sources)}")
    lines.append("")

    lines.append(f"{label(lang, 'history.renderings')} ({language_name('en', lang)})")
    dates = [date_display(glossary, term.id, rendering.date, lang) if rendering.date else undated for rendering in history.renderings]
    column = max(display_width(date) for date in dates) + 2
    kinds = max(display_width(word(lang, "kind", rendering.kind)) for rendering in history.renderings) + 2
    for date, rendering in zip(dates, history.renderings):
        lines.append(f"  {pad(date, column)}{pad(word(lang, 'kind', rendering.kind), kinds)}{rendering.text} {marks(rendering.sources)}")
        if rendering.note:
            lines.append(f"  {' ' * (column + kinds)}{rendering.note}")
    lines.append(label(lang, "sources"))
    for number, citation in enumerate(cited, start=1):
        lines.append(f"  [{number}] {render_source(citation, glossary)}")
    return "\n".join(lines)
