"""``glossary validate``: every check a terms folder must pass before it is built or merged.

Schema errors (field names, kinds, dates, missing citations) come from reading the
folder (:mod:`glossary.authoring.termsdir`). The checks here look across fields and files:

- ``citations``: every citation names a document of ``_sources.toml``; an
  ``official`` rendering cites at least one ``official`` document.
- ``relations``: every relation target exists; no concept relates to itself.
- ``keys``: no two concepts share a normalised lookup key unless one declares the
  other in ``shares_keys_with``, or the key is an English rendering marked
  ``ambiguous`` (which every concept carrying it must mark, and which at least two
  concepts must carry).
- ``quotes``: an official, source or alternative English rendering appears in a quote
  it cites (an official one, in the quote of an official document); the Chinese form
  (simplified or traditional) appears in a quote of ``zh.sources``, and a cited
  variant in one of its own quotes, in either script. Both sides are compared folded
  (:func:`quoted_in`).
- ``dates``: no dated use (a rendering's or relation's date) before the first use,
  and no successor dated before its predecessor's first use; dates of different
  precision are compared at the coarser one (2017 is not before 2017-06).
- ``pinyin``: one pinyin syllable per Han character, tone-marked, and each syllable a
  reading pypinyin knows for its character (or one of :data:`EXTRA_READINGS`).
- ``traditional``: the curated traditional form converts back to the simplified form
  with OpenCC (``t2s``, ``tw2s`` or ``hk2s``).
"""

from __future__ import annotations

import functools
import unicodedata
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from glossary.core import normalize, pinyin
from glossary.errors import DataError, PinyinError
from glossary.core.model import Concept, FirstUse
from glossary.authoring.termsdir import TermsFolder, _display, line_of, read_terms_folder

__all__ = ["EXTRA_READINGS", "Problem", "earlier", "quoted_in", "raise_for_problems", "validate_folder", "validate_path"]

#: Standard readings pypinyin's dictionary lacks, per character (tone-numbered).
#: Each entry needs a comment naming the authority for the reading.
EXTRA_READINGS: dict[str, frozenset[str]] = {}


@dataclass(frozen=True)
class Problem:
    """One finding: where (file, line, field), which check, and what is wrong."""

    path: Path
    field: str
    check: str
    message: str
    line: int | None = None

    def __str__(self) -> str:
        where = _display(self.path) + (f":{self.line}" if self.line else "")
        return f"{where}: {self.field}: {self.message} [{self.check}]"



@functools.cache
def _readings(char: str) -> frozenset[str]:
    from pypinyin import Style, pinyin as to_pinyin

    found = to_pinyin(char, style=Style.TONE3, heteronym=True, neutral_tone_with_five=True, v_to_u=False)
    readings = frozenset(reading for group in found for reading in group)
    return readings | EXTRA_READINGS.get(char, frozenset())


def check_pinyin(hans: str, spelled: str) -> list[str]:
    """Problems of one pinyin spelling against its characters (empty when it is right)."""
    try:
        words = pinyin.parse(spelled)
    except PinyinError as error:
        return [str(error)]
    decomposed = unicodedata.normalize("NFD", spelled)
    if not any(mark in decomposed for mark in "\u0304\u0301\u030c\u0300"):
        return [f"{spelled!r} has no tone marks: write GB/T 16159 pinyin with marks (jūnmín rónghé)"]
    syllables = [(syllable, tone) for word in words for syllable, tone in word if not syllable.isdigit()]
    characters = [char for char in hans if normalize.is_han(char)]
    if len(syllables) != len(characters):
        return [f"{len(syllables)} syllables in {spelled!r} for {len(characters)} characters in {hans!r}"]
    problems = []
    for char, (syllable, tone) in zip(characters, syllables):
        reading = syllable + (tone or "5")
        known = _readings(char)
        if reading not in known:
            problems.append(f"{char} is not read {reading} (pypinyin knows {', '.join(sorted(known))})")
    return problems


#: Taiwan-standard corner quotes and the curly quotes of mainland text: the curated
#: traditional form uses the former (「三步走」), OpenCC leaves punctuation alone.
_QUOTES_TO_CURLY = str.maketrans({"「": "“", "」": "”", "『": "‘", "』": "’"})


