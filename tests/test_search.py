"""Search: prefix (autocomplete), substring, abbreviated and fuzzy matches, and "did you mean"."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import glossary


def top(g: glossary.Glossary, text: str) -> tuple[str, str]:
    match = g.search(text, 5)[0]
    return match.term.id, match.how


@pytest.mark.parametrize(
    ("text", "term_id", "how"),
    [
        ("军民融合", "military-civil-fusion", "exact"),
        ("军民融和", "military-civil-fusion", "fuzzy"),  # a typo in Chinese
        ("軍民", "military-civil-fusion", "prefix"),
        ("双循", "dual-circulation", "prefix"),
        ("战略体系", "integrated-national-strategic-system", "substring"),
        ("military civ", "military-civil-fusion", "prefix"),
        ("milltary-civil fusoin", "military-civil-fusion", "fuzzy"),  # typos in English
        ("integrated natl strategic system", "integrated-national-strategic-system", "fuzzy"),
        ("junmin", "military-civil-fusion", "prefix"),
        ("shuangxun", "dual-circulation", "prefix"),
        ("INS", "integrated-national-strategic-system", "prefix"),
    ],
)
def test_search_finds_partial_and_misspelt_queries(fixture_glossary: glossary.Glossary, text: str, term_id: str, how: str) -> None:
    assert top(fixture_glossary, text) == (term_id, how)


@pytest.mark.parametrize(
    ("text", "term_id"),
    [
        ("中央科委", "central-science-and-technology-commission"),  # 中央科技委员会
        ("十四五远景目标建议", "fourteenth-five-year-plan-recommendations"),  # “十四五”规划和2035年远景目标建议
        ("十四五遠景目標建議", "fourteenth-five-year-plan-recommendations"),  # in traditional characters
    ],
)
def test_a_chinese_abbreviation_finds_the_name_it_keeps_characters_of(bundled: glossary.Glossary, text: str, term_id: str) -> None:
    (match,) = [match for match in bundled.search(text) if match.term.id == term_id]
    assert match.how == "abbreviated"
    assert bundled.search(text)[0].term.id == term_id


def test_characters_out_of_order_or_a_contiguous_stretch_are_no_abbreviation(bundled: glossary.Glossary) -> None:
    assert all(match.how != "abbreviated" for match in bundled.search("委安国"))
    # a contiguous stretch is a substring, not an abbreviation
    (match,) = [match for match in bundled.search("国家安全委员会") if match.term.id == "central-national-security-commission"]
    assert match.how != "abbreviated"


def test_results_are_ranked_one_per_concept_and_limited(bundled: glossary.Glossary) -> None:
    results = bundled.search("融合", limit=3)
    assert len(results) == 3
    assert len({match.term.id for match in results}) == 3
    assert [match.score for match in results] == sorted((match.score for match in results), reverse=True)
    assert len(bundled.search("融合", limit=0)) >= 3


def test_exact_matches_outrank_near_misses(bundled: glossary.Glossary) -> None:
    results = bundled.search("MCF")
    assert results[0].how == "exact" and results[0].term.id == "military-civil-fusion"
    assert all(match.score < results[0].score for match in results[1:])


def test_accepted_forms_rank_above_erroneous_ones(bundled: glossary.Glossary) -> None:
    # "cmc" is a prefix of both CMCFDC and the NSI brief's typo CMCDFC
    (match,) = [match for match in bundled.search("cmc") if match.term.id == "central-military-civil-fusion-development-commission"]
    assert match.matched == "CMCFDC"


def test_nothing_close_gives_an_empty_list(fixture_glossary: glossary.Glossary) -> None:
    assert fixture_glossary.search("zzzzzzzz") == []
    assert fixture_glossary.search("") == []
    with pytest.raises(TypeError, match="str"):
        fixture_glossary.search(None)  # type: ignore[arg-type]


def test_suggestions_for_a_failed_lookup(fixture_glossary: glossary.Glossary) -> None:
    assert fixture_glossary.lookup("军民融和") == []
    assert [match.term.id for match in fixture_glossary.suggest("军民融和")] == ["military-civil-fusion"]
    with pytest.raises(glossary.TermNotFoundError) as info:
        fixture_glossary.lookup_one("军民融和")
    assert info.value.suggestions == ("military-civil-fusion",)
    assert "did you mean: military-civil-fusion" in str(info.value)


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=40))
def test_lookup_and_search_never_raise(text: str) -> None:
    g = glossary.load()
    assert isinstance(g.lookup(text), list)
    assert isinstance(g.search(text, 5), list)


def test_search_cli(cli) -> None:
    result = cli("search", "军民融和")
    assert result.code == 0 and "military-civil-fusion" in result.out and "fuzzy" in result.out
    assert cli("search", "zzzzzzzz").code == 1
    import json

    document = json.loads(cli("search", "--json", "holistic").out)
    assert document["matches"][0]["id"] == "holistic-national-security-outlook"
    assert cli("search", "--limit", "x", "y").code == 2


def test_lookup_cli_suggests_when_nothing_matches(cli) -> None:
    result = cli("lookup", "军民融和")
    assert result.code == 1 and "did you mean" in result.err and "military-civil-fusion" in result.err
    import json

    document = json.loads(cli("lookup", "--json", "军民融和").out)
    assert document["terms"] == [] and document["suggestions"][0]["id"] == "military-civil-fusion"


def test_a_chinese_abbreviation_outranks_a_name_one_character_away() -> None:
    # 中央科委 keeps 中央科技委员会's characters in order; 中央军委 differs from it in one
    # character, which in Chinese makes another word far more often than a typo does
    from termdata import concept, glossary_of

    two = glossary_of(
        concept("science", "中央科技委员会", "Zhōngyāng Kējì Wěiyuánhuì", "Central Science and Technology Commission"),
        concept("military", "中央军委", "Zhōngyāng Jūnwěi", "Central Military Commission"),
    )
    assert [(match.term.id, match.how) for match in two.search("中央科委")][:2] == [("science", "abbreviated"), ("military", "fuzzy")]
