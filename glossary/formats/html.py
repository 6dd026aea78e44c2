"""A static, self-contained HTML glossary: one page, no network, no CDN.

``glossary export --format html -o DIR`` writes ``DIR/index.html``: every concept in
pinyin order (Chinese with ruby pinyin, traditional form, renderings by kind,
abbreviations, first use, variants, definition, relations as in-page links, and the
sources with locator and quote), an alphabet bar, an index of abbreviations, a
timeline of first-use dates drawn as inline SVG, print-friendly CSS and a search box.

Search runs in the browser on the lookup keys ``glossary build`` computed, per family,
as the index holds them (:func:`page_keys`), and on tables taken from
:mod:`glossary.core.normalize` and :mod:`glossary.core.pinyin` (:func:`search_tables`); both go
into the page as JSON. The script is a port of :meth:`Glossary.query_keys` that only
applies those tables, so a query has the same keys in the page as in ``glossary
lookup``: the concepts whose keys equal them are what lookup finds (marked
``data-match="exact"``), and concepts whose keys contain the query are shown as one
types. So it finds 軍民融合, junmin, jun1min2, "Military–Civil Fusion" and m.c.f. alike.

Every text from the data is escaped; the script and style are constants, with no data
inside them, and the JSON has its markup characters escaped. The page is also well-formed XML (a test parses it), which keeps its
markup honest. Labels follow ``--lang`` (en or zh) and come, like the dates, from the
compiled catalogue and babel (:mod:`glossary.core.ui`).
"""

from __future__ import annotations

import functools
import html
import json
import unicodedata
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, ClassVar

from glossary.core import normalize
from glossary.formats.base import ExportOptions, Format
from glossary.core.lang import check_language_tag

if TYPE_CHECKING:
    from collections.abc import Callable, Mapping

    from glossary.core.entry import Citation, Term
    from glossary.analysis.glossary import Glossary
    from glossary.core.model import GlossaryDocument

__all__ = ["HtmlFormat", "page", "page_keys", "ruby_pairs", "search_data", "search_tables"]

KIND_ORDER = ("official", "source", "alternative", "literal", "deprecated")
#: The tag of the page's own language: the zh interface is written in simplified characters.
_PAGE_TAGS = {"en": "en", "zh": "zh-Hans"}


def _e(text: object) -> str:
    """Escape text for an element or a double-quoted attribute."""
    return html.escape(str(text), quote=True)


def _lang(tag: str) -> str:
    """A ``lang`` attribute, its tag checked with babel's locale parser like every tag the model holds."""
    return f' lang="{_e(check_language_tag(tag))}"'


# --- search: the index's keys and the tables of its normalisers ---------------------


def page_keys(glossary: Glossary, term: Term) -> dict[str, list[str]]:
    """A term's lookup keys by family, exactly as the index holds them (``glossary build`` computed them)."""
    keys: dict[str, dict[str, None]] = {}
    for family, key, _kind, _surface in glossary.derived(term.id).get("keys", ()):
        keys.setdefault(family, {})[key] = None
    return {family: list(values) for family, values in keys.items()}


def _as_map(table: Mapping[int, int | str | None]) -> dict[str, str]:
    """A ``str.translate`` table as characters: what each becomes ("" when it is dropped)."""
    return {chr(code): "" if value is None else chr(value) if isinstance(value, int) else value for code, value in table.items()}


def _ranges(test: Callable[[str], bool], stop: int) -> list[list[int]]:
    """The code points below ``stop`` a predicate holds for, as [first, last] ranges."""
    ranges: list[list[int]] = []
    for code in range(stop):
        if test(chr(code)):
            if ranges and ranges[-1][1] == code - 1:
                ranges[-1][1] = code
            else:
                ranges.append([code, code])
    return ranges


