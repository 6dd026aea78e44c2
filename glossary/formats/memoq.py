"""memoQ term base import: tab-separated, a header row of language names, one entry per row.

Columns: ``Chinese (PRC)`` (head form, then simplified variants and abbreviations, one
column each: memoQ imports repeated language columns as synonyms), ``Chinese (Taiwan)``
(likewise), ``English`` (accepted renderings and abbreviations), then the forbidden terms
in columns named ``Chinese (PRC) (forbidden)``, ``English (forbidden)`` … (misspellings,
deprecated renderings, erroneous abbreviations; map them to the language's term field
with the term property *Forbidden*), and ``Entry_Note`` (``category · pinyin · id``).
UTF-8 with BOM so the encoding is recognised; fields flattened, never quoted, no formula
guard (memoQ is not a spreadsheet). A term base holds every direction, so
``--direction`` and ``--script`` do not apply.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from glossary.formats._tabular import HeaderTableFormat, chinese_forms, comment, english_forms

if TYPE_CHECKING:
    from glossary.analysis.glossary import Glossary

__all__ = ["LANGUAGE_NAMES", "MemoqFormat", "table"]

#: Header names per language column, as memoQ names the languages.
LANGUAGE_NAMES = {"hans": "Chinese (PRC)", "hant": "Chinese (Taiwan)", "en": "English"}


def table(glossary: Glossary, names: dict[str, str] = LANGUAGE_NAMES, note_header: str = "Entry_Note") -> list[list[str]]:
    """Header and rows: one row per concept, a column group per language and status."""
    groups = [("hans", False), ("hant", False), ("en", False), ("hans", True), ("hant", True), ("en", True)]
    entries = []
    for term in glossary:
        data = term.to_dict()
        forms = {"hans": chinese_forms(data, "hans"), "hant": chinese_forms(data, "hant"), "en": english_forms(data)}
        cells = {
            (language, forbidden): [form.text for form in forms[language] if form.forbidden == forbidden]
            for language, forbidden in groups
        }
        entries.append((cells, comment(data["category"], data["zh"]["pinyin"], data["id"])))
    widths = {group: max([len(cells[group]) for cells, _ in entries] + [0 if group[1] else 1]) for group in groups}
    header = [names[language] + (" (forbidden)" if forbidden else "") for language, forbidden in groups for _ in range(widths[(language, forbidden)])]
    rows = [header + [note_header]]
    for cells, note in entries:
        row = []
        for group in groups:
            row += cells[group] + [""] * (widths[group] - len(cells[group]))
        rows.append(row + [note])
    return rows


class MemoqFormat(HeaderTableFormat):
    name = "memoq"
    extensions = (".tsv", ".txt")
    description = "memoQ term base (TSV): language-named columns, synonyms as repeated columns, forbidden terms apart"

    def rows(self, glossary: Glossary) -> list[list[str]]:
        return table(glossary)
