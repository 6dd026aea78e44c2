"""Safe XML parsing for imports (no DTD entities, no external references, line numbers kept); the one escaper.

defusedxml's parser refuses entity declarations (so no "billion laughs" or quadratic
blow-up) and external entities or DTDs (so no file or network reads). A DOCTYPE line
without entities is allowed: TBX 2 files often carry one. Each element records the
line it starts on, so importers can report ``file:line: message``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from glossary.errors import FormatError

if TYPE_CHECKING:
    from xml.etree.ElementTree import Element

__all__ = ["LINE", "escape", "line_of", "local_name", "parse", "text_of"]

#: The attribute (in a namespace no document uses) holding an element's line number.
LINE = "{urn:x-glossary-import}line"


class _LineTarget:
    """A TreeBuilder that stamps each element with the line the parser is on."""

    def __init__(self) -> None:
        from xml.etree.ElementTree import TreeBuilder

        self._builder = TreeBuilder()
        self.expat: Any = None

    def start(self, tag: str, attrs: dict[str, str]) -> Element:
        attrs = dict(attrs)
        attrs[LINE] = str(self.expat.CurrentLineNumber if self.expat is not None else 0)
        return self._builder.start(tag, attrs)

    def end(self, tag: str) -> Element:
        return self._builder.end(tag)

    def data(self, data: str) -> None:
        self._builder.data(data)

    def close(self) -> Element:
        return self._builder.close()


def parse(text: str, path: str) -> Element:
    """The root element of an XML document given as text; FormatError for bad or unsafe XML."""
    from xml.etree.ElementTree import ParseError

    from defusedxml import DTDForbidden, EntitiesForbidden, ExternalReferenceForbidden  # type: ignore[import-untyped]
    from defusedxml.ElementTree import DefusedXMLParser  # type: ignore[import-untyped]

    target = _LineTarget()
    parser = DefusedXMLParser(target=target, forbid_dtd=False, forbid_entities=True, forbid_external=True)
    target.expat = parser.parser

    def line() -> int:
        return int(parser.parser.CurrentLineNumber)

    try:
        parser.feed(text)
        root: Element = parser.close()
    except ParseError as error:
        message = str(error).split(": line ")[0]
        raise FormatError(path, f"not well-formed XML: {message}", line=error.position[0]) from None
    except EntitiesForbidden as error:
        raise FormatError(path, f"declares the entity {error.name!r}: entity declarations are refused (they can expand without bound)", line=line()) from None
    except (ExternalReferenceForbidden, DTDForbidden):
        raise FormatError(path, "refers to an external entity or DTD, which is never loaded", line=line()) from None
    return root


def local_name(element: Element) -> str:
    tag = element.tag
    return tag.rpartition("}")[2] if isinstance(tag, str) else ""


def line_of(element: Element) -> int:
    return int(element.get(LINE, "0"))


def text_of(element: Element) -> str:
    """All the text inside an element (inline markup such as ``<hi>`` flattened)."""
    return "".join(element.itertext())


def escape(text: str, *, attribute: bool = False) -> str:
    """``text`` for XML or HTML element content, or (``attribute=True``) a double- or single-quoted attribute value.

    The package's one escaper, for the few places that write markup as text; the
    TBX writer builds elements and lets ElementTree escape.
    """
    import html

    return html.escape(text, quote=attribute)
