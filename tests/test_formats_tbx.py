"""TBX v3 (TBX-Basic) and TBX 2: structure, lossless round trips, files from other software, unsafe XML."""

from __future__ import annotations

import codecs
from pathlib import Path
from xml.etree.ElementTree import fromstring

import pytest
from hypothesis import HealthCheck, given, settings

import strategies
import tbx_rules
from glossary.errors import DataError, FormatError
from glossary.formats import export, get_format, read_document
from glossary.formats.json import JsonFormat

NS = "{urn:iso:std:iso:30042:ed-2}"


def tbx_of(glossary) -> bytes:  # noqa: ANN001
    return export(glossary, "tbx")


def test_the_fixture_glossary_follows_the_tbx_basic_rules(fixture_glossary) -> None:
    root = fromstring(tbx_of(fixture_glossary))
    assert tbx_rules.problems(root) == []
    entry = root.find(f"{NS}text/{NS}body/{NS}conceptEntry[@id='c-military-civil-fusion']")
    assert entry is not None
    assert [section.get("{http://www.w3.org/XML/1998/namespace}lang") for section in entry.findall(f"{NS}langSec")] == ["zh-Hans", "zh-Hant", "en"]
    hans = entry.find(f"{NS}langSec/{NS}termSec")
    assert hans is not None and hans.findtext(f"{NS}term") == "军民融合"
    assert [(note.get("type"), note.text) for note in hans.findall(f"{NS}termNote")] == [
        ("administrativeStatus", "preferredTerm-admn-sts"),
        ("termType", "fullForm"),
    ]
    assert "pinyin: jūnmín rónghé" in [note.text for note in hans.findall(f"{NS}note")]
    english = {term.findtext(f"{NS}term"): term for term in entry.findall(f"{NS}langSec[@{{http://www.w3.org/XML/1998/namespace}}lang='en']/{NS}termSec")}
    assert english["civil-military integration"].find(f"{NS}termNote").text == "preferredTerm-admn-sts"
    assert english["military-civil fusion"].find(f"{NS}termNote").text == "admittedTerm-admn-sts"
    assert english["MCF"].findall(f"{NS}termNote")[1].text == "acronym"
    context = english["MCF"].find(f"{NS}descripGrp")
    assert context.find(f"{NS}descrip").get("type") == "context"
    assert context.find(f"{NS}admin").get("target") == "s-fixture-brief"


def test_a_relation_is_a_cross_reference_to_the_concept_entry(fixture_glossary) -> None:
    root = fromstring(tbx_of(fixture_glossary))
    entry = root.find(f"{NS}text/{NS}body/{NS}conceptEntry[@id='c-integrated-national-strategic-system']")
    ref = entry.find(f"{NS}ref")
    assert (ref.get("type"), ref.get("target"), ref.text) == ("crossReference", "c-military-civil-fusion", "successor-of military-civil-fusion")


@pytest.mark.parametrize(
    ("before", "after", "expected"),
    [
        ('id="c-dual-circulation"', 'id="1bad"', "is not an xsd:ID"),
        ('xml:lang="zh-Hant"', 'xml:lang="zh_TW"', "is not an xsd:language"),
        ("preferredTerm-admn-sts", "preferred", "picklist"),
        ('type="crossReference" target="c-military-civil-fusion"', 'type="crossReference" target="c-nowhere"', "names no id"),
        ('<descrip type="context">', '<descrip type="example">', "not a TBX-Basic data category"),
    ],
)
def test_the_rule_checks_catch_what_the_official_schemas_reject(fixture_glossary, before: str, after: str, expected: str) -> None:
    text = tbx_of(fixture_glossary).decode()
    assert before in text
    assert any(expected in problem for problem in tbx_rules.problems(fromstring(text.replace(before, after, 1))))


def test_the_rule_checks_catch_a_note_before_a_term_note(fixture_glossary) -> None:
    text = tbx_of(fixture_glossary).decode()
    broken = text.replace(
        "<termNote type=\"termType\">fullForm</termNote>\n            <note>pinyin: jūnmín rónghé</note>",
        "<note>pinyin: jūnmín rónghé</note>\n            <termNote type=\"termType\">fullForm</termNote>",
        1,
    )
    assert broken != text
    assert "termNote after an auxiliary element in a termSec" in tbx_rules.problems(fromstring(broken))


def test_export_import_export_is_identical_and_keeps_every_field(fixture_glossary, tmp_path: Path) -> None:
    path = tmp_path / "fixture.tbx"
    first = export(fixture_glossary, "tbx", path)
    document = read_document(path)
    assert [concept.model_dump() for concept in document.terms] == [term.to_model().model_dump() for term in fixture_glossary]
    assert {key: value.model_dump(exclude_none=True) for key, value in document.sources.items()} == fixture_glossary.sources
    assert export(strategies.glossary(document), "tbx") == first


