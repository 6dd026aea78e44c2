"""The HTML export without a browser: well-formed, escaped, complete, search keys right, written as a folder."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from conftest import FIXTURE_TERMS
from termdata import SOURCES, cite, concept, glossary_of

import glossary
from glossary.formats import ExportOptions, export, get_format
from glossary.formats.html import ASSETS, asset, page, page_keys, ruby_pairs, search_tables

XHTML = "{http://www.w3.org/1999/xhtml}"


def parse(text: str) -> ET.Element:
    """The page as XML: it must be well-formed (the doctype is the only non-XML line)."""
    doctype, rest = text.split("\n", 1)
    assert doctype == "<!DOCTYPE html>"
    return ET.fromstring(rest)


def articles(root: ET.Element) -> list[ET.Element]:
    return root.findall(f".//{XHTML}article")


def text_of(element: ET.Element) -> str:
    return "".join(element.itertext())


@pytest.fixture(scope="module")
def english(fixture_glossary: glossary.Glossary) -> str:
    return page(fixture_glossary, "en")


def test_the_page_is_well_formed_and_has_every_term_in_pinyin_order(fixture_glossary: glossary.Glossary, english: str) -> None:
    root = parse(english)
    assert root.get("lang") == "en"
    ids = [article.get("id") for article in articles(root)]
    assert ids == [f"t-{term.id}" for term in fixture_glossary.by_pinyin()]
    assert len(ids) == len(fixture_glossary) == 3
    letters = [section.get("id") for section in root.iter(f"{XHTML}section") if section.get("class") == "letter"]
    assert letters == ["letter-J", "letter-S", "letter-Y"]


def test_an_entry_shows_every_part_of_the_concept(english: str) -> None:
    root = parse(english)
    (entry,) = [article for article in articles(root) if article.get("id") == "t-military-civil-fusion"]
    heading = entry.find(f"{XHTML}h4")
    assert heading is not None and heading.get("lang") == "zh-Hans"
    ruby = heading.find(f"{XHTML}ruby")
    assert [rt.text for rt in ruby.iter(f"{XHTML}rt")] == ["jūn", "mín", "róng", "hé"]  # type: ignore[union-attr]
    text = text_of(entry)
    for expected in (
        "軍民融合",
        "Chinese (Traditional)",
        "jūnmín rónghé",
        "civil-military integration",
        "military-civil fusion",
        "MCF",
        "First use",
        "2015",
        "predecessor of",
        "p. 1",
        "military-civil fusion (MCF; 军民融合)",
        "A fixture brief",
    ):
        assert expected in text, expected
    kinds = [dt.text for dt in entry.iter(f"{XHTML}dt") if (dt.get("class") or "").startswith("kind-")]
    assert kinds == ["official", "source"]  # official first
    links = [a.get("href") for a in entry.iter(f"{XHTML}a") if (a.get("href") or "").startswith("#t-")]
    assert links == ["#t-integrated-national-strategic-system"]
    # every citation mark points at a numbered source of the same entry
    notes = {li.get("id") for li in entry.iter(f"{XHTML}li")}
    marks = {a.get("href", "")[1:] for a in entry.iter(f"{XHTML}a") if (a.get("href") or "").startswith("#s-")}
    assert marks == notes == {"s-military-civil-fusion-1", "s-military-civil-fusion-2", "s-military-civil-fusion-3"}


def test_the_indexes_alphabet_abbreviations_and_timeline(english: str) -> None:
    root = parse(english)
    nav = root.find(f".//{XHTML}nav")
    assert nav is not None
    linked = [a.text for a in nav.iter(f"{XHTML}a")]
    assert linked == ["J", "S", "Y"] and len(list(nav)) == 26
    abbreviations = root.find(f".//{XHTML}section[@id='abbreviations']")
    assert [dt.text for dt in abbreviations.iter(f"{XHTML}dt")] == ["INSS", "MCF"]  # type: ignore[union-attr]
    svg = root.find(f".//{{http://www.w3.org/2000/svg}}svg")
    assert svg is not None
    events = [a.get("href") for a in svg.iter("{http://www.w3.org/2000/svg}a")]
    assert events == ["#t-military-civil-fusion", "#t-integrated-national-strategic-system"]  # the two dated terms, oldest first
    years = [text.text for text in svg.iter("{http://www.w3.org/2000/svg}text") if text.get("class") == "year"]
    assert "2015" in years and "2017" in years


def test_the_search_keys_are_the_index_keys(fixture_glossary: glossary.Glossary) -> None:
    keys = page_keys(fixture_glossary, fixture_glossary.get("military-civil-fusion"))
    assert "军民融合" in keys["zh"] and keys["abbr"] == ["mcf"] and "junminronghe" in keys["pinyin"]
    assert "jun1min2rong2he2" in keys["pinyin_tones"] and "military civil fusion" in keys["en"]
    assert "双回圈" in page_keys(fixture_glossary, fixture_glossary.get("dual-circulation"))["zh"]  # the script variant, folded
    root = parse(page(fixture_glossary, "en"))
    (data,) = [script for script in root.iter(f"{XHTML}script") if script.get("id") == "search-data"]
    assert json.loads(data.text or "")["keys"]["military-civil-fusion"] == keys


def test_the_page_folds_queries_with_the_tables_of_the_normalisers() -> None:
    tables = search_tables()
    assert tables["chinese"]["軍"] == "军" and tables["chinese"]["網"] == "网" and tables["chinese"]["「"] == ""
    assert tables["spelling"]["defence"] == "defense" and ["isation", "ization"] in tables["suffixes"]
    assert "lve" in tables["syllables"] and tables["aliases"]["lue"] == "lve" and tables["tone_marks"]["\u030c"] == "3"
    assert tables["casefold"]["ß"] == "ss" and "\u3000" in tables["space"] and [0x4E00, 0x9FFF] in tables["han"]


def test_the_search_data_holds_no_markup_characters() -> None:
    root = parse(page(glossary_of(concept("nasty", "概念", "gàiniàn", "R&D </script>")), "en"))
    (data,) = [script for script in root.iter(f"{XHTML}script") if script.get("id") == "search-data"]
    assert not {"<", ">", "&"} & set(data.text or "")  # escaped as \\u0026 ...: the element cannot be closed early
    assert json.loads(data.text or "")["keys"]["nasty"]["en"] == ["r&d script"]


def test_everything_is_escaped() -> None:
    nasty = concept(
        "nasty-term",
        "军民<融合>",
        "jūnmín rónghé",
        '<script>alert("x")</script> & "fusion"',
        abbreviations=("<b>",),
        note="A & B <i>",
        first_use="2020",
    )
    sources = {"doc": {**SOURCES["doc"], "title": "Title <with> & \"quotes\"", "url": "javascript:alert(1)"}}
    nasty["en"][0]["sources"] = cite('he said "<&>"')
    text = page(glossary_of(nasty, sources=sources), "en")
    root = parse(text)  # still well-formed
    assert "<script>alert" not in text and "<b>" not in text and "<i>" not in text
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &quot;fusion&quot;" in text
    entry = articles(root)[0]
    assert '<script>alert("x")</script> & "fusion"' in text_of(entry)
    assert "A & B <i>" in text_of(entry) and 'he said "<&>"' in text_of(entry)
    assert "javascript:" not in text  # only http(s) source addresses become links
    assert len(list(root.iter(f"{XHTML}script"))) == 2  # the script and its search data


def test_the_page_needs_no_network() -> None:
    text = page(glossary.load(), "en")
    root = parse(text)
    assert not list(root.iter(f"{XHTML}link")) and "src=" not in text and "@import" not in text and "url(" not in text
    for element in root.iter():
        href = element.get("href")
        if href is not None:
            assert href.startswith("#") or href.startswith(("https://", "http://")) and element.tag == f"{XHTML}a"
    assert len(articles(root)) == len(glossary.load())


def test_the_labels_follow_the_language(fixture_glossary: glossary.Glossary) -> None:
    root = parse(page(fixture_glossary, "zh"))
    assert root.get("lang") == "zh-Hans"
    text = text_of(root)
    for expected in ("中国科技安全政策术语表", "共 3 个条目", "中文 (繁体)", "首次使用时间线", "2017年10月", "官方译法", "缩写", "出处", "条目"):
        assert expected in text, expected
    assert "First use" not in text and "Timeline of first use" not in text
    nav = root.find(f".//{XHTML}nav")
    assert nav is not None and nav.get("aria-label") == "拼音索引"
    status = root.find(f".//{XHTML}p[@id='status']")
    assert status is not None and status.get("data-shown") == "%(count)d 个条目中的 %(shown)d 个"


def test_ruby_pairs_each_character_with_its_syllable() -> None:
    assert ruby_pairs("军民融合", "jūnmín rónghé") == [("军", "jūn"), ("民", "mín"), ("融", "róng"), ("合", "hé")]
    assert ruby_pairs("中央", "Zhōngyāng") == [("中", "Zhōng"), ("央", "yāng")]
    assert ruby_pairs("战略", "zhànlüè") == [("战", "zhàn"), ("略", "lüè")]
    assert ruby_pairs("西安", "Xī'ān") == [("西", "Xī"), ("安", "ān")]
    assert ruby_pairs("十四五规划", "shísìwǔ") is None  # counts differ: one annotation for the whole term
    assert ruby_pairs("2035年", "2035 nián") is None


def test_terms_without_dates_or_abbreviations_leave_those_parts_out() -> None:
    root = parse(page(glossary_of(concept("plain", "概念", "gàiniàn", "concept")), "en"))
    assert root.find(f".//{XHTML}section[@id='timeline']") is None
    assert root.find(f".//{XHTML}section[@id='abbreviations']") is None
    empty = parse(page(glossary_of(), "en"))
    assert articles(empty) == []


def test_a_decade_is_drawn_as_a_span() -> None:
    term = concept("old", "军民结合", "jūnmín jiéhé", "civil-military integration")
    term["first_use"] = {"date": "1980", "precision": "decade", "sources": cite()}
    root = parse(page(glossary_of(term, concept("new", "融合", "rónghé", "fusion", first_use="2015-03-01")), "en"))
    svg = root.find(".//{http://www.w3.org/2000/svg}svg")
    assert [element.tag.split("}")[1] for element in svg.iter() if element.get("class") in ("span", "dot")] == ["rect", "circle"]  # type: ignore[union-attr]
    assert "1980s" in text_of(svg)  # type: ignore[arg-type]


# --- the command ----------------------------------------------------------------------------


def test_export_writes_a_site_folder(cli, tmp_path: Path) -> None:
    target = tmp_path / "site"
    result = cli("export", "--format", "html", "--lang", "en", "--glossary", str(FIXTURE_TERMS), "-o", str(target))
    assert result.code == 0, result.err
    assert sorted(path.name for path in target.iterdir()) == ["index.html", "search.js", "site.css"]  # no temporary file left behind
    root = parse(target.joinpath("index.html").read_text(encoding="utf-8"))
    (link,) = root.iter(f"{XHTML}link")
    scripts = [script.get("src") for script in root.iter(f"{XHTML}script")]
    assert link.get("href") == "site.css" and scripts == [None, "search.js"]  # the data inline, the script beside it
    for name in ASSETS:
        assert target.joinpath(name).read_text(encoding="utf-8") == asset(name)
    again = cli("export", "--format", "html", "--lang", "zh", "-o", str(target))  # an existing folder is written into
    assert again.code == 0 and 'lang="zh-Hans"' in target.joinpath("index.html").read_text(encoding="utf-8")


def test_export_html_to_stdout_is_the_page(cli) -> None:
    result = cli("export", "--format", "html", "--lang", "en")
    assert result.code == 0 and result.out.startswith("<!DOCTYPE html>")
    assert result.out == page(glossary.load(), "en")


def test_export_html_onto_a_file_or_into_a_missing_folder_exits_2_and_writes_nothing(cli, tmp_path: Path) -> None:
    existing = tmp_path / "notes.txt"
    existing.write_text("keep me")
    result = cli("export", "--format", "html", "-o", str(existing))
    assert result.code == 2 and "writes a folder" in result.err and "Traceback" not in result.err
    assert existing.read_text() == "keep me"
    result = cli("export", "--format", "html", "-o", str(tmp_path / "missing" / "site"))
    assert result.code == 2 and "Traceback" not in result.err
    assert [path.name for path in tmp_path.iterdir()] == ["notes.txt"]


def test_export_html_to_a_file_name_writes_the_page_there(cli, tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    result = cli("export", "--format", "html", "-o", str(page))
    assert result.code == 0, result.err
    assert page.is_file() and page.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    page.write_text("old")
    assert cli("export", "--format", "html", "-o", str(page)).code == 0
    assert page.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert [path.name for path in tmp_path.iterdir()] == ["page.html"]


def test_export_rejects_a_bad_lang(cli, tmp_path: Path) -> None:
    result = cli("export", "--format", "html", "--lang", "fr", "-o", str(tmp_path / "site"))
    assert result.code == 2 and "not a language of the interface" in result.err
    assert list(tmp_path.iterdir()) == []


def test_the_format_is_registered_and_writes_a_folder(fixture_glossary: glossary.Glossary, tmp_path: Path) -> None:
    fmt = get_format("html")
    assert fmt.writes_folder and not fmt.can_read
    data = export(fixture_glossary, "html", tmp_path / "out", ExportOptions(lang="zh"))
    assert (tmp_path / "out" / "index.html").read_bytes() == data == page(fixture_glossary, "zh", inline=False).encode("utf-8")
    assert fmt.dump(fixture_glossary, ExportOptions(lang="zh")) == page(fixture_glossary, "zh").encode("utf-8")


def test_the_timeline_gives_each_year_room_and_keeps_labels_inside() -> None:
    from glossary.formats.html.timeline import SVG_WIDTH as _SVG_WIDTH
    from glossary.formats.html.timeline import text_width as _text_width

    terms = [concept("early", "旧概念", "jiù gàiniàn", "old concept", first_use="1952-10-01")]
    terms += [concept(f"late-{n}", f"新概念{n}", f"xīn gàiniàn {n}", f"new concept {n}", first_use=f"20{15 + n}-12-20") for n in range(4)]
    svg = parse(page(glossary_of(*terms), "en")).find(".//{http://www.w3.org/2000/svg}svg")
    assert svg is not None
    dots = sorted(float(circle.get("cx") or 0) for circle in svg.iter("{http://www.w3.org/2000/svg}circle"))
    # one early concept does not squeeze the others into the right edge: each year has a slot
    assert dots[-1] - dots[1] > (_SVG_WIDTH / 2)
    assert [path.get("class") for path in svg.iter("{http://www.w3.org/2000/svg}path")] == ["break"]  # 1953-2014 left out
    for text in svg.iter("{http://www.w3.org/2000/svg}text"):
        if text.get("class") == "year":
            continue
        x, width = float(text.get("x") or 0), _text_width(text.text or "")
        left, right = (x - width, x) if text.get("text-anchor") == "end" else (x, x + width)
        assert 0 <= left and right <= _SVG_WIDTH, text.text


# --- the style sheet and the script: package files, linked from a site folder or inlined ----------


def test_the_style_and_script_are_package_files_without_data() -> None:
    style, script = asset("site.css"), asset("search.js")
    assert "article.term" in style and "@media print" in style
    assert 'getElementById("search-data")' in script and "glossaryQueryKeys" in script
    assert "军" not in script and "military" not in script  # the data is in the page's JSON, not in the script


def test_an_inlined_asset_cannot_end_its_element(fixture_glossary: glossary.Glossary, monkeypatch: pytest.MonkeyPatch) -> None:
    from glossary.formats import html

    real = html.asset
    monkeypatch.setattr(html, "asset", lambda name: real(name) + ('\nconst end = "</script><b>&";\n' if name.endswith(".js") else "\n/* </style> */\n"))
    text = page(fixture_glossary, "en")
    assert "</script><b>" not in text and "</style> */" not in text
    root = parse(text)  # still well-formed: the CDATA sections hold < and &
    (script,) = [element for element in root.iter(f"{XHTML}script") if element.get("id") is None]
    assert 'const end = "<\\/script><b>&";' in (script.text or "")  # the same string to JavaScript
    monkeypatch.setattr(html, "asset", lambda name: "a[b[0]]>c")
    with pytest.raises(ValueError, match="CDATA"):
        page(fixture_glossary, "en")


def test_the_self_contained_page_and_the_site_differ_only_in_how_they_hold_the_assets(fixture_glossary: glossary.Glossary) -> None:
    inline, linked = page(fixture_glossary, "en"), page(fixture_glossary, "en", inline=False)
    assert asset("search.js").replace("</", "<\\/") in inline and asset("site.css") in inline
    without_assets = re.sub(r"<style>.*?</style>\n|<script>//<!\[CDATA\[.*?//\]\]></script>\n", "", inline, flags=re.DOTALL)
    unlinked = linked.replace('<link rel="stylesheet" href="site.css" />\n', "").replace('<script src="search.js"></script>\n', "")
    assert without_assets == unlinked != linked
