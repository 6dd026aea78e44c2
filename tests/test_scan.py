"""Glossary.scan: offsets into the original text, folding, boundaries, exactness, both engines, pickling."""

from __future__ import annotations

import pickle
import threading
import random
from collections import Counter
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import glossary
from glossary.analysis.glossary import Glossary
from glossary.analysis.fold import fold, is_word_char
from glossary.analysis.hits import Hit
from glossary.analysis.scanner import Scanner


def make_glossary(forms: list[tuple[str, str, str]]) -> Glossary:
    """A glossary straight from compiled dicts: one term per (family, surface, kind)."""
    terms: list[dict[str, Any]] = []
    derived: list[dict[str, Any]] = []
    for number, (family, surface, kind) in enumerate(forms):
        term_id = f"term-{number:03d}"
        terms.append(
            {
                "schema_version": 1,
                "id": term_id,
                "category": "concept",
                "zh": {"hans": "中", "hant": "中", "pinyin": "zhōng", "variants": [], "sources": []},
                "en": [{"text": "x", "kind": "source", "sources": []}],
                "abbreviations": [],
                "relations": [],
                "shares_keys_with": [],
            }
        )
        derived.append({"pinyin_numbered": "zhong1", "pinyin_toneless": "zhong", "keys": [[family, surface, kind, surface]]})
    return Glossary({"compiler": 1, "sources": {}, "terms": terms, "derived": derived})


def reference_spans(keys: set[str], text: str) -> list[tuple[int, int]]:
    """Leftmost-longest by brute force: at each position the longest key that passes the boundaries."""
    folded = fold(text)
    spans = []
    position = 0
    ordered = sorted(keys, key=len, reverse=True)
    while position < len(text):
        for key in ordered:
            end = position + len(key)
            if folded[position:end] != key:
                continue
            if is_word_char(key[0]) and position > 0 and is_word_char(folded[position - 1]):
                continue
            if is_word_char(key[-1]) and end < len(text) and is_word_char(folded[end]):
                continue
            spans.append((position, end))
            position = end
            break
        else:
            position += 1
    return spans


def spans_of(scanner: Scanner, text: str) -> list[tuple[int, int]]:
    return [(start, end) for start, end, _ in scanner.spans(text)]


# --- the bundled-style fixture glossary ------------------------------------------------


def test_offsets_point_into_mixed_simplified_traditional_and_full_width_text(fixture_glossary: Glossary) -> None:
    text = "自２０１５年起，軍民融合（ＭＣＦ）與一體化國家战略体系、Military–Civil Fusion。"
    hits = fixture_glossary.scan(text)
    assert [(hit.term.id, hit.surface) for hit in hits] == [
        ("military-civil-fusion", "軍民融合"),
        ("military-civil-fusion", "ＭＣＦ"),
        ("integrated-national-strategic-system", "一體化國家战略体系"),
        ("military-civil-fusion", "Military–Civil Fusion"),
    ]
    for hit in hits:
        assert text[hit.start : hit.end] == hit.surface
        assert fold(hit.surface) == hit.key
    assert [hit.kind for hit in hits] == ["hant", "abbreviation", "hans", "en-source"]
    assert hits[0].matched == "軍民融合" and hits[0].lang == "zh" and hits[3].lang == "en"


def test_longest_form_wins_over_a_shorter_one_inside_it(fixture_glossary: Glossary) -> None:
    extra = make_glossary([("zh", "国家战略", "hans"), ("zh", "一体化国家战略体系", "hans"), ("zh", "战略体系", "hans")])
    assert spans_of(extra.scanner(), "建设一体化国家战略体系和国家战略") == [(2, 11), (12, 16)]


def test_english_matches_need_word_boundaries_chinese_ones_do_not(fixture_glossary: Glossary) -> None:
    text = "用MCF的 MCFs PMCF MCF-related (MCF) MCF2 2MCF"
    hits = fixture_glossary.scan(text)
    assert [hit.surface for hit in hits] == ["MCF", "MCF", "MCF"]
    assert [hit.start for hit in hits] == [1, text.index("MCF-"), text.index("(MCF)") + 1]
    pla = make_glossary([("abbr", "PLA", "abbreviation")])
    assert [hit.surface for hit in pla.scan("The PLAN is not the PLA; P.L.A. and ＰＬＡ are")] == ["PLA", "P.L.A.", "ＰＬＡ"]


def test_a_lower_case_abbreviation_is_not_the_abbreviation(fixture_glossary: Glossary) -> None:
    assert fixture_glossary.scan("mcf and Mcf are words, MCF is the term") == fixture_glossary.scan("xxx and xxx are words, MCF is the term")


def test_english_renderings_match_in_any_case_hyphenation_and_spelling() -> None:
    g = make_glossary([("en", "national defence mobilisation", "en-source"), ("en", "military-civil fusion", "en-source")])
    text = "National Defense Mobilization, military civil fusion and MILITARY‐CIVIL\nFUSION"
    assert [hit.surface for hit in g.scan(text)] == ["National Defense Mobilization", "military civil fusion", "MILITARY‐CIVIL\nFUSION"]


