"""Trados (MultiTerm) through the Glossary Converter: tab-separated ``.txt``, header row, one row per English term.

The Glossary Converter reads ``.txt`` as tab-separated Unicode, maps header names that
are language names, and in its *multi-line* synonym mode merges rows that share the
source term into one entry. So every row repeats the Chinese forms and carries one
English term: ``Chinese (PRC)``, ``Chinese (Taiwan)``, ``English``, then the term fields
``Status`` (``preferred`` for official renderings, ``admitted``, ``forbidden`` for
deprecated renderings and erroneous abbreviations) and ``Kind`` (the glossary's kind),
and the entry field ``Note`` (``category · pinyin · id``). UTF-8 with BOM, fields
flattened, never quoted, no formula guard. ``--direction`` and ``--script`` do not apply.
Chinese variants are left out: the converter would make each one an entry of its own.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from glossary.formats._tabular import HeaderTableFormat, comment, english_forms
from glossary.formats.memoq import LANGUAGE_NAMES

if TYPE_CHECKING:
    from glossary.analysis.glossary import Glossary

__all__ = ["TradosFormat", "table"]

HEADER = [LANGUAGE_NAMES["hans"], LANGUAGE_NAMES["hant"], LANGUAGE_NAMES["en"], "Status", "Kind", "Note"]


def table(glossary: Glossary) -> list[list[str]]:
    rows = [list(HEADER)]
    for term in glossary:
        data = term.to_dict()
        note = comment(data["category"], data["zh"]["pinyin"], data["id"])
        for form in english_forms(data):
            status = "forbidden" if form.forbidden else "preferred" if form.kind == "official" else "admitted"
            rows.append([data["zh"]["hans"], data["zh"]["hant"], form.text, status, form.kind, note])
    return rows


class TradosFormat(HeaderTableFormat):
    name = "trados"
    extensions = (".txt", ".tsv")
    description = "Trados via the Glossary Converter (TSV .txt): one row per English term with Status and Kind"

    def rows(self, glossary: Glossary) -> list[list[str]]:
        return table(glossary)
