"""Term history: succession chains through successor-of relations, and renderings over time."""

from __future__ import annotations

import json

import pytest
from conftest import FIXTURE_TERMS
from termdata import cite, concept, glossary_of

import glossary
from glossary import AmbiguousTermError, TermNotFoundError

CMI = concept("civil-military-integration", "军民结合", "jūnmín jiéhé", "civil-military integration", first_use="1982")
MCF = concept("military-civil-fusion", "军民融合", "jūnmín rónghé", "military-civil fusion", successor_of=("civil-military-integration",), first_use="2015")
INSS = concept(
    "integrated-national-strategic-system",
    "一体化国家战略体系",
    "yītǐhuà guójiā zhànlüè tǐxì",
    "integrated national strategic system",
    successor_of=("military-civil-fusion",),
    first_use="2017-10",
)


def chain_ids(history: object) -> list[str]:
    return [term.id for term in history.chain]  # type: ignore[attr-defined]


def test_the_chain_runs_oldest_first_from_whichever_term_is_asked() -> None:
    g = glossary_of(INSS, CMI, MCF)
    for asked in ("civil-military-integration", "military-civil-fusion", "integrated-national-strategic-system"):
        history = g.history(asked)
        assert history.term.id == asked
        assert chain_ids(history) == ["civil-military-integration", "military-civil-fusion", "integrated-national-strategic-system"]
        assert [(link.earlier.id, link.later.id) for link in history.links] == [
            ("civil-military-integration", "military-civil-fusion"),
            ("military-civil-fusion", "integrated-national-strategic-system"),
        ]
        assert history.is_linear
    (link,) = [link for link in g.history("integrated-national-strategic-system").links if link.later.id == "military-civil-fusion"]
    assert link.relation.sources[0].quote == "military-civil-fusion succeeded civil-military-integration"


def test_a_term_without_relations_has_itself_as_its_chain() -> None:
    g = glossary_of(concept("dual-circulation", "双循环", "shuāngxúnhuán", "dual circulation"))
    history = g.history("dual-circulation")
    assert chain_ids(history) == ["dual-circulation"] and history.links == () and history.is_linear


def test_other_relations_are_not_succession() -> None:
    outline = concept("outline", "纲要", "gāngyào", "outline", relations=(("part-of", "military-civil-fusion"), ("see-also", "civil-military-integration")))
    g = glossary_of(CMI, MCF, outline)
    assert chain_ids(g.history("outline")) == ["outline"]
    assert "outline" not in chain_ids(g.history("military-civil-fusion"))


def test_cycles_end_the_walk_and_every_term_appears_once() -> None:
    a = concept("term-a", "甲", "jiǎ", "a", successor_of=("term-c",), first_use="2001")
    b = concept("term-b", "乙", "yǐ", "b", successor_of=("term-a",), first_use="2002")
    c = concept("term-c", "丙", "bǐng", "c", successor_of=("term-b",), first_use="2003")
    tail = concept("term-d", "丁", "dīng", "d", successor_of=("term-c",), first_use="2004")
    g = glossary_of(a, b, c, tail)
    history = g.history("term-d")
    assert sorted(chain_ids(history)) == ["term-a", "term-b", "term-c", "term-d"]
    assert len(history.links) == 4 and not history.is_linear
    two = glossary_of(concept("term-a", "甲", "jiǎ", "a", successor_of=("term-b",)), concept("term-b", "乙", "yǐ", "b", successor_of=("term-a",)))
    assert chain_ids(two.history("term-a")) == ["term-a", "term-b"]


def test_a_term_that_succeeds_itself_or_a_missing_term_is_alone() -> None:
    g = glossary_of(concept("term-a", "甲", "jiǎ", "a", successor_of=("term-a", "not-here")))
    assert chain_ids(g.history("term-a")) == ["term-a"] and g.history("term-a").links == ()


def test_a_split_is_shown_as_links_not_as_a_line() -> None:
    left = concept("left", "左", "zuǒ", "left", successor_of=("root",), first_use="2010")
    right = concept("right", "右", "yòu", "right", successor_of=("root",), first_use="2005")
    root = concept("root", "根", "gēn", "root", first_use="2000")
    history = glossary_of(left, right, root).history("left")
    assert chain_ids(history) == ["root", "right", "left"]  # predecessors first, then by first use
    assert not history.is_linear


