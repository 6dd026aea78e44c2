"""The compile cache: a user's glossary is compiled once, then opened from the user's cache folder.

``glossary.load(path)`` and ``--glossary PATH`` compile what they are given (terms
folders, TSV/CSV/TBX/JSON files, merged over the bundled terms unless told not to)
into a :mod:`glossary.core.store` file named by a key over

- the bytes of every input (a file's bytes; a folder's ``*.toml`` names and bytes),
- the bundled terms' digest when they are merged in,
- the store layout, the compiler version, the package version and the Python version
  (marshal's format can change between Python versions),

so a changed file, folder or package is compiled again, never served stale. Entries
are written to a temporary file beside their final name and renamed into place (a
crash leaves no half entry; concurrent runs each rename a complete one); an entry
that cannot be read (corrupt, truncated, another version) is removed and rebuilt;
a cache folder that cannot be written is skipped with one warning.

The folder is the platform's user cache folder (platformdirs: ``~/.cache/glossary``
on Linux, ``~/Library/Caches/glossary`` on macOS, ``%LOCALAPPDATA%\\glossary\\Cache``
on Windows), or ``$GLOSSARY_CACHE_DIR`` when set; ``glossary cache path`` prints it
and ``glossary cache clear`` empties it. Beyond 32 entries or 4 GB the least recently
used entries are removed when a new one is written.
"""

from __future__ import annotations

import os
import sys

from glossary.core.store import STORE_FORMAT, Store, StoreError, write_store

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Sequence
    from pathlib import Path
    from typing import Any

    from glossary.analysis.glossary import Glossary

__all__ = ["CACHE_ENV", "MAX_BYTES", "MAX_ENTRIES", "SMALL", "cache_folder", "clear_cache", "content_digest", "entry_key", "is_store", "open_store", "prune", "write_atomically"]

#: Environment variable naming the cache folder (tests, read-only homes, shared caches).
CACHE_ENV = "GLOSSARY_CACHE_DIR"

#: Glossaries up to this many terms are read into memory from their entry (dict lookups,
#: plain pickling); larger ones are read from the file on demand.
SMALL = 5000

_SQLITE_MAGIC = b"SQLite format 3\x00"


def cache_folder() -> Path:
    """Where compiled entries are kept: ``$GLOSSARY_CACHE_DIR``, else the platform's user cache folder."""
    from pathlib import Path

    configured = os.environ.get(CACHE_ENV)
    if configured:
        return Path(configured)
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("glossary", appauthor=False))


def is_store(path: Path) -> bool:
    """True when ``path`` is a compiled glossary file (``glossary import --compile``)."""
    from glossary.core.files import open_file

    try:
        with open_file(path) as stream:
            return stream.read(len(_SQLITE_MAGIC)) == _SQLITE_MAGIC
    except OSError:  # InputError too: not a regular file, so no compiled one
        return False


def content_digest(path: Path) -> bytes:
    """A digest of what a glossary path holds: a file's bytes, or a folder's ``*.toml`` names and bytes."""
    import hashlib

    digest = hashlib.blake2b(digest_size=20)
    if path.is_dir():
        for name in sorted(entry for entry in os.listdir(path) if entry.endswith(".toml")):
            digest.update(name.encode("utf-8", "surrogateescape") + b"\0")
            _update_from_file(digest, path / name)
    else:
        _update_from_file(digest, path)
    return digest.digest()


def _update_from_file(digest: Any, path: Path) -> None:
    from glossary.core.files import open_file

    with open_file(path) as stream:  # a FIFO or a device is refused, not read without end
        while chunk := stream.read(1 << 20):
            digest.update(chunk)
    digest.update(b"\0")


def entry_key(paths: Sequence[Path], *, bundled_digest: str | None) -> str:
    """The name of the cache entry for ``paths`` (merged over the bundled terms when ``bundled_digest`` is given)."""
    import hashlib

    from glossary._version import __version__
    from glossary.core.constants import COMPILER_VERSION

    digest = hashlib.blake2b(digest_size=20)
    version = f"store {STORE_FORMAT}; compiler {COMPILER_VERSION}; glossary {__version__}; python {sys.version_info[0]}.{sys.version_info[1]}"
    digest.update(version.encode() + b"\0" + (bundled_digest or "-").encode() + b"\0")
    for path in paths:
        digest.update(content_digest(path))
    return digest.hexdigest()


def open_store(path: Path, origin: str) -> Glossary:
    """The glossary of a compiled file: read into memory when small, else read on demand."""
    from glossary.analysis.glossary import Glossary
    from glossary.core.constants import COMPILER_VERSION

    # the warnings the compile gave were shown then (and each concept's note keeps its own): not repeated on every load
    store = Store(str(path), compiler=COMPILER_VERSION)
    if store.count <= SMALL:
        try:
            compiled = {"compiler": COMPILER_VERSION, "sources": store.sources, "terms": list(store.data()), "derived": list(store.derived())}
        finally:
            store.close()
        return Glossary(compiled, origin=origin)
    return Glossary.from_store(store, origin=origin)


