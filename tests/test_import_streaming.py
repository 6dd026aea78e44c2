"""``glossary import -o``: concepts read, checked and written one at a time, all or nothing."""

from __future__ import annotations

import json
from pathlib import Path

import glossary
from glossary.formats import read_document
from glossary.formats.converting import convert, open_import

ROWS = "".join(f"{hans}\t{english}\n" for hans, english in [("军民融合", "military-civil fusion"), ("银行", "bank"), ("重庆", "Chongqing"), ("军民融合", "MCF"), ("长城", "Great Wall")])


def _file(tmp_path: Path, text: str = ROWS) -> Path:
    path = tmp_path / "mine.utf8"
    path.write_text(text, encoding="utf-8")
    return path


def test_streamed_json_holds_what_the_whole_document_holds(cli, tmp_path: Path) -> None:
    path = _file(tmp_path)
    assert cli("import", str(path), "-o", str(tmp_path / "out.json")).code == 0
    written = json.loads((tmp_path / "out.json").read_text(encoding="utf-8"))
    document = read_document(path)
    assert written["format"] == "glossary" and written["version"] == 1
    assert written["terms"] == [concept.model_dump(mode="json", exclude_none=True) for concept in document.terms]
    assert written["sources"] == {key: value.model_dump(mode="json", exclude_none=True) for key, value in document.sources.items()}
    assert [term["zh"]["hans"] for term in written["terms"]] == ["军民融合", "银行", "重庆", "长城"]  # the file's order
    assert [item.name for item in tmp_path.iterdir() if item.name.startswith(".")] == []
    # and it reads back as the JSON contract
    again = glossary.load(tmp_path / "out.json", bundled=False, cache=False)
    assert again.lookup_one("MCF").zh.hans == "军民融合"


def test_streamed_tbx_reads_back_into_the_same_concepts(cli, tmp_path: Path) -> None:
    path = _file(tmp_path)
    assert cli("import", str(path), "-o", str(tmp_path / "out.tbx")).code == 0
    back = read_document(tmp_path / "out.tbx")
    assert [c.model_dump(exclude={"note"}) for c in back.terms] == [c.model_dump(exclude={"note"}) for c in read_document(path).terms]


def test_an_empty_stream_writes_a_valid_empty_document(tmp_path: Path) -> None:
    path = _file(tmp_path, "# only a comment\n")
    assert convert(open_import(path), "json", tmp_path / "out.json") == 0
    assert json.loads((tmp_path / "out.json").read_text(encoding="utf-8"))["terms"] == []


def test_a_bad_last_row_leaves_nothing_written(cli, tmp_path: Path) -> None:
    path = _file(tmp_path, ROWS + "no chinese here\tat all\n")
    for target in ("out.json", "out.tbx", "folder"):
        result = cli("import", str(path), "-o", str(tmp_path / target))
        assert result.code == 2 and f"{path}:6:" in result.err and "Traceback" not in result.err
    assert sorted(item.name for item in tmp_path.iterdir()) == ["mine.utf8"]


def test_a_terms_folder_is_written_beside_and_renamed_into_place(cli, tmp_path: Path) -> None:
    path = _file(tmp_path)
    result = cli("import", str(path), "-o", str(tmp_path / "terms"))
    assert result.code == 0 and "wrote 4 concepts" in result.err and "(5 files)" in result.err
    assert sorted(item.name for item in tmp_path.iterdir()) == ["mine.utf8", "terms"]
    assert len(list((tmp_path / "terms").glob("*.toml"))) == 5
    assert cli("validate", str(tmp_path / "terms")).code == 0


def test_problems_are_listed_up_to_a_bound_and_counted(cli, tmp_path: Path) -> None:
    path = _file(tmp_path, "".join(f"row {number}\tno chinese\n" for number in range(1200)))
    result = cli("import", str(path))
    assert result.code == 2
    assert result.err.count("no Chinese term") == 1000 and "... and 200 more problems" in result.err


def test_compiling_a_file_concept_by_concept_gives_what_the_whole_document_gives(tmp_path: Path) -> None:
    # --glossary and glossary.load(path) compile a file through its concept stream (each
    # concept dumped and dropped), never holding every concept as an object and a dict at once
    from glossary.authoring.build import compile_concepts
    from glossary.formats import read_glossary_file

    for path in (_file(tmp_path), _file(tmp_path, ROWS + "银行\tbanks\n")):
        document = read_document(path)
        assert read_glossary_file(path) == compile_concepts(document.terms, document.sources)


def test_compiling_a_file_with_a_bad_row_names_the_line(tmp_path: Path) -> None:
    import pytest

    from glossary.errors import DataError
    from glossary.formats import read_glossary_file

    path = _file(tmp_path, ROWS + "no chinese here\tat all\n")
    with pytest.raises(DataError, match=f"{path}:6"):
        read_glossary_file(path)