def test_a_longer_candidate_failing_its_boundary_leaves_room_for_a_shorter_or_later_one() -> None:
    g = make_glossary([("en", "security outlook", "en-source"), ("en", "security", "en-source"), ("en", "outlook report", "en-source")])
    # "security outlooks": the longest candidate fails its right boundary, "security" passes
    assert [hit.surface for hit in g.scan("security outlooks")] == ["security"]
    # "security outlook reports": "security outlook" passes and hides "outlook report" (leftmost wins)
    assert [hit.surface for hit in g.scan("security outlook reports")] == ["security outlook"]
    assert [hit.surface for hit in g.scan("xsecurity outlook report")] == ["outlook report"]


def test_after_a_match_fails_its_boundary_the_rest_of_the_text_is_still_found() -> None:
    g = make_glossary(
        [("en", "security outlook", "en-source"), ("en", "outlook report", "en-source"), ("zh", "安全", "hans"), ("zh", "国家安全", "hans")]
    )
    text = "xsecurity outlook report，国家安全；security outlooks 安全 security outlook reports"
    assert [hit.surface for hit in g.scan(text)] == ["outlook report", "国家安全", "安全", "security outlook"]
    assert spans_of(g.scanner(), text) == spans_of(Scanner(g, engine="python"), text)


def test_a_key_ending_inside_a_longer_keys_path_is_found() -> None:
    # pyahocorasick's iter_long misses 军民融合 here; the scanner must not
    g = make_glossary([("zh", "中央军民融合发展委员会", "hans"), ("zh", "军民融合", "hans")])
    assert spans_of(g.scanner(), "中央军民融合发展战略") == [(2, 6)]
    assert spans_of(Scanner(g, engine="python"), "中央军民融合发展战略") == [(2, 6)]


def test_empty_and_termless_text_give_no_hits(fixture_glossary: Glossary) -> None:
    assert fixture_glossary.scan("") == []
    assert fixture_glossary.scan("nothing to see 没有术语") == []
    assert make_glossary([]).scan("军民融合") == []
    with pytest.raises(TypeError):
        fixture_glossary.scan(b"bytes")  # type: ignore[arg-type]


def test_a_huge_text_is_scanned_whole_and_fast_enough(fixture_glossary: Glossary) -> None:
    paragraph = "\u3000\u3000坚持军民融合，建设一体化国家战略体系，推进双循环。The MCF and dual circulation.\n"
    text = paragraph * 40_000  # about 3 MB of UTF-8
    hits = fixture_glossary.scan(text)
    assert len(hits) == 5 * 40_000
    last = hits[-1]
    assert text[last.start : last.end] == "dual circulation" and last.end == len(text) - 2


def test_text_with_lone_surrogates_and_astral_characters_is_scanned(fixture_glossary: Glossary) -> None:
    text = "\ud800军民融合😀𝐌𝐂𝐅 军民融合"
    assert [(hit.start, hit.surface) for hit in fixture_glossary.scan(text)] == [(1, "军民融合"), (6, "𝐌𝐂𝐅"), (10, "军民融合")]


def test_fold_maps_one_character_to_one() -> None:
    assert fold("Ｍilitary–Civil 軍民融合　“quoted” ’") == "military civil 军民融合 \"quoted\" '"
    assert fold("ﬁß½") == "ﬁß½"  # length-changing normalisations are left alone
    sample = "".join(chr(code) for code in range(0x20, 0x3000, 7))
    assert len(fold(sample)) == len(sample) and fold(fold(sample)) == fold(sample)


def test_scanner_is_built_once_and_reused(fixture_glossary: Glossary) -> None:
    assert fixture_glossary.scanner() is fixture_glossary.scanner()
    assert fixture_glossary.scanner().engine == "ahocorasick"  # ahocorasick-rs is a dependency
    with pytest.raises(ValueError):
        Scanner(fixture_glossary, engine="regex")


def test_scanner_and_hits_pickle(fixture_glossary: Glossary) -> None:
    text = "軍民融合与 MCF"
    fixture_glossary.lookup("MCF")  # a filled lookup memo must not get in the way
    scanner = pickle.loads(pickle.dumps(fixture_glossary.scanner()))
    assert scanner.scan(text) == fixture_glossary.scan(text)
    hits = fixture_glossary.scan(text)
    again = pickle.loads(pickle.dumps(hits))
    assert again == hits and isinstance(again[0], Hit) and again[0].term.zh.hans == "军民融合"
    assert scanner.count(text) == {"military-civil-fusion": 2}


def test_hit_to_dict(fixture_glossary: Glossary) -> None:
    (hit,) = fixture_glossary.scan("x 雙循環")
    assert hit.to_dict() == {"id": "dual-circulation", "start": 2, "end": 5, "surface": "雙循環", "matched": "雙循環", "kind": "hant", "lang": "zh"}


