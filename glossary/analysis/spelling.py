"""The forms a scanner key takes in English: British and American spellings, no leading "the", dotted abbreviations."""

from __future__ import annotations

import unicodedata

from glossary.core.normalize import BRITISH_TO_AMERICAN, BRITISH_TO_AMERICAN_SUFFIXES

__all__ = ["abbreviation_forms", "case_ok", "english_forms"]

_word_choices: dict[str, tuple[str, ...]] = {}
_SPELLING_WORDS = frozenset(BRITISH_TO_AMERICAN) | frozenset(BRITISH_TO_AMERICAN.values())


def _spellings_of(word: str) -> tuple[str, ...]:
    """A word and its other spellings: ``defence`` → (defence, defense), ``organisation`` → (…, organization)."""
    choices = _word_choices.get(word)
    if choices is None:
        spelling, suffixes = BRITISH_TO_AMERICAN, BRITISH_TO_AMERICAN_SUFFIXES
        found = [word]
        american = spelling.get(word)
        if american:
            found.append(american)
        found.extend(british for british, other in spelling.items() if other == word)
        for british, american in suffixes:
            for old, new in ((british, american), (american, british)):
                if word.endswith(old) and len(word) > len(old):
                    found.append(word[: -len(old)] + new)
        choices = _word_choices[word] = tuple(dict.fromkeys(found))
    return choices


def english_forms(base: str) -> set[str]:
    """The forms of a folded English rendering: as written, without a leading "the", British and American spellings."""
    if base.startswith("the ") and base.count(" ") > 1:
        base = base[4:].lstrip()
    if not base:
        return set()
    words = base.split(" ")
    if _SPELLING_WORDS.isdisjoint(words) and not any(part in base for part in ("isa", "iza", "ysa", "yza")):
        return {base}  # no word has another spelling: the common case, kept fast
    forms = [""]
    for position, word in enumerate(words):
        choices = _spellings_of(word)
        if len(choices) == 1 or len(forms) * len(choices) > 16:
            forms = [f"{form} {word}" if position else word for form in forms]
        else:
            forms = [f"{form} {choice}" if position else choice for form in forms for choice in choices]
    return set(forms)


def abbreviation_forms(base: str) -> set[str]:
    """Folded ``mcf`` → ``mcf``, ``m.c.f.``; a dotted abbreviation also gives its undotted form."""
    forms = {base} if base else set()
    letters = base.replace(".", "").replace(" ", "")
    if letters.isascii() and letters.isalpha() and 2 <= len(letters) <= 8:
        forms.update({letters, ".".join(letters) + "."})
    return forms


def case_ok(surface: str, spellings: tuple[str, ...]) -> bool:
    """An abbreviation occurrence counts unless it is written in lower case the glossary does not use."""
    if not any(char.islower() for char in surface):
        return True
    plain = unicodedata.normalize("NFKC", surface).replace(".", "").replace(" ", "")
    return plain in spellings