def test_an_empty_glossary_is_a_valid_tbx_file_that_reads_back_empty(tmp_path: Path) -> None:
    from glossary.core.model import GlossaryDocument

    empty = strategies.glossary(GlossaryDocument())
    data = export(empty, "tbx")
    assert tbx_rules.problems(fromstring(data)) == []
    path = tmp_path / "empty.tbx"
    path.write_bytes(data)
    assert read_document(path).terms == []


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(strategies.documents())
def test_generated_glossaries_round_trip_through_tbx_and_follow_the_rules(document) -> None:  # noqa: ANN001
    glossary = strategies.glossary(document)
    data = export(glossary, "tbx")
    assert tbx_rules.problems(fromstring(data)) == []
    back = get_format("tbx").load(data, "generated.tbx")
    assert [concept.model_dump() for concept in back.terms] == [term.to_model().model_dump() for term in glossary]
    assert export(strategies.glossary(back), "tbx") == data
    assert JsonFormat().dump(strategies.glossary(back), None) == JsonFormat().dump(glossary, None)  # type: ignore[arg-type]


# --- TBX 2 ----------------------------------------------------------------------


def test_tbx2_is_a_martif_with_accepted_terms_only(fixture_glossary, tmp_path: Path) -> None:
    data = export(fixture_glossary, "tbx2")
    root = fromstring(data)
    assert root.tag == "martif" and root.find("martifHeader") is not None
    entry = root.find("text/body/termEntry[@id='c-military-civil-fusion']")
    assert [lang_set.get("{http://www.w3.org/XML/1998/namespace}lang") for lang_set in entry.findall("langSet")] == ["zh-Hans", "en", "zh-Hant"]
    terms = [tig.findtext("term") for tig in entry.iter("tig")]
    assert terms == ["军民融合", "military-civil fusion", "civil-military integration", "MCF", "軍民融合"]
    assert "descripGrp" not in data.decode()  # no citations: OmegaT would paste them into every comment
    path = tmp_path / "fixture2.tbx"
    path.write_bytes(data)
    document = read_document(path, "tbx2")
    pairs = {(concept.zh.hans, rendering.text) for concept in document.terms for rendering in concept.en}
    assert ("军民融合", "civil-military integration") in pairs


def test_a_tbx2_file_from_elsewhere_is_completed_and_cites_itself(tmp_path: Path) -> None:
    path = tmp_path / "client terms.tbx"
    path.write_text(
        """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE martif SYSTEM "TBXcoreStructV02.dtd">
<martif type="TBX" xml:lang="en"><martifHeader><fileDesc><sourceDesc><p>x</p></sourceDesc></fileDesc></martifHeader>
<text><body>
<termEntry id="t1">
  <descrip type="definition">A national
     strategy.</descrip>
  <langSet xml:lang="zh-CN"><tig><term>军民融合</term></tig></langSet>
  <langSet xml:lang="en-US">
    <ntig><termGrp><term>military-civil fusion</term><termNote type="administrativeStatus">preferredTerm-admn-sts</termNote></termGrp></ntig>
    <tig><term>civil-military integration</term><termNote type="administrativeStatus">deprecatedTerm-admn-sts</termNote></tig>
  </langSet>
  <langSet xml:lang="de"><tig><term>zivil-militärische Fusion</term></tig></langSet>
</termEntry>
</body></text></martif>
""",
        encoding="utf-8",
    )
    (concept,) = read_document(path).terms
    assert concept.id == "military-civil-fusion"
    assert (concept.zh.hans, concept.zh.hant, concept.zh.pinyin) == ("军民融合", "軍民融合", "jūn mín róng hé")
    assert [(rendering.text, rendering.kind) for rendering in concept.en] == [("military-civil fusion", "source"), ("civil-military integration", "deprecated")]
    assert concept.definition is not None and concept.definition.text == "A national strategy."
    assert concept.zh.sources[0].doc == "file-client-terms-tbx" and concept.zh.sources[0].locator == "termEntry t1"
    assert "OpenCC" in (concept.note or "") and "pypinyin" in (concept.note or "")


