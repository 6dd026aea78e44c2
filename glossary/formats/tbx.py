"""TBX v3 (ISO 30042:2019), dialect TBX-Basic, DCA style: the lossless terminology exchange file.

Layout of one concept (``military-civil-fusion``)::

    <conceptEntry id="c-military-civil-fusion">
      <note>category: strategy</note>
      <note>note: …</note>                          editor's note
      <note>shares keys with: a, b</note>
      <note>generic: yes</note>                      a word that is a term only in context
      <descripGrp>                                   definition
        <descrip type="definition">…</descrip>
        <admin type="source" target="s-DOC">DOC, LOCATOR</admin> <note>QUOTE</note> …
      </descripGrp>
      <note>first use: 2015</note>                   "2010 (decade)" when not the date's own precision
      <note>first use note: …</note>
      <adminGrp><admin type="source" …>DOC, LOCATOR</admin><note>QUOTE</note></adminGrp> …
      <note>no first use: …</note>                  instead of a first use: why there is none to give
      <ref type="crossReference" target="c-TARGET">successor-of TARGET</ref>
      <note>relation date: 2017</note> <note>relation note: …</note> <adminGrp>…</adminGrp> …
      <langSec xml:lang="zh-Hans">                   head form, simplified variants, zh-Hans abbreviations
        <termSec id="c-ID.hans">
          <term>军民融合</term>
          <termNote type="administrativeStatus">preferredTerm-admn-sts</termNote>
          <termNote type="termType">fullForm</termNote>
          <note>pinyin: jūnmín rónghé</note>
          <descripGrp><descrip type="context">QUOTE</descrip><admin type="source" target="s-DOC">DOC, LOCATOR</admin></descripGrp>
        </termSec>
        <termSec id="c-ID.var-1"> … <note>variant: script</note> <note>note: …</note> … </termSec>
      </langSec>
      <langSec xml:lang="zh-Hant"> head form (same pinyin and sources), traditional variants </langSec>
      <langSec xml:lang="en">
        <termSec id="c-ID.en-1"> term, administrativeStatus (official: preferred, deprecated:
          deprecated, others: admitted), termType fullForm, <note>kind: source</note>,
          <note>date: …</note>, <note>ambiguous: yes</note> (PRC sources use this English for
          more than one concept), <note>note: …</note>, citations as above </termSec>
        <termSec id="c-ID.abbr-1"> term, admitted (erroneous: deprecated), termType acronym or abbreviation </termSec>
      </langSec>
    </conceptEntry>

The cited documents go to ``<back><refObjectSec type="source"><refObject id="s-DOC">`` with
one ``<item type="FIELD">`` per field. TBX-Basic has no data category for pinyin, kinds,
dates or relation types, so they travel in ``<note>``\\ s of the form ``label: value``;
termNotes come before notes, as the core structure requires. termSec ids keep the
order of variants and abbreviations, which live in different language sections.
Reading our own files gives back exactly the concepts written; reading other TBX
files (v3, or TBX 2 through :mod:`glossary.formats.tbx2`) takes what they have and
completes the rest (see :mod:`glossary.formats._importing`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, NamedTuple
from xml.etree.ElementTree import Element, SubElement, indent, tostring

from glossary.errors import DataError, FormatError
from glossary.formats._importing import Draft, DocumentBuilder, Item, decode, flatten, is_id, is_traditional
from glossary.formats._xml import line_of, local_name, parse
from glossary.formats._xml import text_of as _raw_text
from glossary.formats.base import ExportOptions, Format

if TYPE_CHECKING:
    from collections.abc import Callable, Container, Iterable, Iterator

    from glossary.analysis.glossary import Glossary
    from glossary.core.model import GlossaryDocument

__all__ = ["NAMESPACE", "TbxFormat", "document_drafts", "read_tbx", "write_tbx"]

NAMESPACE = "urn:iso:std:iso:30042:ed-2"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"

STATUS = {
    "preferred": "preferredTerm-admn-sts",
    "admitted": "admittedTerm-admn-sts",
    "deprecated": "deprecatedTerm-admn-sts",
    "superseded": "supersededTerm-admn-sts",
}
STATUS_OF_KIND = {"official": "preferred", "deprecated": "deprecated"}
TERM_TYPE_OF_VARIANT = {"short-form": "shortForm", "full-form": "fullForm", "script": "variant", "misspelling": "variant"}
SOURCE_FIELDS = ("title", "title_original", "author", "publisher", "date", "url", "kind", "language", "note")

# notes that carry what TBX-Basic has no data category for
CONCEPT_LABELS = ("category", "note", "shares keys with", "generic", "first use", "first use note", "no first use", "relation date", "relation note")
TERM_LABELS = ("pinyin", "kind", "variant", "date", "ambiguous", "note")

_XML_CHAR = re.compile("[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


@dataclass(frozen=True)
class Dialect:
    """Element names and what to include: TBX v3 carries everything, TBX 2 what CAT tools show."""

    name: str
    entry: str
    language: str
    term: str
    #: every field (citations, deprecated forms, relations) or only accepted forms and short notes
    complete: bool


TBX3 = Dialect("tbx", "conceptEntry", "langSec", "termSec", complete=True)
TBX2 = Dialect("tbx2", "termEntry", "langSet", "tig", complete=False)


def _check(text: str, where: str) -> str:
    bad = _XML_CHAR.search(text)
    if bad:
        raise DataError([(where, f"holds U+{ord(bad.group()):04X}, which XML 1.0 cannot carry")])
    return text


def _is_acronym(text: str) -> bool:
    letters = [char for char in text if char.isalpha()]
    return bool(letters) and all(char.isascii() and char.isupper() for char in letters)


# --- writing -------------------------------------------------------------------
# Each concept is built as an Element and serialised by ElementTree (which escapes),
# one at a time between the document's opening and closing tags: a file of any size
# is written in bounded memory. Indentation: two spaces a level, as ET.indent gives.

_INDENT = "  "
_HEAD = {
    "tbx": (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<?xml-model href="https://raw.githubusercontent.com/LTAC-Global/TBX_Core_RNG/master/TBXcoreStructV03.rng" '
        'type="application/xml" schematypens="http://relaxng.org/ns/structure/1.0"?>\n'
        '<?xml-model href="https://raw.githubusercontent.com/LTAC-Global/TBX-Basic_dialect/master/DCA/TBX-Basic_DCA.sch" '
        'type="application/xml" schematypens="http://purl.oclc.org/dsdl/schematron"?>\n'
        f'<tbx type="TBX-Basic" style="dca" xml:lang="en" xmlns="{NAMESPACE}">\n'
    ),
    "tbx2": '<?xml version="1.0" encoding="UTF-8"?>\n<martif type="TBX" xml:lang="en">\n',
}


class _TermRow(NamedTuple):
    """One term of a language section: termSec id suffix, term, termNotes (type, value), notes, citations."""

    suffix: str
    text: str
    term_notes: list[tuple[str, str]]
    notes: list[str]
    sources: list[dict[str, str]]


def _serialised(element: Element, depth: int) -> str:
    """``element`` as XML text indented at ``depth``, on lines of its own."""
    indent(element, space=_INDENT, level=depth)
    return _INDENT * depth + tostring(element, encoding="unicode", short_empty_elements=False) + "\n"


def write_tbx(terms: list[dict[str, Any]], sources: dict[str, dict[str, Any]], dialect: Dialect = TBX3) -> str:
    """The TBX text of contract dicts (``Term.to_dict()``) and the cited documents."""
    return "".join(tbx_parts(terms, len(terms), sources, lambda: sources, {term["id"] for term in terms}, dialect))


def tbx_parts(
    terms: Iterable[dict[str, Any]],
    count: int,
    sources: dict[str, dict[str, Any]],
    final_sources: Callable[[], dict[str, dict[str, Any]]],
    ids: Container[str],
    dialect: Dialect = TBX3,
) -> Iterator[str]:
    """TBX text in pieces, one per concept, for writing a file of any size as its concepts come.

    ``count`` concepts come from ``terms``; ``sources`` are the documents they may cite
    (a citation of one links to the back matter), ``final_sources()`` the documents the
    back matter lists, asked for once every concept was written; ``ids`` the concept
    ids relations may point to.
    """
    root = "tbx" if dialect is TBX3 else "martif"
    yield _HEAD[dialect.name] + _serialised(_file_header(dialect, count), 1)
    registry = dict(sources) if dialect.complete else {}
    if not count and not registry:
        yield f"{_INDENT}<text/>\n</{root}>\n"
        return
    yield f"{_INDENT}<text>\n"
    if count:
        yield f"{_INDENT * 2}<body>\n"
        for term in terms:
            yield _serialised(_concept(term, ids, registry, dialect), 3)
        yield f"{_INDENT * 2}</body>\n"
    registry = dict(final_sources()) if dialect.complete else {}
    yield (_serialised(_back_matter(registry), 2) if registry else "") + f"{_INDENT}</text>\n</{root}>\n"


def _file_header(dialect: Dialect, count: int) -> Element:
    from glossary._version import __version__

    header = Element("tbxHeader" if dialect is TBX3 else "martifHeader")
    description = SubElement(header, "fileDesc")
    SubElement(SubElement(description, "titleStmt"), "title").text = "Chinese-English terminology of China's techno-security policy"
    SubElement(SubElement(description, "sourceDesc"), "p").text = f"Written by glossary {__version__}: {count} concepts."
    return header


def _back_matter(registry: dict[str, Any]) -> Element:
    """``<back>`` listing the cited documents, one ``<item type="FIELD">`` per field."""
    back = Element("back")
    section = SubElement(back, "refObjectSec", type="source")
    for key, document in registry.items():
        entry = SubElement(section, "refObject", id=f"s-{key}")
        for name in SOURCE_FIELDS:
            if document.get(name) is not None:
                SubElement(entry, "item", type=name).text = _check(str(document[name]), f"sources.{key}.{name}")
    return back


@dataclass(frozen=True)
class _ConceptWriter:
    """What every part of one concept's element needs: where errors point, the linkable documents, the dialect."""

    where: str
    registry: dict[str, Any]
    dialect: Dialect

    def leaf(self, parent: Element, tag: str, text: str, **attrs: str) -> None:
        SubElement(parent, tag, attrs).text = _check(text, self.where)

    def note(self, parent: Element, text: str) -> None:
        self.leaf(parent, "note", text)

    def admin(self, parent: Element, citation: dict[str, str]) -> None:
        attrs = {"target": f"s-{citation['doc']}"} if citation["doc"] in self.registry else {}
        self.leaf(parent, "admin", f"{citation['doc']}, {citation['locator']}", type="source", **attrs)

    def citation_groups(self, parent: Element, sources: list[dict[str, str]]) -> None:
        for citation in sources:
            group = SubElement(parent, "adminGrp")
            self.admin(group, citation)
            self.note(group, citation["quote"])


