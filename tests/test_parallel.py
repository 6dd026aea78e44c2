"""Several processes give what one gives: count and scan with --jobs, and the Dask recipe of docs/api.md."""

from __future__ import annotations

import json
import os
import pickle
import random
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import glossary
from glossary.analysis import parallel
from glossary.analysis.parallel import count_files, cut_points, read_counted, run_end, scan_text


def _text(bundled: glossary.Glossary, size: int, seed: int = 3) -> str:
    """Chinese and English prose with terms of the bundled glossary, breaks inside English renderings too."""
    rng = random.Random(seed)
    terms = list(bundled)
    pieces: list[str] = []
    while sum(map(len, pieces)) < size:
        term = rng.choice(terms)
        pieces.append(rng.choice([term.zh.hans, term.zh.hant, f" {term.preferred} ", " MCF,", "发展", "。", "，", "\n", "military-civil\nfusion. "]))
    return "".join(pieces)


def test_an_unpickled_scanner_counts(bundled: glossary.Glossary) -> None:
    scanner = pickle.loads(pickle.dumps(bundled.scanner()))
    assert scanner.count("军民融合，军民融合") == {"military-civil-fusion": 2}


def test_cuts_fall_only_on_characters_no_match_can_hold(bundled: glossary.Glossary) -> None:
    text = _text(bundled, 20_000)
    scanner = bundled.scanner()
    points = cut_points(scanner, text, 8)
    assert len(points) >= 4 and points == sorted(set(points))
    for point in points:
        assert all(not (hit.start <= point < hit.end) for hit in scanner.scan(text))


def test_scan_in_two_processes_gives_the_hits_of_one(bundled: glossary.Glossary) -> None:
    text = _text(bundled, 30_000)
    one = bundled.scan(text)
    two = scan_text(bundled.scanner(), text, 2)
    assert [hit.to_dict() for hit in two] == [hit.to_dict() for hit in one]
    assert len(one) > 1000


def test_scan_and_count_with_jobs_print_what_one_process_prints(cli, bundled: glossary.Glossary, tmp_path: Path) -> None:
    text = tmp_path / "text.txt"
    text.write_text(_text(bundled, 5_000), encoding="utf-8")
    assert cli("scan", str(text), "--jobs", "2", "--json").out == cli("scan", str(text), "--json").out
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for year in range(2015, 2023):
        (corpus / f"rmrb-{year}-01-01.txt").write_text(_text(bundled, 3_000, seed=year), encoding="utf-8")
    (corpus / "2020-bad.txt").write_bytes(b"\xff\xfe not UTF-8")
    (corpus / "undated.txt").write_text("军民融合", encoding="utf-8")
    one = cli("count", str(corpus), "--json")
    two = cli("count", str(corpus), "--json", "--jobs", "2")
    assert one.code == two.code == 0
    assert json.loads(two.out) == json.loads(one.out)
    assert json.loads(one.out)["skipped"][0]["reason"].startswith("not UTF-8")
    assert cli("count", str(corpus), "--jobs", "-1").code == 2


@given(st.integers(0, 5000), st.integers(1, 16))
def test_the_runs_hand_out_every_file_once_in_order_shrinking_to_one(total: int, jobs: int) -> None:
    runs = []
    start = 0
    while (stop := run_end(start, total, jobs)) > start:
        runs.append(range(start, stop))
        start = stop
    assert [number for run in runs for number in run] == list(range(total))
    assert all(1 <= len(run) <= parallel._LONGEST_RUN for run in runs)
    assert [len(run) for run in runs] == sorted((len(run) for run in runs), reverse=True)
    assert not runs or len(runs[-1]) == 1
    assert run_end(total, total, jobs) == total  # nothing more once all are taken


def _corpus(bundled: glossary.Glossary, folder: Path, files: int) -> list[Path]:
    folder.mkdir()
    paths = []
    for number in range(files):
        path = folder / f"{2000 + number}-01-01.txt"
        path.write_text(_text(bundled, 500 + 97 * number, seed=number), encoding="utf-8")
        paths.append(path)
    (folder / "bad.txt").write_bytes(b"\xff not UTF-8")
    return [*paths[:3], folder / "bad.txt", folder / "missing.txt", *paths[3:]]


@pytest.mark.parametrize("jobs", [2, 3, 5])
def test_files_counted_in_processes_come_back_as_one_process_gives_them(bundled: glossary.Glossary, tmp_path: Path, jobs: int) -> None:
    files = _corpus(bundled, tmp_path / "corpus", 30)
    scanner = bundled.scanner()
    one = [read_counted(path, scanner.count) for path in files]
    assert list(count_files(scanner, files, jobs)) == one
    assert one[3][0] is None and one[4][0] is None and sum(len(found) for _, _, found in one) > 30
    assert list(count_files(scanner, files[:1], jobs)) == one[:1]
    assert list(count_files(scanner, [], jobs)) == []


def test_a_file_backed_glossary_counts_in_spawned_processes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from glossary.loading import cache as compile_cache

    monkeypatch.setenv(compile_cache.CACHE_ENV, str(tmp_path / "cache"))
    monkeypatch.setattr(compile_cache, "SMALL", 0)  # read on demand from the compiled file, as a large glossary is
    table = tmp_path / "own.utf8"
    table.write_text("银行\tbank\n存款\tdeposit\n", encoding="utf-8")
    glossary.load(table, bundled=False)  # compiles it
    own = glossary.load(table, bundled=False)
    assert own.file_backed
    folder = tmp_path / "corpus"
    folder.mkdir()
    files = []
    for number in range(4):
        files.append(folder / f"{2020 + number}.txt")
        files[-1].write_text("银行的存款，" * (number + 1), encoding="utf-8")
    scanner = own.scanner()
    assert list(count_files(scanner, files, 2)) == [read_counted(path, scanner.count) for path in files]


