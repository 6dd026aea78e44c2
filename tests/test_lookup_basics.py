"""The Glossary API: get, iteration, len, and lookup by the main kinds of key."""

from __future__ import annotations

from pathlib import Path

import pytest

import glossary
from glossary import TermNotFoundError
from glossary.core.index import KIND_SCORES
from termdata import cite, concept, glossary_of


def ids(matches: list[glossary.Match]) -> list[str]:
    return [match.term.id for match in matches]


def test_get_by_id_and_the_keyerror_contract(fixture_glossary: glossary.Glossary) -> None:
    term = fixture_glossary.get("military-civil-fusion")
    assert term.zh.hans == "军民融合" and term.zh.hant == "軍民融合"
    assert term.pinyin_numbered == "jun1min2 rong2he2" and term.pinyin_toneless == "junmin ronghe"
    with pytest.raises(TermNotFoundError) as info:
        fixture_glossary.get("civil-military-fusion")
    assert isinstance(info.value, KeyError) and info.value.query == "civil-military-fusion"
    assert str(info.value) == "no term matches 'civil-military-fusion'"
    assert fixture_glossary.get("absent", None) is None


def test_len_iteration_and_membership(fixture_glossary: glossary.Glossary) -> None:
    assert len(fixture_glossary) == len(list(fixture_glossary)) == 3
    assert "dual-circulation" in fixture_glossary and "absent" not in fixture_glossary


@pytest.mark.parametrize(
    ("query", "term_id", "kind"),
    [
        ("军民融合", "military-civil-fusion", "hans"),
        ("軍民融合", "military-civil-fusion", "hant"),
        ("MCF", "military-civil-fusion", "abbreviation"),
        ("mcf", "military-civil-fusion", "abbreviation"),
        ("military-civil fusion", "military-civil-fusion", "en-source"),
        ("Civil-Military Integration", "military-civil-fusion", "en-official"),
        ("INSS", "integrated-national-strategic-system", "abbreviation"),
        ("雙迴圈", "dual-circulation", "script"),
        ("dual-circulation", "dual-circulation", "id"),
    ],
)
def test_lookup_finds_by_chinese_abbreviation_english_and_id(fixture_glossary: glossary.Glossary, query: str, term_id: str, kind: str) -> None:
    (match,) = fixture_glossary.lookup(query)
    assert (match.term.id, match.kind) == (term_id, kind)


def test_lookup_returns_an_empty_list_when_nothing_matches(fixture_glossary: glossary.Glossary) -> None:
    assert fixture_glossary.lookup("no such thing") == []
    assert fixture_glossary.lookup("") == []


def test_matches_say_what_matched(fixture_glossary: glossary.Glossary) -> None:
    (match,) = fixture_glossary.lookup("Civil-Military Integration")
    assert match.matched == "civil-military integration"
    assert match.key == "civil military integration"
    assert match.to_dict()["id"] == "military-civil-fusion"


def test_relations_are_seen_from_both_sides(fixture_glossary: glossary.Glossary) -> None:
    assert [(label, term.id) for label, term in fixture_glossary.related("integrated-national-strategic-system")] == [
        ("successor-of", "military-civil-fusion")
    ]
    assert [(label, term.id) for label, term in fixture_glossary.related("military-civil-fusion")] == [
        ("predecessor-of", "integrated-national-strategic-system")
    ]


def test_terms_round_trip_to_the_pydantic_model(fixture_glossary: glossary.Glossary) -> None:
    for term in fixture_glossary:
        assert term.to_model().model_dump(mode="json", exclude_none=True) == term.to_dict()


def test_the_bundled_glossary_is_cached_and_holds_the_seed_terms(bundled: glossary.Glossary) -> None:
    assert glossary.load() is bundled
    assert len(bundled) >= 10
    assert ids(bundled.lookup("军民融合")) == ["military-civil-fusion"]
    assert ids(glossary.lookup("NSI")) == ["integrated-national-strategic-system"]


def test_a_user_folder_is_merged_over_the_bundled_terms(tmp_path: Path, bundled: glossary.Glossary) -> None:
    from conftest import FIXTURE_TERMS

    merged = glossary.load(FIXTURE_TERMS)
    assert len(merged) == len(bundled)  # the fixture's three ids all exist in the bundled data
    assert ids(merged.lookup("civil-military integration"))[0] == "military-civil-fusion"  # the fixture's official rendering
    assert merged.get("holistic-national-security-outlook").id == "holistic-national-security-outlook"
    alone = glossary.load(FIXTURE_TERMS, bundled=False)
    assert alone.get("holistic-national-security-outlook", None) is None


def test_terms_sort_by_pinyin(fixture_glossary: glossary.Glossary) -> None:
    assert [term.zh.hans for term in fixture_glossary.by_pinyin()] == ["军民融合", "双循环", "一体化国家战略体系"]


def test_kept_answers_equal_fresh_lookups(bundled: glossary.Glossary) -> None:
    g = glossary.Glossary(bundled.compiled())
    keys = [key for family in g._families.values() for key in family]
    first = [g.lookup(key) for key in keys]
    assert len(g._answers) == len(set(keys))  # every stored key's answer is kept
    assert [g.lookup(key) for key in keys] == first
    assert g.lookup("Military Civil Fusion") == g.lookup("military civil fusion")
    assert "Military Civil Fusion" in g._memo  # not a stored key: the bounded cache


@pytest.mark.parametrize("value", [None, 5, b"MCF", ["MCF"], 3.5])
def test_lookup_refuses_what_is_not_text(bundled: glossary.Glossary, value: object) -> None:
    with pytest.raises(TypeError, match="str"):
        bundled.lookup(value)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="str"):
        bundled.lookup_one(value)  # type: ignore[arg-type]


def test_the_glossary_read_api_gives_positions_postings_and_compiled_data(fixture_glossary: glossary.Glossary) -> None:
    for family in ("zh", "en"):
        postings = fixture_glossary.postings(family)
        assert postings
        for key, entries in postings.items():
            for position, kind, surface in entries:
                term = fixture_glossary.term_at(position)
                assert fixture_glossary.compiled_terms[position]["id"] == term.id
                assert [family, key, kind, surface] in [list(k) for k in fixture_glossary.compiled_derived[position]["keys"]]


@pytest.mark.parametrize("order", ["alternative first", "source first"])
def test_a_rendering_given_under_two_kinds_matches_under_the_better_one(order: str) -> None:
    # the brief's English repeated as a dated alternative (said of something else) stays a source
    alternative = {"text": "military-civil fusion", "kind": "alternative", "date": "2021-01-15", "sources": cite()}
    term = concept("mcf", "军民融合", "jūnmín rónghé", "military-civil fusion", renderings=(alternative,))
    if order == "alternative first":
        term["en"].reverse()
    (match,) = glossary_of(term).lookup("military civil fusion")
    assert (match.kind, match.score) == ("en-source", KIND_SCORES["en-source"])
