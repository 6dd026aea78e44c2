"""Excel workbook (``.xlsx``): one row per concept, one column per language and field.

Translators exchange term bases with clients and tools as workbooks; Phrase, memoQ
and Trados (through MultiTerm Convert or the Glossary Converter) import them with a
header row and one entry per row. The ``Terms`` sheet holds:

- the entry: ``ID``, ``Category``;
- the Chinese forms: ``zh-Hans``, ``zh-Hant``, ``Pinyin``, ``zh Sources``;
- each English rendering in a group of columns ``en``, ``en Kind``, ``en Date``,
  ``en Ambiguous``, ``en Note``, ``en Sources``, repeated as often as the concept with
  the most renderings needs (repeated language columns are synonyms of one entry);
- each variant in ``zh Variant``, ``zh Variant Kind``, ``zh Variant Note``,
  ``zh Variant Sources`` and each abbreviation in ``Abbreviation``, ``Abbreviation
  Language``, ``Abbreviation Status``, ``Abbreviation Note``, ``Abbreviation Sources``;
- the rest of the entry: ``Definition``, ``Definition Sources``, ``First Use``, ``First
  Use Precision``, ``First Use Note``, ``First Use Sources``, ``No First Use`` (why
  there is none to give), ``Relations``, ``Shares Keys With``, ``Generic``, ``Note``.

Citations (``… Sources``) and relations are JSON lists in their cell, so that a
workbook reads back into the same concepts: every form, rendering, kind,
abbreviation, date and citation. The ``Sources`` sheet lists the cited documents.

Every cell is stored as text (type ``s``): a value starting with ``=``, ``+``, ``-`` or
``@`` is never a formula, and a date such as ``2017-10`` stays a string. openpyxl, the
library made for reading and writing this format, is imported only here and only when
a workbook is written or read.
"""

from __future__ import annotations

import io
import json
from typing import TYPE_CHECKING, Any

from glossary.errors import DataError, FormatError
from glossary.formats.base import ExportOptions, Format

if TYPE_CHECKING:
    from glossary.analysis.glossary import Glossary
    from glossary.core.model import GlossaryDocument

__all__ = ["SOURCE_COLUMNS", "TERMS_SHEET", "SOURCES_SHEET", "XlsxFormat", "header", "rows"]

TERMS_SHEET = "Terms"
SOURCES_SHEET = "Sources"

# (column, path in the JSON contract's concept, how the cell holds it)
_HEAD: list[tuple[str, tuple[str, ...], str]] = [
    ("ID", ("id",), "text"),
    ("Category", ("category",), "text"),
    ("zh-Hans", ("zh", "hans"), "text"),
    ("zh-Hant", ("zh", "hant"), "text"),
    ("Pinyin", ("zh", "pinyin"), "text"),
    ("zh Sources", ("zh", "sources"), "json"),
]
_TAIL: list[tuple[str, tuple[str, ...], str]] = [
    ("Definition", ("definition", "text"), "text"),
    ("Definition Sources", ("definition", "sources"), "json"),
    ("First Use", ("first_use", "date"), "text"),
    ("First Use Precision", ("first_use", "precision"), "text"),
    ("First Use Note", ("first_use", "note"), "text"),
    ("First Use Sources", ("first_use", "sources"), "json"),
    ("No First Use", ("no_first_use",), "text"),
    ("Relations", ("relations",), "json"),
    ("Shares Keys With", ("shares_keys_with",), "ids"),
    ("Generic", ("generic",), "flag"),
    ("Note", ("note",), "text"),
]
# repeated groups: (path of the list, lead column, [(column, field, how)])
_GROUPS: list[tuple[tuple[str, ...], str, list[tuple[str, str, str]]]] = [
    (
        ("en",),
        "en",
        [("en", "text", "text"), ("en Kind", "kind", "text"), ("en Date", "date", "text"), ("en Ambiguous", "ambiguous", "flag"), ("en Note", "note", "text"), ("en Sources", "sources", "json")],
    ),
    (
        ("zh", "variants"),
        "zh Variant",
        [("zh Variant", "text", "text"), ("zh Variant Kind", "kind", "text"), ("zh Variant Note", "note", "text"), ("zh Variant Sources", "sources", "json")],
    ),
    (
        ("abbreviations",),
        "Abbreviation",
        [
            ("Abbreviation", "text", "text"),
            ("Abbreviation Language", "lang", "text"),
            ("Abbreviation Status", "status", "text"),
            ("Abbreviation Note", "note", "text"),
            ("Abbreviation Sources", "sources", "json"),
        ],
    ),
]