@pytest.fixture()
def forked(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The process ids of the workers forked during a test."""
    pids: list[int] = []
    fork = os.fork

    def recording() -> int:
        pid = fork()
        if pid:
            pids.append(pid)
        return pid

    monkeypatch.setattr(os, "fork", recording)
    return pids


def _all_ended(pids: list[int]) -> bool:
    """Whether every one of these child processes has ended and been waited for (none left behind)."""
    for pid in pids:
        try:
            os.waitpid(pid, os.WNOHANG)
        except ChildProcessError:
            continue
        return False
    return True


@pytest.mark.skipif(sys.platform != "linux", reason="the workers are forked only on Linux")
def test_an_error_in_a_worker_is_raised_in_the_caller_and_no_worker_is_left(bundled: glossary.Glossary, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, forked: list[int]) -> None:
    files = _corpus(bundled, tmp_path / "corpus", 12)

    def failing(path: Path, count: object) -> object:
        raise MemoryError(f"no room for {path.name}")

    monkeypatch.setattr(parallel, "read_counted", failing)  # the forked workers inherit it
    with pytest.raises(MemoryError, match="no room for"):
        list(count_files(bundled.scanner(), files, 2))
    assert len(forked) == 2 and _all_ended(forked)


@pytest.mark.skipif(sys.platform != "linux", reason="the workers are forked only on Linux")
def test_a_worker_that_dies_is_an_error_not_a_hang(bundled: glossary.Glossary, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, forked: list[int]) -> None:
    files = _corpus(bundled, tmp_path / "corpus", 12)

    def dying(path: Path, count: object) -> object:
        os.kill(os.getpid(), signal.SIGKILL)  # as the kernel's out-of-memory killer would
        raise AssertionError("not reached")

    monkeypatch.setattr(parallel, "read_counted", dying)
    with pytest.raises(RuntimeError, match="a counting process ended"):
        list(count_files(bundled.scanner(), files, 2))
    assert _all_ended(forked)


@pytest.mark.skipif(sys.platform != "linux", reason="the workers are forked only on Linux")
def test_a_count_left_unfinished_stops_its_workers(bundled: glossary.Glossary, tmp_path: Path, forked: list[int]) -> None:
    files = _corpus(bundled, tmp_path / "corpus", 40)
    counting = count_files(bundled.scanner(), files, 2)
    assert next(counting) == read_counted(files[0], bundled.scanner().count)
    counting.close()
    assert len(forked) == 2 and _all_ended(forked)


def test_counting_works_for_a_caller_holding_many_files_open(bundled: glossary.Glossary, tmp_path: Path) -> None:
    """The workers' pipes then have numbers past 1,024, which select.select cannot watch."""
    resource = pytest.importorskip("resource")
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if hard != resource.RLIM_INFINITY and hard < 1200:
        pytest.skip(f"this process may open only {hard} files")
    files = _corpus(bundled, tmp_path / "corpus", 6)
    scanner = bundled.scanner()
    expected = [read_counted(path, scanner.count) for path in files]
    resource.setrlimit(resource.RLIMIT_NOFILE, (max(soft, 1200), hard))
    held = []
    try:
        while not held or held[-1] < 1100:
            held.append(os.open(os.devnull, os.O_RDONLY))
        assert list(count_files(scanner, files, 2)) == expected
    finally:
        for descriptor in held:
            os.close(descriptor)
        resource.setrlimit(resource.RLIMIT_NOFILE, (soft, hard))


def test_counting_starts_without_the_formats_package_or_dataclasses(tmp_path: Path) -> None:
    """Every import before the first file is time no worker of --jobs can share."""
    (tmp_path / "2020.txt").write_text("军民融合", encoding="utf-8")
    script = (
        "import contextlib, io, sys\n"
        "from glossary.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        f"    main(['count', {str(tmp_path)!r}, '--json'])\n"
        "print(sorted(name for name in ('dataclasses', 'glossary.formats', 'multiprocessing') if name in sys.modules))\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True, cwd=Path(__file__).parent.parent)
    assert done.stdout.strip() == "[]"


def test_the_dask_recipe_on_a_local_cluster_counts_what_one_process_counts(bundled: glossary.Glossary) -> None:
    distributed = pytest.importorskip("distributed")
    from collections import Counter
    from functools import reduce

    documents = [_text(bundled, 2_000, seed=seed) for seed in range(40)]
    expected: Counter[str] = Counter()
    for document in documents:
        expected.update(bundled.scanner().count(document))
    # the recipe of docs/api.md, "Counting a corpus on Dask"
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        with distributed.Client(cluster) as client:
            scanner = client.scatter(glossary.load().scanner(), broadcast=True)
            futures = client.map(lambda document, scanner: scanner.count(document), documents, scanner=scanner)
            counts = client.submit(lambda found: reduce(lambda total, one: total + Counter(one), found, Counter()), futures).result()
            assert len(client.scheduler_info()["workers"]) == 2
    assert counts == expected
