"""Scan throughput of ``Glossary.scan`` against raw pyahocorasick, on generated text.

    python3 benchmarks/scan.py                 # 100 / 10k / 120k terms, 1M characters, 5 rounds
    python3 benchmarks/scan.py --sizes 100 10000 --chars 300000 --rounds 3

For each glossary size it generates a glossary and a Chinese corpus with its terms
in it (benchmarks/synthetic.py), then times, interleaved in the same process:

- raw: pyahocorasick ``iter_long`` over the corpus as UTF-8 bytes read as latin-1,
  with the byte offsets mapped back to characters, over the same keys as the scanner
  (the measured leader of the design notes; no folding, no boundary checks, not
  exact when a key ends inside a longer key's path);
- spans: ``Scanner.spans(text)``, the scanner's offsets and key numbers;
- scan: ``Glossary.scan(text)``, the full result as ``Hit`` objects;
- engine: for information, the automaton ``scan`` runs on (ahocorasick-rs,
  leftmost-longest) over the same text and keys with nothing else, so the cost of
  folding, boundary rules and ``Hit`` objects can be read off.

MB means 10**6 bytes of UTF-8. Each figure is the median (min-max) of the rounds.
Ratios compare medians of the same run. A second corpus, all in traditional
characters, shows the cost of folding a whole text.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from synthetic import synthetic_corpus, synthetic_glossary  # noqa: E402


def raw_automaton(keys: list[str]) -> object:
    import ahocorasick

    automaton = ahocorasick.Automaton()
    for key in keys:
        encoded = key.encode("utf-8")
        automaton.add_word(encoded.decode("latin-1"), (len(encoded), len(key)))
    automaton.make_automaton()
    return automaton


def raw_scan(automaton: object, text: str) -> list[tuple[int, int]]:
    data = text.encode("utf-8")
    view = data.decode("latin-1")
    spans = []
    chars = position = 0
    for end, (n_bytes, n_chars) in automaton.iter_long(view):  # type: ignore[attr-defined]
        chars += len(data[position : end - n_bytes + 1].decode("utf-8"))
        spans.append((chars, chars + n_chars))
        chars += n_chars
        position = end + 1
    return spans


def engine_automaton(keys: list[str]) -> object:
    import ahocorasick_rs

    return ahocorasick_rs.AhoCorasick(keys, matchkind=ahocorasick_rs.MatchKind.LeftmostLongest, store_patterns=False)


def timed(function: object, text: str) -> tuple[float, int]:
    start = time.perf_counter()
    result = function(text)  # type: ignore[operator]
    return time.perf_counter() - start, len(result)


def summary(seconds: list[float], megabytes: float) -> str:
    rates = sorted(megabytes / second for second in seconds)
    return f"{statistics.median(rates):6.2f} ({rates[0]:.2f}-{rates[-1]:.2f})"


#: The goal of issue 5: scan() at least this fraction of raw pyahocorasick's throughput.
GOAL = 0.8


def run(size: int, chars: int, rounds: int) -> bool:
    started = time.perf_counter()
    glossary = synthetic_glossary(size)
    made = time.perf_counter()
    scanner = glossary.scanner()
    built = time.perf_counter()
    keys = [key.text for key in scanner._keys]
    automaton = raw_automaton(keys)
    engine = engine_automaton(keys)
    met = True
    print(f"\n{size:,} terms: {len(keys):,} keys; glossary {made - started:.1f} s, scanner build {built - made:.1f} s")
    for label, traditional in (("simplified", 0.0), ("traditional", 1.0)):
        text = synthetic_corpus(glossary, chars, traditional=traditional)
        megabytes = len(text.encode("utf-8")) / 1e6
        glossary.scan(text)  # make the Term objects once, as any second scan finds them made
        times: dict[str, list[float]] = {"raw": [], "spans": [], "scan": [], "engine": []}
        counts: dict[str, int] = {}
        functions = (
            ("raw", lambda t: raw_scan(automaton, t)),
            ("spans", scanner.spans),
            ("scan", glossary.scan),
            ("engine", engine.find_matches_as_indexes),  # type: ignore[attr-defined]
        )
        for _ in range(rounds):
            for name, function in functions:
                seconds, count = timed(function, text)
                times[name].append(seconds)
                counts[name] = count
        raw = statistics.median(times["raw"])
        print(f"  {label} corpus: {len(text):,} chars, {megabytes:.2f} MB; hits raw {counts['raw']:,}, scan {counts['scan']:,}")
        for name in ("raw", "spans", "scan", "engine"):
            ratio = raw / statistics.median(times[name])
            verdict = ""
            if name == "scan" and label == "simplified":
                met = met and ratio >= GOAL
                verdict = f"   goal >= {GOAL}x: {'ok' if ratio >= GOAL else 'MISSED'}"
            elif name == "engine":
                verdict = f"   (for information; scan() takes {statistics.median(times['scan']) / statistics.median(times['engine']):.1f}x its time)"
            print(f"    {name:<6} {summary(times[name], megabytes)} MB/s   {ratio:.2f}x raw{verdict}")
    return met


def main(sizes: tuple[int, ...] = (100, 10_000, 120_000), chars: int = 1_000_000, rounds: int = 5, quick: bool = False) -> bool:
    """Scan throughput at each glossary size; True when the goal was met at every size."""
    if quick:
        sizes, chars, rounds = (100, 10_000), 200_000, 2
    print(f"\nScan (Python {sys.version.split()[0]}; corpus {chars:,} chars; {rounds} rounds; MB/s median (min-max))")
    met = True
    for size in sizes:
        met = run(size, chars, rounds) and met
    return met


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 10_000, 120_000])
    parser.add_argument("--chars", type=int, default=1_000_000, help="corpus size in characters")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--quick", action="store_true", help="small sizes and corpus, two rounds")
    options = parser.parse_args()
    sys.exit(0 if main(tuple(options.sizes), options.chars, options.rounds, options.quick) else 1)
