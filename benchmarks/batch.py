"""Batch lookups: ``glossary lookup --from FILE`` with 1,000 queries against one lookup's start-up.

Target (issue 15): the whole process under 0.5 s for 1,000 queries. The absolute
target is reported along with the ratio to ``glossary lookup 军民融合`` measured in
the same run, interleaved, so that a slow machine shows as a slow reference.
The queries are every form of the bundled terms (simplified, traditional, preferred
English, pinyin) repeated up to 1,000, with a few that find nothing (which load
the search index for their suggestions).

    python3 benchmarks/batch.py [--rounds N]
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile

from _common import installed_copy, report, time_commands


def queries(count: int = 1000, missing: int = 5) -> list[str]:
    import glossary

    forms = [form for term in glossary.load() for form in (term.zh.hans, term.zh.hant, term.preferred, term.zh.pinyin)]
    found = (forms * (count // len(forms) + 1))[: count - missing]
    return found + [f"no such term {number}" for number in range(missing)]


def main(rounds: int = 15) -> bool:
    lines = queries()
    with tempfile.TemporaryDirectory() as folder:
        _, script, _ = installed_copy(folder)
        listing = os.path.join(folder, "queries.txt")
        with open(listing, "w", encoding="utf-8") as stream:
            stream.write("\n".join(lines) + "\n")
        medians = time_commands(
            {
                "single": [script, "lookup", "军民融合"],
                "batch": [script, "lookup", "--from", listing],
                "batch tsv": [script, "lookup", "--from", listing, "--format", "tsv"],
            },
            rounds,
        )
    base = medians["single"]
    rows: list[tuple[str, str, str, bool | None]] = [("glossary lookup 军民融合 (reference)", f"{base:.1f} ms", "", None)]
    for name in ("batch", "batch tsv"):
        ms = medians[name]
        rows.append((f"glossary lookup --from ({len(lines)} queries, {name})", f"{ms:.1f} ms = {ms / base:.2f}x", "< 500 ms", ms < 500))
    return report(f"Batch lookups of an installed wheel ({rounds} interleaved rounds, medians)", rows)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=15)
    sys.exit(0 if main(parser.parse_args().rounds) else 1)
