"""Find and load glossaries: the bundled one (cached) and users' own, merged over it.

The bundled terms ship inside the wheel as ``glossary/_terms`` (``terms/`` of the
checkout, mapped in by the build backend) together with their compiled form,
``glossary/loading/_compiled.py`` and the blob file beside it, ``_compiled.bin``. Loading
the bundled glossary imports that module, which says where each blob lies, and nothing
heavy; a lookup reads from the blob file only the few blobs it decodes. In a source checkout the loader also checks that ``terms/`` has not
changed since the last ``glossary build``; if it has, it compiles the folder in
memory (slower) and warns, so term editors see their edits at once.
"""

from __future__ import annotations

import os

from glossary.analysis.glossary import Glossary
from glossary.errors import DataError, GlossaryWarning

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable, Iterator
    from pathlib import Path
    from typing import Any

__all__ = ["bundled_terms_folder", "load", "load_bundled", "load_paths"]

# os.path, not pathlib, on this path: importing pathlib costs more than loading the data
_PACKAGE = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))  # glossary/, above glossary/loading/


def _bundled_folder_path() -> str | None:
    installed = os.path.join(_PACKAGE, "_terms")
    if os.path.isdir(installed):
        return installed
    root = os.path.dirname(_PACKAGE)
    checkout = os.path.join(root, "terms")
    if os.path.isdir(checkout) and os.path.isfile(os.path.join(root, "pyproject.toml")):
        return checkout
    return None


def bundled_terms_folder() -> Path | None:
    """The folder of bundled term files: ``glossary/_terms`` when installed, ``terms/`` in a checkout."""
    from pathlib import Path

    folder = _bundled_folder_path()
    return None if folder is None else Path(folder)


class BlobFile:
    """The bundled blob file (``_compiled.bin``): each blob read from disk when first needed, by (offset, length).

    Reading a few kilobytes where they lie costs less than reading and unmarshalling the
    megabyte all terms take, which a lookup would otherwise pay before its first line.
    The file is opened once and kept open, so a rebuild that replaces it while the
    process runs does not change what the process reads; a blob file from another
    build than the module (its header names the digest) is refused.
    """

    def __init__(self, path: str, header: bytes) -> None:
        self._path = path
        self._header = header
        self._fd: int | None = None

    def __getstate__(self) -> dict[str, Any]:
        # a descriptor means nothing in another process (a spawned worker): it opens its own
        return {**self.__dict__, "_fd": None}

    def read(self, where: tuple[int, int]) -> bytes:
        offset, length = where
        if self._fd is None:
            self._fd = self._open()
        data = _read_at(self._fd, offset, length)
        if len(data) != length:
            raise DataError([(self._path, f"truncated: {length} bytes expected at offset {offset}; reinstall the package")])
        return data

    def decode(self, where: tuple[int, int]) -> Any:
        """The value marshalled at ``where``: read, then unmarshalled."""
        import marshal

        return marshal.loads(self.read(where))

    def _open(self) -> int:
        try:
            fd = os.open(self._path, os.O_RDONLY | getattr(os, "O_BINARY", 0))
        except OSError as error:
            raise DataError([(self._path, f"cannot be read ({error.strerror}); reinstall the package")]) from None
        if _read_at(fd, 0, len(self._header)) != self._header:
            os.close(fd)
            raise DataError([(self._path, "was built from other data than glossary/loading/_compiled.py; run `glossary build` or reinstall")])
        return fd


def _read_at(fd: int, offset: int, length: int) -> bytes:
    pread = getattr(os, "pread", None)
    if pread is not None:
        return bytes(pread(fd, length, offset))
    # no pread on Windows: seek and read under a lock, so that two threads do not interleave
    import threading

    global _seek_lock
    if _seek_lock is None:
        _seek_lock = threading.Lock()
    with _seek_lock:
        os.lseek(fd, offset, os.SEEK_SET)
        return os.read(fd, length)


_seek_lock: Any = None


class Marshalled:
    """A read-only sequence of marshalled values in the blob file, each read and decoded on first access (the bundled terms)."""

    def __init__(self, places: tuple[tuple[int, int], ...], blobs: BlobFile) -> None:
        self._places = places
        self._blobs = blobs
        self._decoded: list[Any] = [None] * len(places)

    def __len__(self) -> int:
        return len(self._places)

    def __getitem__(self, position: int) -> Any:
        value = self._decoded[position]
        if value is None:
            value = self._decoded[position] = self._blobs.decode(self._places[position])
        return value

    def __iter__(self) -> Iterator[Any]:
        return (self[position] for position in range(len(self._places)))


