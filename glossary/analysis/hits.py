"""What a scan finds: :class:`Hit` (one occurrence, with offsets into the original text) and :class:`Form` (what a key stands for)."""

from __future__ import annotations

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    from glossary.core.entry import Term
    from glossary.core.index import TermIndex

__all__ = ["Form", "Hit"]


class Form(tuple):  # type: ignore[type-arg]
    """What a key stands for: the concept, the stored form, its kind and language; shared by every hit of the key.

    Made by the scanner without building the concepts' :class:`Term` objects (they are
    built on first access), so that scanning a text costs no object graph per term.
    """

    __slots__ = ()

    def __new__(cls, term: Term, matched: str, kind: str, key: str, lang: str, also: tuple[Term, ...] = ()) -> Form:
        return tuple.__new__(cls, ((term, *also), matched, kind, key, lang, None, ()))

    @classmethod
    def of_positions(cls, glossary: TermIndex, positions: tuple[int, ...], matched: str, kind: str, key: str, lang: str) -> Form:
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
        """The kind of that form, as in :class:`~glossary.core.index.Match` (``hans``, ``hant``, ``en-source``, ``abbreviation`` ...)."""
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

