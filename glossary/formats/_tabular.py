"""Rows of term pairs: what the OmegaT, memoQ, Trados and Excel profiles write, and how any table is read.

Writing: :func:`chinese_forms` and :func:`english_forms` list a concept's forms with
their kinds; each profile lays them out its own way. :func:`tsv` and :func:`csv_bytes`
serialise rows (TSV: fields flattened to one trimmed line, never quoted; CSV: RFC 4180
with CRLF, UTF-8 BOM and the spreadsheet formula guard).

Reading (:func:`read_table`): UTF-8 (with or without BOM) or UTF-16 with BOM; tab- or
comma/semicolon-separated; ``#`` lines skipped (OmegaT comments); a header row is
recognised by its language columns (``Chinese (PRC)``, ``zh-Hant``, ``English``,
``en`` …, a ``(forbidden)`` suffix marking deprecated terms) and field columns (``id``,
``pinyin``, ``kind``, ``status``, ``category``, ``note``/``comment``); without one, the
column holding Chinese characters is the Chinese side and a third column a comment.
Comments this package writes (``official · jūnmín rónghé · military-civil-fusion``) give
back the kind, pinyin and id; rows with the same id, or else the same Chinese form,
make one concept.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from glossary.errors import FormatError
from glossary.core.normalize import has_han
from glossary.formats._importing import Draft, DocumentBuilder, Item, clean_cell, decode, is_id, is_traditional
from glossary.formats.base import ConceptStream, ExportOptions, Format

if TYPE_CHECKING:
    from collections.abc import Iterator

    from glossary.analysis.glossary import Glossary
    from glossary.core.model import Concept, GlossaryDocument, SourceDocument

__all__ = [
    "SEPARATOR",
    "chinese_forms",
    "comment",
    "csv_bytes",
    "english_forms",
    "guard",
    "read_table",
    "tsv",
    "unguard",
]

#: Joins the parts of a comment or note cell: ``kind · pinyin · id``.
SEPARATOR = " · "
ABBREVIATION_KINDS = ("abbreviation", "erroneous abbreviation")
_VARIANT_OF = re.compile(r"^(short-form|full-form|script|misspelling|abbreviation|erroneous abbreviation) of (.+)$")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True)
class Form:
    """One form of a concept as a table shows it."""

    text: str
    #: rendering kind, variant kind, "abbreviation" or "erroneous abbreviation"; "" for the head form
    kind: str
    #: a form translators must not use (deprecated rendering, misspelling, erroneous abbreviation)
    forbidden: bool = False


def flat(value: str) -> str:
    """A TSV field: NFC, tabs and line breaks as spaces, trimmed."""
    return clean_cell(value)


def chinese_forms(term: dict[str, Any], script: str) -> list[Form]:
    """The Chinese forms in one script: the head form, the variants and Chinese abbreviations written in it."""
    zh = term["zh"]
    forms = [Form(zh[script], "")]
    for variant in zh.get("variants", ()):
        if is_traditional(variant["text"]) == (script == "hant") and variant["text"] != zh[script]:
            forms.append(Form(variant["text"], variant["kind"], variant["kind"] == "misspelling"))
    for abbreviation in term.get("abbreviations", ()):
        if abbreviation.get("lang", "en").startswith("zh") and is_traditional(abbreviation["text"]) == (script == "hant"):
            erroneous = abbreviation.get("status") == "erroneous"
            forms.append(Form(abbreviation["text"], ABBREVIATION_KINDS[erroneous], erroneous))
    return forms


def english_forms(term: dict[str, Any]) -> list[Form]:
    """The renderings and non-Chinese abbreviations, each with its kind."""
    forms = [Form(rendering["text"], rendering["kind"], rendering["kind"] == "deprecated") for rendering in term["en"]]
    for abbreviation in term.get("abbreviations", ()):
        if not abbreviation.get("lang", "en").startswith("zh"):
            erroneous = abbreviation.get("status") == "erroneous"
            forms.append(Form(abbreviation["text"], ABBREVIATION_KINDS[erroneous], erroneous))
    return forms


def comment(*parts: str) -> str:
    return SEPARATOR.join(part for part in parts if part)


def tsv(rows: Iterable[list[str]]) -> bytes:
    """Tab-separated UTF-8 (no BOM), LF line ends, every field flattened to one trimmed line."""
    return "".join("\t".join(flat(cell) for cell in row) + "\n" for row in rows).encode("utf-8")


def guard(cell: str) -> str:
    """Neutralise a spreadsheet formula: prefix ``'`` to a cell starting with = + - @ TAB CR (or ')."""
    return "'" + cell if cell.startswith(_FORMULA_START + ("'",)) else cell


def unguard(cell: str) -> str:
    """Undo :func:`guard`: drop one leading ``'`` that precedes a formula character or another ``'``."""
    return cell[1:] if len(cell) > 1 and cell[0] == "'" and cell[1] in "=+-@\t\r'" else cell


def csv_bytes(rows: Iterable[list[str]]) -> bytes:
    """RFC 4180 CSV for Excel and LibreOffice: UTF-8 with BOM, CRLF, minimal quoting, formulas guarded."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    for row in rows:
        writer.writerow([guard(unicodedata.normalize("NFC", cell)) for cell in row])
    return b"\xef\xbb\xbf" + buffer.getvalue().encode("utf-8")


