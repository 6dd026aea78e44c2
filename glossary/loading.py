"""Find and load glossaries: the bundled one (cached) and users' own, merged over it.

The bundled terms ship inside the wheel as ``glossary/_terms`` (``terms/`` of the
checkout, mapped in by the build backend) together with their compiled form,
``glossary/_compiled.py``. Loading the bundled glossary imports that module and
nothing heavy. In a source checkout the loader also checks that ``terms/`` has not
changed since the last ``glossary build``; if it has, it compiles the folder in
memory (slower) and warns, so term editors see their edits at once.
"""

from __future__ import annotations

import os

from glossary.index import COMPILER_VERSION, Glossary

TYPE_CHECKING = False
if TYPE_CHECKING:
    from pathlib import Path
    from typing import Any

__all__ = ["GlossaryWarning", "bundled_terms_folder", "load", "load_bundled"]

# os.path, not pathlib, on this path: importing pathlib costs more than loading the data
_PACKAGE = os.path.dirname(os.path.abspath(__file__))


class GlossaryWarning(UserWarning):
    """Something the user should fix that did not stop the work (stale compiled data)."""


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


def _compiled_bundled() -> dict[str, Any]:
    from glossary import _compiled

    compiled = {
        "compiler": _compiled.COMPILER,
        "sources": _compiled.SOURCES,
        "terms": _compiled.TERMS,
        "derived": _compiled.DERIVED,
    }
    if os.path.isdir(os.path.join(_PACKAGE, "_terms")):
        return compiled  # an installed wheel: data and compiled form were built together
    folder = _bundled_folder_path()
    if folder is None:
        return compiled
    if digest_for(folder) == _compiled.DIGEST:
        return compiled
    import warnings
    from pathlib import Path

    warnings.warn(
        f"{folder} changed since glossary/_compiled.py was built; using the folder as it is now "
        "(run `glossary build` to make loading fast again)",
        GlossaryWarning,
        stacklevel=3,
    )
    return compile_folder(Path(folder))




def digest_for(folder: str | Path) -> str:
    """A checksum of a terms folder (file names and bytes) and the compiler version.

    ``glossary/_compiled.py`` records the checksum of the folder it was built from;
    a different one means the folder changed since. CRC-32 (zlib), not a
    cryptographic hash: it only has to notice edits, and it is cheap to import.
    """
    import zlib

    checksum = 0
    for name in sorted(entry for entry in os.listdir(folder) if entry.endswith(".toml")):
        with open(os.path.join(folder, name), "rb") as stream:
            data = stream.read().replace(b"\r\n", b"\n")
        checksum = zlib.crc32(name.encode("utf-8") + b"\0" + data + b"\0", checksum)
    return f"{COMPILER_VERSION}:{checksum:08x}"


def compile_folder(folder: Path) -> dict[str, Any]:
    """Read, check and compile a terms folder (slow: pydantic, pypinyin, OpenCC, babel)."""
    from glossary.build import compile_concepts
    from glossary.termsdir import read_terms_folder
    from glossary.validate import raise_for_problems

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


def merge(base: dict[str, Any], extra: dict[str, Any]) -> dict[str, Any]:
    """Compiled ``extra`` over compiled ``base``: a term of ``extra`` replaces the one with its id."""
    replaced = {term["id"] for term in extra["terms"]}
    pairs = [(t, d) for t, d in zip(base["terms"], base["derived"]) if t["id"] not in replaced]
    pairs += list(zip(extra["terms"], extra["derived"]))
    pairs.sort(key=lambda pair: pair[0]["id"])
    return {
        "compiler": base["compiler"],
        "sources": {**base["sources"], **extra["sources"]},
        "terms": [t for t, _ in pairs],
        "derived": [d for _, d in pairs],
    }


def load(path: str | Path | None = None, *, bundled: bool = True) -> Glossary:
    """Load a glossary.

    - ``load()`` — the bundled glossary (cached: every call returns the same object).
    - ``load(path)`` — a terms folder (``*.toml`` plus ``_sources.toml``) or a glossary
      file in an import format, merged over the bundled glossary: its terms replace
      bundled ones with the same id and add the others.
    - ``load(path, bundled=False)`` — only what ``path`` holds.

    Raises :class:`~glossary.errors.DataError` (naming file, line and field) for bad data.
    """
    if path is None:
        return load_bundled()
    from pathlib import Path

    path = Path(path)
    if path.is_dir():
        extra = compile_folder(path)
    else:
        from glossary.formats import read_glossary_file

        extra = read_glossary_file(path)
    if bundled:
        extra = merge(load_bundled().compiled(), extra)
    return Glossary(extra, origin=str(path))
