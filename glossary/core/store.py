"""Compiled glossaries on disk: one SQLite file a :class:`~glossary.core.index.TermIndex` reads on demand.

A user's glossary (a terms folder, a TSV/CSV/TBX/JSON file) is compiled once, by the
same :func:`~glossary.authoring.build.compile_concepts` the bundled terms go through, into the
same plain data: per term, the JSON contract's dict and its derived dict (pinyin
forms, localised dates, lookup keys). This module stores that data so a later run
need not compile again, and so it need not even hold it in memory:

- ``terms``: one row per term, in id order (its position), the two dicts marshalled
  and zlib-compressed;
- ``keys``: every lookup key as ``(family, key, position, kind, surface)``, the
  postings :class:`~glossary.core.index.TermIndex` keeps in dicts for the bundled terms,
  here under SQLite's primary-key B-tree (a probe costs tens of microseconds);
- ``inverse``: relations read from their target's side;
- ``meta``: format, compiler version, cited documents, warnings the compile gave.

Why SQLite: opening it costs a few milliseconds whatever its size, and a lookup
reads a handful of pages, so a 120,000-row glossary loads in the time of a small
one and holds a few megabytes instead of the ~4 KB per term its dicts take in
memory. marshal (not JSON) for the rows: it is built in and several times faster
to decode; the file records the Python version it was written by (see
:mod:`glossary.loading.cache`, which keys entries by it).
"""

from __future__ import annotations

import marshal
import os
import sqlite3
import zlib
from collections.abc import Sequence

from glossary.errors import GlossaryError

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Iterator
    from typing import Any

__all__ = ["STORE_FORMAT", "Store", "StoreError", "pack", "unpack", "write_store", "write_store_rows"]

#: Version of the file layout; a file of another version is not read (it is rebuilt).
STORE_FORMAT = "1"


class StoreError(GlossaryError):
    """A compiled file that cannot be read: corrupt, truncated, another layout or version."""


def pack(value: Any) -> bytes:
    """A row's dict as stored: marshalled, then zlib-compressed."""
    return zlib.compress(marshal.dumps(value), 1)


def unpack(blob: bytes) -> Any:
    return marshal.loads(zlib.decompress(blob))


def write_store(path: str, compiled: dict[str, Any], *, origin: str, warnings: Iterable[str] = ()) -> None:
    """Write ``compiled`` (the loader's form) to a new SQLite file at ``path``; the caller renames it into place."""
    kept = list(warnings)
    write_store_rows(
        path,
        zip(compiled["terms"], compiled["derived"]),
        compiler=compiled["compiler"],
        origin=origin,
        finish=lambda: (compiled["sources"], kept),
    )