def _concept(term: dict[str, Any], ids: Container[str], registry: dict[str, Any], dialect: Dialect) -> Element:
    """The concept's entry element (layout in the module docstring)."""
    writer = _ConceptWriter(f"term {term['id']}", registry, dialect)
    entry = Element(dialect.entry, id=f"c-{term['id']}")
    _concept_notes(writer, entry, term)
    _definition(writer, entry, term.get("definition"))
    if dialect.complete:
        _first_use(writer, entry, term.get("first_use"))
        if term.get("no_first_use"):
            writer.note(entry, f"no first use: {term['no_first_use']}")
        _relations(writer, entry, term.get("relations", ()), ids)
    _language_sections(writer, entry, term["id"], _term_rows(term, dialect.complete))
    return entry


def _concept_notes(writer: _ConceptWriter, entry: Element, term: dict[str, Any]) -> None:
    if writer.dialect.complete:
        writer.note(entry, f"category: {term['category']}")
        if term.get("note"):
            writer.note(entry, f"note: {term['note']}")
        if term.get("shares_keys_with"):
            writer.note(entry, "shares keys with: " + ", ".join(term["shares_keys_with"]))
    if term.get("generic"):
        writer.note(entry, "generic: yes")  # a translator needs it in every dialect: the word is a term only in context


