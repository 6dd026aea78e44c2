"""The scanner's one-to-one character fold: :func:`fold` keeps offsets, so no offset map is needed.

Each character is replaced by at most one character: its NFKC form when that is a
single character (full-width ``Ｍ`` → ``M``, ``２`` → ``2``, ideographic space → space),
then its case fold when that is a single character, then the traditional/Taiwan/Hong
Kong → simplified table of :mod:`glossary.core._tables` (``軍`` → ``军``), then dashes
and hyphens → space, curly quotes → straight ones, and line breaks and tabs → space;
repeated until nothing changes. Characters whose normalisation would change the length
(``ﬁ``, ``ß``, zero-width spaces, ``½``) are left as they are. Also here: which
characters continue an English word (:func:`is_word_char`) and the regex that finds the
characters of a text that need folding before a scan (:func:`changed_characters`).
"""

from __future__ import annotations

import re
import unicodedata

from glossary.core import normalize
from glossary.core._tables import FOLD_FROM, FOLD_TO

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Iterable

__all__ = ["changed_characters", "fold", "fold_table", "is_word_char"]

# Hyphens and dashes join or separate words the same way: all become a space, as in
# glossary.core.normalize.english_key ("military–civil fusion" = "military civil fusion").
_DASHES = normalize.DASHES
_SINGLE_QUOTES = "\u2018\u2019\u201a\u201b\u2032\uff07"
_DOUBLE_QUOTES = "\u201c\u201d\u201e\u201f\u2033\uff02"
_BREAKS = "\t\n\x0b\x0c\r\x85\u2028\u2029"


_table: dict[int, str] | None = None
_bmp_table: list[int] | None = None
_astral_table: dict[int, str] | None = None


def _fold_step(char: str) -> str:
    out = unicodedata.normalize("NFKC", char)
    if len(out) != 1:
        out = char
    folded = out.casefold()
    if len(folded) == 1:
        out = folded
    return _SIMPLE_FOLDS.get(out, out)


_SIMPLE_FOLDS: dict[str, str] = dict(zip(FOLD_FROM, FOLD_TO))
_SIMPLE_FOLDS.update({char: " " for char in _DASHES + _BREAKS})
_SIMPLE_FOLDS.update({char: "'" for char in _SINGLE_QUOTES})
_SIMPLE_FOLDS.update({char: '"' for char in _DOUBLE_QUOTES})


def _candidate_ranges() -> list[range]:
    """The code points the fold may change: the BMP but the surrogates, two supplementary blocks, and the astral characters of the simple folds."""
    ranges = [range(0, 0xD800), range(0xE000, 0x10000)]
    ranges.append(range(0x1D400, 0x1D800))  # mathematical letters and digits
    ranges.append(range(0x2F800, 0x2FA20))  # CJK compatibility ideographs supplement
    ranges += [range(ord(char), ord(char) + 1) for char in FOLD_FROM if ord(char) > 0xFFFF]
    return ranges


def _candidate_codes() -> Iterable[int]:
    for codes in _candidate_ranges():
        yield from codes


def fold_table() -> dict[int, str]:
    """The one-to-one fold as a ``str.translate`` table: code point → single character.

    Built on first use (about 20 ms) and kept for the process. Every value is a
    fixed point (folding is idempotent).
    """
    global _table
    if _table is None:
        table: dict[int, str] = {}
        for char in _changing_characters():
            out = _fold_step(char)
            for _ in range(8):  # chains such as 麼 → 么 → 幺 end in a fixed point
                again = _fold_step(out)
                if again == out:
                    break
                out = again
            if out != char:
                table[ord(char)] = out
        _table = table
    return _table


def _changing_characters() -> Iterable[str]:
    """The candidate characters a fold step may change, found a block of 256 code points at a time.

    Most blocks (CJK ideographs, Hangul) are left alone by NFKC and case folding as a
    whole string, and then by each character (both act on a character regardless of
    its neighbours, or change the string too): of such a block only the characters of
    the simple folds (traditional → simplified, dashes, quotes) can change. Testing a
    block as one string saves a Python call per character, which took most of the
    build time.
    """
    simple_by_block: dict[int, list[str]] = {}
    for char in _SIMPLE_FOLDS:
        simple_by_block.setdefault(ord(char) >> 8, []).append(char)
    for codes in _candidate_ranges():
        for start in range(codes.start, codes.stop, 256):
            block = range(start, min(codes.stop, (start | 0xFF) + 1))
            text = "".join(map(chr, block))
            if unicodedata.is_normalized("NFKC", text) and text.casefold() == text:
                yield from (char for char in simple_by_block.get(start >> 8, ()) if ord(char) in block)
            else:
                yield from text


def _tables() -> tuple[list[int], dict[int, str]]:
    """The fold split for speed: a list for the BMP (``str.translate`` is ~2× faster on a list), a dict beyond."""
    global _bmp_table, _astral_table
    if _bmp_table is None or _astral_table is None:
        table = fold_table()
        bmp = list(range(0x10000))
        for code, char in table.items():
            if code < 0x10000:
                bmp[code] = ord(char)
        _astral_table = {code: char for code, char in table.items() if code >= 0x10000}
        _bmp_table = bmp
    return _bmp_table, _astral_table


