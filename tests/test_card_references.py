"""The card's reference marks: one number per cited quote, in order of first appearance,
shown in ascending order within a line."""

from __future__ import annotations

from termdata import concept, glossary_of

from glossary.cli.render import render_card


def cited(quote: str) -> dict[str, str]:
    return {"doc": "doc", "locator": "p. 1", "quote": quote}


def test_a_line_shows_its_marks_in_ascending_order() -> None:
    # the zh form cites "second" first, so it is [2] on the card; the rendering cites "third" and then "second"
    term = concept(
        "x",
        "军民融合",
        "jūnmín rónghé",
        "military-civil fusion",
        renderings=({"text": "civil-military integration", "kind": "official", "date": "2018", "sources": [cited("third"), cited("second")]},),
    )
    term["zh"]["sources"] = [cited("first"), cited("second")]
    glossary = glossary_of(term)
    card = render_card(glossary.get("x"), glossary)
    line = next(line for line in card.splitlines() if "civil-military integration" in line)
    assert line.endswith("[2][3]"), line
    sources = card.split("Sources", 1)[1]
    assert sources.index("“second”") < sources.index("“third”")
