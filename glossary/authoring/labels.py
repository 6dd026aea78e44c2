"""The interface's words, in English: the source the gettext catalogue is extracted from.

Every label the card, ``glossary history`` and the HTML page show is listed here once,
under a stable key, wrapped in :func:`N_` so that babel's extractor finds it
(``glossary build --update-catalogue`` writes ``glossary/authoring/locale/glossary.pot`` and
merges it into each ``glossary/authoring/locale/<lang>/LC_MESSAGES/glossary.po``). ``glossary
build`` compiles the catalogues into ``glossary/core/_messages.py``, which is what runs:
neither gettext nor babel is imported to show a label.

Language names (Chinese (Simplified), 英语 ...) and dates are not here: they come from
babel's locale data at build time.
"""

from __future__ import annotations

__all__ = ["LABELS", "N_"]


def N_(message: str) -> str:
    """Mark a message for extraction; return it unchanged."""
    return message


#: key -> English text. Keys are what the code asks for; the text is the msgid.
LABELS: dict[str, str] = {
    # the card
    "matched": N_("Matched"),
    "abbreviations": N_("Abbreviations"),
    "variants": N_("Variants"),
    "definition": N_("Definition"),
    "first_use": N_("First use"),
    # Translators: on the first-use line of a concept that has no first use to give; the reason follows a dash
    "first_use.none": N_("none"),
    "relations": N_("Relations"),
    "note": N_("Note"),
    "sources": N_("Sources"),
    "erroneous": N_("erroneous"),
    "ambiguous": N_("Ambiguous"),
    # Translators: follows an English rendering in quotes; concepts are listed after it
    "ambiguous.shared": N_("PRC sources use this English for more than one concept; also:"),
    # kinds of English rendering
    "kind.official": N_("official"),
    "kind.source": N_("source"),
    "kind.alternative": N_("alternative"),
    "kind.literal": N_("literal"),
    "kind.deprecated": N_("deprecated"),
    # relations, read from the term's side
    "relation.successor-of": N_("successor of"),
    "relation.predecessor-of": N_("predecessor of"),
    "relation.part-of": N_("part of"),
    "relation.has-part": N_("has part"),
    "relation.variant-of": N_("variant of"),
    "relation.has-variant": N_("has variant"),
    "relation.broader": N_("broader"),
    "relation.narrower": N_("narrower"),
    "relation.see-also": N_("see also"),
    # kinds of Chinese variant
    "variant.script": N_("script form"),
    "variant.short-form": N_("short form"),
    "variant.full-form": N_("full form"),
    "variant.misspelling": N_("misspelling"),
    # categories of concept
    "category.institution": N_("institution"),
    "category.strategy": N_("strategy"),
    "category.policy": N_("policy"),
    "category.plan": N_("plan"),
    "category.doctrine": N_("doctrine"),
    "category.concept": N_("concept"),
    "category.slogan": N_("slogan"),
    "category.publication": N_("publication"),
    "category.event": N_("event"),
    "category.programme": N_("programme"),
    "category.law": N_("law"),
    "category.military-unit": N_("military unit"),
    # what a query matched (hans and hant use babel's language names)
    "match.variant": N_("variant"),
    "match.script": N_("script form"),
    "match.misspelling": N_("misspelling"),
    "match.abbreviation": N_("abbreviation"),
    "match.abbreviation-erroneous": N_("erroneous abbreviation"),
    "match.en-official": N_("official English"),
    "match.en-source": N_("English of a source"),
    "match.en-alternative": N_("alternative English"),
    "match.en-literal": N_("literal English"),
    "match.en-deprecated": N_("deprecated English"),
    "match.pinyin-tones": N_("pinyin with tones"),
    "match.pinyin": N_("pinyin without tones"),
    "match.id": N_("id"),
    # glossary history
    "history.succession": N_("Succession"),
    "history.renderings": N_("Renderings"),
    "history.undated": N_("undated"),
    "history.alone": N_("no predecessor or successor recorded"),
    # the HTML page
    "page.title": N_("Glossary of China's techno-security policy"),
    "page.search": N_("Search"),
    # Translators: placeholder text of the search box
    "page.search_hint": N_("Chinese, pinyin, English or abbreviation"),
    "page.no_match": N_("No concept matches."),
    # Translators: %(count)d is a number of concepts
    "page.count": N_("%(count)d concepts"),
    # Translators: search result, as in "2 of 11 concepts"
    "page.shown": N_("%(shown)d of %(count)d concepts"),
    "page.letters": N_("Index by pinyin"),
    "page.timeline": N_("Timeline of first use"),
    "page.pinyin": N_("Pinyin"),
    "page.concepts": N_("Concepts"),
}
