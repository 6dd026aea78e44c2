"""The Excel workbook: one row per concept, text cells only, and a lossless round trip."""

from __future__ import annotations

import csv
import io
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings

import strategies
from glossary.errors import DataError, FormatError
from glossary.formats import export, get_format, read_document
from glossary.formats.json import JsonFormat
from glossary.formats.xlsx import SOURCES_SHEET, TERMS_SHEET
from glossary.core.model import Concept, GlossaryDocument, SourceDocument

openpyxl = pytest.importorskip("openpyxl")

CITE = [{"doc": "doc", "locator": "=A1", "quote": "“军民融合”（MCF） =SUM(A1:A2) +1 -1 @x"}]
FORMULA_LIKE = {
    "id": "formula-like",
    "category": "slogan",
    "note": "=1+1",
    "zh": {"hans": "军民融合", "hant": "軍民融合", "pinyin": "jūnmín rónghé", "sources": CITE},
    "en": [
        {"text": "=HYPERLINK(\"http://x\")", "kind": "source", "sources": CITE},
        {"text": "+two establishments", "kind": "literal", "note": "@mention", "sources": CITE},
        {"text": "-minus", "kind": "alternative", "date": "2017-10", "sources": CITE},
        {"text": "@at first", "kind": "deprecated", "sources": CITE},
    ],
    "abbreviations": [{"text": "@TE", "sources": CITE}],
    "first_use": {"date": "1990", "precision": "year", "sources": CITE},
}


def one_concept_glossary(concept: dict) -> object:  # noqa: ANN001
    sources = {"doc": SourceDocument(title="=TITLE()", kind="analysis", date="2021-03")}
    return strategies.glossary(GlossaryDocument(sources=sources, terms=[Concept.model_validate(concept)]))


def cells(data: bytes) -> dict[str, list[list[openpyxl.cell.Cell]]]:
    book = openpyxl.load_workbook(io.BytesIO(data))
    return {sheet.title: [list(row) for row in sheet.iter_rows()] for sheet in book.worksheets}


def test_the_bundled_glossary_round_trips_with_every_field(bundled, tmp_path: Path) -> None:
    path = tmp_path / "terms.xlsx"
    export(bundled, "xlsx", path)
    document = read_document(path)
    assert [concept.model_dump() for concept in document.terms] == [term.to_model().model_dump() for term in bundled]
    assert {key: source.model_dump(exclude_none=True) for key, source in document.sources.items()} == {
        key: {name: value for name, value in source.items() if value is not None} for key, source in bundled.sources.items()
    }
    assert JsonFormat().dump(strategies.glossary(document), None) == JsonFormat().dump(bundled, None)  # type: ignore[arg-type]


def test_one_row_per_concept_under_a_header_and_a_sources_sheet(bundled) -> None:
    sheets = cells(export(bundled, "xlsx"))
    assert list(sheets) == [TERMS_SHEET, SOURCES_SHEET]
    header, *rows = sheets[TERMS_SHEET]
    names = [cell.value for cell in header]
    assert names[:5] == ["ID", "Category", "zh-Hans", "zh-Hant", "Pinyin"]
    assert names.count("en") == max(len(term.en) for term in bundled) and "en Kind" in names and "Abbreviation" in names
    assert [row[0].value for row in rows] == [term.id for term in bundled]
    mcf = next(row for row in rows if row[0].value == "military-civil-fusion")
    english = [cell.value for name, cell in zip(names, mcf) if name == "en" and cell.value]
    assert english == [rendering.text for rendering in bundled.get("military-civil-fusion").en]
    source_header, *source_rows = sheets[SOURCES_SHEET]
    assert [cell.value for cell in source_header][:3] == ["Key", "Title", "Title Original"]
    assert [row[0].value for row in source_rows] == list(bundled.sources)


def test_no_cell_is_ever_a_formula_whatever_it_starts_with() -> None:
    data = export(one_concept_glossary(FORMULA_LIKE), "xlsx")
    sheets = cells(data)
    texts = [cell for rows in sheets.values() for row in rows for cell in row if cell.value is not None]
    assert all(cell.data_type == "s" for cell in texts), [(cell.coordinate, cell.value) for cell in texts if cell.data_type != "s"]
    values = {cell.value for cell in texts}
    assert {"=HYPERLINK(\"http://x\")", "+two establishments", "-minus", "@at first", "@TE", "=1+1", "=TITLE()", "2017-10"} <= values
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        xml = "".join(archive.read(name).decode("utf-8") for name in archive.namelist() if name.startswith("xl/worksheets/"))
    assert "<f>" not in xml and "<f " not in xml


