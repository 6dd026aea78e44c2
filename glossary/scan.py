"""Term recognition in running text: :class:`Scanner` finds every glossary term in a string.

``Glossary.scan(text)`` returns :class:`Hit` objects: the concept, and ``start`` /
``end`` offsets into the ORIGINAL string, leftmost-longest and non-overlapping.

Normalisation is a one-to-one character mapping (:func:`fold`): each character is
replaced by at most one character, so an offset into the folded text is the offset
into the original text and no offset map is needed. The mapping takes, per
character: its NFKC form when that is a single character (full-width ``Ｍ`` → ``M``,
``２`` → ``2``, ideographic space → space), then its case fold when that is a single
character, then the traditional/Taiwan/Hong Kong → simplified table of
:mod:`glossary._tables` (``軍`` → ``军``), then dashes and hyphens → space, curly
quotes → straight ones, and line breaks and tabs → space; repeated until nothing
changes. Characters whose normalisation would change the length (``ﬁ``, ``ß``,
zero-width spaces, ``½``) are left as they are. The scanner's keys are the same
mapping applied to every Chinese form of a concept (simplified, traditional,
variants, OpenCC script forms, Chinese abbreviations), to its English renderings
(with British/American spelling variants, without a leading "the") and to its
abbreviations (also dotted: ``M.C.F.``).

Rules a match must pass:

- English edges need word boundaries: a key that starts (ends) with a letter or digit
  does not match when the character before (after) it is a letter or digit of a
  non-CJK script. A CJK character is a boundary: ``MCF`` is found in ``用MCF的``,
  ``PLA`` is not found in ``PLAN``.
- An English abbreviation written in lower case (``mcf``) is not taken for the
  abbreviation (``MCF``) unless the glossary spells it so.
- Chinese keys need no boundaries.

Results are exact: among all keys that occur at a position and pass these rules the
longest wins, the leftmost position first; a longer candidate that fails a boundary
does not hide a shorter or later one that passes.

Engine: pyahocorasick, run over the text's UTF-8 bytes viewed as latin-1 (every trie
node then has at most 256 children, which keeps the automaton fast for 100k+ keys),
in its all-occurrences mode; the choice of the leftmost-longest valid occurrence is
made here, because pyahocorasick's ``iter_long`` can miss a key that ends inside a
longer key's path. Text that holds characters the fold changes (traditional forms,
full-width letters) is scanned once as it is and rescanned, folded, in windows
around those characters (or whole, when they are many). Without pyahocorasick an
exact pure-Python engine (a dict probe keyed on the first character) does the same
work, more slowly.

A :class:`Scanner` is built once per glossary (``Glossary.scanner()``), reused for
every text, and pickles (with its glossary), so it can be shipped to Dask or Spark
workers.
"""

from __future__ import annotations

import unicodedata

from glossary import normalize
from glossary._tables import FOLD_FROM, FOLD_TO
from glossary.index import KIND_SCORES

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Iterable
    from typing import Any

    from glossary.entry import Term
    from glossary.index import Glossary

__all__ = ["ENGINES", "Form", "Hit", "Scanner", "fold", "fold_table", "is_word_char"]

#: The engines a :class:`Scanner` can run on.
ENGINES = ("auto", "ahocorasick", "python")

# Hyphens and dashes join or separate words the same way: all become a space, as in
# glossary.normalize.english_key ("military–civil fusion" = "military civil fusion").
_DASHES = "-\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d"
_SINGLE_QUOTES = "\u2018\u2019\u201a\u201b\u2032\uff07"
_DOUBLE_QUOTES = "\u201c\u201d\u201e\u201f\u2033\uff02"
_BREAKS = "\t\n\x0b\x0c\r\x85\u2028\u2029"

# Flags of a key (third item of an automaton value).
_LEFT = 1  # needs a word boundary before it
_RIGHT = 2  # needs a word boundary after it
_CASE = 4  # an English abbreviation: not matched in lower case
_MARK = 8  # not a key: a character the fold changes, seen in unfolded text

