"""What a user's glossary does to the one it is merged over: the concepts it replaces, the forms it shares.

A concept of a user's glossary replaces the bundled concept with the same id, whole:
the bundled renderings, abbreviations and sources are gone (an imported two-column
file that makes ``military-civil-fusion`` loses the abbreviation MCF). A concept with
another id but the same simplified form is kept beside the bundled one, and lookups
show both. Neither is wrong, both surprise: the loader and ``glossary import`` say so.
"""

from __future__ import annotations

from glossary.formats.base import ConceptStream

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator
    from typing import Any

    from glossary.core.model import Concept, SourceDocument

__all__ = ["Overlap", "Watched", "overlap", "overlap_message"]

_SHOWN = 8


class Overlap:
    """Ids replaced, and ``(new id, existing id, simplified form)`` of concepts kept beside one with the same form."""

    def __init__(self, replaced: list[str], shared: list[tuple[str, str, str]]) -> None:
        self.replaced = replaced
        self.shared = shared

    def __bool__(self) -> bool:
        return bool(self.replaced or self.shared)


def overlap(base_terms: Iterable[dict[str, Any]], new: Iterable[tuple[str, str]]) -> Overlap:
    """How ``(id, simplified form)`` pairs of new concepts meet the compiled terms of a base glossary."""
    ids: set[str] = set()
    by_form: dict[str, str] = {}
    for term in base_terms:
        ids.add(term["id"])
        by_form.setdefault(term["zh"]["hans"], term["id"])
    replaced: list[str] = []
    shared: list[tuple[str, str, str]] = []
    for term_id, hans in new:
        if term_id in ids:
            replaced.append(term_id)
        elif hans in by_form:
            shared.append((term_id, by_form[hans], hans))
    return Overlap(replaced, shared)


def _listed(items: list[str]) -> str:
    shown = ", ".join(items[:_SHOWN])
    return shown + (f" and {len(items) - _SHOWN} more" if len(items) > _SHOWN else "")


def overlap_message(name: str, found: Overlap, base: str = "bundled") -> str:
    """One message on what ``name`` replaces in (or adds beside) the ``base`` glossary, with how to merge instead."""
    lines = []
    if found.replaced:
        lines.append(
            f"{name}: {len(found.replaced)} concept(s) replace {base} ones with the same id, whole "
            f"(their renderings, abbreviations and sources are not merged): {_listed(found.replaced)}"
        )
    if found.shared:
        pairs = [f"{new} ({hans}, also {existing})" for new, existing, hans in found.shared]
        lines.append(f"{name}: {len(found.shared)} concept(s) have the Chinese form of a {base} one under another id, so lookups show both: {_listed(pairs)}")
    lines.append("  to add to a bundled concept instead, give your entry its id and copy its fields in (docs/cli.md, 'Your own terms and the bundled ones')")
    return "\n".join(lines)


class Watched(ConceptStream):
    """An import's concept stream that notes each concept's id and simplified form as it passes."""

    def __init__(self, stream: ConceptStream) -> None:
        self.stream = stream
        self.count = stream.count
        self.seen: list[tuple[str, str]] = []

    def concepts(self) -> Iterator[Concept]:
        for concept in self.stream.concepts():
            self.seen.append((concept.id, concept.zh.hans))
            yield concept

    def expected_sources(self) -> dict[str, SourceDocument]:
        return self.stream.expected_sources()

    def finish(self) -> dict[str, SourceDocument]:
        return self.stream.finish()

    def overlap_with(self, terms: Iterable[dict[str, Any]]) -> Overlap:
        """What the concepts read so far do to a glossary's compiled ``terms`` (the bundled ones, say)."""
        return overlap(terms, self.seen)
