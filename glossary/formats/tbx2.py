"""TBX 2 (``martif``, ISO 30042:2008): what OmegaT, translate-toolkit and Weblate read.

The same layout as :mod:`glossary.formats.tbx` with TBX 2 element names
(``termEntry`` / ``langSet`` / ``tig``), but only what a CAT tool should offer: the
Chinese forms (no misspellings), the accepted English renderings and abbreviations
(no deprecated ones: OmegaT pairs every source term with every target term of an
entry), pinyin and kinds as short notes, the definition. No citations. The language
sections come in the order zh-Hans, en, zh-Hant, because older translate-toolkit
versions take the first two as source and target. Reading accepts any TBX 2 file.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from glossary.formats.base import ExportOptions, Format
from glossary.formats.tbx import TBX2, read_tbx, write_tbx

if TYPE_CHECKING:
    from glossary.analysis.glossary import Glossary
    from glossary.core.model import GlossaryDocument

__all__ = ["Tbx2Format"]


class Tbx2Format(Format):
    name = "tbx2"
    extensions = (".tbx",)
    description = "TBX 2 (martif) for OmegaT and translate-toolkit: accepted terms, pinyin and kinds in notes"

    def dump(self, glossary: Glossary, options: ExportOptions) -> bytes:
        return write_tbx([term.to_dict() for term in glossary], {}, TBX2).encode("utf-8")

    def load(self, data: bytes, path: str) -> GlossaryDocument:
        return read_tbx(data, path)