# bytes.translate table: UTF-8 continuation bytes (0x80-0xBF) become 0, every other byte 1
_CONTINUATION_BYTES = bytes(0 if 0x80 <= byte < 0xC0 else 1 for byte in range(256))

_table: dict[int, str] | None = None
_bmp_table: list[int] | None = None
_astral_table: dict[int, str] | None = None
_ascii_bytes: bytes | None = None


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


def _candidate_codes() -> Iterable[int]:
    yield from range(0x10000)
    yield from range(0x1D400, 0x1D800)  # mathematical letters and digits
    yield from range(0x2F800, 0x2FA20)  # CJK compatibility ideographs supplement
    yield from (ord(char) for char in FOLD_FROM if ord(char) > 0xFFFF)


def fold_table() -> dict[int, str]:
    """The one-to-one fold as a ``str.translate`` table: code point → single character.

    Built on first use (about 0.1 s) and kept for the process. Every value is a
    fixed point (folding is idempotent).
    """
    global _table
    if _table is None:
        table: dict[int, str] = {}
        for code in _candidate_codes():
            char = chr(code)
            if 0xD800 <= code <= 0xDFFF:
                continue
            out = _fold_step(char)
            for _ in range(8):  # chains such as 麼 → 么 → 幺 end in a fixed point
                again = _fold_step(out)
                if again == out:
                    break
                out = again
            if out != char:
                table[code] = out
        _table = table
    return _table


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


def _ascii_fold_bytes() -> bytes:
    """The ASCII part of the fold as a ``bytes.translate`` table (ASCII bytes of UTF-8 are ASCII characters)."""
    global _ascii_bytes
    if _ascii_bytes is None:
        table = fold_table()
        mapping = bytearray(range(256))
        for code in range(128):
            folded = table.get(code)
            if folded is not None:
                if ord(folded) >= 128:
                    raise AssertionError(f"fold maps ASCII {chr(code)!r} outside ASCII")
                mapping[code] = ord(folded)
        _ascii_bytes = bytes(mapping)
    return _ascii_bytes


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


_word_choices: dict[str, tuple[str, ...]] = {}
_SPELLING_WORDS = frozenset(getattr(normalize, "_SPELLING", {})) | frozenset(getattr(normalize, "_SPELLING", {}).values())


def _spellings_of(word: str) -> tuple[str, ...]:
    """A word and its other spellings: ``defence`` → (defence, defense), ``organisation`` → (…, organization)."""
    choices = _word_choices.get(word)
    if choices is None:
        spelling: dict[str, str] = getattr(normalize, "_SPELLING", {})
        suffixes: tuple[tuple[str, str], ...] = getattr(normalize, "_SUFFIXES", ())
        found = [word]
        american = spelling.get(word)
        if american:
            found.append(american)
        found.extend(british for british, other in spelling.items() if other == word)
        for british, american in suffixes:
            for old, new in ((british, american), (american, british)):
                if word.endswith(old) and len(word) > len(old):
                    found.append(word[: -len(old)] + new)
        choices = _word_choices[word] = tuple(dict.fromkeys(found))
    return choices


def _english_forms(base: str) -> set[str]:
    """The forms of a folded English rendering: as written, without a leading "the", British and American spellings."""
    if base.startswith("the ") and base.count(" ") > 1:
        base = base[4:].lstrip()
    if not base:
        return set()
    words = base.split(" ")
    if _SPELLING_WORDS.isdisjoint(words) and not any(part in base for part in ("isa", "iza", "ysa", "yza")):
        return {base}  # no word has another spelling: the common case, kept fast
    forms = [""]
    for position, word in enumerate(words):
        choices = _spellings_of(word)
        if len(choices) == 1 or len(forms) * len(choices) > 16:
            forms = [f"{form} {word}" if position else word for form in forms]
        else:
            forms = [f"{form} {choice}" if position else choice for form in forms for choice in choices]
    return set(forms)


def _abbreviation_forms(base: str) -> set[str]:
    """Folded ``mcf`` → ``mcf``, ``m.c.f.``; a dotted abbreviation also gives its undotted form."""
    forms = {base} if base else set()
    letters = base.replace(".", "").replace(" ", "")
    if letters.isascii() and letters.isalpha() and 2 <= len(letters) <= 8:
        forms.update({letters, ".".join(letters) + "."})
    return forms


