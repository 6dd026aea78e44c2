"""The :class:`Glossary`: terms by id, and lookups by any surface form.

The index is a handful of plain dicts, one per key family (``zh``, ``en``, ``abbr``,
``pinyin_tones``, ``pinyin``, ``id``), keyed by the normalised forms that
``glossary build`` computed. A lookup normalises the query once per family that
:func:`~glossary.normalize.detect` says it can belong to and probes those dicts;
nothing on this path imports pydantic, pypinyin, OpenCC or babel.
"""

from __future__ import annotations

from glossary import normalize
from glossary.entry import Term
from glossary.errors import TermNotFoundError

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Iterator
    from typing import Any

    from glossary.check import Finding
    from glossary.scan import Hit, Scanner

__all__ = ["INVERSE_RELATIONS", "KIND_SCORES", "Glossary", "Match"]

#: How well each kind of key identifies a concept; an exact match scores this much.
KIND_SCORES = {
    "id": 100,
    "hans": 100,
    "hant": 99,
    "abbreviation": 97,
    "en-official": 96,
    "en-source": 95,
    "variant": 94,
    "script": 93,
    "en-alternative": 92,
    "en-literal": 90,
    "pinyin-tones": 88,
    "pinyin": 85,
    "en-deprecated": 80,
    "misspelling": 75,
    "abbreviation-erroneous": 75,
}

#: The label a relation has when read from its target's side.
INVERSE_RELATIONS = {
    "successor-of": "predecessor-of",
    "part-of": "has-part",
    "variant-of": "has-variant",
    "broader": "narrower",
    "see-also": "see-also",
}

_MISSING = object()
_MEMO_LIMIT = 4096


class Match:
    """One concept a query found: the term, the form that matched, the kind of key, a score."""

    __slots__ = ("term", "matched", "kind", "key", "score")
    term: Term
    #: The form stored in the glossary that the query matched (``軍民融合``, ``MCF``).
    matched: str
    #: The kind of key: hans, hant, variant, script, abbreviation, en-official, en-source,
    #: en-alternative, en-literal, en-deprecated, pinyin-tones, pinyin, id ...
    kind: str
    #: The normalised key both sides share.
    key: str
    #: 0-100; exact matches score by kind (:data:`KIND_SCORES`).
    score: float

    def __init__(self, term: Term, matched: str, kind: str, key: str, score: float) -> None:
        for name, value in (("term", term), ("matched", matched), ("kind", kind), ("key", key), ("score", score)):
            object.__setattr__(self, name, value)

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError("Match is read-only")

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Match):
            return NotImplemented
        return (self.term.id, self.matched, self.kind, self.key, self.score) == (other.term.id, other.matched, other.kind, other.key, other.score)

    def __hash__(self) -> int:
        return hash((self.term.id, self.matched, self.kind))

    def __repr__(self) -> str:
        return f"Match({self.term.id!r}, matched={self.matched!r}, kind={self.kind!r}, score={self.score})"

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.term.id, "matched": self.matched, "kind": self.kind, "key": self.key, "score": self.score}

    def __reduce__(self) -> tuple[Any, ...]:
        return (Match, (self.term, self.matched, self.kind, self.key, self.score))


