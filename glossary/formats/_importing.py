"""Shared import machinery: decoding translators' files and turning what they hold into concepts.

Every importer (tabular files, TBX, TBX 2) reads its file into :class:`Draft` records,
one per concept, and hands them to :class:`DocumentBuilder`, which

- fills what a translator's glossary lacks and the model requires: a traditional form
  (OpenCC ``s2tw``), a simplified one (``tw2s``), pinyin (pypinyin), an id (a slug of
  the first English rendering), a category (``concept``), each with a note saying so;
- cites the imported file itself for every claim that carries no citation of its own:
  the file becomes a source document (kind ``reference``, title = file name), each
  citation names the line (or entry) and quotes the row's text;
- validates every concept and reports every problem at once as ``file:line: message``.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import PurePath
from typing import TYPE_CHECKING, Any

from glossary.errors import DataError, FormatError
from glossary.core.normalize import is_han

if TYPE_CHECKING:
    from collections.abc import Iterable

    from glossary.core.model import Concept, GlossaryDocument, SourceDocument

__all__ = [
    "Draft",
    "DocumentBuilder",
    "Item",
    "clean_cell",
    "decode",
    "is_traditional",
    "slug",
]



def decode(data: bytes, path: str) -> str:
    """The text of a file: UTF-8 with or without a BOM, or UTF-16 LE/BE with a BOM.

    Anything else is a FormatError naming the file (and the line of the first bad byte),
    since guessing a legacy code page would silently garble Chinese.
    """
    if data.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):
        raise FormatError(path, "UTF-32 is not supported: save the file as UTF-8")
    if data.startswith(codecs.BOM_UTF8):
        body, encoding = data[len(codecs.BOM_UTF8) :], "utf-8"
    elif data.startswith(codecs.BOM_UTF16_LE):
        body, encoding = data[2:], "utf-16-le"
    elif data.startswith(codecs.BOM_UTF16_BE):
        body, encoding = data[2:], "utf-16-be"
    else:
        body, encoding = data, "utf-8"
    try:
        text = body.decode(encoding)
    except UnicodeDecodeError as error:
        if encoding == "utf-8":
            line = body[: error.start].count(b"\n") + 1
            raise FormatError(
                path,
                f"not UTF-8 (byte 0x{body[error.start]:02x}); save the file as UTF-8 or as UTF-16 with a byte-order mark",
                line=line,
            ) from None
        raise FormatError(path, f"not valid {encoding.upper()} (byte {error.start})") from None
    if encoding == "utf-8" and "\x00" in text:
        line = text[: text.index("\x00")].count("\n") + 1
        raise FormatError(path, "looks like UTF-16 without a byte-order mark; save the file as UTF-8", line=line)
    return text


def clean_cell(value: str) -> str:
    """A field as the model accepts it: NFC, a line break or tab (and the spaces around it) as one space, other controls dropped, trimmed."""
    value = re.sub(r" *[\t\r\n\v\f]+[ \t\r\n\v\f]*", " ", unicodedata.normalize("NFC", value))
    value = "".join(char for char in value if char == "\u200d" or unicodedata.category(char) not in ("Cc", "Cf"))
    return value.strip()


def flatten(text: str) -> str:
    """Text from XML as one line: runs of white space holding a line break or tab become one space."""
    if any(char in text for char in "\t\r\n"):
        text = re.sub(r"\s*[\t\r\n]\s*", " ", text)
    return text.strip()


def quote_of(raw: str) -> str:
    """A row's raw text as a citation quote: cells trimmed and joined by `` | ``, line breaks as spaces.

    Empty cells at either end (trailing tabs are common in real files) are left out, so
    the quote never starts or ends with white space, which the model rejects.
    """
    cells = [clean_cell(cell) for cell in raw.split("\t")]
    while cells and not cells[-1]:
        cells.pop()
    while cells and not cells[0]:
        cells.pop(0)
    return " | ".join(cells).strip() or "(empty row)"


def slug(text: str) -> str:
    """An ASCII id from any text: ``Military–Civil Fusion`` → ``military-civil-fusion``."""
    decomposed = unicodedata.normalize("NFKD", text)
    # accents go (é -> e); every other non-ASCII character (dashes, CJK) separates words
    ascii_text = "".join(
        char if char.isascii() else "" if unicodedata.combining(char) else " " for char in decomposed
    ).lower()
    words = re.findall(r"[a-z0-9]+", ascii_text)
    value = "-".join(words)
    if value and not value[0].isalpha():
        value = "term-" + value
    return value[:80].rstrip("-")


def is_id(value: str) -> bool:
    from glossary.core.model import ID_RE  # pydantic: off the import of this module

    return bool(ID_RE.match(value))


def is_traditional(text: str) -> bool:
    """True when OpenCC's traditional-to-simplified conversion changes the text."""
    from glossary.authoring.script import convert

    return convert(text, "t2s") != text