def _case_ok(surface: str, spellings: tuple[str, ...]) -> bool:
    """An abbreviation occurrence counts unless it is written in lower case the glossary does not use."""
    if not any(char.islower() for char in surface):
        return True
    plain = unicodedata.normalize("NFKC", surface).replace(".", "").replace(" ", "")
    return plain in spellings


class Form(tuple):  # type: ignore[type-arg]
    """What a key stands for: the concept, the stored form, its kind and language; shared by every hit of the key.

    Made by the scanner without building the concepts' :class:`Term` objects (they are
    built on first access), so that scanning a text costs no object graph per term.
    """

    __slots__ = ()

    def __new__(cls, term: Term, matched: str, kind: str, key: str, lang: str, also: tuple[Term, ...] = ()) -> Form:
        return tuple.__new__(cls, ((term, *also), matched, kind, key, lang, None, ()))

    @classmethod
    def _lazy(cls, glossary: Glossary, positions: tuple[int, ...], matched: str, kind: str, key: str, lang: str) -> Form:
        return tuple.__new__(cls, (None, matched, kind, key, lang, glossary, positions))

    def __getnewargs__(self) -> tuple[Any, ...]:
        terms = self.terms
        return (terms[0], self[1], self[2], self[3], self[4], terms[1:])

    @property
    def term(self) -> Term:
        terms: tuple[Term, ...] | None = self[0]
        return terms[0] if terms is not None else self[5]._term(self[6][0])

    @property
    def size(self) -> int:
        """How many concepts the form names (without building them)."""
        terms: tuple[Term, ...] | None = self[0]
        return len(terms if terms is not None else self[6])

    def _identity(self) -> tuple[Any, ...]:
        return (tuple(term.id for term in self.terms), self[1], self[2], self[3], self[4])

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Form):
            return NotImplemented
        return self is other or self._identity() == other._identity()

    def __ne__(self, other: object) -> bool:
        equal = self.__eq__(other)
        return equal if equal is NotImplemented else not equal

    def __hash__(self) -> int:
        return hash(self._identity())

    @property
    def terms(self) -> tuple[Term, ...]:
        terms: tuple[Term, ...] | None = self[0]
        if terms is not None:
            return terms
        glossary = self[5]
        return tuple(glossary._term(position) for position in self[6])


class Hit(tuple):  # type: ignore[type-arg]
    """One occurrence of a concept in a text.

    ``text[hit.start:hit.end] == hit.surface``, offsets into the original string. A
    tuple underneath, ``(start, end, surface, form)`` (cheap to make, immutable,
    picklable), read by attribute.
    """

    __slots__ = ()

    def __new__(
        cls,
        term: Term,
        start: int,
        end: int,
        surface: str,
        matched: str,
        kind: str,
        key: str,
        lang: str,
        also: tuple[Term, ...] = (),
    ) -> Hit:
        return tuple.__new__(cls, (start, end, surface, Form(term, matched, kind, key, lang, also)))

    def __getnewargs__(self) -> tuple[Any, ...]:
        # pickled with its concepts, not with the glossary it was found in
        form: Form = self[3]
        terms = form.terms
        return (terms[0], self[0], self[1], self[2], form[1], form[2], form[3], form[4], terms[1:])

    @property
    def term(self) -> Term:
        """The concept found (the best one when several concepts share the form)."""
        return self[3].term  # type: ignore[no-any-return]

    @property
    def start(self) -> int:
        """Offset of the first character, into the original string."""
        return self[0]  # type: ignore[no-any-return]

    @property
    def end(self) -> int:
        """Offset after the last character, into the original string."""
        return self[1]  # type: ignore[no-any-return]

    @property
    def surface(self) -> str:
        """The text as written: ``text[start:end]`` (``軍民融合``, ``Military–Civil Fusion``)."""
        return self[2]  # type: ignore[no-any-return]

    @property
    def matched(self) -> str:
        """The stored form of the concept the text matched (``軍民融合``, ``military-civil fusion``, ``MCF``)."""
        return self[3][1]  # type: ignore[no-any-return]

    @property
    def kind(self) -> str:
        """The kind of that form, as in :class:`~glossary.index.Match` (``hans``, ``hant``, ``en-source``, ``abbreviation`` ...)."""
        return self[3][2]  # type: ignore[no-any-return]

    @property
    def key(self) -> str:
        """The folded key text and form share: ``fold(surface) == key``."""
        return self[3][3]  # type: ignore[no-any-return]

    @property
    def lang(self) -> str:
        """``zh`` for a Chinese form, ``en`` for an English rendering or abbreviation."""
        return self[3][4]  # type: ignore[no-any-return]

    @property
    def also(self) -> tuple[Term, ...]:
        """Other concepts that share this form (usually none)."""
        return self[3].terms[1:]  # type: ignore[no-any-return]

    @property
    def terms(self) -> tuple[Term, ...]:
        """Every concept the form names: :attr:`term` first, then :attr:`also`."""
        return self[3].terms  # type: ignore[no-any-return]

    def __repr__(self) -> str:
        return f"Hit({self.term.id!r}, {self.start}, {self.end}, surface={self.surface!r}, kind={self.kind!r})"

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "id": self.term.id,
            "start": self.start,
            "end": self.end,
            "surface": self.surface,
            "matched": self.matched,
            "kind": self.kind,
            "lang": self.lang,
        }
        if self[3].size > 1:
            out["also"] = [term.id for term in self.also]
        return out


