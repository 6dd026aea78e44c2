"""Term recognition in running text: :class:`Scanner` finds every glossary term in a string.

``Glossary.scan(text)`` returns :class:`~glossary.analysis.hits.Hit` objects: the concept, and ``start`` /
``end`` offsets into the ORIGINAL string, leftmost-longest and non-overlapping.

Normalisation is a one-to-one character mapping (:func:`~glossary.analysis.fold.fold`): each character is
replaced by at most one character, so an offset into the folded text is the offset
into the original text and no offset map is needed. The mapping takes, per
character: its NFKC form when that is a single character (full-width ``Ｍ`` → ``M``,
``２`` → ``2``, ideographic space → space), then its case fold when that is a single
character, then the traditional/Taiwan/Hong Kong → simplified table of
:mod:`glossary.core._tables` (``軍`` → ``军``), then dashes and hyphens → space, curly
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

from glossary.analysis.fold import changed_characters, fold, fold_table, is_word_char
from glossary.analysis.hits import Form, Hit
from glossary.analysis.spelling import abbreviation_forms, case_ok, english_forms
from glossary.core.index import KIND_SCORES

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Sequence
    from typing import Any

    from glossary.core.index import TermIndex

__all__ = ["ENGINES", "Scanner"]

#: The engines a :class:`Scanner` can run on.
ENGINES = ("auto", "ahocorasick", "python")

# Flags of a key (third item of an automaton value).
_LEFT = 1  # needs a word boundary before it
_RIGHT = 2  # needs a word boundary after it
_CASE = 4  # an English abbreviation: not matched in lower case

_SURROGATES = re.compile("[\ud800-\udfff]")


#: a scannable text -> term position -> [(kind, stored form, lang), ...]
_Forms = dict[str, dict[int, list[tuple[str, str, str]]]]


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

    def __init__(self, glossary: TermIndex, *, engine: str = "auto") -> None:
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
            self._changes = changed_characters([key.text for key in keys])
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
    def _collect_keys(glossary: TermIndex) -> list[_Key]:
        forms, other_keys, spellings = Scanner._gather_forms(glossary)
        return Scanner._make_keys(forms, other_keys, spellings, glossary.compiled_terms)

    @staticmethod
    def _gather_forms(glossary: TermIndex) -> tuple[_Forms, set[str], dict[str, set[str]]]:
        """The texts to scan for and their terms; the texts that are Chinese or English forms; each abbreviation text's spellings."""
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
        forms: _Forms = {}
        other_keys: set[str] = set()
        spellings: dict[str, set[str]] = {}
        for number, (position, family, key, kind, surface) in enumerate(wanted):
            folded = folded_all[2 * number].strip()
            if family == "zh":
                found = {folded, folded_all[2 * number + 1]}
                lang = "zh"
                other_keys.update(found)
            elif family == "en":
                found = english_forms(folded)
                lang = "en"
                other_keys.update(found)
            else:
                found = abbreviation_forms(folded)
                lang = "en"
                plain = unicodedata.normalize("NFKC", surface).replace(".", "").replace(" ", "")
                for text in found:
                    spellings.setdefault(text, set()).add(plain)
            for text in found:
                if text:
                    forms.setdefault(text, {}).setdefault(position, []).append((kind, surface, lang))
        return forms, other_keys, spellings

    @staticmethod
    def _make_keys(
        forms: _Forms,
        other_keys: set[str],
        spellings: dict[str, set[str]],
        data: Sequence[dict[str, Any]],
    ) -> list[_Key]:
        """One key a text: its terms best kind first, the exact stored forms, the word-boundary and case rules."""
        keys = []
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
        form = self._surface_forms[number, surface] = Form.of_positions(general[5], general[6], matched, kind, general[3], general[4])
        return form

    def _resolve(self, key: _Key) -> Form:
        _, kind, matched, lang = key.entries[0]
        positions = tuple(entry[0] for entry in key.entries)
        form = key.resolved = Form.of_positions(self.glossary, positions, matched, kind, key.text, lang)
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
        an occurrence are folded: those :func:`~glossary.analysis.fold.changed_characters` finds (a capital
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
            if not surface.isupper() and not case_ok(surface, key.spellings):
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

