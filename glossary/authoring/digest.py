"""The checksum that tells whether a terms folder changed since its compiled form was built.

Its own small module: the loader checks it on every start in a source checkout, so it
must import nothing but ``os`` and ``zlib``.
"""

from __future__ import annotations

import os

from glossary.core.constants import COMPILER_VERSION

TYPE_CHECKING = False
if TYPE_CHECKING:
    from pathlib import Path

__all__ = ["digest_for"]


def digest_for(folder: str | Path) -> str:
    """A checksum of a terms folder (file names and bytes) and the compiler version.

    ``glossary/loading/_compiled.py`` records the checksum of the folder it was built from;
    a different one means the folder changed since. CRC-32 (zlib), not a
    cryptographic hash: it only has to notice edits, and it is cheap to import.
    """
    import zlib

    checksum = 0
    for name in sorted(entry for entry in os.listdir(folder) if entry.endswith(".toml")):
        with open(os.path.join(folder, name), "rb") as stream:
            data = stream.read().replace(b"\r\n", b"\n")
        checksum = zlib.crc32(name.encode("utf-8") + b"\0" + data + b"\0", checksum)
    return f"{COMPILER_VERSION}:{checksum:08x}"
