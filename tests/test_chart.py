"""Charts of `glossary count`: SVG through the one SVG writer, PNG through matplotlib (the ``charts`` extra)."""

from __future__ import annotations

import struct
import sys
import xml.etree.ElementTree as ET
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import CliResult
from hypothesis import given
from hypothesis import strategies as st

from glossary.cli import chart
from glossary.cli.chart import Series, bar_chart
from glossary.formats.svg import Drawing

Cli = Callable[..., CliResult]
SVG = "{http://www.w3.org/2000/svg}"
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


@pytest.fixture()
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "2017-06-20.txt").write_text("军民融合发展战略。一体化国家战略体系和能力。军民融合。", encoding="utf-8")
    (folder / "2019.txt").write_text("一体化国家战略体系和能力", encoding="utf-8")
    return folder


def png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == PNG_MAGIC
    width, height = struct.unpack(">II", data[16:24])
    return width, height


def texts(svg: bytes) -> list[str]:
    return [element.text or "" for element in ET.fromstring(svg).iter(f"{SVG}text")]


# --- SVG --------------------------------------------------------------------------------


def test_the_svg_chart_has_the_chinese_labels_and_a_bar_per_value() -> None:
    series = [Series("军民融合 military-civil fusion", "military-civil fusion", [2, 0, 1]), Series("一体化 integration", "integration", [1, 1, 0])]
    svg = bar_chart(series, ["2017", "2018", "2019"], title="Mentions of 术语 per year", ylabel="occurrences")
    assert svg.startswith(b'<?xml version="1.0" encoding="UTF-8"?>\n<svg')
    shown = texts(svg)
    assert "Mentions of 术语 per year" in shown and "军民融合 military-civil fusion" in shown and "一体化 integration" in shown
    assert {"2017", "2018", "2019", "occurrences"} <= set(shown)
    root = ET.fromstring(svg)
    assert root.get("width") == root.get("viewBox", "").split()[2]
    bars = [rect for rect in root.iter(f"{SVG}rect") if float(rect.get("height") or 0) < 400 and rect.get("width") != "12"]
    assert len(bars) == 4  # the non-zero values; the legend's keys and the background left out


def test_the_svg_chart_escapes_its_text() -> None:
    nasty = '<script>alert("x")</script> & R&D'
    svg = bar_chart([Series(nasty, nasty, [1])], ["2020"], title=nasty, ylabel="a < b")
    assert b"<script>" not in svg
    assert nasty in texts(svg) and "a < b" in texts(svg)  # parsed back: the text is whole


def test_a_long_title_widens_the_chart_and_never_leaves_it() -> None:
    title = "Documents containing “integrated national strategies and strategic capabilities” (一体化国家战略体系和能力) per year"
    root = ET.fromstring(bar_chart([Series("x", "x", [1])], ["2020"], title=title))
    assert float(root.get("width") or 0) > 640
    huge = ET.fromstring(bar_chart([Series("x", "x", [1])], ["2020"], title=title * 4))
    (heading,) = [text for text in huge.iter(f"{SVG}text") if text.text == title * 4]
    assert root.get("width") != huge.get("width") == "1600" and float(heading.get("font-size") or 0) < 16


def test_the_one_svg_writer_escapes_and_nests() -> None:
    drawing = Drawing(10, 10, class_="timeline")
    with drawing.group("a", href="#t-a&b"):
        drawing.add("title", "<&>")
        drawing.add("circle", cx=1.25, cy=2.0, r=5)
    inline = drawing.inline()
    assert inline.startswith('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10" class="timeline">')
    root = ET.fromstring(inline)
    (link,) = root.iter(f"{SVG}a")
    assert link.get("href") == "#t-a&b" and link.find(f"{SVG}title").text == "<&>"  # type: ignore[union-attr]
    assert link.find(f"{SVG}circle").attrib == {"cx": "1.2", "cy": "2", "r": "5"}  # type: ignore[union-attr]
    assert ET.fromstring(drawing.document()).get("width") == "10"


