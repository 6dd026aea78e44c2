"""The TBX v3 / TBX-Basic (DCA) rules that matter, as Python checks.

Ported from the TBX core structure (RELAX NG, ``TBXcoreStructV03.rng``) and the
TBX-Basic DCA Schematron (``TBX-Basic_DCA.sch``) published by LTAC Global: element
order, picklist values, the levels each data category may appear at, id and
language-tag syntax, and internal references. ``problems(root)`` lists every breach.
"""

from __future__ import annotations

import re
from xml.etree.ElementTree import Element

NS = "urn:iso:std:iso:30042:ed-2"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
NCNAME = re.compile(r"^[A-Za-z_][\w.\-]*$")
LANGUAGE = re.compile(r"^[a-zA-Z]{1,8}(-[a-zA-Z0-9]{1,8})*$")
AUX = {"admin", "adminGrp", "descrip", "descripGrp", "note", "ref", "transacGrp", "xref"}
TYPES = {
    "admin": {"source", "customerSubset", "projectSubset"},
    "descrip": {"subjectField", "context", "definition"},
    "ref": {"crossReference"},
    "termNote": {"administrativeStatus", "partOfSpeech", "geographicalUsage", "grammaticalGender", "termLocation", "termType"},
    "transac": {"transactionType"},
    "transacNote": {"responsibility"},
    "xref": {"externalCrossReference", "xGraphic"},
}
PICKLISTS = {
    "administrativeStatus": {"preferredTerm-admn-sts", "admittedTerm-admn-sts", "deprecatedTerm-admn-sts", "supersededTerm-admn-sts"},
    "termType": {"fullForm", "acronym", "abbreviation", "shortForm", "variant", "phrase"},
    "partOfSpeech": {"noun", "verb", "adjective", "adverb", "other"},
}
# data category -> the levels it may sit at (directly, or in a *Grp other than transacGrp)
LEVELS = {
    ("descrip", "subjectField"): {"conceptEntry"},
    ("descrip", "definition"): {"conceptEntry", "langSec"},
    ("descrip", "context"): {"termSec"},
    ("admin", "source"): {"conceptEntry", "langSec", "termSec"},
    ("ref", "crossReference"): {"conceptEntry", "termSec"},
}


def name(element: Element) -> str:
    return element.tag.rpartition("}")[2]


def problems(root: Element) -> list[str]:
    found: list[str] = []
    parents = {child: parent for parent in root.iter() for child in parent}
    ids = [element.get("id") for element in root.iter() if element.get("id") is not None]
    for element in root.iter():
        if not element.tag.startswith("{" + NS + "}"):
            found.append(f"<{element.tag}> is not in the TBX namespace")
    if name(root) != "tbx" or root.get("type") != "TBX-Basic" or root.get("style") != "dca":
        found.append("root must be <tbx type='TBX-Basic' style='dca'>")
    if not LANGUAGE.match(root.get(XML_LANG, "")):
        found.append("root needs an xml:lang")
    if [name(child) for child in root] != ["tbxHeader", "text"]:
        found.append("tbx holds tbxHeader then text")
    else:
        header, text = list(root)
        file_desc = [child for child in header if name(child) == "fileDesc"]
        if not file_desc or name(list(file_desc[0])[-1]) != "sourceDesc" or not list(list(file_desc[0])[-1]):
            found.append("fileDesc must end with a sourceDesc holding p elements")
        if [name(child) for child in text] not in ([], ["body"], ["back"], ["body", "back"]):
            found.append("text holds body? back?")
    if len(ids) != len(set(ids)):
        found.append("duplicate ids")
    for element in root.iter():
        tag = name(element)
        if element.get("id") is not None and not NCNAME.match(element.get("id", "")):
            found.append(f"{tag} id {element.get('id')!r} is not an xsd:ID")
        if tag == "body" and not [child for child in element if name(child) == "conceptEntry"]:
            found.append("body needs a conceptEntry")
        if tag == "conceptEntry":
            if element.get("id") is None:
                found.append("conceptEntry needs an id")
            found += _aux_then(element, "langSec")
        if tag == "langSec":
            if not LANGUAGE.match(element.get(XML_LANG, "")):
                found.append(f"langSec xml:lang {element.get(XML_LANG)!r} is not an xsd:language")
            found += _aux_then(element, "termSec")
        if tag == "termSec":
            children = [name(child) for child in element]
            if not children or children[0] != "term":
                found.append("termSec starts with term")
            seen_aux = False
            for child in children[1:]:
                if child in ("termNote", "termNoteGrp"):
                    if seen_aux:
                        found.append("termNote after an auxiliary element in a termSec")
                elif child in AUX:
                    seen_aux = True
                else:
                    found.append(f"<{child}> is not allowed in termSec")
        if tag in ("descripGrp", "adminGrp"):
            first = "descrip" if tag == "descripGrp" else "admin"
            children = [name(child) for child in element]
            if not children or children[0] != first or first in children[1:]:
                found.append(f"{tag} holds exactly one {first}, first")
        if tag in TYPES:
            kind = element.get("type", "")
            if kind not in TYPES[tag]:
                found.append(f"{tag} type {kind!r} is not a TBX-Basic data category")
            if tag == "termNote":
                parent = parents[element]
                if name(parent) != "termSec" and not (name(parent) == "termNoteGrp" and name(parents[parent]) == "termSec"):
                    found.append("termNote only at termSec level")
                if kind in PICKLISTS and (element.text or "") not in PICKLISTS[kind]:
                    found.append(f"termNote {kind} value {element.text!r} is not in the picklist")
            level = LEVELS.get((tag, kind))
            if level is not None:
                parent = parents[element]
                if name(parent).endswith("Grp") and name(parent) != "transacGrp":
                    parent = parents[parent]
                if name(parent) not in level:
                    found.append(f"{tag} {kind} at level {name(parent)}, allowed {sorted(level)}")
        target = element.get("target")
        if target is not None and not re.match(r"https?://.+", target) and target not in ids:
            found.append(f"target {target!r} names no id of the file")
    return found


def _aux_then(element: Element, section: str) -> list[str]:
    found = []
    names = [name(child) for child in element]
    if section not in names:
        found.append(f"{name(element)} needs a {section}")
        return found
    first = names.index(section)
    for child in names[:first]:
        if child not in AUX:
            found.append(f"<{child}> is not allowed in {name(element)}")
    if any(child != section for child in names[first:]):
        found.append(f"nothing may follow the {section}s of a {name(element)}")
    return found
