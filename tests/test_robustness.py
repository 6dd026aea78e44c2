"""Hostile input and output targets: every failure a clear message, exit 2, a typed exception, no traceback."""

from __future__ import annotations

import json
import os
import shutil
import signal
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import FIXTURE_TERMS

import glossary
from glossary.errors import DataError, FormatError, InputError, OutputError
from glossary.formats import read_document

LONG_NAME = "a" * 300  # over the 255 bytes a file name may have


def fixture_json(tmp_path: Path) -> dict[str, object]:
    data: dict[str, object] = json.loads(glossary.formats.export(glossary.load(FIXTURE_TERMS, bundled=False), "json"))
    return data


class FifoReader:
    """Reads a FIFO in a daemon thread; ``close()`` releases a reader no writer came to, so a test never hangs."""

    def __init__(self, fifo: Path) -> None:
        import threading

        self.fifo = fifo
        self.received: list[bytes] = []
        self.thread = threading.Thread(target=lambda: self.received.append(fifo.read_bytes()), daemon=True)
        self.thread.start()

    def close(self) -> bytes:
        self.thread.join(timeout=10)
        if self.thread.is_alive():  # nothing was written: open it once for writing to let the reader go
            os.close(os.open(self.fifo, os.O_WRONLY | os.O_NONBLOCK))
            self.thread.join(timeout=10)
        return self.received[0] if self.received else b""



# --- reading: special files, missing paths, names too long ------------------------------


@pytest.fixture()
def no_hang() -> Iterator[None]:
    """Fail a test that would block on a FIFO instead of hanging the suite."""

    def stop(signum: int, frame: object) -> None:
        raise TimeoutError("blocked reading a FIFO")

    previous = signal.signal(signal.SIGALRM, stop)
    signal.alarm(20)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def test_a_fifo_in_a_terms_folder_is_reported_not_waited_for(tmp_path: Path, cli, no_hang: None) -> None:
    folder = tmp_path / "terms"
    shutil.copytree(FIXTURE_TERMS, folder)
    os.mkfifo(folder / "x.toml")
    result = cli("validate", str(folder))
    assert result.code == 1 and "x.toml" in result.out and "not a regular file" in result.out
    result = cli("lookup", "--glossary", str(folder), "MCF")
    assert result.code == 2 and "x.toml" in result.err and "not a regular file" in result.err
    with pytest.raises((DataError, InputError), match="not a regular file"):
        glossary.load(folder)


@pytest.mark.parametrize("target", ["/dev/zero", "fifo"])
def test_a_glossary_file_that_is_not_a_regular_file_is_refused(tmp_path: Path, cli, target: str, no_hang: None) -> None:
    path = tmp_path / "glossary.json"
    if target == "fifo":
        os.mkfifo(path)
    else:
        path.symlink_to(target)
    with pytest.raises(InputError, match="not a regular file"):
        read_document(path)
    for args in (("import", str(path)), ("lookup", "--glossary", str(path), "MCF"), ("scan", str(path)), ("check", str(path))):
        result = cli(*args)
        assert result.code == 2 and "not a regular file" in result.err, args


def test_a_file_over_the_size_bound_is_refused(tmp_path: Path) -> None:
    from glossary.core.files import read_file

    path = tmp_path / "big.txt"
    path.write_bytes(b"x" * 2000)
    assert read_file(path, 2000) == b"x" * 2000
    with pytest.raises(InputError, match="too large"):
        read_file(path, 1999)