def check_traditional(hans: str, hant: str) -> str | None:
    """A problem when the traditional form does not convert back to the simplified form."""
    from glossary.authoring.script import convert

    results = {convert(hant, config) for config in ("t2s", "tw2s", "hk2s")}
    if hans in results or hans.translate(_QUOTES_TO_CURLY) in {result.translate(_QUOTES_TO_CURLY) for result in results}:
        return None
    return f"{hant!r} converts back to {' / '.join(sorted(results))!r}, not to {hans!r}"


#: Rendering kinds whose quotes must hold the English itself (a literal gloss cites the
#: Chinese it glosses; a deprecated wording may be cited as described, not as written).
#: A problem a check finds in one concept: (field, message, location in the file).
_Found = tuple[str, str, tuple[int | str, ...]]

QUOTED_KINDS = ("official", "source", "alternative")


def quoted_in(form: str, quote: str, *, chinese: bool = False) -> bool:
    """Whether a quote holds a form, both folded as lookup keys fold them.

    English (:func:`glossary.core.normalize.latin_base`): NFKC, case, hyphens, dashes and
    slashes as spaces, quote marks (straight and curly) and periods dropped, other
    punctuation and Markdown asterisks as spaces, white space collapsed; the form must
    stand as whole words, its last word perhaps in the plural (-s, -es).
    Chinese (:func:`glossary.core.normalize.chinese_key`): NFKC, white space, quote and
    title marks and the enumeration comma dropped, traditional characters folded onto simplified, so either
    script of the form is found in either script of the quote.
    """
    if chinese:
        key = normalize.chinese_key(form)
        return bool(key) and key in normalize.chinese_key(quote)
    base = normalize.latin_base(form)
    if not base:
        return False
    # asterisks are Markdown emphasis in quotes from the briefs (*People's Daily*)
    text = f" {normalize.latin_base(quote.replace('*', ' '))} "
    # a plural attests its singular: "winning informationized wars" holds "informationized war"
    return any(f" {base}{ending} " in text for ending in ("", "s", "es"))


def earlier(date: str, than: str, *, decade: bool = False) -> bool:
    """Whether a partial date is surely before another, compared at the coarser precision.

    ``earlier("2016", "2017-06")`` is true; ``earlier("2017", "2017-06")`` is not (2017
    may be June or later). ``decade`` reads ``than`` as a decade (2010 for the 2010s).
    """
    length = min(len(date), 3 if decade else len(than))
    return date[:length] < than[:length]


def _quote_problems(concept: Concept, official_docs: set[str]) -> list[_Found]:
    """Forms that no quote they cite holds: (field, message, location).

    One quote holding the form attests it (others may cite context); an official
    rendering must be held by the quote of an official document, which is what makes
    it official.
    """
    found: list[_Found] = []
    zh = concept.zh
    if not any(quoted_in(zh.hans, citation.quote, chinese=True) or quoted_in(zh.hant, citation.quote, chinese=True) for citation in zh.sources):
        forms = " or ".join(dict.fromkeys((repr(zh.hans), repr(zh.hant))))
        found.append(("zh.sources", f"no quote contains the Chinese form {forms}", ("zh", "sources", 0, "quote")))
    for number, variant in enumerate(zh.variants):
        if variant.sources and not any(quoted_in(variant.text, citation.quote, chinese=True) for citation in variant.sources):
            found.append((f"zh.variants[{number}].sources", f"no quote contains the variant {variant.text!r}", ("zh", "variants", number, "text")))
    for number, rendering in enumerate(concept.en):
        if rendering.kind not in QUOTED_KINDS:
            continue
        citations = [citation for citation in rendering.sources if rendering.kind != "official" or citation.doc in official_docs]
        if not citations:
            continue  # an official rendering citing no official document: the citations check says so
        if not any(quoted_in(rendering.text, citation.quote) for citation in citations):
            where = "no quote of an official document it cites" if rendering.kind == "official" else "no quote it cites"
            found.append(
                (
                    f"en[{number}].sources",
                    f"{where} contains the {rendering.kind} rendering {rendering.text!r} (cite a quote that holds it, or make it literal or deprecated)",
                    ("en", number, "text"),
                )
            )
    return found


