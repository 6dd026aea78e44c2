"""The HTML page's search box finds what ``glossary lookup`` finds.

The page's keys are the index's keys and its script folds a query with tables built
from glossary.core.normalize and glossary.core.pinyin; here the bundled glossary's page runs in
headless Chromium (see tests/test_html_browser.py) and queries typed as people type
them are compared with :meth:`Glossary.lookup` and :meth:`Glossary.query_keys`.
"""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from strategies import LATIN, SIMPLIFIED, SPECIAL, SYLLABLES, TRADITIONAL
from test_html_browser import browser  # noqa: F401  (the same headless Chromium fixture, one per module)

import glossary
from glossary.formats import export
from glossary.formats.html import page

# As readers type them: simplified, traditional with Taiwan and Hong Kong vocabulary,
# pinyin with marks, numbers or no tones, with and without spaces, lüe as lue/lve/lv/u:,
# English in British and American spelling, abbreviations with dots, spaces, full width.
QUERIES = [
    "军民融合", "軍民融合", " 「軍民融合」 ", "军民 融合", "ＭＣＦ",
    "世界互联网大会", "世界網際網路大會", "雙循環", "雙迴圈", "双回圈",
    "一體化國家戰略體系和能力", "國家戰略目的", "國務院", "國家安全", "總體國家安全觀",
    "軍事鬥爭準備", "中國共產黨中央委員會", "人民日報", "認知戰", "科技戰",
    "zhanlue", "zhanlve", "zhanlv", "zhànlüè", "zhan4lve4", "zhan4 lue4", "zhan4lu:e4",
    "guójiā zhànlüè mùdì", "guojia zhanlue mudi", "guo2jia1 zhan4lve4 mu4di4", "guojiazhanluemudi",
    "jūnmín rónghé", "Jūnmín Rónghé", "junminronghe", "jun1min2rong2he2", "jun1 min2 rong2 he2", "junmin ronghe",
    "shuāngxúnhuán", "shuang xun huan", "renzhizhan", "rèn zhī zhàn", "Guówùyuàn", "guowuyuan",
    "Military-Civil Fusion", "military civil fusion", "the Military–Civil Fusion", "MILITARY CIVIL FUSION",
    "national defence mobilisation", "National Defense Mobilization", "defence modernisation",
    "People's Daily", "Peoples Daily", "State Council", "cognitive warfare", "top level design",
    "M.C.F.", "m c f", "P.L.A.", "PLA", "C.M.C.", "bri", "INSS", "A.M.S.",
    "military-civil-fusion", "no such concept", "战略",
]


def page_keys_of(text: str) -> dict[str, dict[str, list[str]]]:
    root = ET.fromstring(text.split("\n", 1)[1])
    (element,) = [script for script in root.iter("{http://www.w3.org/1999/xhtml}script") if script.get("id") == "search-data"]
    keys: dict[str, dict[str, list[str]]] = json.loads(element.text or "")["keys"]
    return keys


def test_the_page_holds_exactly_the_keys_of_the_index() -> None:
    bundled = glossary.load()
    keys = page_keys_of(page(bundled))
    assert set(keys) == {term.id for term in bundled}
    for term in bundled:
        expected: dict[str, set[str]] = {}
        for family, key, _kind, _surface in bundled.derived(term.id)["keys"]:
            expected.setdefault(family, set()).add(key)
        assert {family: set(values) for family, values in keys[term.id].items()} == expected, term.id


def test_the_queries_cover_every_kind_of_key() -> None:
    bundled = glossary.load()
    kinds = {match.kind for query in QUERIES for match in bundled.lookup(query)}
    assert {"hans", "hant", "script", "pinyin", "pinyin-tones", "abbreviation", "en-official", "id"} <= kinds
    assert len(QUERIES) >= 60


@pytest.fixture(scope="module")
def bundled_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("site") / "glossary"
    export(glossary.load(), "html", folder)
    return folder / "index.html"


_RESULTS = (
    "var all = Array.from(document.querySelectorAll('article.term'));"
    "return [all.filter(a => !a.hidden).map(a => a.id.slice(2)), all.filter(a => a.getAttribute('data-match') === 'exact').map(a => a.id.slice(2))];"
)


