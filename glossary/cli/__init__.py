"""The ``glossary`` command: one command, several subcommands.

``main(argv)`` returns the exit code: 0 found or fine, 1 nothing found or problems
found, 2 bad usage or bad input. Results go to stdout, messages to stderr, and a
user's mistake never ends in a traceback.

Each subcommand lives in :mod:`glossary.cli.commands` as a module with
``options()`` (its arguments as one table, help included) and ``run(options) -> int``;
only the one asked for is imported, which keeps ``glossary lookup`` fast. The table is
read by :func:`glossary.cli.commands.quick_parse` when the line is plain, by argparse
(built from the same table) otherwise: one definition, two readers.
"""

from __future__ import annotations

import sys

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Sequence
    from typing import Any

__all__ = ["COMMANDS", "main"]

#: name -> (module, one-line help), in the order ``glossary --help`` lists them
COMMANDS: dict[str, tuple[str, str]] = {
    "lookup": ("glossary.cli.commands.lookup", "show the card of a term found by any form (Chinese, pinyin, English, abbreviation)"),
    "search": ("glossary.cli.commands.search", "list ranked candidates: prefix (autocomplete), substring, abbreviated and fuzzy (typos) matches"),
    "history": ("glossary.cli.commands.history", "show a term's succession chain and its English renderings over time"),
    "export": ("glossary.cli.commands.export", "write the glossary in an exchange format (json ...)"),
    "stats": ("glossary.cli.commands.stats", "count concepts by category, renderings by kind, and coverage of official renderings and first-use dates"),
    "import": ("glossary.cli.commands.importing", "read a translator's glossary (TSV, CSV, TBX, JSON): check it, convert it or make a terms folder"),
    "validate": ("glossary.cli.commands.validate", "check a terms folder: schema, citations, relations, keys, pinyin, traditional forms"),
    "build": ("glossary.cli.commands.build", "regenerate the compiled data of a source checkout from terms/"),
    "scan": ("glossary.cli.commands.scan", "find the glossary terms in a text, with counts and positions"),
    "check": ("glossary.cli.commands.check", "check the terms of a translation (bilingual TSV: source TAB target)"),
    "count": ("glossary.cli.commands.count", "count terms per year over dated text files and draw a bar chart"),
    "cache": ("glossary.cli.commands.cache", "show where compiled --glossary files are cached (path), or empty the cache (clear)"),
}


def _usage() -> str:
    lines = ["usage: glossary [--version] COMMAND [ARGS]", "", "commands:"]
    lines += [f"  {name:<10}{help_text}" for name, (_, help_text) in COMMANDS.items()]
    lines += ["", "Run 'glossary COMMAND --help' for a command's options."]
    return "\n".join(lines)


def _tolerant_streams() -> None:
    """Under a terminal or PYTHONIOENCODING that cannot show Chinese (latin-1, ascii), escape it instead of failing."""
    for stream in (sys.stdout, sys.stderr):
        encoding = (getattr(stream, "encoding", None) or "utf-8").lower().replace("-", "").replace("_", "")
        if encoding != "utf8" and hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="backslashreplace")


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code."""
    args = list(sys.argv[1:] if argv is None else argv)
    _tolerant_streams()
    if not args or args[0] in ("-h", "--help", "help"):
        print(_usage(), file=sys.stdout if args else sys.stderr)
        return 0 if args else 2
    if args[0] in ("-V", "--version"):
        from glossary._version import __version__

        print(f"glossary {__version__}")
        return 0
    name = args[0]
    if name not in COMMANDS:
        print(f"glossary: unknown command {name!r}\n\n{_usage()}", file=sys.stderr)
        return 2
    try:
        return _run(name, args)
    finally:
        commands = sys.modules.get("glossary.cli.commands")
        if commands is not None:
            commands.restore_warnings()
        if argv is None:
            # the process ends with this command (the console script, python -m): spare the final
            # garbage collection of every object it made, which costs a fifth of a lookup's own work
            import gc

            gc.freeze()


def _run(name: str, args: list[str]) -> int:
    from glossary.cli import commands
    from glossary.errors import DataError, GlossaryError

    __import__(COMMANDS[name][0])  # not importlib.import_module: importing importlib costs more than it does
    module: Any = sys.modules[COMMANDS[name][0]]
    commands.COMMAND = name
    table = module.options()
    options: Any = commands.quick_parse(table, args[1:])
    if options is None:
        parser = commands.argument_parser(f"glossary {name}", COMMANDS[name][1], table)
        try:
            options = parser.parse_args(args[1:])
        except SystemExit as exit_:
            return int(exit_.code or 0)
    try:
        return int(module.run(options))
    except DataError as error:
        print(f"glossary {name}: bad input:\n{error}", file=sys.stderr)
        return 2
    except GlossaryError as error:
        print(f"glossary {name}: {error}", file=sys.stderr)
        return 2
    except BrokenPipeError:
        # the reader of stdout went away (| head): not an error of ours
        sys.stderr.close()
        return 0
    except OSError as error:  # a file the command itself opened: no traceback either
        from glossary.errors import printable
        from glossary.core.files import reason

        where = f"{printable(str(error.filename))}: " if error.filename is not None else ""
        print(f"glossary {name}: {where}{reason(error)}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
