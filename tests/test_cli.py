"""The command line: exit codes, cards, JSON, validate and export."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from conftest import FIXTURE_TERMS, ROOT

import glossary


def test_version(cli) -> None:
    result = cli("--version")
    assert (result.code, result.out.strip()) == (0, f"glossary {glossary.__version__}")


def test_no_arguments_is_a_usage_error_and_help_lists_commands(cli) -> None:
    assert cli().code == 2
    result = cli("--help")
    assert result.code == 0 and "lookup" in result.out and "validate" in result.out


def test_an_unknown_command_or_option_exits_2(cli) -> None:
    assert cli("frobnicate").code == 2
    result = cli("lookup", "--frobnicate", "x")
    assert result.code == 2 and "unrecognized arguments" in result.err


def test_lookup_prints_a_card(cli) -> None:
    result = cli("lookup", "军民融合")
    assert result.code == 0
    for expected in ("军民融合", "軍民融合", "jūnmín rónghé", "jun1min2 rong2he2", "military-civil fusion", "MCF", "Sources", "Strategy 4"):
        assert expected in result.out
    assert result.err == ""


def test_lookup_joins_several_words(cli) -> None:
    assert "军民融合" in cli("lookup", "military", "civil", "fusion").out


def test_lookup_of_nothing_exits_1_with_a_message(cli) -> None:
    result = cli("lookup", "no such term")
    assert result.code == 1 and result.out == "" and "no term matches 'no such term'" in result.err


def test_lookup_json_is_the_contract(cli) -> None:
    result = cli("lookup", "--json", "HNSO")
    document = json.loads(result.out)
    assert result.code == 0
    assert (document["format"], document["version"]) == ("glossary", 1)
    (term,) = document["terms"]
    assert term["id"] == "holistic-national-security-outlook" and term["zh"]["hans"] == "总体国家安全观"
    assert document["matches"][0]["kind"] == "abbreviation"
    cited = {citation["doc"] for rendering in term["en"] for citation in rendering["sources"]}
    assert cited <= set(document["sources"])


def test_lookup_in_a_user_glossary(cli) -> None:
    result = cli("lookup", "--glossary", str(FIXTURE_TERMS), "civil-military integration")
    assert result.code == 0 and "civil-military integration" in result.out


def test_lookup_with_a_broken_user_glossary_exits_2(cli, terms_copy: Path) -> None:
    (terms_copy / "dual-circulation.toml").write_text("id = 'dual-circulation'\n")
    result = cli("lookup", "--glossary", str(terms_copy), "MCF")
    assert result.code == 2 and "dual-circulation.toml" in result.err and "Traceback" not in result.err


def test_validate_a_good_folder_exits_0(cli) -> None:
    result = cli("validate", str(FIXTURE_TERMS))
    assert result.code == 0 and "no problems" in result.err


def test_validate_the_bundled_terms_exits_0(cli) -> None:
    result = cli("validate")
    assert result.code == 0, result.out


def test_validate_reports_file_and_field_and_exits_1(cli, terms_copy: Path) -> None:
    path = terms_copy / "integrated-national-strategic-system.toml"
    path.write_text(path.read_text().replace('target = "military-civil-fusion"', 'target = "nowhere"'))
    result = cli("validate", str(terms_copy))
    assert result.code == 1
    assert "integrated-national-strategic-system.toml:" in result.out and "relations[0].target" in result.out


def test_validate_of_a_missing_folder_exits_2(cli, tmp_path: Path) -> None:
    assert cli("validate", str(tmp_path / "absent")).code == 2


def test_export_json_to_stdout_and_to_a_file(cli, tmp_path: Path) -> None:
    result = cli("export", "--format", "json")
    document = json.loads(result.out)
    assert result.code == 0 and len(document["terms"]) == len(glossary.load())
    target = tmp_path / "out.json"
    assert cli("export", "--format", "json", "-o", str(target)).code == 0
    assert json.loads(target.read_text(encoding="utf-8")) == document
    assert [path.name for path in tmp_path.iterdir()] == ["out.json"]  # no temporary file left


def test_export_to_an_unwritable_place_exits_2_and_writes_nothing(cli, tmp_path: Path) -> None:
    result = cli("export", "--format", "json", "-o", str(tmp_path / "missing-dir" / "out.json"))
    assert result.code == 2 and "Traceback" not in result.err
    assert list(tmp_path.iterdir()) == []


def test_python_dash_m_runs_the_cli() -> None:
    process = subprocess.run([sys.executable, "-m", "glossary", "lookup", "MCF"], capture_output=True, text=True, cwd=ROOT)
    assert process.returncode == 0 and "军民融合" in process.stdout


def test_exported_files_get_the_usual_permissions(cli, tmp_path: Path) -> None:
    import os
    import stat

    target = tmp_path / "out.json"
    assert cli("export", "--format", "json", "-o", str(target)).code == 0
    umask = os.umask(0)
    os.umask(umask)
    assert stat.S_IMODE(target.stat().st_mode) == 0o666 & ~umask