def _definition(writer: _ConceptWriter, entry: Element, definition: dict[str, Any] | None) -> None:
    if not definition:
        return
    if not writer.dialect.complete:
        writer.leaf(entry, "descrip", definition["text"], type="definition")
        return
    group = SubElement(entry, "descripGrp")
    writer.leaf(group, "descrip", definition["text"], type="definition")
    for citation in definition["sources"]:
        writer.admin(group, citation)
        writer.note(group, citation["quote"])


def _first_use(writer: _ConceptWriter, entry: Element, first_use: dict[str, Any] | None) -> None:
    from glossary.core.model import date_precision

    if not first_use:
        return
    precision = first_use.get("precision")
    shown = first_use["date"] + (f" ({precision})" if precision and precision != date_precision(first_use["date"]) else "")
    writer.note(entry, f"first use: {shown}")
    if first_use.get("note"):
        writer.note(entry, f"first use note: {first_use['note']}")
    writer.citation_groups(entry, first_use["sources"])


def _relations(writer: _ConceptWriter, entry: Element, relations: Iterable[dict[str, Any]], ids: Container[str]) -> None:
    for relation in relations:
        attrs = {"target": f"c-{relation['target']}"} if relation["target"] in ids else {}
        writer.leaf(entry, "ref", f"{relation['type']} {relation['target']}", type="crossReference", **attrs)
        if relation.get("date"):
            writer.note(entry, f"relation date: {relation['date']}")
        if relation.get("note"):
            writer.note(entry, f"relation note: {relation['note']}")
        writer.citation_groups(entry, relation["sources"])


