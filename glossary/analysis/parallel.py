"""Scanning and counting in several processes: the same result as one process, sooner on several cores.

Each worker process receives the :class:`~glossary.analysis.scanner.Scanner` once and
sends back plain data (counts, hits), which the calling process puts back in the
input's order, so the result is identical to a run in one process.

- :func:`count_files` counts the terms of many files (``glossary count --jobs N``). The
  workers take runs of files from a shared counter, long runs first and single files
  at the end (:func:`next_run`), so they finish together; the calling process only
  receives and orders the results, leaving the cores to the workers.
- :func:`scan_text` scans one long text in pieces (``glossary scan --jobs N``). It
  cuts the text only at a *safe* character: one that folds to a character no key
  contains and that is no word character. No match can hold such a character, and
  the boundary rules see it as they see the start or end of a text, so the pieces'
  hits, shifted by their offsets, are exactly the hits of the whole text.

On Linux the workers are forked, so they start with the caller's scanner already
built; elsewhere, and for a glossary read from the compile cache (whose SQLite
connection must not cross a fork), they are spawned and receive the pickled scanner
(its glossary; the automaton is rebuilt there on first use).
"""

from __future__ import annotations

import contextlib

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable, Iterator, Sequence
    from pathlib import Path
    from typing import Any, NoReturn

    from glossary.analysis.hits import Hit

    from glossary.analysis.scanner import Scanner

    Counted = tuple[str | None, str | None, dict[str, int]]

__all__ = ["count_files", "cut_points", "scan_text"]

_scanner: Scanner | None = None


def _start_worker(scanner: Scanner) -> None:
    global _scanner
    _scanner = scanner


def _worker_scanner() -> Scanner:
    assert _scanner is not None, "not a worker started by glossary.analysis.parallel"
    return _scanner


def _forkable(scanner: Scanner) -> bool:
    """Whether workers may be forked: on Linux, unless the glossary is read from a compiled file."""
    import sys

    # fork hands the built scanner to the workers at no cost; spawn pickles it and each
    # worker rebuilds its automaton (a second or more for large glossaries). A glossary
    # read from a compiled file holds an SQLite connection, which must not cross a fork.
    return sys.platform == "linux" and not scanner.glossary.file_backed


def _pool(jobs: int, scanner: Scanner) -> Any:
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    context = multiprocessing.get_context("fork" if _forkable(scanner) else "spawn")
    scanner.key_texts()  # built once here, before the workers start
    return ProcessPoolExecutor(max_workers=jobs, mp_context=context, initializer=_start_worker, initargs=(scanner,))


# --- many files ---------------------------------------------------------------


# What a file gives (Counted): the start of its text (None when unreadable), why it is unreadable, its term counts.