def _type(driver: Any, text: str) -> tuple[set[str], set[str]]:
    """Type a query into the search box key by key; the concepts shown, and those it matched exactly."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    box = driver.find_element(By.ID, "q")
    box.send_keys(Keys.CONTROL, "a")
    box.send_keys(Keys.DELETE)
    box.send_keys(text)
    assert box.get_attribute("value") == text
    shown, exact = driver.execute_script(_RESULTS)
    return set(shown), set(exact)


def _paste(driver: Any, texts: list[str]) -> list[tuple[set[str], set[str]]]:
    """Each query put into the search box in one input event, as a paste or an input method commits it."""
    results = driver.execute_script(
        "var box = document.getElementById('q');"
        "return arguments[0].map(function (text) {"
        "  box.value = text; box.dispatchEvent(new InputEvent('input', {inputType: 'insertFromPaste'}));"
        "  return (function () {" + _RESULTS + "})();"
        "});",
        texts,
    )
    return [(set(shown), set(exact)) for shown, exact in results]


@pytest.mark.slow
def test_the_search_box_finds_what_lookup_finds(browser: Any, bundled_site: Path) -> None:
    bundled = glossary.load()
    browser.get(bundled_site.as_uri())
    # the script computes the same keys as the Python index ...
    got = browser.execute_script("return arguments[0].map(q => window.glossaryQueryKeys(q))", QUERIES)
    assert dict(zip(QUERIES, ([tuple(pair) for pair in keys] for keys in got))) == {query: bundled.query_keys(query) for query in QUERIES}
    # ... so the concepts it matches exactly are those lookup finds, and it shows them all
    typed = QUERIES[::15]  # key by key costs a second or two a query here: a few of them
    results = dict(zip(QUERIES, _paste(browser, QUERIES)))
    results.update((query, _type(browser, query)) for query in typed)
    missed = {}
    for query, (shown, exact) in results.items():
        found = {match.term.id for match in bundled.lookup(query)}
        if exact != found or not found <= shown:
            missed[query] = (sorted(found), sorted(exact))
    assert not missed
    # found as one types: a part of a key finds the concepts that hold it
    (shown, exact), (shown_too, _) = _paste(browser, ["zhanlue", "世界網際"])
    assert "national-strategic-goals" in shown and not exact
    assert shown_too == {"world-internet-conference"}


@pytest.mark.slow
def test_the_script_folds_any_text_like_python(browser: Any, bundled_site: Path) -> None:
    """Odd input too: the script's keys equal query_keys on text no reader would type."""
    bundled = glossary.load()
    browser.get(bundled_site.as_uri())
    odd = ["", "   ", "ß", "STRASSE", "ǅ", "İstanbul", "ﬁre", "lü4e", "Lüè", "2035 nián", "nian2 2035", "a1b", "xi'an", "xian",
           "n", "ng", "hm", "ü", "u:", "e\u0301", "\u0301a", "军 ", "〇", "𠀀", "\u00a0mcf\u2003", "zhōng-guó", "中国 china", "‘the’ defence", "the", "the the"]
    got = browser.execute_script("return arguments[0].map(q => window.glossaryQueryKeys(q))", odd)
    assert [[tuple(pair) for pair in keys] for keys in got] == [bundled.query_keys(query) for query in odd]


# what a query is made of: letters, digits, tone marks and numbers, pinyin syllables,
# separators, punctuation, full-width and odd-case characters, simplified and traditional Han
_PIECES = st.one_of(
    st.text(LATIN + SPECIAL + SIMPLIFIED + TRADITIONAL + "\u0304\u0301\u030c\u0300\u0308ü:·\u3000ＡＢｃ１ßİ\t", min_size=1, max_size=4),
    st.sampled_from(SYLLABLES),
    st.sampled_from(["lue", "lve", "lv", "nue", "u:", "'", "the ", "defence", "isation", "2035", "0", "5"]),
)
_QUERY_TEXTS = st.lists(_PIECES, max_size=6).map("".join)


@pytest.mark.slow
@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_QUERY_TEXTS, min_size=40, max_size=40))
def test_the_script_gives_any_text_the_keys_python_gives_it(browser: Any, bundled_site: Path, queries: list[str]) -> None:
    if browser.current_url != bundled_site.as_uri():
        browser.get(bundled_site.as_uri())
    got = browser.execute_script("return arguments[0].map(q => window.glossaryQueryKeys(q))", queries)
    assert {query: [tuple(pair) for pair in keys] for query, keys in zip(queries, got)} == {query: glossary.Glossary.query_keys(query) for query in queries}
