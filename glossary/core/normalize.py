"""Normalisers: turn any way a user writes a term into the key the index stores.

Each normaliser is a pure function, idempotent (``f(f(x)) == f(x)``), total on
``str`` (it never raises; an input that cannot be a key of its kind gives ``""``),
and cheap: no pypinyin, OpenCC or babel import. Script conversion uses a
precomputed character table (:data:`glossary.core._tables.FOLD_FROM`), derived from
OpenCC's dictionaries by ``glossary build``; it folds traditional, Taiwan and Hong
Kong character forms onto simplified ones, so ``軍民融合`` and ``军民融合`` share a key.

- :func:`chinese_key` — NFKC (full-width to half-width), zero-width characters and
  white space removed, quote and title marks (“”「」『』《》"') removed, characters
  folded to simplified.
- :func:`english_key` — NFKC, case-folded, dashes and hyphens as spaces, quotes and
  periods dropped, a leading "the" dropped, British spellings folded onto American
  ones (defence → defense, -isation → -ization).
- :func:`abbreviation_key` — NFKC, case-folded, dots, spaces and hyphens dropped:
  ``p.l.a.`` → ``pla``.
- :func:`pinyin_keys` — ``(numbered, toneless)`` keys, see :mod:`glossary.core.pinyin`.
- :func:`detect` — which kinds of key a query can be.
"""

from __future__ import annotations

import unicodedata

from glossary.core._tables import FOLD_FROM, FOLD_TO
from glossary.errors import PinyinError

__all__ = [
    "BRITISH_TO_AMERICAN",
    "BRITISH_TO_AMERICAN_SUFFIXES",
    "DASHES",
    "QUERY_KINDS",
    "abbreviation_key",
    "chinese_key",
    "chinese_table",
    "detect",
    "english_key",
    "fold_chinese",
    "has_han",
    "is_han",
    "latin_base",
    "pinyin_keys",
]

#: The kinds :func:`detect` reports, in the order it reports them.
QUERY_KINDS = ("chinese", "abbreviation", "english", "pinyin", "id")

_ZERO_WIDTH = "\u200b\u200c\u200d\u2060\ufeff\u00ad"
# Quote and bracket marks users paste around terms; they are never part of a key.
_QUOTES = "\"'`\u2018\u2019\u201a\u201b\u201c\u201d\u201e\u201f\u300c\u300d\u300e\u300f\u300a\u300b\u3008\u3009\u301d\u301e\u301f\uff02\uff07\u00ab\u00bb\u2039\u203a"
#: Hyphens and dashes: each separates words like a space (``military–civil`` = ``military civil``).
DASHES = "-\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d"
_DASHES = DASHES + "_/"

# What Chinese keys drop; the fold itself is a 4,000-entry table built on first need
# (building it costs about a tenth of the interpreter's start, which a lookup spares).
# The enumeration comma too: PRC texts write the same list with and without it
# (产业链、供应链 and 产业链供应链), and a key never turns on it.
_ENUMERATION_COMMAS = "\u3001\ufe51"
_CHINESE_MARKS: dict[int, int | None] = {ord(c): None for c in _ZERO_WIDTH + _QUOTES + _ENUMERATION_COMMAS}
# Dashes and wave dashes are one mark in a Chinese key: a year range is written 2006-2020,
# 2006—2020 or 2006～2020 in the same title (《…规划纲要(2006—2020年)》).
_CHINESE_MARKS.update({ord(c): ord("-") for c in DASHES + "~\u301c\uff5e"})
_chinese_table: dict[int, int | None] | None = None
# Characters folded one at a time (a search in FOLD_FROM) before the table is built: a
# lookup's query folds without it, a process folding more text pays for the table once.
_fold_budget = 256

# For Latin text: dashes and slashes separate words, quotes, periods and zero-width
# characters vanish, other punctuation separates words.
_LATIN_TABLE: dict[int, int | str | None] = {ord(c): None for c in _ZERO_WIDTH + _QUOTES + "."}
_LATIN_TABLE.update({ord(c): " " for c in _DASHES + ",;:!?()[]{}<>|\\\u3001\u3002\uff0c\uff1b\uff1a"})