#: Categories whose first use is a founding, an issue or a sitting: the date is the thing's own, and a
#: report in any language that names the thing dates it ("Established on 1 October 1952, China News Service").
DATED_BY_FOUNDING = frozenset({"institution", "publication", "event", "military-unit", "law", "plan"})
#: How a loan concept's first-use note begins when the date is its coinage abroad (docs/adding-terms.md).
COINED_ABROAD = "Coined abroad:"
#: How a first-use note begins when the date rests on the PRC's official English translation of the dated text.
OFFICIAL_TRANSLATION = "Official translation:"


def _first_use_quote_problems(concept: Concept, official_docs: set[str]) -> list[_Found]:
    """A first use of a named concept that no quote shows the Chinese term in: (field, message, location).

    The date dates the Chinese term, so one of its quotes holds the term or a variant of it;
    an English account of the idea (a speech that "introduced" it) may date another wording.
    Where only the official English translation of the dated text was found, the note says
    so (``Official translation:``) and a quote of an official document holds an official
    rendering of the term.
    """
    first_use = concept.first_use
    if first_use is None or concept.category in DATED_BY_FOUNDING:
        return []
    note = first_use.note or ""
    if note.startswith(COINED_ABROAD):
        return []
    if note.startswith(OFFICIAL_TRANSLATION):
        official = [rendering.text for rendering in concept.en if rendering.kind == "official"]
        quotes = [citation.quote for citation in first_use.sources if citation.doc in official_docs]
        if any(quoted_in(text, quote) for text in official for quote in quotes):
            return []
        message = "the note says the date rests on an official translation, but no quote of an official document it cites holds an official rendering of the term"
        return [("first_use.sources", message, ("first_use", "note"))]
    forms = (concept.zh.hans, concept.zh.hant, *(variant.text for variant in concept.zh.variants))
    if any(quoted_in(form, citation.quote, chinese=True) for form in forms for citation in first_use.sources):
        return []
    message = (
        f"no quote contains the Chinese term {concept.zh.hans!r} or a variant of it: a first use dates the Chinese term "
        "(a loan concept dated by its coinage abroad begins the note 'Coined abroad:'; one dated by the official "
        "translation of the dated text, 'Official translation:')"
    )
    return [("first_use.sources", message, ("first_use", "sources", 0, "quote"))]


def _date_problems(concept: Concept, first_uses: dict[str, FirstUse]) -> list[_Found]:
    """Dates that contradict a first use: (field, message, location)."""
    found: list[_Found] = []
    first_use = concept.first_use
    if first_use is not None:
        decade = first_use.precision == "decade"
        dated: list[tuple[str, str, tuple[int | str, ...], str]] = [
            (f"en[{index}].date", item.date, ("en", index, "date"), f"the rendering {item.text!r} is dated")
            for index, item in enumerate(concept.en)
            if item.date
        ]
        dated += [
            (f"relations[{index}].date", item.date, ("relations", index, "date"), f"the {item.type} relation to {item.target} is dated")
            for index, item in enumerate(concept.relations)
            if item.date
        ]
        for field, date, loc, what in dated:
            if earlier(date, first_use.date, decade=decade):
                found.append((field, f"{what} {date}, before the first use {first_use.date}: correct the first use or the date", loc))
    for index, relation in enumerate(concept.relations):
        target = first_uses.get(relation.target)
        if relation.type == "successor-of" and relation.date and target is not None:
            if earlier(relation.date, target.date, decade=target.precision == "decade"):
                found.append(
                    (
                        f"relations[{index}].date",
                        f"the succession is dated {relation.date}, before {relation.target} (its predecessor) was first used ({target.date})",
                        ("relations", index, "date"),
                    )
                )
    return found


