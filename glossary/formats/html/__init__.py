"""A static HTML glossary site: no network, no CDN.

``glossary export --format html -o DIR`` writes ``DIR/index.html`` with its style
sheet ``site.css`` and search script ``search.js`` beside it; given a file name
(``-o page.html``) or no ``-o`` it writes one self-contained page with both inlined.
The page holds every concept in pinyin order (Chinese with ruby pinyin, traditional
form, renderings by kind, abbreviations, first use, variants, definition, relations
as in-page links, and the sources with locator and quote), an alphabet bar, an index
of abbreviations, a timeline of first-use dates drawn as inline SVG, print-friendly
CSS and a search box.

Search runs in the browser on the lookup keys ``glossary build`` computed, per family,
as the index holds them (:func:`page_keys`), and on tables taken from
:mod:`glossary.core.normalize` and :mod:`glossary.core.pinyin` (:func:`search_tables`); both go
into the page as JSON. The script is a port of :meth:`Glossary.query_keys` that only
applies those tables, so a query has the same keys in the page as in ``glossary
lookup``: the concepts whose keys equal them are what lookup finds (marked
``data-match="exact"``), and concepts whose keys contain the query are shown as one
types. So it finds 軍民融合, junmin, jun1min2, "Military–Civil Fusion" and m.c.f. alike.

The style sheet and the script are files of this package (read with
:mod:`importlib.resources`), with no data inside them; every text from the data is
escaped and the JSON has its markup characters escaped. The page is also well-formed
XML (a test parses it), which keeps its markup honest. Labels follow ``--lang`` (en or
zh) and come, like the dates, from the compiled catalogue and babel (:mod:`glossary.core.ui`).
"""

from __future__ import annotations

from importlib import resources
from typing import TYPE_CHECKING, ClassVar

from glossary.formats.base import ExportOptions, Format
from glossary.formats.html.entry import Page, anchor, initial, lang_attribute, ruby_pairs
from glossary.formats.html.search import page_keys, search_data, search_tables
from glossary.formats._xml import escape

if TYPE_CHECKING:
    from glossary.analysis.glossary import Glossary
    from glossary.core.entry import Term
    from glossary.core.model import GlossaryDocument

__all__ = ["ASSETS", "HtmlFormat", "asset", "page", "page_keys", "ruby_pairs", "search_data", "search_tables"]

#: The files the page uses beside it, in this package and in a site folder.
ASSETS = ("site.css", "search.js")
#: The tag of the page's own language: the zh interface is written in simplified characters.
_PAGE_TAGS = {"en": "en", "zh": "zh-Hans"}


def asset(name: str) -> str:
    """One of :data:`ASSETS`, as text."""
    return resources.files(__name__).joinpath(name).read_text(encoding="utf-8")


def _inlined(name: str) -> str:
    """An asset to stand inside a ``<style>`` or ``<script>`` element of a page that is also XML.

    ``</`` becomes ``<\\/`` (the same text in a CSS or JavaScript string, a regular
    expression or a comment), so no ``</style>`` or ``</script>`` inside can end the
    element early; the CDATA section, opened and closed inside comments, lets an XML
    parser read ``<`` and ``&`` as text.
    """
    text = asset(name)
    if "]]>" in text:
        raise ValueError(f"{name} holds ']]>', which would end its CDATA section in the page")
    text = text.replace("</", "<\\/")
    if name.endswith(".css"):
        return f"<style>/*<![CDATA[*/\n{text}/*]]>*/</style>"
    return f"<script>//<![CDATA[\n{text}//]]></script>"


def _sections(view: Page, terms: list[Term]) -> list[str]:
    """The concepts grouped by the initial of their pinyin, a ``<section>`` per letter."""
    groups: list[tuple[str, list[Term]]] = []
    for term in terms:
        letter = initial(term)
        if groups and groups[-1][0] == letter:
            groups[-1][1].append(term)
        else:
            groups.append((letter, [term]))
    sections = [view.letters(groups)]
    for letter, members in groups:
        entries = "\n".join(view.entry(term) for term in members)
        sections.append(f'<section class="letter" id="letter-{anchor(letter)}">\n<h3 class="letter">{letter}</h3>\n{entries}\n</section>')
    return sections


def _body(view: Page, terms: list[Term]) -> list[str]:
    """The header (title, search box, A–Z bar), the indexes and the entries."""
    from glossary._version import __version__

    letters, *sections = _sections(view, terms)
    body = [
        '<header class="top">',
        f'<h1>{view.label("page.title")}</h1>',
        f'<p class="count">{view.count(len(terms))}</p>',
        '<form class="search" role="search" onsubmit="return false">',
        f'<label for="q">{view.label("page.search")}</label>',
        f'<input id="q" type="search" autocomplete="off" spellcheck="false" placeholder="{view.label("page.search_hint")}" />',
        f'<p id="status" aria-live="polite" data-shown="{view.label("page.shown")}" data-none="{view.label("page.no_match")}"></p>',
        "</form>",
        letters,
        "</header>",
        "<main>",
        view.abbreviations(terms),
        view.timeline(terms),
        f'<section id="concepts"><h2>{view.label("page.concepts")}</h2>',
        *sections,
        "</section>",
        "</main>",
        f"<footer>glossary {escape(__version__)}</footer>",
    ]
    return [part for part in body if part]


def page(glossary: Glossary, lang: str = "en", *, inline: bool = True) -> str:
    """The whole HTML page of a glossary, labels in ``lang`` (en or zh).

    With ``inline`` (the default) the style sheet and the script are inside the page,
    which then needs no other file; without, it links ``site.css`` and ``search.js``
    (:data:`ASSETS`), to be written beside it.
    """
    view = Page(glossary, lang)
    style = _inlined("site.css") if inline else '<link rel="stylesheet" href="site.css" />'
    script = _inlined("search.js") if inline else '<script src="search.js"></script>'
    head = [
        '<meta charset="utf-8" />',
        '<meta name="viewport" content="width=device-width, initial-scale=1" />',
        '<meta name="generator" content="glossary" />',
        f'<title>{view.label("page.title")}</title>',
        style,
    ]
    return "\n".join(
        [
            "<!DOCTYPE html>",
            f'<html xmlns="http://www.w3.org/1999/xhtml"{lang_attribute(_PAGE_TAGS.get(lang, lang))}>',
            "<head>",
            *head,
            "</head>",
            "<body>",
            *_body(view, glossary.by_pinyin()),
            f'<script type="application/json" id="search-data">{search_data(glossary)}</script>',
            script,
            "</body>",
            "</html>",
            "",
        ]
    )


class HtmlFormat(Format):
    name = "html"
    extensions = (".html", ".htm")
    description = "a static HTML glossary site (index.html, site.css, search.js) with search, ruby pinyin and a timeline"
    can_read = False
    writes_folder: ClassVar[bool] = True

    def dump(self, glossary: Glossary, options: ExportOptions) -> bytes:
        """The site as one self-contained page."""
        return page(glossary, options.lang).encode("utf-8")

    def dump_folder(self, glossary: Glossary, options: ExportOptions) -> dict[str, bytes]:
        """The site as a folder: ``index.html`` first, then the files it links."""
        files = {"index.html": page(glossary, options.lang, inline=False).encode("utf-8")}
        files.update((name, asset(name).encode("utf-8")) for name in ASSETS)
        return files

    def load(self, data: bytes, path: str) -> GlossaryDocument:
        from glossary.errors import FormatError

        raise FormatError(path, "the HTML export cannot be read back; import the JSON or TBX export instead")
