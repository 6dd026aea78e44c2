"""Fields an import generates (pinyin, traditional form, citation quote): right in context, and never a reason to fail."""

from __future__ import annotations

import json
import warnings
from pathlib import Path

import pytest

import glossary
from glossary.formats._importing import generated_pinyin, quote_of
from glossary.errors import GlossaryWarning


@pytest.mark.parametrize(
    ("hans", "expected"),
    [("银行", "yín háng"), ("重庆", "chóng qìng"), ("长城", "cháng chéng"), ("中国2035年", "zhōng guó 2035 nián")],
)
def test_generated_pinyin_reads_polyphones_in_context(hans: str, expected: str) -> None:
    assert generated_pinyin(hans) == (expected, [])


def test_generated_pinyin_names_the_characters_it_cannot_read() -> None:
    assert generated_pinyin("甅中国") == ("", ["甅"])
    assert generated_pinyin("𠮷野家") == ("", ["𠮷"])  # outside the Basic Multilingual Plane


@pytest.mark.parametrize("raw", ["中文\tEnglish\t\t", "\t中文\tEnglish", "中文\tEnglish\t \t"])
def test_a_quote_has_no_outer_white_space_whatever_the_empty_columns(raw: str) -> None:
    assert quote_of(raw) == "中文 | English"


def test_rows_with_unreadable_characters_and_empty_columns_import_with_pinyin_left_empty(cli, tmp_path: Path) -> None:
    source = tmp_path / "mine.utf8"
    source.write_text("银行\tbank\t\t\n甅中国\tsomething\t\n呣字\tinterjection\n𠮷野家\tYoshinoya\t\t\t\n", encoding="utf-8")
    result = cli("import", str(source), "-o", str(tmp_path / "out.json"))
    assert result.code == 0, result.err
    assert "Traceback" not in result.err
    assert f"{source}:2: zh.pinyin left empty: pypinyin has no reading for 甅 (U+7505)" in result.err
    assert f"{source}:4: zh.pinyin left empty: pypinyin has no reading for 𠮷 (U+20BB7)" in result.err
    assert f"{source}:3: zh.pinyin left empty: pypinyin reads it" in result.err
    terms = {term["zh"]["hans"]: term for term in json.loads((tmp_path / "out.json").read_text(encoding="utf-8"))["terms"]}
    assert terms["银行"]["zh"]["pinyin"] == "yín háng"
    assert terms["银行"]["zh"]["sources"][0]["quote"] == "银行 | bank"
    assert terms["甅中国"]["zh"]["pinyin"] == ""
    assert "Pinyin left empty: pypinyin has no reading for 甅" in terms["甅中国"]["note"]


def test_a_concept_without_pinyin_loads_and_is_found(tmp_path: Path) -> None:
    source = tmp_path / "mine.utf8"
    source.write_text("𠮷野家\tYoshinoya\n", encoding="utf-8")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        loaded = glossary.load(source, bundled=False)
    assert any(issubclass(item.category, GlossaryWarning) and "left empty" in str(item.message) for item in caught)
    assert loaded.lookup_one("Yoshinoya").zh.pinyin == ""
    assert loaded.lookup_one("𠮷野家").id == "yoshinoya"


def test_an_imported_folder_with_pinyin_left_empty_validates_and_loads(cli, tmp_path: Path) -> None:
    source = tmp_path / "mine.utf8"
    source.write_text("甅中国\tsomething\n银行\tbank\n", encoding="utf-8")
    assert cli("import", str(source), "-o", str(tmp_path / "terms")).code == 0
    assert cli("validate", str(tmp_path / "terms")).code == 0
    card = cli("lookup", "--glossary", str(tmp_path / "terms"), "甅中国")
    assert card.code == 0 and "something" in card.out