# --- reading -------------------------------------------------------------------

@dataclass(slots=True)
class Row:
    line: int
    cells: list[str]
    raw: str


def _split_lines(text: str) -> list[str]:
    # only real line breaks: str.splitlines would also split on U+2028, U+0085 ...
    return re.split(r"\r\n|\r|\n", text)


def _rows(text: str, path: str, dialect: str | None) -> list[Row]:
    lines = _split_lines(text)
    if dialect is None:
        first = next((line for line in lines if line.strip() and not line.startswith("#")), "")
        dialect = "tsv" if "\t" in first else "csv"
    rows: list[Row] = []
    if dialect == "tsv":
        for number, line in enumerate(lines, start=1):
            if not line.strip():
                continue
            if line.startswith("#"):
                # OmegaT skips '#' lines; a first one naming the languages is our header
                if not rows and number == 1 + sum(1 for earlier in lines[: number - 1] if not earlier.strip()):
                    cells = [cell.strip() for cell in line[1:].split("\t")]
                    if _is_header([column_role(cell) for cell in cells]):
                        rows.append(Row(number, cells, line))
                continue
            rows.append(Row(number, [cell.strip() for cell in line.split("\t")], line))
        return rows
    sample = "\n".join(line for line in lines[:50] if not line.startswith("#"))
    delimiter = max(",;\t", key=sample.count) if sample else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    previous_end = 0
    try:
        for cells in reader:
            start, end = previous_end + 1, reader.line_num
            previous_end = end
            raw = " ".join(lines[start - 1 : end])
            if not any(cell.strip() for cell in cells) or (cells and cells[0].startswith("#")):
                continue
            rows.append(Row(start, [unguard(cell).strip() for cell in cells], raw))
    except csv.Error as error:
        raise FormatError(path, f"not valid CSV: {error}", line=reader.line_num) from None
    return rows


_NAMES_HANT = ("taiwan", "traditional", "hong kong", "macao", "macau", "hant")


def column_role(name: str) -> tuple[str, str, bool] | None:
    """What a header cell names: ``("zh", "hans"|"hant", forbidden)``, ``("en", "", forbidden)`` or a field."""
    from glossary.formats.tbx import script_of

    label = " ".join(name.strip().lower().replace("_", " ").split())
    forbidden = False
    for suffix in ("(forbidden)", "forbidden"):
        if label.endswith(suffix) and label != suffix:
            forbidden, label = True, label[: -len(suffix)].strip()
    fields = {
        "id": "id", "term id": "id", "concept id": "id",
        "pinyin": "pinyin",
        "kind": "kind", "type": "kind", "term type": "kind",
        "status": "status", "term status": "status", "usage": "status",
        "category": "category", "subject": "category", "entry subject": "category",
        "note": "note", "notes": "note", "comment": "note", "comments": "note", "entry note": "note", "remark": "note",
    }
    if label in fields and not forbidden:
        return ("field", fields[label], False)
    if label.startswith("chinese"):
        return ("zh", "hant" if any(word in label for word in _NAMES_HANT) else "hans", forbidden)
    if label.startswith("english"):
        return ("en", "", forbidden)
    tag = label.replace(" ", "-")
    if re.fullmatch(r"[a-z]{2,3}(-[a-z0-9]{2,8})*", tag):
        script = script_of(tag)
        if script:
            return ("zh", script, forbidden)
        if tag.split("-")[0] == "en":
            return ("en", "", forbidden)
    return None


