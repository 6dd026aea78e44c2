"""``glossary count DIR --by year``: term counts per year (or month) over dated text files, with a bar chart."""

from __future__ import annotations

import sys
from pathlib import Path

from glossary.cli.commands import Option, glossary_from, glossary_options, jobs_option, option

TYPE_CHECKING = False
if TYPE_CHECKING:
    import argparse


def options() -> tuple[Option, ...]:
    return (
        option("folder", help="a folder of UTF-8 text files, each dated by its name or first line"),
        option("--by", choices=("year", "month"), default="year", help="group by year (default) or month"),
        option("--term", "-t", action="append", default=[], metavar="QUERY", help="count only this term (any form lookup accepts); repeatable"),
        option("--documents", action="store_true", help="count files holding a term instead of its occurrences"),
        option("--top", type=int, default=0, metavar="N", help="list only the N most counted terms (the chart shows 5 unless --term or --top says)"),
        option("-o", "--output", metavar="CHART", help="draw a bar chart to CHART.svg, or CHART.png with the charts extra (matplotlib)"),
        option("--title", help="the chart's title"),
        option("--format", "-f", choices=("table", "tsv", "json"), default="table", help="how to print the counts"),
        option("--json", action="store_true", help="the same as --format json"),
        *glossary_options(),
        jobs_option(),
    )


def run(options: argparse.Namespace) -> int:
    from glossary.analysis.corpus import count_by_period, text_files
    from glossary.errors import DataError
    from glossary.core.progress import Progress

    output = Path(options.output) if options.output else None
    if output is not None:
        check_chart_name(output)
    if options.top < 0:
        raise DataError([("--top", "must be 0 (all) or more")])
    glossary = glossary_from(options)
    chosen = [glossary.lookup_one(query) for query in options.term]
    only = {term.id for term in chosen} or None
    files = text_files(Path(options.folder))
    with Progress(len(files), "counting files") as progress:
        counts = count_by_period(glossary, files, by=options.by, documents=options.documents, only=only, progress=progress, jobs=options.jobs)
    for path, reason in counts.skipped:
        print(f"glossary count: skipped {path}: {reason}", file=sys.stderr)
    if not counts.periods:
        raise DataError([(options.folder, f"no dated text file (of {len(files)} files)")])
    ranked = [term.id for term in chosen] if chosen else counts.ranked()
    listed = ranked[: options.top] if options.top else ranked
    fmt = "json" if options.json else options.format
    if fmt == "json":
        import json  # not glossary.formats.json: its package costs every count's start some 15 ms

        terms = []
        for term_id in listed:
            term = glossary.get(term_id)
            row = counts.table.get(term_id, {})
            terms.append({"id": term_id, "hans": term.zh.hans, "en": term.preferred, "counts": {p: row.get(p, 0) for p in counts.periods}, "total": counts.total(term_id)})
        skipped = [{"file": path, "reason": reason} for path, reason in counts.skipped]
        document = {"by": counts.by, "unit": counts.unit, "periods": counts.periods, "files": counts.files, "terms": terms, "skipped": skipped}
        print(json.dumps(document, ensure_ascii=False, indent=2), end="\n\n")
    elif fmt == "tsv":
        print("\t".join(["id", "hans", *counts.periods, "total"]))
        for term_id in listed:
            row = counts.table.get(term_id, {})
            print("\t".join([term_id, glossary.get(term_id).zh.hans, *(str(row.get(p, 0)) for p in counts.periods), str(counts.total(term_id))]))
    else:
        width = max(4, *(len(period) for period in counts.periods))
        print(f"{counts.unit} per {counts.by}")
        print(" ".join(f"{p:>{width}}" for p in [*counts.periods, "total"]) + "  term")
        for term_id in listed:
            row = counts.table.get(term_id, {})
            cells = [str(row.get(p, 0)) for p in counts.periods] + [str(counts.total(term_id))]
            term = glossary.get(term_id)
            print(" ".join(f"{cell:>{width}}" for cell in cells) + f"  {term.zh.hans} {term.preferred} ({term_id})")
        print(" ".join(f"{counts.files.get(p, 0):>{width}}" for p in counts.periods) + " " * (width + 1) + "  files", file=sys.stderr)
    if output is not None:
        draw(glossary, counts, ranked[: options.top or (len(ranked) if chosen else 5)], output, options.title)
    return 0 if any(counts.total(term_id) for term_id in ranked) else 1


def check_chart_name(output: Path) -> None:
    """Refuse, before counting, a chart that cannot be drawn: UnknownFormatError (exit 2), nothing written."""
    from glossary.cli.chart import PNG_NEEDS, png_available
    from glossary.errors import UnknownFormatError

    suffix = output.suffix.lower()
    if suffix not in (".svg", ".png"):
        raise UnknownFormatError(f"cannot draw {output}: the chart is written as .svg or .png")
    if suffix == ".png" and not png_available():
        raise UnknownFormatError(f"cannot draw {output}: {PNG_NEEDS}")


def draw(glossary: object, counts: object, term_ids: list[str], output: Path, title: str | None) -> None:
    from glossary.cli.chart import Series, bar_chart
    from glossary.core.files import write_atomically

    series = []
    for term_id in term_ids:
        term = glossary.get(term_id)  # type: ignore[attr-defined]
        row = counts.table.get(term_id, {})  # type: ignore[attr-defined]
        values = [row.get(period, 0) for period in counts.periods]  # type: ignore[attr-defined]
        series.append(Series(f"{term.zh.hans} {term.preferred}", term.preferred, values))
    what = "Documents containing" if counts.unit == "documents" else "Mentions of"  # type: ignore[attr-defined]
    latin_title = None
    if title is None:
        if len(series) == 1:
            term = glossary.get(term_ids[0])  # type: ignore[attr-defined]
            title = f"{what} \u201c{term.preferred}\u201d ({term.zh.hans}) per {counts.by}"  # type: ignore[attr-defined]
            latin_title = f"{what} \u201c{term.preferred}\u201d ({term.zh.pinyin}) per {counts.by}"  # type: ignore[attr-defined]
        else:
            title = f"{what} glossary terms per {counts.by}"  # type: ignore[attr-defined]

    def note(message: str) -> None:
        print(f"glossary count: {message}", file=sys.stderr)

    fmt = output.suffix.lower()[1:]
    data = bar_chart(series, counts.periods, title=title, latin_title=latin_title, ylabel=counts.unit, fmt=fmt, note=note)  # type: ignore[attr-defined]
    write_atomically(output, data)
    print(f"glossary count: wrote {output}", file=sys.stderr)