def _term_notes(status: str, term_type: str) -> list[tuple[str, str]]:
    return [("administrativeStatus", STATUS[status]), ("termType", term_type)]


def _term_rows(term: dict[str, Any], complete: bool) -> dict[str, list[_TermRow]]:
    """The terms of each language section, head forms first; TBX 2 leaves out misspellings and deprecated forms."""
    zh = term["zh"]
    head_notes = [f"pinyin: {zh['pinyin']}"]
    sections: dict[str, list[_TermRow]] = {
        lang: [_TermRow(lang[3:].lower(), text, _term_notes("preferred", "fullForm"), head_notes, zh["sources"])]
        for lang, text in (("zh-Hans", zh["hans"]), ("zh-Hant", zh["hant"]))
    }
    sections["en"] = []
    for index, variant in enumerate(zh.get("variants", ()), start=1):
        if complete or variant["kind"] != "misspelling":
            lang = "zh-Hant" if is_traditional(variant["text"]) else "zh-Hans"
            sections[lang].append(_variant_row(index, variant, complete))
    for index, rendering in enumerate(term["en"], start=1):
        if complete or rendering["kind"] != "deprecated":
            sections["en"].append(_rendering_row(index, rendering, complete))
    for index, abbreviation in enumerate(term.get("abbreviations", ()), start=1):
        if complete or abbreviation.get("status") != "erroneous":
            sections.setdefault(abbreviation.get("lang", "en"), []).append(_abbreviation_row(index, abbreviation, complete))
    return sections


def _variant_row(index: int, variant: dict[str, Any], complete: bool) -> _TermRow:
    status = "deprecated" if variant["kind"] == "misspelling" else "admitted"
    notes = [f"variant: {variant['kind']}"] + ([f"note: {variant['note']}"] if variant.get("note") and complete else [])
    term_notes = _term_notes(status, TERM_TYPE_OF_VARIANT[variant["kind"]])
    return _TermRow(f"var-{index}", variant["text"], term_notes, notes, variant.get("sources", []))


def _rendering_row(index: int, rendering: dict[str, Any], complete: bool) -> _TermRow:
    notes = [f"kind: {rendering['kind']}"]
    if complete and rendering.get("date"):
        notes.append(f"date: {rendering['date']}")
    if rendering.get("ambiguous"):
        notes.append("ambiguous: yes")  # in every dialect: a translator must know
    if complete and rendering.get("note"):
        notes.append(f"note: {rendering['note']}")
    term_notes = _term_notes(STATUS_OF_KIND.get(rendering["kind"], "admitted"), "fullForm")
    return _TermRow(f"en-{index}", rendering["text"], term_notes, notes, rendering["sources"])


