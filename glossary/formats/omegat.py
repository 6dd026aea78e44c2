"""OmegaT glossary: tab-separated UTF-8 (``.utf8``), three columns, no header.

OmegaT reads ``source<TAB>target<TAB>comment`` per line, trims every field, skips lines
starting with ``#`` and takes a header line for an entry; ``.utf8`` files are always read
as UTF-8. So: no header, NFC text, fields flattened to one trimmed line, one row per
source form and accepted rendering, no empty targets, and no row whose source starts
with ``#`` (OmegaT would skip it).

- ``zh-en`` (default): sources are the Chinese forms in the chosen script (head form,
  variants, Chinese abbreviations), targets every rendering and abbreviation that is not
  deprecated or erroneous.
- ``en-zh``: sources are every English form (deprecated ones too: they occur in texts,
  the comment says ``deprecated``), the target is the Chinese head form.

The comment reads ``kind · [variant-kind of HEAD ·] pinyin · id``, for example
``official · jūnmín rónghé · military-civil-fusion``. No formula guard: the file is for
OmegaT, where a leading apostrophe would become part of the term.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from glossary.formats._tabular import TableImport, chinese_forms, comment, english_forms, read_table, tsv
from glossary.formats.base import ConceptStream, ExportOptions, Format

if TYPE_CHECKING:
    from glossary.analysis.glossary import Glossary
    from glossary.core.model import GlossaryDocument

__all__ = ["OmegatFormat", "rows"]


def rows(glossary: Glossary, options: ExportOptions) -> list[list[str]]:
    """The (source, target, comment) rows of a glossary."""
    out: list[list[str]] = []
    for term in glossary:
        data = term.to_dict()
        head = data["zh"][options.script]
        pinyin, term_id = data["zh"]["pinyin"], data["id"]
        chinese = chinese_forms(data, options.script)
        english = english_forms(data)
        if options.direction == "zh-en":
            targets = [form for form in english if not form.forbidden]
            for source in chinese:
                origin = f"{source.kind} of {head}" if source.kind else ""
                for target in targets:
                    out.append([source.text, target.text, comment(target.kind, origin, pinyin, term_id)])
        else:
            for source in english:
                out.append([source.text, head, comment(source.kind, pinyin, term_id)])
    return [row for row in out if row[1].strip() and not row[0].lstrip().startswith("#")]


def header(options: ExportOptions) -> list[str]:
    """The first line, behind ``#`` so that OmegaT skips it: the languages, for importers."""
    chinese = "zh-Hant" if options.script == "hant" else "zh-Hans"
    languages = [chinese, "en"] if options.direction == "zh-en" else ["en", chinese]
    return ["# " + languages[0], languages[1], "comment"]


class OmegatFormat(Format):
    name = "omegat"
    extensions = (".utf8", ".tsv", ".tab", ".txt")
    description = "OmegaT glossary (.utf8): source, target, comment; no header; --direction and --script apply"

    def dump(self, glossary: Glossary, options: ExportOptions) -> bytes:
        return tsv([header(options), *rows(glossary, options)])

    def load(self, data: bytes, path: str) -> GlossaryDocument:
        return read_table(data, path)  # tab-separated as written; a comma-separated .txt is read too

    def open_import(self, data: bytes, path: str) -> ConceptStream:
        return TableImport(data, path)