class Glossary:
    """A set of concepts with their lookup index.

    Build one with :func:`glossary.load`; iterate it for its terms (sorted by id),
    ``len()`` it, ``get()`` a term by id and ``lookup()`` any surface form.
    """

    def __init__(self, compiled: dict[str, Any], *, origin: str = "bundled") -> None:
        self._data: list[dict[str, Any]] = compiled["terms"]
        self._derived: list[dict[str, Any]] = compiled["derived"]
        self.sources: dict[str, dict[str, Any]] = compiled["sources"]
        #: Where the data came from: ``bundled``, a folder or a file path.
        self.origin = origin
        self._terms: list[Term | None] = [None] * len(self._data)
        self._position = {term["id"]: position for position, term in enumerate(self._data)}
        families: dict[str, dict[str, list[tuple[int, str, str]]]] = {
            "id": {}, "zh": {}, "abbr": {}, "en": {}, "pinyin_tones": {}, "pinyin": {}
        }
        for position, derived in enumerate(self._derived):
            for family, key, kind, surface in derived["keys"]:
                families[family].setdefault(key, []).append((position, kind, surface))
        self._families = families
        self._memo: dict[str, tuple[Match, ...]] = {}
        self._inverse: dict[str, list[tuple[str, str]]] | None = None

    # --- terms ----------------------------------------------------------------

    def _term(self, position: int) -> Term:
        term = self._terms[position]
        if term is None:
            term = self._terms[position] = Term.from_compiled(self._data[position], self._derived[position])
        return term

    def __len__(self) -> int:
        return len(self._data)

    def __iter__(self) -> Iterator[Term]:
        return (self._term(position) for position in range(len(self._data)))

    def __contains__(self, term_id: object) -> bool:
        return term_id in self._position

    def __repr__(self) -> str:
        return f"<Glossary {len(self)} terms from {self.origin}>"

    def get(self, term_id: str, default: Any = _MISSING) -> Term | Any:
        """The term with this id; TermNotFoundError (a KeyError) unless a default is given."""
        position = self._position.get(term_id)
        if position is None:
            if default is _MISSING:
                raise TermNotFoundError(term_id)
            return default
        return self._term(position)

    def by_pinyin(self) -> list[Term]:
        """Every term in pinyin order (toneless, then by tone, then by characters), as dictionaries sort."""
        return sorted(self, key=lambda term: (term.pinyin_toneless.replace(" ", ""), term.pinyin_numbered.replace(" ", ""), term.zh.hans))

    def derived(self, term_id: str) -> dict[str, Any]:
        """Derived data of a term (keys, localised first-use dates), as compiled."""
        return self._derived[self._position[term_id]]

    def source(self, doc: str) -> dict[str, Any] | None:
        """A cited document of the registry by key."""
        return self.sources.get(doc)

    def compiled(self) -> dict[str, Any]:
        """The compiled form this glossary was built from (the loader's input)."""
        return {"compiler": 1, "sources": self.sources, "terms": self._data, "derived": self._derived}

    def related(self, term_id: str) -> list[tuple[str, Term]]:
        """Every relation of a term in both directions, as ``(label, other term)``.

        Labels read from the term's side: ``successor-of`` and its inverse
        ``predecessor-of``, ``part-of`` / ``has-part``, ``variant-of`` / ``has-variant``,
        ``broader`` / ``narrower``, ``see-also`` both ways. Targets missing from this
        glossary are left out.
        """
        if self._inverse is None:
            inverse: dict[str, list[tuple[str, str]]] = {}
            for term in self._data:
                for relation in term.get("relations", ()):
                    label = INVERSE_RELATIONS[relation["type"]]
                    inverse.setdefault(relation["target"], []).append((label, term["id"]))
            self._inverse = inverse
        term = self.get(term_id)
        out: list[tuple[str, Term]] = []
        for relation in term.relations:
            if relation.target in self._position:
                out.append((relation.type, self.get(relation.target)))
        for label, other in self._inverse.get(term_id, ()):
            pair = (label, self.get(other))
            if pair not in out:
                out.append(pair)
        return out

    # --- lookup ---------------------------------------------------------------

    def lookup(self, query: str) -> list[Match]:
        """Every concept whose normalised key equals the query's, best first.

        The query may be simplified or traditional Chinese (full-width, quoted, with
        spaces), pinyin with marks, numbers or no tones, English in any case or
        hyphenation, an abbreviation with or without dots, or a term id. Each concept
        appears once, with its best-scoring match. Returns ``[]`` when nothing matches.
        """
        found = self._memo.get(query) if isinstance(query, str) else None
        if found is None:
            found = self._lookup(query)
            if len(self._memo) >= _MEMO_LIMIT:
                self._memo.clear()
            if isinstance(query, str):
                self._memo[query] = found
        return list(found)

    def _lookup(self, query: str) -> tuple[Match, ...]:
        if not isinstance(query, str):
            return ()
        best: dict[int, Match] = {}
        families = self._families
        typed = query.strip()

        def collect(family: str, key: str | None) -> None:
            if not key:
                return
            for position, kind, surface in families[family].get(key, ()):
                score = KIND_SCORES.get(kind, 50)
                current = best.get(position)
                # among forms sharing the key, the one typed exactly wins (軍民融合 is hant, not hans)
                if current is None or (surface == typed, score) > (current.matched == typed, current.score):
                    best[position] = Match(self._term(position), surface, kind, key, score)

        collect("id", query.strip())
        for kind in normalize.detect(query):
            if kind == "chinese":
                collect("zh", normalize.chinese_key(query))
            elif kind == "abbreviation":
                collect("abbr", normalize.abbreviation_key(query))
            elif kind == "english":
                collect("en", normalize.english_key(query))
            elif kind == "pinyin":
                numbered, toneless = normalize.pinyin_keys(query)
                collect("pinyin_tones", numbered)
                collect("pinyin", toneless)
            elif kind == "id":
                collect("id", query.strip().lower())
        return tuple(sorted(best.values(), key=lambda match: (-match.score, match.term.id)))

    def lookup_one(self, query: str) -> Term:
        """The single best concept for a query; TermNotFoundError when none matches.

        When several concepts tie for the best score, the first by id is returned;
        use :meth:`lookup` to see them all.
        """
        found = self.lookup(query)
        if not found:
            raise TermNotFoundError(query)
        return found[0].term

    # --- running text ---------------------------------------------------------

    def __getstate__(self) -> dict[str, Any]:
        # the lookup memo is a cache: leave it out of pickles
        return {**self.__dict__, "_memo": {}}

    def scanner(self) -> Scanner:
        """The term scanner of this glossary: built on first use, then kept; picklable."""
        scanner: Scanner | None = self.__dict__.get("_scanner")
        if scanner is None:
            from glossary.scan import Scanner

            scanner = self._scanner = Scanner(self)
        return scanner

    def scan(self, text: str) -> list[Hit]:
        """Every occurrence of a term in running text, leftmost-longest, with offsets into ``text``.

        See :mod:`glossary.scan` for what matches (Chinese forms in any script,
        full-width, English renderings and abbreviations at word boundaries).
        """
        return self.scanner().scan(text)

    def check(self, source: str, target: str, *, direction: str | None = None) -> list[Finding]:
        """Term problems of a translation: concepts of ``source`` that ``target`` renders wrongly or not at all.

        ``direction`` is ``"zh-en"`` or ``"en-zh"``; by default Chinese source text
        (any Han character) means zh-en. See :mod:`glossary.check`.
        """
        from glossary.check import check

        return check(self, source, target, direction=direction)