#: British → American spellings, folded on both sides so either spelling finds the term
#: (public: the scanner and the HTML page match both spellings from these same words).
BRITISH_TO_AMERICAN = {
    "defence": "defense",
    "offence": "offense",
    "licence": "license",
    "pretence": "pretense",
    "programme": "program",
    "programmes": "programs",
    "centre": "center",
    "centres": "centers",
    "theatre": "theater",
    "theatres": "theaters",
    "metre": "meter",
    "fibre": "fiber",
    "manoeuvre": "maneuver",
    "manoeuvres": "maneuvers",
    "catalogue": "catalog",
    "dialogue": "dialog",
    "analogue": "analog",
    "judgement": "judgment",
    "ageing": "aging",
    "enrol": "enroll",
    "fulfil": "fulfill",
    "labour": "labor",
    "behaviour": "behavior",
    "honour": "honor",
    "favour": "favor",
    "colour": "color",
    "harbour": "harbor",
    "neighbour": "neighbor",
    "neighbouring": "neighboring",
    "endeavour": "endeavor",
    "vigour": "vigor",
    "rigour": "rigor",
    "armour": "armor",
    "armoured": "armored",
    "grey": "gray",
    "towards": "toward",
}
# -isation/-ise families fold onto -ization/-ize; only inflected endings that are
# unambiguous (-isation, -ised after a consonant cluster is too risky: "advised").
BRITISH_TO_AMERICAN_SUFFIXES = (
    ("isations", "izations"),
    ("isation", "ization"),
    ("isational", "izational"),
    ("ysation", "yzation"),
)
_BRITISH_ENDINGS = tuple(british for british, _ in BRITISH_TO_AMERICAN_SUFFIXES)
_SPELLING_WORDS = frozenset(BRITISH_TO_AMERICAN)


def is_han(char: str) -> bool:
    """True for a Han character: a CJK unified or compatibility ideograph, or 〇.

    〇 (U+3007) sits in CJK Symbols and Punctuation but is written as a numeral in
    Chinese terms (二〇三五年), so it counts. The one Han test of the package.
    """
    code = ord(char)
    return (
        0x4E00 <= code <= 0x9FFF
        or 0x3400 <= code <= 0x4DBF
        or 0x20000 <= code <= 0x2A6DF
        or 0x2A700 <= code <= 0x2EE5F  # extensions C to F and I
        or 0x30000 <= code <= 0x323AF  # extensions G and H
        or 0xF900 <= code <= 0xFAFF
        or 0x2F800 <= code <= 0x2FA1F  # compatibility ideographs supplement
        or code == 0x3007  # 〇, the ideographic zero of 二〇三五年
    )


def has_han(text: str) -> bool:
    """True when the text holds at least one Han character (see :func:`is_han`)."""
    return any(is_han(char) for char in text)


def chinese_table() -> dict[int, int | None]:
    """The ``str.translate`` table of :func:`fold_chinese`: quote, title and zero-width marks
    dropped, traditional, Taiwan and Hong Kong forms folded onto simplified; built once, on first call.

    Read it, never change it (the HTML export's query normaliser is made from it).
    """
    global _chinese_table
    if _chinese_table is None:
        table = dict(_CHINESE_MARKS)
        table.update(str.maketrans(FOLD_FROM, FOLD_TO))
        _chinese_table = table
    return _chinese_table


def fold_chinese(text: str) -> str:
    """Fold traditional, Taiwan and Hong Kong character forms onto simplified, character by
    character, and drop quote, title and zero-width marks: ``text.translate(chinese_table())``."""
    global _fold_budget
    if _chinese_table is None and len(text) <= _fold_budget:
        # short text before the table exists: the same fold, one str.find per character
        _fold_budget -= len(text)
        return "".join([_fold_char(char) for char in text.translate(_CHINESE_MARKS)])
    return text.translate(chinese_table())


def _fold_char(char: str) -> str:
    position = FOLD_FROM.find(char)
    return char if position < 0 else FOLD_TO[position]


def chinese_key(text: str) -> str:
    """The lookup key of Chinese text: ``「 軍民融合 」`` → ``军民融合``.

    >>> chinese_key("“軍民 融合”")
    '军民融合'
    """
    if not isinstance(text, str):
        return ""
    folded = "".join(fold_chinese(unicodedata.normalize("NFKC", text)).split())
    # removing a character can leave a combining mark beside a new base: compose again
    return unicodedata.normalize("NFKC", folded)


