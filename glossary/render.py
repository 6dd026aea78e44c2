"""Plain-text cards for the CLI: one readable block per term.

Labels come from :data:`LABELS` per UI language; dates and language names come
precomputed from the compiled data (babel ran when the glossary was built).
"""

from __future__ import annotations

TYPE_CHECKING = False
if TYPE_CHECKING:
    from glossary.entry import Citation, Term
    from glossary.index import Glossary, Match

__all__ = ["LABELS", "render_card", "render_source"]

LABELS: dict[str, dict[str, str]] = {
    "en": {
        "traditional": "Traditional",
        "pinyin": "Pinyin",
        "category": "Category",
        "english": "English",
        "abbreviations": "Abbreviations",
        "definition": "Definition",
        "first_use": "First use",
        "relations": "Relations",
        "variants": "Variants",
        "sources": "Sources",
        "note": "Note",
        "matched": "Matched",
        "erroneous": "erroneous",
    },
}

KIND_ORDER = ("official", "source", "alternative", "literal", "deprecated")


def _label(lang: str, key: str) -> str:
    return LABELS.get(lang, LABELS["en"]).get(key) or LABELS["en"][key]


class _Footnotes:
    """Numbers citations in order of first appearance, so a card cites each source once."""

    def __init__(self) -> None:
        self.order: list[Citation] = []

    def mark(self, citations: tuple[Citation, ...]) -> str:
        numbers = []
        for citation in citations:
            if citation not in self.order:
                self.order.append(citation)
            numbers.append(self.order.index(citation) + 1)
        return "".join(f"[{number}]" for number in numbers)


def render_source(citation: Citation, glossary: Glossary) -> str:
    document = glossary.source(citation.doc) or {}
    parts = [document.get("author"), document.get("title"), document.get("publisher"), document.get("date")]
    head = ", ".join(part for part in parts if part) or citation.doc
    return f"{head}; {citation.locator}: \u201c{citation.quote}\u201d"


def render_card(term: Term, glossary: Glossary, *, lang: str = "en", match: Match | None = None) -> str:
    """The card of one term, as the CLI prints it."""
    notes = _Footnotes()
    width = 15
    head = f"{term.zh.hans}  {term.zh.hant}" if term.zh.hant != term.zh.hans else term.zh.hans
    lines = [f"{head}  {notes.mark(term.zh.sources)}"]
    lines.append(f"{term.zh.pinyin}  ({term.pinyin_numbered})")
    lines.append(f"{term.id} \u00b7 {term.category}")
    if match is not None and match.kind not in ("hans", "id"):
        lines.append(f"{_label(lang, 'matched'):<{width}}{match.matched} ({match.kind})")
    lines.append("")
    lines.append(f"{_label(lang, 'english')}")
    for kind in KIND_ORDER:
        for rendering in term.renderings(kind):
            date = f" ({rendering.date})" if rendering.date else ""
            lines.append(f"  {kind:<{width - 2}}{rendering.text}{date} {notes.mark(rendering.sources)}")
    if term.abbreviations:
        shown = []
        for abbreviation in term.abbreviations:
            flag = f" ({_label(lang, 'erroneous')})" if abbreviation.status != "accepted" else ""
            shown.append(f"{abbreviation.text}{flag} {notes.mark(abbreviation.sources)}")
        lines.append(f"{_label(lang, 'abbreviations'):<{width}}{', '.join(shown)}")
    if term.zh.variants:
        shown = [f"{variant.text} ({variant.kind}) {notes.mark(variant.sources)}".rstrip() for variant in term.zh.variants]
        lines.append(f"{_label(lang, 'variants'):<{width}}{', '.join(shown)}")
    if term.definition is not None:
        lines.append(f"{_label(lang, 'definition'):<{width}}{term.definition.text} {notes.mark(term.definition.sources)}")
    if term.first_use is not None:
        display = glossary.derived(term.id).get("first_use_display", {})
        date = display.get(lang) or display.get("en") or term.first_use.date
        extra = f" \u2014 {term.first_use.note}" if term.first_use.note else ""
        lines.append(f"{_label(lang, 'first_use'):<{width}}{date}{extra} {notes.mark(term.first_use.sources)}")
    related = glossary.related(term.id)
    if related:
        for number, (label, other) in enumerate(related):
            head = _label(lang, "relations") if number == 0 else ""
            lines.append(f"{head:<{width}}{label.replace('-', ' ')} \u2192 {other.zh.hans} {other.preferred} ({other.id})")
    if term.note:
        lines.append(f"{_label(lang, 'note'):<{width}}{term.note}")
    lines.append(_label(lang, "sources"))
    for number, citation in enumerate(notes.order, start=1):
        lines.append(f"  [{number}] {render_source(citation, glossary)}")
    return "\n".join(lines)