#: The columns of the Sources sheet: (column, field of the source document).
SOURCE_COLUMNS: list[tuple[str, str]] = [
    ("Key", "key"),
    ("Title", "title"),
    ("Title Original", "title_original"),
    ("Author", "author"),
    ("Publisher", "publisher"),
    ("Date", "date"),
    ("URL", "url"),
    ("Kind", "kind"),
    ("Language", "language"),
    ("Note", "note"),
]


def _get(data: dict[str, Any], path: tuple[str, ...]) -> Any:
    value: Any = data
    for part in path:
        if not isinstance(value, dict):
            return None
        value = value.get(part)
    return value


def _put(data: dict[str, Any], path: tuple[str, ...], value: Any) -> None:
    for part in path[:-1]:
        data = data.setdefault(part, {})
    data[path[-1]] = value


def _cell(value: Any, how: str) -> str | None:
    """A field as the text of its cell (None: empty)."""
    if value is None or value == [] or value is False:
        return None
    if how == "json":
        return json.dumps(value, ensure_ascii=False)
    if how == "ids":
        return "; ".join(value)
    if how == "flag":
        return "true"
    return str(value)


def _value(text: str, how: str, where: str) -> Any:
    """A cell's text as the field it holds; FormatError naming the cell when it cannot be."""
    if how == "json":
        try:
            return json.loads(text)
        except ValueError as error:
            raise FormatError(where, f"not a JSON list: {error}") from None
    if how == "ids":
        return [part.strip() for part in text.split(";") if part.strip()]
    if how == "flag":
        if text.strip().lower() in ("true", "yes", "1"):
            return True
        if text.strip().lower() in ("", "false", "no", "0"):
            return None
        raise FormatError(where, f"expected true or false, found {text!r}")
    return text


def header(terms: list[dict[str, Any]]) -> list[str]:
    """The Terms sheet's header row: each group repeated as often as the largest concept needs."""
    columns = [column for column, _, _ in _HEAD]
    for path, _, fields in _GROUPS:
        most = max((len(_get(term, path) or ()) for term in terms), default=0)
        for _ in range(max(most, 1)):
            columns += [column for column, _, _ in fields]
    return columns + [column for column, _, _ in _TAIL]


def rows(terms: list[dict[str, Any]], columns: list[str]) -> list[list[str | None]]:
    """The cells of each concept under ``columns`` (as :func:`header` made them)."""
    out = []
    for term in terms:
        row = [_cell(_get(term, path), how) for _, path, how in _HEAD]
        for path, _, fields in _GROUPS:
            items = _get(term, path) or []
            width = columns.count(fields[0][0])
            for index in range(width):
                item = items[index] if index < len(items) else {}
                row += [_cell(item.get(field), how) for _, field, how in fields]
        row += [_cell(_get(term, path), how) for _, path, how in _TAIL]
        out.append(row)
    return out


def _text_cells(sheet: Any, values: list[str | None], bold: bool = False) -> list[Any]:
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    cells = []
    for value in values:
        cell = WriteOnlyCell(sheet, value=value)
        if value is not None:
            cell.data_type = "s"  # text, whatever it starts with: never a formula
        if bold:
            cell.font = Font(bold=True)
        cells.append(cell)
    return cells


def workbook_bytes(terms: list[dict[str, Any]], sources: dict[str, dict[str, Any]]) -> bytes:
    """The workbook of concepts (JSON-contract dicts) and their cited documents."""
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    sheet = book.create_sheet(TERMS_SHEET)
    sheet.freeze_panes = "C2"
    columns = header(terms)
    sheet.append(_text_cells(sheet, list(columns), bold=True))
    for row in rows(terms, columns):
        sheet.append(_text_cells(sheet, row))
    listing = book.create_sheet(SOURCES_SHEET)
    listing.freeze_panes = "A2"
    listing.append(_text_cells(listing, [column for column, _ in SOURCE_COLUMNS], bold=True))
    for key, source in sources.items():
        record = {"key": key, **source}
        listing.append(_text_cells(listing, [_cell(record.get(field), "text") for _, field in SOURCE_COLUMNS]))
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _text(value: Any) -> str | None:
    """A cell as text: what a spreadsheet user typed may have become a number or a date."""
    if value is None:
        return None
    if hasattr(value, "isoformat"):
        text: str = value.isoformat()
        return text[:10] if text.endswith("T00:00:00") else text
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = str(value)
    return text if text.strip() else None


def _sheet_rows(book: Any, name: str, path: str) -> list[tuple[Any, ...]]:
    if name not in book.sheetnames:
        raise FormatError(path, f"no sheet named {name!r} (sheets: {', '.join(book.sheetnames)})")
    return list(book[name].iter_rows(values_only=True))


