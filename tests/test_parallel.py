"""Several processes give what one gives: count and scan with --jobs, and the Dask recipe of docs/api.md."""

from __future__ import annotations

import json
import pickle
import random
from pathlib import Path

import pytest

import glossary
from glossary.analysis.parallel import cut_points, scan_text


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
