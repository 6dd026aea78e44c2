"""Counts that say how complete the glossary is: ``glossary stats``."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from glossary.core.entry import Term
    from glossary.analysis.glossary import Glossary

__all__ = ["COVERAGE", "NONE_TO_GIVE", "glossary_stats", "missing", "render_stats"]


def _count_citations(value: object) -> int:
    if isinstance(value, dict):
        own = 1 if "doc" in value and "quote" in value else 0
        return own + sum(_count_citations(item) for item in value.values())
    if isinstance(value, list):
        return sum(_count_citations(item) for item in value)
    return 0


#: The fields whose coverage ``glossary stats`` reports: field -> whether a concept has it.
COVERAGE: dict[str, Callable[[Term], bool]] = {
    "official_rendering": lambda term: bool(term.renderings("official")),
    "literal_rendering": lambda term: bool(term.renderings("literal")),
    "first_use": lambda term: term.first_use is not None,
    "definition": lambda term: term.definition is not None,
    "abbreviation": lambda term: bool(term.abbreviations),
}

#: Fields a concept may say it has none of, and why (a generic word has no first use):
#: such a concept is not a gap, so coverage is also given over the concepts that can have one.
NONE_TO_GIVE: dict[str, Callable[[Term], bool]] = {
    "first_use": lambda term: term.no_first_use is not None,
}


def glossary_stats(glossary: Glossary) -> dict[str, Any]:
    """Counts by category, rendering kind, relation type and source kind, and coverage ratios."""
    terms = list(glossary)
    total = len(terms)

    def share(count: int) -> float:
        return round(count / total, 3) if total else 0.0

    coverage: dict[str, dict[str, Any]] = {}
    for field, has in COVERAGE.items():
        count = sum(1 for term in terms if has(term))
        coverage[field] = {"count": count, "share": share(count)}
        if field in NONE_TO_GIVE:
            none = sum(1 for term in terms if NONE_TO_GIVE[field](term))
            applicable = total - none
            coverage[field] |= {
                "none_to_give": none,
                "applicable": applicable,
                "share_of_applicable": round(count / applicable, 3) if applicable else 0.0,
            }
    return {
        "concepts": total,
        "categories": dict(sorted(Counter(term.category for term in terms).items())),
        "renderings": dict(sorted(Counter(rendering.kind for term in terms for rendering in term.en).items())),
        "abbreviations": sum(len(term.abbreviations) for term in terms),
        "variants": sum(len(term.zh.variants) for term in terms),
        "relations": dict(sorted(Counter(relation.type for term in terms for relation in term.relations).items())),
        "documents": dict(sorted(Counter(document.get("kind", "?") for document in glossary.sources.values()).items())),
        "citations": sum(_count_citations(term.to_dict()) for term in terms),
        "coverage": coverage,
    }


def missing(glossary: Glossary, field: str) -> list[Term]:
    """The concepts that lack a field of :data:`COVERAGE` (``official_rendering``, ``first_use`` ...), by id.

    A concept that says it has none to give (:data:`NONE_TO_GIVE`) is not listed: what
    remains is the term editor's to-do list.
    """
    has = COVERAGE[field]
    excused = NONE_TO_GIVE.get(field)
    return [term for term in glossary if not has(term) and not (excused is not None and excused(term))]


def render_stats(stats: dict[str, Any]) -> str:
    lines = [f"concepts      {stats['concepts']}"]
    for title, key in (("by category", "categories"), ("renderings", "renderings"), ("relations", "relations"), ("documents", "documents")):
        lines.append(f"{title}:")
        lines += [f"  {name:<16}{count:>5}" for name, count in stats[key].items()]
    lines.append(f"abbreviations {stats['abbreviations']:>5}")
    lines.append(f"variants      {stats['variants']:>5}")
    lines.append(f"citations     {stats['citations']:>5}")
    lines.append(f"coverage (concepts with the field, of {stats['concepts']}):")
    for name, value in stats["coverage"].items():
        line = f"  {name.replace('_', ' '):<20}{value['count']:>5}  {value['share']:>4.0%}"
        if "applicable" in value:
            line += (
                f"   (of {stats['concepts']}; {value['applicable']} that have one: {value['share_of_applicable']:.0%};"
                f" {value['none_to_give']} have none to give)"
            )
        lines.append(line)
    return "\n".join(lines)
