"""Bar charts of term counts per period, as SVG or PNG, with no plotting library.

One series draws plain bars with their values on top (like Figure 1 of the NSI
brief: articles containing a term, per year); several series draw grouped bars
with a legend. :func:`bar_chart` lays the chart out once as shapes; the SVG writer
turns them into elements, the PNG writer rasterises them with a built-in 5×7
bitmap font. That font has ASCII only, so PNG labels use each series' ASCII label
(its English rendering) and the SVG ones its full label (Chinese and English).
"""

from __future__ import annotations

import struct
import zlib
from dataclasses import dataclass
from typing import Any
from xml.sax.saxutils import escape

__all__ = ["FORMATS", "Series", "bar_chart"]

FORMATS = ("svg", "png")
_COLOURS = ("#1f5fa6", "#d9822b", "#3a8f5c", "#b23a48", "#7a5ba6", "#8c7b3e", "#2a9d9d", "#6b6b6b")
_FONT_FAMILY = "'Noto Sans CJK SC', 'Source Han Sans SC', 'PingFang SC', 'Microsoft YaHei', sans-serif"


@dataclass
class Series:
    """One bar series: a label and a value per period."""

    label: str
    #: the label in ASCII for the PNG font (an English rendering, say)
    ascii_label: str
    values: list[int]


# shapes: ("rect", x, y, w, h, colour) | ("line", x1, y1, x2, y2, colour)
#         | ("text", x, y, text, ascii_text, size, anchor, colour)
_Shape = tuple[Any, ...]


def _nice_step(top: int) -> int:
    """A tick step of 1, 2 or 5 × 10^k giving about five ticks up to ``top``."""
    step = 1
    while True:
        for factor in (1, 2, 5):
            if top / (step * factor) <= 5:
                return step * factor
        step *= 10


