"""``no_first_use``: a concept that says why it has no first use to give (a generic word, an idiom),
so that ``glossary stats`` tells a term editor's real gaps from concepts no date applies to."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from pydantic import ValidationError
from termdata import concept, glossary_of

import glossary
from glossary.analysis.stats import glossary_stats, missing, render_stats
from glossary.authoring.docpage import render_glossary_page
from glossary.authoring.validate import validate_path
from glossary.cli.render import render_card
from glossary.core.model import Concept
from glossary.formats import export, read_document

REASON = "an everyday word: its first attestation dates nothing in this terminology"

WORD = concept("capabilities", "能力", "nénglì", "capabilities", no_first_use=REASON)
DATED = concept("military-civil-fusion", "军民融合", "jūnmín rónghé", "military-civil fusion", first_use="2015")
GAP = concept("dual-circulation", "双循环", "shuāngxúnhuán", "dual circulation")


def words() -> glossary.Glossary:
    return glossary_of(WORD, DATED, GAP)


# --- the schema -------------------------------------------------------------------


def test_a_reason_is_stored_on_the_model_and_the_term() -> None:
    term = words().get("capabilities")
    assert term.no_first_use == REASON and term.first_use is None
    assert term.to_dict()["no_first_use"] == REASON
    assert term.to_model() == Concept.model_validate(WORD)
    assert "no_first_use" not in words().get("dual-circulation").to_dict()


@pytest.mark.parametrize("reason", ["", " padded ", "a\u0007bell"])
def test_the_reason_must_be_clean_text(reason: str) -> None:
    with pytest.raises(ValidationError) as info:
        Concept.model_validate(concept("x", "能力", "nénglì", "capabilities", no_first_use=reason))
    assert info.value.errors()[0]["loc"] == ("no_first_use",)


def test_a_concept_cannot_have_a_first_use_and_say_it_has_none() -> None:
    with pytest.raises(ValidationError, match="cannot also say it has none") as info:
        Concept.model_validate({**DATED, "no_first_use": REASON})
    assert [error["loc"] for error in info.value.errors()] == [("no_first_use",)]


def test_validate_names_the_file_line_and_field_of_both(terms_copy: Path) -> None:
    path = terms_copy / "military-civil-fusion.toml"  # it has a [first_use]
    path.write_text(path.read_text(encoding="utf-8").replace('category = "strategy"\n', f'category = "strategy"\nno_first_use = "{REASON}"\n', 1), encoding="utf-8")
    problems = [str(problem) for problem in validate_path(terms_copy)]
    assert len(problems) == 1
    assert problems[0].startswith(f"{path}:4: no_first_use: ") and "not both" in problems[0]


def test_a_reason_in_a_terms_file_validates_and_loads(terms_copy: Path) -> None:
    path = terms_copy / "dual-circulation.toml"  # no [first_use]
    path.write_text(path.read_text(encoding="utf-8").replace('category = "strategy"\n', f'category = "strategy"\nno_first_use = "{REASON}"\n', 1), encoding="utf-8")
    assert list(validate_path(terms_copy)) == []
    assert glossary.load(terms_copy, bundled=False).get("dual-circulation").no_first_use == REASON


def test_the_reason_comes_back_from_the_compile_cache_read_on_demand(terms_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from glossary.loading import cache

    monkeypatch.setenv(cache.CACHE_ENV, str(tmp_path / "cache"))
    monkeypatch.setattr(cache, "SMALL", 0)  # every entry read from the SQLite file, as large ones are
    path = terms_copy / "dual-circulation.toml"
    path.write_text(path.read_text(encoding="utf-8").replace('category = "strategy"\n', f'category = "strategy"\nno_first_use = "{REASON}"\n', 1), encoding="utf-8")
    glossary.load(terms_copy, bundled=False)  # compiles and stores
    stored = glossary.load(terms_copy, bundled=False)
    assert stored.file_backed and stored.get("dual-circulation").no_first_use == REASON
    assert glossary_stats(stored)["coverage"]["first_use"]["none_to_give"] == 1


# --- exports and imports -------------------------------------------------------------


@pytest.mark.parametrize("name", ["tbx", "xlsx"])
def test_tbx_and_xlsx_round_trip_the_reason(name: str, tmp_path: Path) -> None:
    path = tmp_path / f"words.{name}"
    export(words(), name, path)
    if name == "tbx":
        assert f"<note>no first use: {REASON}</note>" in path.read_text(encoding="utf-8")
    assert [item.model_dump() for item in read_document(path).terms] == [term.to_model().model_dump() for term in words()]


def test_the_json_contract_round_trips_the_reason(tmp_path: Path) -> None:
    path = tmp_path / "words.json"
    export(words(), "json", path)
    assert json.loads(path.read_text(encoding="utf-8"))["terms"][0]["no_first_use"] == REASON
    back = {item.id: item for item in read_document(path).terms}
    assert back["capabilities"].no_first_use == REASON and back["dual-circulation"].no_first_use is None
    assert [item.model_dump() for item in read_document(path).terms] == [term.to_model().model_dump() for term in words()]


# --- stats -----------------------------------------------------------------------------


def test_stats_give_first_use_over_all_concepts_and_over_those_that_can_have_one() -> None:
    coverage = glossary_stats(words())["coverage"]
    assert coverage["first_use"] == {"count": 1, "share": 0.333, "none_to_give": 1, "applicable": 2, "share_of_applicable": 0.5}
    assert coverage["definition"] == {"count": 0, "share": 0.0}  # the other fields keep their shape
    lines = render_stats(glossary_stats(words())).splitlines()
    assert "  first use               1   33%   (of 3; 2 that have one: 50%; 1 have none to give)" in lines
    assert "  definition              0    0%" in lines


def test_when_every_concept_has_none_to_give_the_share_of_those_that_can_is_zero() -> None:
    coverage = glossary_stats(glossary_of(WORD))["coverage"]["first_use"]
    assert coverage == {"count": 0, "share": 0.0, "none_to_give": 1, "applicable": 0, "share_of_applicable": 0.0}


def test_missing_first_use_lists_only_the_real_gaps() -> None:
    assert [term.id for term in missing(words(), "first_use")] == ["dual-circulation"]
    assert [term.id for term in missing(words(), "definition")] == ["capabilities", "dual-circulation", "military-civil-fusion"]


def test_stats_on_the_command_line(cli, monkeypatch: pytest.MonkeyPatch) -> None:  # noqa: ANN001
    monkeypatch.setattr("glossary.loading.loader.load_bundled", words)
    assert cli("stats", "--missing", "first-use").out == "dual-circulation\t双循环\tdual circulation\n"
    assert json.loads(cli("stats", "--json").out)["coverage"]["first_use"]["none_to_give"] == 1
    assert "1 have none to give" in cli("stats").out


# --- what a reader sees --------------------------------------------------------------------


@pytest.mark.parametrize(("lang", "line"), [("en", f"First use      none \u2014 {REASON}"), ("zh", f"首次使用       无 \u2014 {REASON}")])
def test_the_card_shows_the_reason_where_the_first_use_would_be(lang: str, line: str) -> None:
    card = render_card(words().get("capabilities"), words(), lang=lang).splitlines()
    assert line in card
    assert not any(text.startswith(("First use", "首次使用")) for text in render_card(words().get("dual-circulation"), words(), lang=lang).splitlines())


def test_the_glossary_page_shows_the_reason() -> None:
    assert f"- first use: none — {REASON}" in render_glossary_page(words())


@pytest.mark.parametrize(("lang", "fact"), [("en", f"<dt>First use</dt><dd>none \u2014 {REASON}</dd>"), ("zh", f"<dt>首次使用</dt><dd>无 \u2014 {REASON}</dd>")])
def test_the_html_page_shows_the_reason_as_the_first_use_fact(lang: str, fact: str) -> None:
    from glossary.formats.html import page

    assert fact in page(words(), lang, inline=False)