def validate_folder(folder: TermsFolder, *, slow_checks: bool = True) -> list[Problem]:
    """Run the cross-field checks over a read folder; ``slow_checks`` adds pinyin and script checks."""
    ids = {concept.id for concept in folder.concepts}
    first_uses = {concept.id: concept.first_use for concept in folder.concepts if concept.first_use is not None}
    official_docs = {key for key, document in folder.sources.items() if document.kind == "official"}
    problems: list[Problem] = []
    for concept in folder.concepts:
        checks: list[tuple[str, list[_Found]]] = [
            ("citations", _citation_problems(concept, folder)),
            ("quotes", _quote_problems(concept, official_docs) + _first_use_quote_problems(concept, official_docs)),
            ("dates", _date_problems(concept, first_uses)),
            ("relations", _relation_problems(concept, ids)),
            ("keys", _unknown_shares(concept, ids)),
        ]
        if slow_checks:
            checks += [("pinyin", _pinyin_problems(concept)), ("traditional", _traditional_problems(concept))]
        problems += (_problem(folder, concept.id, check, *found) for check, items in checks for found in items)
    problems += (_problem(folder, concept_id, "keys", *found) for concept_id, found in _key_problems(folder, slow_checks))
    return problems


def _problem(folder: TermsFolder, concept_id: str, check: str, field: str, message: str, loc: tuple[int | str, ...] = ()) -> Problem:
    path = folder.files[concept_id]
    line = line_of(folder.texts.get(path, ""), loc) if loc else None
    return Problem(path, field, check, message, line)


def _citation_problems(concept: Concept, folder: TermsFolder) -> list[_Found]:
    """Citations of documents the registry lacks; official renderings citing no official document."""
    registry = (folder.path / "_sources.toml").name
    found: list[_Found] = [
        (_field(loc), f"cites {citation['doc']!r}, which is not in {registry}", loc)
        for loc, citation in _citations(concept.model_dump())
        if citation["doc"] not in folder.sources
    ]
    for index, rendering in enumerate(concept.en):
        documents = (folder.sources.get(citation.doc) for citation in rendering.sources)
        if rendering.kind == "official" and not any(document is not None and document.kind == "official" for document in documents):
            message = f"the official rendering {rendering.text!r} cites no official document (kind = \"official\" in {registry})"
            found.append((f"en[{index}]", message, ("en", index, "kind")))
    return found


def _relation_problems(concept: Concept, ids: set[str]) -> list[_Found]:
    found: list[_Found] = []
    for index, relation in enumerate(concept.relations):
        loc: tuple[int | str, ...] = ("relations", index, "target")
        if relation.target not in ids:
            found.append((f"relations[{index}].target", f"no concept has the id {relation.target!r}", loc))
        elif relation.target == concept.id:
            found.append((f"relations[{index}].target", "a concept cannot relate to itself", loc))
    return found


def _unknown_shares(concept: Concept, ids: set[str]) -> list[_Found]:
    return [
        (f"shares_keys_with[{index}]", f"no concept has the id {other!r}", ("shares_keys_with",))
        for index, other in enumerate(concept.shares_keys_with)
        if other not in ids
    ]


def _pinyin_problems(concept: Concept) -> list[_Found]:
    # empty pinyin: an import could not generate it, and the concept's note says why
    messages = check_pinyin(concept.zh.hans, concept.zh.pinyin) if concept.zh.pinyin else []
    return [("zh.pinyin", message, ("zh", "pinyin")) for message in messages]


def _traditional_problems(concept: Concept) -> list[_Found]:
    problem = check_traditional(concept.zh.hans, concept.zh.hant)
    return [("zh.hant", problem, ("zh", "hant"))] if problem else []


