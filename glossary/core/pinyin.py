"""Pinyin forms: parse any spelling users type, derive numbered and toneless forms.

The canonical pinyin of a term is curated data (GB/T 16159 word-joined, tone
marks: ``jūnmín rónghé``). This module turns that, or any query spelling, into:

- :func:`numbered` — tone numbers per syllable, word spaces kept: ``jun1min2 rong2he2``;
- :func:`toneless` — no tones, word spaces kept: ``junmin ronghe``;
- lookup keys — :func:`keys` gives ``(numbered_key, toneless_key)`` with no spaces,
  ``v`` for ü: ``("jun1min2rong2he2", "junminronghe")``.

Accepted input: tone marks or tone numbers 1-5 (0 and 5 are the neutral tone) or
no tones; ü written ``ü``, ``v`` or ``u:``; any case; spaces, apostrophes, hyphens and
middle dots as separators; syllables run together (``junminronghe``) are split
against the syllable inventory (:data:`glossary.core._tables.PINYIN_SYLLABLES`, derived
from pypinyin's dictionary by ``glossary build``).

No pypinyin import here: queries are parsed on the lookup path. pypinyin's own
``tone_convert`` is used only where a marked form must be *produced*
(:func:`marked_from_numbered`, an import-time aid), and in the tests as the
reference these functions are checked against.
"""

from __future__ import annotations

import unicodedata

from glossary.core._tables import PINYIN_SYLLABLES
from glossary.errors import PinyinError

__all__ = [
    "SYLLABLES",
    "is_pinyin",
    "keys",
    "marked_from_numbered",
    "numbered",
    "parse",
    "toneless",
]

#: Every toneless syllable (``v`` stands for ü) the segmenter accepts.
SYLLABLES: frozenset[str] = frozenset(PINYIN_SYLLABLES.split())
# lüe and nüe are commonly typed without the diaeresis; lue/nue are not syllables of their own.
_ALIASES = {"lue": "lve", "nue": "nve"}
_LONGEST = max(map(len, SYLLABLES))

_TONE_OF_MARK = {"\u0304": "1", "\u0301": "2", "\u030c": "3", "\u0300": "4"}
_DIAERESIS = "\u0308"
# word separators: spaces, apostrophes, hyphens, middle dots, and the punctuation of
# slogans written in pinyin (ānquán shì fāzhǎn de qiántí, fāzhǎn shì ...)
_SEPARATORS = " '\u2019\u02bc-\u2010\u2011\u00b7\u30fb\t\n\r,.;:!?\u3001\uff0c\uff1b\u3002"
_SEPARATOR_TABLE = {ord(char): " " for char in _SEPARATORS}

Syllable = tuple[str, "str | None"]


def _segment(letters: str, tones: list[str | None]) -> list[Syllable] | None:
    """Split a run of letters into syllables, fewest syllables first, longest first on ties.

    ``tones[i]`` is the tone carried by ``letters[i]`` (from a tone mark) or None; a
    syllable may carry at most one tone mark. Among splits of equal length, one whose
    later syllables start with a consonant wins: standard spelling puts an apostrophe
    before a syllable starting with a, o or e, so ``biàngé`` is bian-ge, not biang-e.
    """
    size = len(letters)
    marked = [index for index, tone in enumerate(tones) if tone is not None]
    if size <= _LONGEST and len(marked) <= 1:
        # the everyday case: the run is one syllable (jun1, zhàn)
        piece = _ALIASES.get(letters, letters)
        if piece in SYLLABLES:
            return [(piece, tones[marked[0]] if marked else None)]
    # marks_before[i]: tone marks in letters[:i], to count a piece's marks without a loop
    marks_before = [0] * (size + 1)
    for index, tone in enumerate(tones):
        marks_before[index + 1] = marks_before[index] + (tone is not None)
    # best[i]: (syllables, vowel starts) of the best split of letters[i:]; step[i]: where its first syllable ends
    best: list[tuple[int, int] | None] = [None] * (size + 1)
    step = [0] * (size + 1)
    best[size] = (0, 0)
    for start in range(size - 1, -1, -1):
        choice: tuple[int, int] | None = None
        for end in range(min(size, start + _LONGEST), start, -1):
            rest = best[end]
            if rest is None or marks_before[end] - marks_before[start] > 1:
                continue
            piece = letters[start:end]
            if _ALIASES.get(piece, piece) not in SYLLABLES:
                continue
            # a vowel-initial syllable inside a word would have needed an apostrophe
            candidate = (rest[0] + 1, rest[1] + (end < size and letters[end] in "aoe"))
            if choice is None or candidate < choice:
                choice = candidate
                step[start] = end
        best[start] = choice
    if best[0] is None:
        return None
    syllables: list[Syllable] = []
    start = 0
    while start < size:
        end = step[start]
        piece = letters[start:end]
        tone = None
        if marks_before[end] > marks_before[start]:
            tone = next(tones[index] for index in range(start, end) if tones[index] is not None)
        syllables.append((_ALIASES.get(piece, piece), tone))
        start = end
    return syllables