def latin_base(text: str) -> str:
    """NFKC, case-folded, punctuation to spaces, white space collapsed: the shared first step."""
    if not isinstance(text, str):
        return ""
    if text.isascii():
        # ASCII is its own NFKC form and its case fold is lower(): skip the Unicode passes
        lowered = text.lower()
        if not lowered.replace(" ", "").isalnum():
            lowered = lowered.translate(_LATIN_TABLE)
        return " ".join(lowered.split())
    # NFKC, case fold, NFKC again: Unicode's NFKC_Casefold, so that folding is stable
    folded = unicodedata.normalize("NFKC", unicodedata.normalize("NFKC", text).casefold())
    return unicodedata.normalize("NFKC", " ".join(folded.translate(_LATIN_TABLE).split()))


def english_key_of_base(base: str) -> str:
    """:func:`english_key` of text already through :func:`latin_base`."""
    while base.startswith("the ") and len(base) > 4:
        base = base[4:]
    if "isation" not in base and "ysation" not in base and _SPELLING_WORDS.isdisjoint(base.split(" ")):
        return base  # the common case: no word has another spelling
    return " ".join([BRITISH_TO_AMERICAN.get(word) or (_fold_suffix(word) if word.endswith(_BRITISH_ENDINGS) else word) for word in base.split(" ")])


def _fold_suffix(word: str) -> str:
    for british, american in BRITISH_TO_AMERICAN_SUFFIXES:
        if word.endswith(british):
            return word[: -len(british)] + american
    return word


def toneless_pinyin_key(letters: str) -> str:
    """The toneless pinyin key of lowercase ASCII letters: ``zhanlue`` → ``zhanlve``.

    lue and nue are always lüe and nüe: no syllable ends in l or n+u, and ue never
    starts one, so the replacement cannot cross a syllable boundary.
    """
    return letters.replace("lue", "lve").replace("nue", "nve")


def english_key(text: str) -> str:
    """The lookup key of English text: ``The Military–Civil Fusion`` → ``military civil fusion``.

    >>> english_key("National Defence Mobilisation")
    'national defense mobilization'
    """
    return english_key_of_base(latin_base(text))


def abbreviation_key(text: str) -> str:
    """The lookup key of an abbreviation: ``p.l.a.`` → ``pla``, ``H N S O`` → ``hnso``."""
    return unicodedata.normalize("NFKC", latin_base(text).replace(" ", ""))


def pinyin_keys(text: str) -> tuple[str | None, str | None]:
    """``(numbered, toneless)`` pinyin keys, or ``(None, None)`` when the text is not pinyin."""
    if not isinstance(text, str):
        return None, None
    from glossary.core import pinyin  # on first need: a Chinese query never reads pinyin

    try:
        return pinyin.keys(text)
    except PinyinError:
        return None, None


def detect(query: str) -> tuple[str, ...]:
    """Which kinds of key the query can be, most likely first.

    >>> detect("军民融合")
    ('chinese',)
    >>> detect("p.l.a.")
    ('abbreviation', 'english')
    >>> detect("junminronghe")
    ('pinyin', 'abbreviation', 'english')
    """
    if not isinstance(query, str):
        return ()
    text = unicodedata.normalize("NFKC", query).strip()
    if not text:
        return ()
    if has_han(text):
        return ("chinese",)
    base = latin_base(text)
    if not base or not any(char.isalnum() for char in base):
        return ()
    kinds: list[str] = []
    compact = base.replace(" ", "")
    looks_like_pinyin = _pinyin_shaped(text)
    if looks_like_pinyin:
        kinds.append("pinyin")
    if len(compact) <= 12 and (" " not in base or all(len(part) == 1 for part in base.split(" "))):
        kinds.append("abbreviation")
    kinds.append("english")
    if text == text.lower() and "-" in text and " " not in text and text.isascii():
        kinds.append("id")
    if looks_like_pinyin and _has_tones(text):
        return ("pinyin", *[kind for kind in kinds if kind != "pinyin"])
    return tuple(kinds)


def _has_tones(text: str) -> bool:
    decomposed = unicodedata.normalize("NFD", text)
    return any(char in "\u0304\u0301\u030c\u0300" for char in decomposed) or any(char in "12345" for char in text)


def _pinyin_shaped(text: str) -> bool:
    from glossary.core import pinyin

    try:
        pinyin.parse(text)
    except PinyinError:
        return False
    return True
