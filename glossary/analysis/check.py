"""Term checks of translations: :func:`check` compares a source text with its translation.

For every concept the scanner finds in the source, the target must use one of the
concept's accepted forms in the target language:

- Chinese source → English target (``zh-en``): an ``official``, ``source`` or
  ``alternative`` rendering, or an accepted abbreviation (``MCF``). A ``literal``
  rendering is a word-for-word gloss, not an approved rendering: a target that uses
  only the literal gloss gets a ``literal`` finding rather than a ``missing`` one.
- English source → Chinese target (``en-zh``): the simplified or traditional form,
  a variant (short or full form, script form), a Chinese abbreviation, or the
  accepted English abbreviation kept as it is.

Findings:

- ``missing`` — the target has none of the accepted forms;
- ``literal`` — it has the concept only as its literal gloss;
- ``deprecated`` — it uses a ``deprecated`` rendering, an ``erroneous`` abbreviation
  or a misspelt Chinese variant of a concept of the source (reported even when an
  accepted form is there too). Deprecated renderings of concepts the source does not
  hold are not reported: the words may mean something else there.

When one form names several concepts, the target may use the forms of any of them.
Each finding names the concept, its first span in the source (offsets into the
source string), how often the source has it, the target span of a wrong form, and
the expected forms.
"""

from __future__ import annotations

from glossary.core.normalize import has_han

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    from glossary.core.entry import Term
    from glossary.analysis.hits import Hit
    from glossary.analysis.scanner import Scanner

__all__ = ["DIRECTIONS", "PROBLEMS", "Finding", "check", "expected_forms"]

DIRECTIONS = ("zh-en", "en-zh")
PROBLEMS = ("missing", "literal", "deprecated")

#: Kinds of scanner hits that count as the concept rendered well, per target language.
_ACCEPTED = {
    "en": {"en-official", "en-source", "en-alternative", "abbreviation"},
    "zh": {"hans", "hant", "variant", "script", "abbreviation"},
}
_WRONG = {"en-deprecated", "abbreviation-erroneous", "misspelling"}


class Finding:
    """One term problem of a translation."""

    __slots__ = ("term", "problem", "direction", "source_span", "source_text", "count", "target_span", "target_text", "expected")
    term: Term
    #: missing | literal | deprecated
    problem: str
    #: zh-en | en-zh
    direction: str
    #: (start, end) of the concept's first occurrence in the source
    source_span: tuple[int, int]
    #: the source text there
    source_text: str
    #: how many times the source has the concept
    count: int
    #: (start, end) of the wrong form in the target (literal, deprecated), else None
    target_span: tuple[int, int] | None
    target_text: str | None
    #: the forms the target should use, best first
    expected: tuple[str, ...]

    def __init__(
        self,
        term: Term,
        problem: str,
        direction: str,
        source_span: tuple[int, int],
        source_text: str,
        count: int,
        expected: tuple[str, ...],
        target_span: tuple[int, int] | None = None,
        target_text: str | None = None,
    ) -> None:
        self.term = term
        self.problem = problem
        self.direction = direction
        self.source_span = source_span
        self.source_text = source_text
        self.count = count
        self.expected = expected
        self.target_span = target_span
        self.target_text = target_text

    def __repr__(self) -> str:
        return f"Finding({self.term.id!r}, {self.problem!r}, source_span={self.source_span})"

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Finding):
            return NotImplemented
        return self.to_dict() == other.to_dict()

    __hash__ = None  # type: ignore[assignment]

    @property
    def message(self) -> str:
        """One line for people: what is wrong and what to write instead."""
        expected = " | ".join(self.expected)
        if self.problem == "missing":
            return f"{self.source_text} is not rendered; expected {expected}"
        if self.problem == "literal":
            return f"{self.source_text} is rendered by its literal gloss {self.target_text!r}; expected {expected}"
        return f"{self.target_text!r} is a deprecated form of {self.source_text}; expected {expected}"

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "id": self.term.id,
            "problem": self.problem,
            "direction": self.direction,
            "source": {"start": self.source_span[0], "end": self.source_span[1], "text": self.source_text, "count": self.count},
            "expected": list(self.expected),
            "message": self.message,
        }
        if self.target_span is not None:
            out["target"] = {"start": self.target_span[0], "end": self.target_span[1], "text": self.target_text}
        return out


def expected_forms(term: Term, lang: str) -> tuple[str, ...]:
    """The forms a translation into ``lang`` (``en`` or ``zh``) should use, best first."""
    if lang == "en":
        forms = [rendering.text for kind in ("official", "source", "alternative") for rendering in term.renderings(kind)]
        forms += [a.text for a in term.abbreviations if a.status == "accepted" and not a.lang.startswith("zh")]
    else:
        forms = [term.zh.hans, term.zh.hant]
        forms += [variant.text for variant in term.zh.variants if variant.kind in ("short-form", "full-form")]
        forms += [a.text for a in term.abbreviations if a.status == "accepted" and a.lang.startswith("zh")]
    return tuple(dict.fromkeys(forms))


def _accepts(hit: Hit, lang: str) -> bool:
    if hit.kind not in _ACCEPTED[lang]:
        return False
    # a Chinese abbreviation does not render a concept in English, nor an English rendering in Chinese
    return hit.lang == lang or (hit.kind == "abbreviation" and hit.lang == "en")


def check(scanner: Scanner, source: str, target: str, *, direction: str | None = None) -> list[Finding]:
    """The term findings of one translated segment, in source order (``Glossary.check`` passes its scanner)."""
    if direction is None:
        direction = "zh-en" if has_han(source) else "en-zh"
    if direction not in DIRECTIONS:
        raise ValueError(f"unknown direction {direction!r}: use zh-en or en-zh")
    target_lang = direction[-2:]
    # concept id -> (first hit, count): every concept the source names
    in_source: dict[str, tuple[Hit, int]] = {}
    for hit in scanner.scan(source):
        first, count = in_source.get(hit.term.id, (hit, 0))
        in_source[hit.term.id] = (first, count + 1)
    if not in_source:
        return []
    target_hits = scanner.scan(target)
    findings: list[Finding] = []
    for first, count in in_source.values():
        ids = {term.id for term in first.terms}
        mine = [hit for hit in target_hits if ids.intersection(term.id for term in hit.terms)]
        expected = expected_forms(first.term, target_lang)
        span = (first.start, first.end)

        def finding(problem: str, wrong: Hit | None = None) -> Finding:
            return Finding(
                first.term,
                problem,
                direction,
                span,
                first.surface,
                count,
                expected,
                (wrong.start, wrong.end) if wrong is not None else None,
                wrong.surface if wrong is not None else None,
            )

        wrong = [hit for hit in mine if hit.kind in _WRONG]
        if wrong:
            findings.append(finding("deprecated", wrong[0]))
        if not any(_accepts(hit, target_lang) for hit in mine):
            literal = [hit for hit in mine if hit.kind == "en-literal" and target_lang == "en"]
            if literal:
                findings.append(finding("literal", literal[0]))
            elif not wrong:
                findings.append(finding("missing"))
    findings.sort(key=lambda finding: (finding.source_span, PROBLEMS.index(finding.problem)))
    return findings
