"""First-result accuracy of search over the shipped glossary with CC-CEDICT beneath it.

For each word-frequency list (wordfreq, jieba, none) it runs the ``layer`` cases of
tests/data/ranking.tsv (those the ranking was tuned on), the ``layer-heldout`` cases
(held out, though their misses were seen while tuning) and the ``layer-fresh`` cases
(written after tuning, run once for the figures) through the same lookup as
``glossary search``, in one process, and prints the share whose first result is a
headword the case accepts, by kind of query.

    python bench/ranking.py [--verbose]
"""

from __future__ import annotations

import argparse
import os
import re
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from glossary import paths  # noqa: E402
from glossary.dictionary import layers  # noqa: E402
from glossary.search import parse_query  # noqa: E402

#: The sections of ranking.tsv run here: tuned on, held out, and written after tuning.
SECTIONS = ("layer", "layer-heldout", "layer-fresh")


def cases(name: str) -> list[tuple[str, set[str]]]:
    """Give the (query, accepted first headwords) of one section of ranking.tsv."""
    text = (REPO / "tests" / "data" / "ranking.tsv").read_text(encoding="utf-8")
    rows = [line.split("\t") for line in text.splitlines() if line and not line.startswith("#")]
    return [(query, set(expected.split("|"))) for kind, query, expected in rows if kind == name]


def kind(query: str) -> str:
    """Give what kind of query it is: hanzi, wildcard, numbered, initials, pinyin or English."""
    if any("\u4e00" <= c <= "\u9fff" for c in query):
        return "hanzi"
    if "*" in query:
        return "wildcard"
    if re.search(r"[a-z][1-5]", query):
        return "numbered tones"
    if len(query) >= 2 and not set(query) & set("aeiouv"):
        return "initials"
    parsed = parse_query(query).reading
    if parsed is None or " " in query or query in _ENGLISH or not _pinyin(query):
        return "English"
    return "toneless pinyin"


#: English words that also read as pinyin.
_ENGLISH = frozenset({"water", "book", "eat", "big", "country", "computer", "telephone"})
_ENGLISH |= {"friend", "tea", "sun", "hand", "new", "read", "war", "door", "wind", "rain"}


def _pinyin(query: str) -> bool:
    from glossary import pinyin

    return pinyin._segment(query, (0,) * len(query)) is not None


def run(frequency: str, cache: Path, verbose: bool) -> dict[str, tuple[int, int]]:
    """Give (right, total) per section and kind of query with the list ``frequency``."""
    env = {**os.environ, "XDG_CACHE_HOME": str(cache), "GLOSSARY_FREQUENCY": frequency}
    env.pop("GLOSSARY_DICT", None)
    stack = layers.stack_for([paths.shipped_path()], True, env)
    scores: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for section in SECTIONS:
        for query, accepted in cases(section):
            found = stack.lookup(parse_query(query), 1).matches
            first = found[0].term.zh if found else "(nothing)"
            right = first in accepted
            for key in (section, f"{section} / {kind(query)}"):
                scores[key][0] += right
                scores[key][1] += 1
            if verbose and not right:
                print(f"  {frequency:8} {section:14} {query!r}: {first}, expected {accepted}")
    return {k: (v[0], v[1]) for k, v in scores.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--verbose", action="store_true", help="list every miss")
    parser.add_argument("--keep", type=Path, help="a cache folder to keep (and reuse)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        cache = args.keep or Path(folder)
        results = {name: run(name, cache, args.verbose) for name in ("wordfreq", "jieba", "none")}
    rows = sorted({key for found in results.values() for key in found})
    print(f"{'cases':40} {'wordfreq':>12} {'jieba':>12} {'none':>12}")
    for key in rows:
        cells = []
        for name in results:
            right, total = results[name].get(key, (0, 0))
            cells.append(f"{right}/{total} {100 * right / total:3.0f}%" if total else "-")
        print(f"{key:40} {cells[0]:>12} {cells[1]:>12} {cells[2]:>12}")


if __name__ == "__main__":
    main()