@functools.lru_cache(maxsize=1)
def search_tables() -> dict[str, Any]:
    """The data the page's query normaliser runs on, taken from :mod:`glossary.core.normalize` and :mod:`glossary.core.pinyin`.

    The script in the page is a direct port of :meth:`Glossary.query_keys` that only
    applies these tables: the fold of traditional, Taiwan and Hong Kong characters,
    the Latin punctuation rules, case folding and white space as Python defines them,
    British spellings, and the pinyin syllable inventory with its tone marks, aliases
    and separators. So a query folds in the browser as it does in ``glossary lookup``.
    """
    from glossary.core import pinyin

    return {
        "chinese": _as_map(normalize._CHINESE_TABLE),
        "latin": _as_map(normalize._LATIN_TABLE),
        # casefold() where it differs from the character itself (ASCII: lower case, done by the script)
        "casefold": {chr(code): chr(code).casefold() for code in range(128, 0x10000) if chr(code).casefold() != chr(code)},
        "space": "".join(chr(code) for code in range(0x10000) if chr(code).isspace()),
        "han": _ranges(normalize.has_han, 0x32000),
        "spelling": normalize.BRITISH_TO_AMERICAN,
        "suffixes": [list(pair) for pair in normalize.BRITISH_TO_AMERICAN_SUFFIXES],
        "syllables": sorted(pinyin.SYLLABLES),
        "aliases": pinyin._ALIASES,
        "tone_marks": pinyin._TONE_OF_MARK,
        "diaeresis": pinyin._DIAERESIS,
        "separators": _as_map(pinyin._SEPARATOR_TABLE),
    }


def search_data(glossary: Glossary) -> str:
    """The page's search data as JSON, safe inside a script element of an HTML and an XML page."""
    data = {"tables": search_tables(), "keys": {term.id: page_keys(glossary, term) for term in glossary}}
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    # no markup characters inside the element: escaped, JSON reads them back the same
    return text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")


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


class _Page:
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

    def word(self, family: str, value: str) -> str:
        return _e(self._label(self.lang, f"{family}.{value}", value))

    def language(self, tag: str) -> str:
        return _e(self._language_name(tag, self.lang))

    def date(self, term: Term, date: str) -> str:
        shown = self.glossary.derived(term.id).get("dates_display", {}).get(date, {})
        return _e(shown.get(self.lang) or shown.get("en") or date)

    def first_use(self, term: Term) -> str:
        shown = self.glossary.derived(term.id).get("first_use_display", {})
        assert term.first_use is not None
        return _e(shown.get(self.lang) or shown.get("en") or term.first_use.date)

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
        notes = _Notes(term.id)
        parts = [
            f'<article class="term" id="t-{_e(term.id)}">',
            f'<h4 class="zh"{_lang("zh-Hans")}>{_ruby(term.zh.hans, term.zh.pinyin)}{notes.mark(term.zh.sources)}</h4>',
            '<p class="forms">'
            f'<span class="label">{self.language("zh-Hant")}</span> <span class="hant"{_lang("zh-Hant")}>{_e(term.zh.hant)}</span>'
            f' <span class="sep">\u00b7</span> <span class="label">{self.label("page.pinyin")}</span> <span class="pinyin">{_e(term.zh.pinyin)}</span>'
            f' <span class="sep">\u00b7</span> <span class="category">{self.word("category", term.category)}</span></p>',
        ]
        rows = []
        shared = {rendering.text: others for rendering, others in self.glossary.sharing(term.id)}
        for kind in KIND_ORDER:
            for rendering in term.renderings(kind):
                date = f' <span class="date">({self.date(term, rendering.date)})</span>' if rendering.date else ""
                note = f' <span class="note">{_e(rendering.note)}</span>' if rendering.note else ""
                if rendering.text in shared:
                    also = ", ".join(
                        f'<a href="#t-{_e(other.id)}"><span{_lang("zh-Hans")}>{_e(other.zh.hans)}</span> {_e(other.preferred)}</a>' for other in shared[rendering.text]
                    )
                    note += f' <span class="ambiguous">{self.label("ambiguous")}: {self.label("ambiguous.shared")} {also}</span>'
                rows.append(
                    f'<dt class="kind-{kind}">{self.word("kind", kind)}</dt>'
                    f'<dd class="kind-{kind}"><span class="en"{_lang("en")}>{_e(rendering.text)}</span>{date}{notes.mark(rendering.sources)}{note}</dd>'
                )
        parts.append(f'<dl class="renderings" aria-label="{self.language("en")}">{"".join(rows)}</dl>')
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
            facts.append((self.label("first_use"), f'<time datetime="{_e(term.first_use.date)}">{self.first_use(term)}</time>{note}{notes.mark(term.first_use.sources)}'))
        related = self.glossary.related(term.id)
        if related:
            links = []
            for relation, other in related:
                own = next((item for item in term.relations if item.type == relation and item.target == other.id), None)
                cited = notes.mark(own.sources) if own is not None else ""
                links.append(
                    f'{self.word("relation", relation)} \u2192 <a href="#t-{_e(other.id)}"><span{_lang("zh-Hans")}>{_e(other.zh.hans)}</span> {_e(other.preferred)}</a>{cited}'
                )
            facts.append((self.label("relations"), "<br />".join(links)))
        if term.note:
            facts.append((self.label("note"), _e(term.note)))
        if facts:
            parts.append('<dl class="facts">' + "".join(f"<dt>{name}</dt><dd>{value}</dd>" for name, value in facts) + "</dl>")
        sources = "".join(f'<li id="s-{_e(term.id)}-{number}">{self.source(citation)}</li>' for number, citation in enumerate(notes.order, start=1))
        parts.append(f'<details class="sources" open="open"><summary>{self.label("sources")}</summary><ol>{sources}</ol></details>')
        parts.append("</article>")
        return "\n".join(parts)

    # --- the indexes ---

    def letters(self, groups: list[tuple[str, list[Term]]]) -> str:
        present = {letter for letter, _ in groups}
        cells = []
        for letter in [*(["#"] if "#" in present else []), *"ABCDEFGHIJKLMNOPQRSTUVWXYZ"]:
            if letter in present:
                cells.append(f'<a href="#letter-{_anchor(letter)}">{letter}</a>')
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
                f'<dd><a href="#t-{_e(term.id)}"><span{_lang("zh-Hans")}>{_e(term.zh.hans)}</span> {_e(term.preferred)}</a></dd>'
            )
        return f'<section id="abbreviations"><h2>{self.label("abbreviations")}</h2><dl class="abbreviations">{"".join(items)}</dl></section>'

    def timeline(self, terms: list[Term]) -> str:
        dated = [term for term in terms if term.first_use is not None]
        if not dated:
            return ""
        svg = _timeline_svg(dated, self)
        return f'<section id="timeline"><h2 id="timeline-title">{self.label("page.timeline")}</h2>{svg}</section>'


