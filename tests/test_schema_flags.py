"""Two flags of the schema: an English rendering PRC sources use for more than one concept
(``ambiguous``) and a generic word that is a term only in context (``generic``)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from termdata import cite, concept, glossary_of

import glossary
from glossary.authoring.build import compile_concepts, compiled_module_source
from glossary.formats import export, get_format, read_document
from glossary.core.model import Concept, Rendering
from glossary.authoring.validate import validate_path

# 军民一体化: a second concept that PRC English also calls "civil-military integration"
SECOND = '''schema_version = 1
id = "civil-military-integration"
category = "concept"

[zh]
hans = "军民一体化"
hant = "軍民一體化"
pinyin = "jūnmín yītǐhuà"

[[zh.sources]]
doc = "fixture-brief"
locator = "p. 3"
quote = "civil-military integration (军民一体化)"

[[en]]
text = "civil-military integration"
kind = "source"
ambiguous = true

[[en.sources]]
doc = "fixture-brief"
locator = "p. 3"
quote = "civil-military integration (军民一体化)"
'''


def problems_of(folder: Path) -> list[str]:
    return [str(problem) for problem in validate_path(folder)]


def _mark_mcf_ambiguous(folder: Path) -> None:
    path = folder / "military-civil-fusion.toml"
    path.write_text(path.read_text().replace('text = "civil-military integration"\nkind = "official"', 'text = "civil-military integration"\nkind = "official"\nambiguous = true'))


@pytest.fixture()
def shared(terms_copy: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The fixture folder with "civil-military integration" carried, and marked ambiguous, by two concepts.

    The CLI merges a --glossary over the bundled terms; here over nothing, so that the
    bundled data (which editors change) cannot add cards.
    """
    monkeypatch.setattr("glossary.loading.loader.load_bundled", glossary_of)
    (terms_copy / "civil-military-integration.toml").write_text(SECOND)
    _mark_mcf_ambiguous(terms_copy)
    return terms_copy


# --- the model ------------------------------------------------------------------


def test_a_flag_is_stored_only_when_set() -> None:
    base = {"text": "x", "kind": "source", "sources": cite()}
    assert Rendering.model_validate({**base, "ambiguous": True}).ambiguous is True
    for unset in ({}, {"ambiguous": False}, {"ambiguous": None}):
        rendering = Rendering.model_validate({**base, **unset})
        assert rendering.ambiguous is None
        assert "ambiguous" not in rendering.model_dump(exclude_none=True)


def test_a_flag_must_be_a_boolean() -> None:
    data = concept("x", "体系", "tǐxì", "system of systems", generic="yes please")
    with pytest.raises(ValueError, match="generic"):
        Concept.model_validate(data)


# --- validate: ambiguous --------------------------------------------------------


def test_two_concepts_marking_a_shared_english_ambiguous_need_no_shares_keys_with(shared: Path) -> None:
    assert problems_of(shared) == []


def test_an_ambiguous_rendering_no_other_concept_carries_is_an_error(terms_copy: Path) -> None:
    _mark_mcf_ambiguous(terms_copy)
    (problem,) = problems_of(terms_copy)
    assert "military-civil-fusion.toml:27: en[1].ambiguous: is marked ambiguous, but no other concept carries this English" in problem


def test_every_concept_carrying_an_ambiguous_english_marks_it(shared: Path) -> None:
    path = shared / "civil-military-integration.toml"
    path.write_text(SECOND.replace("ambiguous = true\n", ""))
    (problem,) = problems_of(shared)
    assert "civil-military-integration.toml:15: en[0].ambiguous: 'civil-military integration' is marked ambiguous in military-civil-fusion" in problem
    assert "mark it ambiguous = true here too" in problem


def test_an_unmarked_shared_english_still_needs_shares_keys_with(shared: Path) -> None:
    for name in ("civil-military-integration.toml", "military-civil-fusion.toml"):
        path = shared / name
        path.write_text(path.read_text().replace("ambiguous = true\n", ""))
    (problem,) = problems_of(shared)
    assert "shares the en key 'civil military integration'" in problem


