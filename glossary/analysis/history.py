"""The history of a term: its succession chain and the dated list of its English renderings.

``Glossary.history(query)`` and ``glossary history QUERY`` answer two questions a
translator asks of an old document:

- what was this concept called before, and what replaced it? The succession chain
  follows ``successor-of`` relations in both directions, transitively (军民结合 →
  军民融合 → 一体化国家战略体系), and stops at cycles, which bad data can contain;
- how was it rendered in English, and when? Renderings with a date come first, oldest
  first; undated ones follow in the order the term file gives them.

Kept light (no typing, re or json at import) like the rest of the lookup path.
"""

from __future__ import annotations

from glossary.errors import AmbiguousTermError, TermNotFoundError

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    from glossary.core.entry import Relation, Rendering, Term
    from glossary.core.index import TermIndex

__all__ = ["History", "Link", "resolve", "term_history"]


class Link:
    """One step of a succession: ``later`` is the successor of ``earlier`` (a ``successor-of`` relation)."""

    __slots__ = ("earlier", "later", "relation")

    def __init__(self, earlier: Term, later: Term, relation: Relation) -> None:
        self.earlier = earlier
        self.later = later
        self.relation = relation

    def __repr__(self) -> str:
        return f"Link({self.earlier.id!r} -> {self.later.id!r})"

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"earlier": self.earlier.id, "later": self.later.id}
        if self.relation.date:
            out["date"] = self.relation.date
        if self.relation.note:
            out["note"] = self.relation.note
        out["sources"] = [citation.to_dict() for citation in self.relation.sources]
        return out


class History:
    """What :meth:`Glossary.history <glossary.Glossary.history>` returns."""

    __slots__ = ("term", "chain", "links", "renderings")

    def __init__(self, term: Term, chain: tuple[Term, ...], links: tuple[Link, ...], renderings: tuple[Rendering, ...]) -> None:
        #: The term asked about.
        self.term = term
        #: Every term connected to it by successor-of relations, predecessors before
        #: successors (oldest first), the term itself included; just the term when it has none.
        self.chain = chain
        #: The successor-of relations between the terms of the chain.
        self.links = links
        #: The term's English renderings: dated ones by date, then undated ones in file order.
        self.renderings = renderings

    def __repr__(self) -> str:
        return f"History({self.term.id!r}, chain={[term.id for term in self.chain]!r})"

    @property
    def is_linear(self) -> bool:
        """True when the chain is a single line (no term has two predecessors or two successors)."""
        pairs = {(link.earlier.id, link.later.id) for link in self.links}
        expected = {(a.id, b.id) for a, b in zip(self.chain, self.chain[1:])}
        return pairs == expected

    def to_dict(self) -> dict[str, Any]:
        """The history as plain data (what ``glossary history --json`` prints, less the sources registry)."""

        def summary(term: Term) -> dict[str, Any]:
            out: dict[str, Any] = {"id": term.id, "hans": term.zh.hans, "hant": term.zh.hant, "pinyin": term.zh.pinyin, "en": term.preferred}
            if term.first_use is not None:
                out["first_use"] = term.first_use.date
            return out

        return {
            "id": self.term.id,
            "succession": [summary(term) for term in self.chain],
            "links": [link.to_dict() for link in self.links],
            "renderings": [rendering.to_dict() for rendering in self.renderings],
        }


def resolve(glossary: TermIndex, term_id_or_query: str) -> Term:
    """The one term an id or a query names.

    An id wins; otherwise the best lookup match. TermNotFoundError when nothing
    matches, AmbiguousTermError when several concepts match equally well.
    """
    term = glossary.get(term_id_or_query, None)
    if term is not None:
        return term
    matches = glossary.lookup(term_id_or_query)
    if not matches:
        raise TermNotFoundError(term_id_or_query)
    best = [match for match in matches if match.score == matches[0].score]
    if len(best) > 1:
        raise AmbiguousTermError(term_id_or_query, tuple(match.term.id for match in best))
    return best[0].term


def _succession(glossary: TermIndex, term: Term) -> tuple[tuple[Term, ...], tuple[Link, ...]]:
    # successor-of edges of the whole glossary, both ways: later -> earlier and earlier -> later
    earlier_of: dict[str, list[tuple[str, Relation]]] = {}
    later_of: dict[str, list[tuple[str, Relation]]] = {}
    for other in glossary:
        for relation in other.relations:
            if relation.type == "successor-of" and relation.target in glossary and relation.target != other.id:
                earlier_of.setdefault(other.id, []).append((relation.target, relation))
                later_of.setdefault(relation.target, []).append((other.id, relation))
    # the connected component, breadth first; `seen` is what stops cycles
    seen = [term.id]
    queue = [term.id]
    while queue:
        current = queue.pop(0)
        for neighbour, _ in earlier_of.get(current, []) + later_of.get(current, []):
            if neighbour not in seen:
                seen.append(neighbour)
                queue.append(neighbour)
    members = set(seen)
    links = []
    for later_id in seen:
        for earlier_id, relation in earlier_of.get(later_id, []):
            if earlier_id in members:
                links.append(Link(glossary.get(earlier_id), glossary.get(later_id), relation))
    # oldest first: Kahn's topological order, ties broken by first use, then id
    def age(term_id: str) -> tuple[str, str]:
        first_use = glossary.get(term_id).first_use
        return (first_use.date if first_use is not None else "9999", term_id)

    waiting = {member: 0 for member in members}
    for link in links:
        waiting[link.later.id] += 1
    ready = sorted((member for member, count in waiting.items() if count == 0), key=age)
    order: list[str] = []
    while ready:
        current = ready.pop(0)
        order.append(current)
        for link in links:
            if link.earlier.id == current:
                waiting[link.later.id] -= 1
                if waiting[link.later.id] == 0:
                    ready.append(link.later.id)
                    ready.sort(key=age)
    # terms on a cycle never become ready: they follow, by first use
    order += sorted((member for member in members if member not in order), key=age)
    links.sort(key=lambda link: (order.index(link.earlier.id), order.index(link.later.id)))
    return tuple(glossary.get(member) for member in order), tuple(links)


def dated_renderings(term: Term) -> tuple[Rendering, ...]:
    """Renderings with a date, oldest first, then the undated ones in file order."""
    dated = sorted((rendering for rendering in term.en if rendering.date), key=lambda rendering: rendering.date or "")
    return tuple(dated) + tuple(rendering for rendering in term.en if not rendering.date)


def term_history(glossary: TermIndex, term_id_or_query: str) -> History:
    term = resolve(glossary, term_id_or_query)
    chain, links = _succession(glossary, term)
    return History(term, chain, links, dated_renderings(term))
