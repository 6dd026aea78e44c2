"""glossary stats, and the generated docs/glossary.md."""

from __future__ import annotations

import json

from conftest import FIXTURE_TERMS, ROOT

import glossary
from glossary.authoring.docpage import render_glossary_page
from glossary.analysis.stats import glossary_stats


def test_stats_of_the_fixture(fixture_glossary: glossary.Glossary) -> None:
    stats = glossary_stats(fixture_glossary)
    assert stats["concepts"] == 3
    assert stats["categories"] == {"strategy": 3}
    assert stats["renderings"] == {"official": 1, "source": 3}
    assert stats["relations"] == {"successor-of": 1}
    assert stats["coverage"]["official_rendering"] == {"count": 1, "share": 0.333}
    assert stats["coverage"]["first_use"]["count"] == 2
    assert stats["coverage"]["literal_rendering"] == {"count": 0, "share": 0.0}
    assert list(stats["coverage"]) == ["official_rendering", "literal_rendering", "first_use", "definition", "abbreviation"]
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


def test_stats_show_how_full_each_field_is_in_text(fixture_glossary: glossary.Glossary) -> None:
    from glossary.analysis.stats import render_stats

    text = render_stats(glossary_stats(fixture_glossary))
    assert text.endswith(
        "coverage (concepts with the field, of 3):\n"
        "  official rendering      1   33%\n"
        "  literal rendering       0    0%\n"
        "  first use               2   67%   (of 3; 3 that have one: 67%; 0 have none to give)\n"
        "  definition              0    0%\n"
        "  abbreviation            2   67%"
    )


def test_an_empty_glossary_has_no_coverage() -> None:
    from termdata import glossary_of

    stats = glossary_stats(glossary_of())
    assert stats["concepts"] == 0 and stats["coverage"]["first_use"] == {"count": 0, "share": 0.0, "none_to_give": 0, "applicable": 0, "share_of_applicable": 0.0}


def test_stats_missing_lists_the_concepts_lacking_a_field(cli) -> None:
    bundled = glossary.load()
    result = cli("stats", "--missing", "first-use")
    assert result.code == 0
    ids = [line.split("\t")[0] for line in result.out.splitlines()]
    assert ids == [term.id for term in bundled if term.first_use is None and term.no_first_use is None]
    rows = json.loads(cli("stats", "--missing", "official", "--json").out)
    assert rows["field"] == "official_rendering"
    assert [row["id"] for row in rows["missing"]] == [term.id for term in bundled if not term.renderings("official")]
    assert cli("stats", "--missing", "pinyin").code == 2
