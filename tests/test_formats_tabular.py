"""The tab- and comma-separated profiles: OmegaT, memoQ, Trados, Excel CSV; reading translators' tables."""

from __future__ import annotations

import codecs
import csv
import io
import unicodedata
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings

import strategies
from glossary.errors import DataError, FormatError
from glossary.formats import ExportOptions, export, get_format, read_document
from glossary.formats._tabular import guard, unguard


def lines(data: bytes) -> list[str]:
    return data.decode("utf-8-sig").split("\n")[:-1]


# --- OmegaT ------------------------------------------------------------------------


def test_omegat_rows_are_source_target_comment_with_no_header_entry(fixture_glossary) -> None:
    rows = lines(export(fixture_glossary, "omegat"))
    assert rows[0] == "# zh-Hans\ten\tcomment"  # a comment to OmegaT, the languages to importers
    body = [row.split("\t") for row in rows[1:]]
    assert all(len(row) == 3 and all(cell == cell.strip() and cell for cell in row) for row in body)
    assert ["军民融合", "civil-military integration", "official · jūnmín rónghé · military-civil-fusion"] in body
    assert ["军民融合", "MCF", "abbreviation · jūnmín rónghé · military-civil-fusion"] in body
    assert not any(row[0].startswith("#") for row in body)


def test_omegat_is_utf8_nfc_without_bom(fixture_glossary) -> None:
    data = export(fixture_glossary, "omegat")
    assert not data.startswith(codecs.BOM_UTF8)
    text = data.decode("utf-8")
    assert unicodedata.is_normalized("NFC", text) and "\r" not in text


def test_omegat_traditional_and_reverse_direction(fixture_glossary) -> None:
    traditional = [row.split("\t") for row in lines(export(fixture_glossary, "omegat", options=ExportOptions(script="hant")))]
    assert traditional[0][0] == "# zh-Hant"
    sources = {row[0] for row in traditional[1:]}
    assert {"軍民融合", "雙循環", "雙迴圈"} <= sources and "军民融合" not in sources
    reverse = [row.split("\t") for row in lines(export(fixture_glossary, "omegat", options=ExportOptions(direction="en-zh")))]
    assert reverse[0][:2] == ["# en", "zh-Hans"]
    assert ["MCF", "军民融合", "abbreviation · jūnmín rónghé · military-civil-fusion"] in reverse


def _deprecated_glossary():  # noqa: ANN202
    from glossary.core.model import Concept, GlossaryDocument, SourceDocument

    cite = [{"doc": "d", "locator": "p. 1", "quote": "q"}]
    concept = Concept.model_validate(
        {
            "id": "sample",
            "category": "concept",
            "zh": {"hans": "#军民", "hant": "軍民", "pinyin": "jūnmín", "sources": cite},
            "en": [
                {"text": "=SUM(A1)", "kind": "source", "sources": cite},
                {"text": "old name", "kind": "deprecated", "sources": cite},
                {"text": "@home", "kind": "alternative", "sources": cite},
            ],
        }
    )
    return strategies.glossary(GlossaryDocument(sources={"d": SourceDocument(title="t", kind="analysis")}, terms=[concept]))


def test_omegat_leaves_out_deprecated_targets_and_sources_starting_with_a_hash() -> None:
    glossary = _deprecated_glossary()
    zh_en = [row.split("\t") for row in lines(export(glossary, "omegat"))[1:]]
    assert zh_en == []  # the only Chinese form starts with '#': OmegaT would skip the line
    en_zh = [row.split("\t")[:2] for row in lines(export(glossary, "omegat", options=ExportOptions(direction="en-zh")))[1:]]
    assert en_zh == [["=SUM(A1)", "#军民"], ["old name", "#军民"], ["@home", "#军民"]]  # no formula guard for OmegaT


# --- memoQ and Trados ------------------------------------------------------------------


def test_memoq_has_language_named_columns_synonym_columns_and_forbidden_columns(fixture_glossary) -> None:
    rows = [row.split("\t") for row in lines(export(fixture_glossary, "memoq"))]
    header = rows[0]
    assert header[0] == "Chinese (PRC)" and "Chinese (Taiwan)" in header and header[-1] == "Entry_Note"
    assert header.count("English") == 3  # the most any concept has: two renderings and MCF
    row = next(row for row in rows if row[0] == "军民融合")
    english = [cell for name, cell in zip(header, row) if name == "English" and cell]
    assert english == ["military-civil fusion", "civil-military integration", "MCF"]
    assert row[-1] == "strategy · jūnmín rónghé · military-civil-fusion"
    assert all(len(row) == len(header) for row in rows)


def test_memoq_puts_deprecated_renderings_in_forbidden_columns() -> None:
    rows = [row.split("\t") for row in lines(export(_deprecated_glossary(), "memoq"))]
    header, row = rows
    assert dict(zip(header, row))["English (forbidden)"] == "old name"
    assert "=SUM(A1)" in row  # CAT TSVs stay unguarded