def _xml_legal(char: str) -> bool:
    return char in "\t\n\r" or (" " <= char and not "\ud800" <= char <= "\udfff" and char not in "\ufffe\uffff")


@given(st.text())
def test_any_text_comes_back_from_the_svg_as_written_or_marked(text: str) -> None:
    drawing = Drawing(10, 10)
    drawing.add("text", text, x=0.0, y=0.0)
    drawing.add("title", "", id=text)
    root = ET.fromstring(drawing.document())  # always well-formed, whatever the text
    legal = "".join(char if _xml_legal(char) else "\ufffd" for char in text).replace("\r\n", "\n").replace("\r", "\n")
    (element,) = root.iter(f"{SVG}text")
    assert (element.text or "") == legal  # what XML cannot hold is marked; line ends read back as \n
    title = root.find(f"{SVG}title")
    assert title is not None and title.get("id") == legal.replace("\n", " ").replace("\t", " ")  # attribute white space, as XML reads it


def test_count_draws_the_svg_with_chinese(cli: Cli, corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "nsi.svg"
    result = cli("count", str(corpus), "--term", "INSS", "--documents", "-o", str(out))
    assert result.code == 0, result.err
    title = texts(out.read_bytes())[0]
    assert title.startswith("Documents containing “") and "一体化国家战略体系" in title


# --- PNG --------------------------------------------------------------------------------


def test_without_matplotlib_a_png_chart_exits_2_and_writes_nothing(cli: Cli, corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "matplotlib", None)  # as if the charts extra were not installed
    assert not chart.png_available()
    result = cli("count", str(corpus), "-o", str(tmp_path / "chart.png"))
    assert result.code == 2 and "Traceback" not in result.err
    assert "PNG charts need matplotlib: pip install 'glossary[charts]'; or write .svg" in result.err
    assert result.out == "" and list(tmp_path.iterdir()) == [corpus]  # refused before counting


def test_a_png_chart_is_the_same_chart_drawn_by_matplotlib(cli: Cli, corpus: Path, tmp_path: Path) -> None:
    pytest.importorskip("matplotlib", reason="PNG charts need the charts extra (matplotlib)")
    out = tmp_path / "chart.png"
    result = cli("count", str(corpus), "--format", "tsv", "-o", str(out))
    assert result.code == 0, result.err
    data = out.read_bytes()
    svg = ET.fromstring(bar_chart([Series("x", "x", [1, 2]), Series("y", "y", [0, 1])], ["2017", "2019"], title="Mentions of glossary terms per year"))
    assert png_size(data) == (int(svg.get("width") or 0), 420)
    if chart.cjk_font() is not None:
        assert "CJK" not in result.err


def test_without_a_cjk_font_the_png_says_it_leaves_the_chinese_out(cli: Cli, corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    pytest.importorskip("matplotlib", reason="PNG charts need the charts extra (matplotlib)")
    monkeypatch.setattr(chart, "cjk_font", lambda: None)
    notes: list[str] = []
    data = bar_chart([Series("军民融合 fusion", "fusion", [1])], ["2020"], title="军民融合 per year", fmt="png", note=notes.append)
    assert png_size(data)[1] == 420 and len(notes) == 1 and "no CJK font" in notes[0] and "Chinese" in notes[0]
    result = cli("count", str(corpus), "--term", "MCF", "-o", str(tmp_path / "mcf.png"))
    assert result.code == 0 and "glossary count: no CJK font found" in result.err
    notes.clear()
    assert bar_chart([Series("fusion", "fusion", [1])], ["2020"], title="Fusion", fmt="png", note=notes.append)[:8] == PNG_MAGIC
    assert notes == []  # nothing was left out: nothing to say


def test_the_cjk_font_is_one_matplotlib_has() -> None:
    pytest.importorskip("matplotlib", reason="PNG charts need the charts extra (matplotlib)")
    from matplotlib import font_manager

    found = chart.cjk_font()
    assert found is None or found in {entry.name for entry in font_manager.fontManager.ttflist}
    assert chart.latin("“INSS” (一体化国家战略体系) per year") == "“INSS” per year"