@pytest.mark.parametrize(
    "args",
    [
        ("lookup", "--glossary", "{bad}", "MCF"),
        ("export", "--format", "csv", "-o", "{bad}.csv"),
        ("export", "--format", "html", "-o", "{bad}"),
        ("import", "{terms}/_sources.toml", "-o", "{bad}.json"),
        ("scan", "{bad}"),
        ("check", "{bad}"),
        ("count", "{bad}"),
        ("validate", "{bad}"),
    ],
)
@pytest.mark.parametrize("bad", ["long", "under-a-file", "missing"])
def test_paths_that_cannot_be_used_give_a_message_and_exit_2(tmp_path: Path, cli, args: tuple[str, ...], bad: str) -> None:
    blocker = tmp_path / "file.txt"
    blocker.write_text("x")
    path = {"long": tmp_path / LONG_NAME, "under-a-file": blocker / "x", "missing": tmp_path / "missing" / "x"}[bad]
    result = cli(*(arg.format(bad=path, terms=FIXTURE_TERMS) for arg in args))
    assert result.code == 2, result
    assert "Traceback" not in result.err and result.err.startswith(f"glossary {args[0]}:")
    assert sorted(item.name for item in tmp_path.iterdir()) == ["file.txt"]


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads and writes whatever the permissions say")
def test_an_unreadable_folder_gives_a_message_and_exit_2(tmp_path: Path, cli) -> None:
    locked = tmp_path / "locked"
    locked.mkdir()
    (locked / "text.txt").write_text("军民融合")
    locked.chmod(0)
    try:
        for args in (("scan", str(locked / "text.txt")), ("validate", str(locked)), ("lookup", "--glossary", str(locked / "x.json"), "MCF")):
            result = cli(*args)
            assert result.code == 2 and "permission denied" in result.err, args
    finally:
        locked.chmod(stat.S_IRWXU)


def test_load_refuses_an_empty_path_and_what_is_not_a_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(FIXTURE_TERMS)  # "" used to load the working directory
    with pytest.raises(InputError, match="empty path"):
        glossary.load("")
    with pytest.raises(TypeError, match="path"):
        glossary.load(5)  # type: ignore[arg-type]
    with pytest.raises(InputError, match="no such file or folder"):
        glossary.load(tmp_path / "nonexistent")


def test_a_missing_glossary_is_missing_whatever_its_name(cli) -> None:
    for name in ("nonexistent/", "nonexistent.tsv", "nonexistent"):
        result = cli("lookup", "--glossary", name, "MCF")
        assert result.code == 2 and "no such file or folder" in result.err and "extension" not in result.err


def test_an_id_too_long_for_a_file_name_is_refused(tmp_path: Path) -> None:
    data = fixture_json(tmp_path)
    data["terms"][0]["id"] = "a" * 300  # type: ignore[index]
    path = tmp_path / "long.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(FormatError, match="at most 120"):
        read_document(path)


# --- terminal escapes ----------------------------------------------------------------------


def test_terminal_escapes_in_a_file_name_do_not_reach_the_terminal(tmp_path: Path, cli) -> None:
    folder = tmp_path / "terms"
    shutil.copytree(FIXTURE_TERMS, folder)
    bad = folder / "evil\x1b[2J\x1b]0;owned\x07.toml"
    bad.write_text("id = 3\n", encoding="utf-8")
    for result in (cli("lookup", "--glossary", str(folder), "MCF"), cli("scan", str(tmp_path / "x\x1b[31m.txt"))):
        assert result.code == 2
        assert "\x1b" not in result.err and "\x07" not in result.err
        assert "\\x1b" in result.err
    result = cli("validate", str(folder))
    assert result.code == 1 and "\x1b" not in result.out + result.err and "\\x1b[2J" in result.out
    with pytest.raises(DataError) as info:
        glossary.load(folder)
    assert "\x1b" not in str(info.value) and "\\x1b[2J" in str(info.value)


# --- JSON: surrogates, duplicate ids, pathological nesting and numbers ----------------------


def test_a_lone_surrogate_in_json_is_refused(tmp_path: Path, cli) -> None:
    data = fixture_json(tmp_path)
    data["terms"][0]["en"][0]["text"] = "a\ud800b"  # type: ignore[index]
    path = tmp_path / "surrogate.json"
    path.write_text(json.dumps(data), encoding="utf-8")  # ensure_ascii writes it as \ud800
    with pytest.raises(FormatError, match="unpaired surrogate U\\+D800"):
        read_document(path)
    for args in (("import", str(path)), ("lookup", "--glossary", str(path), "MCF"), ("export", "--format", "tbx", "--glossary", str(path))):
        result = cli(*args)
        assert result.code == 2 and "surrogate" in result.err and "Traceback" not in result.err