class _Key:
    """One scanner key: its text, flags and the concepts it names, best first."""

    __slots__ = ("text", "flags", "entries", "spellings", "exact", "resolved", "exact_forms")

    def __init__(
        self,
        text: str,
        flags: int,
        entries: tuple[tuple[int, str, str, str], ...],
        spellings: tuple[str, ...],
        exact: dict[str, tuple[str, str]] | None,
    ) -> None:
        self.text = text
        self.flags = flags
        #: (term position, kind, stored form, lang), best kind first
        self.entries = entries
        #: for English abbreviations: the spellings (dots and spaces removed) the glossary uses
        self.spellings = spellings
        #: when the first concept has several forms with this key: stored form -> (form, kind)
        self.exact = exact
        self.resolved: Form | None = None
        #: the forms for text written exactly as one of the stored forms, made once
        self.exact_forms: dict[str, Form] = {}

    def __getstate__(self) -> tuple[Any, ...]:
        return (self.text, self.flags, self.entries, self.spellings, self.exact)

    def __setstate__(self, state: tuple[Any, ...]) -> None:
        self.text, self.flags, self.entries, self.spellings, self.exact = state
        self.resolved = None
        self.exact_forms = {}


class Scanner:
    """Finds the terms of one glossary in running text; build once, reuse, pickle.

    ``Scanner(glossary)`` (or ``glossary.scanner()``, which caches it). ``engine`` is
    ``"auto"`` (pyahocorasick when installed, else pure Python), ``"ahocorasick"``
    or ``"python"``; all give identical results.
    """

    def __init__(self, glossary: Glossary, *, engine: str = "auto") -> None:
        if engine not in ENGINES:
            raise ValueError(f"unknown engine {engine!r}: use one of {', '.join(ENGINES)}")
        self.glossary = glossary
        if engine == "auto":
            try:
                import ahocorasick  # type: ignore[import-not-found,unused-ignore]  # noqa: F401
            except ImportError:
                engine = "python"
            else:
                engine = "ahocorasick"
        #: The engine in use: ``ahocorasick`` or ``python``.
        self.engine = engine
        self._build()

    def _build(self) -> None:
        import gc

        # hundreds of thousands of small containers: the cyclic collector would
        # revisit them all many times over while they are made (none is garbage)
        collecting = gc.isenabled()
        gc.disable()
        try:
            self._build_now()
        finally:
            if collecting:
                gc.enable()

    def _build_now(self) -> None:
        keys = self._collect_keys(self.glossary)
        self._keys: list[_Key] = keys
        self._max_chars = max((len(key.text) for key in keys), default=0)
        self._automaton: Any = None
        self._probe: dict[str, tuple[int, ...]] = {}
        self._index: dict[str, int] = {}
        self._reach: dict[str, int] = {}
        self._bigrams: set[str] = set()
        self._single: set[str] = set()
        if not keys:
            return
        if self.engine == "ahocorasick":
            self._automaton = self._build_automaton(keys)
        else:
            self._index = {key.text: number for number, key in enumerate(keys)}
            lengths: dict[str, set[int]] = {}
            for key in keys:
                lengths.setdefault(key.text[0], set()).add(len(key.text))
            self._probe = {char: tuple(sorted(found, reverse=True)) for char, found in lengths.items()}

    # A pickled scanner is its glossary and engine: the automaton of a large glossary
    # pickles to hundreds of MB, rebuilding it takes seconds. It is rebuilt on first use.
    def __getstate__(self) -> dict[str, Any]:
        return {"glossary": self.glossary, "engine": self.engine}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.glossary = state["glossary"]
        self.engine = state["engine"]
        self._keys = None  # type: ignore[assignment]

    def _ready(self) -> list[_Key]:
        if self._keys is None:
            self._build()
        return self._keys

    def __repr__(self) -> str:
        return f"<Scanner {self.engine} for {self.glossary!r}>"

    def __len__(self) -> int:
        """The number of distinct keys."""
        return len(self._ready())

    # --- building --------------------------------------------------------------

    @staticmethod
    def _collect_keys(glossary: Glossary) -> list[_Key]:
        wanted = []
        for position, derived in enumerate(glossary._derived):
            for family, key, kind, surface in derived["keys"]:
                if family in ("zh", "en", "abbr"):
                    wanted.append((position, family, key, kind, surface))
        # fold every form in one call: NUL separates them (the fold leaves it alone)
        folded_all = fold("\0".join(item[4] + "\0" + item[2] for item in wanted)).split("\0")
        # key -> term position -> [(kind, stored form, lang), ...]
        forms: dict[str, dict[int, list[tuple[str, str, str]]]] = {}
        other_keys: set[str] = set()
        spellings: dict[str, set[str]] = {}
        for number, (position, family, key, kind, surface) in enumerate(wanted):
            folded = folded_all[2 * number].strip()
            if family == "zh":
                found = {folded, folded_all[2 * number + 1]}
                lang = "zh"
                other_keys.update(found)
            elif family == "en":
                found = _english_forms(folded)
                lang = "en"
                other_keys.update(found)
            else:
                found = _abbreviation_forms(folded)
                lang = "en"
                plain = unicodedata.normalize("NFKC", surface).replace(".", "").replace(" ", "")
                for text in found:
                    spellings.setdefault(text, set()).add(plain)
            for text in found:
                if text:
                    forms.setdefault(text, {}).setdefault(position, []).append((kind, surface, lang))
        keys = []
        data = glossary._data
        scores = KIND_SCORES
        for text in sorted(forms):
            by_term = forms[text]
            entries = []
            exact: dict[str, tuple[str, str]] | None = None
            for position, found_forms in by_term.items():
                best = found_forms[0]
                for other in found_forms[1:]:
                    if scores.get(other[0], 50) > scores.get(best[0], 50):
                        best = other
                entries.append((position, best[0], best[1], best[2]))
            if len(entries) > 1:
                entries.sort(key=lambda entry: (-scores.get(entry[1], 50), data[entry[0]]["id"]))
            # a text written exactly as a stored form reports that form (軍民融合 is hant,
            # though it shares the key of hans)
            first_forms = by_term[entries[0][0]]
            if len(first_forms) > 1:
                exact = {}
                for kind, surface, _ in first_forms:
                    exact.setdefault(surface, (surface, kind))
            flags = 0
            if is_word_char(text[0]):
                flags |= _LEFT
            if is_word_char(text[-1]):
                flags |= _RIGHT
            spelled = spellings.get(text)
            if spelled is not None and text not in other_keys:
                flags |= _CASE
            keys.append(_Key(text, flags, tuple(entries), tuple(sorted(spelled)) if spelled else (), exact))
        return keys

    def _build_automaton(self, keys: list[_Key]) -> Any:
        import ahocorasick  # type: ignore[import-not-found,unused-ignore]
        from operator import add

        automaton = ahocorasick.Automaton()
        for number, key in enumerate(keys):
            encoded = key.text.encode("utf-8", "surrogatepass")
            automaton.add_word(encoded.decode("latin-1"), (len(encoded), number, key.flags, len(key.text)))
        joined = "\0".join(key.text for key in keys)
        key_chars = set(joined)
        #: every two-character stretch of a key: a changed character whose neighbours
        #: make no such pair with it cannot lie inside an occurrence
        self._bigrams = bigrams = set(map(add, joined, joined[1:]))
        self._single = single = {key.text for key in keys if len(key.text) == 1}
        # Characters the fold changes into a character some key holds ("marks"): seeing one
        # in unfolded text means the stretch around it must be folded and scanned again.
        # Spaces, dashes and quotes (the ideographic spaces that indent Chinese
        # paragraphs, the ——, ’ of Chinese prose) are marked only beside a character
        # they can form a key's two-character stretch with, so they cost nothing
        # elsewhere; every other mark (traditional characters, full-width letters) is
        # checked for such a neighbour when it is met.
        table = fold_table()
        after: dict[str, set[str]] = {}
        before: dict[str, set[str]] = {}
        marks: set[str] = set()
        for code, folded in table.items():
            if code < 0x80 or folded not in key_chars:
                continue
            char = chr(code)
            if folded.isalnum() or folded in single or code >= 0x10000:
                marks.add(char)
                continue
            if not after:
                for pair in bigrams:
                    after.setdefault(pair[0], set()).add(pair[1])
                    before.setdefault(pair[1], set()).add(pair[0])
            # a neighbour that is itself changed by the fold is a mark of its own, or
            # (another space or dash) is listed here in its changed form too
            for neighbour in after.get(folded, ()):
                marks.add(char + neighbour)
                if not neighbour.isalnum():
                    marks.update(char + chr(other) for other, to in table.items() if to == neighbour and other >= 0x80)
            for neighbour in before.get(folded, ()):
                marks.add(neighbour + char)
                if not neighbour.isalnum():
                    marks.update(chr(other) + char for other, to in table.items() if to == neighbour and other >= 0x80)
        for mark in marks:
            encoded = mark.encode("utf-8", "surrogatepass")
            automaton.add_word(encoded.decode("latin-1"), (len(encoded), -1, _MARK, len(mark)))
        automaton.make_automaton()
        return automaton

    def _reach_of(self, char: str) -> int:
        """The length of the longest key holding ``char`` (cached)."""
        reach = self._reach.get(char)
        if reach is None:
            reach = self._reach[char] = max((len(key.text) for key in self._keys if char in key.text), default=0)
        return reach

    # --- scanning --------------------------------------------------------------

    def scan(self, text: str) -> list[Hit]:
        """Every term occurrence in ``text``, in order, non-overlapping, leftmost-longest."""
        if not isinstance(text, str):
            raise TypeError(f"scan() needs a str, not {type(text).__name__}")
        spans = self.spans(text)
        keys = self._keys
        hits: list[Hit] = []
        append = hits.append
        new = tuple.__new__
        resolve = self._resolve
        for start, end, number in spans:
            key = keys[number]
            surface = text[start:end]
            if key.exact is not None and surface in key.exact:
                form = self._exact_form(key, surface)
            else:
                form = key.resolved or resolve(key)
            append(new(Hit, (start, end, surface, form)))
        return hits

    def count(self, text: str) -> dict[str, int]:
        """How often each concept occurs in ``text``: ``{term id: count}`` (plain data, cheap to send between processes)."""
        counts: dict[str, int] = {}
        spans = self.spans(text)
        data = self.glossary._data
        keys = self._keys
        for _, _, number in spans:
            term_id = data[keys[number].entries[0][0]]["id"]
            counts[term_id] = counts.get(term_id, 0) + 1
        return counts

    def _resolve(self, key: _Key) -> Form:
        _, kind, matched, lang = key.entries[0]
        positions = tuple(entry[0] for entry in key.entries)
        form = key.resolved = Form._lazy(self.glossary, positions, matched, kind, key.text, lang)
        return form

    def _exact_form(self, key: _Key, surface: str) -> Form:
        """The form for text written exactly as one of the concept's stored forms (軍民融合 → hant)."""
        form = key.exact_forms.get(surface)
        if form is None:
            general = key.resolved or self._resolve(key)
            matched, kind = key.exact[surface]  # type: ignore[index]
            form = key.exact_forms[surface] = Form._lazy(general[5], general[6], matched, kind, general[3], general[4])
        return form

    def spans(self, text: str) -> list[tuple[int, int, int]]:
        """``(start, end, key number)`` of every occurrence: the raw form of :meth:`scan`."""
        if not text or not self._ready():
            return []
        if self._automaton is None:
            return self._python_spans(text)
        return self._automaton_spans(text)

    def _valid(self, text: str, start: int, end: int, key: _Key) -> bool:
        flags = key.flags
        table = fold_table()
        if flags & _LEFT and start > 0:
            before = text[start - 1]
            if is_word_char(table.get(ord(before), before)):
                return False
        if flags & _RIGHT and end < len(text):
            after = text[end]
            if is_word_char(table.get(ord(after), after)):
                return False
        if flags & _CASE and not _case_ok(text[start:end], key.spellings):
            return False
        return True

    def _automaton_spans(self, text: str, *, folded: bool = False) -> list[tuple[int, int, int]]:
        if folded:
            # the fold keeps one character for one, so char offsets of the folded bytes hold
            raw = fold(text).encode("utf-8", "surrogatepass")
            view = raw.decode("latin-1")
        else:
            raw = text.encode("utf-8", "surrogatepass")
            view = raw.translate(_ascii_fold_bytes()).decode("latin-1")
        keys = self._keys
        # characters before byte b = b - (continuation bytes before b): counted in C, not decoded
        continuation = raw.translate(_CONTINUATION_BYTES).count
        occurrences = list(self._automaton.iter(view))
        # start byte -> automaton value (bytes, key number, flags, chars) of the longest valid
        # occurrence; the stream comes by end offset, so the last value seen for a start is the
        # longest. Keys without flags (Chinese) need no check: a comprehension takes them all.
        longest: dict[int, tuple[int, int, int, int]] = {end - value[0] + 1: value for end, value in occurrences if not value[2]}
        flagged = [item for item in occurrences if item[1][2]]
        marks: list[tuple[int, tuple[int, int, int, int]]] = [item for item in flagged if item[1][2] & _MARK]
        if len(marks) >= 64 and any(marks[count - 1][0] < 2000 * count for count in range(64, len(marks) + 1)):
            return self._automaton_spans(text, folded=True)  # changed characters everywhere
        # char offset of byte ``mapped_bytes``, advanced only when a check needs it
        mapped_bytes = mapped_chars = 0
        for end, value in flagged:
            if value[2] & _MARK:
                continue
            mapped_chars += end + 1 - mapped_bytes - continuation(0, mapped_bytes, end + 1)
            mapped_bytes = end + 1
            if not self._valid(text, mapped_chars - value[3], mapped_chars, keys[value[1]]):
                continue
            start = end - value[0] + 1
            current = longest.get(start)
            if current is None or current[0] < value[0]:
                longest[start] = value
        if marks and not self._add_folded(text, raw, marks, longest):
            return self._automaton_spans(text, folded=True)
        spans = []
        cursor = mapped_bytes = mapped_chars = 0
        ascii_only = len(raw) == len(text)
        for start in sorted(longest):
            if start >= cursor:
                value = longest[start]
                if ascii_only:
                    spans.append((start, start + value[3], value[1]))
                else:
                    mapped_chars += start - mapped_bytes - continuation(0, mapped_bytes, start)
                    spans.append((mapped_chars, mapped_chars + value[3], value[1]))
                    mapped_chars += value[3]
                    mapped_bytes = start + value[0]
                cursor = start + value[0]
        return spans

    def _add_folded(self, text: str, raw: bytes, marks: list[tuple[int, tuple[int, int, int, int]]], longest: dict[int, tuple[int, int, int, int]]) -> bool:
        """Add the occurrences that need folding: rescan folded windows around the changed characters.

        Returns False, adding nothing, when the windows would cover much of the text:
        folding it whole is then cheaper.

        A changed character matters only when, folded, it makes a two-character
        stretch of some key with a neighbour (or is a key). An occurrence covering it
        lies within ``4 * (length of the longest key holding it)`` bytes.
        """
        size = len(raw)
        table = fold_table()
        bigrams = self._bigrams
        windows: list[list[int]] = []
        for end, value in marks:
            first = end - value[0] + 1
            chars = raw[first : end + 1].decode("utf-8", "surrogatepass")
            longest_key = max(self._reach_of(table.get(ord(char), char)) for char in chars)
            if value[3] == 1 and longest_key > 1:
                # a lone changed character: does it make a key's pair with a neighbour?
                folded = table.get(ord(chars), chars)
                before = first - 1
                while before > 0 and 0x80 <= raw[before] < 0xC0:
                    before -= 1
                previous = raw[before:first].decode("utf-8", "surrogatepass") if first > 0 else ""
                following = ""
                if end + 1 < size:
                    lead = raw[end + 1]
                    following = raw[end + 1 : end + 2 + (lead >= 0xC0) + (lead >= 0xE0) + (lead >= 0xF0)].decode("utf-8", "surrogatepass")
                if (
                    folded not in self._single
                    and (not previous or table.get(ord(previous), previous) + folded not in bigrams)
                    and (not following or folded + table.get(ord(following), following) not in bigrams)
                ):
                    continue
            low, high = max(0, first - 4 * (longest_key - 1)), min(size, end + 1 + 4 * (longest_key - 1))
            if windows and low <= windows[-1][1]:
                windows[-1][1] = max(windows[-1][1], high)
            else:
                windows.append([low, high])
        if not windows:
            return True
        if sum(high - low for low, high in windows) * 4 > size:
            return False  # cheaper to fold the whole text
        keys = self._keys
        automaton = self._automaton
        counted_bytes = counted_chars = 0  # char offset of raw[counted_bytes]
        for low, high in windows:
            while low < size and 0x80 <= raw[low] < 0xC0:  # start and end on character boundaries
                low += 1
            while high < size and 0x80 <= raw[high] < 0xC0:
                high += 1
            counted_chars += len(raw[counted_bytes:low].decode("utf-8", "surrogatepass"))
            counted_bytes = low
            part = raw[low:high].decode("utf-8", "surrogatepass")
            folded_part = fold(part).encode("utf-8", "surrogatepass")
            folded_bytes = taken = 0
            part_bytes = 0  # bytes of part[:taken] in the original text
            for end, value in automaton.iter(folded_part.decode("latin-1")):
                step = len(folded_part[folded_bytes : end + 1].decode("utf-8", "surrogatepass"))
                part_bytes += len(part[taken : taken + step].encode("utf-8", "surrogatepass"))
                taken += step
                folded_bytes = end + 1
                first = taken - value[3]
                key = keys[value[1]]
                if key.flags and not self._valid(text, counted_chars + first, counted_chars + taken, key):
                    continue
                length = len(part[first:taken].encode("utf-8", "surrogatepass"))
                start = low + part_bytes - length
                current = longest.get(start)
                if current is None or current[0] < length:
                    longest[start] = (length, value[1], value[2], value[3])
        return True

    def _python_spans(self, text: str) -> list[tuple[int, int, int]]:
        folded = fold(text)
        probe = self._probe
        index = self._index
        keys = self._keys
        spans = []
        position, size = 0, len(folded)
        while position < size:
            lengths = probe.get(folded[position])
            if lengths:
                for length in lengths:
                    if position + length > size:
                        continue
                    number = index.get(folded[position : position + length])
                    if number is not None and (not keys[number].flags or self._valid(text, position, position + length, keys[number])):
                        spans.append((position, position + length, number))
                        position += length
                        break
                else:
                    position += 1
            else:
                position += 1
        return spans
