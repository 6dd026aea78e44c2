"""``glossary stats``: how many concepts of each kind, and how complete they are."""

from __future__ import annotations

from glossary.cli.commands import Option, glossary_from, glossary_options, option

TYPE_CHECKING = False
if TYPE_CHECKING:
    import argparse


def options() -> tuple[Option, ...]:
    return (
        option("--json", action="store_true", help="print the counts as JSON"),
        option(
            "--missing",
            metavar="FIELD",
            choices=("official", "literal", "first-use", "definition", "abbreviation"),
            help="list the concepts that lack a field instead: official, literal, first-use, definition or abbreviation",
        ),
        *glossary_options(),
    )


def run(options: argparse.Namespace) -> int:
    from glossary.analysis.stats import glossary_stats, render_stats

    glossary = glossary_from(options)
    if options.missing:
        from glossary.analysis.stats import missing

        field = {"official": "official_rendering", "literal": "literal_rendering"}.get(options.missing, options.missing.replace("-", "_"))
        lacking = missing(glossary, field)
        if options.json:
            import json

            rows = [{"id": term.id, "hans": term.zh.hans, "en": term.preferred} for term in lacking]
            print(json.dumps({"field": field, "missing": rows}, ensure_ascii=False, indent=2))
        else:
            for term in lacking:
                print(f"{term.id}\t{term.zh.hans}\t{term.preferred}")
        return 0
    stats = glossary_stats(glossary)
    if options.json:
        import json

        print(json.dumps(stats, ensure_ascii=False, indent=2))
    else:
        print(render_stats(stats))
    return 0
