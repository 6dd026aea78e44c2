"""Every command example of README.md and docs/*.md shows the program's real output (see tests/doc_examples.py)."""

from __future__ import annotations

import pytest
from doc_examples import PAGES, ROOT, examples, matches, refreshed, renumbered, run_page


def test_the_pages_have_examples() -> None:
    counted = {page.name: len(examples(page)) for page in PAGES}
    assert counted["README.md"] >= 1 and counted["cli.md"] >= 5 and counted["translators-guide.md"] >= 10


@pytest.mark.parametrize("page", PAGES, ids=[str(page.relative_to(ROOT)) for page in PAGES])
def test_the_examples_show_the_real_output(page) -> None:
    stale = [example for example in run_page(page) if not example.matches()]
    report = "\n\n".join(f"{example.where}: $ {example.command}\n" + "\n".join(example.actual) for example in stale)
    assert not stale, f"the output shown differs (refresh with python3 tests/doc_examples.py --update, then read the diff):\n{report}"


def test_an_ellipsis_line_stands_for_any_lines_and_within_a_line_for_any_text() -> None:
    assert matches(["a", "…", "d"], ["a", "b", "c", "d"])
    assert matches(["a", "...", "b"], ["a", "b"])
    assert matches(["First use  2017 — First put ..."], ["First use  2017 — First put forward at a meeting"])
    assert not matches(["a", "b"], ["a", "b", "c"])
    assert not matches(["a…"], ["b"])
    assert matches([], [])
    assert not matches([], ["output"])


def test_refreshing_keeps_the_elisions_and_the_lines_that_still_match() -> None:
    assert refreshed(["a", "…", "z"], ["A", "b", "c", "Z"]) == ["A", "…", "Z"]
    assert refreshed(["x … y", "old"], ["x 1 y", "new"]) == ["x … y", "new"]
    assert refreshed(["one"], ["one", "two"]) == ["one", "two"]
    assert refreshed(["a", "…"], ["a"]) == ["a"]
    # a stretch between two elisions stays where the output still has it
    assert refreshed(["h", "…", "m1", "m2", "…", "t"], ["H", "x", "m1", "m2", "y", "T"]) == ["H", "…", "m1", "m2", "…", "T"]
    # one that is gone takes its elisions with it, but for one
    assert refreshed(["h", "…", "gone", "…", "t"], ["H", "x", "y", "T"]) == ["H", "…", "T"]


def test_refreshing_renews_the_numbers_of_a_line_that_only_they_changed() -> None:
    # references renumbered when a source was added: the shown elisions stay
    shown = ["English", "  official  a [3][4]", "  …", "  source  b [7][8]", "  …", "Variants  x [7], y [14], …", "Sources", "  …"]
    real = ["English", "  official  a [3][4][5]", "  official  c [6]", "  source  b [8][9]", "  alternative  d [11]", "Variants  x [8], y [15], z [16]", "Sources", "  [1] one"]
    assert refreshed(shown, real) == [
        "English",
        "  official  a [3][4][5]",
        "  …",
        "  source  b [8][9]",
        "  …",
        "Variants  x [8], y [15], …",
        "Sources",
        "  …",
    ]
    # a reworded line among lines still there: the stretch stays, the new line cut where the old one was
    shown = ["h", "…", "Abbreviations  INSS [13]", "First use  June 20, 2017 — First put forward by …", "Relations  see also", "…", "t"]
    real = ["h", "x", "Abbreviations  INSS [14]", "First use  June 20, 2017 — Official translation: the date rests on it", "Relations  see also", "y", "t"]
    assert refreshed(shown, real) == ["h", "…", "Abbreviations  INSS [14]", "First use  June 20, 2017 — Official translation …", "Relations  see also", "…", "t"]
    assert matches(refreshed(shown, real), real)
    assert renumbered("First use  June 20, 2017 — First put …", "First use  June 21, 2018 — First put forward") == "First use  June 21, 2018 — First put …"
    assert renumbered("a [3]", "b [3]") is None
    assert renumbered("no numbers", "no numbers") == "no numbers"


def usage_cases() -> list[tuple[str, list[str]]]:
    from doc_examples import usage_lines

    return [(f"{page.relative_to(ROOT)}:{number + 1}", args) for page in PAGES for number, args in usage_lines(page)]


def test_the_pages_show_commands_without_output_too() -> None:
    assert len(usage_cases()) >= 20


@pytest.mark.parametrize(("where", "args"), usage_cases(), ids=[where for where, _ in usage_cases()])
def test_every_command_shown_without_output_is_valid_usage(where: str, args: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    """The commands listed in ``sh`` blocks name a command and options that exist (they are parsed, not run)."""
    import importlib

    from glossary.cli import COMMANDS
    from glossary.cli.commands import argument_parser

    assert args and args[0] in COMMANDS, f"{where}: unknown command in {args}"
    parser = argument_parser(f"glossary {args[0]}", "", importlib.import_module(COMMANDS[args[0]][0]).options())
    try:
        parser.parse_args(args[1:])
    except SystemExit as exit_:
        pytest.fail(f"{where}: glossary {' '.join(args)} is not valid usage: {capsys.readouterr().err}")