def _anchor(letter: str) -> str:
    return "other" if letter == "#" else letter


def _initial(term: Term) -> str:
    for char in term.pinyin_toneless:
        if "a" <= char.lower() <= "z":
            return char.upper()
    return "#"


# --- the timeline -----------------------------------------------------------------

_SVG_WIDTH = 960
_MARGIN = 48
_ROW = 22
_FONT = 13


def _position(date: str, precision: str) -> tuple[float, float]:
    """A first-use date as (start, end) in fractional years; a decade spans ten years."""
    parts = [int(part) for part in date.split("-")]
    year = parts[0]
    if precision == "decade":
        return float(year), float(year + 10)
    month = parts[1] if len(parts) > 1 else 1
    day = parts[2] if len(parts) > 2 else 1
    start = year + (month - 1) / 12 + (day - 1) / 365
    return start, start


def _text_width(text: str) -> float:
    return sum(_FONT + 1 if unicodedata.east_asian_width(char) in "WF" else _FONT * 0.6 for char in text)


class _YearAxis:
    """An ordinal time axis: each year that has an event gets an equal slot, empty years
    between them are left out and marked by a break on the axis.

    First uses run from the 1920s to now, most of them recent: on a linear axis one early
    date squeezes the rest into a sliver. Within its slot an event sits by month and day.
    """

    def __init__(self, spans: list[tuple[float, float]]) -> None:
        years: set[int] = set()
        for start, end in spans:
            years.add(int(start))
            if end > start:  # a decade: its first and last year
                years.add(int(end) - 1)
        self.years = sorted(years)
        self.slot = {year: index for index, year in enumerate(self.years)}
        self.width = (_SVG_WIDTH - 2 * _MARGIN) / len(self.years)

    def x(self, value: float) -> float:
        year = int(value)
        if year not in self.slot:  # the end of a decade: the end of its last year's slot
            return round(_MARGIN + (self.slot[year - 1] + 1) * self.width, 1)
        return round(_MARGIN + (self.slot[year] + value - year) * self.width, 1)

    def breaks(self) -> list[int]:
        """The years after which the axis skips empty years."""
        return [year for year, following in zip(self.years, self.years[1:]) if following - year > 1]