def test_trados_has_one_row_per_english_term_with_status_and_kind(fixture_glossary) -> None:
    rows = [row.split("\t") for row in lines(export(fixture_glossary, "trados"))]
    assert rows[0] == ["Chinese (PRC)", "Chinese (Taiwan)", "English", "Status", "Kind", "Note"]
    mcf = [row for row in rows if row[0] == "军民融合"]
    assert [row[2:5] for row in mcf] == [
        ["military-civil fusion", "admitted", "source"],
        ["civil-military integration", "preferred", "official"],
        ["MCF", "admitted", "abbreviation"],
    ]
    deprecated = [row.split("\t") for row in lines(export(_deprecated_glossary(), "trados"))]
    assert ["old name", "forbidden", "deprecated"] in [row[2:5] for row in deprecated]


def test_memoq_and_trados_files_carry_a_bom_for_encoding_detection(fixture_glossary) -> None:
    for name in ("memoq", "trados"):
        assert export(fixture_glossary, name).startswith(codecs.BOM_UTF8)


# --- Excel CSV ---------------------------------------------------------------------------


def test_csv_is_excel_ready_bom_crlf_quoting_and_guarded_formulas() -> None:
    data = export(_deprecated_glossary(), "csv")
    assert data.startswith(codecs.BOM_UTF8)
    text = data.decode("utf-8-sig")
    assert text.count("\r\n") == text.count("\n") == 4
    rows = list(csv.reader(io.StringIO(text, newline="")))
    assert rows[0] == ["id", "zh-Hans", "zh-Hant", "pinyin", "en", "kind", "category", "note"]
    assert [row[4] for row in rows[1:]] == ["'=SUM(A1)", "old name", "'@home"]
    assert {row[1] for row in rows[1:]} == {"#军民"}


@pytest.mark.parametrize("cell", ["=1+1", "+1", "-1", "@SUM(1)", "\tx", "\rx", "'quoted", "''", "plain", "a=b", "'", "军民"])
def test_the_formula_guard_is_undone_exactly(cell: str) -> None:
    guarded = guard(cell)
    assert not guarded.startswith(("=", "+", "-", "@", "\t", "\r"))
    assert unguard(guarded) == cell


def test_a_leading_apostrophe_in_a_foreign_csv_stays() -> None:
    assert unguard("'s-Hertogenbosch") == "'s-Hertogenbosch"


# --- round trips -------------------------------------------------------------------------


def pairs(name: str, data: bytes) -> set[tuple[str, ...]]:
    """The term pairs a profile holds, without kinds and comments."""
    rows = [row.split("\t") for row in lines(data)] if name != "csv" else list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    if name == "omegat":
        return {(row[0], row[1]) for row in rows[1:]}
    if name == "trados":
        return {(row[0], row[1], row[2], str(row[3] == "forbidden")) for row in rows[1:]}
    if name == "csv":
        return {(row[0], row[1], row[2], row[4], str(row[5] in ("deprecated", "erroneous abbreviation"))) for row in rows[1:]}
    header = rows[0]
    return {(row[-1].rsplit(" · ", 1)[-1], column, cell) for row in rows[1:] for column, cell in zip(header, row) if cell and column != "Entry_Note"}


PROFILES = [
    ("omegat", ExportOptions(), "x.utf8"),
    ("omegat", ExportOptions(script="hant"), "x.utf8"),
    ("omegat", ExportOptions(direction="en-zh"), "x.utf8"),
    ("memoq", ExportOptions(), "x.tsv"),
    ("trados", ExportOptions(), "x.txt"),
    ("csv", ExportOptions(), "x.csv"),
]


@pytest.mark.parametrize(("name", "options", "file_name"), PROFILES)
def test_export_import_export_keeps_every_term_pair(fixture_glossary, bundled, tmp_path: Path, name: str, options: ExportOptions, file_name: str) -> None:
    for glossary in (fixture_glossary, bundled):
        first = export(glossary, name, options=options)
        path = tmp_path / file_name
        path.write_bytes(first)
        document = read_document(path, name)
        assert {concept.id for concept in document.terms} == {term.id for term in glossary}
        second = export(strategies.glossary(document), name, options=options)
        assert pairs(name, second) == pairs(name, first)


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(strategies.documents(max_terms=3))
def test_generated_glossaries_keep_every_term_pair_in_every_profile(document) -> None:  # noqa: ANN001
    glossary = strategies.glossary(document)
    for name, options, file_name in PROFILES:
        first = export(glossary, name, options=options)
        if len(lines(first)) <= 1 and name != "csv":
            continue  # nothing but the header: an empty profile imports as an empty glossary (tested elsewhere)
        back = get_format(name).load(first, file_name)
        second = export(strategies.glossary(back), name, options=options)
        assert pairs(name, second) == pairs(name, first), name


