"""The exceptions the library raises: one base class, each error also a builtin.

Callers catch :class:`GlossaryError` for anything this library reports about bad
input or missing terms; each subclass also derives from the builtin that fits
(``KeyError``, ``ValueError``) so code written against the builtins keeps working.
"""

from __future__ import annotations

__all__ = [
    "GlossaryError",
    "TermNotFoundError",
    "AmbiguousTermError",
    "DataError",
    "FormatError",
    "UnknownFormatError",
    "PinyinError",
    "OutputError",
]


class GlossaryError(Exception):
    """Base class of every error this library raises on purpose."""


class TermNotFoundError(GlossaryError, KeyError):
    """No concept matches a query or an id.

    ``suggestions`` holds close candidates ("did you mean") when a search found any.
    """

    def __init__(self, query: str, suggestions: tuple[str, ...] = ()) -> None:
        super().__init__(query)
        self.query = query
        self.suggestions = suggestions

    def __str__(self) -> str:  # KeyError would quote the message again
        text = f"no term matches {self.query!r}"
        if self.suggestions:
            text += "; did you mean: " + ", ".join(self.suggestions)
        return text


class AmbiguousTermError(GlossaryError, LookupError):
    """A query that must name one concept matches several equally well."""

    def __init__(self, query: str, candidates: tuple[str, ...]) -> None:
        super().__init__(query, candidates)
        self.query = query
        self.candidates = candidates

    def __str__(self) -> str:
        return f"{self.query!r} matches several terms: {', '.join(self.candidates)}"


class DataError(GlossaryError, ValueError):
    """Bad glossary data: a term file, a sources registry or an imported record.

    ``problems`` lists every problem found as ``(location, message)`` pairs, where
    the location names the file and, when known, the line and field
    (``terms/x.toml: en[0].kind``), so one run reports everything at once.
    """

    def __init__(self, problems: list[tuple[str, str]]) -> None:
        self.problems = list(problems)
        super().__init__(self.__str__())

    def __str__(self) -> str:
        return "\n".join(f"{where}: {message}" for where, message in self.problems)


class FormatError(DataError):
    """A file in an exchange format (TSV, CSV, TBX, JSON) that cannot be read."""

    def __init__(self, path: str, message: str, line: int | None = None) -> None:
        self.path = path
        self.line = line
        self.message = message
        where = f"{path}:{line}" if line is not None else path
        super().__init__([(where, message)])


class UnknownFormatError(GlossaryError, ValueError):
    """A format name or file extension that no exporter or importer handles."""


class PinyinError(GlossaryError, ValueError):
    """Text that was expected to be pinyin and is not (for example ``xq3``)."""


class OutputError(GlossaryError, OSError):
    """A file could not be written (missing folder, no permission); nothing was left behind."""

    def __init__(self, path: str, reason: str) -> None:
        super().__init__(f"cannot write {path}: {reason}")
        self.path = path
        self.reason = reason

    def __str__(self) -> str:
        return f"cannot write {self.path}: {self.reason}"
