"""The subcommands of ``glossary``: each module has ``options()`` (its table of arguments) and ``run(options)``."""

from __future__ import annotations

import sys

TYPE_CHECKING = False
if TYPE_CHECKING:
    import argparse
    from collections.abc import Sequence
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


def glossary_options() -> tuple[Option, ...]:
    """``--glossary PATH`` (repeatable) and ``--no-cache``."""
    return (
        option(
            "--glossary",
            metavar="PATH",
            action="append",
            default=[],
            help="also use a glossary of your own (a terms folder, a TSV, CSV, TBX or JSON file, or a compiled file), "
            "merged over the bundled one; may be given more than once. Compiled once and kept in the compile cache "
            "(glossary cache path)",
        ),
        option("--no-cache", action="store_true", help="compile --glossary in memory: neither read nor write the compile cache"),
    )


def lang_option(what: str = "the labels") -> Option:
    """``--lang en|zh``, defaulting to the language the environment asks for (read when the table is made)."""
    from glossary.core.ui import language_from_environment, ui_language

    return option(
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


def jobs_option() -> Option:
    """``--jobs N``: work in N processes (the result is the same as in one)."""
    return option("--jobs", "-j", type=_jobs, default=1, metavar="N", help="use N processes (0: one per CPU core); the result is the same as with one")


def _jobs(value: str) -> int:
    import argparse
    import os

    try:
        number = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {value!r}") from None
    if number < 0:
        raise argparse.ArgumentTypeError("must be 1 or more (0: one per CPU core)")
    return number or os.cpu_count() or 1


# --- the command line: one table of options per command, two ways to read it ---------
#
# Each command module's ``options()`` returns its arguments as ``option(...)`` entries,
# which take exactly what argparse's ``add_argument`` takes, help text included. An
# everyday command line is read by :func:`quick_parse` straight from that table;
# anything it is not sure of (help, an error, an abbreviated option, a value that
# looks like an option) goes to argparse, built from the same table
# (:func:`argument_parser`), which owns the help and the error messages. argparse
# with the ``re`` and ``gettext`` it imports costs as much as a whole lookup.

#: One argument: the names and the keyword arguments of ``ArgumentParser.add_argument``.
Option = tuple[tuple[str, ...], dict[str, "Any"]]


def option(*names: str, **settings: Any) -> Option:
    """One argument of a command, in ``add_argument``'s terms: the one definition both parsers read."""
    return names, settings


class Options:
    """The parsed command line, as argparse's Namespace holds it, for lines read without argparse."""

    def __init__(self, values: dict[str, Any]) -> None:
        self.__dict__.update(values)

    def __repr__(self) -> str:
        return f"Options({self.__dict__!r})"


def _dest(names: tuple[str, ...], settings: dict[str, Any]) -> str:
    """Where argparse stores an argument: ``dest``, a positional's name, or the first long option's."""
    if "dest" in settings:
        return str(settings["dest"])
    if not names[0].startswith("-"):
        return names[0]
    name = next((name for name in names if name.startswith("--")), names[0])
    return name.lstrip("-").replace("-", "_")


_INVALID = object()


def _value(text: str, settings: dict[str, Any]) -> Any:
    """``text`` through the argument's ``type`` and ``choices``; _INVALID for argparse to report."""
    convert = settings.get("type")
    try:
        value = text if convert is None else convert(text)
    except Exception:  # argparse reports the bad value in its own words
        return _INVALID
    choices = settings.get("choices")
    return _INVALID if choices is not None and value not in choices else value


def _positional_values(positionals: list[tuple[str, dict[str, Any]]], words: list[str]) -> dict[str, Any] | None:
    """The one positional argument a command may have, filled from ``words``; None when argparse must judge."""
    if not positionals:
        return None if words else {}
    if len(positionals) > 1:
        return None
    dest, settings = positionals[0]
    nargs = settings.get("nargs")
    values = [_value(word, settings) for word in words]
    if _INVALID in values or (nargs is None and len(values) != 1) or (nargs == "?" and len(values) > 1) or (nargs == "+" and not values):
        return None
    if nargs is None:
        return {dest: values[0]}
    if nargs == "?":
        return {dest: values[0] if values else settings.get("default")}
    if nargs in ("*", "+"):
        return {dest: values if values or settings.get("default") is None else settings["default"]}
    return None


def _defaults(table: Sequence[Option]) -> tuple[dict[str, Any], dict[str, tuple[str, dict[str, Any]]], list[tuple[str, dict[str, Any]]]]:
    """The values argparse starts from, the options by name, and the positional arguments."""
    values: dict[str, Any] = {}
    flags: dict[str, tuple[str, dict[str, Any]]] = {}
    positionals: list[tuple[str, dict[str, Any]]] = []
    for names, settings in table:
        dest = _dest(names, settings)
        if not names[0].startswith("-"):
            positionals.append((dest, settings))
            continue
        default = settings.get("default", False if settings.get("action") == "store_true" else None)
        # argparse passes a default given as text through the argument's type, as it does a value
        values[dest] = _value(default, {"type": settings.get("type")}) if isinstance(default, str) else default
        flags.update((name, (dest, settings)) for name in names)
    return values, flags, positionals


def quick_parse(table: Sequence[Option], args: Sequence[str]) -> Options | None:
    """Read an everyday command line from the table without argparse; None when argparse must.

    Only what it is sure argparse reads the same way: exact option names (``--name``,
    ``--name=value``, ``--name value``), flags, values that do not look like options,
    and the positional words in one run. Help, errors, abbreviations and anything
    unusual return None.
    """
    values, flags, positionals = _defaults(table)
    if _INVALID in values.values():
        return None
    given: set[str] = set()
    words: list[str] = []
    position, only_words, after_words = 0, False, False
    while position < len(args):
        arg = args[position]
        position += 1
        if only_words or arg == "-" or not arg.startswith("-"):
            if after_words:
                return None  # words on both sides of an option: argparse decides what that means
            words.append(arg)
            continue
        if arg == "--" and positionals and not words:
            only_words = True
            continue
        after_words = bool(words)
        name, has_inline, inline = arg.partition("=")
        found = flags.get(name)
        if found is None:
            return None
        dest, settings = found
        action = settings.get("action")
        if action == "store_true":
            if has_inline:
                return None
            values[dest] = True
            given.add(dest)
            continue
        if action not in (None, "append"):
            return None
        if not has_inline and (position == len(args) or (args[position].startswith("-") and args[position] != "-")):
            return None
        value = _value(inline if has_inline else args[position], settings)
        position += 0 if has_inline else 1
        if value is _INVALID:
            return None
        values[dest] = [*(values[dest] or ()), value] if action == "append" else value
        given.add(dest)
    if any(settings.get("required") and _dest(names, settings) not in given for names, settings in table):
        return None
    filled = _positional_values(positionals, words)
    return None if filled is None else Options({**values, **filled})


def argument_parser(prog: str, description: str, table: Sequence[Option]) -> argparse.ArgumentParser:
    """The argparse parser of a command, from its table: help, usage and error messages."""
    import argparse

    parser = argparse.ArgumentParser(prog=prog, description=description)
    for names, settings in table:
        parser.add_argument(*names, **settings)
    return parser
