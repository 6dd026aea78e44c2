"""The interface's language: choosing it (``--lang`` or the environment) and reading its labels.

Labels and babel's language names were compiled by ``glossary build`` into
:mod:`glossary.core._messages`; this module only reads them, so it imports neither
gettext nor babel and stays on the fast lookup path.
"""

from __future__ import annotations

import os

from glossary.core._messages import LABELS, LANGUAGE_NAMES

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Mapping

__all__ = [
    "LANGUAGES",
    "display_width",
    "label",
    "language_from_environment",
    "language_name",
    "pad",
    "ui_language",
    "word",
]

#: The languages the interface speaks.
LANGUAGES = ("en", "zh")

#: Environment variables that name the user's language, in the order they are consulted.
ENVIRONMENT_VARIABLES = ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE")


def _language_of(value: str) -> str | None:
    """``zh_CN.UTF-8``, ``zh-Hant``, ``ZH`` → ``zh``; ``en_GB`` → ``en``; anything else None."""
    primary = value.strip().replace("_", "-").split("-")[0].split(".")[0].split("@")[0].lower()
    return primary if primary in LANGUAGES else None


def language_from_environment(environ: Mapping[str, str] | None = None) -> str:
    """The interface language the environment asks for: zh for a Chinese locale, else en.

    The first of LC_ALL, LC_MESSAGES, LANG and LANGUAGE that is set and not empty
    decides (LANGUAGE may list several languages: its first counts).
    """
    environ = os.environ if environ is None else environ
    for name in ENVIRONMENT_VARIABLES:
        value = environ.get(name, "")
        if value:
            return "zh" if _language_of(value.split(":")[0]) == "zh" else "en"
    return "en"


def ui_language(value: str) -> str:
    """Parse ``--lang``: ``en`` or ``zh`` (``zh-Hans``, ``zh_CN``, ``EN`` are accepted too)."""
    language = _language_of(value)
    if language is None:
        import argparse

        raise argparse.ArgumentTypeError(f"{value!r} is not a language of the interface: use one of {', '.join(LANGUAGES)}")
    return language


def label(lang: str, key: str, default: str | None = None) -> str:
    """The text of a label (a key of :data:`glossary.authoring.labels.LABELS`) in a UI language.

    A key the catalogue does not have gives ``default`` (a category or kind added to the
    data before its label was, say), else the key itself.
    """
    texts = LABELS.get(lang) or LABELS["en"]
    return texts.get(key) or LABELS["en"].get(key) or (key if default is None else default)


def word(lang: str, family: str, value: str) -> str:
    """The label of a data value (``category``, ``kind``, ``relation``, ``variant``, ``match``), or the value itself."""
    return label(lang, f"{family}.{value}", value)


def language_name(tag: str, lang: str) -> str:
    """babel's display name of ``zh-Hans``, ``zh-Hant`` or ``en`` in a UI language, compiled at build time."""
    names = LANGUAGE_NAMES.get(lang) or LANGUAGE_NAMES["en"]
    return names.get(tag) or LANGUAGE_NAMES["en"].get(tag) or tag


def display_width(text: str) -> int:
    """Columns a terminal gives the text: two for CJK and full-width characters, one otherwise."""
    return sum(2 if "\u2e80" <= char <= "\ua4cf" or "\uac00" <= char <= "\ud7a3" or "\uf900" <= char <= "\ufaff" or "\ufe30" <= char <= "\ufe4f" or "\uff00" <= char <= "\uff60" or "\uffe0" <= char <= "\uffe6" or char >= "\U00020000" else 1 for char in text)


def pad(text: str, width: int) -> str:
    """``text`` followed by spaces up to ``width`` columns (at least one space)."""
    return text + " " * max(1, width - display_width(text))