class MarshalledFamilies:
    """Marshalled values in the blob file by name, each read and decoded the first time it is read (the cited documents)."""

    def __init__(self, places: dict[str, tuple[int, int]], blobs: BlobFile) -> None:
        self._places = places
        self._blobs = blobs
        self._decoded: dict[str, dict[str, Any]] = {}

    def __getitem__(self, name: str) -> dict[str, Any]:
        family = self._decoded.get(name)
        if family is None:
            family = self._decoded[name] = self._blobs.decode(self._places[name])
        return family

    def get(self, name: str, default: Any = None) -> Any:
        return self[name] if name in self._places else default

    def __contains__(self, name: object) -> bool:
        return name in self._places

    def __iter__(self) -> Iterator[str]:
        return iter(self._places)

    def __len__(self) -> int:
        return len(self._places)

    def keys(self) -> Iterator[str]:
        return iter(self._places)

    def values(self) -> Iterator[dict[str, Any]]:
        return (self[name] for name in self._places)

    def items(self) -> Iterator[tuple[str, dict[str, Any]]]:
        return ((name, self[name]) for name in self._places)


class ShardedFamily:
    """One key family (key -> postings) in the blob file, in shards: probing a key reads and decodes
    only its shard (see :func:`glossary.core.index.family_shard`); listing the keys reads the whole
    family, stored once more in one piece so that its order is the order it was built in."""

    def __init__(self, whole: tuple[int, int], shards: tuple[tuple[int, int], ...], blobs: BlobFile) -> None:
        self._whole_place = whole
        self._places = shards
        self._blobs = blobs
        self._shards: list[dict[str, Any] | None] = [None] * len(shards)
        self._whole: dict[str, Any] | None = None

    def _shard(self, key: str) -> dict[str, Any]:
        from glossary.core.index import family_shard

        index = family_shard(key, len(self._places))
        shard = self._shards[index]
        if shard is None:
            shard = self._shards[index] = self._blobs.decode(self._places[index])
        return shard

    def _all(self) -> dict[str, Any]:
        if self._whole is None:
            self._whole = self._blobs.decode(self._whole_place)
        return self._whole

    def get(self, key: str, default: Any = None) -> Any:
        return self._shard(key).get(key, default)

    def __getitem__(self, key: str) -> Any:
        return self._shard(key)[key]

    def __contains__(self, key: object) -> bool:
        return isinstance(key, str) and key in self._shard(key)

    def __iter__(self) -> Iterator[str]:
        return iter(self._all())

    def __len__(self) -> int:
        return len(self._all())

    def keys(self) -> Iterator[str]:
        return iter(self._all())

    def values(self) -> Iterator[Any]:
        return iter(self._all().values())

    def items(self) -> Iterator[tuple[str, Any]]:
        return iter(self._all().items())


def _compiled_bundled() -> dict[str, Any]:
    from glossary.loading import _compiled

    # the indexes as built, the terms read and decoded only when needed (see compiled_module_source)
    blobs = BlobFile(os.path.join(_PACKAGE, "loading", "_compiled.bin"), _compiled.BLOBS_HEADER)
    compiled = {
        "compiler": _compiled.COMPILER,
        "sources": MarshalledFamilies(_compiled.SOURCES, blobs),
        "terms": Marshalled(_compiled.TERMS, blobs),
        "derived": Marshalled(_compiled.DERIVED, blobs),
        "positions": _compiled.POSITIONS,
        "families": {name: ShardedFamily(whole, shards, blobs) for name, (whole, shards) in _compiled.FAMILIES.items()},
        "inverse": _compiled.INVERSE,
    }
    if os.path.isdir(os.path.join(_PACKAGE, "_terms")):
        return compiled  # an installed wheel: data and compiled form were built together
    folder = _bundled_folder_path()
    if folder is None:
        return compiled
    from glossary.authoring.digest import digest_for

    if digest_for(folder) == _compiled.DIGEST:
        return compiled
    import warnings
    from pathlib import Path

    warnings.warn(
        f"{folder} changed since glossary/loading/_compiled.py was built; using the folder as it is now "
        "(run `glossary build` to make loading fast again)",
        GlossaryWarning,
        stacklevel=3,
    )
    return compile_folder(Path(folder))




def compile_folder(folder: Path) -> dict[str, Any]:
    """Read, check and compile a terms folder (slow: pydantic, pypinyin, OpenCC, babel)."""
    from glossary.authoring.build import compile_concepts
    from glossary.authoring.termsdir import read_terms_folder
    from glossary.authoring.validate import raise_for_problems

    read = read_terms_folder(folder)
    raise_for_problems(read)
    return compile_concepts(read.concepts, read.sources)


_bundled: Glossary | None = None


