"""The entries of the HTML page and its indexes (A–Z bar, abbreviations, timeline section), as XHTML text.

Every text from the data is escaped (:func:`_e`, through the package's one escaper,
:func:`glossary.formats._xml.escape`); labels follow the page's language and come, like the dates,
from the compiled catalogue and babel (:mod:`glossary.core.ui`).
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from glossary.core import normalize
from glossary.core.lang import check_language_tag
from glossary.formats.html.timeline import timeline_svg
from glossary.formats._xml import escape

if TYPE_CHECKING:
    from glossary.analysis.glossary import Glossary
    from glossary.core.entry import Citation, Term

__all__ = ["KIND_ORDER", "Page", "anchor", "initial", "lang_attribute", "ruby_pairs"]

KIND_ORDER = ("official", "source", "alternative", "literal", "deprecated")


def _e(text: object) -> str:
    """Text from the data for an element or a double-quoted attribute."""
    return escape(str(text), attribute=True)


def lang_attribute(tag: str) -> str:
    """A ``lang`` attribute, its tag checked with babel's locale parser like every tag the model holds."""
    return f' lang="{_e(check_language_tag(tag))}"'


_lang = lang_attribute


# --- ruby pinyin ------------------------------------------------------------------


def _written_syllables(spelled: str) -> list[str] | None:
    """The canonical pinyin cut into syllables as written, tone marks and capitals kept."""
    from glossary.errors import PinyinError
    from glossary.core.pinyin import parse

    try:
        words = parse(spelled)
    except PinyinError:
        return None
    separators = " '\u2019\u02bc-\u2010\u2011\u00b7"
    written = "".join(" " if char in separators else char for char in spelled).split()
    if len(written) != len(words):
        return None
    syllables: list[str] = []
    for raw, word in zip(written, words):
        letters = unicodedata.normalize("NFD", raw)
        position = 0
        for syllable, _tone in word:
            start = position
            for _ in syllable:
                if position >= len(letters):
                    return None
                position += 1
                while position < len(letters) and unicodedata.combining(letters[position]):
                    position += 1
            syllables.append(unicodedata.normalize("NFC", letters[start:position]))
        if position != len(letters):
            return None
    return syllables


def ruby_pairs(hans: str, spelled: str) -> list[tuple[str, str]] | None:
    """Each Han character with its syllable (``军`` / ``jūn``), or None when they do not pair up one to one."""
    syllables = _written_syllables(spelled)
    if syllables is None or len(hans) != len(syllables) or not all(normalize.is_han(char) for char in hans):
        return None
    return list(zip(hans, syllables))


def _ruby(hans: str, spelled: str) -> str:
    pairs = ruby_pairs(hans, spelled)
    if pairs is None:  # pinyin that does not split per character: one annotation for the whole term
        return f"<ruby>{_e(hans)}<rp>(</rp><rt>{_e(spelled)}</rt><rp>)</rp></ruby>"
    inner = "".join(f"{_e(char)}<rp>(</rp><rt>{_e(syllable)}</rt><rp>)</rp>" for char, syllable in pairs)
    return f"<ruby>{inner}</ruby>"


# --- the page -----------------------------------------------------------------------


@dataclass
class _Notes:
    """Numbers a term's citations in order of first appearance; marks link to the entry's source list."""

    term_id: str
    order: list[Citation] = field(default_factory=list)

    def mark(self, citations: tuple[Citation, ...]) -> str:
        links = []
        for citation in citations:
            if citation not in self.order:
                self.order.append(citation)
            number = self.order.index(citation) + 1
            links.append(f'<a href="#s-{_e(self.term_id)}-{number}">{number}</a>')
        return f'<sup class="cite">{",".join(links)}</sup>' if links else ""


