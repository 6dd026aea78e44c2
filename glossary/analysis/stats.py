"""Counts that say how complete the glossary is: ``glossary stats``."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from glossary.core.entry import Term
    from glossary.analysis.glossary import Glossary

__all__ = ["COVERAGE", "glossary_stats", "missing", "render_stats"]


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


def glossary_stats(glossary: Glossary) -> dict[str, Any]:
    """Counts by category, rendering kind, relation type and source kind, and coverage ratios."""
    terms = list(glossary)
    total = len(terms)

    def share(count: int) -> float:
        return round(count / total, 3) if total else 0.0

    coverage = {}
    for field, has in COVERAGE.items():
        count = sum(1 for term in terms if has(term))
        coverage[field] = {"count": count, "share": share(count)}
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
    """The concepts that lack a field of :data:`COVERAGE` (``official_rendering``, ``first_use`` ...), by id."""
    has = COVERAGE[field]
    return [term for term in glossary if not has(term)]


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
        lines.append(f"  {name.replace('_', ' '):<20}{value['count']:>5}  {value['share']:>4.0%}")
    return "\n".join(lines)