def parse(text: str) -> list[list[Syllable]]:
    """Parse pinyin into words of ``(syllable, tone)`` pairs; tone is ``"1"``-``"5"`` or None.

    Raises :class:`PinyinError` when the text is not pinyin.

    >>> parse("jūnmín rónghé")
    [[('jun', '1'), ('min', '2')], [('rong', '2'), ('he', '2')]]
    >>> parse("Lve4")
    [[('lve', '4')]]
    """
    decomposed = unicodedata.normalize("NFD", unicodedata.normalize("NFKC", text)).lower()
    decomposed = decomposed.replace("u:", "v").replace("u" + _DIAERESIS, "v")
    words: list[list[Syllable]] = []
    for chunk in _split_words(decomposed):
        word: list[Syllable] = []
        letters: list[str] = []
        tones: list[str | None] = []
        numeral = ""
        for char in chunk:
            if "a" <= char <= "z":
                if numeral:
                    word.append((numeral, None))
                    numeral = ""
                letters.append(char)
                tones.append(None)
            elif char in _TONE_OF_MARK and letters:
                tones[-1] = _TONE_OF_MARK[char]
            elif char in "012345" and letters:
                # a tone number ends a syllable: it applies to the last one of the run
                segment = _segment("".join(letters), tones)
                if segment is None:
                    raise PinyinError(f"{text!r} is not pinyin: cannot split {''.join(letters)!r} into syllables")
                last, _ = segment[-1]
                segment[-1] = (last, "5" if char == "0" else char)
                word.extend(segment)
                letters, tones = [], []
            elif char.isdigit() and char.isascii():
                if letters:  # 6-9 after letters: not a tone; the letters end there
                    segment = _segment("".join(letters), tones)
                    if segment is None:
                        raise PinyinError(f"{text!r} is not pinyin: cannot split {''.join(letters)!r} into syllables")
                    word.extend(segment)
                    letters, tones = [], []
                numeral += char  # a numeral written in digits (2035 nián)
            else:
                raise PinyinError(f"{text!r} is not pinyin: unexpected {char!r}")
        if numeral:
            word.append((numeral, None))
        if letters:
            segment = _segment("".join(letters), tones)
            if segment is None:
                raise PinyinError(f"{text!r} is not pinyin: cannot split {''.join(letters)!r} into syllables")
            word.extend(segment)
        if word:
            words.append(word)
    if not words:
        raise PinyinError(f"{text!r} is not pinyin: no syllables")
    return words


def _split_words(text: str) -> list[str]:
    return text.translate(_SEPARATOR_TABLE).split()


def is_pinyin(text: str) -> bool:
    """True when ``text`` parses as pinyin (with or without tones)."""
    try:
        parse(text)
    except PinyinError:
        return False
    return True


def _has_marks(words: list[list[Syllable]]) -> bool:
    return any(tone is not None for word in words for _, tone in word)


def numbered(text: str) -> str:
    """Tone numbers per syllable, words kept apart: ``jūnmín rónghé`` → ``jun1min2 rong2he2``.

    An unmarked syllable in marked pinyin is the neutral tone, written 5.
    """
    words = parse(text)
    return " ".join(_join([_numbered_syllable(syllable, tone) for syllable, tone in word]) for word in words)


def _numbered_syllable(syllable: str, tone: str | None) -> str:
    return syllable if syllable.isdigit() else syllable + (tone or "5")


def _join(tokens: list[str]) -> str:
    """Tokens run together, but a numeral after a syllable keeps a space: ``a 1`` is not ``a1`` (tone 1)."""
    out = ""
    for token in tokens:
        if out and token[:1].isdigit() and not out[-1].isdigit():
            out += " "
        out += token
    return out


def toneless(text: str) -> str:
    """Pinyin without tones, words kept apart, ü as ``v``: ``lüèshù`` → ``lveshu``."""
    return " ".join(_join([syllable for syllable, _ in word]) for word in parse(text))


def keys(text: str) -> tuple[str | None, str]:
    """Lookup keys ``(numbered, toneless)``; numbered is None when the text carries no full tones.

    Marked text has a tone on every syllable (unmarked means neutral); numbered text
    has one only when every syllable carries a digit.
    """
    words = parse(text)
    flat = [pair for word in words for pair in word]
    plain = _join([syllable for syllable, _ in flat])
    if "lue" in plain or "nue" in plain:
        # run together, syllables can read differently (lu'e -> lue -> lüe): key the reading they have then
        plain = _join([syllable for word in parse(plain) for syllable, _ in word])
    marked = any(char in _TONE_OF_MARK for char in unicodedata.normalize("NFD", text))
    if marked or all(tone is not None or syllable.isdigit() for syllable, tone in flat):
        return _join([_numbered_syllable(syllable, tone) for syllable, tone in flat]), plain
    return None, plain


def marked_from_numbered(text: str) -> str:
    """Tone marks from tone numbers, words kept: ``jun1min2 rong2he2`` → ``jūnmín rónghé``.

    An authoring and import aid (uses pypinyin's ``tone_convert``, so it is slow to
    import); the lookup path never calls it.
    """
    from pypinyin.contrib.tone_convert import to_tone

    words = parse(text)
    out = []
    for word in words:
        syllables = []
        for syllable, tone in word:
            if syllable.isdigit():
                syllables.append(syllable)
            else:
                syllables.append(to_tone(syllable + (tone if tone and tone != "5" else "")).replace("v", "ü"))
        out.append("".join(syllables))
    return " ".join(out)