def _abbreviation_row(index: int, abbreviation: dict[str, Any], complete: bool) -> _TermRow:
    status = "deprecated" if abbreviation.get("status") == "erroneous" else "admitted"
    term_type = "acronym" if _is_acronym(abbreviation["text"]) else "abbreviation"
    notes = [f"note: {abbreviation['note']}"] if abbreviation.get("note") and complete else []
    return _TermRow(f"abbr-{index}", abbreviation["text"], _term_notes(status, term_type), notes, abbreviation["sources"])


def _language_sections(writer: _ConceptWriter, entry: Element, term_id: str, sections: dict[str, list[_TermRow]]) -> None:
    dialect = writer.dialect
    # older translate-toolkit versions take the first two sections of a TBX 2 entry as source and target
    order = ["zh-Hans", "zh-Hant", "en"] if dialect.complete else ["zh-Hans", "en", "zh-Hant"]
    order += [lang for lang in sections if lang not in order]
    for lang in order:
        if not sections.get(lang):
            continue
        section = SubElement(entry, dialect.language, {XML_LANG: lang})
        for row in sections[lang]:
            element = SubElement(section, dialect.term, {"id": f"c-{term_id}.{row.suffix}"} if dialect.complete else {})
            writer.leaf(element, "term", row.text)
            for kind, value in row.term_notes:
                writer.leaf(element, "termNote", value, type=kind)
            for text in row.notes:
                writer.note(element, text)
            for citation in row.sources if dialect.complete else ():
                group = SubElement(element, "descripGrp")
                writer.leaf(group, "descrip", citation["quote"], type="context")
                writer.admin(group, citation)


# --- reading -------------------------------------------------------------------

_ENTRY_TAGS = {"conceptEntry", "termEntry"}
_LANGUAGE_TAGS = {"langSec", "langSet"}
_TERM_TAGS = {"termSec", "tig", "ntig"}
_STATUS_WORDS = {value: key for key, value in STATUS.items()}
_FIRST_USE = re.compile(r"^(\S+)(?: \((day|month|year|decade)\))?$")
_TERM_SEC_ID = re.compile(r"^c-(?P<concept>[a-z][a-z0-9-]*)\.(?P<role>hans|hant|en|abbr|var)(?:-(?P<index>\d+))?$")


def text_of(element: Element) -> str:
    return flatten(_raw_text(element))


def _label(text: str, labels: tuple[str, ...]) -> tuple[str | None, str]:
    # longest label first: "first use note" before "first use", "note"
    for label in sorted(labels, key=len, reverse=True):
        if text.startswith(label + ": "):
            return label, text[len(label) + 2 :]
    return None, text


def script_of(tag: str) -> str | None:
    """``hans`` / ``hant`` for a Chinese language tag (``zh-CN``, ``zh_TW``, ``zh-Hant-HK`` ...), else None."""
    parts = tag.replace("_", "-").lower().split("-")
    if parts[0] != "zh":
        return None
    if "hant" in parts or any(region in parts for region in ("tw", "hk", "mo")):
        return "hant"
    return "hans"


def _citation_from_admin(element: Element, quote: str | None, registry: dict[str, Any]) -> dict[str, str] | None:
    """A citation written as ``<admin type="source">DOC, LOCATOR</admin>`` plus a quote; None if foreign."""
    text = text_of(element).strip()
    doc, separator, locator = text.partition(", ")
    target = element.get("target", "")
    if not separator or not is_id(doc) or not locator.strip() or not quote:
        return None
    if target and target != f"s-{doc}":
        return None
    if doc not in registry and not target:
        # a foreign "source" string that happens to look like ours: only trust documents the file registers
        return None
    return {"doc": doc, "locator": locator, "quote": quote}


