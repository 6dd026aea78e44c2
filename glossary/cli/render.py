"""Plain-text cards for the CLI: one readable block per term, in English or Chinese.

Labels come from the gettext catalogue and language names and dates from babel, all
compiled by ``glossary build`` (:mod:`glossary.core.ui` reads them): rendering a card
imports neither gettext nor babel.
"""

from __future__ import annotations

from glossary.core.ui import label, language_name, pad, word

TYPE_CHECKING = False
if TYPE_CHECKING:
    from glossary.core.entry import Citation, Term
    from glossary.analysis.glossary import Glossary
    from glossary.core.index import Match

__all__ = ["KIND_ORDER", "date_display", "match_kind_label", "render_card", "render_source"]

KIND_ORDER = ("official", "source", "alternative", "literal", "deprecated")

#: Columns of the label column of a card.
WIDTH = 15


def date_display(glossary: Glossary, term_id: str, date: str, lang: str) -> str:
    """A rendering's or relation's date as babel formatted it at build time (the raw date if it did not)."""
    shown = glossary.derived(term_id).get("dates_display", {}).get(date, {})
    return str(shown.get(lang) or shown.get("en") or date)


def match_kind_label(kind: str, lang: str) -> str:
    """What a match kind is called: babel's language name for hans/hant, a catalogue label otherwise."""
    if kind in ("hans", "hant"):
        return language_name("zh-Hans" if kind == "hans" else "zh-Hant", lang)
    return word(lang, "match", kind)


class _Footnotes:
    """Numbers citations in order of first appearance, so a card cites each source once."""

    def __init__(self) -> None:
        #: citation -> its number, in order of first appearance (a dict: comparing records one by one cost more than the card)
        self.order: dict[Citation, int] = {}

    def mark(self, citations: tuple[Citation, ...]) -> str:
        # in ascending order, [2][3] rather than [3][2], when a source cited earlier on the card comes last here
        numbers = [self.order.setdefault(citation, len(self.order) + 1) for citation in citations]
        return "".join(f"[{number}]" for number in sorted(numbers))


def render_source(citation: Citation, glossary: Glossary) -> str:
    document = glossary.source(citation.doc) or {}
    parts = [document.get("author"), document.get("title"), document.get("publisher"), document.get("date")]
    head = ", ".join(part for part in parts if part) or citation.doc
    return f"{head}; {citation.locator}: \u201c{citation.quote}\u201d"


def render_card(term: Term, glossary: Glossary, *, lang: str = "en", match: Match | None = None) -> str:
    """The card of one term, as the CLI prints it, with labels in ``lang`` (en or zh)."""
    notes = _Footnotes()
    width = WIDTH
    head = f"{term.zh.hans}  {term.zh.hant}" if term.zh.hant != term.zh.hans else term.zh.hans
    lines = [f"{head}  {notes.mark(term.zh.sources)}"]
    if term.zh.pinyin:
        lines.append(f"{term.zh.pinyin}  ({term.pinyin_numbered})")
    lines.append(f"{term.id} \u00b7 {word(lang, 'category', term.category)}")
    if match is not None and match.kind not in ("hans", "id"):
        lines.append(f"{pad(label(lang, 'matched'), width)}{match.matched} ({match_kind_label(match.kind, lang)})")
    lines.append("")
    lines.append(language_name("en", lang))
    for kind in KIND_ORDER:
        for rendering in term.renderings(kind):
            date = f" ({date_display(glossary, term.id, rendering.date, lang)})" if rendering.date else ""
            lines.append(f"  {pad(word(lang, 'kind', kind), width - 2)}{rendering.text}{date} {notes.mark(rendering.sources)}")
    for rendering, others in glossary.sharing(term.id):
        also = ", ".join(f"{other.zh.hans} {other.preferred} ({other.id})" for other in others)
        shared = label(lang, "ambiguous.shared")
        space = " " if shared[-1].isascii() else ""  # none after a full-width colon
        lines.append(f"{pad(label(lang, 'ambiguous'), width)}\u201c{rendering.text}\u201d: {shared}{space}{also}")
    if term.abbreviations:
        shown = []
        for abbreviation in term.abbreviations:
            flag = f" ({label(lang, 'erroneous')})" if abbreviation.status != "accepted" else ""
            shown.append(f"{abbreviation.text}{flag} {notes.mark(abbreviation.sources)}")
        lines.append(f"{pad(label(lang, 'abbreviations'), width)}{', '.join(shown)}")
    if term.zh.variants:
        shown = [f"{variant.text} ({word(lang, 'variant', variant.kind)}) {notes.mark(variant.sources)}".rstrip() for variant in term.zh.variants]
        lines.append(f"{pad(label(lang, 'variants'), width)}{', '.join(shown)}")
    if term.definition is not None:
        lines.append(f"{pad(label(lang, 'definition'), width)}{term.definition.text} {notes.mark(term.definition.sources)}")
    if term.first_use is not None:
        display = glossary.derived(term.id).get("first_use_display", {})
        date = display.get(lang) or display.get("en") or term.first_use.date
        extra = f" \u2014 {term.first_use.note}" if term.first_use.note else ""
        lines.append(f"{pad(label(lang, 'first_use'), width)}{date}{extra} {notes.mark(term.first_use.sources)}")
    elif term.no_first_use is not None:
        lines.append(f"{pad(label(lang, 'first_use'), width)}{label(lang, 'first_use.none')} \u2014 {term.no_first_use}")
    for number, (relation, other) in enumerate(glossary.related_ids(term.id)):
        head = label(lang, "relations") if number == 0 else ""
        hans, preferred = glossary.headline(other)
        lines.append(f"{pad(head, width)}{word(lang, 'relation', relation)} \u2192 {hans} {preferred} ({other})")
    if term.note:
        lines.append(f"{pad(label(lang, 'note'), width)}{term.note}")
    lines.append(label(lang, "sources"))
    for number, citation in enumerate(notes.order, start=1):
        lines.append(f"  [{number}] {render_source(citation, glossary)}")
    return "\n".join(lines)
