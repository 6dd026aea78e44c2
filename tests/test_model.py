"""The concept model: what a valid entry is, and how bad entries are reported."""

from __future__ import annotations

import copy
from typing import Any

import pytest
from pydantic import ValidationError

from glossary.core.model import Concept, FirstUse, GlossaryDocument, SourceDocument

CITATION = {"doc": "fixture-brief", "locator": "p. 1", "quote": "military-civil fusion (MCF; 军民融合)"}
GOOD: dict[str, Any] = {
    "id": "military-civil-fusion",
    "category": "strategy",
    "zh": {"hans": "军民融合", "hant": "軍民融合", "pinyin": "jūnmín rónghé", "sources": [CITATION]},
    "en": [{"text": "military-civil fusion", "kind": "source", "sources": [CITATION]}],
    "abbreviations": [{"text": "MCF", "sources": [CITATION]}],
    "first_use": {"date": "2015", "sources": [CITATION]},
}


def bad(path: str, value: Any) -> dict[str, Any]:
    """GOOD with one field (dotted path, list indexes as numbers) replaced; None deletes it."""
    data = copy.deepcopy(GOOD)
    *parents, last = path.split(".")
    target: Any = data
    for part in parents:
        target = target[int(part)] if part.isdigit() else target[part]
    if value is None:
        del target[int(last) if last.isdigit() else last]
    else:
        target[int(last) if last.isdigit() else last] = value
    return data


def error_locations(data: dict[str, Any]) -> list[str]:
    with pytest.raises(ValidationError) as info:
        Concept.model_validate(data)
    return [".".join(str(part) for part in error["loc"]) for error in info.value.errors()]


def test_a_complete_entry_validates_and_fills_defaults() -> None:
    concept = Concept.model_validate(GOOD)
    assert concept.schema_version == 1
    assert concept.first_use is not None and concept.first_use.precision == "year"
    assert concept.abbreviations[0].lang == "en" and concept.abbreviations[0].status == "accepted"
    assert concept.relations == [] and concept.zh.variants == []


def test_the_model_is_frozen() -> None:
    concept = Concept.model_validate(GOOD)
    with pytest.raises(ValidationError):
        concept.id = "other"  # type: ignore[misc]


@pytest.mark.parametrize(
    ("path", "value", "location"),
    [
        ("id", "Military Civil Fusion", "id"),
        ("id", "1st-term", "id"),
        ("category", "idea", "category"),
        ("zh.hans", "MCF", "zh.hans"),
        ("zh.hans", " 军民融合", "zh.hans"),
        ("zh.sources", [], "zh.sources"),
        ("en", [], "en"),
        ("en.0.kind", "official-ish", "en.0.kind"),
        ("en.0.sources", None, "en.0.sources"),
        ("en.0.sources", [{"doc": "fixture-brief", "locator": "p. 1"}], "en.0.sources.0.quote"),
        ("abbreviations.0.lang", "zh_TW", "abbreviations.0.lang"),
        ("abbreviations.0.lang", "klingon", "abbreviations.0.lang"),
        ("first_use.date", "2015-13", "first_use.date"),
        ("first_use.date", "March 2015", "first_use.date"),
        ("first_use", {"date": "2015-03", "precision": "year", "sources": [CITATION]}, "first_use"),
        ("relations", [{"type": "succeeds", "target": "x", "sources": [CITATION]}], "relations.0.type"),
        ("color", "red", "color"),
    ],
)
def test_bad_fields_are_reported_at_their_location(path: str, value: Any, location: str) -> None:
    assert location in error_locations(bad(path, value))


def test_a_rendering_listed_twice_is_an_error() -> None:
    data = bad("en", GOOD["en"] * 2)
    assert "en" in error_locations(data)


def test_text_with_control_characters_is_rejected() -> None:
    assert "en.0.text" in error_locations(bad("en.0.text", "military\u200b-civil fusion"))


def test_script_variants_need_a_note_and_other_variants_need_sources() -> None:
    assert error_locations(bad("zh.variants", [{"text": "軍民融合式", "kind": "script"}])) == ["zh.variants.0"]
    assert error_locations(bad("zh.variants", [{"text": "军民融合式", "kind": "short-form", "note": "n"}])) == ["zh.variants.0"]
    Concept.model_validate(bad("zh.variants", [{"text": "軍民融合式", "kind": "script", "note": "OpenCC output"}]))


@pytest.mark.parametrize(("date", "precision"), [("2014", "year"), ("2014-04", "month"), ("2014-04-15", "day"), ("2010", "decade")])
def test_first_use_precision_follows_the_date(date: str, precision: str) -> None:
    first_use = FirstUse.model_validate({"date": date, "precision": precision if precision == "decade" else None, "sources": [CITATION]})
    assert first_use.precision == precision


def test_decade_precision_needs_a_round_year() -> None:
    with pytest.raises(ValidationError):
        FirstUse.model_validate({"date": "2015", "precision": "decade", "sources": [CITATION]})


def test_source_documents_and_the_contract_document() -> None:
    document = GlossaryDocument.model_validate(
        {"sources": {"fixture-brief": {"title": "T", "kind": "analysis"}}, "terms": [GOOD]}
    )
    assert document.format == "glossary" and document.version == 1
    with pytest.raises(ValidationError):
        SourceDocument.model_validate({"title": "T", "kind": "blog"})
    with pytest.raises(ValidationError):
        GlossaryDocument.model_validate({"format": "glossary", "version": 2, "terms": []})


def test_a_variant_must_differ_from_the_canonical_forms() -> None:
    assert error_locations(bad("zh.variants", [{"text": "軍民融合", "kind": "misspelling", "sources": [CITATION]}])) == ["zh"]


def test_a_variant_is_listed_once_with_one_kind() -> None:
    # an accepted form cannot also be a misspelling (exports would write it as both allowed and forbidden)
    twice = [{"text": "軍民融合式", "kind": "script", "note": "n"}, {"text": "軍民融合式", "kind": "misspelling", "sources": [CITATION]}]
    with pytest.raises(ValidationError, match="listed twice .as script and as misspelling."):
        Concept.model_validate(bad("zh.variants", twice))
    assert error_locations(bad("zh.variants", twice)) == ["zh"]


def test_a_chinese_abbreviation_is_not_also_a_variant() -> None:
    # exports would write the form as both an allowed abbreviation and a forbidden misspelling
    data = bad("zh.variants", [{"text": "军融", "kind": "misspelling", "sources": [CITATION]}])
    data["abbreviations"] = [{"text": "军融", "lang": "zh-Hans", "sources": [CITATION]}]
    with pytest.raises(ValidationError, match="both an abbreviation and a misspelling variant"):
        Concept.model_validate(data)
