"""The jieba user dictionary: every Chinese form, written so that jieba keeps the terms whole."""

from __future__ import annotations

import logging
import re
from pathlib import Path

import pytest

import strategies
from glossary.formats import export
from glossary.formats.jiebadict import jieba_word
from glossary.core.model import Concept, GlossaryDocument, SourceDocument

jieba = pytest.importorskip("jieba")
jieba.setLogLevel(logging.WARNING)

# Chinese titles quoted verbatim in the two briefs (Cheung 2022 and 2023), joined as one paragraph
PARAGRAPH = (
    "巩固提高一体化国家战略体系和能力。"
    "狠抓工作落实努力开创一体化国家战略体系和能力建设新局面。"
    "中央军民融合发展委员会。军民融合发展战略纲要。国家创新驱动发展战略。"
    "“混合战争”新形态。国家中长期经济社会发展战略若干重大问题。"
)

LINE = re.compile(r"^(\S+) (\d+) ([a-z]+)$")


@pytest.fixture(scope="module")
def userdict(tmp_path_factory: pytest.TempPathFactory, bundled) -> Path:  # noqa: ANN001
    path = tmp_path_factory.mktemp("jieba") / "userdict.txt"
    export(bundled, "jieba", path)
    return path


def cut(text: str, userdict: Path | None = None) -> list[str]:
    tokenizer = jieba.Tokenizer()
    if userdict is not None:
        tokenizer.load_userdict(str(userdict))
    return list(tokenizer.cut(text))


def whole_terms(glossary, text: str) -> set[str]:  # noqa: ANN001
    """The forms of non-generic concepts found in ``text`` that no longer such form contains."""
    found = set()
    for term in glossary:
        if term.generic:
            continue
        for form in (term.zh.hans, term.zh.hant, *(variant.text for variant in term.zh.variants or ())):
            word = jieba_word(form)
            if word and word in text:
                found.add(word)
    return {word for word in found if not any(word != other and word in other for other in found)}


def test_the_terms_of_a_brief_are_kept_whole_with_the_dictionary_and_not_without(bundled, userdict: Path) -> None:
    expected = whole_terms(bundled, PARAGRAPH)
    assert "一体化国家战略体系和能力" in expected and len(expected) >= 4
    plain, with_terms = cut(PARAGRAPH), cut(PARAGRAPH, userdict)
    assert expected <= set(with_terms), f"cut apart: {expected - set(with_terms)}: {'/'.join(with_terms)}"
    assert not expected & set(plain), "jieba alone already keeps these whole: the test shows nothing"
    assert "".join(with_terms) == PARAGRAPH


def test_every_line_is_word_frequency_part_of_speech_and_every_word_once(bundled, userdict: Path) -> None:
    lines = userdict.read_text(encoding="utf-8").splitlines()
    parsed = [LINE.match(line) for line in lines]
    assert all(parsed), [line for line, match in zip(lines, parsed) if not match]
    words = [match.group(1) for match in parsed if match]
    assert len(words) == len(set(words))
    term = bundled.get("military-civil-fusion")
    assert {term.zh.hans, term.zh.hant} <= set(words)


CITE = [{"doc": "doc", "locator": "p. 1", "quote": "“十四五”规划 十四五規劃 规划"}]


def concept(term_id: str, hans: str, hant: str, **extra: object) -> Concept:
    en = [{"text": term_id.replace("-", " "), "kind": "source", "sources": CITE}]
    return Concept.model_validate({"id": term_id, "category": "policy", "zh": {"hans": hans, "hant": hant, "pinyin": "guīhuà", "sources": CITE}, "en": en, **extra})


def test_generic_concepts_are_left_out_and_punctuation_dropped() -> None:
    document = GlossaryDocument(
        sources={"doc": SourceDocument(title="t", kind="analysis")},
        terms=[
            concept("plan", "规划", "規劃", generic=True),
            concept(
                "fyp",
                "“十四五”规划",
                "「十四五」規劃",
                abbreviations=[{"text": "十四五", "lang": "zh-Hans", "sources": CITE}, {"text": "FYP", "sources": CITE}],
            ),
        ],
    )
    text = export(strategies.glossary(document), "jieba").decode("utf-8")
    assert text.splitlines() == ["十四五规划 20000 nz", "十四五規劃 20000 nz", "十四五 20000 j"]


def test_the_format_writes_but_does_not_read(cli, tmp_path: Path) -> None:
    result = cli("export", "--format", "jieba", "-o", str(tmp_path / "userdict.txt"))
    assert result.code == 0 and (tmp_path / "userdict.txt").read_text(encoding="utf-8").count("\n") > 100
    assert cli("import", str(tmp_path / "userdict.txt"), "--format", "jieba").code == 2
