"""One definition of each command's arguments, read two ways: the quick reader agrees with argparse.

Every command declares its arguments once, as a table (``options()``); argparse is built
from it for help and errors, and :func:`~glossary.cli.commands.quick_parse` reads plain
command lines from it without importing argparse. Whenever the quick reader answers, its
answer must be argparse's; when it is unsure it must say so (None), never guess.
"""

from __future__ import annotations

import importlib
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from glossary.cli import COMMANDS
from glossary.cli.commands import Option, argument_parser, option, quick_parse


def table_of(name: str) -> tuple[Option, ...]:
    return tuple(importlib.import_module(COMMANDS[name][0]).options())


def argparse_reading(table: tuple[Option, ...], args: list[str]) -> dict[str, Any] | None:
    """What argparse makes of a command line (None for a usage error or help)."""
    parser = argument_parser("glossary test", "", table)
    try:
        return vars(parser.parse_args(args))
    except SystemExit:
        return None


def words_of(table: tuple[Option, ...]) -> list[str]:
    """Tokens a user might type for this command: its option names (some abbreviated or glued), values, words."""
    tokens = ["军民融合", "mcf", "-", "--", "-x", "--nope", "", "5", "-5", "text", "tsv", "json", "table", "zh", "en", "zh-en", "x y", "-h", "--help"]
    for names, settings_ in table:
        for name in names:
            tokens.append(name)
            if name.startswith("--"):
                tokens += [name[:-1], f"{name}=", f"{name}=json", f"{name}=zh", f"{name}=5"]
            elif name.startswith("-"):
                tokens += [f"{name}json", f"{name}=json"]
        tokens += [str(choice) for choice in settings_.get("choices") or ()]
    return tokens


@pytest.mark.parametrize("name", list(COMMANDS))
@settings(max_examples=150, deadline=None)
@given(data=st.data())
def test_the_quick_reader_answers_as_argparse_does_or_not_at_all(name: str, data: st.DataObject) -> None:
    table = table_of(name)
    args = data.draw(st.lists(st.sampled_from(words_of(table)), max_size=6))
    quick = quick_parse(table, args)
    if quick is not None:
        assert vars(quick) == argparse_reading(table, args), args


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["军民融合"], {"query": ["军民融合"], "json": False, "glossary": [], "format": "text", "from_file": None}),
        (["--json", "military", "civil", "fusion"], {"query": ["military", "civil", "fusion"], "json": True}),
        (["mcf", "--lang=zh", "--glossary", "a.tsv", "--glossary=b.tsv"], {"lang": "zh", "glossary": ["a.tsv", "b.tsv"]}),
        (["--", "-x"], {"query": ["-x"]}),
        (["--from", "-", "--format", "tsv"], {"from_file": "-", "format": "tsv", "query": []}),
    ],
)
def test_everyday_lookups_are_read_without_argparse(args: list[str], expected: dict[str, Any]) -> None:
    table = table_of("lookup")
    quick = quick_parse(table, args)
    assert quick is not None
    assert {key: vars(quick)[key] for key in expected} == expected
    assert vars(quick) == argparse_reading(table, args)


@pytest.mark.parametrize(
    "args",
    [
        ["--help"],
        ["mcf", "--format", "xml"],  # a bad choice: argparse's message
        ["mcf", "--lang", "fr"],  # a bad value for the option's type
        ["mcf", "--gloss", "a.tsv"],  # an abbreviation argparse accepts
        ["mcf", "--glossary"],  # a value missing
        ["mcf", "--glossary", "--json"],  # an option where a value should be
        ["mcf", "--json=yes"],
        ["军民", "--json", "融合"],  # words on both sides of an option
    ],
)
def test_anything_unusual_is_left_to_argparse(args: list[str]) -> None:
    assert quick_parse(table_of("lookup"), args) is None


def test_required_options_types_and_positional_counts_come_from_the_table() -> None:
    table = (option("file"), option("--top", type=int, default=0), option("--format", "-f", required=True, choices=("a", "b")))
    assert quick_parse(table, ["x", "-f", "a", "--top", "3"]) is not None
    assert vars(quick_parse(table, ["x", "-f", "a", "--top", "3"]) or {}) == {"file": "x", "top": 3, "format": "a"}
    assert quick_parse(table, ["x"]) is None  # --format is required: argparse says so
    assert quick_parse(table, ["x", "y", "-f", "a"]) is None  # one file only
    assert quick_parse(table, ["-f", "a"]) is None


def test_the_lookup_command_line_imports_no_argparse_and_help_still_works(cli) -> None:  # type: ignore[no-untyped-def]
    result = cli("lookup", "--help")
    assert result.code == 0 and "--glossary PATH" in result.out and "--lang" in result.out
    bad = cli("lookup", "mcf", "--format", "xml")
    assert bad.code == 2 and "invalid choice: 'xml'" in bad.err and "Traceback" not in bad.err