def _timeline_svg(terms: list[Term], page: _Page) -> str:
    spans = []
    for term in terms:
        assert term.first_use is not None
        start, end = _position(term.first_use.date, term.first_use.precision)
        spans.append((start, end, term))
    spans.sort(key=lambda item: (item[0], item[2].id))
    axis_x = _YearAxis([(start, end) for start, end, _ in spans])
    x = axis_x.x
    right_edge = _SVG_WIDTH - 4

    # greedy rows: a label goes on the first row where it does not overlap the previous one;
    # a label that would run past the right edge is written to the left of its mark
    row_ends: list[float] = []
    placed = []
    for start, end, term in spans:
        label = f"{_e(term.zh.hans)} {page.first_use(term)}"
        width = _text_width(html.unescape(label))
        left = x(start)
        after = x(end)  # a decade's label follows its span
        flipped = after + 9 + width > right_edge
        extent_left = left - 9 - width if flipped else left
        right = max(after, left) if flipped else after + 10 + width
        row = next((index for index, row_end in enumerate(row_ends) if row_end + 12 <= extent_left), len(row_ends))
        if row == len(row_ends):
            row_ends.append(right)
        else:
            row_ends[row] = right
        placed.append((row, start, end, term, label, flipped))
    height = 24 + len(row_ends) * _ROW + 40
    axis = height - 32
    # year labels: every slot when they fit, else every second, fifth ...
    step = next(every for every in (1, 2, 5, 10, 20, 50) if axis_x.width * every >= 40)
    items = [
        f'<svg class="timeline" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {_SVG_WIDTH} {height}" role="img" aria-labelledby="timeline-title" font-size="{_FONT}">',
        f'<line class="axis" x1="{_MARGIN}" y1="{axis}" x2="{_SVG_WIDTH - _MARGIN}" y2="{axis}" />',
    ]
    for index, year in enumerate(axis_x.years):
        items.append(f'<line class="tick" x1="{x(year)}" y1="{axis}" x2="{x(year)}" y2="{axis + 4}" />')
        if index % step == 0:
            items.append(f'<text class="year" x="{x(year)}" y="{axis + 20}" text-anchor="middle">{year}</text>')
    for year in axis_x.breaks():
        gap = round(x(year) + axis_x.width, 1)
        items.append(f'<path class="break" d="M{gap - 4} {axis + 5} L{gap} {axis - 5} M{gap} {axis + 5} L{gap + 4} {axis - 5}" />')
    for row, start, end, term, label, flipped in placed:
        y = 24 + row * _ROW
        mark = (
            f'<rect class="span" x="{x(start)}" y="{y - 5}" width="{round(x(end) - x(start), 1)}" height="10" rx="5" />'
            if end > start
            else f'<circle class="dot" cx="{x(start)}" cy="{y}" r="5" />'
        )
        text = (
            f'<text x="{round(x(start) - 9, 1)}" y="{y + 4}" text-anchor="end">{label}</text>'
            if flipped
            else f'<text x="{round(x(end) + 9, 1)}" y="{y + 4}">{label}</text>'
        )
        items.append(
            f'<a href="#t-{_e(term.id)}" class="event">'
            f"<title>{_e(term.zh.hans)} {_e(term.preferred)} \u2014 {page.first_use(term)}</title>"
            f'<line class="stem" x1="{x(start)}" y1="{y}" x2="{x(start)}" y2="{axis}" />{mark}{text}</a>'
        )
    items.append("</svg>")
    return "\n".join(items)


# --- style and script ---------------------------------------------------------------------

