"""Large glossaries and corpora: each measured against a reference in the same run.

Targets (issue 13), on a 2-core machine:

- a 120,000-row OmegaT glossary (Chinese TAB English), after its first compile:
  ``glossary lookup --glossary big.utf8 X`` at most 1.0 s and 150 MB whole process;
  ``glossary.load("big.utf8")`` at most 5x ``csv.reader`` reading the same file;
- ``glossary import`` of a 1,000,000-row TSV to JSON: at most 2 GB peak (whole process);
- ``glossary count --jobs 2`` at least 1.7x faster than ``--jobs 1`` on a 100 MB corpus;
- the Dask recipe of docs/api.md (two worker processes) against the same count in
  one process: throughput, for information.

The commands run as a user runs them: from a wheel of this checkout installed with its
runtime dependencies only in a temporary venv (``_common.installed_copy``), from a folder
outside the checkout. An interpreter that lends the test environment's site-packages
starts slower (its ``.pth`` files import more), which adds serial time to every command
and would misstate the ratios. The in-process rows (``glossary.load`` against
``csv.reader``, the Dask recipe) run in the calling interpreter, which needs the test
extra for Dask. Every file is generated here (``synthetic.py``) in a temporary folder,
and the compile cache points there too (``$GLOSSARY_CACHE_DIR``): nothing is shipped or
left behind. Memory is each child process's peak resident set (``os.wait4``), read by a small launcher
process that starts every command (see ``LAUNCHER``).

    python3 benchmarks/scale.py [--quick] [--only glossary|import|count]
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

from _common import installed_copy, report
from synthetic import synthetic_corpus, synthetic_table

import glossary


#: CPU seconds (user + system) of the last child and the processes it waited for.
last_cpu = 0.0


#: The launcher of every measured command, run in a process of its own that stays small:
#: a child's peak resident set (``ru_maxrss``) starts at the peak of the process it was
#: started from, so children started from this one, once it has built large glossaries
#: in memory, would be charged for them. It reads one JSON command a line and answers
#: ``[seconds, peak KB, exit code, CPU seconds]``.
LAUNCHER = """
import json, os, subprocess, sys, time
for line in sys.stdin:
    command, env, cwd = json.loads(line)
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env, cwd=cwd)
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - start
    answer = [seconds, usage.ru_maxrss, os.waitstatus_to_exitcode(status), usage.ru_utime + usage.ru_stime]
    print(json.dumps(answer), flush=True)
