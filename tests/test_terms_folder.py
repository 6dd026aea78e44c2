"""Reading terms folders: good folders load, bad ones are reported as file:line: field."""

from __future__ import annotations

from pathlib import Path

import pytest

import glossary
from glossary.errors import DataError, InputError
from glossary.authoring.termsdir import read_terms_folder
from glossary.authoring.validate import validate_path


def problems_of(folder: Path) -> list[str]:
    return [str(problem) for problem in validate_path(folder)]


def test_the_fixture_folder_loads_every_concept(fixture_glossary: glossary.Glossary) -> None:
    assert len(fixture_glossary) == 3
    assert [term.id for term in fixture_glossary] == sorted(term.id for term in fixture_glossary)
    assert fixture_glossary.origin.endswith("terms")


def test_the_fixture_folder_has_no_problems() -> None:
    from conftest import FIXTURE_TERMS

    assert problems_of(FIXTURE_TERMS) == []


def test_a_bad_field_names_file_line_and_field(terms_copy: Path) -> None:
    path = terms_copy / "dual-circulation.toml"
    path.write_text(path.read_text().replace('kind = "source"', 'kind = "sauce"'))
    with pytest.raises(DataError) as info:
        read_terms_folder(terms_copy)
    (where, message), = info.value.problems
    line = next(number for number, text in enumerate(path.read_text().splitlines(), 1) if "sauce" in text)
    assert where.endswith(f"dual-circulation.toml:{line}: en[0].kind")
    assert "official" in message


def test_every_broken_file_is_reported_in_one_run(terms_copy: Path) -> None:
    (terms_copy / "dual-circulation.toml").write_text('id = "dual-circulation"\nzh = 3\n')
    (terms_copy / "military-civil-fusion.toml").write_text("id = [unclosed\n")
    with pytest.raises(DataError) as info:
        read_terms_folder(terms_copy)
    text = str(info.value)
    assert "dual-circulation.toml" in text and "category: required field is missing" in text
    assert "military-civil-fusion.toml:1: not valid TOML" in text


def test_an_unknown_field_is_named(terms_copy: Path) -> None:
    path = terms_copy / "dual-circulation.toml"
    path.write_text(path.read_text().replace('category = "strategy"', 'category = "strategy"\ncolour = "red"'))
    with pytest.raises(DataError, match=r"dual-circulation.toml:4: colour: unknown field"):
        read_terms_folder(terms_copy)


def test_a_file_that_is_not_utf8_is_named(terms_copy: Path) -> None:
    (terms_copy / "dual-circulation.toml").write_bytes("id = '双循环'".encode("gb18030"))
    with pytest.raises(DataError, match="dual-circulation.toml: not UTF-8"):
        read_terms_folder(terms_copy)


def test_the_id_must_match_the_file_name(terms_copy: Path) -> None:
    (terms_copy / "dual-circulation.toml").rename(terms_copy / "double-loop.toml")
    with pytest.raises(DataError, match=r"double-loop.toml: id.*must equal the file name"):
        read_terms_folder(terms_copy)


def test_a_dangling_relation_is_a_problem(terms_copy: Path) -> None:
    path = terms_copy / "integrated-national-strategic-system.toml"
    path.write_text(path.read_text().replace('target = "military-civil-fusion"', 'target = "civil-military-fusion"'))
    (problem,) = problems_of(terms_copy)
    assert "relations[0].target: no concept has the id 'civil-military-fusion' [relations]" in problem
    assert problem.startswith(f"{path}:") or "integrated-national-strategic-system.toml:" in problem


def test_a_citation_of_an_unknown_document_is_a_problem(terms_copy: Path) -> None:
    path = terms_copy / "dual-circulation.toml"
    path.write_text(path.read_text().replace('doc = "fixture-brief"', 'doc = "nowhere"', 1))
    (problem,) = problems_of(terms_copy)
    assert "zh.sources[0]: cites 'nowhere'" in problem and "[citations]" in problem


def test_an_official_rendering_must_cite_an_official_document(terms_copy: Path) -> None:
    path = terms_copy / "military-civil-fusion.toml"
    path.write_text(path.read_text().replace('doc = "fixture-official"', 'doc = "fixture-brief"'))
    (problem,) = problems_of(terms_copy)
    assert "en[1]: the official rendering 'civil-military integration' cites no official document" in problem


def test_two_concepts_sharing_a_key_is_a_problem_unless_declared(terms_copy: Path) -> None:
    path = terms_copy / "dual-circulation.toml"
    # the rendering and the quote that holds it
    path.write_text(path.read_text().replace('text = "dual circulation"', 'text = "Military–Civil Fusion"').replace("“dual circulation” (双循环)", "“military-civil fusion” (双循环)"))
    (problem,) = problems_of(terms_copy)
    assert "shares the en key 'military civil fusion' with military-civil-fusion" in problem
    path.write_text(path.read_text().replace('category = "strategy"', 'category = "strategy"\nshares_keys_with = ["military-civil-fusion"]'))
    assert problems_of(terms_copy) == []


def test_wrong_pinyin_and_traditional_forms_are_problems(terms_copy: Path) -> None:
    path = terms_copy / "dual-circulation.toml"
    text = path.read_text()
    path.write_text(text.replace("shuāngxúnhuán", "shuāngxúnhuánjìng"))
    assert any("4 syllables" in problem and "[pinyin]" in problem for problem in problems_of(terms_copy))
    path.write_text(text.replace("shuāngxúnhuán", "shuāngxùnhuán"))
    assert any("循 is not read xun4" in problem for problem in problems_of(terms_copy))
    path.write_text(text.replace("shuāngxúnhuán", "shuangxunhuan"))
    assert any("no tone marks" in problem for problem in problems_of(terms_copy))
    path.write_text(text.replace('hant = "雙循環"', 'hant = "雙迴環"'))
    assert any("[traditional]" in problem for problem in problems_of(terms_copy))


def test_taiwan_corner_quotes_match_mainland_curly_quotes_in_the_traditional_check() -> None:
    from glossary.authoring.validate import check_traditional

    assert check_traditional("国防和军队现代化“三步走”战略安排", "國防和軍隊現代化「三步走」戰略安排") is None
    # nested quotes: 『』 in the traditional form match ‘’ in the simplified one
    assert check_traditional("‘十三五’规划", "『十三五』規劃") is None
    assert check_traditional("“十三五”规划", "『十三五』規劃") is not None
    # the quotes are matched, not dropped: a missing or misplaced pair is still a problem
    assert check_traditional("“十三五”规划", "十三五規劃") is not None
    assert check_traditional("“十三五”规划", "「十三」五規劃") is not None


def test_a_missing_folder_is_an_input_error_and_a_file_a_data_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file or folder"):
        read_terms_folder(tmp_path / "absent")
    (tmp_path / "file.toml").write_text("")
    with pytest.raises(DataError, match="not a folder"):
        read_terms_folder(tmp_path / "file.toml")


def test_a_reading_pypinyin_lacks_can_be_allowed_explicitly(monkeypatch) -> None:
    from glossary.authoring import validate

    assert any("循 is not read xun4" in problem for problem in validate.check_pinyin("双循环", "shuāngxùnhuán"))
    monkeypatch.setitem(validate.EXTRA_READINGS, "循", frozenset({"xun4"}))
    validate._readings.cache_clear()
    try:
        assert validate.check_pinyin("双循环", "shuāngxùnhuán") == []
    finally:
        validate._readings.cache_clear()
