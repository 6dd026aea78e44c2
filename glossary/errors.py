"""The exceptions the library raises: one base class, each error also a builtin.

Callers catch :class:`GlossaryError` for anything this library reports about bad
input or missing terms; each subclass also derives from the builtin that fits
(``KeyError``, ``ValueError``) so code written against the builtins keeps working.
"""

from __future__ import annotations

__all__ = [
    "GlossaryError",
    "GlossaryWarning",
    "TermNotFoundError",
    "AmbiguousTermError",
    "DataError",
    "FormatError",
    "UnknownFormatError",
    "PinyinError",
    "OutputError",
    "InputError",
    "printable",
    "quoted",
]


def quoted(text: str, limit: int = 80) -> str:
    """``text`` quoted for a message, cut after ``limit`` characters (a 1 MB query is not echoed whole).

    >>> quoted("军民融合")
    "'军民融合'"
    >>> quoted("x" * 100, 5)
    "'xxxxx'… (100 characters)"
    """
    if len(text) <= limit:
        return repr(text)
    return f"{text[:limit]!r}… ({len(text)} characters)"


def printable(text: str) -> str:
    """``text`` safe to show on a terminal: control, format and unpaired surrogate characters escaped.

    A file name may hold terminal escapes (``\\x1b[2J``); messages show it as ``\\x1b[2J``.

    >>> printable("a\\x1b[31mb\\tc.toml")
    'a\\\\x1b[31mb\\\\tc.toml'
    """
    if text.isprintable():
        return text
    return "".join(char if char.isprintable() else char.encode("unicode_escape", "backslashreplace").decode("ascii") for char in text)


class GlossaryError(Exception):
    """Base class of every error this library raises on purpose."""


class GlossaryWarning(UserWarning):
    """Something the user should fix that did not stop the work (stale compiled data, fields left empty)."""


class TermNotFoundError(GlossaryError, KeyError):
    """No concept matches a query or an id.

    ``suggestions`` holds close candidates ("did you mean") when a search found any.
    """

    def __init__(self, query: str, suggestions: tuple[str, ...] = ()) -> None:
        super().__init__(query)
        self.query = query
        self.suggestions = suggestions

    def __str__(self) -> str:  # KeyError would quote the message again
        text = f"no term matches {quoted(self.query)}"
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
        return "\n".join(f"{printable(where)}: {message}" for where, message in self.problems)


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


class _FileError(GlossaryError, OSError):
    """A path that could not be read or written, and why; the message escapes the path for terminals."""

    #: what was attempted: "read" or "write"
    verb = ""

    def __init__(self, path: str, reason: str) -> None:
        super().__init__(f"cannot {self.verb} {path}: {reason}")
        self.path = path
        self.reason = reason

    def __str__(self) -> str:
        return f"cannot {self.verb} {printable(self.path)}: {self.reason}"


class OutputError(_FileError):
    """A file could not be written (missing folder, no permission); nothing was left behind."""

    verb = "write"


class InputError(_FileError):
    """A file or folder cannot be read: missing, no permission, a name too long, not a regular file, too large."""

    verb = "read"
