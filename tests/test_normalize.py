"""Normalisers and query detection: the forms users type, and properties on any input."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from glossary.core import normalize, pinyin
from glossary.core._tables import FOLD_FROM, FOLD_TO
from glossary.errors import PinyinError
from glossary.core.normalize import abbreviation_key, chinese_key, detect, english_key, latin_base, pinyin_keys


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("军民融合", "军民融合"),
        ("軍民融合", "军民融合"),
        ("軍民融合", "军民融合"),  # mixed simplified and traditional characters
        ("  军民 融合 ", "军民融合"),
        ("军民\u3000融合", "军民融合"),  # ideographic space
        ("“军民融合”", "军民融合"),
        ("「軍民融合」", "军民融合"),
        ("『軍民融合』", "军民融合"),
        ("《军民融合发展战略纲要》", "军民融合发展战略纲要"),
        ("\ufeff军民\u200b融合", "军民融合"),
        ("十四五", "十四五"),
        ("２０３５年", "2035年"),  # full-width digits
        ("裏", "里"),  # Hong Kong / OpenCC-standard form
        ("裡", "里"),  # Taiwan form
    ],
)
def test_chinese_key(text: str, key: str) -> None:
    assert chinese_key(text) == key


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("Military-Civil Fusion", "military civil fusion"),
        ("military–civil fusion", "military civil fusion"),  # en dash
        ("MILITARY—CIVIL  FUSION", "military civil fusion"),  # em dash, double space
        ("military\u2010civil fusion", "military civil fusion"),  # Unicode hyphen
        ("The Holistic National Security Outlook", "holistic national security outlook"),
        ("the the outlook", "outlook"),
        ("“dual circulation”", "dual circulation"),
        ("China’s Military Strategy", "chinas military strategy"),
        ("national defence", "national defense"),
        ("Western Theatre Command", "western theater command"),
        ("informatisation", "informatization"),
        ("modernisations", "modernizations"),
        ("ｍｉｌｉｔａｒｙ", "military"),  # full-width Latin
        ("U.S.", "us"),
        ("the", "the"),
    ],
)
def test_english_key(text: str, key: str) -> None:
    assert english_key(text) == key


@pytest.mark.parametrize(("text", "key"), [("p.l.a.", "pla"), ("P L A", "pla"), ("PLA", "pla"), ("H.N.S.O.", "hnso"), ("ＭＣＦ", "mcf"), ("c-mcfdc", "cmcfdc")])
def test_abbreviation_key(text: str, key: str) -> None:
    assert abbreviation_key(text) == key


@pytest.mark.parametrize(
    ("text", "keys"),
    [
        ("jūnmín rónghé", ("jun1min2rong2he2", "junminronghe")),
        ("Jūnmín Rónghé", ("jun1min2rong2he2", "junminronghe")),
        ("jun1 min2 rong2 he2", ("jun1min2rong2he2", "junminronghe")),
        ("jun1min2rong2he2", ("jun1min2rong2he2", "junminronghe")),
        ("junminronghe", (None, "junminronghe")),
        ("jun min rong he", (None, "junminronghe")),
        ("jun-min rong'he", (None, "junminronghe")),
        ("zhànlüè", ("zhan4lve4", "zhanlve")),
        ("zhan4lv4e4".replace("v4e", "ve"), ("zhan4lve4", "zhanlve")),
        ("zhan4lu:e4", ("zhan4lve4", "zhanlve")),
        ("zhanlue", (None, "zhanlve")),
        ("ZHANLÜE", (None, "zhanlve")),
        ("nǚ", ("nv3", "nv")),
        ("Xī'ān", ("xi1an1", "xian")),
        ("de5", ("de5", "de")),
        ("2035 nián", ("2035nian2", "2035nian")),
        ("not pinyin!", (None, None)),
        ("mcf", (None, None)),
    ],
)
def test_pinyin_keys(text: str, keys: tuple[str | None, str | None]) -> None:
    assert pinyin_keys(text) == keys


def test_pinyin_forms_of_curated_spellings() -> None:
    assert pinyin.numbered("yītǐhuà guójiā zhànlüè tǐxì") == "yi1ti3hua4 guo2jia1 zhan4lve4 ti3xi4"
    assert pinyin.toneless("Zhōngyāng Jūnmín Rónghé") == "zhongyang junmin ronghe"
    assert pinyin.parse("xian") == [[("xian", None)]]  # fewest syllables: xian, not xi'an
    assert pinyin.marked_from_numbered("jun1min2 rong2he2") == "jūnmín rónghé"
    assert pinyin.marked_from_numbered("zhan4lve4") == "zhànlüè"
    with pytest.raises(PinyinError):
        pinyin.parse("qwrt")


@pytest.mark.parametrize(
    ("query", "kinds"),
    [
        ("军民融合", ("chinese",)),
        ("軍民融合 strategy", ("chinese",)),
        ("MCF", ("abbreviation", "english")),
        ("p.l.a.", ("abbreviation", "english")),
        ("junminronghe", ("pinyin", "abbreviation", "english")),
        ("jūnmín rónghé", ("pinyin", "english")),
        ("military civil fusion", ("english",)),
        ("military-civil-fusion", ("english", "id")),
        ("", ()),
        ("  ", ()),
        ("!!!", ()),
    ],
)
def test_detect(query: str, kinds: tuple[str, ...]) -> None:
    assert detect(query) == kinds


NORMALISERS = [chinese_key, english_key, abbreviation_key, latin_base]


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_normalisers_never_raise_and_are_idempotent(text: str) -> None:
    for normalise in NORMALISERS:
        once = normalise(text)
        assert isinstance(once, str)
        assert normalise(once) == once, normalise.__name__


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from("abcdefghijklmnopqrstuvwxyzāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü12345 '-:v"), max_size=30))
def test_pinyin_keys_never_raise_and_are_stable(text: str) -> None:
    numbered, toneless = pinyin_keys(text)
    if toneless is not None:
        assert pinyin_keys(toneless)[1] == toneless
    if numbered is not None:
        assert pinyin_keys(numbered) == (numbered, toneless)


@settings(max_examples=200, deadline=None)
@given(st.text())
def test_detect_and_pinyin_keys_never_raise(text: str) -> None:
    assert set(detect(text)) <= {"chinese", "abbreviation", "english", "pinyin", "id"}
    pinyin_keys(text)


def test_non_strings_give_empty_keys() -> None:
    for normalise in NORMALISERS:
        assert normalise(None) == ""  # type: ignore[arg-type]
    assert pinyin_keys(None) == (None, None)  # type: ignore[arg-type]
    assert detect(None) == ()  # type: ignore[arg-type]


def test_slogans_in_pinyin_may_carry_punctuation() -> None:
    from glossary.authoring.validate import check_pinyin

    spelled = "ānquán shì fāzhǎn de qiántí, fāzhǎn shì ānquán de bǎozhàng"
    assert pinyin.toneless(spelled).startswith("anquan shi fazhan de qianti fazhan")
    assert check_pinyin("安全是发展的前提，发展是安全的保障", spelled) == []


def test_the_ideographic_zero_counts_as_a_character() -> None:
    from glossary.core.normalize import has_han
    from glossary.authoring.validate import check_pinyin

    assert has_han("〇")
    assert check_pinyin("二〇三五年", "èrlíngsānwǔ nián") == []
    assert check_pinyin("二〇三五年", "èrsānwǔ nián") != []


@pytest.mark.parametrize("char", ["军", "軍", "〇", "㐀", "\U00020000", "\U00031350", "\uf900", "\U0002f800"])
def test_is_han_counts_ideographs_and_the_ideographic_zero(char: str) -> None:
    from glossary.core.normalize import has_han, is_han

    assert is_han(char) and has_han(f"a{char}b")


@pytest.mark.parametrize("char", ["a", "1", "、", "。", "ア", "ㄅ", "⺀", "—", " "])
def test_is_han_rejects_punctuation_kana_bopomofo_radicals_and_latin(char: str) -> None:
    from glossary.core.normalize import is_han

    assert not is_han(char)


def test_one_han_test_everywhere_a_year_in_ideographic_numerals_is_chinese_text() -> None:
    from glossary.formats._tabular import has_han as tabular_has_han
    from pydantic import TypeAdapter

    from glossary.core.model import ChineseText

    assert tabular_has_han("〇") is True
    assert TypeAdapter(ChineseText).validate_python("〇〇") == "〇〇"


def test_scan_and_the_html_page_use_normalize_spellings_and_dashes() -> None:
    from glossary.analysis import fold, spelling
    from glossary.core import normalize

    assert spelling._spellings_of("defence") == ("defence", "defense")
    assert set(normalize.DASHES) <= set(fold._SIMPLE_FOLDS)



_FOLD_ALPHABET = st.one_of(st.sampled_from(FOLD_FROM + FOLD_TO + "“”「」《》\u200b\ufeff\"' "), st.characters())


@given(st.text(alphabet=_FOLD_ALPHABET, max_size=40))
def test_folding_one_character_at_a_time_is_the_table_fold(text: str) -> None:
    # short text is folded before the table exists (a lookup's query): it must fold the same
    table = normalize.chinese_table()
    saved = normalize._chinese_table, normalize._fold_budget
    normalize._chinese_table, normalize._fold_budget = None, len(text)
    try:
        folded = normalize.fold_chinese(text)
        assert normalize._chinese_table is None
    finally:
        normalize._chinese_table, normalize._fold_budget = saved
    assert folded == text.translate(table)


def test_the_fold_table_is_built_once_the_character_budget_is_spent() -> None:
    saved = normalize._chinese_table, normalize._fold_budget
    normalize._chinese_table, normalize._fold_budget = None, 6
    try:
        assert normalize.fold_chinese("軍民融合") == "军民融合"
        assert normalize._chinese_table is None
        assert normalize.fold_chinese("「軍民」") == "军民"  # six characters, two left in the budget
        assert normalize._chinese_table is not None
    finally:
        normalize._chinese_table, normalize._fold_budget = saved


def test_the_scanner_fold_table_is_each_candidate_folded_one_at_a_time() -> None:
    # the table is built a block at a time (a block NFKC and case folding leave alone is skipped
    # but for its simple folds); it must equal the definition, every candidate stepped to a fixed point
    from glossary.analysis import fold

    expected = {}
    for code in fold._candidate_codes():
        if 0xD800 <= code <= 0xDFFF:
            continue
        char = out = chr(code)
        for _ in range(9):
            out, before = fold._fold_step(out), out
            if out == before:
                break
        if out != char:
            expected[code] = out
    assert fold.fold_table() == expected
    assert fold.fold_table()[ord("麼")] == "幺" and fold.fold_table()[ord("Ｍ")] == "m"


@pytest.mark.parametrize("written", ["产业链、供应链", "产业链﹑供应链", "产业链供应链", "「产业链、供应链」"])
def test_a_chinese_key_does_not_turn_on_the_enumeration_comma(written: str) -> None:
    # PRC texts write the same list with and without 、
    assert normalize.chinese_key(written) == "产业链供应链"


@pytest.mark.parametrize("dash", ["-", "—", "–", "－", "―", "～", "〜", "~", "‐"])
def test_a_chinese_key_writes_every_dash_of_a_year_range_alike(dash: str) -> None:
    # one title is printed 2006-2020, 2006—2020 and 2006～2020 by different outlets
    assert normalize.chinese_key(f"规划纲要（2006{dash}2020年）") == "规划纲要(2006-2020年)"
    assert normalize.fold_chinese(f"2006{dash}2020") == "2006-2020"  # the fold alone, before NFKC, too


def test_a_lookup_finds_a_title_whatever_dash_its_year_range_has() -> None:
    import glossary

    bundled = glossary.load()
    for dash in "-—～":
        found = bundled.lookup(f"国家中长期科学和技术发展规划纲要（2006{dash}2020年）")
        assert [match.term.id for match in found] == ["medium-and-long-term-science-and-technology-plan"]
