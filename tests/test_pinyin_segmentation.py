"""Splitting joined pinyin words into syllables follows the apostrophe rule of GB/T 16159."""

from __future__ import annotations

import pytest

from glossary.core import pinyin


@pytest.mark.parametrize(
    ("text", "syllables"),
    [
        # without an apostrophe the next syllable starts with a consonant
        ("biàngé", [("bian", "4"), ("ge", "2")]),
        ("fāngàn", [("fan", "1"), ("gan", "4")]),
        # with one, the vowel-initial syllable is its own word
        ("fāng'àn", [("fang", "1"), ("an", "4")]),
        ("jūnmín", [("jun", "1"), ("min", "2")]),
    ],
)
def test_joined_syllables_split_as_standard_spelling_reads_them(text: str, syllables: list[tuple[str, str]]) -> None:
    assert [syllable for word in pinyin.parse(text) for syllable in word] == syllables


def test_a_vowel_initial_syllable_is_still_found_when_nothing_else_fits() -> None:
    assert pinyin.parse("tiānān") == [[("tian", "1"), ("an", "1")]]