def _is_header(roles: list[tuple[str, str, bool] | None]) -> bool:
    kinds = {role[0] for role in roles if role}
    return "zh" in kinds and "en" in kinds


@dataclass
class _Meta:
    id: str | None = None
    pinyin: str | None = None
    category: str | None = None
    kind: str | None = None
    #: "short-form" when the row's Chinese form is a short-form variant of the head ...
    source_kind: str | None = None
    note: str | None = None


def parse_comment(text: str) -> _Meta:
    """Read ``kind · [X of HEAD ·] pinyin · id`` (or ``category · pinyin · id``); anything else is a note."""
    from glossary.core import pinyin
    from glossary.core.model import CATEGORIES, RENDERING_KINDS

    meta = _Meta()
    if not text:
        return meta
    parts = text.split(SEPARATOR)
    if len(parts) < 2 or not is_id(parts[-1]) or not pinyin.is_pinyin(parts[-2]):
        meta.note = text
        return meta
    meta.id, meta.pinyin = parts[-1], parts[-2]
    notes = []
    for part in parts[:-2]:
        variant = _VARIANT_OF.match(part)
        if part in RENDERING_KINDS or part in ABBREVIATION_KINDS:
            meta.kind = part
        elif part in CATEGORIES:
            meta.category = part
        elif variant:
            meta.source_kind = variant.group(1)
        else:
            notes.append(part)
    meta.note = SEPARATOR.join(notes) or None
    return meta


class _Collector:
    """Groups rows into drafts: by id where the file gives one, else by the Chinese form."""

    def __init__(self, builder: DocumentBuilder) -> None:
        self.builder = builder
        self.drafts: dict[str, Draft] = {}

    def draft_for(self, row: Row, meta: _Meta, chinese: list[tuple[str, str, bool]]) -> Draft:
        from glossary.core import normalize

        key = f"id:{meta.id}" if meta.id else f"zh:{normalize.chinese_key(chinese[0][0])}"
        draft = self.drafts.get(key)
        if draft is None:
            draft = self.drafts[key] = Draft(line=row.line, raw=row.raw, locator=f"line {row.line}", id=meta.id)
        if meta.pinyin and not draft.pinyin:
            draft.pinyin = meta.pinyin
        if meta.category and not draft.category:
            draft.category = meta.category
        return draft

    def add_chinese(self, draft: Draft, row: Row, text: str, script: str, forbidden: bool, source_kind: str | None) -> None:
        if source_kind in ABBREVIATION_KINDS:
            lang = "zh-Hant" if script == "hant" else "zh-Hans"
            status = "erroneous" if source_kind == "erroneous abbreviation" or forbidden else "accepted"
            draft.add_abbreviation(Item(text, "abbreviation", row.line, lang=lang, status=status, locator=f"line {row.line}", raw=row.raw))
            return
        head = getattr(draft, script)
        if head is None and not source_kind and not forbidden:
            setattr(draft, script, text)
            return
        if text == head:
            return
        if source_kind is None:
            reference = head or draft.hans or draft.hant or text
            source_kind = "misspelling" if forbidden else ("short-form" if len(text) < len(reference) else "full-form")
        draft.add_variant(Item(text, source_kind, row.line, locator=f"line {row.line}", raw=row.raw))

    def add_english(self, draft: Draft, row: Row, text: str, kind: str | None, forbidden: bool, note: str | None) -> None:
        from glossary.core.model import RENDERING_KINDS

        if kind in ABBREVIATION_KINDS:
            status = "erroneous" if kind == "erroneous abbreviation" or forbidden else "accepted"
            draft.add_abbreviation(Item(text, "abbreviation", row.line, lang="en", status=status, note=note, locator=f"line {row.line}", raw=row.raw))
            return
        if forbidden:
            kind = "deprecated"
        elif kind not in RENDERING_KINDS:
            kind = "source"  # as the imported file, the cited document, writes it
        draft.add_rendering(Item(text, kind, row.line, note=note, locator=f"line {row.line}", raw=row.raw))


