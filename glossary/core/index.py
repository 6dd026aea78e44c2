"""The :class:`TermIndex`: terms by id, and lookups by any surface form.

The index is a handful of plain dicts, one per key family (``zh``, ``en``, ``abbr``,
``pinyin_tones``, ``pinyin``, ``id``), keyed by the normalised forms that
``glossary build`` computed. A lookup normalises the query once per family that
:func:`~glossary.core.normalize.detect` says it can belong to and probes those dicts;
nothing on this path imports pydantic, pypinyin, OpenCC or babel.
"""

from __future__ import annotations

from glossary.core import normalize
from glossary.core.entry import Term, preferred_text
from glossary.errors import TermNotFoundError

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator, Mapping, Sequence
    from typing import Any, Self

    from glossary.core.entry import Rendering
    from glossary.core.store import Store

__all__ = ["FAMILIES", "FAMILY_SHARDS", "KIND_SCORES", "Match", "TermIndex", "family_shard", "inverse_of", "postings_of"]

#: Lookup key families: each has its own normaliser and its own dict in the index.
FAMILIES = ("id", "zh", "abbr", "en", "pinyin_tones", "pinyin")

#: How many shards the bundled data splits each key family into (see family_shard)
FAMILY_SHARDS = 16


def family_shard(key: str, shards: int = FAMILY_SHARDS) -> int:
    """The shard of a key family that holds ``key``: the bundled data stores each family in
    shards, so that a lookup reads and decodes one sixteenth of a family, not all of it."""
    return ord(key[-1]) % shards if key else 0


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

_MISSING = object()


def postings_of(derived: Iterable[dict[str, Any]]) -> dict[str, dict[str, list[tuple[int, str, str]]]]:
    """The key families of an index: family -> normalised key -> ``[(position, kind, surface), ...]``."""
    families: dict[str, dict[str, list[tuple[int, str, str]]]] = {name: {} for name in FAMILIES}
    for position, extra in enumerate(derived):
        for family, key, kind, surface in extra["keys"]:
            families[family].setdefault(key, []).append((position, kind, surface))
    return families


def inverse_of(data: Iterable[dict[str, Any]]) -> dict[str, list[tuple[str, str]]]:
    """Relations read from their target's side: target id -> ``[(label, source id), ...]``, in term order."""
    from glossary.core.constants import INVERSE_RELATIONS

    inverse: dict[str, list[tuple[str, str]]] = {}
    for term in data:
        for relation in term.get("relations", ()):
            inverse.setdefault(relation["target"], []).append((INVERSE_RELATIONS[relation["type"]], term["id"]))
    return inverse
_MEMO_LIMIT = 4096


class Match(tuple):  # type: ignore[type-arg]
    """One concept a query found: the term, the form that matched, the kind of key, a score.

    A tuple underneath, created without building the :class:`Term` (``term`` is
    built on first access): a lookup costs a few dict probes, not an object graph.
    """

    __slots__ = ()

    def __new__(cls, term: Term, matched: str, kind: str, key: str, score: float, how: str = "exact") -> Match:
        return tuple.__new__(cls, (term, matched, kind, key, score, how, None, -1))

    @classmethod
    def _at(cls, glossary: TermIndex, position: int, matched: str, kind: str, key: str, score: float, how: str = "exact") -> Match:
        return tuple.__new__(cls, (None, matched, kind, key, score, how, glossary, position))

    @property
    def term(self) -> Term:
        """The concept found."""
        term: Term | None = self[0]
        return term if term is not None else self[6].term_at(self[7])

    @property
    def matched(self) -> str:
        """The form stored in the glossary that the query matched (``軍民融合``, ``MCF``)."""
        return self[1]  # type: ignore[no-any-return]

    @property
    def kind(self) -> str:
        """The kind of key: hans, hant, variant, script, abbreviation, en-official, en-source,
        en-alternative, en-literal, en-deprecated, pinyin-tones, pinyin, id ..."""
        return self[2]  # type: ignore[no-any-return]

    @property
    def key(self) -> str:
        """The normalised key both sides share."""
        return self[3]  # type: ignore[no-any-return]

    @property
    def score(self) -> float:
        """0-100; exact matches score by kind (:data:`KIND_SCORES`)."""
        return self[4]  # type: ignore[no-any-return]

    @property
    def how(self) -> str:
        """exact (lookup), or for search results prefix, substring, abbreviated or fuzzy."""
        return self[5]  # type: ignore[no-any-return]

    @property
    def ambiguous(self) -> bool:
        """True when the query matched an English rendering that PRC sources use for more than one concept."""
        if not self[2].startswith("en-"):
            return False
        return any(rendering.ambiguous and normalize.english_key(rendering.text) == self[3] for rendering in self.term.en)

    def _identity(self) -> tuple[Any, ...]:
        return (self.term.id, self[1], self[2], self[3], self[4], self[5])

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Match):
            return NotImplemented
        return self._identity() == other._identity()

    def __ne__(self, other: object) -> bool:
        equal = self.__eq__(other)
        return equal if equal is NotImplemented else not equal

    def __hash__(self) -> int:
        return hash(self._identity()[:3])

    def __repr__(self) -> str:
        how = "" if self.how == "exact" else f", how={self.how!r}"
        return f"Match({self.term.id!r}, matched={self.matched!r}, kind={self.kind!r}, score={self.score}{how})"

    def to_dict(self) -> dict[str, Any]:
        out = {"id": self.term.id, "matched": self.matched, "kind": self.kind, "key": self.key, "score": self.score, "how": self.how}
        if self.ambiguous:
            out["ambiguous"] = True
        return out

    def __reduce__(self) -> tuple[Any, ...]:
        # pickled with its term (not the glossary it was found in)
        return (Match, (self.term, self.matched, self.kind, self.key, self.score, self.how))


