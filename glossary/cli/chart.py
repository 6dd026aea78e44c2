"""Bar charts of term counts per period: SVG always, PNG with the ``charts`` extra (matplotlib).

One series draws plain bars with their values on top (like Figure 1 of the NSI
brief: articles containing a term, per year); several series draw grouped bars
with a legend. :func:`bar_chart` lays the chart out once as shapes; the SVG is
written by the package's one SVG writer (:mod:`glossary.formats.svg`), the PNG is the
same shapes drawn by matplotlib, with a CJK font when one is installed. Without one
the PNG's labels fall back to each text's Latin form (English and pinyin) and a note
says so: Chinese is never dropped silently.
"""

from __future__ import annotations

import io
import unicodedata
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from glossary.formats.svg import Drawing

if TYPE_CHECKING:
    from collections.abc import Callable

__all__ = ["FORMATS", "PNG_NEEDS", "Series", "bar_chart", "cjk_font", "png_available"]

FORMATS = ("svg", "png")
PNG_NEEDS = "PNG charts need matplotlib: pip install 'glossary[charts]'; or write .svg"
_COLOURS = ("#1f5fa6", "#d9822b", "#3a8f5c", "#b23a48", "#7a5ba6", "#8c7b3e", "#2a9d9d", "#6b6b6b")
#: CJK fonts to draw Chinese labels with, most fitting first (matplotlib's font names)
CJK_FONTS = (
    "Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "Source Han Sans CN", "PingFang SC", "Microsoft YaHei",
    "SimHei", "WenQuanYi Micro Hei", "WenQuanYi Zen Hei", "Heiti SC", "Hiragino Sans GB",
    "Noto Sans CJK TC", "Noto Sans CJK JP", "Source Han Sans TC", "Source Han Sans JP",
)  # fmt: skip
_FONT_FAMILY = ", ".join([*CJK_FONTS[:6], "sans-serif"])  # unquoted: CSS reads a run of words as one name
_DPI = 100


@dataclass
class Series:
    """One bar series: a label and a value per period."""

    label: str
    #: the label without Chinese characters (English, pinyin), for a PNG drawn without a CJK font
    latin_label: str
    values: list[int]


# shapes: ("rect", x, y, w, h, colour) | ("line", x1, y1, x2, y2, colour)
#         | ("text", x, y, text, latin_text, size, anchor, colour)
_Shape = tuple[Any, ...]


def _nice_step(top: int) -> int:
    """A tick step of 1, 2 or 5 × 10^k giving about five ticks up to ``top``."""
    step = 1
    while True:
        for factor in (1, 2, 5):
            if top / (step * factor) <= 5:
                return step * factor
        step *= 10


def latin(text: str) -> str:
    """Text without its CJK characters (wide or full-width), what a Latin font can draw.

    >>> latin("Mentions of “INSS” (一体化国家战略体系) per year")
    'Mentions of “INSS” per year'
    """
    kept = "".join(char for char in text if unicodedata.east_asian_width(char) not in "WF")
    return " ".join(kept.replace("()", "").split())


def _text_width(text: str, size: float) -> float:
    """About how wide a text is set: CJK characters one em, others a little over half."""
    return sum(size if unicodedata.east_asian_width(char) in "WF" else size * 0.58 for char in text)


def _frame(series: list[Series], titles: tuple[str, str], width: int, height: int) -> list[_Shape]:
    """The background, the title and the legend (of several series)."""
    size = min(16.0, 16 * (width - 16) / max(_text_width(titles[0], 16), 1))  # a long title is set smaller, not cut
    shapes: list[_Shape] = [("rect", 0, 0, width, height, "#ffffff"), ("text", width / 2, 28, *titles, round(size, 1), "middle", "#222222")]
    for row, one in enumerate(series if len(series) > 1 else ()):
        y = 46 + 18 * row
        shapes.append(("rect", 64, y, 12, 12, _COLOURS[row % len(_COLOURS)]))
        shapes.append(("text", 64 + 18, y + 11, one.label, one.latin_label, 12, "start", "#222222"))
    return shapes


