"""The light, read-only objects lookups return: :class:`Term` and its parts.

They mirror the pydantic models of :mod:`glossary.core.model` field for field (a test
holds them to that), but are plain slotted classes built from the compiled index,
so that loading the glossary and looking a term up never import pydantic.
:meth:`Term.to_model` gives the validated pydantic :class:`~glossary.core.model.Concept`
when a caller wants one; :meth:`Term.to_dict` gives the JSON contract's dict.
"""

from __future__ import annotations

TYPE_CHECKING = False  # typing is not imported at run time: it costs milliseconds on every lookup
if TYPE_CHECKING:
    from collections.abc import Mapping
    from typing import Any, ClassVar

    from glossary.core.model import Concept

__all__ = [
    "Abbreviation",
    "Citation",
    "Definition",
    "FirstUse",
    "Relation",
    "Rendering",
    "Term",
    "preferred_text",
    "Variant",
]


_set_slot = object.__setattr__


class _Record:
    """A frozen record: fields from ``_fields``, nested records from ``_nested``."""

    __slots__: ClassVar[tuple[str, ...]] = ()
    _fields: ClassVar[tuple[str, ...]] = ()
    #: field name -> (record class, is_list)
    _nested: ClassVar[Mapping[str, tuple[type[_Record], bool]]] = {}

    def __init__(self, **values: Any) -> None:
        for name in self._fields:
            object.__setattr__(self, name, values.get(name))

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Any:
        # one pass, slots set directly: a card builds a dozen terms, each with dozens of records
        record = object.__new__(cls)
        nested_records = cls._nested
        for name in cls._fields:
            value = data.get(name)
            if value is not None:
                nested = nested_records.get(name)
                if nested is not None:
                    kind, is_list = nested
                    value = tuple([kind.from_dict(item) for item in value]) if is_list else kind.from_dict(value)
                elif value.__class__ is list:
                    value = tuple(value)
            _set_slot(record, name, value)
        return record

    def to_dict(self) -> dict[str, Any]:
        """The JSON contract's dict for this record (None fields left out)."""
        out: dict[str, Any] = {}
        for name in self._fields:
            value = getattr(self, name)
            if value is None:
                continue
            if isinstance(value, _Record):
                value = value.to_dict()
            elif isinstance(value, tuple):
                value = [item.to_dict() if isinstance(item, _Record) else item for item in value]
            out[name] = value
        return out

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"{type(self).__name__} is read-only")

    def __reduce__(self) -> tuple[Any, ...]:
        # read-only slots defeat pickle's default (it restores state with setattr)
        names = type(self).__slots__
        return (_restore, (type(self), tuple(getattr(self, name, None) for name in names)))

    def __eq__(self, other: object) -> bool:
        if type(other) is not type(self):
            return NotImplemented
        return all(getattr(self, name) == getattr(other, name) for name in self._fields)

    def __hash__(self) -> int:
        return hash((type(self).__name__, *(getattr(self, name) for name in self._fields[:2])))

    def __repr__(self) -> str:
        shown = ", ".join(f"{name}={getattr(self, name)!r}" for name in self._fields[:3])
        return f"{type(self).__name__}({shown})"


def _restore(cls: type[_Record], values: tuple[Any, ...]) -> _Record:
    record = object.__new__(cls)
    for name, value in zip(cls.__slots__, values):
        object.__setattr__(record, name, value)
    return record


class Citation(_Record):
    __slots__ = _fields = ("doc", "locator", "quote")
    doc: str
    locator: str
    quote: str


_CITED = {"sources": (Citation, True)}


class Variant(_Record):
    __slots__ = _fields = ("text", "kind", "note", "sources")
    _nested = _CITED
    text: str
    kind: str
    note: str | None
    sources: tuple[Citation, ...]


class Rendering(_Record):
    __slots__ = _fields = ("text", "kind", "date", "ambiguous", "note", "sources")
    _nested = _CITED
    text: str
    #: official | source | literal | alternative | deprecated
    kind: str
    date: str | None
    #: True when PRC sources use this English for more than one concept, else None
    ambiguous: bool | None
    note: str | None
    sources: tuple[Citation, ...]


class Abbreviation(_Record):
    __slots__ = _fields = ("text", "lang", "status", "note", "sources")
    _nested = _CITED
    text: str
    lang: str
    #: accepted | erroneous
    status: str
    note: str | None
    sources: tuple[Citation, ...]


