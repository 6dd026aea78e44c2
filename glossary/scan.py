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
abbreviations (also dotted: ``M.C.F.``). Concepts marked ``generic`` (a word that is a
term only in context, such as 体系) have no keys: they are never recognised on their own.

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

Engine: the leftmost-longest Aho-Corasick automaton of ahocorasick-rs (Rust; exact,
code-point offsets), run over the text as the keys see it: the text folded only
where the fold matters (:meth:`Scanner._view`). Its matches know no word
boundaries: one that fails its rules hands over to an exact pure-Python engine (a
dict probe keyed on the first character) until the two are back in step
(:meth:`Scanner._with_boundaries`). That engine also scans alone when ahocorasick-rs
is missing, with identical results, more slowly.

A :class:`Scanner` is built once per glossary (``Glossary.scanner()``), reused for
every text, and pickles (with its glossary), so it can be shipped to Dask or Spark
workers.
"""

from __future__ import annotations

import re
import threading
import unicodedata

from glossary import normalize
from glossary.normalize import BRITISH_TO_AMERICAN, BRITISH_TO_AMERICAN_SUFFIXES
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
_DASHES = normalize.DASHES
_SINGLE_QUOTES = "\u2018\u2019\u201a\u201b\u2032\uff07"
_DOUBLE_QUOTES = "\u201c\u201d\u201e\u201f\u2033\uff02"
_BREAKS = "\t\n\x0b\x0c\r\x85\u2028\u2029"

# Flags of a key (third item of an automaton value).
_LEFT = 1  # needs a word boundary before it
_RIGHT = 2  # needs a word boundary after it
_CASE = 4  # an English abbreviation: not matched in lower case

_SURROGATES = re.compile("[\ud800-\udfff]")

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


def _changed_characters(keys: list[str]) -> re.Pattern[str] | None:
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


_word_choices: dict[str, tuple[str, ...]] = {}
_SPELLING_WORDS = frozenset(BRITISH_TO_AMERICAN) | frozenset(BRITISH_TO_AMERICAN.values())


def _spellings_of(word: str) -> tuple[str, ...]:
    """A word and its other spellings: ``defence`` → (defence, defense), ``organisation`` → (…, organization)."""
    choices = _word_choices.get(word)
    if choices is None:
        spelling, suffixes = BRITISH_TO_AMERICAN, BRITISH_TO_AMERICAN_SUFFIXES
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
        return terms[0] if terms is not None else self[5].term_at(self[6][0])

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
        return tuple(glossary.term_at(position) for position in self[6])


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

    __slots__ = ("text", "flags", "entries", "spellings", "exact", "resolved")

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
        #: the form of the key's hits (made on first use)
        self.resolved: Form | None = None

    def __getstate__(self) -> tuple[Any, ...]:
        return (self.text, self.flags, self.entries, self.spellings, self.exact)

    def __setstate__(self, state: tuple[Any, ...]) -> None:
        self.text, self.flags, self.entries, self.spellings, self.exact = state
        self.resolved = None


class Scanner:
    """Finds the terms of one glossary in running text; build once, reuse, pickle.

    ``Scanner(glossary)`` (or ``glossary.scanner()``, which caches it). ``engine`` is
    ``"auto"`` (the Aho-Corasick automaton of ahocorasick-rs when it is installed,
    else pure Python), ``"ahocorasick"`` or ``"python"``; all give identical results.
    """

    def __init__(self, glossary: Glossary, *, engine: str = "auto") -> None:
        if engine not in ENGINES:
            raise ValueError(f"unknown engine {engine!r}: use one of {', '.join(ENGINES)}")
        self.glossary = glossary
        if engine == "auto":
            try:
                import ahocorasick_rs  # type: ignore[import-not-found,unused-ignore]  # noqa: F401
            except ImportError:
                engine = "python"
            else:
                engine = "ahocorasick"
        #: The engine in use: ``ahocorasick`` or ``python``.
        self.engine = engine
        self._lock = threading.Lock()
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
        #: keys from this number on have boundary or case rules (most keys, the Chinese ones, have none)
        self._first_checked = next((number for number, key in enumerate(keys) if key.flags), len(keys))
        #: the form of each key's hits, made on first use (None also for keys whose form depends on the surface)
        self._forms: list[Form | None] = [None] * len(keys)
        #: code point -> folded character, for the characters beside a match
        self._fold = fold_table()
        #: the forms of hits written exactly as a stored form of a key whose form depends on the surface
        self._surface_forms: dict[tuple[int, str], Form] = {}
        self._automaton: Any = None
        self._probe: dict[str, tuple[int, ...]] | None = None
        self._index: dict[str, int] | None = None
        self._changes: re.Pattern[str] | None = None
        if keys:
            self._changes = _changed_characters([key.text for key in keys])
            if self.engine == "ahocorasick":
                import ahocorasick_rs  # type: ignore[import-not-found,unused-ignore]

                self._automaton = ahocorasick_rs.AhoCorasick(
                    [key.text for key in keys], matchkind=ahocorasick_rs.MatchKind.LeftmostLongest, store_patterns=False
                )
            else:
                self._python_tables(keys)
        # published last: another thread that sees the keys sees everything made from them
        self._keys: list[_Key] = keys

    def _python_tables(self, keys: list[_Key] | None = None) -> tuple[dict[str, tuple[int, ...]], dict[str, int]]:
        """The exact pure-Python engine's tables: key → number, first character → key lengths, longest first."""
        probe, index = self._probe, self._index
        if probe is None or index is None:
            keys = self._keys if keys is None else keys
            index = {key.text: number for number, key in enumerate(keys)}
            lengths: dict[str, set[int]] = {}
            for key in keys:
                lengths.setdefault(key.text[0], set()).add(len(key.text))
            probe = {char: tuple(sorted(found, reverse=True)) for char, found in lengths.items()}
            self._probe, self._index = probe, index
        return probe, index

    # A pickled scanner is its glossary and engine: the automaton of a large glossary
    # pickles to hundreds of MB, rebuilding it takes seconds. It is rebuilt on first use.
    def __getstate__(self) -> dict[str, Any]:
        return {"glossary": self.glossary, "engine": self.engine}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.glossary = state["glossary"]
        self.engine = state["engine"]
        self._lock = threading.Lock()
        self._keys = None  # type: ignore[assignment]

    def _ready(self) -> list[_Key]:
        keys = self._keys
        if keys is None:
            # threads sharing an unpickled scanner: one builds, the others wait for it
            with self._lock:
                if self._keys is None:
                    self._build()
                keys = self._keys
        return keys

    def __repr__(self) -> str:
        return f"<Scanner {self.engine} for {self.glossary!r}>"

    def __len__(self) -> int:
        """The number of distinct keys."""
        return len(self._ready())

    def key_texts(self) -> list[str]:
        """The folded text of every key, building the automaton first if it is not built yet."""
        return [key.text for key in self._ready()]

    # --- building --------------------------------------------------------------

    @staticmethod
    def _collect_keys(glossary: Glossary) -> list[_Key]:
        wanted = []
        data = glossary.compiled_terms
        for position, derived in enumerate(glossary.compiled_derived):
            if data[position].get("generic"):
                continue  # a generic word (能力, 体系) is a term only in context: never recognised on its own
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
        data = glossary.compiled_terms
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
        # keys with rules to check last: a key number then tells whether to check it
        keys.sort(key=lambda key: key.flags != 0)
        return keys

    # --- scanning --------------------------------------------------------------

    def scan(self, text: str) -> list[Hit]:
        """Every term occurrence in ``text``, in order, non-overlapping, leftmost-longest."""
        if not isinstance(text, str):
            raise TypeError(f"scan() needs a str, not {type(text).__name__}")
        matches = self._matches(text)
        forms = self._forms
        surface_forms = self._surface_forms
        hits: list[Hit] = []
        append = hits.append
        new = tuple.__new__
        for number, start, end in matches:
            surface = text[start:end]
            form = forms[number]
            if form is None:
                form = surface_forms.get((number, surface)) or self._form_of(number, surface)
            append(new(Hit, (start, end, surface, form)))
        return hits

    def count(self, text: str) -> dict[str, int]:
        """How often each concept occurs in ``text``: ``{term id: count}`` (plain data, cheap to send between processes)."""
        counts: dict[str, int] = {}
        matches = self._matches(text)
        data = self.glossary.compiled_terms
        keys = self._keys  # built by _matches on an unpickled scanner's first use
        for number, _, _ in matches:
            term_id = data[keys[number].entries[0][0]]["id"]
            counts[term_id] = counts.get(term_id, 0) + 1
        return counts

    def _form_of(self, number: int, surface: str) -> Form:
        """The form a hit of key ``number`` reports; kept in ``_forms`` unless it depends on the surface.

        Text written exactly as one of the concept's stored forms reports that form
        (軍民融合 → hant), kept in ``_surface_forms``.
        """
        key = self._keys[number]
        general = key.resolved or self._resolve(key)
        if key.exact is None:
            self._forms[number] = general
            return general
        if surface not in key.exact:
            return general
        matched, kind = key.exact[surface]
        form = self._surface_forms[number, surface] = Form._lazy(general[5], general[6], matched, kind, general[3], general[4])
        return form

    def _resolve(self, key: _Key) -> Form:
        _, kind, matched, lang = key.entries[0]
        positions = tuple(entry[0] for entry in key.entries)
        form = key.resolved = Form._lazy(self.glossary, positions, matched, kind, key.text, lang)
        return form

    def spans(self, text: str) -> list[tuple[int, int, int]]:
        """``(start, end, key number)`` of every occurrence: the raw form of :meth:`scan`."""
        return [(start, end, number) for number, start, end in self._matches(text)]

    def _matches(self, text: str) -> list[tuple[int, int, int]]:
        """``(key number, start, end)`` of every occurrence, in order."""
        if not isinstance(text, str):
            raise TypeError(f"the scanner reads a str, not {type(text).__name__}")
        if not text or not self._ready():
            return []
        view = self._view(text)
        if self._automaton is None:
            return self._python_matches(text, view)
        try:
            matches: list[tuple[int, int, int]] = self._automaton.find_matches_as_indexes(view)
        except UnicodeEncodeError:  # lone surrogates: no key holds one, any stand-in of one character will do
            view = _SURROGATES.sub("\ufffd", view)
            matches = self._automaton.find_matches_as_indexes(view)
        if self._first_checked < len(self._keys):
            matches = self._with_boundaries(text, view, matches)
        return matches

    def _view(self, text: str) -> str:
        """The text as the keys see it: ``fold(text)`` where it matters, one character for one.

        Folding a whole Chinese text costs more than scanning it (``str.translate`` is
        fast only on ASCII), so beyond ASCII only the characters that can take part in
        an occurrence are folded: those :func:`_changed_characters` finds (a capital
        letter, a traditional character, a full-width letter, an ideographic space or a
        line break beside an English word). A character the fold changes is never in a
        key, and one that is not found cannot lie inside an occurrence, so the scan
        finds what it would find in ``fold(text)``.
        """
        changes = self._changes
        if changes is None:
            return text
        if text.isascii():  # str.translate has a fast path for ASCII
            return fold(text)
        # [text, changed character, text, changed character, ..., text]
        parts = changes.split(text)
        if len(parts) == 1:
            return text
        parts[1::2] = map(self._fold.__getitem__, map(ord, parts[1::2]))
        return "".join(parts)

    def _valid(self, text: str, start: int, end: int, key: _Key) -> bool:
        """Whether an occurrence of ``key`` at ``text[start:end]`` passes its boundary and case rules."""
        flags = key.flags
        if flags & _LEFT and start > 0 and self._word_at(text, start - 1):
            return False
        if flags & _RIGHT and end < len(text) and self._word_at(text, end):
            return False
        if flags & _CASE:
            surface = text[start:end]
            if not surface.isupper() and not _case_ok(surface, key.spellings):
                return False
        return True

    def _word_at(self, text: str, position: int) -> bool:
        """Whether ``text[position]``, folded, is a letter or digit that continues an English word."""
        char = text[position]
        return is_word_char(self._fold.get(ord(char), char))

    def _longest_at(self, text: str, view: str, position: int) -> tuple[int, int] | None:
        """``(key number, end)`` of the longest key at ``position`` that passes its boundary rules."""
        probe, index = self._python_tables()
        lengths = probe.get(view[position])
        if not lengths:
            return None
        # a key starting with a letter or digit needs a word boundary before it: none starts inside a word
        if position > 0 and self._word_at(view, position) and self._word_at(text, position - 1):
            return None
        first_checked = self._first_checked
        size = len(view)
        for length in lengths:
            end = position + length
            if end > size:
                continue
            number = index.get(view[position:end])
            if number is not None and (number < first_checked or self._valid(text, position, end, self._keys[number])):
                return number, end
        return None

    def _python_matches(self, text: str, view: str) -> list[tuple[int, int, int]]:
        """The exact pure-Python engine: every leftmost-longest valid occurrence."""
        matches = []
        longest_at = self._longest_at
        position, stop = 0, len(view)
        while position < stop:
            found = longest_at(text, view, position)
            if found is None:
                position += 1
            else:
                matches.append((found[0], position, found[1]))
                position = found[1]
        return matches

    def _with_boundaries(self, text: str, view: str, matches: list[tuple[int, int, int]]) -> list[tuple[int, int, int]]:
        """The automaton's leftmost-longest matches with the boundary and case rules applied.

        The automaton knows no word boundaries. A match it gives that passes its rules
        is the right one; one that fails may hide a shorter valid key at its start or a
        valid key starting inside it. From such a match on, the exact Python engine
        takes over, until it stands at a position the automaton also passed through:
        the end of one of its matches or a stretch between them, where no key starts.
        From there on both agree again.
        """
        first_checked = self._first_checked
        keys = self._keys
        valid = self._valid
        bad = [match for match in [match for match in matches if match[0] >= first_checked] if not valid(text, match[1], match[2], keys[match[0]])]
        if not bad:
            return matches
        from bisect import bisect_left

        starts = [start for _, start, _ in matches]
        out: list[tuple[int, int, int]] = []
        at = 0  # matches[at:] are not taken yet
        position = 0  # the text before it is done
        longest_at = self._longest_at
        for _, start, end in bad:
            if start < position:
                continue  # the exact engine has been past it
            index = bisect_left(starts, start, at)
            out.extend(matches[at:index])
            word = view[start:end]
            if word.isascii() and word.isalnum():
                # Inside one word no other key can pass: a key starting after ``start``
                # starts with a letter or digit after one, a shorter key at ``start``
                # ends with one before one (and no longer key occurs at ``start``).
                at, position = index + 1, end
                continue
            position = start
            while True:
                found = longest_at(text, view, position)
                if found is None:
                    position += 1
                else:
                    out.append((found[0], position, found[1]))
                    position = found[1]
                at = bisect_left(starts, position, index)
                if matches[at - 1][2] <= position:  # matches[at - 1] starts before position
                    break
        out.extend(matches[at:])
        return out