def _concept_note(note: Element, draft: Draft, block: dict[str, Any] | None) -> dict[str, Any] | None:
    """Read a concept-level ``<note>label: value</note>``; the block later citations and relation notes belong to."""
    label, value = _label(text_of(note).strip(), CONCEPT_LABELS)
    if label == "category":
        draft.category = value
    elif label == "note":
        draft.notes.append(value)
    elif label == "generic":
        draft.generic = value == "yes"
    elif label == "shares keys with":
        draft.shares_keys_with = [part.strip() for part in value.split(",") if part.strip()]
    elif label == "first use":
        match = _FIRST_USE.match(value)
        if match is None:
            draft.problems.append((line_of(note), f"cannot read the first-use date {value!r}"))
            return block
        block = draft.first_use = {"date": match.group(1), "sources": []}
        if match.group(2):
            block["precision"] = match.group(2)
    elif label == "first use note" and draft.first_use is not None:
        draft.first_use["note"] = value
    elif label == "no first use":
        draft.no_first_use = value
    elif label in ("relation date", "relation note") and block is not None and "type" in block:
        block["date" if label == "relation date" else "note"] = value
    elif value:
        draft.notes.append(value)
    return block


class _Reader:
    def __init__(self, path: str, registry: dict[str, Any]) -> None:
        self.path = path
        self.registry = registry

    def entry(self, element: Element, number: int) -> Draft:
        entry_id = element.get("id", "")
        tag = local_name(element)
        own = entry_id.startswith("c-") and is_id(entry_id[2:])
        locator = f"{tag} {entry_id}" if entry_id else f"{tag} {number} (line {line_of(element)})"
        draft = Draft(line=line_of(element), raw="", locator=locator, id=entry_id[2:] if own else None)
        block: dict[str, Any] | None = None
        for child in element:
            name = local_name(child)
            if name == "note":
                block = _concept_note(child, draft, block)
            elif name == "descripGrp":
                self._definition_group(child, draft)
            elif name == "descrip":
                kind = child.get("type")
                value = text_of(child).strip()
                if kind == "definition" and value:
                    draft.definition = {"text": value, "sources": []}
                elif kind == "subjectField" and value:
                    from glossary.core.model import CATEGORIES

                    if value in CATEGORIES and draft.category is None:
                        draft.category = value
                    else:
                        draft.notes.append(f"Subject field: {value}.")
            elif name == "ref" and child.get("type") == "crossReference":
                block = self._relation(child, draft)
            elif name == "adminGrp" and block is not None:
                citation = self._admin_group(child)
                if citation is not None:
                    block["sources"].append(citation)
            elif name in _LANGUAGE_TAGS:
                self._language(child, draft)
        self._finish(draft)
        return draft

    def _definition_group(self, group: Element, draft: Draft) -> None:
        children = list(group)
        if not children or local_name(children[0]) != "descrip" or children[0].get("type") != "definition":
            return
        definition: dict[str, Any] = {"text": text_of(children[0]).strip(), "sources": []}
        pending: Element | None = None
        for child in children[1:]:
            name = local_name(child)
            if name == "admin" and child.get("type") == "source":
                pending = child
            elif name == "note" and pending is not None:
                citation = _citation_from_admin(pending, text_of(child).strip(), self.registry)
                if citation is not None:
                    definition["sources"].append(citation)
                pending = None
        if definition["text"]:
            draft.definition = definition

    def _admin_group(self, group: Element) -> dict[str, str] | None:
        admins = [child for child in group if local_name(child) == "admin" and child.get("type") == "source"]
        notes = [child for child in group if local_name(child) == "note"]
        if len(admins) != 1 or len(notes) != 1:
            return None
        return _citation_from_admin(admins[0], text_of(notes[0]).strip(), self.registry)

    def _relation(self, element: Element, draft: Draft) -> dict[str, Any] | None:
        from glossary.core.model import RELATION_TYPES

        words = text_of(element).split()
        target = element.get("target", "")
        relation_type = words[0] if words and words[0] in RELATION_TYPES else "see-also"
        target_id = target[2:] if target.startswith("c-") else (words[1] if len(words) > 1 else "")
        if not is_id(target_id):
            draft.notes.append(f"Cross-reference: {text_of(element).strip()}.")
            return None
        relation: dict[str, Any] = {"type": relation_type, "target": target_id, "sources": []}
        draft.relations.append(relation)
        return relation

    def _language(self, section: Element, draft: Draft) -> None:
        lang = section.get(XML_LANG) or section.get("lang") or ""
        script = script_of(lang)
        for element in section:
            if local_name(element) in _TERM_TAGS:
                self._term(element, lang, script, draft)

    def _term(self, element: Element, lang: str, script: str | None, draft: Draft) -> None:
        """Place one termSec (tig, ntig): by the role its id names in our own files, else by language and term type."""
        fields = _term_fields(element, self.registry)
        if not fields.text:
            return
        note = fields.labels.get("note") or (" ".join(fields.extra_notes) if fields.extra_notes else None)
        item = Item(text=fields.text, kind="", line=line_of(element), sources=fields.sources, note=note, locator=draft.locator, raw=fields.text)
        match = _TERM_SEC_ID.match(element.get("id", ""))
        role = match.group("role") if match and draft.id and match.group("concept") == draft.id else None
        index = int(match.group("index")) if match and match.group("index") else 0
        if not draft.raw:
            draft.raw = fields.text
        if role == "abbr" or (role is None and fields.term_type in ("acronym", "abbreviation") and script != "hant"):
            item.kind, item.lang = "abbreviation", lang or "en"
            item.status = "erroneous" if fields.status in ("deprecated", "superseded") else "accepted"
            item.order = index
            draft.abbreviations.append(item)
        elif _head_form(fields, role, script, draft):
            return
        elif role == "var" or (role is None and script is not None):
            _variant(item, fields, draft, index if role == "var" else None)
        elif role == "en" or (role is None and lang.lower().split("-")[0].split("_")[0] == "en"):
            _rendering(item, fields, draft, index if role == "en" else None)
        # terms in other languages have no place in a Chinese-English concept

    def _finish(self, draft: Draft) -> None:
        for items in (draft.variants, draft.abbreviations, draft.renderings):
            items.sort(key=lambda item: item.order)  # stable: file order where no index was given
        if draft.renderings and not draft.raw:
            draft.raw = draft.renderings[0].text
        if draft.definition is not None and not draft.definition["sources"]:
            draft.definition.pop("sources")
        if draft.first_use is not None and not draft.first_use["sources"]:
            draft.first_use.pop("sources")
        for relation in draft.relations:
            if not relation["sources"]:
                relation.pop("sources")
        draft.raw = draft.raw or draft.locator