# --- reading translators' tables -------------------------------------------------------------


def test_a_plain_two_column_file_is_read_and_completed(tmp_path: Path) -> None:
    path = tmp_path / "my terms.txt"
    path.write_text("军民融合\tmilitary-civil fusion\n军民融合\tMCF fusion\t a comment \n\n双循环\tdual circulation\n", encoding="utf-8")
    document = read_document(path)
    first, second = document.terms
    assert (first.id, first.zh.hant, first.zh.pinyin) == ("military-civil-fusion", "軍民融合", "jūn mín róng hé")
    assert [(rendering.text, rendering.kind, rendering.note) for rendering in first.en] == [
        ("military-civil fusion", "source", None),
        ("MCF fusion", "source", "a comment"),
    ]
    assert first.en[1].sources[0].locator == "line 2" and first.en[1].sources[0].quote == "军民融合 | MCF fusion | a comment"
    assert document.sources["file-my-terms-txt"].kind == "reference" and document.sources["file-my-terms-txt"].title == "my terms.txt"
    assert second.id == "dual-circulation"


def test_english_first_columns_and_duplicate_slugs(tmp_path: Path) -> None:
    path = tmp_path / "g.tsv"
    path.write_text("strategy\t战略\nstrategy\t策略\n", encoding="utf-8")
    assert [concept.id for concept in read_document(path).terms] == ["strategy", "strategy-2"]


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16"])
def test_encodings_translators_send_are_read(tmp_path: Path, encoding: str) -> None:
    path = tmp_path / "g.txt"
    path.write_bytes("English\tChinese (PRC)\r\nmilitary-civil fusion\t军民融合\r\n".encode(encoding))
    (concept,) = read_document(path).terms
    assert (concept.zh.hans, concept.en[0].text) == ("军民融合", "military-civil fusion")


def test_a_legacy_encoding_is_a_format_error_naming_file_and_line(tmp_path: Path) -> None:
    path = tmp_path / "gbk.txt"
    path.write_bytes("ok\tfine\n军民融合\tmilitary-civil fusion\n".encode("gbk"))
    with pytest.raises(FormatError) as info:
        read_document(path)
    assert (info.value.path, info.value.line) == (str(path), 2) and "not UTF-8" in info.value.message


def test_utf16_without_bom_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "u16.txt"
    path.write_bytes("军民融合\tmilitary-civil fusion\n".encode("utf-16-le"))
    with pytest.raises(FormatError, match="UTF-16 without a byte-order mark|not UTF-8"):
        read_document(path)


def test_csv_with_semicolons_quoted_newlines_and_tabs(tmp_path: Path) -> None:
    path = tmp_path / "excel.csv"
    path.write_bytes('zh-Hans;en;note\r\n军民融合;"military-civil\r\nfusion";"a\tnote"\r\n'.encode("utf-8-sig"))
    (concept,) = read_document(path).terms
    assert (concept.en[0].text, concept.en[0].note) == ("military-civil fusion", "a note")
    assert concept.en[0].sources[0].locator == "line 2"


def test_bad_rows_are_all_reported_with_their_lines(tmp_path: Path) -> None:
    path = tmp_path / "bad.tsv"
    path.write_text("军民融合\tmilitary-civil fusion\nonly one column\nfoo\tbar\n双循环\t\n", encoding="utf-8")
    with pytest.raises(DataError) as info:
        read_document(path)
    assert [where for where, _ in info.value.problems] == [f"{path}:2", f"{path}:3", f"{path}:4"]


def test_a_header_without_both_languages_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "h.csv"
    path.write_text("id,en,note\nx,y,z\n", encoding="utf-8")
    with pytest.raises(FormatError, match="Chinese and an English column"):
        read_document(path)


def test_an_official_rendering_read_from_a_file_becomes_source_with_a_note(tmp_path: Path) -> None:
    path = tmp_path / "o.csv"
    path.write_text("zh-Hans,en,kind\n总体国家安全观,holistic view of national security,official\n", encoding="utf-8")
    (concept,) = read_document(path).terms
    assert (concept.en[0].kind, concept.en[0].note) == ("source", "Marked official in the imported file.")


def test_a_simplified_column_repeating_the_traditional_form_adds_no_variant(tmp_path: Path) -> None:
    # memoQ rows list forms per language column without kinds: a form in both the PRC and
    # the Taiwan column is the traditional form, not also a variant of itself
    path = tmp_path / "memoq.txt"
    path.write_text("Chinese (PRC)\tChinese (PRC)\tChinese (Taiwan)\tEnglish\n军民融合\t軍民融合\t軍民融合\tmilitary-civil fusion\n", encoding="utf-8")
    (concept,) = read_document(path, "memoq").terms
    assert (concept.zh.hans, concept.zh.hant, concept.zh.variants) == ("军民融合", "軍民融合", [])