def test_duplicate_ids_in_json_are_refused_and_nothing_is_written(tmp_path: Path, cli) -> None:
    data = fixture_json(tmp_path)
    terms = data["terms"]
    terms.append(dict(terms[0]))  # type: ignore[attr-defined]
    path = tmp_path / "dup.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(FormatError, match="used twice"):
        read_document(path)
    result = cli("import", str(path), "-o", str(tmp_path / "out"))
    assert result.code == 2 and "used twice" in result.err
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("text", ["[" * 100_000 + "]" * 100_000, '{"terms": [' + "1" * 4301 + "]}", '{"terms": ' * 3000 + "1" + "}" * 3000])
def test_pathological_json_is_a_format_error(tmp_path: Path, cli, text: str) -> None:
    path = tmp_path / "bad.json"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(FormatError):
        read_document(path)
    result = cli("import", str(path))
    assert result.code == 2 and "Traceback" not in result.err


# --- pinyin located ------------------------------------------------------------------------


def test_invalid_pinyin_is_located_with_the_other_problems(terms_copy: Path, cli) -> None:
    path = terms_copy / "military-civil-fusion.toml"
    text = path.read_text(encoding="utf-8")
    lines = text.splitlines()
    (number,) = [index for index, line in enumerate(lines, start=1) if line.startswith("pinyin = ")]
    path.write_text(text.replace(lines[number - 1], 'pinyin = "xq3 zzz"'), encoding="utf-8")
    other = terms_copy / "dual-circulation.toml"
    other.write_text(other.read_text(encoding="utf-8").replace('category = "', 'category = "nonsense-'), encoding="utf-8")
    with pytest.raises(DataError) as info:
        glossary.load(terms_copy)
    message = str(info.value)
    assert f"military-civil-fusion.toml:{number}: zh.pinyin" in message and "is not pinyin" in message
    assert "dual-circulation.toml" in message
    result = cli("validate", str(terms_copy))
    assert result.code == 1 and f"military-civil-fusion.toml:{number}: zh.pinyin" in result.out and "dual-circulation.toml" in result.out


# --- output targets ------------------------------------------------------------------------


def test_an_export_to_a_fifo_writes_to_it_and_leaves_it_a_fifo(cli, tmp_path: Path, no_hang: None) -> None:
    fifo = tmp_path / "pipe.csv"
    os.mkfifo(fifo)
    reader = FifoReader(fifo)
    result = cli("export", "--format", "csv", "-o", str(fifo))
    received = reader.close()
    assert result.code == 0, result.err
    assert stat.S_ISFIFO(os.stat(fifo).st_mode) and received.startswith(b"\xef\xbb\xbfid,")
    assert sorted(path.name for path in tmp_path.iterdir()) == ["pipe.csv"]


def test_an_export_to_a_device_writes_to_it_and_leaves_it_a_device(cli, tmp_path: Path) -> None:
    # a device node of our own, never the machine's /dev/null: a regression must not replace that
    device = tmp_path / "null"
    try:
        os.mknod(device, stat.S_IFCHR | 0o666, os.makedev(1, 3))
    except PermissionError:
        pytest.skip("making a device node needs root")
    result = cli("export", "--format", "csv", "-o", str(device))
    assert result.code == 0, result.err
    assert stat.S_ISCHR(os.stat(device).st_mode)


