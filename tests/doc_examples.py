"""The command examples of README.md and docs/*.md, run and compared with what they show.

An example is a ``$ COMMAND`` line inside a fenced block, followed by the output it
shows (stdout and stderr together, in the order the program wrote them), up to the
next ``$`` line or the end of the block. The command runs under bash in a copy of
``tests/data/docs/`` (the input files the docs name: ``speech.txt``, ``pairs.tsv``
...), with ``glossary`` being this checkout, English labels unless the command sets
``LANG``, and an empty compile cache. The examples of one page share that folder, in
page order.

The shown output may leave things out:

- a line holding only ``…`` (or ``...``) stands for any number of lines;
- ``…`` (or ``...``) inside a line stands for any text within that line (the spaces
  around it included);
- no output shown means the command prints nothing.

When the terms change, the shown output goes stale. Refresh it with::

    python3 tests/doc_examples.py --update          # every page
    python3 tests/doc_examples.py --update docs/cli.md

which rewrites the output of every example that no longer matches (keeping the lines
that still match, and the elisions: as many lines before and after a ``…`` line as
were shown), then read the diff before committing it. Without ``--update`` it lists
the examples that differ and exits 1; ``tests/test_doc_examples.py`` runs the same
check in the test suite.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
INPUTS = ROOT / "tests" / "data" / "docs"
PAGES = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
ELLIPSES = ("…", "...")
_FENCE = re.compile(r"^(\s*)(```+|~~~+)")
#: an elision inside a line, with the spaces around it
_ELISION = r" *(?:…|\.\.\.) *"


@dataclass
class Example:
    """One ``$ COMMAND`` of a page and the output lines shown under it."""

    page: Path
    #: 0-based index of the ``$`` line in the page
    line: int
    command: str
    expected: list[str]
    indent: str = ""
    #: filled by run()
    actual: list[str] = field(default_factory=list)

    @property
    def where(self) -> str:
        return f"{self.page.relative_to(ROOT)}:{self.line + 1}"

    def matches(self) -> bool:
        return matches(self.expected, self.actual)


def examples(page: Path) -> list[Example]:
    """The examples of a page, in order."""
    lines = page.read_text(encoding="utf-8").splitlines()
    found: list[Example] = []
    fence: str | None = None
    current: Example | None = None
    for number, line in enumerate(lines):
        opening = _FENCE.match(line)
        if fence is None:
            if opening:
                fence = opening.group(2)
            continue
        if opening and line.strip() == fence:  # the block ends
            fence, current = None, None
            continue
        indent = line[: len(line) - len(line.lstrip())]
        if line.lstrip().startswith("$ "):
            current = Example(page, number, line.lstrip()[2:].strip(), [], indent)
            found.append(current)
        elif current is not None:
            current.expected.append(line[len(current.indent) :] if line.startswith(current.indent) else line.lstrip())
    for example in found:
        while example.expected and not example.expected[-1].strip():
            example.expected.pop()
    return found


def _pattern(expected: list[str]) -> re.Pattern[str]:
    parts = []
    for line in expected:
        stripped = line.strip()
        if stripped in ELLIPSES:
            parts.append(r"(?:[^\n]*\n)*?")
            continue
        # the spaces around an elision are elided with it ("Integration ..." for "Integration: How ...")
        pieces = re.split(_ELISION, line.rstrip())
        parts.append("[^\\n]*".join(re.escape(piece) for piece in pieces) + r"\n")
    return re.compile("".join(parts))


def matches(expected: list[str], actual: list[str]) -> bool:
    """Whether the output matches the shown lines, with their elisions."""
    text = "".join(line.rstrip() + "\n" for line in actual)
    return _pattern(expected).fullmatch(text) is not None


_ELISION_OR_NUMBER = re.compile(rf"((?:{_ELISION})|\d+)")


def renumbered(shown: str, real: str) -> str | None:
    """``shown`` with its numbers taken from ``real``, if the two differ only in numbers.

    Reference marks, counts and dates move when the terms change; a line that only
    they changed keeps its shown elisions instead of becoming the whole new line.
    """
    pieces = _ELISION_OR_NUMBER.split(shown.rstrip())
    pattern = "".join(
        r"(\d+)" if piece.isdigit() else "[^\n]*" if piece.strip() in ELLIPSES else re.escape(piece) for piece in pieces
    )
    found = re.fullmatch(pattern, real.rstrip())
    if found is None:
        return None
    numbers = iter(found.groups())
    return "".join(next(numbers) if piece.isdigit() else piece for piece in pieces)


def cut_like(shown: str, real: str) -> str:
    """``real`` cut where ``shown`` was cut: a shown line ending in ``…`` keeps that much of the new line."""
    ending = re.search(f"({_ELISION})$", shown)
    if ending is None or len(real) <= ending.start():
        return real
    return f"{real[: ending.start()].rstrip()} {ending.group(1).strip()}"


def refreshed(expected: list[str], actual: list[str]) -> list[str]:
    """The lines to show instead of ``expected``: the real output, with the shown elisions kept.

    Without a ``…`` line: the output whole, a line that still matches its shown form
    (``…`` inside it) kept as shown. With ``…`` lines: as many lines before the first
    and after the last as were shown; a shown stretch between two of them stays where
    the output still has it (with its numbers renewed, if only they changed; with a
    reworded line renewed and cut where it was cut, if most of its lines are still there),
    and is dropped where it does not, the two elisions around it becoming one.
    """
    actual = [line.rstrip() for line in actual]
    marks = [number for number, line in enumerate(expected) if line.strip() in ELLIPSES]

    def keep(shown: list[str], real: list[str]) -> list[str]:
        kept = [old if matches([old], [new]) else renumbered(old, new) or new for old, new in zip(shown, real)]
        return kept + real[len(shown) :]

    def placed(stretch: list[str], window: list[str], how: str) -> list[str] | None:
        if how == "exactly":
            return stretch if matches(stretch, window) else None
        lines = [renumbered(old, new) for old, new in zip(stretch, window)]
        if how == "renumbered":
            return None if any(line is None for line in lines) else [line for line in lines if line is not None]
        # loosely: most lines still there (a note reworded in one of them), so the stretch is still shown
        if len(stretch) < 2 or 2 * sum(line is not None for line in lines) <= len(stretch):
            return None
        return [line if line is not None else cut_like(old, new) for line, old, new in zip(lines, stretch, window)]

    if not marks:
        return keep(expected, actual) if len(expected) == len(actual) else actual
    head, tail = expected[: marks[0]], expected[marks[-1] + 1 :]
    if len(head) + len(tail) >= len(actual):
        return actual
    out = keep(head, actual[: len(head)])
    position, end = len(head), len(actual) - len(tail)
    for start, stop in zip(marks, marks[1:]):
        if not out or out[-1].strip() not in ELLIPSES:
            out.append(expected[start].rstrip())
        stretch = expected[start + 1 : stop]
        windows = range(position, end - len(stretch) + 1) if stretch else range(0)
        found = next(
            (
                (at, lines)
                for how in ("exactly", "renumbered", "loosely")
                for at in windows
                if (lines := placed(stretch, actual[at : at + len(stretch)], how)) is not None
            ),
            None,
        )
        if found is not None:
            out += found[1]
            position = found[0] + len(stretch)
    if not out or out[-1].strip() not in ELLIPSES:
        out.append(expected[marks[-1]].rstrip())
    return out + (keep(tail, actual[end:]) if tail else [])


def _environment(shims: Path, cache: Path) -> dict[str, str]:
    environment = {key: value for key, value in os.environ.items() if not key.startswith(("LC_", "LANG", "GLOSSARY_", "PYTHON"))}
    environment.update(
        LANG="C.UTF-8",  # English labels; a command may set LANG itself
        PYTHONIOENCODING="utf-8",
        PYTHONUNBUFFERED="1",  # stdout and stderr in the order they were written
        PYTHONPATH=str(ROOT),
        PATH=f"{shims}{os.pathsep}{environment.get('PATH', '')}",
        GLOSSARY_CACHE_DIR=str(cache),
        COLUMNS="200",
    )
    return environment


@dataclass
class Workspace:
    folder: Path
    environment: dict[str, str]


def workspace(base: Path) -> Workspace:
    """A copy of the input files and a ``glossary`` command that runs this checkout."""
    folder = base / "work"
    shutil.copytree(INPUTS, folder)
    shims = base / "bin"
    shims.mkdir()
    shim = shims / "glossary"
    shim.write_text(f'#!/bin/sh\nexec "{sys.executable}" -m glossary "$@"\n', encoding="utf-8")
    shim.chmod(0o755)
    return Workspace(folder, _environment(shims, base / "cache"))


def run(example: Example, space: Workspace) -> None:
    """Run the example's command and keep its output lines."""
    result = subprocess.run(
        ["bash", "-c", example.command],
        cwd=space.folder,
        env=space.environment,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        stdin=subprocess.DEVNULL,
        timeout=120,
    )
    lines = result.stdout.decode("utf-8", "backslashreplace").splitlines()
    while lines and not lines[-1].strip():
        lines.pop()
    example.actual = lines


