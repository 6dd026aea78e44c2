"""The gettext catalogue of the interface's labels, and its compiled form ``glossary/core/_messages.py``.

Workflow (babel.messages does the gettext work):

1. Labels are written in English in :mod:`glossary.authoring.labels`, each wrapped in ``N_()``.
2. ``glossary build --update-catalogue`` extracts them into ``glossary/authoring/locale/glossary.pot``
   and merges that template into every ``glossary/authoring/locale/<lang>/LC_MESSAGES/glossary.po``
   (new messages arrive untranslated, vanished ones become obsolete).
3. A translator edits the ``.po`` file.
4. ``glossary build`` compiles the catalogues, babel's display names of the languages the
   glossary holds and nothing else into ``glossary/core/_messages.py``: plain dicts the card
   and the HTML page read without importing gettext or babel.

A test checks that the template, the catalogues and the compiled module are current and
that every message is translated.
"""

from __future__ import annotations

import datetime
import io
from pathlib import Path
from typing import TYPE_CHECKING

from glossary.errors import DataError

if TYPE_CHECKING:
    from babel.messages.catalog import Catalog

__all__ = [
    "CATALOGUE_DOMAIN",
    "LANGUAGE_TAGS",
    "catalogue_path",
    "catalogue_problems",
    "compile_labels",
    "extract_template",
    "messages_module_source",
    "template_path",
    "update_catalogues",
]

CATALOGUE_DOMAIN = "glossary"
#: The languages whose names the interface shows (babel gives their display names).
LANGUAGE_TAGS = ("zh-Hans", "zh-Hant", "en")

_PACKAGE = Path(__file__).resolve().parent
_LABELS_SOURCE = _PACKAGE / "labels.py"
_PROJECT = "glossary"
# POT-Creation-Date: fixed, so that the template only changes when its messages do
_STABLE_DATE = datetime.datetime(2024, 1, 1, tzinfo=datetime.timezone.utc)
_HEADER = "# Labels of the glossary command and its HTML export.\n# This file is distributed under the same license as the glossary package.\n#"


def locale_folder(package: Path | None = None) -> Path:
    return (package or _PACKAGE) / "locale"


def template_path(package: Path | None = None) -> Path:
    return locale_folder(package) / f"{CATALOGUE_DOMAIN}.pot"


def catalogue_path(language: str, package: Path | None = None) -> Path:
    return locale_folder(package) / language / "LC_MESSAGES" / f"{CATALOGUE_DOMAIN}.po"


def _translated_languages() -> tuple[str, ...]:
    from glossary.authoring.l10n import UI_LOCALES

    return tuple(language for language in UI_LOCALES if language != "en")


def extract_template() -> Catalog:
    """The template catalogue: every ``N_()`` message of :mod:`glossary.authoring.labels`, with its comments."""
    from babel.messages.catalog import Catalog
    from babel.messages.extract import extract_from_file

    from glossary._version import __version__

    # a fixed creation date keeps the template byte-for-byte stable between builds
    template = Catalog(
        project=_PROJECT,
        version=__version__,
        header_comment=_HEADER,
        creation_date=_STABLE_DATE,
        last_translator="The glossary maintainers",
        language_team="The glossary maintainers",
        fuzzy=False,
    )
    for lineno, message, comments, context in extract_from_file("python", _LABELS_SOURCE, keywords={"N_": None}, comment_tags=("Translators:",), strip_comment_tags=True):
        template.add(message, locations=[("glossary/authoring/labels.py", lineno)], auto_comments=comments, context=context)
    return template


def _po_bytes(catalog: Catalog) -> bytes:
    from babel.messages.pofile import write_po

    buffer = io.BytesIO()
    write_po(buffer, catalog, width=100, ignore_obsolete=False, include_previous=False)
    return buffer.getvalue()


def read_catalogue(path: Path) -> Catalog:
    from babel.messages.pofile import read_po

    try:
        with path.open("rb") as stream:
            return read_po(stream, domain=CATALOGUE_DOMAIN, abort_invalid=True)
    except OSError as error:
        raise DataError([(str(path), f"cannot read the catalogue: {error.strerror}")]) from None
    except Exception as error:  # babel's PoFileError and friends
        raise DataError([(str(path), f"not a valid gettext catalogue: {error}")]) from None


def template_source() -> bytes:
    return _po_bytes(extract_template())


