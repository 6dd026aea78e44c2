"""``glossary export`` options and ``glossary import``: files written, reports, exit codes, nothing half-written."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings

import glossary
import strategies
from conftest import FIXTURE_TERMS
from glossary.authoring.termsdir import read_terms_folder
from glossary.authoring.termswriter import concept_toml, toml_string, write_terms_folder

TRANSLATOR_FILE = "军民融合\tmilitary-civil fusion\n總體國家安全觀\tholistic approach to national security\tSCIO wording\n"


def test_export_omegat_with_direction_and_script(cli, tmp_path: Path) -> None:
    target = tmp_path / "glossary.utf8"
    result = cli("export", "--format", "omegat", "--direction", "en-zh", "--script", "hant", "-o", str(target), "--glossary", str(FIXTURE_TERMS))
    assert result.code == 0 and result.out == ""
    lines = target.read_text(encoding="utf-8").splitlines()
    assert lines[0] == "# en\tzh-Hant\tcomment"
    assert "MCF\t軍民融合\tabbreviation · jūnmín rónghé · military-civil-fusion" in lines
    assert [path.name for path in tmp_path.iterdir()] == ["glossary.utf8"]


@pytest.mark.parametrize("name", ["tbx", "tbx2", "memoq", "trados", "csv"])
def test_every_format_goes_to_stdout(cli, name: str) -> None:
    assert cli("export", "--format", name).code == 0


def test_an_unknown_direction_is_a_usage_error(cli) -> None:
    assert cli("export", "--format", "omegat", "--direction", "fr-en").code == 2


def test_import_reports_what_it_read(cli, tmp_path: Path) -> None:
    path = tmp_path / "mine.txt"
    path.write_text(TRANSLATOR_FILE, encoding="utf-8")
    result = cli("import", str(path))
    assert result.code == 0 and "2 concepts, no problems" in result.err and "file-mine-txt" in result.err
    assert sorted(item.name for item in tmp_path.iterdir()) == ["mine.txt"]


def test_import_of_a_bad_file_exits_2_naming_every_line_and_writes_nothing(cli, tmp_path: Path) -> None:
    path = tmp_path / "bad.txt"
    path.write_text("军民融合\tmilitary-civil fusion\nonly\n\t\nfoo\tbar\n", encoding="utf-8")
    result = cli("import", str(path), "-o", str(tmp_path / "out"))
    assert result.code == 2 and "Traceback" not in result.err
    assert f"{path}:2:" in result.err and f"{path}:4:" in result.err
    assert not (tmp_path / "out").exists()


def test_import_to_a_terms_folder_that_validates_and_loads(cli, tmp_path: Path) -> None:
    path = tmp_path / "mine.txt"
    path.write_text(TRANSLATOR_FILE, encoding="utf-8")
    folder = tmp_path / "terms"
    result = cli("import", str(path), "-o", str(folder))
    assert result.code == 0, result.err
    assert sorted(item.name for item in folder.iterdir()) == ["_sources.toml", "holistic-approach-to-national-security.toml", "military-civil-fusion.toml"]
    assert cli("validate", str(folder)).code == 0
    card = cli("lookup", "--glossary", str(folder), "軍民融合")
    assert card.code == 0 and "military-civil fusion" in card.out
    concept = read_terms_folder(folder).concepts[0]
    assert concept.zh.hans == "总体国家安全观" and "OpenCC" in (concept.note or "")


def test_import_refuses_a_folder_with_term_files(cli, tmp_path: Path) -> None:
    path = tmp_path / "mine.txt"
    path.write_text(TRANSLATOR_FILE, encoding="utf-8")
    result = cli("import", str(path), "-o", str(FIXTURE_TERMS))
    assert result.code == 2 and "already holds term files" in result.err


def test_import_converts_to_json_and_tbx(cli, tmp_path: Path) -> None:
    path = tmp_path / "mine.csv"
    path.write_text("zh-Hans,en\n军民融合,military-civil fusion\n", encoding="utf-8")
    assert cli("import", str(path), "-o", str(tmp_path / "out.json")).code == 0
    document = json.loads((tmp_path / "out.json").read_text(encoding="utf-8"))
    assert [term["id"] for term in document["terms"]] == ["military-civil-fusion"]
    assert document["sources"]["file-mine-csv"]["kind"] == "reference"
    assert cli("import", str(tmp_path / "out.json"), "-o", str(tmp_path / "out.tbx")).code == 0
    assert cli("import", str(tmp_path / "out.tbx"), "--format", "tbx").code == 0


def test_glossary_load_accepts_translator_files(tmp_path: Path) -> None:
    path = tmp_path / "mine.utf8"
    path.write_text(TRANSLATOR_FILE, encoding="utf-8")
    merged = glossary.load(path)
    assert merged.lookup_one("军民融合").id == "military-civil-fusion"  # replaces the bundled entry
    assert len(merged) >= len(glossary.load())
    alone = glossary.load(path, bundled=False)
    assert [term.id for term in alone] == ["holistic-approach-to-national-security", "military-civil-fusion"]


def test_lookup_with_a_tbx_glossary(cli, tmp_path: Path) -> None:
    target = tmp_path / "fixture.tbx"
    assert cli("export", "--format", "tbx", "-o", str(target), "--glossary", str(FIXTURE_TERMS)).code == 0
    result = cli("lookup", "--glossary", str(target), "civil-military integration")
    assert result.code == 0 and "军民融合" in result.out


# --- the TOML writer -------------------------------------------------------------------------


@pytest.mark.parametrize("text", ['say "hi"', "back\\slash", "tab\tand\nnewline", "\u007f", "军民融合 “引号”", "'single'"])
def test_toml_strings_read_back_exactly(text: str) -> None:
    import tomllib

    assert tomllib.loads(f"value = {toml_string(text)}")["value"] == text


def test_the_fixture_folder_is_written_back_as_equal_files(tmp_path: Path) -> None:
    folder = read_terms_folder(FIXTURE_TERMS)
    write_terms_folder(folder.concepts, folder.sources, tmp_path / "copy")
    again = read_terms_folder(tmp_path / "copy")
    assert again.concepts == folder.concepts and again.sources == folder.sources
    assert concept_toml(folder.concepts[0]).startswith('schema_version = 1\nid = "dual-circulation"\ncategory = "strategy"\n\n[zh]\n')


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(strategies.documents())
def test_generated_concepts_survive_the_toml_writer(tmp_path_factory: pytest.TempPathFactory, document) -> None:  # noqa: ANN001
    folder = tmp_path_factory.mktemp("terms")
    write_terms_folder(list(document.terms), dict(document.sources), folder / "out")
    read = read_terms_folder(folder / "out")
    assert sorted(read.concepts, key=lambda concept: concept.id) == sorted(document.terms, key=lambda concept: concept.id)
    assert read.sources == document.sources