def load_bundled() -> Glossary:
    """The bundled glossary, built once per process."""
    # a module global, not functools.cache: importing functools costs more than this whole module
    global _bundled
    if _bundled is None:
        _bundled = Glossary(_compiled_bundled(), origin="bundled")
    return _bundled


def merge(base: dict[str, Any], extra: dict[str, Any], *, name: str | None = None, base_name: str = "bundled") -> dict[str, Any]:
    """Compiled ``extra`` over compiled ``base``: a term of ``extra`` replaces the one with its id.

    With ``name`` (where ``extra`` comes from), a GlossaryWarning says which concepts
    were replaced and which share a simplified form with one of ``base`` under another id.
    """
    forms = [(term["id"], term["zh"]["hans"]) for term in extra["terms"]]
    pairs = kept_base(base, forms, name=name, base_name=base_name)
    pairs += list(zip(extra["terms"], extra["derived"]))
    pairs.sort(key=lambda pair: pair[0]["id"])
    return {
        "compiler": base["compiler"],
        "sources": {**base["sources"], **extra["sources"]},
        "terms": [t for t, _ in pairs],
        "derived": [d for _, d in pairs],
    }


def kept_base(
    base: dict[str, Any], forms: list[tuple[str, str]], *, name: str | None, base_name: str = "bundled"
) -> list[tuple[dict[str, Any], dict[str, Any]]]:
    """The ``(term, derived)`` pairs of compiled ``base`` that new concepts, given as ``(id, simplified form)``, do not replace.

    With ``name`` (where the new concepts come from), warns which base concepts they
    replace and which they double under another id.
    """
    if name is not None:
        from glossary.loading.overlap import overlap, overlap_message

        found = overlap(base["terms"], forms)
        if found:
            import warnings

            warnings.warn(overlap_message(name, found, base_name), GlossaryWarning, stacklevel=3)
    replaced = {term_id for term_id, _ in forms}
    return [(term, extra) for term, extra in zip(base["terms"], base["derived"]) if term["id"] not in replaced]


def load(path: str | Path | None = None, *, bundled: bool = True, cache: bool = True) -> Glossary:
    """Load a glossary.

    - ``load()`` — the bundled glossary (cached: every call returns the same object).
    - ``load(path)`` — a terms folder (``*.toml`` plus ``_sources.toml``), a glossary
      file in an import format, or a compiled file (``glossary import --compile``),
      merged over the bundled glossary: its terms replace bundled ones with the same
      id and add the others.
    - ``load(path, bundled=False)`` — only what ``path`` holds.

    A folder or file is compiled once and kept in the compile cache (see
    :mod:`glossary.loading.cache`); later loads of the same bytes open the compiled entry,
    which takes milliseconds whatever the size. ``cache=False`` compiles in memory
    and writes nothing.

    Raises :class:`~glossary.errors.DataError` (naming file, line and field) for bad data,
    :class:`~glossary.errors.InputError` for a path that cannot be read (``load("")`` too).
    """
    if path is None:
        return load_bundled()
    return load_paths([path], bundled=bundled, cache=cache)


def load_paths(paths: list[str | Path] | list[str] | list[Path], *, bundled: bool = True, cache: bool = True) -> Glossary:
    """Several glossaries merged in order (each over the ones before), over the bundled one unless ``bundled=False``."""
    from pathlib import Path

    from glossary.core.files import is_folder

    for path in paths:
        if not isinstance(path, (str, os.PathLike)):
            raise TypeError(f"load() takes a path (str or os.PathLike), not {type(path).__name__}")
        is_folder(path)  # InputError for "", a missing path, no permission, a name too long
    resolved = [Path(path) for path in paths]
    origin = " + ".join((["bundled"] if bundled else []) + [str(path) for path in resolved])
    from glossary.loading import cache as compile_cache

    if not bundled and len(resolved) == 1 and compile_cache.is_store(resolved[0]):
        return compile_cache.open_store(resolved[0], origin)

    def compile_() -> dict[str, Any]:
        compiled = load_bundled().compiled() if bundled else None
        for number, path in enumerate(resolved):
            extra = compile_path(path)
            base = "bundled" if bundled and number == 0 else "earlier"
            compiled = extra if compiled is None else merge(compiled, extra, name=str(path), base_name=base)
        assert compiled is not None
        return compiled

    if not cache:
        return Glossary(compile_(), origin=origin)
    bundled_digest = _bundled_digest() if bundled else None
    write = None
    if len(resolved) == 1 and not is_folder(resolved[0]) and not compile_cache.is_store(resolved[0]):
        # one glossary file, the usual case: compiled straight into its cache entry, row by row
        only = resolved[0]

        def write(temporary: str, warnings: Callable[[], list[str]]) -> None:
            write_compiled_file(temporary, only, bundled=bundled, origin=origin, warnings=warnings)

    return compile_cache.cached(resolved, bundled_digest=bundled_digest, compile_=compile_, origin=origin, write=write)


