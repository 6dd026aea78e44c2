"""``glossary import FILE [--format F] [-o OUT]``: read a translator's glossary (TSV, CSV, TBX, JSON).

Without ``-o`` it reports what it read. With ``-o DIR`` it writes a terms folder (one
TOML file per concept and ``_sources.toml``, ready for ``glossary validate``); with
``-o FILE`` whose extension names a format (``.json``, ``.tbx`` …) it converts the file.
Every problem is reported as ``file:line: message`` and nothing is written (exit 2).
"""

from __future__ import annotations

import sys
from pathlib import Path

from glossary.cli.commands import Option, option

TYPE_CHECKING = False
if TYPE_CHECKING:
    import argparse


def options() -> tuple[Option, ...]:
    from glossary.formats import names

    return (
        option("file", help="the glossary file: .utf8/.tsv/.txt (tab-separated), .csv, .tbx (TBX v3 or 2), .json"),
        option("--format", "-f", choices=names(), help="read the file as this format instead of guessing from its extension"),
        option(
            "-o",
            "--output",
            metavar="OUT",
            help="a new folder to write as a terms folder, or a file whose extension names a format (.json, .tbx ...) to convert to",
        ),
        option("--to", choices=names(), help="with -o FILE: the format to write when the extension does not say it"),
        option(
            "--compile",
            action="store_true",
            help="with -o FILE: write the compiled glossary (what the compile cache holds), which --glossary and glossary.load() open at once",
        ),
    )


def run(options: argparse.Namespace) -> int:
    from glossary.errors import UnknownFormatError
    from glossary.formats import format_for_path
    from glossary.formats.converting import STREAMED, convert, open_import
    from glossary.core.progress import Progress

    from glossary.cli.commands import plain_warnings

    plain_warnings()
    if options.compile:
        return _compile(options)
    from glossary.loading.overlap import Watched, overlap_message

    stream = Watched(open_import(options.file, options.format))
    output = Path(options.output) if options.output is not None else None
    format_name = options.to
    if output is not None and format_name is None and output.suffix and not output.is_dir():
        try:
            format_name = format_for_path(output, reading=False).name
        except UnknownFormatError:
            format_name = None
    # concepts are read, checked and written one at a time: a progress bar on a terminal
    with Progress(stream.count, "importing concepts") as progress:
        if output is None:
            count = sum(1 for _ in progress.each(stream.concepts()))
            sources = stream.finish()
        elif format_name in STREAMED:
            count = convert(stream, format_name, output, progress)
        elif format_name is not None:
            from glossary.authoring.build import compile_concepts
            from glossary.formats import export
            from glossary.analysis.glossary import Glossary

            terms = list(stream.concepts())
            count = len(terms)
            export(Glossary(compile_concepts(terms, stream.finish()), origin=str(options.file)), format_name, output)
        else:
            from glossary.authoring.termswriter import write_terms_folder

            count = len(write_terms_folder(progress.each(stream.concepts()), stream.finish, output)) - 1
    if output is None:
        print(f"{options.file}: {count} concepts, no problems", file=sys.stderr)
        imported = [key for key, source in sources.items() if source.kind == "reference" and key.startswith("file-")]
        if imported:
            print(f"  entries without citations cite the file itself ({', '.join(imported)})", file=sys.stderr)
    elif format_name is not None:
        print(f"wrote {count} concepts to {output} ({format_name})", file=sys.stderr)
    else:
        print(f"wrote {count} concepts to {output}/ ({count + 1} files)", file=sys.stderr)
    from glossary.loading.loader import load_bundled

    found = stream.overlap_with(load_bundled().compiled()["terms"])
    if found:  # used with --glossary, these would replace or double bundled concepts
        print(overlap_message(str(options.file), found), file=sys.stderr)
    return 0


def _compile(options: argparse.Namespace) -> int:
    """``import FILE --compile -o OUT``: the file compiled (not merged with the bundled terms), row by row, written atomically."""
    from glossary.errors import InputError, OutputError
    from glossary.loading.cache import write_atomically
    from glossary.loading.loader import write_compiled_file

    if options.output is None:
        print("glossary import: --compile needs -o FILE, the compiled file to write", file=sys.stderr)
        return 2
    from glossary.core.files import output_target

    output, direct = output_target(options.output)
    if direct:
        raise OutputError(str(output), "not a regular file: a compiled glossary is an SQLite file, give a file name")
    counted: list[int] = []

    def write(temporary: str) -> None:
        counted.append(
            write_compiled_file(temporary, options.file, bundled=False, origin=str(options.file), warnings=lambda: [], format_name=options.format)
        )

    try:
        write_atomically(output, write)
    except InputError:
        raise  # the file read, not the one written
    except OSError as error:
        raise OutputError(str(output), error.strerror or str(error)) from None
    print(f"compiled {counted[0]} concepts to {output} (use it with --glossary {output})", file=sys.stderr)
    return 0