def generated_pinyin(hans: str) -> tuple[str, list[str]]:
    """Tone-marked pinyin for Chinese text, and the Han characters pypinyin has no reading for.

    The whole string goes to pypinyin at once, so that its phrase dictionary picks the
    reading of a polyphone in context (银行 yín háng, 重庆 chóng qìng, 长城 cháng
    chéng); one character at a time it would give each character's commonest reading.
    ASCII digits are kept (as one syllable per number); other characters are left out.
    When a Han character has no reading (rare and non-BMP characters pypinyin does
    not know), the pinyin is ``""`` and the characters are returned, so the caller can
    say what was left empty and why. pypinyin is imported lazily.
    """
    from pypinyin import Style, pinyin

    unread = "\0"  # marks what pypinyin could not read; it never occurs in its readings
    syllables: list[str] = []
    unreadable: list[str] = []
    def mark(text: str) -> Any:  # pypinyin accepts a list of readings per character (its stubs say str)
        return [[unread + char] for char in text]

    for char, (reading, *_) in zip(hans, pinyin(hans, style=Style.TONE, errors=mark)):
        if not reading.startswith(unread):
            syllables.append(reading)
        elif char.isdigit() and char.isascii():
            if syllables and syllables[-1].isdigit():
                syllables[-1] += char
            else:
                syllables.append(char)
        elif is_han(char) and char not in unreadable:
            unreadable.append(char)
    if unreadable:
        return "", unreadable
    return " ".join(syllables), []


@dataclass
class Item:
    """A term read from a file: an English rendering, an abbreviation or a Chinese variant."""

    text: str
    kind: str
    line: int
    sources: list[dict[str, str]] = field(default_factory=list)
    note: str | None = None
    date: str | None = None
    #: an English rendering PRC sources use for more than one concept
    ambiguous: bool = False
    lang: str = "en"
    status: str = "accepted"
    #: Where a file citation of this item points, and what it quotes (default: the entry's).
    locator: str | None = None
    raw: str | None = None
    #: Position in the concept's list when the file says it (TBX termSec ids), else 0.
    order: int = 0


@dataclass
class Draft:
    """What a file says about one concept, before it is completed and validated."""

    line: int
    #: The raw text a file citation quotes (the row, or the term for TBX).
    raw: str
    #: Where a file citation points (``line 3``, ``conceptEntry c12``).
    locator: str
    id: str | None = None
    category: str | None = None
    hans: str | None = None
    hant: str | None = None
    pinyin: str | None = None
    zh_sources: list[dict[str, str]] = field(default_factory=list)
    variants: list[Item] = field(default_factory=list)
    renderings: list[Item] = field(default_factory=list)
    abbreviations: list[Item] = field(default_factory=list)
    definition: dict[str, Any] | None = None
    first_use: dict[str, Any] | None = None
    #: why the concept has no first use to give
    no_first_use: str | None = None
    relations: list[dict[str, Any]] = field(default_factory=list)
    shares_keys_with: list[str] = field(default_factory=list)
    #: a generic word that is a term only in context
    generic: bool = False
    notes: list[str] = field(default_factory=list)
    #: Problems found while reading this entry, as (line, message).
    problems: list[tuple[int, str]] = field(default_factory=list)

    def add_rendering(self, item: Item) -> None:
        """Add an English rendering unless the same text and kind is already there."""
        if not any(existing.text == item.text and existing.kind == item.kind for existing in self.renderings):
            self.renderings.append(item)

    def add_abbreviation(self, item: Item) -> None:
        if not any((existing.text, existing.lang, existing.status) == (item.text, item.lang, item.status) for existing in self.abbreviations):
            self.abbreviations.append(item)

    def add_variant(self, item: Item) -> None:
        # one equal to the simplified or traditional form is dropped when the concept is built
        if not any(existing.text == item.text for existing in self.variants):
            self.variants.append(item)


