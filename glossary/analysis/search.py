"""Ranked search beyond exact lookups: prefix (autocomplete), substring and fuzzy (typos).

Built lazily, once per glossary, from the lookup index's keys: per key family a
sorted list (prefix search by bisection), the keys joined into one string
(substring search with ``str.find``, which runs at C speed), and the list itself as
rapidfuzz choices. Fuzzy scoring is rapidfuzz's plain ``ratio`` over normalised
keys: the measured choice (about 10-20 ms a query over 120,000 keys), where
``WRatio`` is 30 times slower and ranks a bare substring of a Chinese term above
the term itself.

Chinese abbreviations are made by keeping some characters of a name in order
(中央军民融合发展委员会 → 军民融合委, “十四五”规划和2035年远景目标建议 → 十四五规划建议),
so a Chinese query whose characters all occur, in order, in a longer Chinese key
matches it as ``abbreviated``.

Scores: exact matches keep their lookup score (75-100); a prefix scores 60-90, a
substring 50-80, an abbreviated form 45-75 and a fuzzy match 0.85 x its similarity
(0.75 x for a Chinese key), so an exact match always outranks a near miss.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right

TYPE_CHECKING = False
if TYPE_CHECKING:
    from glossary.core.index import Match, TermIndex

__all__ = ["HOW", "SearchIndex"]

#: How a search result matched, best first.
HOW = ("exact", "prefix", "substring", "abbreviated", "fuzzy")

_SEARCHED_FAMILIES = ("zh", "en", "abbr", "pinyin")
_SEPARATOR = "\x00"
# a prefix or substring that hits more keys than this is too unspecific to rank them all
_SPAN_LIMIT = 200
_FUZZY_WEIGHT = 0.85
# In Chinese a changed character makes another word more often than a typo does (中央科委 is
# 中央科技委员会 abbreviated, not a slip for 中央军委), so a Chinese near miss weighs less:
# 75% similar (one character of four) scores 56, below an abbreviation keeping those characters.
_FUZZY_WEIGHT_HAN = 0.75
# families with more keys than this score fuzzy Latin queries only against keys with the same first letter
_BLOCK_ABOVE = 20_000
# an abbreviation key longer than this is not looked for by similarity
_LONGEST_ABBREVIATION = 12


class _Family:
    """The keys of one family, arranged for prefix, substring and fuzzy search."""

    __slots__ = ("keys", "joined", "starts", "by_char")

    def __init__(self, keys: list[str]) -> None:
        self.keys = sorted(keys)
        self.joined = _SEPARATOR.join(self.keys)
        starts = []
        offset = 0
        for key in self.keys:
            starts.append(offset)
            offset += len(key) + 1
        self.starts = starts
        #: character -> positions of the keys holding it, built on the first Chinese fuzzy query
        self.by_char: dict[str, list[int]] | None = None

    def with_prefix(self, prefix: str) -> list[str]:
        first = bisect_left(self.keys, prefix)
        last = bisect_right(self.keys, prefix + "\U0010ffff", first)
        return self.keys[first : min(last, first + _SPAN_LIMIT)]

    def fuzzy_choices(self, key: str) -> list[str]:
        """The keys a fuzzy match of ``key`` is scored against.

        All of them in a family of up to 20,000 keys. In a larger one, for a Chinese
        query, the keys sharing a character with it: a key that shares none cannot
        reach the similarity cut-off, so nothing is lost. For a Latin query (English,
        pinyin), whose alphabet every key shares, the keys that start with its first
        letter: a typo in the first letter is then left to the prefix and substring
        matches. Either keeps a fuzzy query within milliseconds on 120,000 terms.
        """
        if len(self.keys) <= _BLOCK_ABOVE or not key:
            return self.keys
        if key[0].isascii():
            first = bisect_left(self.keys, key[0])
            last = bisect_left(self.keys, chr(ord(key[0]) + 1), first)
            return self.keys[first:last]
        by_char = self.keys_by_char()
        positions: set[int] = set()
        for char in set(key):
            positions.update(by_char.get(char, ()))
        if len(positions) * 2 > len(self.keys):
            return self.keys
        return [self.keys[position] for position in sorted(positions)]

    def keys_by_char(self) -> dict[str, list[int]]:
        """Character -> positions of the keys holding it (built on first use)."""
        if self.by_char is None:
            by_char: dict[str, list[int]] = {}
            for position, text in enumerate(self.keys):
                for char in set(text):
                    by_char.setdefault(char, []).append(position)
            self.by_char = by_char
        return self.by_char

    def abbreviated_by(self, key: str) -> list[str]:
        """The longer keys holding every character of ``key`` in the same order (not as one stretch)."""
        by_char = self.keys_by_char()
        postings = sorted((by_char.get(char, []) for char in set(key)), key=len)
        if not postings or not postings[0]:
            return []
        positions = set(postings[0]).intersection(*postings[1:])
        found = []
        for position in sorted(positions):
            text = self.keys[position]
            remaining = iter(text)
            if len(text) > len(key) and key not in text and all(char in remaining for char in key):
                found.append(text)
                if len(found) >= _SPAN_LIMIT:
                    break
        return found

    def containing(self, part: str) -> list[str]:
        found: list[str] = []
        position = self.joined.find(part)
        while position != -1 and len(found) < _SPAN_LIMIT:
            index = bisect_right(self.starts, position) - 1
            found.append(self.keys[index])
            # continue after this key: one hit per key is enough
            position = self.joined.find(part, self.starts[index] + len(self.keys[index]) + 1)
        return found


class SearchIndex:
    """Prefix, substring and fuzzy search over a glossary's keys."""

    def __init__(self, glossary: TermIndex) -> None:
        self._glossary = glossary
        self._families = {name: _Family(list(glossary.postings(name))) for name in _SEARCHED_FAMILIES}

    def search(self, query: str, limit: int = 10) -> list[Match]:
        """Ranked matches for ``query``: exact, then prefix, substring and fuzzy; one per concept."""
        from rapidfuzz import fuzz, process

        from glossary.core.index import KIND_SCORES, Match
        from glossary.core.normalize import detect

        glossary = self._glossary
        data = glossary.compiled_terms
        best: dict[str, Match] = {}

        def identity(match: Match) -> str:
            # the term id without building the Term: search offers hundreds of candidates
            return data[match[7]]["id"] if match[0] is None else match.term.id

        def offer(match: Match) -> None:
            term_id = identity(match)
            current = best.get(term_id)
            if current is None or match.score > current.score:
                best[term_id] = match

        for match in glossary.lookup(query):
            offer(match)
        multiword_english = " " in query.strip() and "pinyin" not in detect(query)
        for family, key in glossary.query_keys(query):
            if family not in self._families or not key:
                continue
            arranged = self._families[family]
            postings = glossary.postings(family)

            def add(found: str, how: str, score: float) -> None:
                for position, kind, surface in postings.get(found, ()):
                    # a near miss on an accepted form beats one on an erroneous or deprecated form
                    weighted = score * (0.9 + 0.1 * KIND_SCORES.get(kind, 50) / 100)
                    offer(Match._at(glossary, position, surface, kind, found, round(weighted, 1), how))

            for found in arranged.with_prefix(key):
                if found != key:
                    add(found, "prefix", 60 + 30 * len(key) / len(found))
            if len(key) >= 2:
                for found in arranged.containing(key):
                    if found != key and not found.startswith(key):
                        add(found, "substring", 50 + 30 * len(key) / len(found))
            if family == "zh" and len(key) >= 2 and not key.isascii():
                for found in arranged.abbreviated_by(key):
                    add(found, "abbreviated", 45 + 30 * len(key) / len(found))
            if (family == "abbr" and len(key) > _LONGEST_ABBREVIATION) or (family == "pinyin" and multiword_english):
                continue  # no abbreviation is that long; words that are not pinyin are no pinyin typo
            for found, similarity, _ in process.extract(
                key, arranged.fuzzy_choices(key), scorer=fuzz.ratio, processor=None, score_cutoff=60, limit=limit * 3
            ):
                if found != key:
                    add(found, "fuzzy", similarity * (_FUZZY_WEIGHT if key.isascii() else _FUZZY_WEIGHT_HAN))
        ranked = sorted(best.values(), key=lambda match: (-match.score, HOW.index(match.how), identity(match)))
        return ranked[:limit] if limit > 0 else ranked