def _layout(series: list[Series], periods: list[str], title: str, ylabel: str, width: int, height: int) -> list[_Shape]:
    shapes: list[_Shape] = []
    legend_rows = len(series) if len(series) > 1 else 0
    top_margin = 56 + 18 * legend_rows
    left, right, bottom = 64, 24, 56
    plot_w, plot_h = width - left - right, height - top_margin - bottom
    highest = max((value for one in series for value in one.values), default=0)
    step = _nice_step(max(highest, 1))
    axis_top = max(step, -(-highest // step) * step)
    shapes.append(("rect", 0, 0, width, height, "#ffffff"))
    shapes.append(("text", width / 2, 28, title, _ascii(title), 16, "middle", "#222222"))
    for row, one in enumerate(series if legend_rows else ()):
        y: float = 46 + 18 * row
        shapes.append(("rect", left, y, 12, 12, _COLOURS[row % len(_COLOURS)]))
        shapes.append(("text", left + 18, y + 11, one.label, one.ascii_label, 12, "start", "#222222"))
    base = top_margin + plot_h
    for tick in range(0, axis_top + 1, step):
        y = base - plot_h * tick / axis_top
        shapes.append(("line", left, y, left + plot_w, y, "#e3e3e3" if tick else "#444444"))
        shapes.append(("text", left - 8, y + 4, str(tick), str(tick), 11, "end", "#444444"))
    shapes.append(("text", 16, top_margin - 12, ylabel, _ascii(ylabel), 11, "start", "#444444"))
    slot = plot_w / max(len(periods), 1)
    bar = slot * 0.75 / max(len(series), 1)
    for index, period in enumerate(periods):
        x0 = left + slot * index + slot * 0.125
        for number, one in enumerate(series):
            value = one.values[index] if index < len(one.values) else 0
            h = plot_h * value / axis_top
            x = x0 + bar * number
            if value:
                shapes.append(("rect", x, base - h, bar, h, _COLOURS[number % len(_COLOURS)]))
            if len(series) == 1 or bar >= 18:
                shapes.append(("text", x + bar / 2, base - h - 4, str(value), str(value), 11, "middle", "#222222"))
        shapes.append(("text", left + slot * (index + 0.5), base + 18, period, period, 11, "middle", "#444444"))
    return shapes


def _ascii(text: str) -> str:
    """What the PNG font can draw: curly quotes made straight, other non-ASCII text left out."""
    text = text.translate({0x201C: '"', 0x201D: '"', 0x2018: "'", 0x2019: "'", 0x2013: "-", 0x2014: "-"})
    kept = "".join(char for char in text if " " <= char <= "~")
    return " ".join(kept.replace("()", "").split())


def _svg(shapes: list[_Shape], width: int, height: int) -> bytes:
    out = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" viewBox="0 0 {width} {height}" font-family="{escape(_FONT_FAMILY)}">',
    ]
    for shape in shapes:
        if shape[0] == "rect":
            _, x, y, w, h, colour = shape
            out.append(f'<rect x="{x:.1f}" y="{y:.1f}" width="{w:.1f}" height="{h:.1f}" fill="{colour}"/>')
        elif shape[0] == "line":
            _, x1, y1, x2, y2, colour = shape
            out.append(f'<line x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2:.1f}" y2="{y2:.1f}" stroke="{colour}" stroke-width="1"/>')
        else:
            _, x, y, text, _ascii_text, size, anchor, colour = shape
            out.append(f'<text x="{x:.1f}" y="{y:.1f}" font-size="{size}" text-anchor="{anchor}" fill="{colour}">{escape(text)}</text>')
    out.append("</svg>")
    return ("\n".join(out) + "\n").encode("utf-8")


# 5×7 bitmap font for ASCII 32-126: seven rows per glyph, bit 4 the leftmost pixel.
_FONT = (
    "00000000000000", "04040404040004", "0A0A0A00000000", "0A0A1F0A1F0A0A", "040F140E051E04", "18190204081303", "0C12140815120D", "0C040800000000",
    "02040808080402", "08040202020408", "0004150E150400", "0004041F040400", "00000000040408", "0000001F000000", "00000000000C0C", "00010204081000",
    "0E11131519110E", "040C040404040E", "0E11010204081F", "1F02040201110E", "02060A121F0202", "1F101E0101110E", "0608101E11110E", "1F010204080808",
    "0E11110E11110E", "0E11110F01020C", "000C0C000C0C00", "000C0C000C0408", "02040810080402", "00001F001F0000", "08040201020408", "0E110102040004",
    "0E11010D15150E", "0E1111111F1111", "1E11111E11111E", "0E11101010110E", "1C12111111121C", "1F10101E10101F", "1F10101E101010", "0E11101711110F",
    "1111111F111111", "0E04040404040E", "0702020202120C", "11121418141211", "1010101010101F", "111B1515111111", "11111915131111", "0E11111111110E",
    "1E11111E101010", "0E11111115120D", "1E11111E141211", "0F10100E01011E", "1F040404040404", "1111111111110E", "11111111110A04", "1111111515150A",
    "11110A040A1111", "1111110A040404", "1F01020408101F", "0E08080808080E", "00100804020100", "0E02020202020E", "040A1100000000", "0000000000001F",
    "08040200000000", "00000E010F110F", "1010161911111E", "00000E1010110E", "01010D1311110F", "00000E111F100E", "0609081C080808", "000F11110F010E",
    "10101619111111", "04000C0404040E", "0200060202120C", "10101214181412", "0C04040404040E", "00001A15151111", "00001619111111", "00000E1111110E",
    "00001E111E1010", "00000D130F0101", "00001619101010", "00000E100E011E", "08081C08080906", "0000111111130D", "00001111110A04", "0000111115150A",
    "0000110A040A11", "000011110F010E", "00001F0204081F", "02040408040402", "04040404040404", "08040402040408", "00000815020000",
)


class _Canvas:
    def __init__(self, width: int, height: int) -> None:
        self.width, self.height = width, height
        self.pixels = bytearray(b"\xff" * (width * height * 3))
        self.font = [bytes.fromhex(glyph) for glyph in _FONT]

    def rect(self, x: float, y: float, w: float, h: float, colour: str) -> None:
        rgb = bytes.fromhex(colour[1:])
        x0, y0 = max(0, round(x)), max(0, round(y))
        x1, y1 = min(self.width, round(x + w)), min(self.height, round(y + h))
        if x1 <= x0 or y1 <= y0:
            return
        row = rgb * (x1 - x0)
        for line in range(y0, y1):
            start = (line * self.width + x0) * 3
            self.pixels[start : start + len(row)] = row

    def line(self, x1: float, y1: float, x2: float, y2: float, colour: str) -> None:
        if round(y1) == round(y2):
            self.rect(min(x1, x2), y1, abs(x2 - x1) + 1, 1, colour)
        else:
            self.rect(x1, min(y1, y2), 1, abs(y2 - y1) + 1, colour)

    def text(self, x: float, y: float, text: str, size: int, anchor: str, colour: str) -> None:
        scale = 2 if size >= 14 and 12 * len(text) <= self.width - 16 else 1
        advance = 6 * scale
        room = int((self.width - 8) // advance)
        if anchor == "middle" and len(text) > room:
            text = text[: room - 3] + "..."
        width = advance * len(text)
        left = x - width / 2 if anchor == "middle" else x - width if anchor == "end" else x
        top = y - 7 * scale
        for index, char in enumerate(text):
            code = ord(char) - 32
            glyph = self.font[code] if 0 <= code < len(self.font) else self.font[ord("?") - 32]
            for row, bits in enumerate(glyph):
                for column in range(5):
                    if bits & (0x10 >> column):
                        self.rect(left + index * advance + column * scale, top + row * scale, scale, scale, colour)

    def png(self) -> bytes:
        stride = self.width * 3
        raw = b"".join(b"\x00" + bytes(self.pixels[row * stride : (row + 1) * stride]) for row in range(self.height))

        def chunk(kind: bytes, data: bytes) -> bytes:
            return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

        header = struct.pack(">IIBBBBB", self.width, self.height, 8, 2, 0, 0, 0)
        return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b"")


def _png(shapes: list[_Shape], width: int, height: int) -> bytes:
    canvas = _Canvas(width, height)
    for shape in shapes:
        if shape[0] == "rect":
            canvas.rect(*shape[1:])
        elif shape[0] == "line":
            canvas.line(*shape[1:])
        else:
            _, x, y, _text, ascii_text, size, anchor, colour = shape
            canvas.text(x, y, ascii_text, size, anchor, colour)
    return canvas.png()


def bar_chart(series: list[Series], periods: list[str], *, title: str, ylabel: str = "", fmt: str = "svg", width: int = 0, height: int = 420) -> bytes:
    """The chart as the bytes of an SVG or PNG file."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown chart format {fmt!r}: use svg or png")
    width = width or max(640, min(1600, 120 + len(periods) * max(48, 22 * len(series))))
    shapes = _layout(series, periods, title, ylabel, width, height)
    return _svg(shapes, width, height) if fmt == "svg" else _png(shapes, width, height)
