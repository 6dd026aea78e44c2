"""The compile cache: a user's glossary compiled once, opened from the cache after, never stale."""

from __future__ import annotations

import os
import pickle
from pathlib import Path

import pytest

import glossary
from glossary.loading import cache as compile_cache
from glossary.loading import loader as loading
from glossary.errors import GlossaryWarning

ROWS = "银行\tbank\n重庆\tChongqing\n长江\tYangtze\n"


@pytest.fixture()
def cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv(compile_cache.CACHE_ENV, str(folder))
    return folder


def _file(tmp_path: Path, text: str = ROWS) -> Path:
    path = tmp_path / "mine.utf8"
    path.write_text(text, encoding="utf-8")
    return path


def _entries(folder: Path) -> list[Path]:
    return sorted(folder.glob("*.sqlite")) if folder.is_dir() else []


def test_a_glossary_is_compiled_once_then_opened_from_the_cache(tmp_path: Path, cache_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = _file(tmp_path)
    first = glossary.load(path, bundled=False)
    assert len(_entries(cache_dir)) == 1
    monkeypatch.setattr(loading, "compile_path", lambda path: pytest.fail("compiled again"))
    again = glossary.load(path, bundled=False)
    assert [term.to_dict() for term in again] == [term.to_dict() for term in first]
    assert again.lookup_one("银行").zh.pinyin == "yín háng"


def test_a_changed_file_is_compiled_again(tmp_path: Path, cache_dir: Path) -> None:
    path = _file(tmp_path)
    assert glossary.load(path, bundled=False).lookup("长城") == []  # not yet in the file
    path.write_text(ROWS + "长城\tGreat Wall\n", encoding="utf-8")
    assert glossary.load(path, bundled=False).lookup_one("长城").preferred == "Great Wall"
    assert len(_entries(cache_dir)) == 2


def test_merged_and_unmerged_loads_are_different_entries(tmp_path: Path, cache_dir: Path) -> None:
    path = _file(tmp_path)
    alone = glossary.load(path, bundled=False)
    merged = glossary.load(path)
    assert len(merged) > len(alone) and len(_entries(cache_dir)) == 2


def test_a_corrupt_entry_is_ignored_and_rebuilt(tmp_path: Path, cache_dir: Path) -> None:
    path = _file(tmp_path)
    glossary.load(path, bundled=False)
    (entry,) = _entries(cache_dir)
    entry.write_bytes(b"SQLite format 3\x00" + os.urandom(3000))
    assert glossary.load(path, bundled=False).lookup_one("bank").zh.hans == "银行"
    entry.write_bytes(entry.read_bytes()[:1500])  # truncated
    assert glossary.load(path, bundled=False).lookup_one("bank").zh.hans == "银行"


def test_an_unwritable_cache_folder_falls_back_to_no_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, cli) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("", encoding="utf-8")
    monkeypatch.setenv(compile_cache.CACHE_ENV, str(blocker / "cache"))
    path = _file(tmp_path)
    with pytest.warns(GlossaryWarning, match="cannot write the compile cache"):
        assert glossary.load(path, bundled=False).lookup_one("bank").zh.hans == "银行"
    result = cli("lookup", "--glossary", str(path), "bank")
    assert result.code == 0 and "银行" in result.out
    assert "Traceback" not in result.err and "cannot write the compile cache" in result.err


