"""Language tags (BCP 47, hyphenated) checked with babel's locale parser.

Kept out of the lookup path: babel is imported only when a tag is checked.
"""

from __future__ import annotations

import functools

__all__ = ["check_language_tag", "normalise_language_tag"]


@functools.cache
def _known_codes() -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    """Languages, scripts and territories babel's locale data knows (CLDR codes)."""
    from babel import Locale

    english = Locale("en")
    return frozenset(english.languages), frozenset(english.scripts), frozenset(english.territories)


def check_language_tag(tag: str) -> str:
    """Return ``tag`` if it is a well-formed BCP 47 tag of known codes, else raise ValueError.

    The tag is parsed by babel's locale parser (language, script, territory, variant)
    and each part is checked against babel's locale data, in its canonical case:
    ``zh-Hant``, ``zh-Hant-TW``, ``en``, ``es-419``. Hyphens only (not ``zh_TW``): TBX
    and most CAT tools require them. The message says what is wrong and how to write it.
    """
    from babel.core import parse_locale

    if not isinstance(tag, str):
        raise ValueError(f"{tag!r} is not a language tag: expected text such as 'en' or 'zh-Hant'")
    if "_" in tag:
        raise ValueError(f"{tag!r} is not a language tag: use hyphens, as in {tag.replace('_', '-')!r}")
    try:
        language, territory, script, variant = parse_locale(tag, sep="-")[:4]
    except ValueError as error:
        raise ValueError(f"{tag!r} is not a language tag: babel's locale parser rejects it ({error}); write tags as in 'en', 'zh-Hans' or 'zh-Hant-TW'") from None
    languages, scripts, territories = _known_codes()

    def written(part: str) -> str:  # the subtag as the tag spells it (the parser changes its case)
        return next((item for item in tag.split("-") if item.lower() == part.lower()), part)

    if not 2 <= len(language) <= 3 or language not in languages:
        raise ValueError(f"{tag!r} is not a language tag: {written(language)!r} is not a known language code (such as 'en' or 'zh')")
    if script and script not in scripts:
        raise ValueError(f"{tag!r} is not a language tag: {written(script)!r} is not a known script code (such as 'Hans' or 'Hant')")
    if territory and territory not in territories:
        raise ValueError(f"{tag!r} is not a language tag: {written(territory)!r} is not a known region code (such as 'CN' or 'TW')")
    # BCP 47 is case-insensitive, but files and CAT tools compare tags as strings: insist on the canonical case
    head = [part for part in (language, script, territory) if part]
    canonical = "-".join(head + tag.split("-")[len(head) :])
    if canonical != tag:
        raise ValueError(f"{tag!r} is not in the canonical case of a language tag: write {canonical!r}")
    return tag


def normalise_language_tag(tag: str) -> str:
    """Accept the spellings translators' files use (``zh_TW``, ``ZH-hant``) and return a checked tag."""
    parts = tag.strip().replace("_", "-").split("-")
    fixed = [parts[0].lower()]
    for part in parts[1:]:
        if len(part) == 4 and part.isalpha():
            fixed.append(part.title())
        elif len(part) == 2 and part.isalpha():
            fixed.append(part.upper())
        else:
            fixed.append(part.lower())
    return check_language_tag("-".join(fixed))
