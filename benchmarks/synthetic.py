"""Generated glossaries and corpora for benchmarks: no real text is shipped or needed.

- :func:`synthetic_glossary` builds a :class:`glossary.Glossary` of any size straight
  from compiled dicts (no pydantic, no OpenCC, no pypinyin), so 120,000 terms take a
  few seconds. Terms are made of "words" from a generated lexicon, and many terms
  extend shorter ones, so they nest and overlap as real policy terms do (国家安全 /
  国家安全法 / 总体国家安全观).
- :func:`synthetic_corpus` writes Chinese prose from the same lexicon, with glossary
  terms sprinkled in, Chinese punctuation, paragraph indents (ideographic spaces),
  full-width digits and, on request, traditional characters and English mentions.

Both are deterministic for a given seed. Run as a script to print a sample.
"""

from __future__ import annotations

import random
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # benchmark this checkout, whatever is installed
    sys.path.insert(0, str(ROOT))

import glossary  # noqa: E402
from glossary.core import normalize  # noqa: E402
from glossary.core._tables import FOLD_FROM, FOLD_TO, PINYIN_SYLLABLES  # noqa: E402
from glossary.core.constants import COMPILER_VERSION  # noqa: E402

__all__ = ["synthetic_corpus", "synthetic_glossary", "synthetic_table"]

_TONE_MARKS = {"a": "āáǎà", "e": "ēéěè", "i": "īíǐì", "o": "ōóǒò", "u": "ūúǔù", "ü": "ǖǘǚǜ"}
_ENGLISH_PARTS = (
    "stra te gic na tion al de vel op ment se cu ri ty in te gra tion sys tem ca pa bi li ty re source "
    "mo der ni za tion in no va tion in dus try tech no lo gy de fense mi li ta ry ci vil fu sion plan "
    "cen tral com mis sion re form work force pro gram supp ly chain net work space ope ra tion"
).split()
_PUNCTUATION = "，，，，。。、；："


def _marked(syllable: str, tone: int) -> str:
    """``zhong``, 1 → ``zhōng`` (tone 5 is neutral, unmarked)."""
    syllable = syllable.replace("v", "ü")
    if tone == 5:
        return syllable
    if "a" in syllable or "e" in syllable:
        vowel = "a" if "a" in syllable else "e"
        index = syllable.index(vowel)
    elif "ou" in syllable:
        index = syllable.index("o")
    else:
        index = max(syllable.rfind(vowel) for vowel in "iouü")
    vowel = syllable[index]
    return syllable[:index] + _TONE_MARKS[vowel][tone - 1] + syllable[index + 1 :]


