"""The one SVG writer: the count chart (``glossary count -o chart.svg``) and the HTML page's timeline draw with it.

Not an exchange format: a small builder that writes elements, their text and
attributes escaped by the package's one escaper (:func:`glossary.formats._xml.escape`),
as a standalone ``.svg`` file (:meth:`Drawing.document`) or as an element inside an
(X)HTML page (:meth:`Drawing.inline`). Attribute names are given as Python keywords:
``class_`` is ``class`` and ``text_anchor`` is ``text-anchor``.

>>> drawing = Drawing(100, 20)
>>> drawing.add("text", "R&D <军民融合>", x=4, y=14.25, text_anchor="start")
>>> print(drawing.inline())
<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 20">
<text x="4" y="14.2" text-anchor="start">R&amp;D &lt;军民融合&gt;</text>
</svg>
"""

from __future__ import annotations

import re
from contextlib import contextmanager
from typing import TYPE_CHECKING

from glossary.formats._xml import escape

if TYPE_CHECKING:
    from collections.abc import Iterator

__all__ = ["Drawing"]

NAMESPACE = "http://www.w3.org/2000/svg"
#: what XML 1.0 does not allow in a document, even escaped: C0 controls but tab and line breaks, surrogates, U+FFFE and U+FFFF
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _text(value: object) -> str:
    """Text for the drawing: characters XML cannot hold become U+FFFD (a chart title typed with a control character, say), then escaped."""
    return escape(_NOT_XML.sub("\ufffd", str(value)), attribute=True)


def _value(value: object) -> str:
    """An attribute value: numbers to a tenth of a unit, without a trailing ``.0``."""
    if isinstance(value, float):
        value = round(value, 1)
        return str(int(value)) if value.is_integer() else str(value)
    return _text(value)


def _attributes(attributes: dict[str, object]) -> str:
    return "".join(f' {name.rstrip("_").replace("_", "-")}="{_value(value)}"' for name, value in attributes.items() if value is not None)


class Drawing:
    """An SVG drawing of ``width`` × ``height`` user units, built one element at a time."""

    def __init__(self, width: float, height: float, **attributes: object) -> None:
        self.width, self.height = width, height
        self.attributes = attributes
        self.lines: list[str] = []

    def add(self, tag: str, text: object = None, /, **attributes: object) -> None:
        """One element; ``text`` (escaped) is its content, else it is written empty."""
        if text is None:
            self.lines.append(f"<{tag}{_attributes(attributes)} />")
        else:
            self.lines.append(f"<{tag}{_attributes(attributes)}>{_text(text)}</{tag}>")

    @contextmanager
    def group(self, tag: str, /, **attributes: object) -> Iterator[None]:
        """An element holding the ones added inside the ``with`` block (``g``, ``a``)."""
        start = len(self.lines)
        yield
        inner = "".join(self.lines[start:])
        del self.lines[start:]
        self.lines.append(f"<{tag}{_attributes(attributes)}>{inner}</{tag}>")

    def _svg(self, **size: object) -> str:
        head = _attributes({"viewBox": f"0 0 {_value(self.width)} {_value(self.height)}", **size, **self.attributes})
        return "\n".join([f'<svg xmlns="{NAMESPACE}"{head}>', *self.lines, "</svg>"])

    def inline(self) -> str:
        """The ``<svg>`` element, to stand inside an HTML page (which sizes it, by its CSS)."""
        return self._svg()

    def document(self) -> bytes:
        """A standalone SVG file, UTF-8, of the drawing's size."""
        svg = self._svg(width=self.width, height=self.height)
        return f'<?xml version="1.0" encoding="UTF-8"?>\n{svg}\n'.encode()