_STATUS_KIND = {"preferred": "source", "admitted": "alternative", "forbidden": "deprecated", "deprecated": "deprecated"}


def read_table(data: bytes, path: str, dialect: str | None = None) -> GlossaryDocument:
    """Read a TSV or CSV glossary into the validated document (see the module docstring)."""
    from glossary.core.model import GlossaryDocument

    table = TableImport(data, path, dialect)
    concepts = list(table.concepts())
    return GlossaryDocument(sources=table.finish(), terms=concepts)


@dataclass(slots=True)
class _Parsed:
    """What one row says: its comment or field metadata, Chinese forms, English forms, kind and status."""

    meta: _Meta
    chinese: list[tuple[str, str, bool]]
    english: list[tuple[str, bool, str | None]]
    kind: str | None
    status: str


class TableImport(ConceptStream):
    """A TSV or CSV glossary read concept by concept, so that a file of any length imports in bounded memory.

    Reading keeps the rows (about half a kilobyte each) grouped by concept (rows with
    the same id, or else the same Chinese form, make one concept). :meth:`concepts`
    then builds, validates (pydantic, at the boundary) and yields one concept at a
    time, dropping each group as it goes; nothing keeps an object graph per row.
    :attr:`count` is the number of concepts it will yield when the file is sound;
    :meth:`finish` returns the sources, or raises DataError listing every problem.
    """

    def __init__(self, data: bytes, path: str, dialect: str | None = None) -> None:
        self.path = path
        self.builder = DocumentBuilder(path)
        rows = _rows(decode(data, path), path, dialect)
        self.roles: list[tuple[str, str, bool] | None] | None = None
        if rows:
            candidate = [column_role(cell) for cell in rows[0].cells]
            if _is_header(candidate):
                self.roles = candidate
                del rows[0]
            elif sum(1 for role in candidate if role) >= 2:
                raise FormatError(path, "the header row needs a Chinese and an English column (for example 'zh-Hans' and 'en')", line=rows[0].line)
        self.has_id_column = self.roles is not None and ("field", "id", False) in self.roles
        # a file without a header goes one way: the direction most rows show settles unclear ones
        self.chinese_first = True
        if self.roles is None:
            votes = 0
            for row in rows:
                han = [has_han(cell) for cell in row.cells[:2]]
                votes += (han == [True, False]) - (han == [False, True])
            self.chinese_first = votes >= 0
        from glossary.core import normalize

        self.groups: dict[str, list[Row]] = {}
        ids: set[str] = set()
        #: id -> (Chinese key, Chinese form, line) of its first row, in a table with an id column
        first_rows: dict[str, tuple[str, str, int]] = {}
        for row in rows:
            parsed = self._parse(row)
            if isinstance(parsed, str):
                self.builder.problem(f"{path}:{row.line}", parsed)
                continue
            if parsed.meta.id and self.has_id_column:
                # rows with one id make one concept: another Chinese term under it would
                # silently become a variant of the first (a comment's id, as OmegaT rows
                # carry it, does name variants)
                form = parsed.chinese[0][0]
                first = first_rows.setdefault(parsed.meta.id, (normalize.chinese_key(form), form, row.line))
                if first[0] != normalize.chinese_key(form):
                    self.builder.problem(
                        f"{path}:{row.line}",
                        f"the id {parsed.meta.id!r} is used twice: for {first[1]!r} on line {first[2]} and for {form!r} here; give each concept its own id",
                    )
                    continue
            if parsed.meta.id:
                ids.add(parsed.meta.id)
            key = f"id:{parsed.meta.id}" if parsed.meta.id else f"zh:{normalize.chinese_key(parsed.chinese[0][0])}"
            self.groups.setdefault(key, []).append(row)
        self.builder.reserve(ids)
        #: The number of concepts the file makes.
        self.count = len(self.groups)

    def _parse(self, row: Row) -> _Parsed | str:
        """One row's forms and fields, or the problem that makes it unusable."""
        cells = [clean_cell(cell) for cell in row.cells]
        chinese: list[tuple[str, str, bool]] = []
        english: list[tuple[str, bool, str | None]] = []
        fields: dict[str, str] = {}
        if self.roles is not None:
            for role, cell in zip(self.roles, cells):
                if role is None or not cell:
                    continue
                if role[0] == "zh":
                    chinese.append((cell, role[1], role[2]))
                elif role[0] == "en":
                    english.append((cell, role[2], None))
                else:
                    fields.setdefault(role[1], cell)
        else:
            if len(cells) < 2 or not cells[0] or not cells[1]:
                return "a row needs a Chinese and an English term in its first two columns"
            han = [has_han(cell) for cell in cells[:2]]
            first_is_chinese = han[0] if han[0] != han[1] else self.chinese_first
            zh_text, en_text = (cells[0], cells[1]) if first_is_chinese else (cells[1], cells[0])
            if not has_han(zh_text):
                return f"no Chinese term in this row (neither {cells[0]!r} nor {cells[1]!r} has Chinese characters)"
            chinese.append((zh_text, "hant" if is_traditional(zh_text) else "hans", False))
            english.append((en_text, False, None))
            if len(cells) > 2 and cells[2]:
                fields["note"] = cells[2]
        if not chinese or not english:
            return "a row needs a Chinese and an English term"
        meta = _Meta(note=fields.get("note")) if self.has_id_column else parse_comment(fields.get("note", ""))
        meta.id = fields.get("id") or meta.id
        meta.pinyin = fields.get("pinyin") or meta.pinyin
        meta.category = fields.get("category") or meta.category
        status = fields.get("status", "").lower()
        kind = fields.get("kind") or meta.kind or _STATUS_KIND.get(status)
        if meta.id and not is_id(meta.id):
            return f"{meta.id!r} is not a term id (lowercase ASCII words joined by hyphens)"
        return _Parsed(meta, chinese, english, kind, status)

    def concepts(self) -> Iterator[Concept]:
        """Each concept in the order of its first row, validated; a group is dropped once built."""
        groups = self.groups
        while groups:
            key = next(iter(groups))
            rows = groups.pop(key)
            collector = _Collector(self.builder)
            for row in rows:
                parsed = self._parse(row)
                assert not isinstance(parsed, str)  # rows with problems were not grouped
                meta = parsed.meta
                draft = collector.draft_for(row, meta, parsed.chinese)
                for text, script, forbidden in parsed.chinese:
                    source_kind = meta.source_kind if self.roles is None or len(parsed.chinese) == 1 else None
                    collector.add_chinese(draft, row, text, script, forbidden, source_kind)
                for text, forbidden, _ in parsed.english:
                    collector.add_english(draft, row, text, parsed.kind, forbidden or parsed.status == "forbidden", meta.note)
            for draft in collector.drafts.values():
                concept = self.builder.concept(draft)
                if concept is not None:
                    yield concept

    def finish(self) -> dict[str, SourceDocument]:
        """The source documents once every concept was built; DataError listing every problem."""
        return self.builder.finish()

    def expected_sources(self) -> dict[str, SourceDocument]:
        from glossary.core.model import SourceDocument

        return {self.builder.file_doc: SourceDocument.model_validate(self.builder.file_source())}


class HeaderTableFormat(Format):
    """A tab-separated export with a header row (memoQ, Trados): UTF-8 with a BOM, read back by :func:`read_table`.

    Subclasses give ``rows(glossary)``, the table as written.
    """

    def rows(self, glossary: Glossary) -> list[list[str]]:
        raise NotImplementedError

    def dump(self, glossary: Glossary, options: ExportOptions) -> bytes:
        return b"\xef\xbb\xbf" + tsv(self.rows(glossary))

    def load(self, data: bytes, path: str) -> GlossaryDocument:
        return read_table(data, path)  # tab-separated as written; a comma-separated .txt is read too

    def open_import(self, data: bytes, path: str) -> ConceptStream:
        return TableImport(data, path)