"""


class Installed:
    """The installed copy the commands run from: its interpreter, environment and working folder, and the launcher."""

    def __init__(self, python: str, env: dict[str, str], cwd: Path) -> None:
        self.python = python
        self.env = env
        self.cwd = cwd
        self.launcher = subprocess.Popen([sys.executable, "-c", LAUNCHER], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)

    def glossary(self, *args: str) -> list[str]:
        return [self.python, "-m", "glossary", *args]

    def close(self) -> None:
        assert self.launcher.stdin is not None
        self.launcher.stdin.close()
        self.launcher.wait()


def run_child(command: list[str], installed: Installed) -> tuple[float, float, int]:
    """(seconds, peak MB, exit code) of one child process, started by the launcher; its CPU time goes to :data:`last_cpu`."""
    global last_cpu
    assert installed.launcher.stdin is not None and installed.launcher.stdout is not None
    installed.launcher.stdin.write(json.dumps([command, installed.env, str(installed.cwd)]) + "\n")
    installed.launcher.stdin.flush()
    seconds, peak_kb, code, last_cpu = json.loads(installed.launcher.stdout.readline())
    peak = peak_kb / 1024 if sys.platform != "darwin" else peak_kb / 1024 / 1024
    return seconds, peak, code


def big_glossary(folder: Path, installed: Installed, rows: int, rounds: int) -> list[tuple[str, str, str, bool | None]]:
    path = synthetic_table(folder / "big.utf8", rows, seed=5)
    query = path.open(encoding="utf-8").readline().split("\t")[0]
    first, first_peak, code = run_child(installed.glossary("lookup", "--glossary", str(path), query), installed)
    assert code == 0, "the first lookup failed"
    lookups = [run_child(installed.glossary("lookup", "--glossary", str(path), query), installed) for _ in range(rounds)]
    seconds = statistics.median(item[0] for item in lookups)
    peak = max(item[1] for item in lookups)
    bare = statistics.median(run_child([installed.python, "-c", "pass"], installed)[0] for _ in range(rounds))
    # in process: the load of the compiled entry against csv.reader over the same file, interleaved
    os.environ["GLOSSARY_CACHE_DIR"] = installed.env["GLOSSARY_CACHE_DIR"]
    loads, reads = [], []
    for _ in range(rounds):
        start = time.perf_counter()
        loaded = glossary.load(path)
        loaded.lookup(query)
        loads.append(time.perf_counter() - start)
        start = time.perf_counter()
        with path.open(encoding="utf-8", newline="") as stream:
            for _row in csv.reader(stream, delimiter="\t"):
                pass
        reads.append(time.perf_counter() - start)
    load, read = statistics.median(loads), statistics.median(reads)
    return [
        (f"first compile of {rows:,} rows (lookup --glossary)", f"{first:.0f} s, {first_peak:.0f} MB", "(once)", None),
        ("python -c pass (reference)", f"{bare * 1000:.0f} ms", "", None),
        ("lookup --glossary big.utf8, compiled", f"{seconds:.2f} s = {seconds / bare:.0f}x", "<= 1.0 s", seconds <= 1.0),
        ("  peak memory, whole process", f"{peak:.0f} MB", "<= 150 MB", peak <= 150),
        ("csv.reader over the file (reference)", f"{read * 1000:.0f} ms", "", None),
        ("glossary.load(big.utf8), compiled", f"{load * 1000:.0f} ms = {load / read:.2f}x", "<= 5x", load / read <= 5),
    ]


def big_import(folder: Path, installed: Installed, rows: int) -> list[tuple[str, str, str, bool | None]]:
    path = synthetic_table(folder / "import.tsv", rows, seed=7)
    size = path.stat().st_size / 1e6
    seconds, peak, code = run_child(installed.glossary("import", str(path), "-o", str(folder / "import.json")), installed)
    bare = run_child([installed.python, "-c", "import glossary.formats.converting, pydantic, pypinyin"], installed)[1]
    per_row = (peak - bare) * 1024 / rows
    return [
        (f"import of {rows:,} rows ({size:.0f} MB) to JSON", f"{seconds:.0f} s, exit {code}", "exit 0", code == 0),
        ("  peak memory, whole process", f"{peak:.0f} MB", "<= 2048 MB", peak <= 2048 and code == 0),
        ("  above the interpreter with the import modules", f"{per_row:.2f} KB a row", "", None),
    ]


def corpus_folder(folder: Path, megabytes: int) -> Path:
    """Dated files of generated Chinese prose with bundled terms, about 1 MB each."""
    corpus = folder / "corpus"
    corpus.mkdir()
    bundled = glossary.load()
    text = synthetic_corpus(bundled, 330_000, seed=11, english=0.02)  # about 1 MB of UTF-8
    for number in range(megabytes):
        year = 2000 + number % 24
        (corpus / f"{year}-{number % 12 + 1:02d}-{number % 28 + 1:02d}-{number}.txt").write_text(text, encoding="utf-8")
    return corpus


def jobs(corpus: Path, installed: Installed, rounds: int) -> list[tuple[str, str, str, bool | None]]:
    # the first, untimed run reads the files into the page cache
    start = corpus.parent / "start"  # one short dated file: the serial part (start, load, scanner, output)
    start.mkdir(exist_ok=True)
    first = sorted(corpus.iterdir())[0]
    (start / first.name).write_text(first.read_text(encoding="utf-8")[:1000], encoding="utf-8")
    run_child(installed.glossary("count", str(corpus), "--json"), installed)
    times: dict[int, list[float]] = {1: [], 2: []}
    cpu: dict[int, list[float]] = {0: [], 1: [], 2: []}
    for _ in range(rounds):
        for count in (1, 2):
            seconds, _, code = run_child(installed.glossary("count", str(corpus), "--json", "--jobs", str(count)), installed)
            assert code == 0
            times[count].append(seconds)
            cpu[count].append(last_cpu)
        run_child(installed.glossary("count", str(start), "--json"), installed)
        cpu[0].append(last_cpu)
    one, two = statistics.median(times[1]), statistics.median(times[2])
    megabytes = sum(path.stat().st_size for path in corpus.iterdir()) / 1e6
    serial, cpu_one, cpu_two = (statistics.median(cpu[count]) for count in (0, 1, 2))
    # on a machine whose other cores are busy, wall time cannot show the split; CPU time shows what it costs,
    # and with the serial part S and the work W of each, the most two free cores can give: (S + W1) / (S + W2 / 2)
    # (a ceiling: the workers' uneven finish and any serial set-up of --jobs 2 itself count as shared here)
    expected = cpu_one / (serial + (cpu_two - serial) / 2)
    return [
        (f"count --jobs 1 over {megabytes:.0f} MB (reference)", f"{one:.1f} s = {megabytes / one:.1f} MB/s", "", None),
        ("count --jobs 2", f"{two:.1f} s = {one / two:.2f}x faster", ">= 1.7x", one / two >= 1.7),
        ("  CPU time of --jobs 2 against --jobs 1", f"{cpu_two / cpu_one:.2f}x", "(work added by splitting)", None),
        ("  serial part (count of one short file), CPU", f"{serial * 1000:.0f} ms = {serial / cpu_one:.0%} of --jobs 1", "", None),
        ("  at most, on 2 free cores (from CPU time)", f"{expected:.2f}x", "(Amdahl ceiling)", None),
        ("  cores free for this run (os.getloadavg)", f"{max(0.0, (os.cpu_count() or 1) - os.getloadavg()[0]):.1f} of {os.cpu_count()}", "", None),
    ]


def dask(corpus: Path, files: int) -> list[tuple[str, str, str, bool | None]]:
    try:
        from distributed import Client, LocalCluster
    except ImportError:
        return [("Dask (dask[distributed] not installed)", "skipped", "", None)]
    from collections import Counter
    from functools import reduce

    documents = [path.read_text(encoding="utf-8") for path in sorted(corpus.iterdir())[:files]]
    megabytes = sum(len(document.encode("utf-8")) for document in documents) / 1e6
    scanner = glossary.load().scanner()
    start = time.perf_counter()
    expected: Counter[str] = Counter()
    for document in documents:
        expected.update(scanner.count(document))
    alone = time.perf_counter() - start
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster, Client(cluster) as client:
        shared = client.scatter(glossary.load().scanner(), broadcast=True)
        for address in client.scheduler_info()["workers"]:  # each worker builds its automaton once, before the clock
            client.submit(lambda document, scanner: scanner.count(document), documents[0], scanner=shared, workers=[address], pure=False).result()
        start = time.perf_counter()
        futures = client.map(lambda document, scanner: scanner.count(document), documents, scanner=shared, pure=False)
        total = client.submit(lambda found: reduce(lambda a, b: a + Counter(b), found, Counter()), futures).result()
        distributed_seconds = time.perf_counter() - start
    return [
        (f"in-process Scanner.count over {megabytes:.0f} MB (reference)", f"{megabytes / alone:.1f} MB/s", "", None),
        ("Dask, 2 worker processes (docs/api.md recipe)", f"{megabytes / distributed_seconds:.1f} MB/s = {alone / distributed_seconds:.2f}x", "(information)", None),
        ("  the same counts", "yes" if total == expected else "NO", "yes", total == expected),
    ]


#: The parts of this benchmark, each measurable alone (``--only count``).
PARTS = ("glossary", "import", "count")


def main(quick: bool = False, only: Sequence[str] = PARTS) -> bool:
    with tempfile.TemporaryDirectory(prefix="glossary-bench-") as name:
        folder = Path(name)
        python, _, _ = installed_copy(name)
        env = {key: value for key, value in os.environ.items() if key not in ("PYTHONPATH", "PYTHONHOME")}
        installed = Installed(python, {**env, "GLOSSARY_CACHE_DIR": str(folder / "cache")}, folder)
        try:
            met = measure(folder, installed, quick, only)
        finally:
            installed.close()
    return met


def measure(folder: Path, installed: Installed, quick: bool, only: Sequence[str]) -> bool:
    """The parts named in ``only``, each printed as it is measured; True when every target was met."""
    met = True
    if "glossary" in only:
        rows = big_glossary(folder, installed, 12_000 if quick else 120_000, 3 if quick else 7)
        met = report("A large glossary, compiled once (medians)", rows) and met
    if "import" in only:
        rows = big_import(folder, installed, 20_000 if quick else 1_000_000)
        met = report("Importing a large TSV (concept by concept)", rows) and met
    if "count" in only:
        corpus = corpus_folder(folder, 10 if quick else 100)
        rows = jobs(corpus, installed, 1 if quick else 3)
        rows += dask(corpus, 10 if quick else 40)
        met = report("Counting a corpus in several processes", rows) and met
    return met


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--only", action="append", choices=PARTS, help="measure only this part (may be given more than once)")
    options = parser.parse_args()
    sys.exit(0 if main(options.quick, options.only or PARTS) else 1)