# --- lookup: ambiguous ----------------------------------------------------------


def test_a_lookup_of_an_ambiguous_english_finds_every_concept_carrying_it(shared: Path) -> None:
    found = glossary.load(shared, bundled=False)
    matches = found.lookup("Civil–Military Integration")
    assert sorted(match.term.id for match in matches) == ["civil-military-integration", "military-civil-fusion"]
    assert all(match.ambiguous for match in matches)
    assert all(match.to_dict()["ambiguous"] is True for match in matches)
    assert not found.lookup("military-civil fusion")[0].ambiguous
    assert "ambiguous" not in found.lookup("军民融合")[0].to_dict()
    ((rendering, others),) = found.sharing("military-civil-fusion")
    assert rendering.text == "civil-military integration" and [other.id for other in others] == ["civil-military-integration"]
    assert found.sharing("dual-circulation") == []


def test_the_card_shows_every_concept_and_says_the_english_is_ambiguous(shared: Path, cli) -> None:  # noqa: ANN001
    result = cli("lookup", "civil-military integration", "--glossary", str(shared))
    assert result.code == 0, result.err
    # official in one concept, source in the other: both cards, although the scores differ
    assert "军民融合" in result.out and "军民一体化" in result.out
    assert "Ambiguous      \u201ccivil-military integration\u201d: PRC sources use this English for more than one concept; also: 军民一体化 civil-military integration (civil-military-integration)" in result.out
    assert "also: 军民融合 civil-military integration (military-civil-fusion)" in result.out
    chinese = cli("lookup", "civil-military integration", "--glossary", str(shared), "--lang", "zh")
    assert "一词多义" in chinese.out and "中国官方来源以此英文指称不止一个概念；另见：军民一体化" in chinese.out
    # a term without an ambiguous rendering has no such line
    assert "Ambiguous" not in cli("lookup", "双循环", "--glossary", str(shared)).out


def test_the_json_of_a_lookup_notes_the_ambiguous_english(shared: Path, cli) -> None:  # noqa: ANN001
    result = cli("lookup", "civil-military integration", "--glossary", str(shared), "--json")
    document = json.loads(result.out)
    assert {match["id"] for match in document["matches"]} == {"civil-military-integration", "military-civil-fusion"}
    assert document["ambiguous"] == [
        {
            "text": "civil-military integration",
            "note": "PRC sources use this English for more than one concept",
            "terms": ["military-civil-fusion", "civil-military-integration"],
        }
    ]
    renderings = {term["id"]: term["en"] for term in document["terms"]}
    assert any(rendering.get("ambiguous") is True for rendering in renderings["military-civil-fusion"])
    plain = json.loads(cli("lookup", "双循环", "--glossary", str(shared), "--json").out)
    assert "ambiguous" not in plain


# --- generic --------------------------------------------------------------------

SYSTEM = concept("system-of-systems", "体系", "tǐxì", "system of systems", generic=True)
SECURITY_SYSTEM = concept("national-security-system", "国家安全体系", "guójiā ānquán tǐxì", "national security system")
CAPABILITIES = concept("capabilities", "能力", "nénglì", "capabilities", generic=True)
MCF = concept("military-civil-fusion", "军民融合", "jūnmín rónghé", "military-civil fusion")


def test_a_generic_word_is_found_by_lookup_but_never_recognised_in_text() -> None:
    words = glossary_of(SYSTEM, CAPABILITIES, MCF)
    assert words.lookup_one("体系").id == "system-of-systems"
    assert words.lookup_one("capabilities").id == "capabilities"
    text = "军民融合体系的能力 and its capabilities, a system of systems"
    assert [hit.term.id for hit in words.scan(text)] == ["military-civil-fusion"]
    assert words.scanner().count(text) == {"military-civil-fusion": 1}


def test_a_generic_word_inside_a_longer_phrase_is_not_tagged() -> None:
    without_phrase = glossary_of(SYSTEM)
    assert without_phrase.scan("国家安全体系") == []
    with_phrase = glossary_of(SYSTEM, SECURITY_SYSTEM)
    assert [hit.term.id for hit in with_phrase.scan("健全国家安全体系和体系")] == ["national-security-system"]