def test_an_export_to_dash_writes_to_stdout(cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = cli("export", "--format", "json", "-o", "-")
    assert result.code == 0 and json.loads(result.out)["format"] == "glossary"
    assert list(tmp_path.iterdir()) == []


def test_an_export_through_a_link_keeps_the_link(cli, tmp_path: Path) -> None:
    target = tmp_path / "real.csv"
    target.write_text("old")
    link = tmp_path / "link.csv"
    link.symlink_to(target)
    assert cli("export", "--format", "csv", "-o", str(link)).code == 0
    assert link.is_symlink() and target.read_text(encoding="utf-8-sig").startswith("id,")


def test_an_output_error_is_an_os_error_with_a_printable_message(tmp_path: Path) -> None:
    from glossary.core.files import write_atomically

    with pytest.raises(OutputError, match="too long") as info:
        write_atomically(tmp_path / LONG_NAME, "x")
    assert isinstance(info.value, OSError)


# --- messages ------------------------------------------------------------------------------


@pytest.mark.parametrize("command", ["lookup", "search", "history"])
def test_an_empty_query_is_bad_usage(cli, command: str) -> None:
    result = cli(command, "")
    assert result.code == 2 and "empty" in result.err


def test_a_huge_query_is_not_echoed_whole(cli) -> None:
    query = "z" * 1_000_000
    result = cli("lookup", query)
    assert result.code == 1 and len(result.err) < 2000 and "1000000 characters" in result.err


def test_a_terminal_that_cannot_show_chinese_gets_escapes_not_a_traceback() -> None:
    import subprocess
    import sys

    environment = {**os.environ, "PYTHONIOENCODING": "latin-1"}
    result = subprocess.run([sys.executable, "-m", "glossary", "lookup", "MCF"], capture_output=True, env=environment)
    assert result.returncode == 0, result.stderr
    assert b"\\u519b" in result.stdout and b"Traceback" not in result.stderr


# --- a user's glossary over the bundled one --------------------------------------------------


def test_replacing_or_doubling_a_bundled_concept_is_said_at_import_and_at_load(tmp_path: Path, cli, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GLOSSARY_CACHE_DIR", str(tmp_path / "cache"))
    mine = tmp_path / "mine.txt"
    mine.write_text("军民融合\tmilitary-civil fusion\n总体国家安全观\tholistic security\n数据安全法样例\tsample law\n", encoding="utf-8")
    result = cli("import", str(mine))
    assert result.code == 0
    assert "replace bundled ones with the same id" in result.err and "military-civil-fusion" in result.err
    assert "holistic-security (总体国家安全观, also holistic-national-security-outlook)" in result.err
    result = cli("lookup", "--glossary", str(mine), "MCF")
    assert result.code == 1 and "warning" in result.err and "military-civil-fusion" in result.err
    with pytest.warns(glossary.GlossaryWarning, match="military-civil-fusion"):
        glossary.load(mine, cache=False)


def test_a_glossary_that_only_adds_concepts_gives_no_warning(tmp_path: Path, cli) -> None:
    import warnings

    mine = tmp_path / "mine.txt"
    mine.write_text("数据安全法样例\tsample law\n", encoding="utf-8")
    result = cli("import", str(mine))
    assert result.code == 0 and "replace" not in result.err and "also" not in result.err
    with warnings.catch_warnings():
        warnings.simplefilter("error", glossary.GlossaryWarning)
        assert glossary.load(mine, cache=False).lookup("数据安全法样例")


@pytest.mark.parametrize("separator", ["\t", ","])
def test_one_id_for_two_chinese_terms_in_a_table_is_refused(tmp_path: Path, cli, separator: str) -> None:
    rows = [["id", "zh", "en"], ["dup", "军民融合", "military-civil fusion"], ["dup", "国家安全", "national security"]]
    path = tmp_path / ("dup.tsv" if separator == "\t" else "dup.csv")
    path.write_text("\n".join(separator.join(row) for row in rows) + "\n", encoding="utf-8")
    with pytest.raises(DataError, match="'dup' is used twice: for '军民融合' on line 2 and for '国家安全' here"):
        read_document(path)
    result = cli("import", str(path), "-o", str(tmp_path / "out"))
    assert result.code == 2 and f"{path.name}:3" in result.err
    assert not (tmp_path / "out").exists()


def test_rows_of_one_id_with_one_chinese_term_still_make_one_concept(tmp_path: Path) -> None:
    path = tmp_path / "rows.tsv"
    path.write_text("id\tzh\tzh-Hant\ten\nmcf\t军民融合\t軍民融合\tmilitary-civil fusion\nmcf\t军民融合\t\tMCF\n", encoding="utf-8")
    (term,) = read_document(path).terms
    assert term.id == "mcf" and {rendering.text for rendering in term.en} | {abbreviation.text for abbreviation in term.abbreviations} >= {"military-civil fusion", "MCF"}


# --- import -o DIR: all or nothing, also against a concurrent import ---------------------------


@pytest.mark.parametrize("existing", ["new", "empty", "with-other-files"])
def test_an_import_that_loses_the_race_for_its_folder_leaves_the_winners_files_alone(tmp_path: Path, existing: str) -> None:
    from glossary.authoring.termswriter import write_terms_folder

    first = tmp_path / "first.tsv"
    first.write_text("中文一词\tterm one\n中文二词\tterm two\n", encoding="utf-8")
    second = tmp_path / "second.tsv"
    second.write_text("汉语一词\tword one\n", encoding="utf-8")
    folder = tmp_path / "out"
    if existing != "new":
        folder.mkdir()
    if existing == "with-other-files":
        (folder / "README.txt").write_text("mine")
    winner = read_document(second)

    def concepts_racing() -> Iterator[glossary.core.model.Concept]:
        document = read_document(first)
        yield document.terms[0]
        # another import runs to its end while this one is half way
        write_terms_folder(list(winner.terms), dict(winner.sources), folder)
        yield from document.terms[1:]

    with pytest.raises(OutputError, match="another import"):
        write_terms_folder(concepts_racing(), dict(read_document(first).sources), folder)
    expected = {f"{term.id}.toml" for term in winner.terms} | {"_sources.toml"} | ({"README.txt"} if existing == "with-other-files" else set())
    assert {path.name for path in folder.iterdir()} == expected
    assert sorted(path.name for path in tmp_path.iterdir()) == ["first.tsv", "out", "second.tsv"]  # no staging folder left


@pytest.mark.parametrize("to", ["json", "tbx"])
def test_an_import_converted_to_a_fifo_writes_to_it_and_leaves_it_a_fifo(cli, tmp_path: Path, to: str, no_hang: None) -> None:
    source = tmp_path / "mine.tsv"
    source.write_text("数据安全法样例\tsample law\n", encoding="utf-8")
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    reader = FifoReader(fifo)
    result = cli("import", str(source), "-o", str(fifo), "--to", to)
    received = reader.close()
    assert result.code == 0, result.err
    assert stat.S_ISFIFO(os.stat(fifo).st_mode) and "sample law".encode() in received
    assert sorted(path.name for path in tmp_path.iterdir()) == ["mine.tsv", "pipe"]


def test_a_compiled_glossary_is_not_written_over_a_fifo(cli, tmp_path: Path) -> None:
    source = tmp_path / "mine.tsv"
    source.write_text("数据安全法样例\tsample law\n", encoding="utf-8")
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    result = cli("import", str(source), "--compile", "-o", str(fifo))
    assert result.code == 2 and "not a regular file" in result.err
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)


def test_a_replaced_file_is_kept_whole_when_its_writer_fails(tmp_path: Path) -> None:
    from glossary.core.files import replacing
    from glossary.errors import InputError, OutputError

    target = tmp_path / "out.json"
    target.write_text("old", encoding="utf-8")
    # an input the writer reads fails: that error, not a write failure, and nothing replaced or left behind
    with pytest.raises(InputError), replacing(target) as stream:
        stream.write("half")
        raise InputError("in.tsv", "no such file")
    # a failure of the writing itself is an OutputError naming the target
    with pytest.raises(OutputError, match="out.json"), replacing(target, binary=True) as stream:
        stream.write(b"half")
        raise OSError(28, "No space left on device")
    assert target.read_text(encoding="utf-8") == "old"
    assert sorted(path.name for path in tmp_path.iterdir()) == ["out.json"]
    with replacing(target) as stream:
        stream.write("new")
    assert target.read_text(encoding="utf-8") == "new"