def test_only_a_large_cached_glossary_is_file_backed(tmp_path: Path, cache_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(compile_cache, "SMALL", 0)  # as if the three rows were many: read on demand
    path = _file(tmp_path)
    assert not glossary.load(path, bundled=False, cache=False).file_backed
    glossary.load(path, bundled=False)  # compiles, and writes the cache entry
    assert glossary.load(path, bundled=False).file_backed  # read from the entry
    assert not glossary.load().file_backed
    # a pickled copy carries plain data, not the connection to the file
    assert not pickle.loads(pickle.dumps(glossary.load(path, bundled=False))).file_backed


def test_no_cache_writes_nothing(tmp_path: Path, cache_dir: Path, cli) -> None:
    path = _file(tmp_path)
    assert glossary.load(path, bundled=False, cache=False).lookup_one("bank").zh.hans == "银行"
    assert cli("lookup", "--no-cache", "--glossary", str(path), "bank").code == 0
    assert cli("search", "--no-cache", "--glossary", str(path), "bank").code == 0
    assert _entries(cache_dir) == []


def test_cache_path_and_clear(tmp_path: Path, cache_dir: Path, cli) -> None:
    assert cli("cache", "path").out.strip() == str(cache_dir)
    glossary.load(_file(tmp_path), bundled=False)
    result = cli("cache", "clear")
    assert result.code == 0 and "removed 1 compiled entry" in result.err
    assert _entries(cache_dir) == []
    assert cli("cache", "clear").code == 0  # nothing to clear is fine


def test_the_default_cache_folder_is_the_platform_user_cache(monkeypatch: pytest.MonkeyPatch) -> None:
    user_cache_dir = pytest.importorskip("platformdirs").user_cache_dir

    monkeypatch.delenv(compile_cache.CACHE_ENV, raising=False)
    assert compile_cache.cache_folder() == Path(user_cache_dir("glossary", appauthor=False))


def test_import_compile_writes_a_file_that_loads_directly(tmp_path: Path, cache_dir: Path, cli) -> None:
    path = _file(tmp_path)
    target = tmp_path / "mine #1?.glossary"  # characters an SQLite URI would misread
    result = cli("import", str(path), "--compile", "-o", str(target))
    assert result.code == 0, result.err
    assert compile_cache.is_store(target)
    assert glossary.load(target, bundled=False).lookup_one("Chongqing").zh.hans == "重庆"
    assert _entries(cache_dir) == []  # opened as it is, not copied
    card = cli("lookup", "--glossary", str(target), "重庆")
    assert card.code == 0 and "Chongqing" in card.out
    assert cli("import", str(path), "--compile").code == 2  # needs -o


@pytest.fixture()
def read_on_demand(monkeypatch: pytest.MonkeyPatch, cache_dir: Path) -> None:
    monkeypatch.setattr(compile_cache, "SMALL", 0)  # every entry read from the file, as large ones are


def test_a_glossary_read_on_demand_answers_as_one_in_memory(read_on_demand: None, fixture_glossary: glossary.Glossary) -> None:
    from conftest import FIXTURE_TERMS

    glossary.load(FIXTURE_TERMS, bundled=False)  # compiles and stores
    stored = glossary.load(FIXTURE_TERMS, bundled=False)
    assert stored._store is not None and fixture_glossary._store is None
    assert len(stored) == len(fixture_glossary)
    assert [term.to_dict() for term in stored] == [term.to_dict() for term in fixture_glossary]
    for query in ("军民融合", "軍民融合", "MCF", "jūnmín rónghé", "junmin ronghe", "military-civil fusion", "military-civil-fusion", "nothing"):
        assert stored.lookup(query) == fixture_glossary.lookup(query), query
    for term in fixture_glossary:
        assert stored.related(term.id) == fixture_glossary.related(term.id)
        assert stored.get(term.id).to_dict() == term.to_dict()
    assert stored.search("militry", 5) == fixture_glossary.search("militry", 5)
    text = "军民融合发展战略与MCF。" * 3
    assert stored.scan(text) == fixture_glossary.scan(text)
    assert stored.scanner().count(text) == fixture_glossary.scanner().count(text)
    copy = pickle.loads(pickle.dumps(stored))
    assert copy._store is None and copy.lookup("MCF") == fixture_glossary.lookup("MCF")


def test_the_least_recently_used_entries_go_beyond_the_limit(tmp_path: Path, cache_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import time

    monkeypatch.setattr(compile_cache, "MAX_ENTRIES", 2)
    paths = []
    for number in range(3):
        path = tmp_path / f"g{number}.utf8"
        path.write_text(f"银行\tbank {number}\n", encoding="utf-8")
        paths.append(path)
    glossary.load(paths[0], bundled=False)
    glossary.load(paths[1], bundled=False)
    old = time.time() - 100
    for entry in _entries(cache_dir):
        os.utime(entry, (old, old))
    glossary.load(paths[0], bundled=False)  # used again: now the most recent
    glossary.load(paths[2], bundled=False)  # a third entry: the least recently used (g1) goes
    kept = {entry.stem for entry in _entries(cache_dir)}
    assert kept == {compile_cache.entry_key([paths[number]], bundled_digest=None) for number in (0, 2)}


# A file is compiled straight into its cache entry, row by row (bounded memory for a
# million rows): the entry must hold exactly what the compile in memory makes.

MERGING = "id\tzh-Hans\ten\nmilitary-civil-fusion\t军民融合\tMCF of my own\n\t银行\tbank\n\t重庆\tChongqing\n\t军民融合发展\tfusion development\n"


@pytest.mark.parametrize(("text", "bundled"), [(ROWS, False), (ROWS, True), (MERGING, True)])
def test_the_streamed_compile_gives_what_the_compile_in_memory_gives(tmp_path: Path, cache_dir: Path, text: str, bundled: bool) -> None:
    import warnings

    path = _file(tmp_path, text)
    with warnings.catch_warnings(record=True) as streamed_warnings:
        warnings.simplefilter("always")
        streamed = glossary.load(path, bundled=bundled)
    with warnings.catch_warnings(record=True) as memory_warnings:
        warnings.simplefilter("always")
        in_memory = glossary.load(path, bundled=bundled, cache=False)
    assert len(_entries(cache_dir)) == 1
    assert streamed.compiled() == in_memory.compiled()
    assert [str(item.message) for item in streamed_warnings] == [str(item.message) for item in memory_warnings]
    assert sorted(path.name for path in cache_dir.iterdir()) == [_entries(cache_dir)[0].name]  # no staging file left


def test_a_streamed_compile_of_a_bad_file_leaves_no_entry_and_names_the_line(tmp_path: Path, cache_dir: Path) -> None:
    path = _file(tmp_path, ROWS + "no chinese here\tat all\n")
    with pytest.raises(glossary.DataError, match=f"{path}:4"):
        glossary.load(path)
    assert not cache_dir.exists() or list(cache_dir.iterdir()) == []


def test_a_file_is_compiled_into_its_entry_without_the_compile_in_memory(tmp_path: Path, cache_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(loading, "compile_path", lambda path: pytest.fail("compiled in memory"))
    found = glossary.load(_file(tmp_path))
    assert found.lookup_one("长江").preferred == "Yangtze" and len(_entries(cache_dir)) == 1


def test_import_compile_names_the_file_it_could_not_read_and_leaves_nothing(tmp_path: Path, cli) -> None:
    target = tmp_path / "out.glossary"
    missing = cli("import", str(tmp_path / "absent.utf8"), "--compile", "-o", str(target))
    assert missing.code == 2 and "absent.utf8" in missing.err and "out.glossary" not in missing.err and "Traceback" not in missing.err
    bad = cli("import", str(_file(tmp_path, ROWS + "no chinese here\tat all\n")), "--compile", "-o", str(target))
    assert bad.code == 2 and "mine.utf8:4" in bad.err
    assert sorted(path.name for path in tmp_path.iterdir()) == ["mine.utf8"]


def test_import_compile_counts_the_concepts_and_keeps_what_the_compile_in_memory_makes(tmp_path: Path, cli) -> None:
    path = _file(tmp_path)
    target = tmp_path / "out.glossary"
    result = cli("import", str(path), "--compile", "-o", str(target))
    assert result.code == 0 and "compiled 3 concepts" in result.err
    assert glossary.load(target, bundled=False).compiled() == glossary.load(path, bundled=False, cache=False).compiled()