def read_counted(path: Path, count: Callable[[str], dict[str, int]]) -> Counted:
    """A file read and counted: ``(its first 2,000 characters, None, counts)``, or ``(None, why, {})``."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as error:
        return None, f"not UTF-8 (byte {error.start})", {}
    except OSError as error:
        return None, error.strerror or str(error), {}
    return text[:2000], None, count(text)


def _count_one(path: Path) -> Counted:
    return read_counted(path, _worker_scanner().count)


def count_files(scanner: Scanner, files: Sequence[Path], jobs: int) -> Iterator[Counted]:
    """:func:`read_counted` for each file, in order, in ``jobs`` processes."""
    if jobs <= 1 or len(files) < 2:
        for path in files:
            yield read_counted(path, scanner.count)
        return
    jobs = min(jobs, len(files))
    if _forkable(scanner):
        yield from _forked_counts(scanner, files, jobs)
        return
    # spawned workers each import the package and rebuild the automaton: the pool's own cost is small beside that
    with _pool(jobs, scanner) as pool:
        yield from pool.map(_count_one, files, chunksize=max(1, min(64, len(files) // (jobs * 8))))


#: The longest run of files a worker takes at once (fewer messages for many small files).
_LONGEST_RUN = 64


def run_end(start: int, total: int, jobs: int) -> int:
    """Where the run of files a worker takes at ``start`` ends: a quarter of each worker's share of what is left.

    The runs shrink to one file at the end, so the workers finish within about one
    file of each other (a fixed chunk size leaves up to a chunk's imbalance at the end).
    """
    return min(total, start + max(1, min(_LONGEST_RUN, (total - start) // (4 * jobs))))


def _forked_counts(scanner: Scanner, files: Sequence[Path], jobs: int) -> Iterator[Counted]:
    """:func:`read_counted` for each file in ``jobs`` forked workers, yielded in the files' order.

    Plain ``os.fork`` and pipes: ``multiprocessing`` would cost this process about 25 ms
    of imports and set-up before the first file, time no worker can share. The workers
    take runs of files (:func:`run_end`) through a token pipe, with no round trip
    through this process, which only receives and orders the results and so leaves the
    cores to the workers. Each run's results come back as one message.
    """
    import gc
    import os

    scanner.key_texts()  # built once here: the workers inherit it
    token = os.pipe()  # holds the count of files handed out; whoever reads it holds it until writing it back
    os.write(token[1], (0).to_bytes(8, "little"))
    workers: dict[int, int] = {}  # receiving end -> worker's process id
    gc.freeze()  # the workers' collector then leaves the inherited objects (and their memory pages) alone
    try:
        for _ in range(jobs):
            receiving, sending = os.pipe()
            pid = os.fork()
            if pid == 0:  # the worker
                _forked_worker(scanner, files, jobs, token, sending, [receiving, *workers])
            os.close(sending)
            workers[receiving] = pid
        gc.unfreeze()
        yield from _in_order(_received(workers), len(files))
    finally:
        gc.unfreeze()
        for end in token:
            os.close(end)
        _stop(workers)


def _forked_worker(scanner: Scanner, files: Sequence[Path], jobs: int, token: tuple[int, int], sending: int, unused: list[int]) -> NoReturn:
    """A forked worker's life: take runs of files until none is left, send each run's results; never returns.

    ``unused``: the caller's receiving ends, closed here.
    """
    import os
    import signal

    status = 1
    try:
        for end in unused:
            os.close(end)
        signal.signal(signal.SIGINT, signal.SIG_IGN)  # on Ctrl-C the caller stops the workers: no traceback from each
        while True:
            start = int.from_bytes(_read_exactly(token[0], 8), "little")
            stop = run_end(start, len(files), jobs)
            os.write(token[1], stop.to_bytes(8, "little"))
            if start == stop:
                break
            _send(sending, (start, [read_counted(files[number], scanner.count) for number in range(start, stop)]))
        status = 0
    except BaseException as error:  # the caller raises it
        with contextlib.suppress(BaseException):  # one that does not pickle, or no caller left: the exit status tells
            _send(sending, (-1, error))
    finally:
        os._exit(status)  # no clean-up of the caller's state: it is the caller's


def _send(end: int, message: object) -> None:
    """One message down a pipe: its length (8 bytes), then its pickle."""
    import os
    import pickle

    data = pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL)
    view = memoryview(len(data).to_bytes(8, "little") + data)
    while view:
        view = view[os.write(end, view) :]


def _read_exactly(end: int, size: int) -> bytes:
    """``size`` bytes from a pipe; EOFError when it closes first."""
    import os

    chunks = []
    while size:
        chunk = os.read(end, min(size, 1 << 20))
        if not chunk:
            raise EOFError
        chunks.append(chunk)
        size -= len(chunk)
    return b"".join(chunks)


def _received(workers: dict[int, int]) -> Iterator[tuple[int, list[Counted]]]:
    """The workers' messages as they come, until every worker has ended; a worker's error is raised here.

    ``workers`` maps each receiving end to its worker's process id; an ended worker leaves it.
    """
    import os
    import pickle
    import select

    waiting = select.poll()  # not select.select: the caller may hold more than 1,024 files open
    for end in workers:
        waiting.register(end, select.POLLIN)
    while workers:
        for end, _ in waiting.poll():
            try:
                start, results = pickle.loads(_read_exactly(end, int.from_bytes(_read_exactly(end, 8), "little")))
            except EOFError:  # the worker has closed its end: it has ended, or is ending
                waiting.unregister(end)
                os.close(end)
                _, status = os.waitpid(workers.pop(end), 0)
                if status:
                    raise RuntimeError(f"a counting process ended with status {os.waitstatus_to_exitcode(status)}") from None
                continue
            if start < 0:
                raise results
            yield start, results


def _in_order(messages: Iterator[tuple[int, list[Counted]]], total: int) -> Iterator[Counted]:
    """The results of runs of files, which come in any order, in the files' order."""
    ready: dict[int, Counted] = {}
    following = 0
    for start, results in messages:
        ready.update(zip(range(start, start + len(results)), results))
        while following in ready:
            yield ready.pop(following)
            following += 1
    if following < total:
        raise RuntimeError(f"{total - following} files were not counted")


def _stop(workers: dict[int, int]) -> None:
    """End the workers still running (a count left unfinished or failed) and wait for them."""
    import os
    import signal

    for end, pid in workers.items():
        os.close(end)
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGTERM)
        os.waitpid(pid, 0)
    workers.clear()


# --- one long text ------------------------------------------------------------


def _safe_characters(scanner: Scanner) -> Callable[[str], bool]:
    from glossary.analysis.fold import fold, is_word_char

    in_keys = set("".join(scanner.key_texts()))
    safe: dict[str, bool] = {}

    def is_safe(char: str) -> bool:
        found = safe.get(char)
        if found is None:
            folded = fold(char)
            found = safe[char] = len(folded) == 1 and folded not in in_keys and not is_word_char(folded) and not is_word_char(char)
        return found

    return is_safe


def cut_points(scanner: Scanner, text: str, pieces: int) -> list[int]:
    """Offsets of safe characters splitting ``text`` into about ``pieces`` parts (fewer when none is near)."""
    if pieces <= 1 or not text:
        return []
    is_safe = _safe_characters(scanner)
    size = len(text) // pieces
    points: list[int] = []
    for number in range(1, pieces):
        position = max(number * size, points[-1] + 1 if points else 0)
        limit = min(len(text), position + size)
        while position < limit and not is_safe(text[position]):
            position += 1
        if position < limit:
            points.append(position)
    return points


def _scan_piece(task: tuple[int, str]) -> list[Hit]:
    from glossary.analysis.hits import Hit

    offset, piece = task
    new = tuple.__new__
    return [new(Hit, (hit[0] + offset, hit[1] + offset, hit[2], hit[3])) for hit in _worker_scanner().scan(piece)]


def scan_text(scanner: Scanner, text: str, jobs: int) -> list[Hit]:
    """``scanner.scan(text)`` in ``jobs`` processes (the same hits, in order)."""
    points = cut_points(scanner, text, jobs * 4) if jobs > 1 else []
    if not points:
        return scanner.scan(text)
    bounds = [0, *points, len(text)]
    # the safe character at each cut belongs to no piece: no match can hold it
    tasks = [(start + (index > 0), text[start + (index > 0) : end]) for index, (start, end) in enumerate(zip(bounds, bounds[1:]))]
    hits: list[Hit] = []
    with _pool(jobs, scanner) as pool:
        for found in pool.map(_scan_piece, tasks):
            hits.extend(found)
    return hits
