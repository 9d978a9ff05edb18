"""Accuracy of generated readings: the dictionary's words first, against pypinyin alone.

Reads every case of tests/data/readings.tsv both ways and prints, by set (dev, heldout)
and kind of term, the share of terms read right syllable by syllable (tones included),
and the share written exactly as the case writes it (words joined and apart, capitals).

    python bench/readings.py [--verbose] [--frequency wordfreq|jieba]
"""

from __future__ import annotations

import argparse
import itertools
import os
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from glossary import pinyin  # noqa: E402
from glossary.dictionary import readings  # noqa: E402


def cases() -> list[tuple[str, str, str, str]]:
    """Give the (set, kind, hanzi, reading) rows of readings.tsv."""
    text = (REPO / "tests" / "data" / "readings.tsv").read_text(encoding="utf-8")
    rows = [line.split("\t") for line in text.splitlines() if line and not line.startswith("#")]
    return [(s, k, h, r) for s, k, h, r in rows]


def syllables(reading: str) -> list[str]:
    """Give a reading's syllables with their tones, lower case: what is judged."""
    parsed = pinyin.parse_reading(reading)
    cuts = sorted(parsed.starts)
    return [f"{parsed.letters[a:b]}{parsed.tones[a]}" for a, b in itertools.pairwise(cuts)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--verbose", action="store_true", help="list every wrong reading")
    parser.add_argument("--frequency", default="wordfreq", help="wordfreq or jieba")
    parser.add_argument("--keep", type=Path, help="a cache folder to keep (and reuse)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        env = {**os.environ, "XDG_CACHE_HOME": str(args.keep or folder)}
        env["GLOSSARY_FREQUENCY"] = args.frequency
        env.pop("GLOSSARY_DICT", None)
        reader = readings.reader(env)
        assert reader is not None, "no dictionary to read with"
        scores: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0, 0])
        started = time.perf_counter()
        for group, kind, hanzi, expected in cases():
            ours, theirs = reader.generate(hanzi), pinyin.generate(hanzi)
            want = syllables(expected)
            for key in (group, f"{group} / {kind}", "all"):
                row = scores[key]
                row[0] += syllables(ours) == want
                row[1] += ours == expected
                row[2] += syllables(theirs) == want
                row[3] += 1
            if args.verbose and syllables(ours) != want:
                print(f"  {group:8} {hanzi}: {ours!r}, expected {expected!r} (pypinyin {theirs!r})")
        elapsed = time.perf_counter() - started
    print(f"{'cases':24} {'terms':>5} {'dictionary':>11} {'as written':>11} {'pypinyin':>9}")
    for key in sorted(scores):
        right, exact, alone, total = scores[key]
        print(
            f"{key:24} {total:5} {100 * right / total:10.1f}% {100 * exact / total:10.1f}%"
            f" {100 * alone / total:8.1f}%"
        )
    print(f"{elapsed / len(cases()) * 1000:.1f} ms a term, both ways")


if __name__ == "__main__":
    main()