def run_page(page: Path) -> Iterator[Example]:
    """Every example of a page, run in order in one workspace."""
    with tempfile.TemporaryDirectory(prefix="doc-examples-") as base:
        space = workspace(Path(base))
        for example in examples(page):
            run(example, space)
            yield example


def update(page: Path, stale: list[Example]) -> None:
    """Rewrite the shown output of the stale examples of a page."""
    lines = page.read_text(encoding="utf-8").split("\n")
    for example in sorted(stale, key=lambda item: -item.line):
        start = example.line + 1
        end = start + len(example.expected)
        # keep blank lines between the shown output and the next example
        new = [example.indent + line if line else line for line in refreshed(example.expected, example.actual)]
        lines[start:end] = new
    page.write_text("\n".join(lines), encoding="utf-8")


def diff(example: Example) -> str:
    import difflib

    return "\n".join(difflib.unified_diff(example.expected, example.actual, "shown", "actual", lineterm="", n=1))


def main(argv: list[str]) -> int:
    updating = "--update" in argv
    named = [ROOT / arg if not Path(arg).is_absolute() else Path(arg) for arg in argv if arg != "--update"]
    pages = named or PAGES
    stale_count = 0
    for page in pages:
        stale = [example for example in run_page(page) if not example.matches()]
        stale_count += len(stale)
        for example in stale:
            print(f"{example.where}: $ {example.command}\n{diff(example)}\n", file=sys.stderr)
        if updating and stale:
            update(page, stale)
            print(f"updated {len(stale)} example(s) in {page.relative_to(ROOT)}", file=sys.stderr)
    if stale_count and not updating:
        print(f"{stale_count} example(s) differ from the output: run python3 tests/doc_examples.py --update", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))


_SHELL_OPERATORS = {"|", "||", "&&", ";", "<", ">", ">>", "2>", "&"}


def usage_lines(page: Path) -> list[tuple[int, list[str]]]:
    """``(line index, arguments)`` of every ``glossary ...`` command line in a page's ``sh`` blocks (shown without output)."""
    import shlex

    found = []
    fence: str | None = None
    shell = False
    for number, line in enumerate(page.read_text(encoding="utf-8").splitlines()):
        opening = _FENCE.match(line)
        if opening and (fence is None or line.strip() == fence):
            fence, shell = (opening.group(2), line.strip().lstrip("`~").strip() in ("sh", "bash", "shell")) if fence is None else (None, False)
            continue
        if not shell:
            continue
        words = shlex.split(line, comments=True)
        for start in range(len(words)):
            if words[start] == "glossary" or words[start : start + 3] == ["python3", "-m", "glossary"]:
                args = words[start + (1 if words[start] == "glossary" else 3) :]
                cut = next((index for index, word in enumerate(args) if word in _SHELL_OPERATORS), len(args))
                found.append((number, args[:cut]))
                break
    return found
