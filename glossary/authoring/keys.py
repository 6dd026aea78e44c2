"""The lookup keys of a term: every form it can be found by, normalised per key family.

Shared by the compiler (which stores them) and by ``glossary validate`` (which reports
keys two concepts share), so neither has to import the other.
"""

from __future__ import annotations

from typing import Any

from glossary.core import normalize, pinyin
from glossary.core.index import KIND_SCORES

__all__ = ["term_keys"]

_KIND_OF_VARIANT = {"script": "script", "short-form": "variant", "full-form": "variant", "misspelling": "misspelling"}


def _script_forms(hans: str) -> list[str]:
    """What OpenCC makes of the simplified form: users who convert text meet these forms."""
    from glossary.authoring.script import convert

    return [convert(hans, config) for config in ("s2t", "s2tw", "s2twp", "s2hk")]


def term_keys(term: dict[str, Any], *, script_variants: bool = True) -> list[tuple[str, str, str, str]]:
    """Every lookup key of one term (a contract dict) as ``(family, key, kind, surface)``."""
    keys: list[tuple[str, str, str, str]] = [("id", term["id"], "id", term["id"])]
    zh = term["zh"]

    def add_chinese(text: str, kind: str) -> None:
        key = normalize.chinese_key(text)
        if key:
            keys.append(("zh", key, kind, text))

    add_chinese(zh["hans"], "hans")
    add_chinese(zh["hant"], "hant")
    for variant in zh.get("variants", ()):
        add_chinese(variant["text"], _KIND_OF_VARIANT[variant["kind"]])
    if script_variants:
        for form in _script_forms(zh["hans"]):
            add_chinese(form, "script")
    if zh["pinyin"]:  # empty only where an import could not generate it
        numbered_key, toneless_key = pinyin.keys(zh["pinyin"])
        if numbered_key:
            keys.append(("pinyin_tones", numbered_key, "pinyin-tones", zh["pinyin"]))
        keys.append(("pinyin", toneless_key, "pinyin", zh["pinyin"]))
    for abbreviation in term.get("abbreviations", ()):
        kind = "abbreviation" if abbreviation.get("status", "accepted") == "accepted" else "abbreviation-erroneous"
        if abbreviation.get("lang", "en").startswith("zh"):
            add_chinese(abbreviation["text"], kind)
        else:
            keys.append(("abbr", normalize.abbreviation_key(abbreviation["text"]), kind, abbreviation["text"]))
    for rendering in term["en"]:
        keys.append(("en", normalize.english_key(rendering["text"]), "en-" + rendering["kind"], rendering["text"]))
    # a form reached twice (a script variant equal to hant, the brief's English repeated as a
    # dated alternative) is kept once, under its best kind; the first of equals wins
    unique: dict[tuple[str, str, str], tuple[str, str, str, str]] = {}
    for item in keys:
        if item[1]:
            slot = (item[0], item[1], item[3])
            kept = unique.get(slot)
            if kept is None or KIND_SCORES.get(item[2], 50) > KIND_SCORES.get(kept[2], 50):
                unique[slot] = item
    return list(unique.values())
