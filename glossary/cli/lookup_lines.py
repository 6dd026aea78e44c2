"""One line per query: ``glossary lookup --short X``, ``glossary lookup -`` and ``--from FILE``.

A translator with a list of terms wants the answer, not the card: the query, the
concept id, simplified Chinese, pinyin, the preferred English (official if any)
and the abbreviations, one line each, as plain text, TSV or JSON Lines. Queries
that find nothing get the best ``search`` suggestion instead. Nothing here imports
argparse, json (unless ``--json``), re or typing: a batch of 1,000 queries runs in
about one interpreter start-up.
"""

from __future__ import annotations

import sys

from glossary.errors import FormatError

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    from glossary.analysis.glossary import Glossary

__all__ = ["COLUMNS", "answer", "queries_from", "run_lines"]

#: The fields of one answer, in order (the TSV header).
COLUMNS = ("query", "id", "hans", "pinyin", "en", "abbreviations", "suggestion")

# the most query lines read (each is one lookup); a bigger input is a mistake
_MAX_BYTES = 64 << 20


def queries_from(source: str) -> list[tuple[int, str]]:
    """``(line number, query)`` for every non-blank line of a file, or of stdin for ``-``.

    FormatError naming the file and line for text that is not UTF-8; InputError for a
    file that cannot be read.
    """
    if source == "-":
        name = "<stdin>"
        data = sys.stdin.buffer.read()
    else:
        from glossary.core.files import read_file

        name = source
        data = read_file(source, _MAX_BYTES)
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    queries = []
    for number, raw in enumerate(data.split(b"\n"), 1):
        try:
            line = raw.decode("utf-8")
        except UnicodeDecodeError as error:
            raise FormatError(name, f"not UTF-8 text (byte 0x{raw[error.start]:02x} at column {error.start + 1}): save the list as UTF-8", number) from None
        if "\x00" in line:
            raise FormatError(name, "holds a NUL character: a binary file, not a list of queries", number)
        query = line.strip()
        if query:
            queries.append((number, query))
    return queries


def answer(glossary: Glossary, query: str) -> dict[str, Any]:
    """The one-line answer to a query as a dict of :data:`COLUMNS` (``id`` None when nothing matched)."""
    matches = glossary.lookup(query)
    if matches:
        term = matches[0].term
        return {
            "query": query,
            "id": term.id,
            "hans": term.zh.hans,
            "pinyin": term.zh.pinyin,
            "en": term.preferred,
            "abbreviations": [abbreviation.text for abbreviation in term.abbreviations or () if abbreviation.status != "erroneous"],
            "suggestion": None,
        }
    out: dict[str, Any] = {"query": query, "id": None, "hans": None, "pinyin": None, "en": None, "abbreviations": [], "suggestion": None}
    suggestions = glossary.suggest(query, limit=1)
    if suggestions:
        term = suggestions[0].term
        out["suggestion"] = {"id": term.id, "hans": term.zh.hans, "en": term.preferred}
    return out


def _cell(text: str) -> str:
    # a tab or line break inside a field would shift the columns of a TSV line
    return text.replace("\t", " ").replace("\r", " ").replace("\n", " ")


def _line(row: dict[str, Any], style: str) -> str:
    if style == "json":
        import json

        return json.dumps({**row, "found": row["id"] is not None}, ensure_ascii=False)
    suggestion = row["suggestion"]
    if style == "tsv":
        hint = f"{suggestion['hans']} ({suggestion['id']})" if suggestion else ""
        values = [row["query"], row["id"] or "", row["hans"] or "", row["pinyin"] or "", row["en"] or "", "; ".join(row["abbreviations"]), hint]
        return "\t".join(_cell(value) for value in values)
    if row["id"] is None:
        hint = f"did you mean {suggestion['hans']}  {suggestion['en']}  [{suggestion['id']}]" if suggestion else "no suggestion"
        return f"{row['query']}  -  not found; {hint}"
    abbreviations = ", ".join(row["abbreviations"])
    fields = [row["query"], f"[{row['id']}]", row["hans"], row["pinyin"], row["en"]] + ([f"({abbreviations})"] if abbreviations else [])
    return "  ".join(fields)


def run_lines(glossary: Glossary, queries: list[str], style: str) -> int:
    """Print one line per query; 0 when every query was found, 1 when some were not."""
    missing = 0
    out = sys.stdout
    if style == "tsv":
        out.write("\t".join(COLUMNS) + "\n")
    for query in queries:
        row = answer(glossary, query)
        missing += row["id"] is None
        out.write(_line(row, style) + "\n")
    if missing:
        print(f"glossary lookup: {missing} of {len(queries)} queries found nothing", file=sys.stderr)
    return 1 if missing else 0