@dataclass
class _TermFields:
    """What one termSec (tig, ntig) says, before it is placed in the concept."""

    text: str = ""
    status: str | None = None
    term_type: str | None = None
    #: the first note of each label (``pinyin``, ``kind`` ...)
    labels: dict[str, str] = field(default_factory=dict)
    #: notes without a label of ours
    extra_notes: list[str] = field(default_factory=list)
    sources: list[dict[str, str]] = field(default_factory=list)


def _term_fields(element: Element, registry: dict[str, Any]) -> _TermFields:
    children = list(element)
    for child in list(children):
        if local_name(child) == "termGrp":  # TBX 2 ntig: term and termNotes in a group
            children.extend(child)
    fields = _TermFields()
    for child in children:
        name = local_name(child)
        if name == "term":
            fields.text = text_of(child).strip()
        elif name == "termNote" and child.get("type") == "administrativeStatus":
            fields.status = _STATUS_WORDS.get(text_of(child).strip())
        elif name == "termNote" and child.get("type") == "termType":
            fields.term_type = text_of(child).strip()
        elif name == "note":
            label, value = _label(text_of(child).strip(), TERM_LABELS)
            if label is not None and label not in fields.labels:
                fields.labels[label] = value
            elif value:
                fields.extra_notes.append(value)
        elif name == "descripGrp":
            fields.sources += _context_citations(child, registry)
    return fields


def _context_citations(group: Element, registry: dict[str, Any]) -> list[dict[str, str]]:
    """The citations of ``<descripGrp><descrip type="context">QUOTE</descrip><admin type="source">…``."""
    parts = list(group)
    if not parts or local_name(parts[0]) != "descrip" or parts[0].get("type") != "context":
        return []
    quote = text_of(parts[0]).strip()
    admins = (admin for admin in parts[1:] if local_name(admin) == "admin" and admin.get("type") == "source")
    return [citation for citation in (_citation_from_admin(admin, quote, registry) for admin in admins) if citation is not None]