def write_store_rows(
    path: str,
    pairs: Iterable[tuple[dict[str, Any], dict[str, Any]]],
    *,
    compiler: int,
    origin: str,
    finish: Callable[[], tuple[dict[str, Any], list[str]]],
) -> int:
    """Write ``(term, derived)`` pairs, in id order, to a new SQLite file at ``path``, one at a time; how many.

    ``finish()`` gives the cited documents and the compile's warnings once every pair
    was written (a streamed compile knows them only then). Nothing holds the pairs.
    """
    from glossary.core.constants import INVERSE_RELATIONS

    if os.path.exists(path):
        os.unlink(path)
    connection = sqlite3.connect(path)
    try:
        connection.executescript(
            """
            PRAGMA journal_mode = OFF;
            PRAGMA synchronous = OFF;
            CREATE TABLE meta (name TEXT PRIMARY KEY, value BLOB) WITHOUT ROWID;
            CREATE TABLE terms (position INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, data BLOB NOT NULL, derived BLOB NOT NULL);
            CREATE TABLE keys (family TEXT, key TEXT, position INTEGER, kind TEXT, surface TEXT,
                               PRIMARY KEY (family, key, position, surface)) WITHOUT ROWID;
            CREATE TABLE inverse (target TEXT, label TEXT, source TEXT, PRIMARY KEY (target, source, label)) WITHOUT ROWID;
            """
        )
        count = 0
        for position, (term, extra) in enumerate(pairs):
            connection.execute("INSERT INTO terms VALUES (?, ?, ?, ?)", (position, term["id"], pack(term), pack(extra)))
            connection.executemany(
                "INSERT OR IGNORE INTO keys VALUES (?, ?, ?, ?, ?)",
                ((family, key, position, kind, surface) for family, key, kind, surface in extra["keys"]),
            )
            connection.executemany(
                "INSERT OR IGNORE INTO inverse VALUES (?, ?, ?)",
                ((relation["target"], INVERSE_RELATIONS[relation["type"]], term["id"]) for relation in term.get("relations", ())),
            )
            count = position + 1
        sources, warnings = finish()
        meta = {
            "format": STORE_FORMAT,
            "compiler": str(compiler),
            "origin": origin,
            "count": str(count),
            "sources": pack(sources),
            "warnings": pack(list(warnings)),
        }
        connection.executemany("INSERT INTO meta VALUES (?, ?)", meta.items())
        connection.commit()
    finally:
        connection.close()
    return count


class _Rows(Sequence["Any"]):
    """A read-only sequence of one column of ``terms`` (``data`` or ``derived``), decoded on access."""

    def __init__(self, store: Store, column: str) -> None:
        self._store = store
        self._column = column
        self._length = store.count
        self._decoded: dict[int, Any] = {}

    def __len__(self) -> int:
        return self._length

    def __getitem__(self, position: Any) -> Any:
        found = self._decoded.get(position)
        if found is None:
            if not 0 <= position < self._length:
                raise IndexError(position)
            (blob,) = self._store.one(f"SELECT {self._column} FROM terms WHERE position = ?", (position,))
            found = self._decoded[position] = unpack(blob)
        return found

    def __iter__(self) -> Iterator[Any]:
        for (blob,) in self._store.rows(f"SELECT {self._column} FROM terms ORDER BY position"):
            yield unpack(blob)


class _Positions:
    """Term id -> position, read from the file (``get``, ``in``, ``len``)."""

    def __init__(self, store: Store) -> None:
        self._store = store

    def get(self, term_id: object, default: Any = None) -> Any:
        if not isinstance(term_id, str):
            return default
        row = self._store.first("SELECT position FROM terms WHERE id = ?", (term_id,))
        return default if row is None else row[0]

    def __contains__(self, term_id: object) -> bool:
        return self.get(term_id) is not None

    def __getitem__(self, term_id: str) -> int:
        position = self.get(term_id)
        if position is None:
            raise KeyError(term_id)
        return int(position)

    def __len__(self) -> int:
        return self._store.count


class _Family:
    """The postings of one key family: normalised key -> ``[(position, kind, surface), ...]``."""

    def __init__(self, store: Store, family: str) -> None:
        self._store = store
        self._family = family

    def get(self, key: object, default: Any = None) -> Any:
        if not isinstance(key, str):
            return default
        found = [
            (position, kind, surface)
            for position, kind, surface in self._store.rows(
                "SELECT position, kind, surface FROM keys WHERE family = ? AND key = ? ORDER BY position", (self._family, key)
            )
        ]
        return found or default

    def __getitem__(self, key: str) -> list[tuple[int, str, str]]:
        found: list[tuple[int, str, str]] | None = self.get(key)
        if found is None:
            raise KeyError(key)
        return found

    def __contains__(self, key: object) -> bool:
        return isinstance(key, str) and self._store.first("SELECT 1 FROM keys WHERE family = ? AND key = ?", (self._family, key)) is not None

    def __iter__(self) -> Iterator[str]:
        for (key,) in self._store.rows("SELECT DISTINCT key FROM keys WHERE family = ? ORDER BY key", (self._family,)):
            yield key

    def __len__(self) -> int:
        row = self._store.one("SELECT COUNT(DISTINCT key) FROM keys WHERE family = ?", (self._family,))
        return int(row[0])

    def keys(self) -> Iterator[str]:
        return iter(self)

    def items(self) -> Iterator[tuple[str, list[tuple[int, str, str]]]]:
        current: str | None = None
        postings: list[tuple[int, str, str]] = []
        for key, position, kind, surface in self._store.rows(
            "SELECT key, position, kind, surface FROM keys WHERE family = ? ORDER BY key, position", (self._family,)
        ):
            if key != current:
                if current is not None:
                    yield current, postings
                current, postings = key, []
            postings.append((position, kind, surface))
        if current is not None:
            yield current, postings

    def values(self) -> Iterator[list[tuple[int, str, str]]]:
        return (postings for _, postings in self.items())