def test_renderings_by_date_then_the_undated_in_file_order() -> None:
    term = concept(
        "holistic",
        "总体国家安全观",
        "zǒngtǐ guójiā ānquánguān",
        "Holistic National Security Outlook",
        renderings=(
            {"text": "holistic view of national security", "kind": "official", "date": "2020-01", "sources": cite()},
            {"text": "overall national security outlook", "kind": "alternative", "sources": cite()},
            {"text": "holistic approach to national security", "kind": "official", "date": "2017-10", "sources": cite()},
        ),
    )
    history = glossary_of(term).history("holistic")
    assert [(rendering.text, rendering.date) for rendering in history.renderings] == [
        ("holistic approach to national security", "2017-10"),
        ("holistic view of national security", "2020-01"),
        ("Holistic National Security Outlook", None),
        ("overall national security outlook", None),
    ]
    assert history.to_dict()["renderings"][0] == {"text": "holistic approach to national security", "kind": "official", "date": "2017-10", "sources": cite()}


def test_a_query_names_the_term_and_must_name_only_one() -> None:
    g = glossary_of(CMI, MCF, INSS, concept("other", "其他", "qítā", "military-civil fusion"))
    assert g.history("军民结合").term.id == "civil-military-integration"
    assert g.history("jūnmín jiéhé").term.id == "civil-military-integration"
    assert g.history("military-civil-fusion").term.id == "military-civil-fusion"  # an id wins over a shared English key
    with pytest.raises(AmbiguousTermError) as info:
        g.history("Military-Civil Fusion")
    assert info.value.candidates == ("military-civil-fusion", "other")
    with pytest.raises(TermNotFoundError):
        g.history("nothing like it")


def test_history_as_plain_data() -> None:
    data = glossary_of(CMI, MCF).history("military-civil-fusion").to_dict()
    assert data["id"] == "military-civil-fusion"
    assert [item["id"] for item in data["succession"]] == ["civil-military-integration", "military-civil-fusion"]
    assert data["succession"][0] == {"id": "civil-military-integration", "hans": "军民结合", "hant": "军民结合", "pinyin": "jūnmín jiéhé", "en": "civil-military integration", "first_use": "1982"}
    assert data["links"][0]["earlier"] == "civil-military-integration" and data["links"][0]["sources"]


def test_the_command_shows_the_chain_and_the_dated_renderings(cli) -> None:
    result = cli("history", "--lang", "en", "--glossary", str(FIXTURE_TERMS), "INSS")
    assert result.code == 0 and result.err == ""
    lines = result.out.splitlines()
    assert lines[0] == "一体化国家战略体系  一體化國家戰略體系"
    # the bundled terms add 军民融合's own predecessors, so the chain branches: links are listed one per line
    assert "Succession" in result.out and "军民融合 → 一体化国家战略体系" in result.out
    assert any(line.startswith("  October 2017") and "一体化国家战略体系" in line and line.endswith("\u25c0") for line in lines)
    assert "Renderings (English)" in lines
    assert any("the successor to military-civil fusion" in line for line in lines)  # the link's source


def test_the_command_in_chinese(cli) -> None:
    result = cli("history", "--lang", "zh", "--glossary", str(FIXTURE_TERMS), "军民融合")
    assert result.code == 0
    assert "沿革" in result.out and "军民融合 → 一体化国家战略体系" in result.out
    assert "  2017年10月" in result.out and "译法 (英语)" in result.out and "官方译法" in result.out and "出处" in result.out


def test_the_command_for_a_term_without_history(cli) -> None:
    result = cli("history", "--lang", "en", "--glossary", str(FIXTURE_TERMS), "dual-circulation")
    assert result.code == 0 and "Succession     no predecessor or successor recorded" in result.out
    assert "  undated  source  dual circulation" in result.out


def test_the_command_as_json(cli) -> None:
    result = cli("history", "--json", "--glossary", str(FIXTURE_TERMS), "jun1min2 rong2he2")
    document = json.loads(result.out)
    assert result.code == 0 and document["query"] == "jun1min2 rong2he2" and document["id"] == "military-civil-fusion"
    chain = [item["id"] for item in document["succession"]]
    assert chain.index("military-civil-fusion") < chain.index("integrated-national-strategic-system")
    assert {rendering["text"] for rendering in document["renderings"]} == {"military-civil fusion", "civil-military integration"}
    assert {"fixture-brief", "fixture-official"} <= set(document["sources"])


def test_the_command_exits_1_when_nothing_matches_and_2_for_bad_usage(cli) -> None:
    result = cli("history", "--glossary", str(FIXTURE_TERMS), "no such term")
    assert (result.code, result.out) == (1, "") and "no term matches 'no such term'" in result.err
    assert cli("history").code == 2
    assert cli("history", "--lang", "fr", "MCF").code == 2


def test_the_bundled_outlook_lists_its_two_official_renderings_in_order(bundled: glossary.Glossary) -> None:
    official = [rendering for rendering in bundled.history("HNSO").renderings if rendering.kind == "official"]
    assert [rendering.date for rendering in official] == sorted(rendering.date or "" for rendering in official)
    assert len(official) >= 2