def test_formula_like_values_come_back_unchanged(tmp_path: Path) -> None:
    glossary = one_concept_glossary(FORMULA_LIKE)
    path = tmp_path / "g.xlsx"
    export(glossary, "xlsx", path)
    (concept,) = read_document(path).terms
    assert concept.model_dump() == glossary.get("formula-like").to_model().model_dump()


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(strategies.documents())
def test_generated_glossaries_round_trip_through_xlsx(document) -> None:  # noqa: ANN001
    glossary = strategies.glossary(document)
    back = get_format("xlsx").load(export(glossary, "xlsx"), "generated.xlsx")
    assert [concept.model_dump() for concept in back.terms] == [term.to_model().model_dump() for term in glossary]
    assert JsonFormat().dump(strategies.glossary(back), None) == JsonFormat().dump(glossary, None)  # type: ignore[arg-type]


def test_not_a_workbook_is_a_format_error_naming_the_file(tmp_path: Path) -> None:
    path = tmp_path / "g.xlsx"
    path.write_text("id,zh-Hans,en\n", encoding="utf-8")
    with pytest.raises(FormatError, match="not an Excel workbook") as info:
        read_document(path)
    assert str(path) in str(info.value)


def workbook(rows: list[list[str | None]], title: str = TERMS_SHEET) -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = title
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_bad_workbooks_are_reported_with_file_row_and_field(tmp_path: Path, cli) -> None:
    path = tmp_path / "g.xlsx"
    path.write_bytes(workbook([["ID", "zh-Hans", "en"], ["x", "军民融合", "fusion"]], title="Sheet"))
    with pytest.raises(FormatError, match="no sheet named 'Terms'"):
        read_document(path)
    path.write_bytes(workbook([["Chinese", "English"], ["军民融合", "fusion"]]))
    with pytest.raises(FormatError, match="ID, zh-Hans and en") as info:
        read_document(path)
    assert info.value.line == 1
    path.write_bytes(workbook([["ID", "Category", "zh-Hans", "zh-Hant", "Pinyin", "en", "en Kind", "en Sources"], ["x", "policy", "军民融合", "軍民融合", "jūnmín rónghé", "fusion", "officially", "[]"]]))
    with pytest.raises(DataError) as problems:
        read_document(path)
    assert all(where == f"{path}:2" for where, _ in problems.value.problems)
    assert any("kind" in message for _, message in problems.value.problems)
    result = cli("import", str(path))
    assert result.code == 2 and f"{path}:2" in result.err and "Traceback" not in result.err


def test_export_and_import_from_the_command_line(cli, tmp_path: Path) -> None:
    path = tmp_path / "terms.xlsx"
    assert cli("export", "--format", "xlsx", "-o", str(path)).code == 0
    result = cli("import", str(path))
    assert result.code == 0 and "no problems" in result.err


def _office() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


@pytest.mark.slow
@pytest.mark.skipif(_office() is None, reason="LibreOffice (soffice) is not installed: the workbook was not opened in it")
def test_libreoffice_opens_every_row_and_no_formula(bundled, tmp_path: Path) -> None:
    office = _office()
    assert office is not None
    path = tmp_path / "terms.xlsx"
    export(one_concept_glossary(FORMULA_LIKE), "xlsx", tmp_path / "tricky.xlsx")
    export(bundled, "xlsx", path)
    for name, expected in (("terms", len(bundled)), ("tricky", 1)):
        source = tmp_path / f"{name}.xlsx"
        profile = (tmp_path / "profile").as_uri()
        for target in ("csv:Text - txt - csv (StarCalc):44,34,76", "fods"):
            subprocess.run(
                [office, f"-env:UserInstallation={profile}", "--headless", "--convert-to", target, "--outdir", str(tmp_path / "out"), str(source)],
                check=True, capture_output=True, timeout=180,
            )
        table = list(csv.reader(io.StringIO((tmp_path / "out" / f"{name}.csv").read_text(encoding="utf-8"))))
        assert len(table) == expected + 1
        assert "table:formula" not in (tmp_path / "out" / f"{name}.fods").read_text(encoding="utf-8")
        if name == "tricky":
            assert "=HYPERLINK(\"http://x\")" in table[1] and "@TE" in table[1]