def cached(paths: Sequence[Path], *, bundled_digest: str | None, compile_: Any, origin: str, write: Any = None) -> Glossary:
    """The glossary for ``paths``: from its cache entry, else compiled by ``compile_()`` and stored.

    ``compile_`` returns the loader's compiled form. Warnings it gives are shown once,
    when it runs, and kept with the entry. ``write(temporary, warnings)``, when given,
    compiles straight into a store file instead, row by row (large files in bounded
    memory), and the entry it writes is opened; ``compile_`` then serves only when the
    cache folder cannot be written.
    """
    import warnings

    from glossary.analysis.glossary import Glossary
    from glossary.errors import GlossaryWarning

    folder = cache_folder()
    key = entry_key(paths, bundled_digest=bundled_digest)
    entry = folder / f"{key}.sqlite"
    if os.path.isfile(entry):
        try:
            found = open_store(entry, origin)
        except StoreError:
            _remove(entry)  # corrupt, truncated or another version: compile again
        else:
            try:
                os.utime(entry)  # recently used: pruned last
            except OSError:
                pass
            return found
    import sqlite3

    if write is not None:
        streamed = _compiled_into(entry, write, origin)
        if streamed is not None:
            return streamed
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", GlossaryWarning)
        compiled = compile_()
    messages = _messages(caught)
    for item in caught:
        warnings.warn_explicit(item.message, item.category, item.filename, item.lineno)

    try:
        write_atomically_to_cache(entry, compiled, origin=origin, warnings=messages)
        prune(folder, keep=entry)
    except (OSError, sqlite3.Error) as error:
        reason = getattr(error, "strerror", None) or str(error)
        warnings.warn(
            f"cannot write the compile cache in {folder} ({reason}); compiled in memory, "
            f"which is slow for large glossaries every time (set {CACHE_ENV} to a writable folder, or pass --no-cache)",
            GlossaryWarning,
            stacklevel=3,
        )
    return Glossary(compiled, origin=origin)


def _compiled_into(entry: Path, write: Any, origin: str) -> Glossary | None:
    """The glossary ``write(temporary, warnings)`` compiles straight into the cache entry; None when it cannot be written."""
    import sqlite3
    import warnings

    from glossary.errors import GlossaryWarning

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", GlossaryWarning)
        try:
            write_atomically(entry, lambda temporary: write(temporary, lambda: _messages(caught)))
        except (OSError, sqlite3.Error):
            return None  # an unwritable folder: the caller compiles in memory, with the warning that says so
    for item in caught:
        warnings.warn_explicit(item.message, item.category, item.filename, item.lineno)
    try:
        prune(entry.parent, keep=entry)
    except OSError:
        pass  # an old entry that cannot be removed now is removed another time
    return open_store(entry, origin)


def write_atomically_to_cache(entry: Path, compiled: dict[str, Any], *, origin: str, warnings: Sequence[str] = ()) -> None:
    """Write a store at ``entry`` through a temporary file in its folder, renamed into place."""
    write_atomically(entry, lambda temporary: write_store(temporary, compiled, origin=origin, warnings=warnings))


def write_atomically(entry: Path, write: Any) -> None:
    """``write(temporary)`` a file beside ``entry``, then rename it into place; nothing is left behind on failure."""
    import tempfile

    entry.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{entry.name}.", suffix=".tmp", dir=entry.parent)
    os.close(handle)
    try:
        write(temporary)
        os.replace(temporary, entry)
    except BaseException:
        _remove(entry.parent / os.path.basename(temporary))
        raise


def _messages(caught: Sequence[Any]) -> list[str]:
    """The texts of the GlossaryWarnings among recorded warnings."""
    from glossary.errors import GlossaryWarning

    return [str(item.message) for item in caught if issubclass(item.category, GlossaryWarning)]


def _remove(path: Path) -> None:
    try:
        os.unlink(path)
    except OSError:
        pass


#: The cache keeps at most this many entries and this many bytes, the least recently used go first.
MAX_ENTRIES = 32
MAX_BYTES = 4 << 30


def prune(folder: Path, *, keep: Path | None = None) -> int:
    """Remove the least recently used entries beyond :data:`MAX_ENTRIES` or :data:`MAX_BYTES`; how many went.

    Every edit of a glossary, and every release of the bundled terms, makes a new
    entry; the old ones would otherwise stay until ``glossary cache clear``.
    """
    entries = []
    for name in os.listdir(folder):
        if name.endswith(".sqlite"):
            try:
                status = os.stat(folder / name)
            except OSError:
                continue
            entries.append((status.st_mtime, status.st_size, folder / name))
    entries.sort(reverse=True)
    total = removed = 0
    for number, (_, size, path) in enumerate(entries):
        total += size
        if path != keep and (number >= MAX_ENTRIES or total > MAX_BYTES):
            _remove(path)
            removed += 1
    return removed


def clear_cache() -> tuple[int, int]:
    """Remove every entry (and leftover temporary file) of the cache folder: ``(files, bytes)`` removed."""
    folder = cache_folder()
    files = size = 0
    try:
        names = os.listdir(folder)
    except FileNotFoundError:
        return 0, 0
    for name in names:
        if name.endswith((".sqlite", ".tmp")):
            path = folder / name
            try:
                size += path.stat().st_size
                path.unlink()
                files += 1
            except OSError:
                continue
    return files, size