def _key_problems(folder: TermsFolder, slow_checks: bool) -> list[tuple[str, _Found]]:
    """Keys shared across concepts without a declaration: (concept id, problem)."""
    from glossary.authoring.keys import term_keys

    owners: dict[tuple[str, str], list[tuple[str, str, str]]] = defaultdict(list)
    for concept in folder.concepts:
        for family, key, kind, surface in term_keys(concept.model_dump(mode="json", exclude_none=True), script_variants=slow_checks):
            if family != "id":
                owners[(family, key)].append((concept.id, kind, surface))
    # English keys marked ambiguous: (concept id, key) -> index of the rendering
    ambiguous = {
        (concept.id, normalize.english_key(rendering.text)): index
        for concept in folder.concepts
        for index, rendering in enumerate(concept.en)
        if rendering.ambiguous
    }
    found: list[tuple[str, _Found]] = [
        (concept_id, (f"en[{index}].ambiguous", _ALONE_AMBIGUOUS, ("en", index, "ambiguous")))
        for (concept_id, key), index in sorted(ambiguous.items())
        if len({holder[0] for holder in owners[("en", key)]}) < 2
    ]
    declared = {(concept.id, other) for concept in folder.concepts for other in concept.shares_keys_with}
    by_id = {concept.id: concept for concept in folder.concepts}
    for (family, key), holders in sorted(owners.items()):
        concept_ids = sorted({holder[0] for holder in holders})
        if len(concept_ids) < 2:
            continue
        if family == "en" and any((concept_id, key) in ambiguous for concept_id in concept_ids):
            found += _unmarked_ambiguity(by_id, key, concept_ids, ambiguous)
            continue
        surfaces = ", ".join(f"{holder[0]}: {holder[2]!r} ({holder[1]})" for holder in holders)
        for first_index, first in enumerate(concept_ids):
            for second in concept_ids[first_index + 1 :]:
                if (first, second) not in declared and (second, first) not in declared:
                    message = f"shares the {family} key {key!r} with {second} ({surfaces}); declare it in shares_keys_with if intended"
                    found.append((first, ("keys", message, ())))
    return found


_ALONE_AMBIGUOUS = "is marked ambiguous, but no other concept carries this English: add the rendering to the concept it also names, or drop the flag"


def _unmarked_ambiguity(
    concepts: dict[str, Concept], key: str, concept_ids: list[str], ambiguous: dict[tuple[str, str], int]
) -> list[tuple[str, _Found]]:
    """An ambiguous English needs no shares_keys_with, but every concept carrying it marks it."""
    flagged = [concept_id for concept_id in concept_ids if (concept_id, key) in ambiguous]
    found: list[tuple[str, _Found]] = []
    for concept_id in concept_ids:
        if (concept_id, key) not in ambiguous:
            renderings = concepts[concept_id].en
            index = next(number for number, rendering in enumerate(renderings) if normalize.english_key(rendering.text) == key)
            message = f"{renderings[index].text!r} is marked ambiguous in {', '.join(flagged)}: mark it ambiguous = true here too"
            found.append((concept_id, (f"en[{index}].ambiguous", message, ("en", index))))
    return found


def _citations(data: object, loc: tuple[int | str, ...] = ()) -> list[tuple[tuple[int | str, ...], dict[str, str]]]:
    """Every citation dict inside a model dump, with its location."""
    found: list[tuple[tuple[int | str, ...], dict[str, str]]] = []
    if isinstance(data, dict):
        for key, value in data.items():
            if key == "sources" and isinstance(value, list):
                found.extend(((*loc, key, index), item) for index, item in enumerate(value))
            else:
                found.extend(_citations(value, (*loc, key)))
    elif isinstance(data, list):
        for index, item in enumerate(data):
            found.extend(_citations(item, (*loc, index)))
    return found


def _field(loc: tuple[int | str, ...]) -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else ("." if out else "") + part
    return out


def validate_path(path: Path | str, *, slow_checks: bool = True) -> list[Problem]:
    """Read and check a terms folder; schema errors come back as problems too."""
    try:
        folder = read_terms_folder(path)
    except DataError as error:
        return [_problem_from_location(where, message) for where, message in error.problems]
    return validate_folder(folder, slow_checks=slow_checks)


def _problem_from_location(where: str, message: str) -> Problem:
    # "terms/x.toml:12: en[0].kind" -> path, line, field
    head, _, field = where.partition(": ")
    path_text, _, line_text = head.partition(":")
    line = int(line_text) if line_text.isdigit() else None
    return Problem(Path(path_text), field or "(file)", "schema", message, line)


def raise_for_problems(folder: TermsFolder) -> None:
    """Raise DataError when the folder has any problem (used before building or merging)."""
    problems = validate_folder(folder)
    if problems:
        raise DataError([(f"{_display(p.path)}{':' + str(p.line) if p.line else ''}: {p.field}", f"{p.message} [{p.check}]") for p in problems])
