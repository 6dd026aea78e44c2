"""Hypothesis strategies for valid concepts and whole glossaries, for round-trip and property tests.

``concepts()`` draws one valid :class:`glossary.core.model.Concept`, ``documents()`` a
:class:`glossary.core.model.GlossaryDocument` whose concepts have distinct ids and whose
registry holds every document they cite. Texts are NFC, mix Latin letters, digits,
spreadsheet formula characters (``= + - @``), XML and CSV specials (``& < > " ' , ;``),
CJK characters, and never carry outer white space or control characters (the model
refuses those). ``glossary(document)`` compiles a document into a ``Glossary``.
"""

from __future__ import annotations

import unicodedata
from typing import Any

from hypothesis import strategies as st

from glossary.core.model import CATEGORIES, RELATION_TYPES, Concept, GlossaryDocument, SourceDocument

DOCS = ("doc-brief", "doc-official", "doc-paper")
SOURCE_KINDS = {"doc-brief": "analysis", "doc-official": "official", "doc-paper": "scholarly"}

SIMPLIFIED = "军民融合国家战略体系安全观双循环创新驱动发展一体化中央委员会"
TRADITIONAL = "軍國戰體觀雙環創驅發會"
LATIN = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
SPECIAL = " -=+@#'\",;&<>()/.:é’“”–"
SYLLABLES = ("jūn", "mín", "róng", "hé", "guó", "jiā", "ān", "quán", "shuāng", "xún", "huán", "zhàn", "lüè", "tǐ", "xì", "fā", "zhǎn")


def _clean(text: str) -> str:
    return unicodedata.normalize("NFC", text).strip()


def texts(alphabet: str = LATIN + SPECIAL + SIMPLIFIED, max_size: int = 24) -> st.SearchStrategy[str]:
    """Non-empty, NFC, no outer white space."""
    return st.text(alphabet=alphabet, min_size=1, max_size=max_size).map(_clean).filter(bool)


english = texts(LATIN + SPECIAL, 30)
notes = texts(LATIN + SPECIAL + SIMPLIFIED + TRADITIONAL, 40)
ids = st.from_regex(r"\A[a-z][a-z0-9]{0,6}(-[a-z0-9]{1,4}){0,2}\Z")
dates = st.builds(
    lambda year, month, day, size: f"{year:04d}" + (f"-{month:02d}" if size > 0 else "") + (f"-{day:02d}" if size > 1 else ""),
    st.integers(1900, 2030),
    st.integers(1, 12),
    st.integers(1, 28),
    st.integers(0, 2),
)


def chinese(alphabet: str) -> st.SearchStrategy[str]:
    return st.text(alphabet=alphabet, min_size=1, max_size=8).filter(lambda text: any(char in SIMPLIFIED + TRADITIONAL for char in text))


citations = st.builds(lambda doc, locator, quote: {"doc": doc, "locator": locator, "quote": quote}, st.sampled_from(DOCS), texts(max_size=12), notes)
cited = st.lists(citations, min_size=1, max_size=2)
optional_note = st.none() | notes
pinyin_words = st.lists(st.lists(st.sampled_from(SYLLABLES), min_size=1, max_size=3).map("".join), min_size=1, max_size=3).map(" ".join)


def _without_none(data: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in data.items() if value is not None}


renderings = st.builds(
    lambda text, kind, date, ambiguous, note, sources: _without_none(
        {"text": text, "kind": kind, "date": date, "ambiguous": ambiguous, "note": note, "sources": sources}
    ),
    english,
    st.sampled_from(("official", "source", "literal", "alternative", "deprecated")),
    st.none() | dates,
    st.none() | st.just(True),
    optional_note,
    cited,
)
abbreviations = st.one_of(
    st.builds(
        lambda text, status, note, sources: _without_none({"text": text, "lang": "en", "status": status, "note": note, "sources": sources}),
        texts("ABCDEFGHIJKLMNOPQRSTUVWXYZ.-&", 6),
        st.sampled_from(("accepted", "erroneous")),
        optional_note,
        cited,
    ),
    st.builds(
        lambda text, lang, sources: {"text": text, "lang": lang, "sources": sources},
        chinese(SIMPLIFIED),
        st.sampled_from(("zh-Hans", "zh")),
        cited,
    ),
)
variants = st.one_of(
    st.builds(lambda text, note: {"text": text, "kind": "script", "note": note}, chinese(TRADITIONAL + SIMPLIFIED), notes),
    st.builds(
        lambda text, kind, note, sources: _without_none({"text": text, "kind": kind, "note": note, "sources": sources}),
        chinese(SIMPLIFIED + TRADITIONAL),
        st.sampled_from(("script", "short-form", "full-form", "misspelling")),
        optional_note,
        cited,
    ),
)


