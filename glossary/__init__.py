"""glossary: the canonical Chinese-English terminology of China's techno-security policy.

>>> import glossary
>>> g = glossary.load()
>>> g.lookup("軍民融合")[0].term.id
'military-civil-fusion'

Importing this package is cheap: it loads no term data and imports neither
pydantic nor pypinyin, OpenCC or babel. :func:`load` reads the compiled bundled
terms; heavy libraries are imported only to build, validate or convert data.
"""

from __future__ import annotations

from glossary.analysis.glossary import Glossary
from glossary.core.entry import Term
from glossary.core.index import Match
from glossary.errors import (
    AmbiguousTermError,
    DataError,
    FormatError,
    GlossaryError,
    GlossaryWarning,
    InputError,
    OutputError,
    PinyinError,
    TermNotFoundError,
    UnknownFormatError,
)
from glossary.loading.loader import load

__all__ = [
    "AmbiguousTermError",
    "DataError",
    "FormatError",
    "Glossary",
    "GlossaryError",
    "GlossaryWarning",
    "InputError",
    "Match",
    "OutputError",
    "PinyinError",
    "Term",
    "TermNotFoundError",
    "UnknownFormatError",
    "__version__",
    "load",
    "lookup",
]


def __getattr__(name: str) -> str:
    # the version is read on first use: a lookup never needs it, and its module is one more file to import
    if name == "__version__":
        from glossary._version import __version__

        return __version__
    raise AttributeError(f"module 'glossary' has no attribute {name!r}")


def lookup(query: str) -> list[Match]:
    """Look a query up in the bundled glossary: ``glossary.load().lookup(query)``."""
    return load().lookup(query)
