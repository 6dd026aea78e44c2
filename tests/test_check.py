"""Glossary.check and the scan / check / count commands: findings, output formats, exit codes, bad input."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import FIXTURE_TERMS, ROOT, CliResult

import glossary
from glossary.analysis.corpus import date_of, find_date
from glossary.analysis.glossary import Glossary
from glossary.core.progress import Progress

EXTRA_TERMS = ROOT / "tests" / "data" / "extra-terms"


@pytest.fixture(scope="session")
def terms_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fixture terms plus a concept with literal, deprecated and erroneous forms."""
    folder = tmp_path_factory.mktemp("check") / "terms"
    shutil.copytree(FIXTURE_TERMS, folder)
    for path in EXTRA_TERMS.glob("*.toml"):
        shutil.copy(path, folder)
    return folder


@pytest.fixture(scope="session")
def checked(terms_folder: Path) -> Glossary:
    return glossary.load(terms_folder, bundled=False)


# --- Glossary.check ---------------------------------------------------------------------


def test_a_good_translation_has_no_findings(checked: Glossary) -> None:
    source = "坚持总体国家安全观，推进军民融合和双循环。"
    assert checked.check(source, "Uphold the holistic approach to national security, advance military-civil fusion and dual circulation.") == []
    assert checked.check(source, "Uphold the HNSO, advance MCF and Dual Circulation.") == []


def test_a_missing_rendering_is_found_with_its_span_and_expected_forms(checked: Glossary) -> None:
    source = "推进军民融合，军民融合。"
    (finding,) = checked.check(source, "Advance the civil integration of the army.")
    assert finding.problem == "missing" and finding.term.id == "military-civil-fusion"
    assert finding.source_span == (2, 6) and source[2:6] == finding.source_text and finding.count == 2
    assert finding.expected == ("civil-military integration", "military-civil fusion", "MCF")
    assert finding.direction == "zh-en" and finding.target_span is None
    assert "expected civil-military integration" in finding.message


def test_a_literal_gloss_and_a_deprecated_rendering_are_findings(checked: Glossary) -> None:
    (literal,) = checked.check("总体国家安全观", "the overall national security view")
    assert literal.problem == "literal" and literal.target_text == "overall national security view" and literal.target_span == (4, 34)
    (deprecated,) = checked.check("总体国家安全观", "the comprehensive national security concept")
    assert deprecated.problem == "deprecated"
    (erroneous,) = checked.check("总体国家安全观", "the HSNO, that is the holistic approach to national security")
    assert erroneous.problem == "deprecated" and erroneous.target_text == "HSNO"
    assert erroneous.to_dict()["target"] == {"start": 4, "end": 8, "text": "HSNO"}


def test_the_reverse_direction_wants_chinese_forms(checked: Glossary) -> None:
    assert checked.check("dual circulation and MCF", "双循环和军民融合") == []
    assert checked.check("dual circulation and MCF", "雙循環和MCF") == []
    (finding,) = checked.check("dual circulation", "国内国际循环")
    assert finding.direction == "en-zh" and finding.expected == ("双循环", "雙循環")
    (forced,) = checked.check("双循环", "double cycle", direction="zh-en")
    assert forced.problem == "missing"
    with pytest.raises(ValueError):
        checked.check("a", "b", direction="zh-fr")


def test_deprecated_forms_of_concepts_absent_from_the_source_are_not_reported(checked: Glossary) -> None:
    assert checked.check("双循环", "dual circulation, not a comprehensive national security concept") == []


def test_finding_to_dict_is_json(checked: Glossary) -> None:
    (finding,) = checked.check("推进双循环", "advance the economy")
    data = json.loads(json.dumps(finding.to_dict(), ensure_ascii=False))
    assert data["id"] == "dual-circulation" and data["source"] == {"start": 2, "end": 5, "text": "双循环", "count": 1}


# --- the commands -------------------------------------------------------------------------