@st.composite
def first_uses(draw: st.DrawFn) -> dict[str, Any]:
    date = draw(dates)
    data: dict[str, Any] = {"date": date, "sources": draw(cited)}
    if len(date) == 4 and date.endswith("0") and draw(st.booleans()):
        data["precision"] = "decade"
    note = draw(optional_note)
    if note:
        data["note"] = note
    return data


@st.composite
def concepts(draw: st.DrawFn, concept_id: str | None = None, targets: tuple[str, ...] = ()) -> dict[str, Any]:
    """One valid concept as a contract dict (``Concept.model_validate`` accepts it)."""
    hans = draw(chinese(SIMPLIFIED))
    hant = draw(chinese(TRADITIONAL + SIMPLIFIED))
    data: dict[str, Any] = {
        "id": concept_id or draw(ids),
        "category": draw(st.sampled_from(CATEGORIES)),
        "zh": {
            "hans": hans,
            "hant": hant,
            "pinyin": draw(pinyin_words),
            # a variant is another form than the two canonical ones (the model says so)
            "variants": [variant for variant in draw(st.lists(variants, max_size=2, unique_by=lambda variant: variant["text"])) if variant["text"] not in (hans, hant)],
            "sources": draw(cited),
        },
        "en": draw(st.lists(renderings, min_size=1, max_size=3, unique_by=lambda item: (item["text"], item["kind"]))),
        # an abbreviation is shorter than the term: never one of its two canonical forms
        "abbreviations": [item for item in draw(st.lists(abbreviations, max_size=2)) if item["text"] not in (hans, hant)],
    }
    # one form, one kind: a Chinese abbreviation is not also a variant (the model says so)
    variant_texts = {variant["text"] for variant in data["zh"]["variants"]}
    data["abbreviations"] = [item for item in data["abbreviations"] if item["text"] not in variant_texts]
    if draw(st.booleans()):
        data["definition"] = {"text": draw(notes), "sources": draw(cited)}
    if draw(st.booleans()):
        data["first_use"] = draw(first_uses())
    elif draw(st.booleans()):
        data["no_first_use"] = draw(notes)  # why there is none to give: never beside a first use
    if targets:
        data["relations"] = draw(
            st.lists(
                st.builds(
                    lambda kind, target, date, note, sources: _without_none({"type": kind, "target": target, "date": date, "note": note, "sources": sources}),
                    st.sampled_from(RELATION_TYPES),
                    st.sampled_from(targets),
                    st.none() | dates,
                    optional_note,
                    cited,
                ),
                max_size=2,
            )
        )
        data["shares_keys_with"] = draw(st.lists(st.sampled_from(targets), max_size=1))
    if draw(st.booleans()):
        data["generic"] = True
    note = draw(optional_note)
    if note:
        data["note"] = note
    Concept.model_validate(data)  # a strategy that draws invalid data is a bug in the strategy
    return data


@st.composite
def documents(draw: st.DrawFn, max_terms: int = 4) -> GlossaryDocument:
    """A glossary document: distinct ids, relations between its own concepts, every cited document registered."""
    term_ids = draw(st.lists(ids, min_size=0, max_size=max_terms, unique=True))
    terms = [draw(concepts(term_id, tuple(other for other in term_ids if other != term_id) or ("elsewhere",))) for term_id in term_ids]
    sources = {
        key: SourceDocument.model_validate(
            _without_none({"title": draw(notes), "kind": SOURCE_KINDS[key], "date": draw(st.none() | dates), "url": draw(st.none() | st.just("https://example.org/a?b=1&c=2"))})
        )
        for key in DOCS
    }
    return GlossaryDocument(sources=sources, terms=[Concept.model_validate(term) for term in terms])


def glossary(document: GlossaryDocument) -> Any:
    """The compiled Glossary of a document."""
    from glossary.authoring.build import compile_concepts
    from glossary.analysis.glossary import Glossary

    return Glossary(compile_concepts(document.terms, document.sources, script_variants=False, localise=False), origin="generated")
