"""The subcommands of ``glossary``: each module has ``add_arguments(parser)`` and ``run(args)``."""

from __future__ import annotations

import sys

TYPE_CHECKING = False
if TYPE_CHECKING:
    import argparse

    from typing import Any

    from glossary.analysis.glossary import Glossary

    from glossary.core.index import Match


#: The subcommand running (set by :func:`glossary.cli.main`), for message prefixes.
COMMAND = ""
_default_showwarning: Any = None


def plain_warnings() -> None:
    """Show the package's own warnings (GlossaryWarning) as one plain line on stderr, without the source line.

    Called by commands that may warn (loading users' glossaries, imports), not on every
    run: the warnings module is not loaded at start-up, and a plain lookup does not need it.
    """
    import warnings

    global _default_showwarning
    if _default_showwarning is not None:
        return
    default = _default_showwarning = warnings.showwarning

    def show(message: Warning | str, category: type[Warning], filename: str, lineno: int, file: Any = None, line: str | None = None) -> None:
        if category.__name__ == "GlossaryWarning":
            print(f"glossary {COMMAND}: warning: {message}", file=sys.stderr)
        else:
            default(message, category, filename, lineno, file, line)

    warnings.showwarning = show


def restore_warnings() -> None:
    """Undo :func:`plain_warnings` (``main`` may run several times in one process)."""
    global _default_showwarning
    if _default_showwarning is not None:
        import warnings

        warnings.showwarning = _default_showwarning
        _default_showwarning = None


def add_glossary_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--glossary",
        metavar="PATH",
        action="append",
        default=[],
        help="also use a glossary of your own (a terms folder, a TSV, CSV, TBX or JSON file, or a compiled file), "
        "merged over the bundled one; may be given more than once. Compiled once and kept in the compile cache "
        "(glossary cache path)",
    )
    parser.add_argument("--no-cache", action="store_true", help="compile --glossary in memory: neither read nor write the compile cache")


def add_lang_option(parser: argparse.ArgumentParser, what: str = "the labels") -> None:
    """``--lang en|zh``, defaulting to the language the environment asks for."""
    from glossary.core.ui import language_from_environment, ui_language

    parser.add_argument(
        "--lang",
        type=ui_language,
        default=language_from_environment(),
        help=f"language of {what}: en or zh (default: from LC_ALL, LC_MESSAGES, LANG, LANGUAGE)",
    )


def refused_query(command: str, query: str) -> bool:
    """Whether a query is empty, which is bad usage (exit 2), saying so on stderr."""
    if query.strip():
        return False
    import sys

    print(f"glossary {command}: the query is empty: give a term in any form (Chinese, pinyin, English, an abbreviation)", file=sys.stderr)
    return True


def match_row(match: Match) -> dict[str, Any]:
    """A match as a JSON row: what matched and how, with the term's Chinese and preferred English."""
    return {**match.to_dict(), "hans": match.term.zh.hans, "en": match.term.preferred}


def glossary_from(options: argparse.Namespace) -> Glossary:
    """The bundled glossary with every --glossary merged over it, in order."""
    from glossary.loading.loader import load_bundled, load_paths

    paths = getattr(options, "glossary", [])
    if not paths:
        return load_bundled()
    plain_warnings()
    return load_paths(paths, cache=not getattr(options, "no_cache", False))


def add_jobs_option(parser: argparse.ArgumentParser) -> None:
    """``--jobs N``: work in N processes (the result is the same as in one)."""

    def jobs(value: str) -> int:
        import argparse
        import os

        try:
            number = int(value)
        except ValueError:
            raise argparse.ArgumentTypeError(f"not a number: {value!r}") from None
        if number < 0:
            raise argparse.ArgumentTypeError("must be 1 or more (0: one per CPU core)")
        return number or os.cpu_count() or 1

    parser.add_argument("--jobs", "-j", type=jobs, default=1, metavar="N", help="use N processes (0: one per CPU core); the result is the same as with one")