def _char_class(chars: Iterable[str]) -> str:
    """A regex character class of ``chars``, runs of consecutive code points written as ranges."""
    codes = sorted({ord(char) for char in chars})
    parts = []
    at = 0
    while at < len(codes):
        last = at
        while last + 1 < len(codes) and codes[last + 1] == codes[last] + 1:
            last += 1
        first = re.escape(chr(codes[at]))
        parts.append(first if last == at else f"{first}-{re.escape(chr(codes[last]))}")
        at = last + 1
    return f"[{''.join(parts)}]" if parts else "(?!)"


def changed_characters(keys: list[str]) -> re.Pattern[str] | None:
    """A regex finding the characters beyond ASCII that must be folded before a scan.

    A character the fold changes matters only when, folded, it is a key of one
    character, or is a letter or digit some key holds (a traditional character, a
    full-width letter), or makes a two-character stretch of some key with a neighbour
    (an ideographic space, a full-width comma or quote beside an English word). The
    Chinese punctuation and paragraph indents of ordinary text then cost nothing. The
    regex begins with one character class, so ``re`` skips through the text in C to
    the candidates and tests each one's neighbours without a Python call.
    """
    joined = "\0".join(keys)
    key_chars = set(joined)
    single = {key for key in keys if len(key) == 1}
    table = fold_table()
    preimages: dict[str, set[str]] = {}
    for code, folded in table.items():
        preimages.setdefault(folded, set()).add(chr(code))
    always: set[str] = set()
    conditional: dict[str, set[str]] = {}
    for folded, chars in preimages.items():
        if folded not in key_chars:
            continue
        if folded.isalnum() or folded in single:
            always.update(chars)
        else:
            conditional[folded] = chars

    def neighbours(found: set[str]) -> str:
        chars = set(found)
        for char in found:
            chars.update(preimages.get(char, ()))
        chars.discard("\0")
        return _one_of(chars)

    backwards = joined[::-1]
    tests = []
    if always:
        tests.append(f"(?<={_one_of(always)})")
    for folded, chars in conditional.items():
        # the characters beside ``folded`` in some key (a few punctuation marks: searched, not tabulated)
        after = set(re.findall(f"{re.escape(folded)}(?=([^\0]))", joined, re.DOTALL))
        before = set(re.findall(f"{re.escape(folded)}(?=([^\0]))", backwards, re.DOTALL))
        sides = []
        if after:
            sides.append(f"(?={neighbours(after)})")
        if before:
            sides.append(f"(?<={neighbours(before)}.)")
        if sides:
            tests.append(f"(?<={_one_of(chars)})(?:{'|'.join(sides)})")
    if not tests:
        return None
    union = {char for char in always.union(*conditional.values()) if char <= "\uffff"}
    lead = f"{_char_class(union)[:-1]}{_ASTRAL}]" if union else f"[{_ASTRAL}]"
    return re.compile(f"({lead})(?:{'|'.join(tests)})", re.DOTALL)


# re tests a class against a bitmap for the BMP, but against each of its entries in turn
# beyond it: a class with many characters beyond the BMP costs microseconds for every
# character tested. They are kept apart, behind one range test.
_ASTRAL = "\U00010000-\U0010ffff"


def _one_of(chars: set[str]) -> str:
    """A regex matching one character of ``chars``, cheap for characters of the BMP."""
    bmp = {char for char in chars if char <= "\uffff"}
    if len(bmp) == len(chars):
        return _char_class(bmp)
    beyond = f"(?=[{_ASTRAL}]){_char_class(chars - bmp)}"
    return f"(?:{_char_class(bmp)}|{beyond})" if bmp else beyond


def fold(text: str) -> str:
    """Normalise text one character for one character: ``len(fold(t)) == len(t)``.

    >>> fold("Ｍilitary–Civil 軍民融合")
    'military civil 军民融合'
    """
    bmp, astral = _tables()
    out = text.translate(bmp)
    if astral and len(out.encode("utf-16-le", "surrogatepass")) != 2 * len(out):
        out = out.translate(astral)  # only when the text has characters beyond the BMP
    return out


def _is_cjk(code: int) -> bool:
    return (
        0x2E80 <= code <= 0xA4CF  # radicals, CJK symbols, kana, bopomofo, ideographs, Yi
        or 0xAC00 <= code <= 0xD7AF  # hangul
        or 0xF900 <= code <= 0xFAFF
        or 0xFF66 <= code <= 0xFFDC  # half-width kana and hangul
        or code >= 0x20000
    )


def is_word_char(char: str) -> bool:
    """True for a letter or digit that continues an English word: ASCII, Latin, Greek, Cyrillic ...; not CJK."""
    if char < "\x80":
        return char.isalnum()
    return char.isalnum() and not _is_cjk(ord(char))