_STYLE = """
:root { --ink: #1d2330; --muted: #5b6472; --line: #d8dce3; --accent: #a3231f; --paper: #fffdf8; }
* { box-sizing: border-box; }
html { scroll-behavior: smooth; }
body { margin: 0; background: var(--paper); color: var(--ink); line-height: 1.5;
  font: 16px/1.5 system-ui, -apple-system, "Segoe UI", "Noto Sans", "Noto Sans CJK SC", "PingFang SC", "Microsoft YaHei", sans-serif; }
[hidden] { display: none !important; }
header.top { position: sticky; top: 0; z-index: 2; background: var(--paper); border-bottom: 1px solid var(--line); padding: .75rem 1.25rem .5rem; }
h1 { font-size: 1.35rem; margin: 0 0 .4rem; }
.count { color: var(--muted); font-size: .9rem; margin: 0 0 .4rem; }
.search { display: flex; gap: .6rem; align-items: center; flex-wrap: wrap; }
.search input { flex: 1 1 18rem; max-width: 36rem; font: inherit; padding: .4rem .6rem; border: 1px solid var(--muted); border-radius: .3rem; }
#status { color: var(--muted); font-size: .9rem; margin: 0; min-height: 1.2em; }
nav.letters { display: flex; flex-wrap: wrap; gap: .15rem; margin-top: .4rem; }
nav.letters a, nav.letters span { display: inline-block; min-width: 1.6rem; text-align: center; padding: .05rem .2rem; border-radius: .2rem; }
nav.letters a { color: var(--accent); font-weight: 600; text-decoration: none; }
nav.letters a:hover, nav.letters a:focus { background: var(--accent); color: #fff; }
nav.letters .empty { color: var(--line); }
main { max-width: 60rem; margin: 0 auto; padding: 0 1.25rem 3rem; }
h2 { font-size: 1.15rem; border-bottom: 2px solid var(--accent); padding-bottom: .15rem; margin-top: 2rem; }
h3.letter { font-size: 1.5rem; color: var(--accent); margin: 1.5rem 0 .25rem; }
article.term { border-top: 1px solid var(--line); padding: .75rem 0; scroll-margin-top: 9rem; }
article.term:target { background: #fff4d6; }
article.term[data-match="exact"] { border-left: 3px solid var(--accent); padding-left: .6rem; }
h4.zh { font-size: 1.8rem; font-weight: 600; margin: .25rem 0; }
ruby { ruby-align: center; }
ruby rt { font-size: .42em; font-weight: 400; color: var(--muted); padding: 0 .15em; }
.forms { margin: .1rem 0 .4rem; }
.label { color: var(--muted); font-size: .85rem; }
.sep { color: var(--line); }
.category { font-size: .85rem; border: 1px solid var(--line); border-radius: 1rem; padding: 0 .5rem; }
dl.renderings, dl.facts, dl.abbreviations { display: grid; grid-template-columns: max-content 1fr; gap: .15rem 1rem; margin: .4rem 0; }
dt { color: var(--muted); font-size: .9rem; }
dd { margin: 0; }
dd.kind-official .en { font-weight: 700; }
dd.kind-deprecated .en { text-decoration: line-through; color: var(--muted); }
.date, .note, .flag { color: var(--muted); font-size: .9rem; }
sup.cite { font-size: .7rem; margin-left: .1rem; }
sup.cite a { color: var(--muted); }
details.sources { font-size: .85rem; color: var(--muted); }
details.sources ol { margin: .25rem 0; padding-left: 1.5rem; }
q { font-style: italic; }
svg.timeline { width: 100%; height: auto; }
svg.timeline .axis, svg.timeline .tick { stroke: var(--ink); stroke-width: 1; }
svg.timeline .break { stroke: var(--muted); stroke-width: 1.5; fill: none; }
svg.timeline .stem { stroke: var(--line); stroke-width: 1; }
svg.timeline .dot, svg.timeline .span { fill: var(--accent); }
svg.timeline text { fill: var(--ink); }
svg.timeline .year { fill: var(--muted); }
svg.timeline a:hover text { fill: var(--accent); text-decoration: underline; }
footer { color: var(--muted); font-size: .8rem; text-align: center; padding: 1rem; }
@media print {
  body { background: #fff; font-size: 10pt; }
  header.top { position: static; border: 0; }
  .search, #status, nav.letters { display: none; }
  a { color: inherit; text-decoration: none; }
  article.term { break-inside: avoid; page-break-inside: avoid; }
  h2, h3.letter { break-after: avoid; page-break-after: avoid; }
  details.sources > summary { list-style: none; }
  #timeline { break-inside: avoid; }
}
"""

