"""The public :class:`Glossary`: the core index plus search, scanning, checking and history.

:class:`~glossary.core.index.TermIndex` holds the terms and answers exact lookups;
this subclass adds the methods that need the analysis modules, each imported on first
use so that loading and looking up cost no more than the index itself.
"""

from __future__ import annotations

from glossary.core.index import TermIndex
from glossary.errors import TermNotFoundError

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    from glossary.analysis.check import Finding
    from glossary.analysis.history import History
    from glossary.analysis.hits import Hit
    from glossary.analysis.scanner import Scanner
    from glossary.core.entry import Term
    from glossary.core.index import Match

__all__ = ["Glossary"]


class Glossary(TermIndex):
    """A set of concepts with their lookup index.

    Build one with :func:`glossary.load`; iterate it for its terms (sorted by id),
    ``len()`` it, ``get()`` a term by id and ``lookup()`` any surface form.
    """

    def _clear_caches(self) -> None:
        super()._clear_caches()
        self._search_index: Any = None

    def history(self, term_id_or_query: str) -> History:
        """The succession chain (successor-of both ways) and the dated renderings of a term; see :mod:`glossary.analysis.history`."""
        from glossary.analysis.history import term_history

        return term_history(self, term_id_or_query)

    # --- search ---------------------------------------------------------------

    def search(self, text: str, limit: int = 10) -> list[Match]:
        """Ranked candidates for ``text``: exact matches, then prefix (autocomplete), substring
        and fuzzy matches (typos), one per concept, best first; ``match.how`` says which.

        Builds its index on first use (imports rapidfuzz); ``limit <= 0`` returns all.
        """
        if not isinstance(text, str):
            raise TypeError(f"search() takes a str, not {type(text).__name__}")
        if not text.strip():
            return []
        if self._search_index is None:
            from glossary.analysis.search import SearchIndex

            self._search_index = SearchIndex(self)
        result: list[Match] = self._search_index.search(text, limit)
        return result

    def suggest(self, text: str, limit: int = 5) -> list[Match]:
        """"Did you mean" candidates for a query that found nothing exactly."""
        return [match for match in self.search(text, limit) if match.how != "exact"]

    def lookup_one(self, query: str) -> Term:
        """The single best concept for a query; TermNotFoundError when none matches.

        When several concepts tie for the best score, the first by id is returned;
        use :meth:`lookup` to see them all.
        """
        found = self.lookup(query)
        if not found:
            suggestions = tuple(dict.fromkeys(match.term.id for match in self.suggest(query)))
            raise TermNotFoundError(query, suggestions)
        return found[0].term

    # --- running text ---------------------------------------------------------

    def __getstate__(self) -> dict[str, Any]:
        # the search index is rebuilt on demand: leave it out of pickles
        return {**super().__getstate__(), "_search_index": None}

    def scanner(self) -> Scanner:
        """The term scanner of this glossary: built on first use, then kept; picklable."""
        scanner: Scanner | None = self.__dict__.get("_scanner")
        if scanner is None:
            from glossary.analysis.scanner import Scanner

            scanner = self._scanner = Scanner(self)
        return scanner

    def scan(self, text: str) -> list[Hit]:
        """Every occurrence of a term in running text, leftmost-longest, with offsets into ``text``.

        See :mod:`glossary.analysis.scanner` for what matches (Chinese forms in any script,
        full-width, English renderings and abbreviations at word boundaries).
        """
        return self.scanner().scan(text)

    def check(self, source: str, target: str, *, direction: str | None = None) -> list[Finding]:
        """Term problems of a translation: concepts of ``source`` that ``target`` renders wrongly or not at all.

        ``direction`` is ``"zh-en"`` or ``"en-zh"``; by default Chinese source text
        (any Han character) means zh-en. See :mod:`glossary.analysis.check`.
        """
        from glossary.analysis.check import check

        return check(self.scanner(), source, target, direction=direction)