def _read_terms(table: list[tuple[Any, ...]], path: str) -> tuple[list[dict[str, Any]], list[int]]:
    """The concepts of the Terms sheet as JSON-contract dicts, with their row numbers."""
    names = [(_text(name) or "").strip() for name in table[0]] if table else []
    known = {column for column, _, _ in _HEAD + _TAIL} | {column for _, _, fields in _GROUPS for column, _, _ in fields}
    if not {"ID", "zh-Hans", "en"} <= set(names):
        raise FormatError(path, "the Terms sheet needs a header row with the columns ID, zh-Hans and en", 1)
    single = {column: (path_, how) for column, path_, how in _HEAD + _TAIL}
    group_of = {column: (group, field, how) for group in _GROUPS for column, field, how in group[2]}
    terms: list[dict[str, Any]] = []
    numbers: list[int] = []
    for number, raw in enumerate(table[1:], 2):
        cells = [_text(value) for value in raw]
        if not any(cells):
            continue
        term: dict[str, Any] = {}
        items: dict[tuple[str, ...], list[dict[str, Any]]] = {group[0]: [] for group in _GROUPS}
        for position, name in enumerate(names):
            text = cells[position] if position < len(cells) else None
            if name not in known:
                continue
            if name in single:
                target, how = single[name]
                if text is not None:
                    _put(term, target, _value(text, how, f"{path}:{number}"))
                continue
            group, field, how = group_of[name]
            found = items[group[0]]
            if name == group[1]:
                found.append({})  # the lead column starts the next item of its group
            if text is not None and found:
                found[-1][field] = _value(text, how, f"{path}:{number}")
        for list_path, list_items in items.items():
            kept = [item for item in list_items if item]
            if kept:
                _put(term, list_path, kept)
        terms.append(term)
        numbers.append(number)
    return terms, numbers


def read_workbook(data: bytes, path: str) -> GlossaryDocument:
    """A workbook this format wrote (or one laid out the same way) as the validated document."""
    from zipfile import BadZipFile

    from openpyxl import load_workbook
    from pydantic import ValidationError

    from glossary.core.model import Concept, GlossaryDocument, SourceDocument

    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    except (BadZipFile, KeyError, OSError, ValueError) as error:
        raise FormatError(path, f"not an Excel workbook (.xlsx): {error}") from None
    except Exception as error:  # noqa: BLE001 - a damaged archive fails anywhere inside zipfile, zlib or the XML parser
        raise FormatError(path, f"not a readable Excel workbook (.xlsx): {type(error).__name__}: {error}") from None
    try:
        terms, numbers = _read_terms(_sheet_rows(book, TERMS_SHEET, path), path)
        source_rows = _sheet_rows(book, SOURCES_SHEET, path) if SOURCES_SHEET in book.sheetnames else []
    except DataError:
        raise
    except Exception as error:  # noqa: BLE001 - read-only workbooks decompress and parse the sheets only now
        raise FormatError(path, f"not a readable Excel workbook (.xlsx): {type(error).__name__}: {error}") from None
    finally:
        book.close()
    problems: list[tuple[str, str]] = []
    sources: dict[str, SourceDocument] = {}
    if source_rows:
        names = [(_text(name) or "").strip() for name in source_rows[0]]
        fields = dict(SOURCE_COLUMNS)
        for number, raw in enumerate(source_rows[1:], 2):
            record = {fields[name]: _text(value) for name, value in zip(names, raw) if name in fields and _text(value) is not None}
            if not record:
                continue
            key = record.pop("key", None)
            where = f"{path}:{SOURCES_SHEET}:{number}"
            if not key:
                problems.append((where, "a source needs a Key"))
                continue
            try:
                sources[key] = SourceDocument.model_validate(record)
            except ValidationError as error:
                problems += [(where, _message(detail)) for detail in error.errors()]
    concepts = []
    for number, term in zip(numbers, terms):
        try:
            concepts.append(Concept.model_validate(term))
        except ValidationError as error:
            problems += [(f"{path}:{number}", _message(detail)) for detail in error.errors()]
    if problems:
        raise DataError(problems)
    try:
        return GlossaryDocument(sources=sources, terms=concepts)
    except ValidationError as error:
        raise DataError([(path, _message(detail)) for detail in error.errors()]) from None


def _message(detail: Any) -> str:
    where = ".".join(str(part) for part in detail.get("loc", ()))
    return f"{where}: {detail.get('msg', 'invalid')}" if where else str(detail.get("msg", "invalid"))


class XlsxFormat(Format):
    name = "xlsx"
    extensions = (".xlsx",)
    description = "Excel workbook: one row per concept, a column per language and field (Phrase, memoQ, Trados), a Sources sheet; every cell text"

    def dump(self, glossary: Glossary, options: ExportOptions) -> bytes:
        return workbook_bytes([term.to_dict() for term in glossary], {key: dict(value) for key, value in glossary.sources.items()})

    def load(self, data: bytes, path: str) -> GlossaryDocument:
        return read_workbook(data, path)
