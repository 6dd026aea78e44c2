"""Exchange formats: one module per format behind one small interface (:class:`Format`).

Exports are rendered to bytes and written through a temporary file renamed into
place, so a failed export never leaves half a file. Imports return the JSON
contract's pydantic document, validated, with problems reported as ``file:line``.
"""

from __future__ import annotations

import importlib
import os
import stat
from pathlib import Path

from glossary.errors import FormatError, UnknownFormatError
from glossary.formats.base import ExportOptions, Format

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    from glossary.analysis.glossary import Glossary
    from glossary.core.model import Concept, GlossaryDocument
    from glossary.formats.base import ConceptStream

__all__ = ["ExportOptions", "Format", "dumped", "export", "format_for_path", "get_format", "names", "open_import", "read_document", "read_glossary_file"]

#: format name -> (module, class); modules are imported only when used
_FORMATS: dict[str, tuple[str, str]] = {
    "json": ("glossary.formats.json", "JsonFormat"),
    "html": ("glossary.formats.html", "HtmlFormat"),
    "tbx": ("glossary.formats.tbx", "TbxFormat"),
    "tbx2": ("glossary.formats.tbx2", "Tbx2Format"),
    "omegat": ("glossary.formats.omegat", "OmegatFormat"),
    "memoq": ("glossary.formats.memoq", "MemoqFormat"),
    "trados": ("glossary.formats.trados", "TradosFormat"),
    "csv": ("glossary.formats.csvfile", "CsvFormat"),
    "jieba": ("glossary.formats.jiebadict", "JiebaFormat"),
    "xlsx": ("glossary.formats.xlsx", "XlsxFormat"),
}


def names() -> list[str]:
    return list(_FORMATS)


def get_format(name: str) -> Format:
    """The format called ``name``; UnknownFormatError lists the known ones."""
    try:
        module_name, class_name = _FORMATS[name]
    except KeyError:
        raise UnknownFormatError(f"unknown format {name!r}; known formats: {', '.join(_FORMATS)}") from None
    cls: type[Format] = getattr(importlib.import_module(module_name), class_name)
    return cls()


def format_for_path(path: Path, *, reading: bool = True) -> Format:
    """The format a file name's extension says (``.tbx``, ``.tsv``, ``.json`` ...)."""
    name = path.name.lower()
    matches = []
    for format_name in _FORMATS:
        candidate = get_format(format_name)
        if (candidate.can_read if reading else candidate.can_write) and any(name.endswith(ext) for ext in candidate.extensions):
            matches.append(candidate)
    if not matches:
        raise UnknownFormatError(f"{path}: cannot tell the format from the extension; known formats: {', '.join(_FORMATS)}")
    return max(matches, key=lambda fmt: max(len(ext) for ext in fmt.extensions if name.endswith(ext)))


def export(glossary: Glossary, format_name: str, output: Path | None = None, options: ExportOptions | None = None) -> bytes:
    """Render ``glossary`` in a format; write it atomically to ``output`` when given.

    A format that writes a site (``writes_folder``) takes ``output`` as a folder, made if
    missing (its parent must exist), and writes each of its files there atomically; the
    bytes returned are then those of its main file. Given a file name with the format's
    extension (``page.html``) it writes the site's one-file form (:meth:`Format.dump`) there.
    """
    fmt = get_format(format_name)
    options = options or ExportOptions()
    if output is not None and fmt.writes_folder:
        output = Path(output)
        if output.name.lower().endswith(fmt.extensions) and not _is_folder(output):
            return _export_page(glossary, fmt, output, options)
        return _export_folder(glossary, fmt, output, options)
    data = fmt.dump(glossary, options)
    if output is not None:
        from glossary.core.files import write_atomically

        write_atomically(output, data)
    return data


def _is_folder(path: Path) -> bool:
    """Whether an output path is an existing folder; OutputError when it cannot be looked at."""
    from glossary.errors import OutputError
    from glossary.core.files import reason

    try:
        return stat.S_ISDIR(os.stat(path).st_mode)
    except FileNotFoundError:
        return False
    except OSError as error:
        raise OutputError(str(path), reason(error)) from None


def _export_page(glossary: Glossary, fmt: Format, output: Path, options: ExportOptions) -> bytes:
    """A site written as the one file named: the format's one-file form (``dump``, the page with everything inlined)."""
    from glossary.core.files import write_atomically

    data = fmt.dump(glossary, options)
    write_atomically(output, data)
    return data


def _export_folder(glossary: Glossary, fmt: Format, folder: Path, options: ExportOptions) -> bytes:
    from glossary.core.files import write_atomically
    from glossary.errors import OutputError
    from glossary.core.files import reason

    if os.path.lexists(folder) and not _is_folder(folder):
        raise OutputError(str(folder), f"it is a file; the {fmt.name} export writes a folder (give a folder name, such as {folder.with_suffix('')}-site)")
    files = fmt.dump_folder(glossary, options)  # rendered before anything is written: a failure leaves no folder
    try:
        folder.mkdir(exist_ok=True)
    except OSError as error:
        raise OutputError(str(folder), reason(error, writing=True)) from None
    for name, data in files.items():
        target = folder / name
        target.parent.mkdir(parents=True, exist_ok=True)
        write_atomically(target, data)
    return next(iter(files.values()))


def read_input(path: Path | str, format_name: str | None = None) -> tuple[Format, bytes]:
    """The format of a glossary file (named, or by its extension) and its bytes; InputError when it cannot be read."""
    from glossary.errors import InputError
    from glossary.core.files import is_folder, read_file

    if is_folder(path):  # before the extension: a missing file is missing, whatever its name
        raise InputError(str(path), "it is a folder, not a glossary file (a terms folder is read by glossary.load)")
    path = Path(path)
    fmt = get_format(format_name) if format_name else format_for_path(path)
    return fmt, read_file(path)


def read_document(path: Path | str, format_name: str | None = None) -> GlossaryDocument:
    """Read a glossary file into the validated JSON-contract document."""
    fmt, data = read_input(path, format_name)
    return fmt.load(data, str(path))


def open_import(path: Path | str, format_name: str | None = None) -> ConceptStream:
    """A glossary file opened for import, concept by concept."""
    fmt, data = read_input(path, format_name)
    return fmt.open_import(data, str(path))


def dumped(concept: Concept) -> dict[str, Any]:
    """A concept as the JSON contract (and the compiled data) holds it."""
    return concept.model_dump(mode="json", exclude_none=True)


def read_glossary_file(path: Path | str, format_name: str | None = None) -> dict[str, Any]:
    """Read a glossary file and compile it, ready to be loaded or merged.

    Concept by concept: each validated concept is dumped to the plain dict the compiled
    form keeps and dropped, so a large table never holds its concepts as objects and
    as dicts at once (which took more than half the memory of a first compile).
    """
    from glossary.authoring.build import compile_concepts

    stream = open_import(path, format_name)
    terms = [dumped(concept) for concept in stream.concepts()]
    return compile_concepts(terms, stream.finish())