class TermIndex:
    """The terms of a glossary and their lookup index: the core that everything above reads.

    Terms by id and by position, the key families, exact lookups and relations. The
    public :class:`glossary.Glossary` (:mod:`glossary.analysis.glossary`) adds what
    needs the analysis modules (search, scan, check, history). The analysis modules
    read an index through its read API (:meth:`term_at`, :meth:`postings`,
    :attr:`compiled_terms`, :attr:`compiled_derived`, :meth:`query_keys`), never
    through its private attributes.
    """

    def __init__(self, compiled: dict[str, Any], *, origin: str = "bundled") -> None:
        """``compiled``: the loader's form; its optional ``families``, ``positions`` and
        ``inverse`` (see :func:`postings_of`, :func:`inverse_of`) are the indexes already
        built, as the bundled module ships them, so that loading does not read every term."""
        data, derived_data = compiled["terms"], compiled["derived"]
        families = compiled.get("families")
        if families is None:
            families = postings_of(derived_data)
        positions = compiled.get("positions")
        if positions is None:
            positions = {term["id"]: position for position, term in enumerate(data)}
        self._attach(data, derived_data, compiled["sources"], origin, positions, families, inverse=compiled.get("inverse"), store=None)

    @classmethod
    def from_store(cls, store: Store, *, origin: str) -> Self:
        """A glossary read on demand from a compiled file (see :mod:`glossary.core.store`): same API, little memory."""
        glossary = cls.__new__(cls)
        families = {name: store.family(name) for name in FAMILIES}
        glossary._attach(store.data(), store.derived(), store.sources, origin, store.positions(), families, inverse=store.inverse(), store=store)
        return glossary

    def _attach(
        self,
        data: Sequence[dict[str, Any]],
        derived: Sequence[dict[str, Any]],
        sources: dict[str, dict[str, Any]],
        origin: str,
        positions: Any,
        families: dict[str, Any],
        *,
        inverse: Any,
        store: Any,
    ) -> None:
        """Set the data and indexes, in memory or read from a file, and empty caches: one place for both constructors."""
        self._data: Sequence[dict[str, Any]] = data
        self._derived: Sequence[dict[str, Any]] = derived
        # a dict, or the bundled registry that decodes each document when first read
        self._sources: Any = sources
        #: Where the data came from: ``bundled``, a folder or a file path.
        self.origin = origin
        self._terms: list[Term | None] = [None] * len(data)
        self._position: Any = positions
        self._families: dict[str, Any] = families
        self._inverse: Any = inverse
        self._store: Any = store
        self._clear_caches()

    def _clear_caches(self) -> None:
        """Empty what is computed from the data on demand (a subclass with caches of its own extends this)."""
        self._memo: dict[str, tuple[Match, ...]] = {}
        # answers already given: for stored keys (as many as the index holds) and for other queries (bounded)
        self._answers: dict[str, tuple[Match, ...]] = {}

    # --- terms ----------------------------------------------------------------

    def _term(self, position: int) -> Term:
        term = self._terms[position]
        if term is None:
            term = self._terms[position] = Term.from_compiled(self._data[position], self._derived[position])
        return term

    # The read API of the analysis modules (search, scan): they work with positions
    # (0 <= position < len) and compiled data, building a Term only for what they return.

    def term_at(self, position: int) -> Term:
        """The term at a position, built once."""
        return self._term(position)

    @property
    def compiled_terms(self) -> Sequence[dict[str, Any]]:
        """Each term's compiled dict, by position: read it, never change it."""
        return self._data

    @property
    def compiled_derived(self) -> Sequence[dict[str, Any]]:
        """Each term's derived data (keys, localised dates), by position: read it, never change it."""
        return self._derived

    @property
    def file_backed(self) -> bool:
        """True when the terms are read on demand from a compiled file (which holds an open connection)."""
        return self._store is not None

    def postings(self, family: str) -> Mapping[str, Any]:
        """One key family (``zh``, ``en``, ...; see FAMILIES): key -> [(position, kind, surface)]."""
        postings: Mapping[str, Any] = self._families[family]
        return postings

    def __len__(self) -> int:
        return len(self._data)

    def __iter__(self) -> Iterator[Term]:
        return (self._term(position) for position in range(len(self._data)))

    def __contains__(self, term_id: object) -> bool:
        return term_id in self._position

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {len(self)} terms from {self.origin}>"

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
        derived: dict[str, Any] = self._derived[self._position[term_id]]
        return derived

    @property
    def sources(self) -> dict[str, dict[str, Any]]:
        """The registry of cited documents by key (read it, never change it)."""
        if not isinstance(self._sources, dict):
            self._sources = dict(self._sources.items())
        sources: dict[str, dict[str, Any]] = self._sources
        return sources

    def source(self, doc: str) -> dict[str, Any] | None:
        """A cited document of the registry by key (a card decodes only the documents it cites)."""
        document: dict[str, Any] | None = self._sources.get(doc)
        return document

    def compiled(self) -> dict[str, Any]:
        """The compiled form this glossary was built from (the loader's input)."""
        from glossary.core.constants import COMPILER_VERSION

        return {
            "compiler": COMPILER_VERSION,
            "sources": self.sources,
            "terms": self._data if isinstance(self._data, list) else list(self._data),
            "derived": self._derived if isinstance(self._derived, list) else list(self._derived),
        }

    def related(self, term_id: str) -> list[tuple[str, Term]]:
        """Every relation of a term in both directions, as ``(label, other term)``.

        Labels read from the term's side: ``successor-of`` and its inverse
        ``predecessor-of``, ``part-of`` / ``has-part``, ``variant-of`` / ``has-variant``,
        ``broader`` / ``narrower``, ``see-also`` both ways. Targets missing from this
        glossary are left out.
        """
        return [(label, self.get(other)) for label, other in self.related_ids(term_id)]

    def related_ids(self, term_id: str) -> list[tuple[str, str]]:
        """:meth:`related` as ``(label, other id)`` pairs, building no other term."""
        if self._inverse is None:
            self._inverse = inverse_of(self._data)
        term = self.get(term_id)
        out: list[tuple[str, str]] = []
        for relation in term.relations:
            if relation.target in self._position:
                out.append((relation.type, relation.target))
        for label, other in self._inverse.get(term_id, ()):
            if (label, other) not in out:
                out.append((label, other))
        return out

    def headline(self, term_id: str) -> tuple[str, str]:
        """A term's simplified Chinese and preferred English, read from its compiled dict
        (a card names its related terms this way: building each whole cost more than the card)."""
        data = self._data[self._position[term_id]]
        return data["zh"]["hans"], preferred_text([(rendering["kind"], rendering["text"]) for rendering in data["en"]])

    def sharing(self, term_id: str) -> list[tuple[Rendering, list[Term]]]:
        """The term's ambiguous English renderings, each with the other concepts that carry the same English."""
        term = self.get(term_id)
        out: list[tuple[Rendering, list[Term]]] = []
        for rendering in term.en:
            if rendering.ambiguous:
                postings = self._families["en"].get(normalize.english_key(rendering.text), ())
                positions = dict.fromkeys(position for position, _, _ in postings if self._data[position]["id"] != term_id)
                out.append((rendering, [self._term(position) for position in positions]))
        return out

    # --- lookup ---------------------------------------------------------------

    def lookup(self, query: str) -> list[Match]:
        """Every concept whose normalised key equals the query's, best first.

        The query may be simplified or traditional Chinese (full-width, quoted, with
        spaces), pinyin with marks, numbers or no tones, English in any case or
        hyphenation, an abbreviation with or without dots, or a term id. Each concept
        appears once, with its best-scoring match. Returns ``[]`` when nothing matches.
        """
        try:
            found = self._answers.get(query)
        except TypeError:  # not hashable, so not a string either
            raise TypeError(f"lookup() takes a str, not {type(query).__name__}") from None
        if found is None:
            found = self._memo.get(query)
            if found is None:
                found = self._answer(query)
        return list(found)

    def _answer(self, query: str) -> tuple[Match, ...]:
        if not isinstance(query, str):  # checked here, off the path of a stored key
            raise TypeError(f"lookup() takes a str, not {type(query).__name__}")
        keys = self.query_keys(query)
        found = self._lookup(query, keys)
        # the families the query was probed in: a family it cannot belong to need not be read
        if any(query in self._families[family] for family in dict(keys)):
            # a stored key: keep its answer (bounded by the size of the index)
            self._answers[query] = found
        else:
            if len(self._memo) >= _MEMO_LIMIT:
                self._memo.clear()  # any other query: a bounded cache
            self._memo[query] = found
        return found

    @staticmethod
    def query_keys(query: str) -> list[tuple[str, str]]:
        """The ``(family, key)`` pairs a query normalises to.

        A Chinese query gives a ``zh`` key; a Latin one an English, an abbreviation and
        a toneless pinyin key (and a numbered one when it carries tones), all derived
        from one case-folded base. Probing a family the query cannot belong to costs one
        dict miss, which is cheaper than deciding it cannot.
        """
        if not isinstance(query, str):
            return []
        typed = query.strip()
        keys = [("id", typed)]
        if not query.isascii() and normalize.has_han(query):
            keys.append(("zh", normalize.chinese_key(query)))
            return keys
        base = normalize.latin_base(query)
        if not base:
            return keys
        keys.append(("en", normalize.english_key_of_base(base)))
        compact = base.replace(" ", "")
        keys.append(("abbr", compact if compact.isascii() else normalize.abbreviation_key(query)))
        if compact.isalpha() and compact.isascii():
            keys.append(("pinyin", normalize.toneless_pinyin_key(compact)))
        else:
            numbered, toneless = normalize.pinyin_keys(query)
            if numbered:
                keys.append(("pinyin_tones", numbered))
            if toneless:
                keys.append(("pinyin", toneless))
        lowered = typed.lower()
        if lowered != typed:
            keys.append(("id", lowered))
        return keys

    def _lookup(self, query: str, keys: list[tuple[str, str]]) -> tuple[Match, ...]:
        families = self._families
        found: list[tuple[str, list[tuple[int, str, str]]]] = []
        for family, key in keys:
            postings = families[family].get(key)
            if postings:
                found.append((key, postings))
        if not found:
            return ()
        return self._rank(query, found)

    def _rank(self, query: str, found: list[tuple[str, list[tuple[int, str, str]]]]) -> tuple[Match, ...]:
        """One match per concept from the postings a query's keys reached, best first."""
        if len(found) == 1 and len(found[0][1]) == 1:  # the common case: one key, one form
            key, ((position, kind, surface),) = found[0]
            return (Match._at(self, position, surface, kind, key, KIND_SCORES.get(kind, 50)),)
        typed = query.strip()
        best: dict[int, Match] = {}
        for key, postings in found:
            for position, kind, surface in postings:
                score = KIND_SCORES.get(kind, 50)
                current = best.get(position)
                # among forms sharing the key, the one typed exactly wins (軍民融合 is hant, not hans)
                if current is None or (surface == typed, score) > (current[1] == typed, current[4]):
                    best[position] = Match._at(self, position, surface, kind, key, score)
        if len(best) == 1:
            return tuple(best.values())
        return tuple(sorted(best.values(), key=lambda match: (-match[4], self._data[match[7]]["id"])))

    def __getstate__(self) -> dict[str, Any]:
        if self._store is not None:
            # a glossary read from a file pickles as plain data: the receiver may not have the file
            state: dict[str, Any] = type(self)(self.compiled(), origin=self.origin).__getstate__()
            return state
        # caches are rebuilt on demand: leave them out of pickles
        return {**self.__dict__, "_memo": {}, "_answers": {}}