def test_check_ignores_a_generic_word() -> None:
    words = glossary_of(SYSTEM, MCF)
    findings = words.check("军民融合体系", "the system")
    assert [finding.term.id for finding in findings] == ["military-civil-fusion"]


def test_a_generic_concept_validates_and_shows_in_its_data(terms_copy: Path) -> None:
    path = terms_copy / "dual-circulation.toml"
    path.write_text(path.read_text().replace('category = "strategy"', 'category = "strategy"\ngeneric = true'))
    assert problems_of(terms_copy) == []
    term = glossary.load(terms_copy, bundled=False).get("dual-circulation")
    assert term.generic is True and term.to_dict()["generic"] is True
    assert glossary.load(terms_copy, bundled=False).scan("双循环") == []


# --- the compiled module and the exports keep both flags -------------------------


def _flagged() -> list[dict]:
    first = concept("a-concept", "军民融合", "jūnmín rónghé", "civil-military integration")
    first["en"][0]["ambiguous"] = True
    second = concept("b-concept", "军民一体化", "jūnmín yītǐhuà", "civil-military integration")
    second["en"][0]["ambiguous"] = True
    return [first, second, SYSTEM]


def test_the_compiled_module_and_blob_file_hold_the_flags(tmp_path: Path) -> None:
    compiled = compile_concepts(_flagged(), {"doc": {"title": "t", "kind": "analysis"}}, script_variants=False, localise=False)
    namespace: dict = {}
    module, blobs = compiled_module_source(compiled, "digest")
    exec(module, namespace)  # noqa: S102
    (tmp_path / "_compiled.bin").write_bytes(blobs)
    from glossary.loading.loader import BlobFile, Marshalled

    blob_file = BlobFile(str(tmp_path / "_compiled.bin"), namespace["BLOBS_HEADER"])
    terms = list(Marshalled(namespace["TERMS"], blob_file))
    assert terms == compiled["terms"] and list(Marshalled(namespace["DERIVED"], blob_file)) == compiled["derived"]
    assert terms[0]["en"][0]["ambiguous"] is True and terms[2]["generic"] is True


@pytest.mark.parametrize("name", ["json", "tbx"])
def test_json_and_tbx_exports_keep_the_flags(name: str, tmp_path: Path) -> None:
    words = glossary_of(*_flagged())
    path = tmp_path / f"flags.{name}"
    export(words, name, path)
    text = path.read_text(encoding="utf-8")
    if name == "tbx":
        assert "<note>ambiguous: yes</note>" in text and "<note>generic: yes</note>" in text
    else:
        assert '"ambiguous": true' in text and '"generic": true' in text
    back = {concept.id: concept for concept in read_document(path).terms}
    assert back["a-concept"].en[0].ambiguous is True and back["b-concept"].en[0].ambiguous is True
    assert back["system-of-systems"].generic is True and back["a-concept"].generic is None


def test_tbx2_keeps_the_flags_a_translator_needs(tmp_path: Path) -> None:
    data = export(glossary_of(*_flagged()), "tbx2")
    back = {concept.id: concept for concept in get_format("tbx2").load(data, "flags.tbx").terms}
    assert back["a-concept"].en[0].ambiguous is True and back["system-of-systems"].generic is True


def test_the_glossary_page_shows_both_flags() -> None:
    from glossary.authoring.docpage import render_glossary_page

    page = render_glossary_page(glossary_of(*_flagged()))
    assert "- source: civil-military integration — ambiguous: also used for [军民一体化](#b-concept)" in page
    assert "`system-of-systems` · generic word, a term only in context" in page


def test_the_html_page_links_an_ambiguous_english_to_the_other_concepts(tmp_path: Path) -> None:
    export(glossary_of(*_flagged()), "html", tmp_path / "site")
    page = (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    assert 'class="ambiguous">Ambiguous: PRC sources use this English for more than one concept; also: <a href="#t-b-concept">' in page