def _layout(series: list[Series], periods: list[str], titles: tuple[str, str], ylabel: str, width: int, height: int) -> list[_Shape]:
    shapes = _frame(series, titles, width, height)
    top_margin = 56 + (18 * len(series) + 8 if len(series) > 1 else 0)  # the legend, then the unit label below it
    left, right, bottom = 64, 24, 56
    plot_w, plot_h = width - left - right, height - top_margin - bottom
    highest = max((value for one in series for value in one.values), default=0)
    step = _nice_step(max(highest, 1))
    axis_top = max(step, -(-highest // step) * step)
    base = top_margin + plot_h
    for tick in range(0, axis_top + 1, step):
        y = base - plot_h * tick / axis_top
        shapes.append(("line", left, y, left + plot_w, y, "#e3e3e3" if tick else "#444444"))
        shapes.append(("text", left - 8, y + 4, str(tick), str(tick), 11, "end", "#444444"))
    shapes.append(("text", 16, top_margin - 12, ylabel, latin(ylabel), 11, "start", "#444444"))
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


def _svg(shapes: list[_Shape], width: int, height: int) -> bytes:
    drawing = Drawing(width, height, font_family=_FONT_FAMILY)
    for shape in shapes:
        if shape[0] == "rect":
            _, x, y, w, h, colour = shape
            drawing.add("rect", x=float(x), y=float(y), width=float(w), height=float(h), fill=colour)
        elif shape[0] == "line":
            _, x1, y1, x2, y2, colour = shape
            drawing.add("line", x1=float(x1), y1=float(y1), x2=float(x2), y2=float(y2), stroke=colour, stroke_width=1)
        else:
            _, x, y, text, _latin, size, anchor, colour = shape
            drawing.add("text", text, x=float(x), y=float(y), font_size=size, text_anchor=anchor, fill=colour)
    return drawing.document()


def png_available() -> bool:
    """Whether PNG charts can be drawn: the ``charts`` extra (matplotlib) is installed."""
    import importlib.util

    return importlib.util.find_spec("matplotlib") is not None


def cjk_font() -> str | None:
    """The first of :data:`CJK_FONTS` that matplotlib finds installed, or None."""
    from matplotlib import font_manager

    installed = {entry.name for entry in font_manager.fontManager.ttflist}
    return next((name for name in CJK_FONTS if name in installed), None)


def _png(shapes: list[_Shape], width: int, height: int, note: Callable[[str], None]) -> bytes:
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure
    from matplotlib.lines import Line2D
    from matplotlib.patches import Rectangle

    font = cjk_font()
    if font is None and any(shape[0] == "text" and shape[3] != shape[4] for shape in shapes):
        note(f"no CJK font found ({', '.join(CJK_FONTS[:4])} ...): the PNG's labels leave the Chinese out (English and pinyin instead); the SVG keeps it")
    figure = Figure(figsize=(width / _DPI, height / _DPI), dpi=_DPI)
    FigureCanvasAgg(figure)
    axes = figure.add_axes((0, 0, 1, 1))
    axes.set_xlim(0, width)
    axes.set_ylim(height, 0)  # y grows downwards, as in the SVG
    axes.axis("off")
    family = [font, "DejaVu Sans"] if font else ["DejaVu Sans"]
    for shape in shapes:
        if shape[0] == "rect":
            _, x, y, w, h, colour = shape
            axes.add_patch(Rectangle((x, y), w, h, facecolor=colour, edgecolor="none", linewidth=0))
        elif shape[0] == "line":
            _, x1, y1, x2, y2, colour = shape
            axes.add_line(Line2D([x1, x2], [y1, y2], color=colour, linewidth=72 / _DPI))
        else:
            _, x, y, text, latin_text, size, anchor, colour = shape
            ha = {"start": "left", "middle": "center", "end": "right"}[anchor]
            axes.text(x, y, text if font else latin_text, fontsize=size * 72 / _DPI, ha=ha, va="baseline", color=colour, family=family)
    out = io.BytesIO()
    figure.savefig(out, format="png", dpi=_DPI, metadata={"Software": None})
    return out.getvalue()


def bar_chart(
    series: list[Series],
    periods: list[str],
    *,
    title: str,
    latin_title: str | None = None,
    ylabel: str = "",
    fmt: str = "svg",
    width: int = 0,
    height: int = 420,
    note: Callable[[str], None] = lambda message: None,
) -> bytes:
    """The chart as the bytes of an SVG or PNG file.

    ``latin_title`` is the title a PNG shows when no CJK font is installed (default:
    ``title`` without its Chinese); ``note`` is told when that happens. A PNG needs
    matplotlib (:func:`png_available`); ImportError without it.
    """
    if fmt not in FORMATS:
        raise ValueError(f"unknown chart format {fmt!r}: use svg or png")
    width = width or max(640, min(1600, max(120 + len(periods) * max(48, 22 * len(series)), round(_text_width(title, 16)) + 32)))
    shapes = _layout(series, periods, (title, latin(title) if latin_title is None else latin_title), ylabel, width, height)
    return _svg(shapes, width, height) if fmt == "svg" else _png(shapes, width, height, note)