class DocumentBuilder:
    """Completes drafts into validated concepts; cites the file where a claim has no citation."""

    def __init__(self, path: str, sources: dict[str, Any] | None = None) -> None:
        self.path = path
        self.sources: dict[str, Any] = dict(sources or {})
        name = PurePath(path).name or "glossary"
        self.file_doc = "file-" + (slug(name) or "glossary")
        self.file_used = False
        self.file_name = name
        #: Generated fields left empty because the model would reject what was generated,
        #: as (line, field, why); :meth:`build` reports them in one warning.
        self.left_empty: list[tuple[int, str, str]] = []
        #: Problems found so far (at most PROBLEMS_LISTED of them), as (file:line, message).
        self.problems: list[tuple[str, str]] = []
        self.problem_count = 0
        self._used_ids: set[str] = set()
        self._seen_ids: dict[str, int] = {}

    def file_citation(self, locator: str, raw: str) -> dict[str, str]:
        self.file_used = True
        return {"doc": self.file_doc, "locator": locator, "quote": quote_of(raw)}

    def build(self, drafts: list[Draft]) -> GlossaryDocument:
        """Validate every draft; raise DataError listing every problem, else the document."""
        from glossary.core.model import GlossaryDocument

        self.reserve(draft.id for draft in drafts if draft.id)
        concepts = [concept for concept in map(self.concept, drafts) if concept is not None]
        return GlossaryDocument(sources=self.finish(), terms=concepts)

    #: At most this many problems are listed; the rest are counted.
    PROBLEMS_LISTED = 1000

    def reserve(self, ids: Iterable[str]) -> None:
        """Ids the file gives itself: a generated id never takes one of them."""
        self._used_ids.update(ids)

    def problem(self, where: str, message: str) -> None:
        self.problem_count += 1
        if len(self.problems) < self.PROBLEMS_LISTED:
            self.problems.append((where, message))

    def concept(self, draft: Draft) -> Concept | None:
        """One draft completed and validated (pydantic, at the boundary), or None and its problems recorded.

        Drafts go through one at a time, so a reader can build, write and drop each
        concept in turn: memory does not grow with the file (see :func:`read_table`).
        """
        from pydantic import ValidationError

        from glossary.core.model import Concept

        for line, message in draft.problems:
            self.problem(f"{self.path}:{line}", message)
        if draft.problems:
            return None
        try:
            data, lines = self._complete(draft, self._used_ids)
        except ValueError as error:
            self.problem(f"{self.path}:{draft.line}", str(error))
            return None
        if data["id"] in self._seen_ids:
            self.problem(f"{self.path}:{draft.line}", f"the id {data['id']!r} is used twice (also line {self._seen_ids[data['id']]})")
            return None
        self._seen_ids[data["id"]] = draft.line
        try:
            return Concept.model_validate(data)
        except ValidationError as error:
            for detail in error.errors():
                loc = tuple(detail["loc"])
                line = _line_for(loc, lines, draft.line)
                where = ".".join(str(part) for part in loc) or "(entry)"
                self.problem(f"{self.path}:{line}", f"{where}: {detail['msg']}")
            return None

    def file_source(self) -> dict[str, str]:
        """The imported file as a source document (cited by entries that cite nothing else)."""
        return {
            "title": self.file_name,
            "kind": "reference",
            "note": "A translator's glossary file, imported; it is cited as the source of its own entries.",
        }

    def finish(self) -> dict[str, SourceDocument]:
        """The validated source documents, once every draft went through; DataError if anything failed."""
        from pydantic import ValidationError

        from glossary.core.model import SourceDocument

        sources = dict(self.sources)
        if self.file_used:
            sources[self.file_doc] = self.file_source()
        try:
            validated_sources = {key: SourceDocument.model_validate(value) for key, value in sources.items()}
        except ValidationError as error:
            self.problem(self.path, f"sources: {error.errors()[0]['msg']}")
            validated_sources = {}
        if self.problems:
            listed = list(self.problems)
            if self.problem_count > len(listed):
                listed.append((self.path, f"... and {self.problem_count - len(listed)} more problems"))
            raise DataError(listed)
        self.warn_left_empty()
        return validated_sources

    def warn_left_empty(self) -> None:
        """One warning (:class:`~glossary.errors.GlossaryWarning`) naming what was left empty, where and why."""
        if not self.left_empty:
            return
        import warnings

        from glossary.errors import GlossaryWarning

        shown = self.left_empty[:10]
        lines = [f"  {self.path}:{line}: {name} left empty: {why}" for line, name, why in shown]
        more = len(self.left_empty) - len(shown)
        if more:
            lines.append(f"  ... and {more} more (each concept's note says why)")
        count = len(self.left_empty)
        warnings.warn(
            f"{self.path}: {count} generated field{'s' if count != 1 else ''} left empty (imported all the same):\n" + "\n".join(lines),
            GlossaryWarning,
            stacklevel=2,
        )

    # --- completing a draft ----------------------------------------------------

    def _cite(self, sources: list[dict[str, str]], draft: Draft, item: Item | None = None) -> list[dict[str, str]]:
        if sources:
            return sources
        locator = (item.locator if item else None) or draft.locator
        raw = (item.raw if item else None) or draft.raw
        return [self.file_citation(locator, raw)]

    def _complete(self, draft: Draft, used_ids: set[str]) -> tuple[dict[str, Any], dict[tuple[Any, ...], int]]:
        """The concept's data, every missing required field filled in and said so in its note, and the line of each list item."""
        if not draft.hans and not draft.hant:
            raise ValueError("no Chinese term (a simplified or traditional form is required)")
        _abbreviations_as_renderings(draft)
        if not draft.renderings:
            raise ValueError("no English rendering")
        notes = list(draft.notes)
        hans, hant = _both_scripts(draft.hans, draft.hant, notes)
        spelled = self._pinyin(draft, hans, notes)
        lines: dict[tuple[Any, ...], int] = {}
        data: dict[str, Any] = {
            "id": draft.id or self._new_id(draft, hans, spelled, used_ids),
            "category": draft.category or "concept",
            "zh": {
                "hans": hans,
                "hant": hant,
                "pinyin": spelled,
                "variants": self._variants(draft, (hans, hant), lines),
                "sources": self._cite(draft.zh_sources, draft),
            },
            "en": self._renderings(draft, lines),
            "abbreviations": self._abbreviations(draft, lines),
        }
        self._cite_blocks(draft, data)
        if draft.no_first_use:
            data["no_first_use"] = draft.no_first_use
        if draft.shares_keys_with:
            data["shares_keys_with"] = list(draft.shares_keys_with)
        if draft.generic:
            data["generic"] = True
        if notes:
            data["note"] = " ".join(notes)
        return data, lines

    def _pinyin(self, draft: Draft, hans: str, notes: list[str]) -> str:
        """The file's pinyin, else one generated from ``hans`` (or "" and why, noted and remembered for the warning)."""
        from glossary.core import pinyin as pinyin_module
        from glossary.errors import PinyinError

        spelled = draft.pinyin
        if not spelled:
            spelled, why = self._generated_pinyin(hans)
            if spelled:
                notes.append("Pinyin generated with pypinyin (not word-joined); check it.")
            else:
                notes.append(f"Pinyin left empty: {why}.")
                self.left_empty.append((draft.line, "zh.pinyin", why))
        try:
            pinyin_module.keys(spelled) if spelled else None
        except PinyinError as error:
            raise ValueError(f"zh.pinyin: {error}") from None
        return spelled

    def _variants(self, draft: Draft, heads: tuple[str, str], lines: dict[tuple[Any, ...], int]) -> list[dict[str, Any]]:
        # a variant may be one of the two canonical forms (read before they were known, or machine-converted)
        variants = []
        for index, item in enumerate(item for item in draft.variants if item.text not in heads):
            lines[("zh", "variants", index)] = item.line
            variant: dict[str, Any] = {"text": item.text, "kind": item.kind, "sources": item.sources}
            if item.note:
                variant["note"] = item.note
            if not item.sources and not (item.kind == "script" and item.note):
                variant["sources"] = self._cite([], draft, item)
            variants.append(variant)
        return variants

    def _renderings(self, draft: Draft, lines: dict[tuple[Any, ...], int]) -> list[dict[str, Any]]:
        kept: list[Item] = []
        for item in draft.renderings:
            if item.kind == "official" and not item.sources:
                # "official" needs an official document; the imported file is only a reference
                item.kind = "source"
                item.note = " ".join(filter(None, [item.note, "Marked official in the imported file."]))
            if not any((other.text, other.kind) == (item.text, item.kind) for other in kept):
                kept.append(item)
        renderings = []
        for index, item in enumerate(kept):
            lines[("en", index)] = item.line
            rendering: dict[str, Any] = {"text": item.text, "kind": item.kind, "sources": self._cite(item.sources, draft, item)}
            if item.date:
                rendering["date"] = item.date
            if item.ambiguous:
                rendering["ambiguous"] = True
            if item.note:
                rendering["note"] = item.note
            renderings.append(rendering)
        return renderings

    def _abbreviations(self, draft: Draft, lines: dict[tuple[Any, ...], int]) -> list[dict[str, Any]]:
        abbreviations = []
        for index, item in enumerate(draft.abbreviations):
            lines[("abbreviations", index)] = item.line
            abbreviation: dict[str, Any] = {"text": item.text, "lang": item.lang, "status": item.status, "sources": self._cite(item.sources, draft, item)}
            if item.note:
                abbreviation["note"] = item.note
            abbreviations.append(abbreviation)
        return abbreviations

    def _cite_blocks(self, draft: Draft, data: dict[str, Any]) -> None:
        """Copy the definition, first use and relations into ``data``, citing the file where they cite nothing."""
        if draft.definition:
            data["definition"] = {**draft.definition, "sources": self._cite(draft.definition.get("sources", []), draft)}
        if draft.first_use:
            data["first_use"] = {**draft.first_use, "sources": self._cite(draft.first_use.get("sources", []), draft)}
        if draft.relations:
            data["relations"] = [{**relation, "sources": self._cite(relation.get("sources", []), draft)} for relation in draft.relations]

    @staticmethod
    def _generated_pinyin(hans: str) -> tuple[str, str]:
        """Pinyin the model accepts for ``hans``, or ``""`` and why none could be made."""
        from glossary.core import pinyin as pinyin_module
        from glossary.errors import PinyinError

        spelled, unreadable = generated_pinyin(hans)
        if unreadable:
            named = ", ".join(f"{char} (U+{ord(char):04X})" for char in unreadable)
            return "", f"pypinyin has no reading for {named}"
        try:
            pinyin_module.keys(spelled)
        except PinyinError:
            return "", f"pypinyin reads it {spelled!r}, which is not standard pinyin"
        return spelled, ""

    def _new_id(self, draft: Draft, hans: str, spelled: str, used_ids: set[str]) -> str:
        from glossary.core import pinyin as pinyin_module

        base = ""
        for item in draft.renderings:
            base = slug(item.text)
            if base:
                break
        if not base:
            base = (slug(pinyin_module.toneless(spelled)) if spelled else "") or "term"
        candidate, number = base, 2
        while candidate in used_ids:
            candidate = f"{base}-{number}"
            number += 1
        used_ids.add(candidate)
        return candidate


