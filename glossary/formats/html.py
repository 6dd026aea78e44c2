"""A static, self-contained HTML glossary: one page, no network, no CDN.

``glossary export --format html -o DIR`` writes ``DIR/index.html``: every concept in
pinyin order (Chinese with ruby pinyin, traditional form, renderings by kind,
abbreviations, first use, variants, definition, relations as in-page links, and the
sources with locator and quote), an alphabet bar, an index of abbreviations, a
timeline of first-use dates drawn as inline SVG, print-friendly CSS and a search box.

Search runs in the browser on keys computed here with :mod:`glossary.normalize` and
stored on each entry (``data-keys``; abbreviations in ``data-abbr``), all reduced to
letters and digits; the hand-written script reduces the query the same way, folds the
traditional characters the glossary uses onto simplified ones (``data-fold``) and
keeps the entries whose keys contain the query (abbreviations: start with it). So it
finds 軍民融合, junmin, jun1min2, "Military–Civil Fusion" and m.c.f. alike.

Every text from the data is escaped; the script and style are constants, with no data
inside them. The page is also well-formed XML (a test parses it), which keeps its
markup honest. Labels follow ``--lang`` (en or zh) and come, like the dates, from the
compiled catalogue and babel (:mod:`glossary.ui`).
"""

from __future__ import annotations

import html
import unicodedata
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, ClassVar

from glossary import normalize
from glossary.formats.base import ExportOptions, Format
from glossary.lang import check_language_tag

if TYPE_CHECKING:
    from glossary.entry import Citation, Term
    from glossary.index import Glossary
    from glossary.model import GlossaryDocument

__all__ = ["HtmlFormat", "compact", "page", "ruby_pairs", "search_keys"]

KIND_ORDER = ("official", "source", "alternative", "literal", "deprecated")
#: The tag of the page's own language: the zh interface is written in simplified characters.
_PAGE_TAGS = {"en": "en", "zh": "zh-Hans"}


def _e(text: object) -> str:
    """Escape text for an element or a double-quoted attribute."""
    return html.escape(str(text), quote=True)


def _lang(tag: str) -> str:
    """A ``lang`` attribute, its tag checked with babel's locale parser like every tag the model holds."""
    return f' lang="{_e(check_language_tag(tag))}"'


# --- search keys ----------------------------------------------------------------


def compact(text: str) -> str:
    """What the page's script does to a query, in Python: NFKC, lower case, no tone marks, ü as v, letters and digits only."""
    text = unicodedata.normalize("NFD", unicodedata.normalize("NFKC", text).lower()).replace("u\u0308", "v")
    return "".join(char for char in text if char.isalnum() and not unicodedata.combining(char))


def search_keys(glossary: Glossary, term: Term) -> tuple[list[str], list[str]]:
    """The compacted search keys of a term: (substring keys, abbreviation keys matched by prefix).

    Built from the lookup keys ``glossary build`` computed (Chinese folded to simplified,
    English with British and American spellings unified, toneless and numbered pinyin,
    the id) plus each rendering as written, so that the spelling a reader types is found.
    """
    keys: dict[str, None] = {}
    abbreviations: dict[str, None] = {}
    for family, key, _kind, _surface in glossary.derived(term.id).get("keys", ()):
        target = abbreviations if family == "abbr" else keys
        target[compact(key)] = None
    for rendering in term.en:
        keys[compact(rendering.text)] = None
    for abbreviation in term.abbreviations:
        if not abbreviation.lang.startswith("zh"):
            abbreviations[compact(normalize.abbreviation_key(abbreviation.text))] = None
    keys.pop("", None)
    abbreviations.pop("", None)
    return list(keys), list(abbreviations)


def fold_pairs(glossary: Glossary) -> str:
    """Pairs of (traditional or variant character, simplified character) for the characters the glossary uses."""
    pairs: dict[str, str] = {}
    for term in glossary:
        forms = [term.zh.hant, term.zh.hans, *(variant.text for variant in term.zh.variants)]
        for char in "".join(forms):
            folded = normalize.chinese_key(char)
            if len(folded) == 1 and folded != char and normalize.has_han(char):
                pairs[char] = folded
    return "".join(f"{char}{folded}" for char, folded in sorted(pairs.items()))


# --- ruby pinyin ------------------------------------------------------------------


def _is_han(char: str) -> bool:
    return unicodedata.name(char, "").startswith("CJK UNIFIED IDEOGRAPH") or unicodedata.name(char, "").startswith("CJK COMPATIBILITY IDEOGRAPH")