class Page:
    """The page's parts in one interface language: labels, dates, entries and indexes."""

    def __init__(self, glossary: Glossary, lang: str) -> None:
        from glossary.core.ui import LANGUAGES, label, language_name

        check_language_tag(lang)
        if lang not in LANGUAGES:
            raise ValueError(f"{lang!r} is not a language of the interface: use one of {', '.join(LANGUAGES)}")
        self.glossary = glossary
        self.lang = lang
        self._label = label
        self._language_name = language_name

    def label(self, key: str) -> str:
        return _e(self._label(self.lang, key))

    def count(self, count: int) -> str:
        """The line saying how many concepts the page holds."""
        return _e(self._label(self.lang, "page.count") % {"count": count})

    def word(self, family: str, value: str) -> str:
        return _e(self._label(self.lang, f"{family}.{value}", value))

    def language(self, tag: str) -> str:
        return _e(self._language_name(tag, self.lang))

    def date(self, term: Term, date: str) -> str:
        shown = self.glossary.derived(term.id).get("dates_display", {}).get(date, {})
        return _e(shown.get(self.lang) or shown.get("en") or date)

    def first_use(self, term: Term) -> str:
        """A term's first-use date as the page shows it (not escaped: the timeline's writer escapes)."""
        shown = self.glossary.derived(term.id).get("first_use_display", {})
        assert term.first_use is not None
        return str(shown.get(self.lang) or shown.get("en") or term.first_use.date)

    # --- one entry ---

    def source(self, citation: Citation) -> str:
        document = self.glossary.source(citation.doc) or {}
        title = _e(document.get("title") or citation.doc)
        url = str(document.get("url") or "")
        if url.startswith(("https://", "http://")):
            title = f'<a href="{_e(url)}">{title}</a>'
        head = [f"<cite>{title}</cite>"]
        if document.get("title_original"):
            head[0] += f' (<span{_lang("zh-Hans")}>{_e(document["title_original"])}</span>)'
        head += [_e(document[key]) for key in ("author", "publisher", "date") if document.get(key)]
        if document.get("author"):
            head.insert(0, head.pop(1))
        quote_lang = _lang(document["language"]) if document.get("language") else ""
        return f'{", ".join(head)}; {_e(citation.locator)}: <q{quote_lang}>{_e(citation.quote)}</q>'

    def entry(self, term: Term) -> str:
        """One concept as an ``<article>``: its forms, renderings, facts and numbered sources."""
        notes = _Notes(term.id)
        parts = [
            f'<article class="term" id="t-{_e(term.id)}">',
            f'<h4 class="zh"{_lang("zh-Hans")}>{_ruby(term.zh.hans, term.zh.pinyin)}{notes.mark(term.zh.sources)}</h4>',
            '<p class="forms">'
            f'<span class="label">{self.language("zh-Hant")}</span> <span class="hant"{_lang("zh-Hant")}>{_e(term.zh.hant)}</span>'
            f' <span class="sep">\u00b7</span> <span class="label">{self.label("page.pinyin")}</span> <span class="pinyin">{_e(term.zh.pinyin)}</span>'
            f' <span class="sep">\u00b7</span> <span class="category">{self.word("category", term.category)}</span></p>',
            f'<dl class="renderings" aria-label="{self.language("en")}">{"".join(self.renderings(term, notes))}</dl>',
        ]
        facts = self.facts(term, notes)
        if facts:
            parts.append('<dl class="facts">' + "".join(f"<dt>{name}</dt><dd>{value}</dd>" for name, value in facts) + "</dl>")
        sources = "".join(f'<li id="s-{_e(term.id)}-{number}">{self.source(citation)}</li>' for number, citation in enumerate(notes.order, start=1))
        parts.append(f'<details class="sources" open="open"><summary>{self.label("sources")}</summary><ol>{sources}</ol></details>')
        parts.append("</article>")
        return "\n".join(parts)

    def renderings(self, term: Term, notes: _Notes) -> list[str]:
        """The English renderings by kind, as ``<dt>``/``<dd>`` pairs; one shared with other concepts says with which."""
        rows = []
        shared = {rendering.text: others for rendering, others in self.glossary.sharing(term.id)}
        for kind in KIND_ORDER:
            for rendering in term.renderings(kind):
                date = f' <span class="date">({self.date(term, rendering.date)})</span>' if rendering.date else ""
                note = f' <span class="note">{_e(rendering.note)}</span>' if rendering.note else ""
                if rendering.text in shared:
                    also = ", ".join(self.link(other) for other in shared[rendering.text])
                    note += f' <span class="ambiguous">{self.label("ambiguous")}: {self.label("ambiguous.shared")} {also}</span>'
                rows.append(
                    f'<dt class="kind-{kind}">{self.word("kind", kind)}</dt>'
                    f'<dd class="kind-{kind}"><span class="en"{_lang("en")}>{_e(rendering.text)}</span>{date}{notes.mark(rendering.sources)}{note}</dd>'
                )
        return rows

    def link(self, term: Term) -> str:
        """A link to a concept's entry, named by its Chinese and preferred English."""
        return f'<a href="#t-{_e(term.id)}"><span{_lang("zh-Hans")}>{_e(term.zh.hans)}</span> {_e(term.preferred)}</a>'

    def facts(self, term: Term, notes: _Notes) -> list[tuple[str, str]]:
        """The entry's other facts, each a label and its markup: abbreviations, variants, definition, first use, relations, note."""
        facts = []
        if term.abbreviations:
            shown = []
            for abbreviation in term.abbreviations:
                flag = f' <span class="flag">({self.label("erroneous")})</span>' if abbreviation.status != "accepted" else ""
                shown.append(f'<span class="abbr"{_lang(abbreviation.lang)}>{_e(abbreviation.text)}</span>{flag}{notes.mark(abbreviation.sources)}')
            facts.append((self.label("abbreviations"), ", ".join(shown)))
        if term.zh.variants:
            shown = [
                f'<span{_lang("zh-Hant" if variant.kind == "script" else "zh-Hans")}>{_e(variant.text)}</span> ({self.word("variant", variant.kind)}){notes.mark(variant.sources)}'
                for variant in term.zh.variants
            ]
            facts.append((self.label("variants"), ", ".join(shown)))
        if term.definition is not None:
            facts.append((self.label("definition"), f"{_e(term.definition.text)}{notes.mark(term.definition.sources)}"))
        if term.first_use is not None:
            note = f" \u2014 {_e(term.first_use.note)}" if term.first_use.note else ""
            shown_date = f'<time datetime="{_e(term.first_use.date)}">{_e(self.first_use(term))}</time>'
            facts.append((self.label("first_use"), f"{shown_date}{note}{notes.mark(term.first_use.sources)}"))
        elif term.no_first_use is not None:
            facts.append((self.label("first_use"), f"{self.label('first_use.none')} \u2014 {_e(term.no_first_use)}"))
        links = []
        for relation, other in self.glossary.related(term.id):
            own = next((item for item in term.relations if item.type == relation and item.target == other.id), None)
            cited = notes.mark(own.sources) if own is not None else ""
            links.append(f'{self.word("relation", relation)} \u2192 {self.link(other)}{cited}')
        if links:
            facts.append((self.label("relations"), "<br />".join(links)))
        if term.note:
            facts.append((self.label("note"), _e(term.note)))
        return facts

    # --- the indexes ---

    def letters(self, groups: list[tuple[str, list[Term]]]) -> str:
        present = {letter for letter, _ in groups}
        cells = []
        for letter in [*(["#"] if "#" in present else []), *"ABCDEFGHIJKLMNOPQRSTUVWXYZ"]:
            if letter in present:
                cells.append(f'<a href="#letter-{anchor(letter)}">{letter}</a>')
            else:
                cells.append(f'<span class="empty">{letter}</span>')
        return f'<nav class="letters" aria-label="{self.label("page.letters")}">{"".join(cells)}</nav>'

    def abbreviations(self, terms: list[Term]) -> str:
        rows = []
        for term in terms:
            for abbreviation in term.abbreviations:
                rows.append((abbreviation.text.casefold(), abbreviation, term))
        if not rows:
            return ""
        rows.sort(key=lambda row: (row[0], row[2].id))
        items = []
        for _, abbreviation, term in rows:
            flag = f' <span class="flag">({self.label("erroneous")})</span>' if abbreviation.status != "accepted" else ""
            items.append(
                f'<dt{_lang(abbreviation.lang)}>{_e(abbreviation.text)}{flag}</dt>'
                f"<dd>{self.link(term)}</dd>"
            )
        return f'<section id="abbreviations"><h2>{self.label("abbreviations")}</h2><dl class="abbreviations">{"".join(items)}</dl></section>'

    def timeline(self, terms: list[Term]) -> str:
        dated = [term for term in terms if term.first_use is not None]
        if not dated:
            return ""
        svg = timeline_svg(dated, self.first_use)
        return f'<section id="timeline"><h2 id="timeline-title">{self.label("page.timeline")}</h2>{svg}</section>'


def anchor(letter: str) -> str:
    """The fragment of a letter's section: ``#`` (no Latin initial) is ``other``."""
    return "other" if letter == "#" else letter


def initial(term: Term) -> str:
    """The letter a concept is filed under: the first Latin letter of its pinyin, else ``#``."""
    for char in term.pinyin_toneless:
        if "a" <= char.lower() <= "z":
            return char.upper()
    return "#"