def test_a_tbx3_file_from_elsewhere_with_traditional_only(tmp_path: Path) -> None:
    path = tmp_path / "tw.tbx"
    path.write_text(
        """<?xml version="1.0" encoding="UTF-8"?>
<tbx type="TBX-Basic" style="dca" xml:lang="en" xmlns="urn:iso:std:iso:30042:ed-2">
<tbxHeader><fileDesc><sourceDesc><p>x</p></sourceDesc></fileDesc></tbxHeader>
<text><body><conceptEntry id="c1">
<langSec xml:lang="zh-TW"><termSec><term>軍民融合</term></termSec></langSec>
<langSec xml:lang="en"><termSec><term>MCF</term><termNote type="termType">acronym</termNote></termSec>
<termSec><term>military–civil fusion</term></termSec></langSec>
</conceptEntry></body></text></tbx>
""",
        encoding="utf-8",
    )
    (concept,) = read_document(path).terms
    assert (concept.zh.hans, concept.zh.hant) == ("军民融合", "軍民融合")
    assert [abbreviation.text for abbreviation in concept.abbreviations] == ["MCF"]
    assert concept.id == "military-civil-fusion"


# --- bad and unsafe files ---------------------------------------------------------------


BILLION_LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
]>
<martif><text><body><termEntry><langSet xml:lang="en"><tig><term>&lol3;</term></tig></langSet></termEntry></body></text></martif>
"""
EXTERNAL = """<?xml version="1.0"?>
<!DOCTYPE martif [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
<martif><text><body><termEntry><langSet xml:lang="en"><tig><term>&secret;</term></tig></langSet></termEntry></body></text></martif>
"""
EXTERNAL_PARAMETER = """<?xml version="1.0"?>
<!DOCTYPE martif [<!ENTITY % remote SYSTEM "http://example.invalid/evil.dtd"> %remote;]>
<martif/>
"""


@pytest.mark.parametrize("text", [BILLION_LAUGHS, EXTERNAL, EXTERNAL_PARAMETER], ids=["entity-expansion", "external-entity", "external-dtd"])
def test_entity_declarations_and_external_references_are_refused(tmp_path: Path, text: str) -> None:
    path = tmp_path / "evil.tbx"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(FormatError) as info:
        read_document(path)
    assert info.value.path == str(path) and info.value.line is not None
    assert "entit" in info.value.message or "external" in info.value.message


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        ('<?xml version="1.0"?>\n<tbx>\n<text>\n</tbx>\n', 4, "not well-formed"),
        ('<?xml version="1.0"?>\n<root/>\n', 2, "not a TBX file"),
        ('<?xml version="1.0"?>\n<tbx type="TBX-Basic"/>\n', 2, "namespace"),
    ],
)
def test_a_broken_tbx_file_names_file_and_line(tmp_path: Path, text: str, line: int, message: str) -> None:
    path = tmp_path / "bad.tbx"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(FormatError) as info:
        read_document(path)
    assert (info.value.line, message in info.value.message) == (line, True), info.value


def test_every_bad_entry_is_reported_with_its_line(tmp_path: Path) -> None:
    path = tmp_path / "half.tbx"
    path.write_text(
        """<martif type="TBX"><text><body>
<termEntry id="a"><langSet xml:lang="en"><tig><term>no chinese</term></tig></langSet></termEntry>
<termEntry id="b"><langSet xml:lang="zh"><tig><term>军民融合</term></tig></langSet></termEntry>
</body></text></martif>""",
        encoding="utf-8",
    )
    with pytest.raises(DataError) as info:
        read_document(path)
    assert [where for where, _ in info.value.problems] == [f"{path}:2", f"{path}:3"]
    assert "no Chinese term" in info.value.problems[0][1] and "no English rendering" in info.value.problems[1][1]


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-16"])
def test_tbx_in_utf8_with_bom_and_utf16_is_read(fixture_glossary, tmp_path: Path, encoding: str) -> None:
    text = tbx_of(fixture_glossary).decode("utf-8")
    path = tmp_path / "encoded.tbx"
    if encoding == "utf-16":
        path.write_bytes(codecs.BOM_UTF16_LE + text.replace('encoding="UTF-8"', 'encoding="UTF-16"').encode("utf-16-le"))
    else:
        path.write_bytes(text.encode(encoding))
    assert len(read_document(path).terms) == len(fixture_glossary)


def test_xml_unsafe_characters_are_refused_on_export() -> None:
    from glossary.formats.tbx import write_tbx

    term = next(iter(strategies.glossary(_one_concept_document()))).to_dict()
    term["en"][0]["text"] = "bad \ufffe character"
    with pytest.raises(DataError, match="XML 1.0"):
        write_tbx([term], {})


def _one_concept_document():  # noqa: ANN202
    from conftest import FIXTURE_TERMS

    from glossary.authoring.termsdir import read_terms_folder

    folder = read_terms_folder(FIXTURE_TERMS)
    from glossary.core.model import GlossaryDocument

    return GlossaryDocument(sources=folder.sources, terms=folder.concepts[:1])