class _Inverse:
    """Relations from their target's side: term id -> ``[(label, other id), ...]``."""

    def __init__(self, store: Store) -> None:
        self._store = store

    def get(self, term_id: str, default: Any = ()) -> Any:
        found = [(label, source) for label, source in self._store.rows("SELECT label, source FROM inverse WHERE target = ? ORDER BY source", (term_id,))]
        return found or default


class Store:
    """An open compiled file. Raises :class:`StoreError` when it is not one this version reads."""

    def __init__(self, path: str, *, compiler: int) -> None:
        self.path = path
        try:
            # read-only: many processes may read one cache entry while another writes a new one beside it
            from urllib.parse import quote

            uri = f"file:{quote(os.path.abspath(path))}?mode=ro"  # a name may hold ? or #
            self._connection = sqlite3.connect(uri, uri=True, check_same_thread=False)
            meta = dict(self._connection.execute("SELECT name, value FROM meta"))
            if meta.get("format") != STORE_FORMAT or meta.get("compiler") != str(compiler):
                raise StoreError(f"{path}: compiled by another version")
            self.count = int(meta["count"])
            stored = self._connection.execute("SELECT COUNT(*), MAX(position) FROM terms").fetchone()
            if stored[0] != self.count or (self.count and stored[1] != self.count - 1):
                raise StoreError(f"{path}: incomplete")
            self.origin = str(meta["origin"])
            self.sources: dict[str, dict[str, Any]] = unpack(meta["sources"])
            self.warnings: list[str] = unpack(meta["warnings"])
        except (sqlite3.Error, KeyError, ValueError, TypeError, EOFError, zlib.error) as error:
            self.close()
            raise StoreError(f"{path}: {error}") from None
        except StoreError:
            self.close()
            raise

    def close(self) -> None:
        connection = self.__dict__.pop("_connection", None)
        if connection is not None:
            connection.close()

    def one(self, sql: str, parameters: tuple[Any, ...] = ()) -> Any:
        row = self.first(sql, parameters)
        if row is None:
            raise StoreError(f"{self.path}: a row is missing")
        return row

    def first(self, sql: str, parameters: tuple[Any, ...] = ()) -> Any:
        try:
            return self._connection.execute(sql, parameters).fetchone()
        except sqlite3.Error as error:
            raise StoreError(f"{self.path}: {error}") from None

    def rows(self, sql: str, parameters: tuple[Any, ...] = ()) -> Iterator[Any]:
        try:
            yield from self._connection.execute(sql, parameters)
        except sqlite3.Error as error:
            raise StoreError(f"{self.path}: {error}") from None

    # --- the views a Glossary reads ------------------------------------------

    def data(self) -> _Rows:
        return _Rows(self, "data")

    def derived(self) -> _Rows:
        return _Rows(self, "derived")

    def positions(self) -> _Positions:
        return _Positions(self)

    def family(self, name: str) -> _Family:
        return _Family(self, name)

    def inverse(self) -> _Inverse:
        return _Inverse(self)
