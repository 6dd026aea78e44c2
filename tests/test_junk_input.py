"""Junk in, documented errors out: every registered reader and the terms-folder reader, fed random,
mutated and truncated files (in the spirit of python-stdnum's junk tests).

The only exception a reader may raise for bad bytes is :class:`glossary.DataError`
(``FormatError`` is one), naming the file; anything else (a RecursionError, a
UnicodeEncodeError, a KeyError from deep inside a parser) is a bug. What a reader
accepts must be a valid document.
"""

from __future__ import annotations

import json
import warnings
from functools import cache
from pathlib import Path

import pytest
from conftest import FIXTURE_TERMS
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import glossary
from glossary.errors import DataError
from glossary.formats import export, get_format, names
from glossary.core.model import GlossaryDocument

READERS = [name for name in names() if get_format(name).can_read]
JUNK = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])


@cache
def valid_file(name: str) -> bytes:
    """The fixture glossary written in a format: the seed the mutations start from."""
    return export(glossary.load(FIXTURE_TERMS, bundled=False), name)


@st.composite
def mutated(draw: st.DrawFn, seed: bytes) -> bytes:
    """``seed`` with a few bytes flipped, inserted, deleted or repeated, or cut short."""
    data = bytearray(seed)
    for _ in range(draw(st.integers(1, 6))):
        if not data:
            break
        at = draw(st.integers(0, len(data) - 1))
        how = draw(st.sampled_from(("flip", "insert", "delete", "repeat", "truncate", "special")))
        if how == "flip":
            data[at] ^= 1 << draw(st.integers(0, 7))
        elif how == "insert":
            data[at:at] = draw(st.binary(min_size=1, max_size=8))
        elif how == "delete":
            del data[at : at + draw(st.integers(1, 16))]
        elif how == "repeat":
            data[at:at] = data[at : at + draw(st.integers(1, 64))] * draw(st.integers(1, 4))
        elif how == "truncate":
            del data[at:]
        else:  # the characters parsers choke on
            data[at:at] = draw(st.sampled_from(("\t", "\n", '"', "\\ud800", "<", "&", "]]>", "#", "\x00", "\ufeff", "\u2028", "𠮷", "[" * 50, "[" * 3000, "1" * 5000))).encode("utf-8")
    return bytes(data)


def read(name: str, data: bytes) -> None:
    """Read ``data`` as format ``name`` both ways an import does; only DataError may come out."""
    fmt = get_format(name)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # a warning is allowed: it is not an error
        try:
            document = fmt.load(data, f"junk.{name}")
        except DataError as error:
            assert str(error) and all(where.startswith("junk.") for where, _ in error.problems), error.problems
        else:  # what is accepted can be written out again
            dumped = document.model_dump(mode="json")
            GlossaryDocument.model_validate(dumped)
            json.dumps(dumped, ensure_ascii=False).encode("utf-8")
        try:
            stream = fmt.open_import(data, f"junk.{name}")
            for _ in stream.concepts():
                pass
            stream.finish()
        except DataError as error:
            assert str(error)


@pytest.mark.parametrize("name", READERS)
@JUNK
@given(data=st.binary(max_size=400))
def test_random_bytes_give_a_data_error_or_a_document(name: str, data: bytes) -> None:
    read(name, data)


@pytest.mark.parametrize("name", READERS)
@JUNK
@given(data=st.data())
def test_mutated_and_truncated_files_give_a_data_error_or_a_document(name: str, data: st.DataObject) -> None:
    read(name, data.draw(mutated(valid_file(name))))


@pytest.mark.parametrize("name", READERS)
def test_every_truncation_of_a_small_file_gives_a_data_error_or_a_document(name: str) -> None:
    seed = valid_file(name)
    for end in range(0, len(seed), max(1, len(seed) // 60)):
        read(name, seed[:end])


def hostile(seed: bytes) -> list[bytes]:
    """Known attacks, each also spliced into the middle of a valid file."""
    payloads = [
        b"[" * 100_000,
        b'{"terms": ' * 5000,
        b"1" * 5000,
        b'"\\ud800"',
        b"\xff\xfe" + "军民融合\t军\n".encode("utf-16-le"),
        b"\xef\xbb\xbf\x00\x00",
        b"<!DOCTYPE x [<!ENTITY a SYSTEM 'file:///etc/passwd'>]><x>&a;</x>",
        b"<?xml version='1.0'?>" + b"<a>" * 5000,
        b"\t" * 1000 + b"\n" * 1000,
        b'"' * 999,
    ]
    middle = len(seed) // 2
    return payloads + [seed[:middle] + payload + seed[middle:] for payload in payloads]


@pytest.mark.parametrize("name", READERS)
def test_known_attacks_give_a_data_error_or_a_document(name: str) -> None:
    for data in hostile(valid_file(name)):
        read(name, data)


@pytest.mark.parametrize("name", READERS)
def test_a_byte_damaged_anywhere_in_a_small_file_gives_a_data_error_or_a_document(name: str) -> None:
    seed = valid_file(name)
    for at in range(0, len(seed), max(1, len(seed) // 80)):
        read(name, seed[:at] + bytes([seed[at] ^ 0x55]) + seed[at + 1 :])


@cache
def fixture_files() -> dict[str, bytes]:
    return {path.name: path.read_bytes() for path in FIXTURE_TERMS.iterdir() if path.suffix == ".toml"}


@JUNK
@given(data=st.data())
def test_a_terms_folder_with_junk_files_gives_a_data_error_or_loads(tmp_path_factory: pytest.TempPathFactory, data: st.DataObject) -> None:
    folder = tmp_path_factory.mktemp("terms")
    files = fixture_files()
    for name, content in files.items():
        (folder / name).write_bytes(content)
    broken = data.draw(st.sampled_from(sorted(files)))
    junk = data.draw(st.one_of(mutated(files[broken]), st.binary(max_size=300)))
    (folder / broken).write_bytes(junk)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            loaded = glossary.load(folder, bundled=False, cache=False)
        except DataError as error:
            assert str(error)
            from glossary.authoring.validate import validate_path

            assert validate_path(folder)  # validate reports what load refuses
        else:
            assert len(loaded) >= 1
            for term in loaded:
                loaded.lookup(term.zh.hans)


@pytest.mark.parametrize(
    "junk",
    [b"id = " + b"[" * 100_000, b"a = " + b"{b = " * 5000, b"n = 1" + b"0" * 5000, b"\x00" * 10, b"\xff\xfe", b'id = """' + b"x" * 100],
    ids=["deep-array", "deep-table", "huge-integer", "nul", "not-utf8", "open-string"],
)
@pytest.mark.parametrize("name", ["military-civil-fusion.toml", "_sources.toml"])
def test_known_attacks_on_a_terms_folder_give_a_data_error(tmp_path: Path, junk: bytes, name: str) -> None:
    folder = tmp_path / "terms"
    folder.mkdir()
    for file_name, content in fixture_files().items():
        (folder / file_name).write_bytes(content)
    (folder / name).write_bytes(junk)
    with pytest.raises(DataError, match=name.replace(".", "\\.")):
        glossary.load(folder, bundled=False, cache=False)