class _Language:
    """Characters with readings and traditional forms, a lexicon of words, English-like words."""

    def __init__(self, rng: random.Random, n_words: int) -> None:
        variant_of: dict[str, str] = {}
        for traditional, simplified in zip(FOLD_FROM, FOLD_TO):
            if "\u4e00" <= traditional <= "\u9fff" and "\u4e00" <= simplified <= "\u9fff":
                variant_of.setdefault(simplified, traditional)
        folding = set(FOLD_FROM)
        candidates = [chr(code) for code in range(0x4E00, 0x9FA6) if chr(code) not in folding]
        self.chars = rng.sample(candidates, 3500)
        # a few hundred frequent characters, as in real text
        self.cumulative: list[float] = []
        running = 0.0
        for rank in range(len(self.chars)):
            running += 1.0 / (rank + 10)
            self.cumulative.append(running)
        self.traditional = {char: variant_of[char] for char in self.chars if char in variant_of}
        syllables = PINYIN_SYLLABLES.split()
        self.reading = {char: (rng.choice(syllables), rng.randint(1, 5)) for char in self.chars}
        self.marked = {char: _marked(*reading) for char, reading in self.reading.items()}
        self.numbered = {char: f"{syllable}{tone}" for char, (syllable, tone) in self.reading.items()}
        words: set[str] = set()
        while len(words) < n_words:
            length = rng.choices((1, 2, 3), weights=(15, 70, 15))[0]
            words.add("".join(rng.choices(self.chars, cum_weights=self.cumulative, k=length)))
        self.words = sorted(words)
        english: set[str] = set()
        while len(english) < max(400, n_words // 2):
            english.add("".join(rng.choices(_ENGLISH_PARTS, k=rng.randint(2, 4))))
        self.english = sorted(english)

    def pinyin(self, hans: str) -> tuple[str, str, str]:
        """(marked, numbered, toneless) readings, word-joined."""
        marked = "".join([self.marked[char] for char in hans])
        numbered = "".join([self.numbered[char] for char in hans])
        toneless = "".join([self.reading[char][0] for char in hans])
        return marked, numbered, toneless


def _term_texts(rng: random.Random, words: list[str], n_terms: int) -> list[str]:
    texts: list[str] = []
    seen: set[str] = set()
    while len(texts) < n_terms:
        roll = rng.random()
        if roll < 0.25 and texts:
            base = rng.choice(texts)  # a longer term around a shorter one
            word = rng.choice(words)
            text = base + word if rng.random() < 0.6 else word + base
        elif roll < 0.35:
            text = rng.choice(words)
        else:
            text = "".join(rng.choices(words, k=rng.randint(2, 3)))
        if 2 <= len(text) <= 16 and text not in seen:
            seen.add(text)
            texts.append(text)
    return texts


def synthetic_glossary(n_terms: int, seed: int = 0) -> glossary.Glossary:
    """A generated glossary of ``n_terms`` concepts, built without validation (seconds for 120,000)."""
    import gc

    collecting = gc.isenabled()
    gc.disable()  # nothing made here is garbage; the collector would only slow the build
    try:
        return _synthetic_glossary(n_terms, seed)
    finally:
        if collecting:
            gc.enable()


def _synthetic_glossary(n_terms: int, seed: int) -> glossary.Glossary:
    rng = random.Random(seed)
    language = _Language(rng, max(300, n_terms // 2))
    terms: list[dict[str, object]] = []
    derived: list[dict[str, object]] = []
    # lexicon words are lower-case ASCII, so a rendering's key is the keys of its words joined
    word_keys = {word: normalize.english_key(word) for word in language.english}
    for number, hans in enumerate(_term_texts(rng, language.words, n_terms)):
        hant = "".join(language.traditional.get(char, char) for char in hans)
        marked, numbered, toneless = language.pinyin(hans)
        english = " ".join(rng.choices(language.english, k=rng.randint(2, 4)))
        renderings: list[dict[str, Any]] = [{"text": english, "kind": "source", "sources": []}]
        for kind, chance in (("official", 0.3), ("alternative", 0.1), ("literal", 0.05), ("deprecated", 0.05)):
            if rng.random() < chance:
                renderings.append({"text": " ".join(rng.choices(language.english, k=rng.randint(2, 4))), "kind": kind, "sources": []})
        abbreviations: list[dict[str, Any]] = []
        if rng.random() < 0.3:
            initials = "".join(word[0] for word in english.split()).upper()
            abbreviations.append({"text": initials, "lang": "en", "status": "accepted", "sources": []})
        term_id = f"term-{number:06d}"
        terms.append(
            {
                "schema_version": 1,
                "id": term_id,
                "category": "concept",
                "zh": {"hans": hans, "hant": hant, "pinyin": marked, "variants": [], "sources": []},
                "en": renderings,
                "abbreviations": abbreviations,
                "first_use": {"date": str(rng.randint(1990, 2023)), "precision": "year", "sources": []},
                "relations": [],
                "shares_keys_with": [],
            }
        )
        keys = [["id", term_id, "id", term_id], ["zh", hans, "hans", hans]]
        if hant != hans:
            keys.append(["zh", normalize.chinese_key(hant), "hant", hant])
        keys.append(["pinyin_tones", numbered, "pinyin-tones", marked])
        keys.append(["pinyin", toneless, "pinyin", marked])
        for rendering in renderings:
            key = " ".join([word_keys[word] for word in rendering["text"].split(" ")])
            keys.append(["en", key, "en-" + rendering["kind"], rendering["text"]])
        for abbreviation in abbreviations:
            keys.append(["abbr", abbreviation["text"].lower(), "abbreviation", abbreviation["text"]])
        derived.append({"pinyin_numbered": numbered, "pinyin_toneless": toneless, "keys": keys})
    compiled = {"compiler": COMPILER_VERSION, "sources": {}, "terms": terms, "derived": derived}
    return glossary.Glossary(compiled, origin=f"synthetic ({n_terms} terms, seed {seed})")


def synthetic_corpus(
    source: glossary.Glossary,
    n_chars: int = 1_000_000,
    seed: int = 0,
    *,
    term_share: float = 0.08,
    traditional: float = 0.0,
    english: float = 0.01,
) -> str:
    """Generated Chinese prose of about ``n_chars`` characters with terms of ``source`` in it.

    ``term_share`` of the words are glossary terms; ``traditional`` is the share of
    paragraphs written in traditional characters; ``english`` the share of terms
    given by an English rendering or abbreviation instead. Filler comes from the same
    lexicon as the terms, so terms also arise by chance, as in real text.
    """
    rng = random.Random(seed)
    # forms straight from the compiled data: making 120,000 Term objects would cost seconds
    data = source.compiled()["terms"]
    terms = [(term["zh"]["hans"], [r["text"] for r in term["en"]] + [a["text"] for a in term.get("abbreviations", ())]) for term in data]
    if not terms:
        raise ValueError("the glossary has no terms")
    language = _Language(random.Random(seed + 1), 3000)
    to_traditional: dict[str, str] = {}
    for traditional_char, simplified in zip(FOLD_FROM, FOLD_TO):
        to_traditional.setdefault(simplified, traditional_char)
    paragraphs: list[str] = []
    total = 0
    while total < n_chars:
        pieces = ["\u3000\u3000"]
        for _ in range(rng.randint(3, 8)):  # sentences
            for _ in range(rng.randint(6, 20)):  # words
                roll = rng.random()
                if roll < term_share:
                    hans, english_forms = rng.choice(terms)
                    if rng.random() < english:
                        pieces.append(f" {rng.choice(english_forms)} ")
                    else:
                        pieces.append(hans)
                elif roll < term_share + 0.01:
                    pieces.append("".join("０１２３４５６７８９"[int(digit)] for digit in str(rng.randint(1949, 2035))) + "年")
                else:
                    pieces.append(rng.choice(language.words))
                if rng.random() < 0.08:
                    pieces.append(rng.choice(_PUNCTUATION))
            pieces.append("。")
        paragraph = "".join(pieces)
        if rng.random() < traditional:
            paragraph = "".join(to_traditional.get(char, char) for char in paragraph)
        paragraphs.append(paragraph)
        total += len(paragraph) + 1
    return "\n".join(paragraphs)[:n_chars]


def synthetic_table(path: Path, n_rows: int, seed: int = 0) -> Path:
    """An OmegaT-style file of ``n_rows`` rows, ``Chinese TAB English``, written row by row (any size, little memory).

    Chinese forms are two to four words of a generated lexicon of common characters
    (every row a distinct concept), English two to four generated words.
    """
    rng = random.Random(seed)
    language = _Language(rng, 6000)
    common = [char for char in language.chars[:2500]]
    seen: set[str] = set()
    with open(path, "w", encoding="utf-8", newline="\n") as stream:
        written = 0
        while written < n_rows:
            hans = "".join(rng.choices(common, k=rng.randint(3, 7)))
            if hans in seen:
                continue
            seen.add(hans)
            english = " ".join(rng.choices(language.english, k=rng.randint(2, 4)))
            stream.write(f"{hans}\t{english}\n")
            written += 1
    return path


if __name__ == "__main__":
    sample = synthetic_glossary(20)
    for term in list(sample)[:5]:
        print(term.id, term.zh.hans, term.zh.hant, term.zh.pinyin, "|", term.preferred)
    print(synthetic_corpus(sample, 300, traditional=0.5)[:300])
