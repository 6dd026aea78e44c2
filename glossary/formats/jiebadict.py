"""A jieba user dictionary: ``word frequency part-of-speech``, one Chinese form a line.

``jieba.load_userdict("userdict.txt")`` then keeps the glossary's terms whole when it
segments Chinese text, which analysts do before counting words. Every Chinese form
is written: simplified, traditional, each variant and each Chinese abbreviation.
Concepts marked ``generic`` (words that are terms only in context) are left out:
forcing them whole everywhere would mis-segment ordinary text.

jieba cuts its input into runs of Han characters, Latin letters, digits and
``+#&._%-`` before it looks words up, so a form holding anything else (quotation
marks, a middle dot, a space) could never match: it is written without those
characters (“十四五”规划 → 十四五规划), as it stands in text written without them.

The frequency is the same for every word, that of a common word in jieba's own
dictionary, so that a term wins over the shorter words it is made of; the
part of speech is ``nz`` (other proper noun) and ``j`` (abbreviation) for Chinese
abbreviations, from the ICTCLAS tag set jieba uses.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from glossary.formats.base import ExportOptions, Format

if TYPE_CHECKING:
    from glossary.analysis.glossary import Glossary
    from glossary.core.model import GlossaryDocument

__all__ = ["FREQUENCY", "JiebaFormat", "jieba_word", "words"]

#: As frequent as a common word in jieba's own dictionary (above 战略, 10,013; below 国家, 79,520):
#: enough for a term to win over the words it is made of, without swamping the other words.
FREQUENCY = 20_000

# what jieba's default cutter keeps inside one run (jieba.re_han_default)
_KEPT_SYMBOLS = frozenset("+#&._%-")


def _kept(char: str) -> bool:
    return "\u4e00" <= char <= "\u9fd5" or (char.isascii() and (char.isalnum() or char in _KEPT_SYMBOLS))


def jieba_word(form: str) -> str:
    """A Chinese form as jieba can match it: without the characters its cutter splits on.

    >>> jieba_word("“十四五”规划")
    '十四五规划'
    >>> jieba_word("5G 网络")
    '5G网络'
    """
    return "".join(char for char in form if _kept(char))


def words(glossary: Glossary) -> list[tuple[str, str]]:
    """``(word, part of speech)`` for every Chinese form of the non-generic concepts, each word once."""
    seen: dict[str, str] = {}
    for term in glossary:
        if term.generic:
            continue
        forms = [(term.zh.hans, "nz"), (term.zh.hant, "nz")]
        forms += [(variant.text, "nz") for variant in term.zh.variants or ()]
        forms += [(abbreviation.text, "j") for abbreviation in term.abbreviations or () if abbreviation.lang.startswith("zh")]
        for form, tag in forms:
            word = jieba_word(form)
            # a word of Latin letters alone is no Chinese form (jieba finds those without help)
            if any("\u4e00" <= char <= "\u9fd5" for char in word):
                seen.setdefault(word, tag)
    return list(seen.items())


class JiebaFormat(Format):
    name = "jieba"
    extensions = (".dict.txt",)
    description = "jieba user dictionary: word, frequency, part of speech, every Chinese form (for jieba.load_userdict)"
    can_read = False

    def dump(self, glossary: Glossary, options: ExportOptions) -> bytes:
        return "".join(f"{word} {FREQUENCY} {tag}\n" for word, tag in words(glossary)).encode("utf-8")

    def load(self, data: bytes, path: str) -> GlossaryDocument:
        from glossary.errors import FormatError

        raise FormatError(path, "a jieba user dictionary holds Chinese words only and cannot be read back as a glossary; import the JSON or TBX export instead")
