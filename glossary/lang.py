"""Language tags (BCP 47, hyphenated) checked with babel's locale parser.

Kept out of the lookup path: babel is imported only when a tag is checked.
"""

from __future__ import annotations

import functools

__all__ = ["check_language_tag", "normalise_language_tag"]


@functools.cache
def _known_languages() -> frozenset[str]:
    from babel import Locale

    return frozenset(Locale("en").languages)


def check_language_tag(tag: str) -> str:
    """Return ``tag`` if it is a well-formed BCP 47 tag of a known language, else raise ValueError.

    Hyphens only (``zh-Hant``, not ``zh_TW``): TBX and most CAT tools require them.
    """
    from babel.core import parse_locale

    if "_" in tag:
        raise ValueError(f"{tag!r} is not a language tag: use hyphens, as in {tag.replace('_', '-')!r}")
    try:
        language, _territory, _script, _variant = parse_locale(tag, sep="-")[:4]
    except ValueError as error:
        raise ValueError(f"{tag!r} is not a language tag ({error})") from None
    if not 2 <= len(language) <= 3 or language not in _known_languages():
        raise ValueError(f"{tag!r} is not a language tag: {language!r} is not a known language code")
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
