"""Facts about the compiled form that the index, the store and the compiler all read.

Kept apart from :mod:`glossary.core.index` so that the store (which the index reads
from) and the compiler (which writes what the index reads) need not import the index;
the index imports this module only where it needs it (``related``, ``compiled``),
which keeps it off the path of a lookup.
"""

from __future__ import annotations

__all__ = ["COMPILER_VERSION", "INVERSE_RELATIONS"]

#: Version of the compiled form (keys and derived fields); bump when they change, so
#: that compiled data built by an older version is rebuilt.
COMPILER_VERSION = 4

#: The label a relation has when read from its target's side.
INVERSE_RELATIONS = {
    "successor-of": "predecessor-of",
    "part-of": "has-part",
    "variant-of": "has-variant",
    "broader": "narrower",
    "see-also": "see-also",
}
