"""Read a terms folder (``terms/*.toml`` and ``terms/_sources.toml``) into validated models.

Every problem is collected and reported at once as ``file:line: field: message``
through :class:`~glossary.errors.DataError`; a term editor fixes a whole folder in
one pass instead of one error per run.
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from glossary.errors import DataError, InputError
from glossary.core.files import TERM_FILE_BYTES, is_folder, read_file, reason
from glossary.core.model import Concept, SourceDocument

__all__ = ["SOURCES_FILE", "TermsFolder", "read_terms_folder", "term_files"]

SOURCES_FILE = "_sources.toml"


@dataclass
class TermsFolder:
    """A parsed terms folder: the cited documents and the concepts, with where each came from."""

    path: Path
    sources: dict[str, SourceDocument] = field(default_factory=dict)
    concepts: list[Concept] = field(default_factory=list)
    #: concept id -> the file it was read from
    files: dict[str, Path] = field(default_factory=dict)
    #: the raw text of each file, to point error messages at lines
    texts: dict[Path, str] = field(default_factory=dict)


def term_files(folder: Path) -> list[Path]:
    """The concept files of a folder, sorted: every ``*.toml`` except those starting with ``_``."""
    try:
        names = os.listdir(folder)
    except OSError as error:  # a folder without read permission is not an empty one
        raise InputError(str(folder), reason(error)) from None
    return sorted(folder / name for name in names if name.endswith(".toml") and not name.startswith(("_", ".")))


def _display(path: Path) -> str:
    """A path as messages show it: relative to the working directory when it is below it."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def _loc_text(loc: tuple[int | str, ...]) -> str:
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + str(part)
    return out


def line_of(text: str, loc: tuple[int | str, ...]) -> int | None:
    """Best-effort line number of a field in a TOML file, from a pydantic error location.

    Walks the location: a list index selects the n-th ``[[name]]`` header, a key the
    line that assigns it (``name =``) or opens its table (``[name]``).
    """
    lines = text.splitlines()
    start = 0
    table_path: list[str] = []
    found: int | None = None
    for position, part in enumerate(loc):
        if isinstance(part, int):
            header = "[[" + ".".join(table_path) + "]]"
            seen = -1
            for number in range(start, len(lines)):
                if lines[number].strip() == header:
                    seen += 1
                    if seen == part:
                        start = number + 1
                        found = number + 1
                        break
            else:
                return found
            continue
        table_path.append(str(part))
        next_is_index = position + 1 < len(loc) and isinstance(loc[position + 1], int)
        if next_is_index:
            continue
        dotted = ".".join(table_path)
        for number in range(start, len(lines)):
            stripped = lines[number].strip()
            if stripped in (f"[{dotted}]", f"[[{dotted}]]") or stripped.split("=")[0].strip() == str(part):
                found = number + 1
                start = number + 1
                break
    return found


def _problems_from_validation(path: Path, text: str, error: ValidationError, prefix: tuple[int | str, ...] = ()) -> list[tuple[str, str]]:
    problems = []
    for item in error.errors():
        loc = prefix + tuple(item["loc"])
        line = line_of(text, loc)
        where = f"{_display(path)}:{line}" if line else _display(path)
        message = item["msg"]
        if item["type"] == "extra_forbidden":
            message = "unknown field (check its spelling; see docs/adding-terms.md for the fields)"
        elif item["type"] == "missing":
            message = "required field is missing"
        problems.append((f"{where}: {_loc_text(loc) or '(file)'}", message))
    return problems


def _read_toml(path: Path, problems: list[tuple[str, str]]) -> tuple[str, dict[str, Any]] | None:
    try:
        raw = read_file(path, TERM_FILE_BYTES)
    except InputError as error:
        problems.append((_display(path), f"cannot read: {error.reason}"))
        return None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        problems.append((_display(path), f"not UTF-8 (byte {error.start}): save the file as UTF-8"))
        return None
    if text.startswith("\ufeff"):
        text = text[1:]
    try:
        return text, tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        # tomllib says "... (at line 3, column 7)"; move the line to the front
        message = str(error)
        line = None
        if "(at line " in message:
            head, _, tail = message.rpartition(" (at line ")
            line = tail.split(",")[0]
            message = head
        where = f"{_display(path)}:{line}" if line else _display(path)
        problems.append((where, f"not valid TOML: {message}"))
        return None
    except RecursionError:
        problems.append((_display(path), "not valid TOML: nested too deeply to read"))
        return None
    except ValueError:  # an integer of more than 4300 digits
        problems.append((_display(path), "not valid TOML: a number too long to read"))
        return None


def read_terms_folder(folder: Path | str) -> TermsFolder:
    """Read and validate every file of a terms folder; raise DataError listing all problems."""
    if not is_folder(folder):
        raise DataError([(str(folder), "not a folder of term files")])
    folder = Path(folder)
    result = TermsFolder(path=folder)
    problems: list[tuple[str, str]] = []

    sources_path = folder / SOURCES_FILE
    if os.path.lexists(sources_path):  # a link to nowhere is reported, not skipped
        parsed = _read_toml(sources_path, problems)
        if parsed is not None:
            text, data = parsed
            result.texts[sources_path] = text
            for key, value in data.items():
                try:
                    result.sources[key] = SourceDocument.model_validate(value)
                except ValidationError as error:
                    problems.extend(_problems_from_validation(sources_path, text, error, (key,)))

    for path in term_files(folder):
        parsed = _read_toml(path, problems)
        if parsed is None:
            continue
        text, data = parsed
        result.texts[path] = text
        try:
            concept = Concept.model_validate(data)
        except ValidationError as error:
            problems.extend(_problems_from_validation(path, text, error))
            continue
        if concept.id != path.stem:
            problems.append((f"{_display(path)}: id", f"the id {concept.id!r} must equal the file name {path.stem!r}"))
        if concept.id in result.files:
            problems.append((f"{_display(path)}: id", f"duplicate id {concept.id!r}, also in {_display(result.files[concept.id])}"))
            continue
        result.files[concept.id] = path
        result.concepts.append(concept)

    if problems:
        raise DataError(problems)
    return result
