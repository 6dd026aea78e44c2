"""Small glossaries built in memory from contract dicts, for tests that need shapes the fixture folder lacks.

They are compiled without OpenCC script variants (fast) and without validation, so a
test can also build data the validator would reject (a cycle of successors, text
full of markup characters).
"""

from __future__ import annotations

from typing import Any

import glossary
from glossary.authoring.build import compile_concepts

SOURCES: dict[str, Any] = {"doc": {"title": "A test document", "author": "Test Author", "date": "2024", "kind": "analysis"}}


def cite(quote: str = "as the document says") -> list[dict[str, str]]:
    return [{"doc": "doc", "locator": "p. 1", "quote": quote}]


def concept(
    term_id: str,
    hans: str,
    pinyin: str,
    english: str,
    *,
    hant: str | None = None,
    successor_of: tuple[str, ...] = (),
    relations: tuple[tuple[str, str], ...] = (),
    first_use: str | None = None,
    renderings: tuple[dict[str, Any], ...] = (),
    abbreviations: tuple[str, ...] = (),
    **extra: Any,
) -> dict[str, Any]:
    term: dict[str, Any] = {
        "schema_version": 1,
        "id": term_id,
        "category": "strategy",
        "zh": {"hans": hans, "hant": hant or hans, "pinyin": pinyin, "variants": [], "sources": cite()},
        "en": [{"text": english, "kind": "source", "sources": cite()}, *renderings],
        "abbreviations": [{"text": text, "lang": "en", "status": "accepted", "sources": cite()} for text in abbreviations],
        "relations": [{"type": "successor-of", "target": target, "sources": cite(f"{term_id} succeeded {target}")} for target in successor_of]
        + [{"type": kind, "target": target, "sources": cite()} for kind, target in relations],
        "shares_keys_with": [],
    }
    if first_use:
        precision = {4: "year", 7: "month", 10: "day"}[len(first_use)]
        term["first_use"] = {"date": first_use, "precision": precision, "sources": cite()}
    term.update(extra)
    return term


def glossary_of(*terms: dict[str, Any], sources: dict[str, Any] | None = None) -> glossary.Glossary:
    compiled = compile_concepts(list(terms), sources if sources is not None else SOURCES, script_variants=False)
    return glossary.Glossary(compiled, origin="test")
