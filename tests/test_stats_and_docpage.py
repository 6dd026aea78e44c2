"""glossary stats, and the generated docs/glossary.md."""

from __future__ import annotations

import json

from conftest import FIXTURE_TERMS, ROOT

import glossary
from glossary.docpage import render_glossary_page
from glossary.stats import glossary_stats


def test_stats_of_the_fixture(fixture_glossary: glossary.Glossary) -> None:
    stats = glossary_stats(fixture_glossary)
    assert stats["concepts"] == 3
    assert stats["categories"] == {"strategy": 3}
    assert stats["renderings"] == {"official": 1, "source": 3}
    assert stats["relations"] == {"successor-of": 1}
    assert stats["coverage"]["official_rendering"] == {"count": 1, "share": 0.333}
    assert stats["coverage"]["first_use"]["count"] == 2
    assert stats["abbreviations"] == 2 and stats["variants"] == 1


def test_stats_cli(cli) -> None:
    result = cli("stats", "--json")
    assert result.code == 0
    assert json.loads(result.out)["concepts"] == len(glossary.load())
    text = cli("stats", "--glossary", str(FIXTURE_TERMS))
    assert text.code == 0 and "coverage" in text.out and "official rendering" in text.out


def test_the_glossary_page_lists_terms_in_pinyin_order_with_an_abbreviation_index(fixture_glossary: glossary.Glossary) -> None:
    page = render_glossary_page(fixture_glossary)
    assert page.index("### 军民融合") < page.index("### 双循环") < page.index("### 一体化国家战略体系")
    assert "| MCF | [军民融合 civil-military integration](#military-civil-fusion) |" in page
    assert "- successor of: [军民融合" in page and "- predecessor of: [一体化国家战略体系" in page
    assert "## J" in page and '<a id="letter-j"></a>' in page


def test_the_committed_glossary_page_is_current(bundled: glossary.Glossary) -> None:
    assert (ROOT / "docs" / "glossary.md").read_text(encoding="utf-8") == render_glossary_page(bundled), "run `glossary build`"