# No data inside: the script reads its tables and the keys from the JSON of #search-data.
# It ports Glossary.query_keys and the normalisers it calls, and nothing else: every
# rule is in the tables, which Python builds from the same code. Wrapped in CDATA so
# that the page stays well-formed XML.
_SCRIPT = """
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("search-data").textContent);
  var T = data.tables;
  var input = document.getElementById("q");
  var status = document.getElementById("status");
  var terms = Array.prototype.slice.call(document.querySelectorAll("article.term"));
  var letters = Array.prototype.slice.call(document.querySelectorAll("section.letter"));
  var SYLLABLES = new Set(T.syllables);
  var LONGEST = Math.max.apply(null, T.syllables.map(function (s) { return s.length; }));
  var SPACE = new Set(Array.from(T.space));
  var ASCII = /^[\\u0000-\\u007f]*$/;
  function own(table, key) { return Object.prototype.hasOwnProperty.call(table, key) ? table[key] : undefined; }
  function translate(text, table) {
    return Array.from(text, function (c) { var to = own(table, c); return to === undefined ? c : to; }).join("");
  }
  // str.split() and str.strip(): white space as Python defines it
  function words(text) {
    return Array.from(text, function (c) { return SPACE.has(c) ? " " : c; }).join("").split(" ").filter(Boolean);
  }
  function strip(text) {
    var chars = Array.from(text);
    while (chars.length && SPACE.has(chars[0])) { chars.shift(); }
    while (chars.length && SPACE.has(chars[chars.length - 1])) { chars.pop(); }
    return chars.join("");
  }
  function hasHan(text) {
    return Array.from(text).some(function (c) {
      var code = c.codePointAt(0);
      return T.han.some(function (range) { return range[0] <= code && code <= range[1]; });
    });
  }
  function chineseKey(text) { return words(translate(text.normalize("NFKC"), T.chinese)).join("").normalize("NFKC"); }
  function casefold(text) {
    return Array.from(text, function (c) { var to = own(T.casefold, c); return to === undefined ? c.toLowerCase() : to; }).join("");
  }
  function latinBase(text) {
    var folded = casefold(text.normalize("NFKC")).normalize("NFKC");
    return words(translate(folded, T.latin)).join(" ").normalize("NFKC");
  }
  function englishKeyOfBase(base) {
    while (base.indexOf("the ") === 0 && base.length > 4) { base = base.slice(4); }
    return base.split(" ").map(function (word) {
      var spelled = own(T.spelling, word);
      if (spelled) { return spelled; }
      for (var i = 0; i !== T.suffixes.length; i += 1) {
        var british = T.suffixes[i][0];
        if (word.length >= british.length && word.slice(word.length - british.length) === british) {
          return word.slice(0, word.length - british.length) + T.suffixes[i][1];
        }
      }
      return word;
    }).join(" ");
  }
  // --- pinyin: glossary.core.pinyin.parse and keys ---
  function NotPinyin() {}
  function alias(piece) { return own(T.aliases, piece) || piece; }
  function isDigits(text) { return /^[0-9]+$/.test(text); }
  function segment(chars, tones) {
    var size = chars.length, marked = [];
    tones.forEach(function (tone, i) { if (tone !== null) { marked.push(i); } });
    if (size <= LONGEST && marked.length <= 1) {
      var whole = alias(chars.join(""));
      if (SYLLABLES.has(whole)) { return [[whole, marked.length ? tones[marked[0]] : null]]; }
    }
    var before = [0];
    tones.forEach(function (tone, i) { before.push(before[i] + (tone !== null ? 1 : 0)); });
    var best = [], step = [];
    for (var i = 0; i <= size; i += 1) { best.push(null); step.push(0); }
    best[size] = [0, 0];
    for (var start = size - 1; start >= 0; start -= 1) {
      var choice = null;
      for (var end = Math.min(size, start + LONGEST); end > start; end -= 1) {
        var rest = best[end];
        if (rest === null || before[end] - before[start] > 1) { continue; }
        if (!SYLLABLES.has(alias(chars.slice(start, end).join("")))) { continue; }
        var candidate = [rest[0] + 1, rest[1] + (end < size && "aoe".indexOf(chars[end]) !== -1 ? 1 : 0)];
        if (choice === null || candidate[0] < choice[0] || (candidate[0] === choice[0] && candidate[1] < choice[1])) {
          choice = candidate;
          step[start] = end;
        }
      }
      best[start] = choice;
    }
    if (best[0] === null) { return null; }
    var syllables = [];
    for (var from = 0; from < size; from = step[from]) {
      var to = step[from], tone = null;
      for (var j = from; j < to; j += 1) { if (tones[j] !== null) { tone = tones[j]; break; } }
      syllables.push([alias(chars.slice(from, to).join("")), tone]);
    }
    return syllables;
  }
  function parse(text) {
    var decomposed = text.normalize("NFKC").normalize("NFD").toLowerCase();
    decomposed = decomposed.split("u:").join("v").split("u" + T.diaeresis).join("v");
    var out = [];
    words(translate(decomposed, T.separators)).forEach(function (chunk) {
      var word = [], chars = [], tones = [], numeral = "";
      function flush() {
        var found = segment(chars, tones);
        if (found === null) { throw new NotPinyin(); }
        chars = []; tones = [];
        return found;
      }
      Array.from(chunk).forEach(function (c) {
        if (c >= "a" && c <= "z") {
          if (numeral) { word.push([numeral, null]); numeral = ""; }
          chars.push(c); tones.push(null);
        } else if (own(T.tone_marks, c) !== undefined && chars.length) {
          tones[tones.length - 1] = T.tone_marks[c];
        } else if ("012345".indexOf(c) !== -1 && chars.length) {
          var found = flush();
          found[found.length - 1] = [found[found.length - 1][0], c === "0" ? "5" : c];
          word.push.apply(word, found);
        } else if (isDigits(c)) {
          if (chars.length) { word.push.apply(word, flush()); }
          numeral += c;
        } else {
          throw new NotPinyin();
        }
      });
      if (numeral) { word.push([numeral, null]); }
      if (chars.length) { word.push.apply(word, flush()); }
      if (word.length) { out.push(word); }
    });
    if (!out.length) { throw new NotPinyin(); }
    return out;
  }
  function join(tokens) {
    var out = "";
    tokens.forEach(function (token) {
      if (out && isDigits(token.charAt(0)) && !isDigits(out.charAt(out.length - 1))) { out += " "; }
      out += token;
    });
    return out;
  }
  function flat(text) { return [].concat.apply([], parse(text)); }
  function first(pair) { return pair[0]; }
  function pinyinKeys(text) {
    try {
      var syllables = flat(text);
      var plain = join(syllables.map(first));
      if (plain.indexOf("lue") !== -1 || plain.indexOf("nue") !== -1) { plain = join(flat(plain).map(first)); }
      var marked = Array.from(text.normalize("NFD")).some(function (c) { return own(T.tone_marks, c) !== undefined; });
      if (marked || syllables.every(function (pair) { return pair[1] !== null || isDigits(pair[0]); })) {
        return [join(syllables.map(function (pair) { return isDigits(pair[0]) ? pair[0] : pair[0] + (pair[1] || "5"); })), plain];
      }
      return [null, plain];
    } catch (error) {
      if (error instanceof NotPinyin) { return [null, null]; }
      throw error;
    }
  }
  // --- Glossary.query_keys ---
  function queryKeys(query) {
    var typed = strip(query);
    var keys = [["id", typed]];
    if (!ASCII.test(query) && hasHan(query)) {
      keys.push(["zh", chineseKey(query)]);
      return keys;
    }
    var base = latinBase(query);
    if (!base) { return keys; }
    keys.push(["en", englishKeyOfBase(base)]);
    var compact = base.split(" ").join("");
    keys.push(["abbr", ASCII.test(compact) ? compact : compact.normalize("NFKC")]);
    if (/^[a-z]+$/i.test(compact)) {
      keys.push(["pinyin", compact.split("lue").join("lve").split("nue").join("nve")]);
    } else {
      var pinyin = pinyinKeys(query);
      if (pinyin[0]) { keys.push(["pinyin_tones", pinyin[0]]); }
      if (pinyin[1]) { keys.push(["pinyin", pinyin[1]]); }
    }
    var lowered = typed.toLowerCase();
    if (lowered !== typed) { keys.push(["id", lowered]); }
    return keys;
  }
  // "exact": a stored key equals a key of the query, as in glossary lookup;
  // "partial": a stored key contains it (abbreviations: starts with it), to find as one types
  function match(stored, query) {
    var how = "";
    query.forEach(function (pair) {
      (own(stored, pair[0]) || []).forEach(function (key) {
        if (key === pair[1]) {
          how = "exact";
        } else if (!how && (pair[0] === "abbr" ? key.indexOf(pair[1]) === 0 : key.indexOf(pair[1]) !== -1)) {
          how = "partial";
        }
      });
    });
    return how;
  }
  window.glossaryQueryKeys = queryKeys;
  function update() {
    var text = input.value;
    var query = strip(text) ? queryKeys(text) : null;
    var shown = 0;
    terms.forEach(function (term) {
      var how = query ? match(data.keys[term.id.slice(2)] || {}, query) : "";
      term.hidden = Boolean(query) && !how;
      if (how === "exact") { term.setAttribute("data-match", "exact"); } else { term.removeAttribute("data-match"); }
      if (!term.hidden) { shown += 1; }
    });
    letters.forEach(function (section) {
      section.hidden = !section.querySelector("article.term:not([hidden])");
    });
    status.textContent = !query ? "" : shown ? status.getAttribute("data-shown")
      .replace("%(shown)d", String(shown)).replace("%(count)d", String(terms.length)) : status.getAttribute("data-none");
  }
  input.addEventListener("input", update);
  document.addEventListener("click", function (event) {
    var link = event.target.closest ? event.target.closest("a[href^='#t-']") : null;
    var target = link ? document.getElementById(link.getAttribute("href").slice(1)) : null;
    if (target && target.hidden) { input.value = ""; update(); }
  });
  update();
})();
"""


