"""CSV for Excel and LibreOffice: one row per English term, every column a spreadsheet user needs.

Columns ``id``, ``zh-Hans``, ``zh-Hant``, ``pinyin``, ``en``, ``kind`` (official, source,
literal, alternative, deprecated, abbreviation, erroneous abbreviation), ``category`` and
``note`` (the rendering's note). UTF-8 with a BOM (without it Excel guesses a legacy code
page and garbles Chinese), CRLF line ends and RFC 4180 quoting. Cells starting with
``=`` ``+`` ``-`` ``@``, TAB or CR get a leading ``'`` so that a spreadsheet never runs
them as formulas (OWASP's CSV-injection advice); a cell that already starts with ``'``
gets a second one, so that importing strips exactly one and gets the text back.
``--direction`` and ``--script`` do not apply.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from glossary.formats._tabular import TableImport, csv_bytes, read_table
from glossary.formats.base import ConceptStream, ExportOptions, Format

if TYPE_CHECKING:
    from glossary.analysis.glossary import Glossary
    from glossary.core.model import GlossaryDocument

__all__ = ["CsvFormat", "HEADER", "table"]

HEADER = ["id", "zh-Hans", "zh-Hant", "pinyin", "en", "kind", "category", "note"]


def table(glossary: Glossary) -> list[list[str]]:
    rows = [list(HEADER)]
    for term in glossary:
        zh = term.zh
        for rendering in term.en:
            rows.append([term.id, zh.hans, zh.hant, zh.pinyin, rendering.text, rendering.kind, term.category, rendering.note or ""])
        for abbreviation in term.abbreviations:
            if abbreviation.lang.startswith("zh"):
                continue
            kind = "abbreviation" if abbreviation.status == "accepted" else "erroneous abbreviation"
            rows.append([term.id, zh.hans, zh.hant, zh.pinyin, abbreviation.text, kind, term.category, abbreviation.note or ""])
    return rows


class CsvFormat(Format):
    name = "csv"
    extensions = (".csv",)
    description = "CSV for Excel and LibreOffice: UTF-8 with BOM, CRLF, quoting, formula guard"

    def dump(self, glossary: Glossary, options: ExportOptions) -> bytes:
        return csv_bytes(table(glossary))

    def load(self, data: bytes, path: str) -> GlossaryDocument:
        return read_table(data, path, "csv")

    def open_import(self, data: bytes, path: str) -> ConceptStream:
        return TableImport(data, path, "csv")
