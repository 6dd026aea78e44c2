"""``glossary scan FILE|-``: the glossary terms a text holds, with counts and positions."""

from __future__ import annotations

import sys

from glossary.cli.commands import Option, glossary_from, glossary_options, jobs_option, option

TYPE_CHECKING = False
if TYPE_CHECKING:
    import argparse
    from typing import Any

_SHOWN_POSITIONS = 8


def options() -> tuple[Option, ...]:
    return (
        option("file", help="a UTF-8 text file, or - for standard input"),
        option("--format", "-f", choices=("table", "tsv", "json"), default="table", help="table (default): one line per term; tsv: one row per occurrence; json: both"),
        option("--json", action="store_true", help="the same as --format json"),
        *glossary_options(),
        jobs_option(),
    )


def run(options: argparse.Namespace) -> int:
    from glossary.analysis.corpus import line_columns, position, read_input

    text = read_input(options.file)
    glossary = glossary_from(options)
    if options.jobs > 1:
        from glossary.analysis.parallel import scan_text

        hits = scan_text(glossary.scanner(), text, options.jobs)
    else:
        hits = glossary.scan(text)
    if not hits:
        print(f"glossary scan: no glossary term in {options.file}", file=sys.stderr)
        return 1
    starts, _ = line_columns(text)
    rows: dict[str, list[Any]] = {}
    for hit in hits:
        rows.setdefault(hit.term.id, []).append(hit)
    fmt = "json" if options.json else options.format
    if fmt == "tsv":
        print("id\tstart\tend\tline\tcolumn\tsurface\tkind")
        for hit in hits:
            line, column = position(starts, hit.start)
            surface = hit.surface.replace("\t", " ").replace("\n", " ")
            print(f"{hit.term.id}\t{hit.start}\t{hit.end}\t{line}\t{column}\t{surface}\t{hit.kind}")
        return 0
    ranked = sorted(rows.values(), key=lambda found: (-len(found), found[0].start))
    if fmt == "json":
        from glossary.formats.json import dumps

        terms = []
        for found in ranked:
            term = found[0].term
            listed = []
            for hit in found:
                line, column = position(starts, hit.start)
                listed.append({**hit.to_dict(), "line": line, "column": column})
            terms.append({"id": term.id, "hans": term.zh.hans, "en": term.preferred, "count": len(found), "hits": listed})
        print(dumps({"file": options.file, "chars": len(text), "hits": len(hits), "terms": terms}))
        return 0
    width = max(len(str(len(found))) for found in ranked)
    print(f"{'count':>{max(width, 5)}}  term")
    for found in ranked:
        term = found[0].term
        places = [f"{line}:{column}" for line, column in (position(starts, hit.start) for hit in found[:_SHOWN_POSITIONS])]
        if len(found) > _SHOWN_POSITIONS:
            places.append(f"... +{len(found) - _SHOWN_POSITIONS}")
        print(f"{len(found):>{max(width, 5)}}  {term.zh.hans}  {term.preferred}  ({term.id})  at {', '.join(places)}")
    occurrences = f"{len(hits)} occurrence{'' if len(hits) == 1 else 's'}"
    concepts = f"{len(rows)} term{'' if len(rows) == 1 else 's'}"
    print(f"glossary scan: {occurrences} of {concepts} in {len(text)} characters (positions are line:column)", file=sys.stderr)
    return 0
