"""What every exchange format promises: empty glossaries, CJK, formula-like cells, one-line fields, bad files."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import strategies
from glossary.errors import DataError, FormatError, InputError, UnknownFormatError
from glossary.formats import ExportOptions, export, format_for_path, get_format, names, read_document
from glossary.core.model import Concept, GlossaryDocument, SourceDocument

FILE_NAMES = {
    "json": "g.json",
    "tbx": "g.tbx",
    "tbx2": "g.tbx",
    "omegat": "g.utf8",
    "memoq": "g.tsv",
    "trados": "g.txt",
    "csv": "g.csv",
    "xlsx": "g.xlsx",
}
TABULAR = ("omegat", "memoq", "trados", "csv")


def test_every_readable_format_has_a_file_name_here() -> None:
    assert {name for name in names() if get_format(name).can_read} == set(FILE_NAMES)


def _glossary(*concepts: dict) -> object:  # noqa: ANN001
    sources = {"doc": SourceDocument(title="“引号” & <tags>", kind="analysis")}
    return strategies.glossary(GlossaryDocument(sources=sources, terms=[Concept.model_validate(concept) for concept in concepts]))


CITE = [{"doc": "doc", "locator": "第3页, p. 3", "quote": "“军民融合”（MCF）"}]
TRICKY = {
    "id": "tricky",
    "category": "slogan",
    "note": "A note with “quotes”, commas; and <angle> & ampersands.",
    "zh": {"hans": "新时代“两个确立”", "hant": "新時代「兩個確立」", "pinyin": "xīn shídài liǎng gè quèlì", "sources": CITE},
    "en": [
        {"text": "=HYPERLINK(\"http://x\")", "kind": "source", "sources": CITE},
        {"text": "+two establishments", "kind": "literal", "sources": CITE},
        {"text": "-minus, \"quoted\"; semi", "kind": "alternative", "note": "@mention", "sources": CITE},
        {"text": "'apostrophe first", "kind": "deprecated", "sources": CITE},
    ],
    "abbreviations": [{"text": "@TE", "sources": CITE}],
}


@pytest.mark.parametrize("name", sorted(FILE_NAMES))
def test_an_empty_glossary_exports_and_imports_as_empty(name: str, tmp_path: Path) -> None:
    data = export(_glossary(), name)
    path = tmp_path / FILE_NAMES[name]
    path.write_bytes(data)
    assert read_document(path, name).terms == []


@pytest.mark.parametrize("name", sorted(FILE_NAMES))
def test_cjk_quotes_and_formula_like_text_come_back_unchanged(name: str, tmp_path: Path) -> None:
    glossary = _glossary(TRICKY)
    path = tmp_path / FILE_NAMES[name]
    export(glossary, name, path)
    (concept,) = read_document(path, name).terms
    original = glossary.get("tricky")
    expected_english = {rendering.text for rendering in original.en} | {"@TE"}
    if name in ("tbx2", "omegat"):
        expected_english -= {"'apostrophe first"}  # deprecated: not offered to CAT tools
    got = {rendering.text for rendering in concept.en} | {abbreviation.text for abbreviation in concept.abbreviations}
    assert got == expected_english
    assert concept.zh.hans == original.zh.hans
    if name not in ("omegat",):
        assert concept.zh.hant == original.zh.hant


@pytest.mark.parametrize("name", TABULAR)
def test_every_line_of_a_table_has_the_same_columns(name: str) -> None:
    glossary = _glossary(TRICKY)
    data = export(glossary, name, options=ExportOptions())
    if name == "csv":
        import csv
        import io

        rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    else:
        rows = [line.split("\t") for line in data.decode("utf-8-sig").split("\n")[:-1]]
    assert len({len(row) for row in rows}) == 1


def test_only_the_spreadsheet_profile_guards_formulas() -> None:
    glossary = _glossary(TRICKY)
    assert "'=HYPERLINK" in export(glossary, "csv").decode("utf-8-sig")
    for name in ("omegat", "memoq", "trados"):
        text = export(glossary, name, options=ExportOptions(direction="en-zh")).decode("utf-8-sig")
        assert "\n=HYPERLINK" in text or "\t=HYPERLINK" in text
        assert "'=HYPERLINK" not in text


BAD_FILES = {
    "json": ('{"format": "glossary", "terms": [\n  {"id": 1}\n', "not valid JSON"),
    "tbx": ("<tbx xmlns='urn:iso:std:iso:30042:ed-2'>\n<text>\n", "not well-formed"),
    "tbx2": ("<martif>\n<text><body>\n<termEntry></langSet>\n", "not well-formed"),
    "omegat": ("# zh-Hans\ten\tcomment\n军民融合\n", "needs a Chinese and an English term"),
    "memoq": ("Chinese (PRC)\tEnglish\tEntry_Note\n\tmilitary-civil fusion\tx\n", "needs a Chinese and an English term"),
    "trados": ("Chinese (PRC)\tChinese (Taiwan)\tEnglish\tStatus\tKind\tNote\n军民融合\t軍民融合\t\tadmitted\tsource\t\n", "needs a Chinese and an English term"),
    "csv": ('id,zh-Hans,en\nx,军民融合,"unclosed\n', "not valid CSV"),
}


@pytest.mark.parametrize("name", sorted(BAD_FILES))
def test_a_bad_file_of_each_kind_is_reported_with_file_and_line(name: str, tmp_path: Path) -> None:
    text, message = BAD_FILES[name]
    path = tmp_path / FILE_NAMES[name]
    path.write_text(text, encoding="utf-8")
    with pytest.raises(DataError) as info:
        read_document(path, name)
    (where, said), *_ = info.value.problems
    assert where.startswith(f"{path}:") and where[len(str(path)) + 1 :].isdigit(), where
    assert message in said


def test_a_json_contract_in_utf16_is_read(fixture_glossary, tmp_path: Path) -> None:
    path = tmp_path / "g.json"
    path.write_bytes(export(fixture_glossary, "json").decode("utf-8").encode("utf-16"))
    assert len(read_document(path).terms) == len(fixture_glossary)


def test_formats_are_found_by_extension() -> None:
    assert format_for_path(Path("x.utf8")).name == "omegat"
    assert format_for_path(Path("x.TBX")).name in ("tbx", "tbx2")
    assert format_for_path(Path("x.csv"), reading=False).name == "csv"
    with pytest.raises(UnknownFormatError):
        format_for_path(Path("x.docx"))


def test_a_missing_file_is_an_input_error_whatever_its_extension(tmp_path: Path) -> None:
    for name in ("absent.tbx", "absent", "absent.xyz"):
        with pytest.raises(InputError, match="no such file or folder"):
            read_document(tmp_path / name)


def test_json_export_is_unchanged_by_the_new_formats(fixture_glossary) -> None:
    document = json.loads(export(fixture_glossary, "json"))
    assert [term["id"] for term in document["terms"]] == [term.id for term in fixture_glossary]
    assert get_format("json").description
