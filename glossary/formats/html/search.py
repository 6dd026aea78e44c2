"""The page's search: each concept's keys as the index holds them, and the tables its script folds a query with.

Search runs in the browser (``search.js``) on the lookup keys ``glossary build``
computed, per family, as the index holds them (:func:`page_keys`), and on tables
taken from :mod:`glossary.core.normalize` and :mod:`glossary.core.pinyin`
(:func:`search_tables`); both go into the page as JSON (:func:`search_data`).
"""

from __future__ import annotations

import functools
import json
from typing import TYPE_CHECKING, Any

from glossary.core import normalize

if TYPE_CHECKING:
    from collections.abc import Callable, Mapping

    from glossary.analysis.glossary import Glossary
    from glossary.core.entry import Term

__all__ = ["page_keys", "search_data", "search_tables"]


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
        "chinese": _as_map(normalize.chinese_table()),
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