def test_bundled_glossary_scans() -> None:
    hits = glossary.load().scan("军民融合与总体国家安全观")
    assert {hit.term.id for hit in hits} == {"military-civil-fusion", "holistic-national-security-outlook"}


def test_bundled_national_security_is_tagged_only_where_no_longer_term_holds_it() -> None:
    # 国家安全 is an entry of its own: the longer names built on it must still win.
    text = "中央国家安全委员会、总体国家安全观、中国特色国家安全道路和国家安全"
    hits = glossary.load().scan(text)
    assert [hit.term.id for hit in hits] == [
        "central-national-security-commission",
        "holistic-national-security-outlook",
        "national-security-path-with-chinese-characteristics",
        "national-security",
    ]
    assert hits[-1].start == text.rindex("国家安全")


# --- exactness against a brute-force reference -------------------------------------------

_CHINESE = "军民融合国家安全"
# traditional, full-width and mathematical (beyond the BMP) letters, ideographic
# space, full-width comma, dashes and a line break: all folded only where they matter
_TEXT = _CHINESE + "軍國ab AB-—　ＭＡ\n，𝐚"
_keys_zh = st.lists(st.text(alphabet=_CHINESE, min_size=1, max_size=4), max_size=6)
_keys_en = st.lists(st.text(alphabet="ab ,", min_size=1, max_size=5).map(str.strip).filter(bool), max_size=4)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(zh=_keys_zh, en=_keys_en, text=st.text(alphabet=_TEXT, max_size=60))
def test_hits_match_the_brute_force_reference_and_never_overlap(zh: list[str], en: list[str], text: str) -> None:
    g = make_glossary([("zh", key, "hans") for key in zh] + [("en", key, "en-source") for key in en])
    scanner = g.scanner()
    keys = {key.text for key in scanner._keys}
    expected = reference_spans(keys, text)
    assert spans_of(scanner, text) == expected
    assert spans_of(Scanner(g, engine="python"), text) == expected
    previous_end = 0
    for hit in g.scan(text):
        assert hit.start >= previous_end
        assert fold(text[hit.start : hit.end]) == hit.key
        previous_end = hit.end


def test_long_texts_with_scattered_folded_characters_match_the_reference() -> None:
    # long enough that changed characters are rescanned in windows, not by folding all
    rng = random.Random(7)
    for _ in range(40):
        zh = ["".join(rng.choice(_CHINESE) for _ in range(rng.randint(1, 4))) for _ in range(rng.randint(1, 6))]
        en = ["ab", "a b", "ba"]
        g = make_glossary([("zh", key, "hans") for key in zh] + [("en", key, "en-source") for key in en])
        text = "".join(rng.choice(_CHINESE + "ab -") if rng.random() > 0.01 else rng.choice("軍國ＡＢ—　") for _ in range(600))
        keys = {key.text for key in g.scanner()._keys}
        assert spans_of(g.scanner(), text) == reference_spans(keys, text)


def test_an_unpickled_scanner_counts_on_its_first_call() -> None:
    scanner = pickle.loads(pickle.dumps(glossary.load().scanner()))
    assert scanner.count("军民融合，軍民融合。") == {"military-civil-fusion": 2}


@pytest.mark.parametrize("engine", ["ahocorasick", "python"])
def test_threads_sharing_a_freshly_unpickled_scanner_all_get_every_hit(engine: str) -> None:
    from concurrent.futures import ThreadPoolExecutor

    text = "军民融合 and Military-Civil Fusion, 軍民融合; " * 10
    expected = glossary.load().scanner().count(text)
    threads = 8
    for _ in range(5):
        scanner = pickle.loads(pickle.dumps(Scanner(glossary.load(), engine=engine)))
        start = threading.Barrier(threads)

        def work(number: int, scanner: Scanner = scanner, start: threading.Barrier = start) -> list[object]:
            start.wait()
            if number % 2:
                return [scanner.count(text) for _ in range(20)]
            return [Counter(hit.term.id for hit in scanner.scan(text)) for _ in range(20)]

        with ThreadPoolExecutor(threads) as pool:
            results = [result for batch in pool.map(work, range(threads)) for result in batch]
        assert all(result == expected for result in results)


@pytest.mark.parametrize("value", [None, 5, b"\xe5\x86\x9b", ["军民融合"]])
def test_the_scanner_refuses_what_is_not_text(value: object) -> None:
    scanner = glossary.load().scanner()
    for method in (scanner.scan, scanner.count, scanner.spans):
        with pytest.raises(TypeError, match="str"):
            method(value)  # type: ignore[arg-type]


def test_key_texts_are_the_folded_forms_the_scanner_looks_for(bundled: glossary.Glossary) -> None:
    texts = bundled.scanner().key_texts()
    assert "军民融合" in texts and len(texts) == len(bundled.scanner())