class FirstUse(_Record):
    __slots__ = _fields = ("date", "precision", "note", "sources")
    _nested = _CITED
    date: str
    #: day | month | year | decade
    precision: str
    note: str | None
    sources: tuple[Citation, ...]


class Relation(_Record):
    __slots__ = _fields = ("type", "target", "date", "note", "sources")
    _nested = _CITED
    type: str
    target: str
    date: str | None
    note: str | None
    sources: tuple[Citation, ...]


class Definition(_Record):
    __slots__ = _fields = ("text", "sources")
    _nested = _CITED
    text: str
    sources: tuple[Citation, ...]


class ChineseForms(_Record):
    __slots__ = _fields = ("hans", "hant", "pinyin", "variants", "sources")
    _nested = {"variants": (Variant, True), "sources": (Citation, True)}
    hans: str
    hant: str
    pinyin: str
    variants: tuple[Variant, ...]
    sources: tuple[Citation, ...]



def preferred_text(renderings: list[tuple[str, str]]) -> str:
    """The English to use among ``(kind, text)`` renderings in file order: the first official
    one, else the first source one, else alternative, else literal, else the first."""
    for kind in ("official", "source", "alternative", "literal"):
        for rendering_kind, text in renderings:
            if rendering_kind == kind:
                return text
    return renderings[0][1]

class Term(_Record):
    """One concept of the glossary, as lookups return it.

    ``zh.hans``, ``zh.hant`` and ``zh.pinyin`` hold the Chinese forms; ``en`` the English
    renderings, each with its ``kind``. Derived forms (numbered and toneless pinyin)
    are attributes of their own.
    """

    __slots__ = (
        "schema_version",
        "id",
        "category",
        "zh",
        "en",
        "abbreviations",
        "definition",
        "first_use",
        "no_first_use",
        "relations",
        "shares_keys_with",
        "generic",
        "note",
        "pinyin_numbered",
        "pinyin_toneless",
    )
    _fields = __slots__[:13]
    _nested = {
        "zh": (ChineseForms, False),
        "en": (Rendering, True),
        "abbreviations": (Abbreviation, True),
        "definition": (Definition, False),
        "first_use": (FirstUse, False),
        "relations": (Relation, True),
    }
    schema_version: int
    id: str
    category: str
    zh: ChineseForms
    en: tuple[Rendering, ...]
    abbreviations: tuple[Abbreviation, ...]
    definition: Definition | None
    first_use: FirstUse | None
    #: Why the concept has no first use to give (a generic word, an idiom), else None
    no_first_use: str | None
    relations: tuple[Relation, ...]
    shares_keys_with: tuple[str, ...]
    #: True for a generic word that is a term only in context (scan, count and check skip it), else None
    generic: bool | None
    note: str | None
    #: ``jun1min2 rong2he2``
    pinyin_numbered: str
    #: ``junmin ronghe``
    pinyin_toneless: str

    @classmethod
    def from_compiled(cls, data: dict[str, Any], derived: dict[str, Any]) -> Term:
        term: Term = cls.from_dict(data)
        object.__setattr__(term, "pinyin_numbered", derived["pinyin_numbered"])
        object.__setattr__(term, "pinyin_toneless", derived["pinyin_toneless"])
        return term

    @property
    def hans(self) -> str:
        return self.zh.hans

    @property
    def hant(self) -> str:
        return self.zh.hant

    @property
    def pinyin(self) -> str:
        return self.zh.pinyin

    def renderings(self, *kinds: str) -> tuple[Rendering, ...]:
        """The English renderings of the given kinds (all when none is given), in file order."""
        if not kinds:
            return self.en
        return tuple(rendering for rendering in self.en if rendering.kind in kinds)

    @property
    def preferred(self) -> str:
        """The English rendering to use: the first official one, else the first source one, else the first."""
        return preferred_text([(rendering.kind, rendering.text) for rendering in self.en])

    def to_model(self) -> Concept:
        """The validated pydantic model of this term (imports pydantic)."""
        from glossary.core.model import Concept

        return Concept.model_validate(self.to_dict())

    def __hash__(self) -> int:
        return hash(("Term", self.id))

    def __repr__(self) -> str:
        return f"Term(id={self.id!r}, hans={self.zh.hans!r}, en={self.preferred!r})"
