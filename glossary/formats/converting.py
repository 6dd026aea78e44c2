"""Converting an imported file concept by concept: JSON, TBX and terms folders of any size in bounded memory.

``glossary import FILE -o OUT`` reads the file as a :class:`~glossary.formats.base.ConceptStream`
(tables row group by row group, see :class:`~glossary.formats._tabular.TableImport`)
and writes each concept as it is validated: nothing holds the whole glossary as
objects. The output goes to a temporary file (or folder) beside ``OUT``, renamed into
place only when every concept was sound; a problem anywhere leaves nothing behind.

JSON is written with the contract's layout (two-space indentation, each concept as
:class:`~glossary.core.model.Concept` dumps it), its ``sources`` after the ``terms`` (the
documents are known once every row was read). Concepts come in the order of the
file's rows. Other formats (OmegaT, memoQ, CSV, HTML ...) go through the compiled
glossary as exports do.
"""

from __future__ import annotations

import json
from pathlib import Path

# one reader for imports and compiles, kept in the package so that it imports nothing from here
from glossary.formats import dumped, open_import

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Iterator
    from typing import IO, Any

    from glossary.formats.base import ConceptStream
    from glossary.core.progress import Progress

__all__ = ["STREAMED", "convert", "open_import"]

#: Formats written concept by concept.
STREAMED = ("json", "tbx")


def convert(stream: ConceptStream, format_name: str, output: Path, progress: Progress | None = None) -> int:
    """Write the stream's concepts to ``output`` in ``format_name`` (one of :data:`STREAMED`); the number written."""
    written = 0

    def concepts() -> Iterator[dict[str, Any]]:
        nonlocal written
        for concept in (progress.each(stream.concepts()) if progress is not None else stream.concepts()):
            written += 1
            yield dumped(concept)

    from glossary.core.files import replacing

    with replacing(output) as handle:
        if format_name == "json":
            _write_json(handle, concepts(), stream)
        elif format_name == "tbx":
            from glossary.formats.tbx import TBX3, tbx_parts

            expected = {key: value.model_dump(mode="json", exclude_none=True) for key, value in stream.expected_sources().items()}

            def final() -> dict[str, dict[str, Any]]:
                return {key: value.model_dump(mode="json", exclude_none=True) for key, value in stream.finish().items()}

            for part in tbx_parts(concepts(), stream.count, expected, final, _AllIds(), TBX3):
                handle.write(part)
        else:
            raise ValueError(f"{format_name} is not written concept by concept")
    return written


class _AllIds:
    """Relation targets of a streamed import: it is all or nothing, so every target named is written."""

    def __contains__(self, item: object) -> bool:
        return True


def _write_json(handle: IO[str], terms: Iterator[dict[str, Any]], stream: ConceptStream) -> None:
    handle.write('{\n  "format": "glossary",\n  "version": 1,\n  "terms": [')
    first = True
    for term in terms:
        text = json.dumps(term, ensure_ascii=False, indent=2).replace("\n", "\n    ")
        handle.write(("\n    " if first else ",\n    ") + text)
        first = False
    handle.write("\n  ]" if not first else "]")
    sources = {key: value.model_dump(mode="json", exclude_none=True) for key, value in stream.finish().items()}
    handle.write(',\n  "sources": ' + json.dumps(sources, ensure_ascii=False, indent=2).replace("\n", "\n  ") + "\n}\n")