def page(glossary: Glossary, lang: str = "en") -> str:
    """The whole HTML page of a glossary, labels in ``lang`` (en or zh)."""
    from glossary._version import __version__

    view = _Page(glossary, lang)
    terms = glossary.by_pinyin()
    groups: list[tuple[str, list[Term]]] = []
    for term in terms:
        initial = _initial(term)
        if groups and groups[-1][0] == initial:
            groups[-1][1].append(term)
        else:
            groups.append((initial, [term]))
    title = view.label("page.title")
    count = _e(view._label(lang, "page.count") % {"count": len(terms)})
    sections = []
    for letter, members in groups:
        entries = "\n".join(view.entry(term) for term in members)
        sections.append(f'<section class="letter" id="letter-{_anchor(letter)}">\n<h3 class="letter">{letter}</h3>\n{entries}\n</section>')
    body = [
        '<header class="top">',
        f"<h1>{title}</h1>",
        f'<p class="count">{count}</p>',
        '<form class="search" role="search" onsubmit="return false">',
        f'<label for="q">{view.label("page.search")}</label>',
        f'<input id="q" type="search" autocomplete="off" spellcheck="false" placeholder="{view.label("page.search_hint")}" />',
        f'<p id="status" aria-live="polite" data-shown="{view.label("page.shown")}" data-none="{view.label("page.no_match")}"></p>',
        "</form>",
        view.letters(groups),
        "</header>",
        "<main>",
        view.abbreviations(terms),
        view.timeline(terms),
        f'<section id="concepts"><h2>{view.label("page.concepts")}</h2>',
        *sections,
        "</section>",
        "</main>",
        f"<footer>glossary {_e(__version__)}</footer>",
    ]
    return "\n".join(
        [
            "<!DOCTYPE html>",
            f'<html xmlns="http://www.w3.org/1999/xhtml"{_lang(_PAGE_TAGS.get(lang, lang))}>',
            "<head>",
            '<meta charset="utf-8" />',
            '<meta name="viewport" content="width=device-width, initial-scale=1" />',
            '<meta name="generator" content="glossary" />',
            f"<title>{title}</title>",
            f"<style>{_STYLE}</style>",
            "</head>",
            "<body>",
            *[part for part in body if part],
            f'<script type="application/json" id="search-data">{search_data(glossary)}</script>',
            f"<script>//<![CDATA[{_SCRIPT}//]]></script>",
            "</body>",
            "</html>",
            "",
        ]
    )


class HtmlFormat(Format):
    name = "html"
    extensions = (".html", ".htm")
    description = "a static, self-contained HTML glossary site (index.html) with search, ruby pinyin and a timeline"
    can_read = False
    writes_folder: ClassVar[bool] = True

    def dump(self, glossary: Glossary, options: ExportOptions) -> bytes:
        return page(glossary, options.lang).encode("utf-8")

    def dump_folder(self, glossary: Glossary, options: ExportOptions) -> dict[str, bytes]:
        return {"index.html": self.dump(glossary, options)}

    def load(self, data: bytes, path: str) -> GlossaryDocument:
        from glossary.errors import FormatError

        raise FormatError(path, "the HTML export cannot be read back; import the JSON or TBX export instead")
