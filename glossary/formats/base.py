"""The interface every format module implements."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar, Literal

if TYPE_CHECKING:
    from collections.abc import Iterator

    from glossary.analysis.glossary import Glossary
    from glossary.core.model import Concept, GlossaryDocument, SourceDocument

__all__ = ["ConceptStream", "DocumentStream", "ExportOptions", "Format"]


@dataclass(frozen=True)
class ExportOptions:
    """What an export should contain; each format uses the options that apply to it."""

    #: zh-en: Chinese source terms, English targets; en-zh the reverse.
    direction: Literal["zh-en", "en-zh"] = "zh-en"
    #: Which Chinese script bilingual two-column formats use.
    script: Literal["hans", "hant"] = "hans"
    #: The language of labels in formats meant for reading (html): en or zh.
    lang: Literal["en", "zh"] = "en"


class Format:
    """A file format: a name, file extensions, and dump/load of whole glossaries."""

    name: ClassVar[str]
    extensions: ClassVar[tuple[str, ...]]
    description: ClassVar[str]
    can_read: ClassVar[bool] = True
    can_write: ClassVar[bool] = True
    #: True for formats that write a folder of files (a site): ``-o`` then names a folder;
    #: :meth:`dump` gives the same site as one file, for stdout or ``-o page.html``.
    writes_folder: ClassVar[bool] = False

    def dump(self, glossary: Glossary, options: ExportOptions) -> bytes:
        """The whole glossary in this format."""
        raise NotImplementedError

    def dump_folder(self, glossary: Glossary, options: ExportOptions) -> dict[str, bytes]:
        """For formats that write a folder: each file's path inside the folder, and its bytes."""
        raise NotImplementedError

    def load(self, data: bytes, path: str) -> GlossaryDocument:
        """Parse a file's bytes; raise FormatError naming ``path`` and the line."""
        raise NotImplementedError

    def open_import(self, data: bytes, path: str) -> ConceptStream:
        """The file's concepts one at a time (see :class:`ConceptStream`); formats read as tables stream them."""
        return DocumentStream(self.load(data, path))


class ConceptStream:
    """An import read concept by concept: ``count`` concepts from :meth:`concepts`, then :meth:`finish`.

    :meth:`concepts` yields validated :class:`~glossary.core.model.Concept` objects;
    :meth:`finish` returns the source documents, or raises DataError listing every
    problem (so a writer writes to a temporary file and keeps it only then).
    :meth:`expected_sources` are the documents citations may point to, known before
    the first concept.
    """

    count: int

    def concepts(self) -> Iterator[Concept]:
        raise NotImplementedError

    def expected_sources(self) -> dict[str, SourceDocument]:
        raise NotImplementedError

    def finish(self) -> dict[str, SourceDocument]:
        raise NotImplementedError


class DocumentStream(ConceptStream):
    """A document read whole (TBX, JSON), handed out concept by concept."""

    def __init__(self, document: GlossaryDocument) -> None:
        self.document = document
        self.count = len(document.terms)

    def concepts(self) -> Iterator[Concept]:
        return iter(self.document.terms)

    def expected_sources(self) -> dict[str, SourceDocument]:
        return dict(self.document.sources)

    def finish(self) -> dict[str, SourceDocument]:
        return dict(self.document.sources)
