"""Scanning and counting in several processes: the same result as one process, sooner on several cores.

Each worker process receives the pickled :class:`~glossary.analysis.scanner.Scanner` once (its
glossary; the automaton is rebuilt there on first use) and then only texts or file
names; it sends back plain data (counts, hits), which the calling process folds in
the input's order, so the result is identical to a run in one process.

- :func:`count_files` counts the terms of many files (``glossary count --jobs N``).
- :func:`scan_text` scans one long text in pieces (``glossary scan --jobs N``). It
  cuts the text only at a *safe* character: one that folds to a character no key
  contains and that is no word character. No match can hold such a character, and
  the boundary rules see it as they see the start or end of a text, so the pieces'
  hits, shifted by their offsets, are exactly the hits of the whole text.

On Linux the workers are forked, so they start with the caller's scanner already
built; elsewhere, and for a glossary read from the compile cache (whose SQLite
connection must not cross a fork), they are spawned and receive the pickled scanner.
"""

from __future__ import annotations

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable, Iterator, Sequence
    from pathlib import Path
    from typing import Any

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


def _pool(jobs: int, scanner: Scanner) -> Any:
    import multiprocessing
    import sys
    from concurrent.futures import ProcessPoolExecutor

    # fork (Linux) hands the built scanner to the workers at no cost; spawn pickles it and
    # each worker rebuilds its automaton (a second or more for large glossaries). A glossary
    # read from a compiled file holds an SQLite connection, which must not cross a fork.
    fork = sys.platform == "linux" and not scanner.glossary.file_backed
    context = multiprocessing.get_context("fork" if fork else "spawn")
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
    with _pool(min(jobs, len(files)), scanner) as pool:
        yield from pool.map(_count_one, files, chunksize=max(1, min(64, len(files) // (jobs * 8))))


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
