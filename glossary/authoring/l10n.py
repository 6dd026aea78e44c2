"""Localised strings through babel: partial dates by precision, language display names.

babel is slow to import, so these run when the glossary is compiled (``glossary
build``, or loading a user glossary) and their results are stored with the terms;
the lookup path reads the stored strings.
"""

from __future__ import annotations

import datetime
import functools

__all__ = ["UI_LOCALES", "format_partial_date", "language_name"]

#: The languages the CLI and the HTML export render their labels in.
UI_LOCALES = ("en", "zh")

_SKELETON = {"month": "yMMMM", "year": "y", "decade": "y"}


@functools.cache
def _locale(tag: str):  # type: ignore[no-untyped-def]
    from babel import Locale

    return Locale.parse(tag, sep="-")


def format_partial_date(date: str, precision: str, locale: str) -> str:
    """``2014-04`` at month precision → ``April 2014`` (en) / ``2014年4月`` (zh).

    A day uses the locale's long date format (``October 18, 2017`` / ``2017年10月18日``):
    babel's skeleton matching would abbreviate the month. A decade (``2010`` at precision ``decade``) is the year followed by the locale's
    plural marker for decades (``2010s`` / ``2010年代``).
    """
    from babel.dates import format_date, format_skeleton

    parts = [int(part) for part in date.split("-")]
    year, month, day = (parts + [1, 1])[:3]
    if precision == "day":
        return str(format_date(datetime.date(year, month, day), format="long", locale=_locale(locale)))
    text: str = format_skeleton(_SKELETON[precision], datetime.date(year, month, day), locale=_locale(locale))
    if precision == "decade":
        text = text.replace(str(year), f"{year}s") if _locale(locale).language == "en" else f"{year}年代"
    return text


def language_name(tag: str, locale: str) -> str:
    """babel's display name of a language tag in a UI locale: ``zh-Hant`` in en → ``Chinese (Traditional)``."""
    from glossary.core.lang import check_language_tag

    name = _locale(check_language_tag(tag)).get_display_name(_locale(check_language_tag(locale)))
    return str(name) if name else tag