def _written_syllables(spelled: str) -> list[str] | None:
    """The canonical pinyin cut into syllables as written, tone marks and capitals kept."""
    from glossary.errors import PinyinError
    from glossary.pinyin import parse

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
    if syllables is None or len(hans) != len(syllables) or not all(_is_han(char) for char in hans):
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
        from glossary.ui import LANGUAGES, label, language_name

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
        keys, abbreviation_keys = search_keys(self.glossary, term)
        parts = [
            f'<article class="term" id="t-{_e(term.id)}" data-keys="{_e(" ".join(keys))}" data-abbr="{_e(" ".join(abbreviation_keys))}">',
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
_ROW = 30
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


def _timeline_svg(terms: list[Term], page: _Page) -> str:
    spans = []
    for term in terms:
        assert term.first_use is not None
        start, end = _position(term.first_use.date, term.first_use.precision)
        spans.append((start, end, term))
    spans.sort(key=lambda item: (item[0], item[2].id))
    first = int(min(start for start, _, _ in spans))
    last = int(max(end for _, end, _ in spans)) + 1
    if last - first < 4:
        first, last = first - 1, last + 1
    scale = (_SVG_WIDTH - 2 * _MARGIN) / (last - first)

    def x(value: float) -> float:
        return round(_MARGIN + (value - first) * scale, 1)

    # greedy rows: a label goes on the first row where it does not overlap the previous one
    row_ends: list[float] = []
    placed = []
    for start, end, term in spans:
        label = f"{_e(term.zh.hans)} {page.first_use(term)}"
        left = x(start)
        right = max(x(end), left + 10 + _text_width(html.unescape(label)))
        for row, row_end in enumerate(row_ends):
            if row_end + 12 <= left:
                row_ends[row] = right
                break
        else:
            row = len(row_ends)
            row_ends.append(right)
        placed.append((row, start, end, term, label))
    height = 24 + len(row_ends) * _ROW + 40
    axis = height - 32
    step = 1 if last - first <= 12 else 2 if last - first <= 24 else 5
    items = [
        f'<svg class="timeline" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {_SVG_WIDTH} {height}" role="img" aria-labelledby="timeline-title" font-size="{_FONT}">',
        f'<line class="axis" x1="{_MARGIN}" y1="{axis}" x2="{_SVG_WIDTH - _MARGIN}" y2="{axis}" />',
    ]
    for year in range(first, last + 1):
        if (year - first) % step == 0:
            items.append(f'<line class="tick" x1="{x(year)}" y1="{axis}" x2="{x(year)}" y2="{axis + 6}" />')
            items.append(f'<text class="year" x="{x(year)}" y="{axis + 20}" text-anchor="middle">{year}</text>')
    for row, start, end, term, label in placed:
        y = 24 + row * _ROW
        mark = (
            f'<rect class="span" x="{x(start)}" y="{y - 5}" width="{round(x(end) - x(start), 1)}" height="10" rx="5" />'
            if end > start
            else f'<circle class="dot" cx="{x(start)}" cy="{y}" r="5" />'
        )
        items.append(
            f'<a href="#t-{_e(term.id)}" class="event">'
            f"<title>{_e(term.zh.hans)} {_e(term.preferred)} \u2014 {page.first_use(term)}</title>"
            f'<line class="stem" x1="{x(start)}" y1="{y}" x2="{x(start)}" y2="{axis}" />{mark}'
            f'<text x="{round(x(start) + 9, 1)}" y="{y + 4}">{label}</text></a>'
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

# No data inside: the script reads what it needs from the page. Written without "<" and "&"
# so that the page stays well-formed XML.
_SCRIPT = """
(function () {
  "use strict";
  var input = document.getElementById("q");
  var status = document.getElementById("status");
  var terms = Array.prototype.slice.call(document.querySelectorAll("article.term"));
  var letters = Array.prototype.slice.call(document.querySelectorAll("section.letter"));
  var fold = {};
  var pairs = Array.from(input.getAttribute("data-fold") || "");
  pairs.forEach(function (c, i) { if (i % 2) { fold[pairs[i - 1]] = c; } });
  function compact(text) {
    var plain = text.normalize("NFKC").toLowerCase().normalize("NFD").replace(/u\\u0308/g, "v").replace(/[\\u0300-\\u036f]/g, "");
    return Array.from(plain, function (c) { return fold[c] || c; }).join("").replace(/[^\\p{L}\\p{N}]+/gu, "");
  }
  function update() {
    var query = compact(input.value);
    var shown = 0;
    terms.forEach(function (term) {
      var hit = !query || term.getAttribute("data-keys").indexOf(query) !== -1 ||
        (" " + term.getAttribute("data-abbr")).indexOf(" " + query) !== -1;
      term.hidden = !hit;
      if (hit) { shown += 1; }
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
    if (target ? target.hidden : false) { input.value = ""; update(); }
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
        f'<input id="q" type="search" autocomplete="off" spellcheck="false" placeholder="{view.label("page.search_hint")}" data-fold="{_e(fold_pairs(glossary))}" />',
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
            f"<script>{_SCRIPT}</script>",
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
