"""The HTML page's timeline of first-use dates: an ordinal year axis, drawn by the package's SVG writer."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from typing import TYPE_CHECKING

from glossary.formats.svg import Drawing

if TYPE_CHECKING:
    from collections.abc import Callable

    from glossary.core.entry import Term

__all__ = ["SVG_WIDTH", "text_width", "timeline_svg"]

SVG_WIDTH = 960
_MARGIN = 48
_ROW = 22
_FONT = 13


def _position(date: str, precision: str) -> tuple[float, float]:
    """A first-use date as (start, end) in fractional years; a decade spans ten years."""
    parts = [int(part) for part in date.split("-")]
    year = parts[0]
    if precision == "decade":
        return float(year), float(year + 10)
    month = parts[1] if len(parts) > 1 else 1
    day = parts[2] if len(parts) > 2 else 1
    start = year + (month - 1) / 12 + (day - 1) / 365
    return start, start


def text_width(text: str) -> float:
    """About how wide a label is drawn, in the timeline's units: CJK characters wider than Latin ones."""
    return sum(_FONT + 1 if unicodedata.east_asian_width(char) in "WF" else _FONT * 0.6 for char in text)


class _YearAxis:
    """An ordinal time axis: each year that has an event gets an equal slot, empty years
    between them are left out and marked by a break on the axis.

    First uses run from the 1920s to now, most of them recent: on a linear axis one early
    date squeezes the rest into a sliver. Within its slot an event sits by month and day.
    """

    def __init__(self, spans: list[tuple[float, float]]) -> None:
        years: set[int] = set()
        for start, end in spans:
            years.add(int(start))
            if end > start:  # a decade: its first and last year
                years.add(int(end) - 1)
        self.years = sorted(years)
        self.slot = {year: index for index, year in enumerate(self.years)}
        self.width = (SVG_WIDTH - 2 * _MARGIN) / len(self.years)

    def x(self, value: float) -> float:
        year = int(value)
        if year not in self.slot:  # the end of a decade: the end of its last year's slot
            return round(_MARGIN + (self.slot[year - 1] + 1) * self.width, 1)
        return round(_MARGIN + (self.slot[year] + value - year) * self.width, 1)

    def breaks(self) -> list[int]:
        """The years after which the axis skips empty years."""
        return [year for year, following in zip(self.years, self.years[1:]) if following - year > 1]


@dataclass
class _Event:
    """A concept on the timeline: its span in years, its row and its label's side."""

    term: Term
    start: float
    end: float
    label: str
    row: int = 0
    flipped: bool = False


def _place(events: list[_Event], axis: _YearAxis) -> int:
    """Greedy rows: a label goes on the first row where it does not overlap the previous one;
    a label that would run past the right edge is written to the left of its mark. The number of rows."""
    right_edge = SVG_WIDTH - 4
    row_ends: list[float] = []
    for event in events:
        width = text_width(event.label)
        left, after = axis.x(event.start), axis.x(event.end)  # a decade's label follows its span
        event.flipped = after + 9 + width > right_edge
        extent_left = left - 9 - width if event.flipped else left
        right = max(after, left) if event.flipped else after + 10 + width
        event.row = next((index for index, row_end in enumerate(row_ends) if row_end + 12 <= extent_left), len(row_ends))
        if event.row == len(row_ends):
            row_ends.append(right)
        else:
            row_ends[event.row] = right
    return len(row_ends)


def _draw_axis(drawing: Drawing, axis: _YearAxis, y: float) -> None:
    """The axis line, a tick per year, year labels where they fit, and the breaks."""
    x = axis.x
    drawing.add("line", class_="axis", x1=_MARGIN, y1=y, x2=SVG_WIDTH - _MARGIN, y2=y)
    # year labels: every slot when they fit, else every second, fifth ...
    step = next(every for every in (1, 2, 5, 10, 20, 50) if axis.width * every >= 40)
    for index, year in enumerate(axis.years):
        drawing.add("line", class_="tick", x1=x(year), y1=y, x2=x(year), y2=y + 4)
        if index % step == 0:
            drawing.add("text", year, class_="year", x=x(year), y=y + 20, text_anchor="middle")
    for year in axis.breaks():
        gap = round(x(year) + axis.width, 1)
        drawing.add("path", class_="break", d=f"M{gap - 4:g} {y + 5:g} L{gap:g} {y - 5:g} M{gap:g} {y + 5:g} L{gap + 4:g} {y - 5:g}")


def _draw_event(drawing: Drawing, event: _Event, axis: _YearAxis, bottom: float, title: str) -> None:
    """One concept: a link holding its title, a stem down to the axis, a dot (a span for a decade) and its label."""
    x, y = axis.x, 24 + event.row * _ROW
    with drawing.group("a", href=f"#t-{event.term.id}", class_="event"):
        drawing.add("title", title)
        drawing.add("line", class_="stem", x1=x(event.start), y1=y, x2=x(event.start), y2=bottom)
        if event.end > event.start:
            drawing.add("rect", class_="span", x=x(event.start), y=y - 5, width=round(x(event.end) - x(event.start), 1), height=10, rx=5)
        else:
            drawing.add("circle", class_="dot", cx=x(event.start), cy=y, r=5)
        if event.flipped:
            drawing.add("text", event.label, x=round(x(event.start) - 9, 1), y=y + 4, text_anchor="end")
        else:
            drawing.add("text", event.label, x=round(x(event.end) + 9, 1), y=y + 4)


def timeline_svg(terms: list[Term], first_use: Callable[[Term], str]) -> str:
    """The timeline of the dated ``terms`` as an inline ``<svg>``; ``first_use`` gives a term's date as shown."""
    events = []
    for term in terms:
        assert term.first_use is not None
        start, end = _position(term.first_use.date, term.first_use.precision)
        events.append(_Event(term, start, end, f"{term.zh.hans} {first_use(term)}"))
    events.sort(key=lambda event: (event.start, event.term.id))
    axis = _YearAxis([(event.start, event.end) for event in events])
    height = 24 + _place(events, axis) * _ROW + 40
    bottom = height - 32
    drawing = Drawing(SVG_WIDTH, height, class_="timeline", role="img", aria_labelledby="timeline-title", font_size=_FONT)
    _draw_axis(drawing, axis, bottom)
    for event in events:
        _draw_event(drawing, event, axis, bottom, f"{event.term.zh.hans} {event.term.preferred} \u2014 {first_use(event.term)}")
    return drawing.inline()
