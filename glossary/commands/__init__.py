"""The subcommands of ``glossary``: each module has ``add_arguments(parser)`` and ``run(args)``."""

from __future__ import annotations

TYPE_CHECKING = False
if TYPE_CHECKING:
    import argparse

    from typing import Any

    from glossary.index import Glossary, Match


def add_glossary_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--glossary",
        metavar="PATH",
        action="append",
        default=[],
        help="also use a glossary of your own (a terms folder or a TSV, CSV, TBX or JSON file), "
        "merged over the bundled one; may be given more than once",
    )


def add_lang_option(parser: argparse.ArgumentParser, what: str = "the labels") -> None:
    """``--lang en|zh``, defaulting to the language the environment asks for."""
    from glossary.ui import language_from_environment, ui_language

    parser.add_argument(
        "--lang",
        type=ui_language,
        default=language_from_environment(),
        help=f"language of {what}: en or zh (default: from LC_ALL, LC_MESSAGES, LANG, LANGUAGE)",
    )


def match_row(match: Match) -> dict[str, Any]:
    """A match as a JSON row: what matched and how, with the term's Chinese and preferred English."""
    return {**match.to_dict(), "hans": match.term.zh.hans, "en": match.term.preferred}


def glossary_from(options: argparse.Namespace) -> Glossary:
    """The bundled glossary with every --glossary merged over it, in order."""
    from glossary.loading import load, load_bundled, merge

    paths = getattr(options, "glossary", [])
    if not paths:
        return load_bundled()
    from glossary.index import Glossary

    compiled = load_bundled().compiled()
    for path in paths:
        compiled = merge(compiled, load(path, bundled=False).compiled())
    return Glossary(compiled, origin=" + ".join(["bundled", *paths]))
