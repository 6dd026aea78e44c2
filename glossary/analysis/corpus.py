"""Folders of dated text files: each file's date, and term counts per year or month.

A file's date comes from its name (``2023-03-09-rmrb.txt``, ``20230309.txt``,
``xinhua_2019.txt``, ``2023年3月9日.txt``) or, failing that, from its first non-empty
line (``2023年3月9日 人民日报``, ``Date: 2023-03-09``). Files without either are
skipped and reported; so are files that are not UTF-8.
"""

from __future__ import annotations

import re
from pathlib import Path

from glossary.errors import DataError

TYPE_CHECKING = False
if TYPE_CHECKING:
    from glossary.analysis.glossary import Glossary
    from glossary.core.progress import Progress

__all__ = ["PERIODS", "Counts", "count_by_period", "date_of", "find_date", "text_files"]

#: What ``count_by_period`` can group by.
PERIODS = ("year", "month")

_COMPACT = re.compile(r"(?<!\d)((?:19|20)\d\d)(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])(?!\d)")
_DATE = re.compile(r"(?<!\d)((?:19|20)\d\d)(?:\s*[-_./年]\s*(\d{1,2})(?:\s*[-_./月]\s*(\d{1,2}))?)?(?!\d)")


def find_date(text: str) -> str | None:
    """The first date in a string as ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``; None when there is none.

    >>> find_date("rmrb-2023年3月9日.txt")
    '2023-03-09'
    """
    compact = _COMPACT.search(text)
    spelled = _DATE.search(text)
    if compact and (not spelled or compact.start() <= spelled.start()):
        return f"{compact.group(1)}-{compact.group(2)}-{compact.group(3)}"
    if not spelled:
        return None
    year, month, day = spelled.groups()
    if month and 1 <= int(month) <= 12:
        if day and 1 <= int(day) <= 31:
            return f"{year}-{int(month):02d}-{int(day):02d}"
        return f"{year}-{int(month):02d}"
    return year


def date_of(path: Path, text: str) -> str | None:
    """A file's date: from its name, else from its first non-empty line."""
    found = find_date(path.stem)
    if found:
        return found
    for line in text[:2000].splitlines():
        if line.strip():
            return find_date(line)
    return None


def text_files(folder: Path) -> list[Path]:
    """The files under a folder (recursively), hidden ones left out, in name order."""
    from glossary.core.files import is_folder

    if not is_folder(folder):
        raise DataError([(str(folder), "not a folder")])
    return sorted(
        path
        for path in folder.rglob("*")
        if path.is_file() and not any(part.startswith(".") for part in path.relative_to(folder).parts)
    )


class Counts:
    """Term counts per period: what ``glossary count`` prints and draws.

    A plain class, not a dataclass: ``dataclasses`` (with ``inspect``) would add about
    10 ms to every count's start, time no worker of ``--jobs`` can share.
    """

    def __init__(self, by: str, unit: str) -> None:
        self.by = by
        #: occurrences, or documents (files) that hold the term at least once
        self.unit = unit
        self.periods: list[str] = []
        #: term id -> period -> count
        self.table: dict[str, dict[str, int]] = {}
        #: files counted per period
        self.files: dict[str, int] = {}
        #: (file, reason) of every file left out
        self.skipped: list[tuple[str, str]] = []

    def __repr__(self) -> str:
        return f"<Counts of {len(self.table)} terms per {self.by} over {len(self.periods)} periods>"

    def total(self, term_id: str) -> int:
        return sum(self.table.get(term_id, {}).values())

    def ranked(self) -> list[str]:
        """Term ids, most counted first."""
        return sorted(self.table, key=lambda term_id: (-self.total(term_id), term_id))


def count_by_period(
    glossary: Glossary,
    files: list[Path],
    *,
    by: str = "year",
    documents: bool = False,
    only: set[str] | None = None,
    progress: Progress | None = None,
    jobs: int = 1,
) -> Counts:
    """Count the terms of every dated file, per year (``by="year"``) or month.

    ``documents=True`` counts files holding a term instead of occurrences (as the
    "articles containing" charts of the briefs do); ``only`` restricts the count to
    these term ids. ``jobs`` > 1 counts the files in that many processes (the same result).
    """
    if by not in PERIODS:
        raise ValueError(f"unknown period {by!r}: use one of {', '.join(PERIODS)}")
    from glossary.analysis.parallel import count_files

    counts = Counts(by=by, unit="documents" if documents else "occurrences")
    periods: set[str] = set()
    for path, (head, error, found) in zip(files, count_files(glossary.scanner(), files, jobs)):
        if head is None:
            counts.skipped.append((str(path), error or "unreadable"))
        else:
            date = date_of(path, head)
            if date is None:
                counts.skipped.append((str(path), "no date in the file name or first line"))
            elif by == "month" and len(date) < 7:
                counts.skipped.append((str(path), f"dated {date} only, not to the month"))
            else:
                period = date[:4] if by == "year" else date[:7]
                periods.add(period)
                counts.files[period] = counts.files.get(period, 0) + 1
                for term_id, number in found.items():
                    if only is not None and term_id not in only:
                        continue
                    row = counts.table.setdefault(term_id, {})
                    row[period] = row.get(period, 0) + (1 if documents else number)
        if progress is not None:
            progress.advance()
    counts.periods = _fill(sorted(periods), by)
    return counts


def _fill(periods: list[str], by: str) -> list[str]:
    """Every period from the first to the last, so gaps show as zero bars."""
    if not periods:
        return []
    if by == "year":
        return [str(year) for year in range(int(periods[0]), int(periods[-1]) + 1)]
    first_year, first_month = map(int, periods[0].split("-"))
    last_year, last_month = map(int, periods[-1].split("-"))
    out = []
    year, month = first_year, first_month
    while (year, month) <= (last_year, last_month):
        out.append(f"{year}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return out


def read_input(name: str) -> str:
    """The text of a file, or of stdin for ``-``: UTF-8 (a BOM is dropped); DataError otherwise."""
    import sys

    if name == "-":
        data = sys.stdin.buffer.read()
    else:
        from glossary.core.files import read_file

        data = read_file(name)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise DataError([(f"{name}:{line}", f"not UTF-8 text (byte {error.start})")]) from None


def line_columns(text: str) -> tuple[list[int], int]:
    """Offsets where each line starts (for :func:`position`), and the count of lines."""
    starts = [0]
    index = text.find("\n")
    while index != -1:
        starts.append(index + 1)
        index = text.find("\n", index + 1)
    return starts, len(starts)


def position(starts: list[int], offset: int) -> tuple[int, int]:
    """1-based (line, column) of a character offset."""
    from bisect import bisect_right

    line = bisect_right(starts, offset)
    return line, offset - starts[line - 1] + 1
