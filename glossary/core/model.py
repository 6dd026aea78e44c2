"""Pydantic models of a concept entry: the schema of ``terms/*.toml`` and of the JSON contract.

These models sit at the boundaries (reading authored term files, importing and
exporting). Lookups run on the light objects of :mod:`glossary.core.entry`, built from
the compiled index, so that ``import glossary`` never pays for pydantic.

One concept per entry (ISO 704 / TBX): Chinese forms, English renderings with a
kind, abbreviations, a first-use date, relations, and a citation for every claim.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, ValidationInfo, field_validator, model_validator

from glossary.core.normalize import has_han

__all__ = [
    "CATEGORIES",
    "RENDERING_KINDS",
    "RELATION_TYPES",
    "VARIANT_KINDS",
    "Abbreviation",
    "ChineseForms",
    "Citation",
    "Concept",
    "Definition",
    "FirstUse",
    "GlossaryDocument",
    "Relation",
    "Rendering",
    "SourceDocument",
    "Variant",
    "date_precision",
]

SCHEMA_VERSION: Literal[1] = 1

Category = Literal[
    "institution",
    "strategy",
    "policy",
    "plan",
    "doctrine",
    "concept",
    "slogan",
    "publication",
    "event",
    "programme",
    "law",
    "military-unit",
]
CATEGORIES: tuple[str, ...] = Category.__args__  # type: ignore[attr-defined]

#: How an English rendering relates to the Chinese term.
#: official: given by a cited PRC official English source; source: as a cited
#: (non-official) document writes it; literal: word-for-word gloss; alternative:
#: another accepted rendering; deprecated: seen in use but to be avoided.
RenderingKind = Literal["official", "source", "literal", "alternative", "deprecated"]
RENDERING_KINDS: tuple[str, ...] = RenderingKind.__args__  # type: ignore[attr-defined]

#: successor-of: this concept replaced the target; part-of: this concept is a
#: component of the target; variant-of: another name or wording of the target;
#: see-also: a related concept worth reading; broader: the target is more general.
RelationType = Literal["successor-of", "part-of", "variant-of", "see-also", "broader"]
RELATION_TYPES: tuple[str, ...] = RelationType.__args__  # type: ignore[attr-defined]

#: script: another character form users type (a regional traditional form, an
#: OpenCC phrase swap); short-form / full-form: a shorter or longer wording of the
#: same name; misspelling: an erroneous form seen in a source, kept so it is found.
VariantKind = Literal["script", "short-form", "full-form", "misspelling"]
VARIANT_KINDS: tuple[str, ...] = VariantKind.__args__  # type: ignore[attr-defined]

Precision = Literal["day", "month", "year", "decade"]
SourceKind = Literal["official", "analysis", "media", "scholarly", "reference"]

#: A concept id: lower-case ASCII words joined by hyphens (the one id pattern of the package).
ID_RE = re.compile(r"^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$")
_DATE_RE = re.compile(r"^(\d{4})(?:-(0[1-9]|1[0-2])(?:-(0[1-9]|[12]\d|3[01]))?)?$")


def _clean_text(value: str) -> str:
    """Reject text with outer white space or control characters instead of silently fixing it."""
    if not value:
        raise ValueError("must not be empty")
    if value != value.strip():
        raise ValueError(f"has leading or trailing white space: {value!r}")
    for char in value:
        category = unicodedata.category(char)
        if category == "Cs":  # half of a UTF-16 pair (JSON's "\ud800"): no text can be written with it
            raise ValueError(f"contains an unpaired surrogate U+{ord(char):04X}: {value!r}")
        if category in ("Cc", "Cf") and char not in "\u200d":
            raise ValueError(f"contains the control character U+{ord(char):04X}: {value!r}")
    return value


def _has_han(value: str) -> str:
    if not has_han(value):
        raise ValueError(f"has no Chinese characters: {value!r}")
    return value


#: The longest id: it names a file, and file names end at 255 bytes.
MAX_ID_LENGTH = 120


def _is_id(value: str) -> str:
    if len(value) > MAX_ID_LENGTH:
        raise ValueError(f"the id is {len(value)} characters long: at most {MAX_ID_LENGTH} (it names the term's file)")
    if not ID_RE.match(value):
        raise ValueError(
            f"{value!r} is not a term id: use lowercase ASCII words joined by hyphens, "
            "starting with a letter (for example 'military-civil-fusion')"
        )
    return value


def _is_partial_date(value: str) -> str:
    if not _DATE_RE.match(value):
        raise ValueError(f"{value!r} is not a date: write YYYY, YYYY-MM or YYYY-MM-DD")
    return value


def _is_language_tag(value: str) -> str:
    from glossary.core.lang import check_language_tag

    return check_language_tag(value)


Text = Annotated[str, AfterValidator(_clean_text)]


def _clean_or_empty(value: str) -> str:
    return _clean_text(value) if value else value


def _is_pinyin(value: str) -> str:
    from glossary.errors import PinyinError
    from glossary.core.pinyin import parse

    if not value:
        return value
    try:
        parse(value)
    except PinyinError as error:  # a ValueError pydantic would not turn into a located problem
        raise ValueError(str(error)) from None
    return value


PinyinText = Annotated[str, AfterValidator(_clean_or_empty), AfterValidator(_is_pinyin)]
ChineseText = Annotated[str, AfterValidator(_clean_text), AfterValidator(_has_han)]
TermId = Annotated[str, AfterValidator(_is_id)]
PartialDate = Annotated[str, AfterValidator(_is_partial_date)]
LanguageTag = Annotated[str, AfterValidator(_is_language_tag)]


def _true_or_none(value: bool | None) -> bool | None:
    # a flag is stored only when set, so that data without it dumps exactly as before
    return True if value else None


#: A yes/no flag of a term file: ``true`` sets it; ``false`` or leaving it out are the same.
Flag = Annotated[bool | None, AfterValidator(_true_or_none)]


def date_precision(date: str) -> Precision:
    """The finest precision a partial date string can carry: ``2014-04`` is a month."""
    return {4: "year", 7: "month", 10: "day"}[len(date)]  # type: ignore[return-value]


class _Model(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Citation(_Model):
    """Where a claim comes from: a document of the registry, a place in it, and its words."""

    #: Key of a document in ``terms/_sources.toml``.
    doc: TermId
    #: Where in the document: a section, page, footnote or table.
    locator: Text
    #: The words of the document that support the claim, verbatim.
    quote: Text


Sources = Annotated[list[Citation], Field(min_length=1)]


class Variant(_Model):
    """Another Chinese form that must find the concept."""

    text: ChineseText
    kind: VariantKind
    note: Text | None = None
    sources: list[Citation] = []

    @model_validator(mode="after")
    def _cited_unless_script(self) -> Variant:
        if self.kind != "script" and not self.sources:
            raise ValueError(f"a {self.kind} variant needs sources (only script variants may go uncited)")
        if self.kind == "script" and not (self.sources or self.note):
            raise ValueError("a script variant needs a note saying where users meet this form")
        return self


class ChineseForms(_Model):
    #: Simplified characters, as the PRC writes the term.
    hans: ChineseText
    #: Curated traditional characters (Taiwan standard), not a blind conversion.
    hant: ChineseText
    #: GB/T 16159 word-joined pinyin with tone marks (``jūnmín rónghé``); ``""`` only
    #: where an import could not generate it (its note says why).
    pinyin: PinyinText
    variants: list[Variant] = []
    #: Where the Chinese form is attested.
    sources: Sources

    @model_validator(mode="after")
    def _variants_differ_from_the_forms(self) -> ChineseForms:
        kinds: dict[str, str] = {}
        for variant in self.variants:
            if variant.text in (self.hans, self.hant):
                raise ValueError(f"the variant {variant.text!r} is the simplified or traditional form itself")
            if variant.text in kinds:
                # one form, one kind: an accepted form cannot also be a misspelling, and a repeat says nothing
                raise ValueError(f"the variant {variant.text!r} is listed twice (as {kinds[variant.text]} and as {variant.kind}): give each form once")
            kinds[variant.text] = variant.kind
        return self


class Rendering(_Model):
    """One English rendering of the concept, with its kind and its sources."""

    text: Text
    kind: RenderingKind
    #: When the cited source used this rendering (YYYY, YYYY-MM or YYYY-MM-DD).
    date: PartialDate | None = None
    #: The English is used by PRC sources for more than one concept ("civil-military
    #: integration" for both 军民融合 and 军民一体化): every concept carrying it marks it,
    #: and a lookup of it shows them all with a note. True or None (not set).
    ambiguous: Flag = None
    note: Text | None = None
    sources: Sources


class Abbreviation(_Model):
    text: Text
    lang: LanguageTag = "en"
    #: accepted: use it; erroneous: a misspelling seen in a source, kept so that it is
    #: recognised but never offered as the canonical form.
    status: Literal["accepted", "erroneous"] = "accepted"
    note: Text | None = None
    sources: Sources


class FirstUse(_Model):
    """When the Chinese term is first attested, as precisely as the sources allow."""

    date: PartialDate
    precision: Precision | None = None
    note: Text | None = None
    #: The citations' quotes are the sentences that date the term.
    sources: Sources

    @model_validator(mode="after")
    def _precision_fits_date(self) -> FirstUse:
        finest = date_precision(self.date)
        if self.precision is None:
            object.__setattr__(self, "precision", finest)
        elif self.precision == "decade":
            if finest != "year" or not self.date.endswith("0"):
                raise ValueError(f"precision 'decade' needs a year ending in 0 such as 2010, not {self.date!r}")
        elif self.precision != finest:
            raise ValueError(f"precision {self.precision!r} does not match the date {self.date!r} ({finest})")
        return self


class Relation(_Model):
    type: RelationType
    target: TermId
    date: PartialDate | None = None
    note: Text | None = None
    sources: Sources


class Definition(_Model):
    text: Text
    sources: Sources


class Concept(_Model):
    """One concept: the unit of ``terms/<id>.toml`` and of the JSON contract's ``terms`` list."""

    schema_version: Literal[1] = SCHEMA_VERSION
    id: TermId
    category: Category
    zh: ChineseForms
    en: Annotated[list[Rendering], Field(min_length=1)]
    abbreviations: list[Abbreviation] = []
    definition: Definition | None = None
    first_use: FirstUse | None = None
    #: Why the concept has no first use to give (a generic word, a classical idiom): set
    #: instead of ``first_use``, so that an undated concept is not taken for a gap.
    no_first_use: Text | None = None
    relations: list[Relation] = []
    #: Concepts that legitimately share a normalised lookup key with this one (homographs,
    #: a rendering two concepts both carry); ``glossary validate`` reports any other sharing.
    shares_keys_with: list[TermId] = []
    #: A generic word that is a term only in context (能力 "capabilities", 体系 "system of
    #: systems"): lookups find it, but scan, count and check never recognise it on its own.
    #: True or None (not set).
    generic: Flag = None
    #: An editor's note for readers (context, caveats), not a claim needing a source.
    note: Text | None = None

    @field_validator("no_first_use")
    @classmethod
    def _not_both_first_uses(cls, reason: str | None, info: ValidationInfo) -> str | None:
        # runs after first_use (field order), so the error points at this key's line
        if reason is not None and info.data.get("first_use") is not None:
            raise ValueError("a concept with a first use cannot also say it has none to give: keep [first_use] or no_first_use, not both")
        return reason

    @model_validator(mode="after")
    def _chinese_abbreviations_are_not_variants(self) -> Concept:
        # one form, one kind: an abbreviation listed as a variant too (say a misspelling) is both
        variants = {variant.text: variant.kind for variant in self.zh.variants}
        for abbreviation in self.abbreviations:
            if abbreviation.lang.startswith("zh") and abbreviation.text in variants:
                raise ValueError(
                    f"{abbreviation.text!r} is both an abbreviation and a {variants[abbreviation.text]} variant: give each form once"
                )
        return self

    @field_validator("en")
    @classmethod
    def _unique_renderings(cls, renderings: list[Rendering]) -> list[Rendering]:
        seen: set[tuple[str, str]] = set()
        for rendering in renderings:
            key = (rendering.text, rendering.kind)
            if key in seen:
                raise ValueError(f"the rendering {rendering.text!r} ({rendering.kind}) is listed twice")
            seen.add(key)
        return renderings


class SourceDocument(_Model):
    """A cited document: one entry of ``terms/_sources.toml``."""

    title: Text
    #: The original title when the document is in another language.
    title_original: Text | None = None
    author: Text | None = None
    publisher: Text | None = None
    date: PartialDate | None = None
    url: Text | None = None
    #: official: issued by a PRC party or state body or its official media in that role.
    kind: SourceKind
    language: LanguageTag = "en"
    note: Text | None = None


class GlossaryDocument(_Model):
    """The JSON contract: ``glossary export --format json`` writes exactly this."""

    format: Literal["glossary"] = "glossary"
    version: Literal[1] = 1
    sources: dict[TermId, SourceDocument] = {}
    terms: list[Concept] = []

    @model_validator(mode="after")
    def _ids_are_unique(self) -> GlossaryDocument:
        # two concepts with one id would become one file, one of them lost
        seen: dict[str, int] = {}
        for number, term in enumerate(self.terms):
            if term.id in seen:
                raise ValueError(f"terms[{number}]: the id {term.id!r} is used twice (also terms[{seen[term.id]}])")
            seen[term.id] = number
        return self
