"""One line per query: ``glossary lookup -``, ``--from FILE`` and ``--short``."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT
from test_lightness import heavy, imported_after

FIXTURE = str(ROOT / "tests" / "data" / "terms")


def stdin_of(monkeypatch: pytest.MonkeyPatch, data: bytes) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data), encoding="utf-8"))


def test_short_prints_the_one_line_answer(cli) -> None:
    result = cli("lookup", "--short", "MCF")
    assert result.code == 0
    assert result.out.count("\n") == 1
    line = result.out.rstrip("\n")
    assert line.startswith("MCF  [military-civil-fusion]  军民融合  jūnmín rónghé  ")
    assert line.endswith("(MCF)")


def test_short_of_a_word_not_found_suggests_and_exits_1(cli) -> None:
    result = cli("lookup", "--short", "军民融", "--glossary", FIXTURE)
    assert result.code == 1
    assert result.out.startswith("军民融  -  not found; did you mean 军民融合")
    assert "1 of 1 queries found nothing" in result.err


def test_stdin_gives_one_line_per_query_in_order_and_skips_blank_lines(cli, monkeypatch: pytest.MonkeyPatch) -> None:
    stdin_of(monkeypatch, "\ufeff军民融合\r\n\n  INSS \n雙循環\n".encode())
    result = cli("lookup", "-")
    assert result.code == 0, result.err
    lines = result.out.splitlines()
    assert [line.split("  ")[0] for line in lines] == ["军民融合", "INSS", "雙循環"]
    assert "[integrated-national-strategic-system]" in lines[1]


def test_from_file_as_tsv_has_a_header_and_the_columns(cli, tmp_path: Path) -> None:
    queries = tmp_path / "queries.txt"
    queries.write_text("軍民融合\nnothing of the kind\n", encoding="utf-8")
    result = cli("lookup", "--from", str(queries), "--format", "tsv")
    assert result.code == 1
    header, found, missing = result.out.splitlines()
    assert header.split("\t") == ["query", "id", "hans", "pinyin", "en", "abbreviations", "suggestion"]
    cells = found.split("\t")
    assert cells[:4] == ["軍民融合", "military-civil-fusion", "军民融合", "jūnmín rónghé"]
    assert "MCF" in cells[5].split("; ") and cells[6] == ""
    assert missing.split("\t")[:2] == ["nothing of the kind", ""]


def test_json_lines_one_object_per_query(cli, monkeypatch: pytest.MonkeyPatch) -> None:
    stdin_of(monkeypatch, "dual circulation\n军民融\n".encode())
    result = cli("lookup", "-", "--json", "--glossary", FIXTURE)
    assert result.code == 1
    first, second = (json.loads(line) for line in result.out.splitlines())
    assert first["found"] and first["id"] == "dual-circulation" and first["en"]
    assert isinstance(first["abbreviations"], list)
    assert not second["found"] and second["id"] is None
    assert second["suggestion"]["id"] == "military-civil-fusion"


def test_the_preferred_english_is_the_official_one(cli, bundled) -> None:
    term = next(term for term in bundled if any(rendering.kind == "official" for rendering in term.en))
    official = next(rendering.text for rendering in term.en if rendering.kind == "official")
    result = cli("lookup", "--short", "--format", "tsv", term.zh.hans)
    assert result.out.splitlines()[1].split("\t")[4] == official


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"\xe5\x86\x9b\xe6\xb0\x91\n\xff\xfeabc\n", "queries.txt:2: not UTF-8 text (byte 0xff at column 1)"),
        (b"MCF\nINSS\nab\x00cd\n", "queries.txt:3: holds a NUL character"),
    ],
)
def test_undecodable_input_names_file_and_line_and_exits_2(cli, tmp_path: Path, data: bytes, expected: str) -> None:
    queries = tmp_path / "queries.txt"
    queries.write_bytes(data)
    result = cli("lookup", "--from", str(queries))
    assert result.code == 2 and result.out == ""
    assert expected in result.err and "Traceback" not in result.err


def test_an_unreadable_file_or_mixed_queries_exit_2(cli, tmp_path: Path) -> None:
    result = cli("lookup", "--from", str(tmp_path / "absent.txt"))
    assert result.code == 2 and "absent.txt: no such file" in result.err
    result = cli("lookup", "--from", str(tmp_path), "MCF")
    assert result.code == 2
    result = cli("lookup", "--short", "  ")
    assert result.code == 2 and "empty" in result.err


def test_an_empty_list_finds_everything_it_asked_for(cli, monkeypatch: pytest.MonkeyPatch) -> None:
    stdin_of(monkeypatch, b"\n\n")
    result = cli("lookup", "-", "--format", "tsv")
    assert result.code == 0 and result.out.splitlines() == ["query\tid\thans\tpinyin\ten\tabbreviations\tsuggestion"]


def test_a_pipe_into_the_installed_command() -> None:
    process = subprocess.run(
        [sys.executable, "-m", "glossary", "lookup", "-", "--format", "tsv"], input="MCF\n军民融合\n".encode(), capture_output=True, cwd=ROOT, check=False
    )
    assert process.returncode == 0, process.stderr
    assert [line.split(b"\t")[1] for line in process.stdout.splitlines()[1:]] == [b"military-civil-fusion"] * 2


def test_a_batch_imports_nothing_heavy(tmp_path: Path) -> None:
    queries = tmp_path / "queries.txt"
    queries.write_text("军民融合\nMCF\nINSS\njunmin ronghe\n", encoding="utf-8")
    code = f"import io\nsys.stdout = io.StringIO()\nfrom glossary.cli import main\nmain(['lookup', '--from', {str(queries)!r}, '--format', 'tsv'])\nmain(['lookup', '--short', 'MCF'])\nsys.stdout = sys.__stdout__"
    assert heavy(imported_after(code)) == set()
