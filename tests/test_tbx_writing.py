"""How TBX is written: elements serialised by ElementTree one concept at a time, and the package's one escaper."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any
from xml.etree.ElementTree import fromstring

from hypothesis import given
from hypothesis import strategies as st

from glossary.formats._xml import escape
from glossary.formats.tbx import TBX2, tbx_parts, write_tbx

NS = "{urn:iso:std:iso:30042:ed-2}"
MARKUP = "A & B <c> \"d\" 'e' ]]> &amp;"


def _concept(concept_id: str) -> dict[str, Any]:
    quote = {"doc": "brief", "locator": "p. 1", "quote": f"军民融合 {MARKUP}"}
    return {
        "id": concept_id,
        "category": "strategy",
        "note": MARKUP,
        "zh": {"hans": "军民融合", "hant": "軍民融合", "pinyin": "jūnmín rónghé", "sources": [quote]},
        "en": [{"text": f"fusion {MARKUP}", "kind": "source", "sources": [quote]}],
    }


SOURCES = {"brief": {"title": MARKUP, "kind": "analysis"}}


def test_markup_characters_in_the_data_are_escaped_and_read_back_as_written() -> None:
    root = fromstring(write_tbx([_concept("mcf")], SOURCES))
    entry = root.find(f"{NS}text/{NS}body/{NS}conceptEntry")
    assert entry is not None
    assert f"note: {MARKUP}" in [note.text for note in entry.findall(f"{NS}note")]
    assert entry.findtext(f"{NS}langSec[@{{http://www.w3.org/XML/1998/namespace}}lang='en']/{NS}termSec/{NS}term") == f"fusion {MARKUP}"
    assert root.findtext(f"{NS}text/{NS}back/{NS}refObjectSec/{NS}refObject/{NS}item[@type='title']") == MARKUP


def test_each_concept_is_its_own_piece_written_before_the_next_is_taken() -> None:
    taken: list[str] = []

    def concepts() -> Iterator[dict[str, Any]]:
        for concept_id in ("one", "two", "three"):
            taken.append(concept_id)
            yield _concept(concept_id)

    parts = tbx_parts(concepts(), 3, SOURCES, lambda: SOURCES, {"one", "two", "three"})
    head = next(parts)
    assert head.startswith('<?xml version="1.0" encoding="UTF-8"?>\n') and "<tbxHeader>" in head and taken == []
    assert next(parts) == "  <text>\n" and next(parts) == "    <body>\n"
    first = next(parts)
    assert taken == ["one"]
    assert first.startswith('      <conceptEntry id="c-one">\n        <note>category: strategy</note>\n')
    assert first.endswith("\n      </conceptEntry>\n")
    assert next(parts).startswith('      <conceptEntry id="c-two">') and taken == ["one", "two"]
    rest = "".join(parts)
    assert rest.endswith("    </back>\n  </text>\n</tbx>\n")


def test_a_document_without_concepts_or_sources_has_an_empty_text_element() -> None:
    text = write_tbx([], {})
    assert text.endswith("  </tbxHeader>\n  <text/>\n</tbx>\n")
    assert write_tbx([], {}, TBX2).endswith("  </martifHeader>\n  <text/>\n</martif>\n")
    assert fromstring(text).find(f"{NS}text") is not None


def test_tbx2_writes_no_ids_on_terms_and_no_back_matter() -> None:
    text = write_tbx([_concept("mcf")], SOURCES, TBX2)
    root = fromstring(text)
    assert root.tag == "martif" and root.find("text/back") is None
    assert [tig.get("id") for tig in root.iter("tig")] == [None, None, None]


def test_the_escaper_escapes_markup_in_content_and_quotes_in_attributes() -> None:
    assert escape(MARKUP) == "A &amp; B &lt;c&gt; \"d\" 'e' ]]&gt; &amp;amp;"
    assert escape('say "x" & \'y\'', attribute=True) == "say &quot;x&quot; &amp; &#x27;y&#x27;"


# characters XML 1.0 carries unchanged in both places (a parser normalises CR and whitespace in attributes)
_XML_TEXT = st.text(st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="\ufffe\uffff"))


@given(_XML_TEXT)
def test_escaped_text_reads_back_as_itself_in_content_and_in_either_quoted_attribute(text: str) -> None:
    element = fromstring(f"<a b=\"{escape(text, attribute=True)}\" c='{escape(text, attribute=True)}'>{escape(text)}</a>")
    assert (element.text or "", element.get("b"), element.get("c")) == (text, text, text)
