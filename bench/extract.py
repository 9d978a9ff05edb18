"""Precision and recall of `glossary.extract` on the hand-written gold set, per pattern.

Run: python bench/extract.py [--gold tests/data/extract_gold.yaml] [--verbose]

A found pair is right when the gold item lists the same (zh, en); precision is counted under
the pattern that found the pair, recall under the pattern the gold set names. Negative
sentences count only against precision.
"""

from __future__ import annotations

import argparse
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from glossary.extract import extract

GOLD = Path(__file__).resolve().parent.parent / "tests" / "data" / "extract_gold.yaml"


@dataclass
class Score:
    """Counts per pattern: pairs found, found and right, expected, expected and found."""

    found: Counter[str] = field(default_factory=Counter)
    right: Counter[str] = field(default_factory=Counter)
    expected: Counter[str] = field(default_factory=Counter)
    recalled: Counter[str] = field(default_factory=Counter)
    errors: list[str] = field(default_factory=list)

    def precision(self, pattern: str | None = None) -> float:
        found = self.found[pattern] if pattern else sum(self.found.values())
        right = self.right[pattern] if pattern else sum(self.right.values())
        return right / found if found else 1.0

    def recall(self, pattern: str | None = None) -> float:
        expected = self.expected[pattern] if pattern else sum(self.expected.values())
        recalled = self.recalled[pattern] if pattern else sum(self.recalled.values())
        return recalled / expected if expected else 1.0


def load(path: Path = GOLD) -> list[tuple[str, list[tuple[str, str, str]]]]:
    """Give the gold items: each text with its expected (zh, en, pattern) pairs."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    items = [(i["text"], [tuple(p) for p in i["pairs"]]) for i in data["positives"]]
    items += [(text, []) for text in data["negatives"]]
    return items  # type: ignore[return-value]


def score(items: list[tuple[str, list[tuple[str, str, str]]]]) -> Score:
    """Give the counts of extract() over ``items``."""
    out = Score()
    for text, pairs in items:
        gold = {(zh, en): pattern for zh, en, pattern in pairs}
        got = {(c.term.zh, c.term.en[0]): c.pattern for c in extract(text, "gold")}
        for pair, pattern in got.items():
            out.found[pattern] += 1
            if pair in gold:
                out.right[pattern] += 1
            else:
                out.errors.append(f"wrong {pair} [{pattern}] in: {text}")
        for pair, pattern in gold.items():
            out.expected[pattern] += 1
            if pair in got:
                out.recalled[pattern] += 1
            else:
                out.errors.append(f"missed {pair} [{pattern}] in: {text}")
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gold", type=Path, default=GOLD)
    parser.add_argument("--verbose", action="store_true", help="list every wrong or missed pair")
    args = parser.parse_args()
    items = load(args.gold)
    result = score(items)
    negatives = sum(1 for _, pairs in items if not pairs)
    gold = sum(result.expected.values())
    print(f"{len(items)} sentences, {gold} gold pairs, {negatives} negative sentences")
    print(f"{'pattern':<22} {'found':>5} {'right':>5} {'gold':>5} {'precision':>9} {'recall':>7}")
    for pattern in sorted(set(result.found) | set(result.expected)):
        print(
            f"{pattern:<22} {result.found[pattern]:>5} {result.right[pattern]:>5} "
            f"{result.expected[pattern]:>5} {result.precision(pattern):>9.2f} "
            f"{result.recall(pattern):>7.2f}"
        )
    print(
        f"{'overall':<22} {sum(result.found.values()):>5} {sum(result.right.values()):>5} "
        f"{sum(result.expected.values()):>5} {result.precision():>9.2f} {result.recall():>7.2f}"
    )
    if args.verbose:
        print("\n".join(result.errors))


if __name__ == "__main__":
    main()
