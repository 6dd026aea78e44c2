"""``glossary check FILE``: term problems of a bilingual TSV (source TAB target per line)."""

from __future__ import annotations

import sys


from glossary.cli.commands import Option, glossary_from, glossary_options, option

TYPE_CHECKING = False
if TYPE_CHECKING:
    import argparse


def options() -> tuple[Option, ...]:
    return (
        option("file", help="UTF-8 TSV: source TAB target on each line (blank lines are skipped); - for standard input"),
        option("--direction", choices=("zh-en", "en-zh"), help="translation direction (default: zh-en for lines whose source holds Chinese characters, else en-zh)"),
        option("--format", "-f", choices=("table", "tsv", "json"), default="table", help="table (default): file:line: problem: term: message; tsv; json"),
        option("--json", action="store_true", help="the same as --format json"),
        *glossary_options(),
    )


def parse_pairs(name: str, text: str) -> list[tuple[int, str, str]]:
    """``(line number, source, target)`` of every non-blank line; DataError naming every bad line."""
    from glossary.errors import DataError

    pairs: list[tuple[int, str, str]] = []
    problems: list[tuple[str, str]] = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        fields = line.split("\t")
        if len(fields) != 2:
            found = "no tab" if len(fields) == 1 else f"{len(fields) - 1} tabs"
            problems.append((f"{name}:{number}", f"expected source<TAB>target, found {found}"))
        elif not fields[0].strip() or not fields[1].strip():
            problems.append((f"{name}:{number}", "empty " + ("source" if not fields[0].strip() else "target")))
        else:
            pairs.append((number, fields[0], fields[1]))
    if problems:
        raise DataError(problems)
    return pairs


def run(options: argparse.Namespace) -> int:
    from glossary.analysis.corpus import read_input
    from glossary.core.progress import Progress

    pairs = parse_pairs(options.file, read_input(options.file))
    glossary = glossary_from(options)
    findings = []
    with Progress(len(pairs), "checking lines") as progress:
        for number, source, target in pairs:
            for finding in glossary.check(source, target, direction=options.direction):
                findings.append((number, finding))
            progress.advance()
    fmt = "json" if options.json else options.format
    if fmt == "json":
        from glossary.formats.json import dumps

        listed = [{"line": number, **finding.to_dict()} for number, finding in findings]
        print(dumps({"file": options.file, "lines": len(pairs), "findings": listed}))
    elif fmt == "tsv":
        print("line\tid\tproblem\tsource_start\tsource_end\tsource_text\ttarget_text\texpected")
        for number, finding in findings:
            start, end = finding.source_span
            print(f"{number}\t{finding.term.id}\t{finding.problem}\t{start}\t{end}\t{finding.source_text}\t{finding.target_text or ''}\t{' | '.join(finding.expected)}")
    else:
        for number, finding in findings:
            print(f"{options.file}:{number}: {finding.problem}: {finding.term.id}: {finding.message}")
    if findings:
        print(f"glossary check: {len(findings)} finding(s) in {len(pairs)} line(s)", file=sys.stderr)
        return 1
    print(f"glossary check: {len(pairs)} line(s), no findings", file=sys.stderr)
    return 0
