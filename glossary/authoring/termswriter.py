"""Write concepts as a terms folder: one TOML file per concept plus ``_sources.toml``.

The inverse of :mod:`glossary.authoring.termsdir` for the concept schema: what it writes reads
back into equal models. Layout follows ``docs/adding-terms.md`` (top-level keys, then
``[zh]``, ``[[en]]``, ``[[abbreviations]]``, ``[definition]``, ``[first_use]``,
``[[relations]]``, each with its ``sources`` tables). Strings are TOML basic strings
with escapes; fields without a value are left out.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from glossary.errors import OutputError
from glossary.core.model import Concept, SourceDocument

__all__ = ["concept_toml", "sources_toml", "toml_string", "write_terms_folder"]

_ESCAPES = {'"': '\\"', "\\": "\\\\", "\b": "\\b", "\t": "\\t", "\n": "\\n", "\f": "\\f", "\r": "\\r"}


def toml_string(value: str) -> str:
    """A TOML basic string: quotes, backslashes and control characters escaped, the rest as is."""
    out = []
    for char in value:
        if char in _ESCAPES:
            out.append(_ESCAPES[char])
        elif ord(char) < 0x20 or ord(char) == 0x7F:
            out.append(f"\\u{ord(char):04X}")
        else:
            out.append(char)
    return '"' + "".join(out) + '"'


def _value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, str):
        return toml_string(value)
    if isinstance(value, list):
        return "[" + ", ".join(_value(item) for item in value) + "]"
    raise TypeError(f"cannot write {value!r} as a TOML value")


def _table(lines: list[str], header: str | None, data: dict[str, Any], path: str) -> None:
    """Write a table's scalar keys under ``header``, then its sub-tables (dicts and lists of dicts)."""
    scalars = {key: value for key, value in data.items() if not _is_table(value)}
    tables = {key: value for key, value in data.items() if _is_table(value)}
    if header is not None:
        lines.append("")
        lines.append(header)
    for key, value in scalars.items():
        lines.append(f"{key} = {_value(value)}")
    for key, value in tables.items():
        child = f"{path}.{key}" if path else key
        if isinstance(value, dict):
            _table(lines, f"[{child}]", value, child)
        else:
            for item in value:
                _table(lines, f"[[{child}]]", item, child)


def _is_table(value: Any) -> bool:
    return isinstance(value, dict) or (isinstance(value, list) and bool(value) and all(isinstance(item, dict) for item in value))


def _ordered_concept(concept: Concept) -> dict[str, Any]:
    data = concept.model_dump(mode="json", exclude_none=True)
    # empty lists are defaults: leave them out, as term editors do
    def prune(value: Any) -> Any:
        if isinstance(value, dict):
            return {key: prune(item) for key, item in value.items() if item != []}
        if isinstance(value, list):
            return [prune(item) for item in value]
        return value

    data = {key: prune(value) for key, value in data.items() if value != []}
    zh = data["zh"]
    # scalar keys first, then variants before sources, as in docs/adding-terms.md
    data["zh"] = {key: zh[key] for key in ("hans", "hant", "pinyin", "variants", "sources") if key in zh}
    return data


def concept_toml(concept: Concept) -> str:
    """The text of ``terms/<id>.toml`` for one concept."""
    lines: list[str] = []
    _table(lines, None, _ordered_concept(concept), "")
    return "\n".join(lines).lstrip("\n") + "\n"


def sources_toml(sources: dict[str, SourceDocument]) -> str:
    """The text of ``_sources.toml``: one table per cited document."""
    lines = ["# The registry of cited documents (see docs/adding-terms.md)."]
    for key, document in sorted(sources.items()):
        _table(lines, f"[{key}]", document.model_dump(mode="json", exclude_none=True), key)
    return "\n".join(lines) + "\n"


def write_terms_folder(concepts: Iterable[Concept], sources: dict[str, SourceDocument] | Callable[[], dict[str, SourceDocument]], folder: Path) -> list[Path]:
    """Write a new terms folder, all or nothing; refuses a folder that already holds TOML files.

    Concepts are written as they come (a generator of any length is fine) into a
    hidden folder beside the target, renamed into place once ``_sources.toml`` is
    written. ``sources`` may be a function, asked once every concept was written (an
    import that fails there raises before anything is visible). A target folder that
    exists and holds other files receives the written files one by one.
    """
    import errno
    import shutil
    import tempfile

    folder = Path(folder)
    if folder.exists() and not folder.is_dir():
        raise OutputError(str(folder), "it is a file, not a folder")
    if folder.is_dir() and any(folder.glob("*.toml")):
        raise OutputError(str(folder), "the folder already holds term files; choose a new or empty folder")
    try:
        staging = Path(tempfile.mkdtemp(prefix=f".{folder.name}.", suffix=".tmp", dir=folder.parent))
    except OSError as error:
        raise OutputError(str(folder), error.strerror or str(error)) from None
    try:
        names = _write_staged(staging, concepts, sources)
        _move_into_place(staging, folder, names)
    except FileExistsError:
        shutil.rmtree(staging, ignore_errors=True)
        raise OutputError(str(folder), "another import wrote term files into it meanwhile; choose a new or empty folder") from None
    except OSError as error:
        shutil.rmtree(staging, ignore_errors=True)
        if error.errno in (errno.ENOTEMPTY, errno.EEXIST):
            raise OutputError(str(folder), "another import wrote term files into it meanwhile; choose a new or empty folder") from None
        raise OutputError(str(folder), error.strerror or str(error)) from None
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return [folder / name for name in names]


def _write_staged(
    staging: Path, concepts: Iterable[Concept], sources: dict[str, SourceDocument] | Callable[[], dict[str, SourceDocument]]
) -> list[str]:
    """Write each concept's file and then ``_sources.toml`` into ``staging``; their names."""
    names: list[str] = []
    for concept in concepts:
        name = f"{concept.id}.toml"
        (staging / name).write_text(concept_toml(concept), encoding="utf-8")
        names.append(name)
    registry = sources() if callable(sources) else sources
    (staging / "_sources.toml").write_text(sources_toml(registry), encoding="utf-8")
    names.append("_sources.toml")
    return names


def _move_into_place(staging: Path, folder: Path, names: list[str]) -> None:
    """Rename the staging folder to ``folder``, or link its files into an existing ``folder``, all or nothing."""
    import os
    import shutil

    os.chmod(staging, 0o777 & ~_umask())
    if folder.is_dir() and not any(folder.iterdir()):
        try:
            folder.rmdir()  # fails if another import filled it meanwhile
        except FileNotFoundError:  # another import removed it first
            pass
    if not folder.exists():
        # fails if another import renamed its folder into place meanwhile
        os.rename(staging, folder)
        return
    linked: list[str] = []
    try:
        for name in names:
            # link, not replace: a file another import wrote meanwhile is not overwritten
            os.link(staging / name, folder / name)
            linked.append(name)
    except FileExistsError:
        for name in linked:  # all or nothing
            (folder / name).unlink(missing_ok=True)
        raise
    shutil.rmtree(staging)


def _umask() -> int:
    import os

    umask = os.umask(0o022)
    os.umask(umask)
    return umask