def _head_form(fields: _TermFields, role: str | None, script: str | None, draft: Draft) -> bool:
    """Take the term as the concept's simplified or traditional head form if it is one and that form is still free."""
    head_script = role if role in ("hans", "hant") else None
    if role is None and script is not None and getattr(draft, script) is None and fields.term_type not in ("shortForm", "variant"):
        head_script = script
    if head_script is None or getattr(draft, head_script) is not None:
        return False
    setattr(draft, head_script, fields.text)
    if "pinyin" in fields.labels and draft.pinyin is None:
        draft.pinyin = fields.labels["pinyin"]
    if not draft.zh_sources:
        draft.zh_sources = fields.sources
    return True


def _variant(item: Item, fields: _TermFields, draft: Draft, index: int | None) -> None:
    from glossary.core.model import VARIANT_KINDS

    kind = fields.labels.get("variant", "")
    if kind not in VARIANT_KINDS:
        kind = "misspelling" if fields.status == "deprecated" else "short-form" if fields.term_type == "shortForm" else "full-form"
    item.kind = kind
    if index is not None:  # our own file: its position in the list
        item.order = index
        draft.variants.append(item)
    else:
        draft.add_variant(item)


def _rendering(item: Item, fields: _TermFields, draft: Draft, index: int | None) -> None:
    from glossary.core.model import RENDERING_KINDS

    kind = fields.labels.get("kind", "")
    if kind not in RENDERING_KINDS:
        kind = {"preferred": "source", "deprecated": "deprecated", "superseded": "deprecated"}.get(fields.status or "", "alternative")
    item.kind = kind
    item.date = fields.labels.get("date")
    item.ambiguous = fields.labels.get("ambiguous") == "yes"
    if index is not None:  # our own file: its position in the list
        item.order = index
        draft.renderings.append(item)
    else:
        draft.add_rendering(item)


def document_drafts(root: Element, path: str) -> tuple[list[Draft], dict[str, Any]]:
    """The drafts of every entry of a TBX document (v3 or TBX 2) and the documents it registers."""
    registry: dict[str, Any] = {}
    body: list[Element] = []
    for element in root.iter():
        name = local_name(element)
        if name == "refObject" and (element.get("id") or "").startswith("s-"):
            key = element.get("id", "")[2:]
            fields = {item.get("type"): text_of(item).strip() for item in element if local_name(item) == "item"}
            if is_id(key) and fields.get("title") and fields.get("kind"):
                registry[key] = {name: value for name, value in fields.items() if name in SOURCE_FIELDS and value}
        elif name in _ENTRY_TAGS:
            body.append(element)
    reader = _Reader(path, registry)
    return [reader.entry(element, number) for number, element in enumerate(body, start=1)], registry


def read_tbx(data: bytes, path: str) -> GlossaryDocument:
    """Parse a TBX file (either version) into the validated document."""
    root = parse(decode(data, path), path)
    name = local_name(root)
    if name not in ("tbx", "martif"):
        raise FormatError(path, f"not a TBX file: the root element is <{name}>, not <tbx> or <martif>", line=line_of(root))
    if name == "tbx" and not root.tag.startswith("{" + NAMESPACE + "}"):
        raise FormatError(path, f"<tbx> is not in the TBX v3 namespace {NAMESPACE}", line=line_of(root))
    drafts, registry = document_drafts(root, path)
    # documents registered but cited by nothing are kept: the file said they belong to it
    return DocumentBuilder(path, registry).build(drafts)


class TbxFormat(Format):
    name = "tbx"
    extensions = (".tbx",)
    description = "TBX v3 (ISO 30042:2019), TBX-Basic DCA: every field, for terminology software (memoQ, Trados, Phrase)"

    def dump(self, glossary: Glossary, options: ExportOptions) -> bytes:
        terms = [term.to_dict() for term in glossary]
        return write_tbx(terms, dict(glossary.sources), TBX3).encode("utf-8")

    def load(self, data: bytes, path: str) -> GlossaryDocument:
        return read_tbx(data, path)