def updated_catalogue_source(language: str, package: Path | None = None) -> bytes:
    """A language's catalogue merged with the current template (what ``--update-catalogue`` writes)."""
    from babel.messages.catalog import Catalog

    path = catalogue_path(language, package)
    template = extract_template()
    if path.exists():
        catalog = read_catalogue(path)
    else:
        catalog = Catalog(locale=language, domain=CATALOGUE_DOMAIN, project=_PROJECT, header_comment=_HEADER, revision_date=_STABLE_DATE, fuzzy=False)
    catalog.update(template, no_fuzzy_matching=True, update_creation_date=False)
    catalog.creation_date = template.creation_date
    catalog.project, catalog.version = template.project, template.version
    catalog.last_translator = catalog.language_team = "The glossary maintainers"
    return _po_bytes(catalog)


def update_catalogues(package: Path | None = None) -> list[Path]:
    """Write the template and merge it into every language's catalogue; return the files written."""
    from glossary.core.files import write_atomically

    written = []
    template = template_path(package)
    template.parent.mkdir(parents=True, exist_ok=True)
    write_atomically(template, template_source())
    written.append(template)
    for language in _translated_languages():
        path = catalogue_path(language, package)
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomically(path, updated_catalogue_source(language, package))
        written.append(path)
    return written


def catalogue_problems(package: Path | None = None) -> list[tuple[str, str]]:
    """What keeps the catalogues from covering the labels: missing, untranslated or fuzzy messages."""
    from glossary.authoring.labels import LABELS

    problems: list[tuple[str, str]] = []
    for language in _translated_languages():
        path = catalogue_path(language, package)
        if not path.exists():
            problems.append((str(path), "missing: run `glossary build --update-catalogue` and translate it"))
            continue
        catalog = read_catalogue(path)
        for key, msgid in LABELS.items():
            message = catalog.get(msgid)
            if message is None:
                problems.append((str(path), f"{msgid!r} ({key}) is not in the catalogue: run `glossary build --update-catalogue`"))
            elif not message.string:
                problems.append((str(path), f"{msgid!r} ({key}) is not translated"))
            elif message.fuzzy:
                problems.append((str(path), f"{msgid!r} ({key}) is marked fuzzy: check the translation and remove the flag"))
    return problems


def compile_labels(package: Path | None = None) -> dict[str, dict[str, str]]:
    """UI language -> label key -> text, from the catalogues (English where a translation is missing)."""
    from glossary.authoring.l10n import UI_LOCALES
    from glossary.authoring.labels import LABELS

    compiled: dict[str, dict[str, str]] = {}
    for language in UI_LOCALES:
        catalog = None
        path = catalogue_path(language, package)
        if language != "en" and path.exists():
            catalog = read_catalogue(path)
        texts = {}
        for key, msgid in LABELS.items():
            message = catalog.get(msgid) if catalog is not None else None
            usable = message is not None and message.string and not message.fuzzy
            texts[key] = str(message.string) if usable else msgid  # type: ignore[union-attr]
        compiled[language] = texts
    return compiled


def compile_language_names() -> dict[str, dict[str, str]]:
    """UI language -> language tag -> babel's display name (``zh-Hant`` in zh → ``中文 (繁体)``)."""
    from glossary.authoring.l10n import UI_LOCALES, language_name

    return {ui: {tag: language_name(tag, ui) for tag in LANGUAGE_TAGS} for ui in UI_LOCALES}


def messages_module_source(package: Path | None = None) -> str:
    labels = compile_labels(package)
    names = compile_language_names()
    lines = [
        '"""Generated by `glossary build` from glossary/authoring/locale/*/LC_MESSAGES/glossary.po and babel\'s locale data.',
        "",
        "Do not edit: translate in the catalogue and rebuild.",
        '"""',
        "",
        "#: UI language -> label key (glossary.authoring.labels) -> text",
        "LABELS = " + _literal(labels),
        "",
        "#: UI language -> language tag -> babel's display name of the language",
        "LANGUAGE_NAMES = " + _literal(names),
        "",
    ]
    from glossary.authoring.generated import with_versions

    return with_versions("\n".join(lines))


def _literal(value: dict[str, dict[str, str]]) -> str:
    rows = ["{"]
    for outer, inner in value.items():
        rows.append(f" {outer!r}: {{")
        rows += [f"  {key!r}: {text!r}," for key, text in inner.items()]
        rows.append(" },")
    rows.append("}")
    return "\n".join(rows)