def _abbreviations_as_renderings(draft: Draft) -> None:
    """A file whose only English form is an abbreviation gives it as the rendering."""
    if draft.renderings:
        return
    for item in [item for item in draft.abbreviations if not item.lang.startswith("zh")]:
        draft.abbreviations.remove(item)
        kind = "deprecated" if item.status == "erroneous" else "source"
        note = " ".join(filter(None, [item.note, "An abbreviation: the imported file gives no other English form."]))
        draft.renderings.append(Item(item.text, kind, item.line, item.sources, note, locator=item.locator, raw=item.raw))


def _both_scripts(hans: str | None, hant: str | None, notes: list[str]) -> tuple[str, str]:
    """The simplified and traditional forms, the missing one machine-converted (and noted)."""
    from glossary.authoring.script import convert

    if not hans:
        assert hant is not None
        hans = convert(hant, "tw2s")
        notes.append("Simplified form machine-converted from the traditional one with OpenCC (tw2s).")
    if not hant:
        hant = convert(hans, "s2tw")
        notes.append("Traditional form machine-converted with OpenCC (s2tw); check it.")
    return hans, hant


def _line_for(loc: tuple[Any, ...], lines: dict[tuple[Any, ...], int], default: int) -> int:
    for size in range(len(loc), 0, -1):
        if loc[:size] in lines:
            return lines[loc[:size]]
    return default
