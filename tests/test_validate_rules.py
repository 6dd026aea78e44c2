"""The checks that keep the data true: quotes hold what they are cited for, dates agree.

Each rule has a bad case (the fixture folder broken one way) and the good case next to it;
the untouched fixture folder passes every rule (tests/test_terms_folder.py).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from glossary.authoring.validate import earlier, quoted_in, validate_path

MCF = "military-civil-fusion.toml"
INSS = "integrated-national-strategic-system.toml"
DUAL = "dual-circulation.toml"


def problems_of(folder: Path) -> list[str]:
    return [str(problem) for problem in validate_path(folder, slow_checks=False)]


def edit(folder: Path, name: str, old: str, new: str, count: int = 1) -> None:
    path = folder / name
    text = path.read_text(encoding="utf-8")
    assert text.count(old) >= count, f"{old!r} is not in {name}"
    path.write_text(text.replace(old, new, count), encoding="utf-8")


# --- an English rendering's quotes hold it ----------------------------------------


def test_an_official_rendering_whose_quote_lacks_it_is_an_error(terms_copy: Path) -> None:
    edit(terms_copy, MCF, 'quote = "civil-military integration"', 'quote = "integration of the military and civilians"')
    (problem,) = problems_of(terms_copy)
    assert problem.endswith(
        "military-civil-fusion.toml:25: en[1].sources: no quote of an official document it cites contains the official rendering "
        "'civil-military integration' (cite a quote that holds it, or make it literal or deprecated) [quotes]"
    )


def test_an_official_rendering_must_be_held_by_the_quote_of_an_official_document(terms_copy: Path) -> None:
    # the brief (an analysis) writes the English; the official document does not
    edit(terms_copy, MCF, 'quote = "civil-military integration"', 'quote = "integration of the military and civilians"')
    brief = '[[en.sources]]\ndoc = "fixture-brief"\nlocator = "p. 9"\nquote = "what Beijing calls civil-military integration"\n\n[[abbreviations]]'
    edit(terms_copy, MCF, "[[abbreviations]]", brief)
    (problem,) = problems_of(terms_copy)
    assert "no quote of an official document it cites contains the official rendering" in problem
    edit(terms_copy, MCF, 'kind = "official"', 'kind = "source"')
    assert problems_of(terms_copy) == []


@pytest.mark.parametrize("kind", ["source", "alternative"])
def test_source_and_alternative_renderings_are_checked_too(terms_copy: Path, kind: str) -> None:
    edit(terms_copy, DUAL, 'text = "dual circulation"\nkind = "source"', f'text = "double cycle"\nkind = "{kind}"')
    (problem,) = problems_of(terms_copy)
    assert f"dual-circulation.toml:21: en[0].sources: no quote it cites contains the {kind} rendering 'double cycle'" in problem


@pytest.mark.parametrize("kind", ["literal", "deprecated"])
def test_literal_and_deprecated_renderings_cite_what_they_gloss_or_describe(terms_copy: Path, kind: str) -> None:
    edit(terms_copy, DUAL, 'text = "dual circulation"\nkind = "source"', f'text = "double cycle"\nkind = "{kind}"')
    assert problems_of(terms_copy) == []


def test_one_quote_holding_the_rendering_attests_it_beside_quotes_of_context(terms_copy: Path) -> None:
    edit(
        terms_copy,
        DUAL,
        '[[en.sources]]\ndoc = "fixture-brief"\nlocator = "p. 5"\nquote = "“dual circulation” (双循环)"',
        '[[en.sources]]\ndoc = "fixture-brief"\nlocator = "p. 5"\nquote = "“dual circulation” (双循环)"\n\n'
        '[[en.sources]]\ndoc = "fixture-brief"\nlocator = "p. 6"\nquote = "announced in May 2020"',
    )
    assert problems_of(terms_copy) == []
    edit(terms_copy, DUAL, 'locator = "p. 5"\nquote = "“dual circulation” (双循环)"\n\n[[en.sources]]', 'locator = "p. 5"\nquote = "双循环"\n\n[[en.sources]]')
    (problem,) = problems_of(terms_copy)
    assert "en[0].sources: no quote it cites contains the source rendering 'dual circulation'" in problem


def test_case_dashes_quote_marks_emphasis_and_spaces_are_folded(terms_copy: Path) -> None:
    edit(terms_copy, MCF, 'quote = "civil-military integration"', 'quote = "pursue *Civil\u2013Military \u00a0 Integration*, he said"')
    edit(terms_copy, DUAL, 'text = "dual circulation"', 'text = "China\u2019s \\"dual circulation\\""')
    edit(terms_copy, DUAL, 'quote = "“dual circulation” (双循环)"', "quote = \"China's \u201cDual-Circulation\u201d (双循环)\"", count=2)
    assert problems_of(terms_copy) == []


def test_a_rendering_must_stand_as_whole_words_in_the_quote(terms_copy: Path) -> None:
    edit(terms_copy, MCF, 'quote = "civil-military integration"', 'quote = "paracivil-military integrations"')
    (problem,) = problems_of(terms_copy)
    assert "[quotes]" in problem


# --- a Chinese form's quotes hold it ----------------------------------------------


def test_a_quote_without_the_chinese_form_is_an_error(terms_copy: Path) -> None:
    edit(terms_copy, DUAL, "“dual circulation” (双循环)", "“dual circulation” (循环)", count=2)
    problems = problems_of(terms_copy)
    assert any(
        problem.endswith("dual-circulation.toml:18: zh.sources: no quote contains the Chinese form '双循环' or '雙循環' [quotes]")
        for problem in problems
    )


def test_either_script_of_the_form_in_either_script_of_the_quote_will_do(terms_copy: Path) -> None:
    # the traditional form, and a quote mixing scripts with spaces and quote marks inside
    edit(terms_copy, DUAL, "“dual circulation” (双循环)", "“dual circulation”（「雙 循環」）", count=2)
    edit(terms_copy, MCF, 'quote = "military-civil fusion (MCF; 军民融合)"', 'quote = "military-civil fusion (MCF; 軍民融合)"', count=3)
    assert problems_of(terms_copy) == []


def test_a_variant_quote_must_hold_the_variant(terms_copy: Path) -> None:
    variant = (
        '[[zh.variants]]\ntext = "军民融合战略"\nkind = "full-form"\n\n[[zh.variants.sources]]\n'
        'doc = "fixture-brief"\nlocator = "p. 2"\nquote = "QUOTE"\n\n[[zh.sources]]'
    )
    edit(terms_copy, MCF, "[[zh.sources]]", variant.replace("QUOTE", "实施军民融合发展战略"))
    (problem,) = problems_of(terms_copy)
    assert "zh.variants[0].sources: no quote contains the variant '军民融合战略' [quotes]" in problem
    edit(terms_copy, MCF, "实施军民融合发展战略", "实施軍民融合戰略")
    assert problems_of(terms_copy) == []


# --- a first use's quotes hold the Chinese term -------------------------------------

MCF_FIRST_USE = 'quote = "In 2015, Xi elevated MCF (军民融合) to a national-level priority."'


def test_a_first_use_whose_quotes_lack_the_chinese_term_is_an_error(terms_copy: Path) -> None:
    # an English account of the idea does not show the Chinese term in use on that date
    edit(terms_copy, MCF, MCF_FIRST_USE, 'quote = "In 2015, Xi elevated MCF to a national-level priority."')
    (problem,) = problems_of(terms_copy)
    assert "military-civil-fusion.toml:47: first_use.sources: no quote contains the Chinese term '军民融合' or a variant of it" in problem
    assert problem.endswith("[quotes]")


def test_a_first_use_quote_may_hold_the_traditional_form_or_a_variant(terms_copy: Path) -> None:
    edit(terms_copy, MCF, MCF_FIRST_USE, 'quote = "In 2015, Xi elevated 軍民融合 to a national-level priority."')
    assert problems_of(terms_copy) == []
    # a short form listed as a variant of the entry dates it too
    variant = (
        '[[zh.variants]]\ntext = "军融"\nkind = "short-form"\n\n[[zh.variants.sources]]\n'
        'doc = "fixture-brief"\nlocator = "p. 2"\nquote = "简称军融"\n\n[[zh.sources]]'
    )
    edit(terms_copy, MCF, "[[zh.sources]]", variant)
    edit(terms_copy, MCF, "In 2015, Xi elevated 軍民融合 to", "In 2015, Xi elevated 军融 to")
    assert problems_of(terms_copy) == []


@pytest.mark.parametrize("category", ["institution", "publication", "event", "military-unit", "law", "plan"])
def test_a_founding_or_issue_date_may_be_dated_by_a_report_in_any_language(terms_copy: Path, category: str) -> None:
    edit(terms_copy, MCF, MCF_FIRST_USE, 'quote = "Established in 2015, the commission"')
    edit(terms_copy, MCF, 'category = "strategy"', f'category = "{category}"')
    assert problems_of(terms_copy) == []


def test_a_loan_concept_dated_by_its_coinage_abroad_says_so(terms_copy: Path) -> None:
    edit(terms_copy, MCF, MCF_FIRST_USE, 'quote = "the concept was coined in 2015"')
    assert len(problems_of(terms_copy)) == 1
    edit(terms_copy, MCF, 'date = "2015"\n', 'date = "2015"\nnote = "Coined abroad: the concept\'s coinage, not the Chinese term\'s first attestation."\n')
    assert problems_of(terms_copy) == []


def test_a_first_use_dated_by_an_official_translation_says_so_and_quotes_it(terms_copy: Path) -> None:
    # only the official English of the dated text was found: the note says so, an official document's quote holds an official rendering
    translated = (
        'date = "2015"\nnote = "Official translation: only the official English of the speech was found."\n\n'
        '[[first_use.sources]]\ndoc = "fixture-official"\nlocator = "p. 1"\nquote = "to deepen civil-military integration"\n'
    )
    edit(terms_copy, MCF, MCF_FIRST_USE, 'quote = "In 2015, Xi elevated MCF to a national-level priority."')
    edit(terms_copy, MCF, 'date = "2015"\n', translated)
    assert problems_of(terms_copy) == []
    # the marker without such a quote: the English of an analyst's brief is not an official translation
    edit(terms_copy, MCF, 'doc = "fixture-official"\nlocator = "p. 1"', 'doc = "fixture-brief"\nlocator = "p. 1"')
    (problem,) = problems_of(terms_copy)
    assert "first_use.sources: the note says the date rests on an official translation, but no quote of an official document" in problem


# --- dates --------------------------------------------------------------------------


def test_a_rendering_dated_before_the_first_use_is_an_error(terms_copy: Path) -> None:
    edit(terms_copy, MCF, 'kind = "official"', 'kind = "official"\ndate = "2014-03"')
    (problem,) = problems_of(terms_copy)
    assert problem.endswith(
        "military-civil-fusion.toml:27: en[1].date: the rendering 'civil-military integration' is dated 2014-03, "
        "before the first use 2015: correct the first use or the date [dates]"
    )


@pytest.mark.parametrize("date", ["2015", "2015-01", "2015-01-01", "2016", "2023-05-06"])
def test_a_rendering_dated_in_or_after_the_first_use_passes(terms_copy: Path, date: str) -> None:
    edit(terms_copy, MCF, 'kind = "official"', f'kind = "official"\ndate = "{date}"')
    assert problems_of(terms_copy) == []


def test_dates_of_different_precision_are_compared_at_the_coarser_one(terms_copy: Path) -> None:
    # INSS: first use 2017-10; a rendering of "2017" may be October or later
    edit(terms_copy, INSS, 'kind = "source"', 'kind = "source"\ndate = "2017"')
    assert problems_of(terms_copy) == []
    edit(terms_copy, INSS, 'date = "2017"', 'date = "2017-09-30"')
    assert ["en[0].date" in problem and "[dates]" in problem for problem in problems_of(terms_copy)] == [True]


def test_a_relation_dated_before_the_first_use_is_an_error(terms_copy: Path) -> None:
    edit(terms_copy, INSS, 'target = "military-civil-fusion"', 'target = "military-civil-fusion"\ndate = "2016"')
    problems = problems_of(terms_copy)
    assert any(
        "relations[0].date: the successor-of relation to military-civil-fusion is dated 2016, before the first use 2017-10" in problem
        for problem in problems
    )


def test_a_decade_first_use_allows_any_use_in_that_decade(terms_copy: Path) -> None:
    edit(terms_copy, MCF, 'date = "2015"', 'date = "2010"\nprecision = "decade"')
    edit(terms_copy, MCF, 'kind = "official"', 'kind = "official"\ndate = "2010-01"')
    assert problems_of(terms_copy) == []
    edit(terms_copy, MCF, 'date = "2010-01"', 'date = "2009-12"')
    assert ["2009-12, before the first use 2010" in problem for problem in problems_of(terms_copy)] == [True]


def test_a_successor_dated_before_its_predecessor_is_an_error(terms_copy: Path) -> None:
    # INSS succeeds MCF (first used 2015); a succession dated 2014 predates the predecessor
    edit(terms_copy, INSS, 'date = "2017-10"', 'date = "2010"\nprecision = "decade"')
    edit(terms_copy, INSS, 'target = "military-civil-fusion"', 'target = "military-civil-fusion"\ndate = "2014"')
    (problem,) = problems_of(terms_copy)
    assert problem.endswith(
        "integrated-national-strategic-system.toml:44: relations[0].date: the succession is dated 2014, "
        "before military-civil-fusion (its predecessor) was first used (2015) [dates]"
    )
    edit(terms_copy, INSS, 'date = "2014"', 'date = "2015"')
    assert problems_of(terms_copy) == []


# --- the helpers ----------------------------------------------------------------------


def test_quoted_in_folds_what_the_docs_say_and_nothing_more() -> None:
    assert quoted_in("People's Daily", "*People\u2019s Daily* (人民日报)")
    assert quoted_in("whole-of-nation system", "a WHOLE OF NATION\u00a0system")
    assert quoted_in("U.S.", "the US said")
    assert not quoted_in("defence", "national defense")  # spelling is not folded: quotes are verbatim
    assert quoted_in("IT application", "with IT applications coming a long way")  # a plural holds its singular
    assert quoted_in("informationized war", "winning informationized wars")
    assert not quoted_in("informationized wars", "an informationized war")
    assert not quoted_in("war", "a warship")
    assert not quoted_in("", "anything")
    assert quoted_in("國家安全", "维护国家安全", chinese=True)
    assert not quoted_in("国家安全", "国家的安全", chinese=True)


@given(st.text(alphabet="abcXYZ -\u2013'\u2019", min_size=1, max_size=12), st.text(alphabet="xyz ,.", max_size=8), st.text(alphabet="xyz ,.", max_size=8))
def test_a_form_is_always_quoted_in_a_sentence_holding_it(form: str, before: str, after: str) -> None:
    if form.strip(" -\u2013'\u2019"):
        assert quoted_in(form, f"{before} {form.upper()} {after}")


@given(st.dates(), st.dates(), st.sampled_from([4, 7, 10]), st.sampled_from([4, 7, 10]))
def test_earlier_never_holds_both_ways_and_agrees_with_full_dates(one, two, first: int, second: int) -> None:  # noqa: ANN001
    a, b = one.isoformat()[:first], two.isoformat()[:second]
    assert not (earlier(a, b) and earlier(b, a))
    if earlier(a, b):
        assert one < two
    if first == second == 10:
        assert earlier(a, b) == (one < two)