Cli = Callable[..., CliResult]


def test_scan_prints_counts_and_positions(cli: Cli, tmp_path: Path, terms_folder: Path) -> None:
    text = tmp_path / "doc.txt"
    text.write_text("坚持军民融合。\nMCF 与双循环，军民融合", encoding="utf-8")
    result = cli("scan", str(text), "--glossary", str(terms_folder))
    assert result.code == 0, result.err
    assert "    3  军民融合" in result.out and "at 1:3, 2:1, 2:10" in result.out
    tsv = cli("scan", str(text), "--format", "tsv")
    assert tsv.out.splitlines()[0] == "id\tstart\tend\tline\tcolumn\tsurface\tkind"
    assert "military-civil-fusion\t8\t11\t2\t1\tMCF\tabbreviation" in tsv.out.splitlines()
    data = json.loads(cli("scan", str(text), "--json").out)
    assert data["hits"] == 4 and data["terms"][0]["id"] == "military-civil-fusion" and data["terms"][0]["count"] == 3


def test_scan_exit_codes(cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_text("nothing here\n", encoding="utf-8")
    assert cli("scan", str(empty)).code == 1
    bad = tmp_path / "latin1.txt"
    bad.write_bytes("caf\xe9\n".encode("latin-1"))
    result = cli("scan", str(bad))
    assert result.code == 2 and "latin1.txt:1" in result.err and "not UTF-8" in result.err and result.out == ""
    missing = cli("scan", str(tmp_path / "absent.txt"))
    assert missing.code == 2 and "absent.txt" in missing.err and "Traceback" not in missing.err
    assert cli("scan").code == 2


def test_check_reports_findings_per_line(cli: Cli, tmp_path: Path, terms_folder: Path) -> None:
    pairs = tmp_path / "pairs.tsv"
    pairs.write_text("坚持军民融合\tuphold military-civil fusion\n\n推进双循环\tpush the double cycle\n", encoding="utf-8")
    result = cli("check", str(pairs), "--glossary", str(terms_folder))
    assert result.code == 1
    assert result.out == f"{pairs}:3: missing: dual-circulation: 双循环 is not rendered; expected dual circulation\n"
    data = json.loads(cli("check", str(pairs), "--json").out)
    assert data["lines"] == 2 and [finding["line"] for finding in data["findings"]] == [3]
    tsv = cli("check", str(pairs), "--format", "tsv").out.splitlines()
    assert tsv[1].split("\t")[:3] == ["3", "dual-circulation", "missing"]
    good = tmp_path / "good.tsv"
    good.write_text("坚持军民融合\tuphold MCF\n", encoding="utf-8")
    assert cli("check", str(good)).code == 0


def test_check_rejects_bad_lines_naming_each(cli: Cli, tmp_path: Path) -> None:
    pairs = tmp_path / "bad.tsv"
    pairs.write_text("军民融合\tMCF\nno tab here\na\tb\tc\n\tempty source\n", encoding="utf-8")
    result = cli("check", str(pairs))
    assert result.code == 2 and result.out == ""
    assert f"{pairs}:2: expected source<TAB>target, found no tab" in result.err
    assert f"{pairs}:3: expected source<TAB>target, found 2 tabs" in result.err
    assert f"{pairs}:4: empty source" in result.err


@pytest.fixture()
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "corpus"
    (folder / "2019").mkdir(parents=True)
    (folder / "rmrb-2017-10-18.txt").write_text("一体化国家战略体系。一体化国家战略体系", encoding="utf-8")
    (folder / "2019" / "a.txt").write_text("2019年3月1日 新华社\n军民融合与一体化国家战略体系", encoding="utf-8")
    (folder / "20210309.txt").write_text("MCF, MCF and INSS", encoding="utf-8")
    (folder / "undated.txt").write_text("军民融合", encoding="utf-8")
    (folder / ".hidden-2020.txt").write_text("军民融合", encoding="utf-8")
    return folder


def test_count_by_year(cli: Cli, corpus: Path) -> None:
    result = cli("count", str(corpus), "--by", "year")
    assert result.code == 0
    lines = result.out.splitlines()
    assert lines[0] == "occurrences per year"
    assert lines[1].split() == ["2017", "2018", "2019", "2020", "2021", "total", "term"]
    assert lines[2].split()[:6] == ["2", "0", "1", "0", "1", "4"] and "(integrated-national-strategic-system)" in lines[2]
    assert lines[3].split()[:6] == ["0", "0", "1", "0", "2", "3"]
    assert "undated.txt: no date" in result.err and ".hidden" not in result.err
    data = json.loads(cli("count", str(corpus), "--documents", "--json").out)
    assert data["unit"] == "documents" and data["files"] == {"2017": 1, "2019": 1, "2021": 1}
    assert data["terms"][0]["counts"] == {"2017": 1, "2018": 0, "2019": 1, "2020": 0, "2021": 1}


def test_count_draws_an_svg_chart(cli: Cli, corpus: Path, tmp_path: Path) -> None:
    svg = tmp_path / "chart.svg"
    result = cli("count", str(corpus), "--term", "INSS", "--documents", "-o", str(svg))
    assert result.code == 0, result.err
    drawn = svg.read_text(encoding="utf-8")
    assert drawn.startswith("<?xml") and "<svg" in drawn and "一体化国家战略体系" in drawn and drawn.count("<rect") >= 4


def test_count_bad_input(cli: Cli, corpus: Path, tmp_path: Path) -> None:
    assert cli("count", str(corpus), "-o", str(tmp_path / "chart.gif")).code == 2
    assert cli("count", str(corpus), "--term", "no such term at all").code == 2
    assert cli("count", str(tmp_path / "absent")).code == 2
    undated = tmp_path / "undated"
    undated.mkdir()
    (undated / "notes.txt").write_text("军民融合", encoding="utf-8")
    result = cli("count", str(undated))
    assert result.code == 2 and "no dated text file" in result.err
    assert not (tmp_path / "chart.gif").exists()


def test_count_with_no_term_found_exits_1(cli: Cli, tmp_path: Path) -> None:
    folder = tmp_path / "plain"
    folder.mkdir()
    (folder / "2020.txt").write_text("nothing", encoding="utf-8")
    assert cli("count", str(folder)).code == 1


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("rmrb-2023-03-09", "2023-03-09"),
        ("20230309", "2023-03-09"),
        ("xinhua_2019", "2019"),
        ("2023年3月9日 人民日报", "2023-03-09"),
        ("Date: 2023/3", "2023-03"),
        ("2023-13-01", "2023"),
        ("issue 12345", None),
        ("", None),
    ],
)
def test_dates_in_names_and_first_lines(text: str, date: str | None) -> None:
    assert find_date(text) == date


def test_the_file_name_wins_over_the_first_line() -> None:
    assert date_of(Path("2020-01-02.txt"), "2019年\n") == "2020-01-02"
    assert date_of(Path("notes.txt"), "\n\n2019年5月 社论\n") == "2019-05"


def test_progress_is_drawn_only_on_a_terminal_after_a_delay() -> None:
    import io

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    quiet = io.StringIO()
    with Progress(10, "files", stream=quiet, delay=0) as bar:
        for _ in range(10):
            bar.advance()
    assert quiet.getvalue() == ""
    screen = Terminal()
    with Progress(10, "files", stream=screen, delay=0) as bar:
        bar.advance(5)
    assert "files [" in screen.getvalue() and "5/10" in screen.getvalue() and screen.getvalue().endswith("\r\x1b[K")
    slow = Terminal()
    with Progress(10, "files", stream=slow, delay=60) as bar:
        bar.advance()
    assert slow.getvalue() == ""