def compile_path(path: Path) -> dict[str, Any]:
    """The compiled form of one terms folder, glossary file or compiled file (not merged)."""
    from glossary.core.files import is_folder

    if is_folder(path):
        return compile_folder(path)
    from glossary.loading import cache as compile_cache

    if compile_cache.is_store(path):
        return compile_cache.open_store(path, str(path)).compiled()
    from glossary.formats import read_glossary_file

    return read_glossary_file(path)


def write_compiled_file(
    temporary: str, path: Path, *, bundled: bool, origin: str, warnings: Callable[[], list[str]], format_name: str | None = None
) -> int:
    """Compile one glossary file into a store at ``temporary``, concept by concept, in bounded memory.

    What :func:`compile_path` and :func:`merge` make in memory, written as it comes: each
    concept is dumped and derived, packed into a staging file beside ``temporary`` (an
    SQLite table keyed by id, which sorts them), then the staged rows and the bundled
    terms it does not replace are written in id order. Beyond what the import's reader
    keeps (a table's rows grouped by concept, about half a kilobyte each), only each
    concept's id and simplified form (for the overlap warning) stay in memory.
    ``warnings()`` gives the messages the compile gave, stored with the entry. Returns
    the number of terms written.
    """
    import heapq
    import sqlite3
    import tempfile

    from glossary.authoring.build import source_dicts
    from glossary.core.constants import COMPILER_VERSION
    from glossary.core.store import unpack, write_store_rows
    from glossary.formats import open_import

    stream = open_import(path, format_name)
    handle, staging = tempfile.mkstemp(prefix=".staging-", suffix=".sqlite", dir=os.path.dirname(temporary) or ".")
    os.close(handle)
    connection = sqlite3.connect(staging)
    try:
        forms = _staged(connection, stream, path)
        sources = source_dicts(stream.finish())
        base = load_bundled().compiled() if bundled else None
        base_pairs = kept_base(base, forms, name=str(path)) if base is not None else []
        base_sources = base["sources"] if base is not None else {}
        del forms

        def staged() -> Iterator[tuple[dict[str, Any], dict[str, Any]]]:
            for term_blob, extra_blob in connection.execute("SELECT term, derived FROM staged ORDER BY id"):
                yield unpack(term_blob), unpack(extra_blob)

        return write_store_rows(
            temporary,
            heapq.merge(base_pairs, staged(), key=lambda pair: str(pair[0]["id"])),
            compiler=COMPILER_VERSION,
            origin=origin,
            finish=lambda: ({**base_sources, **sources}, warnings()),
        )
    finally:
        connection.close()
        os.unlink(staging)


def _staged(connection: Any, stream: Any, path: Path) -> list[tuple[str, str]]:
    """Each concept of ``stream`` dumped, derived and packed into the staging table; their ``(id, simplified form)``.

    Raises DataError listing every concept whose pinyin could not be read (as
    :func:`~glossary.authoring.build.compile_concepts` does) or whose id came twice.
    """
    import sqlite3

    from glossary.authoring.build import derive_or_report
    from glossary.core.store import pack
    from glossary.formats import dumped

    connection.executescript(
        "PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF; "
        "CREATE TABLE staged (id TEXT PRIMARY KEY, term BLOB NOT NULL, derived BLOB NOT NULL) WITHOUT ROWID;"
    )
    forms: list[tuple[str, str]] = []
    problems: list[tuple[str, str]] = []
    for concept in stream.concepts():
        term = dumped(concept)
        extra = derive_or_report(term, problems)
        if not extra:  # its pinyin could not be read: reported
            continue
        try:
            connection.execute("INSERT INTO staged VALUES (?, ?, ?)", (term["id"], pack(term), pack(extra)))
        except sqlite3.IntegrityError:
            problems.append((f"{path}: {term['id']}", "the id is used twice"))
            continue
        forms.append((term["id"], term["zh"]["hans"]))
    if problems:
        stream.finish()  # the file's own problems first, as the compile in memory reports them
        raise DataError(problems)
    return forms


def _bundled_digest() -> str:
    """The digest of the bundled terms as loaded (the folder's own in a checkout whose terms changed since the build)."""
    from glossary.loading import _compiled

    folder = _bundled_folder_path()
    if folder is None or os.path.isdir(os.path.join(_PACKAGE, "_terms")):
        return str(_compiled.DIGEST)
    from glossary.authoring.digest import digest_for

    return digest_for(folder)
