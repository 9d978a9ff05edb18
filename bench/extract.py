"""Precision and recall of `glossary.extract`: per pattern on the first gold set, and per kind
of source on the labelled set by kind, its development and held-out parts apart.

Run: python bench/extract.py [--verbose] [--show-heldout] [--gold FILE]

The first gold set (tests/data/extract_gold.yaml) names the pattern of each pair: a found pair
is right when the item lists the same (zh, en); precision is counted under the pattern that
found it, recall under the pattern the set names.

The set by kind (tests/data/extract_kinds_dev.yaml and extract_kinds_heldout.yaml) names the
kind of source of each item: a found pair is right when its headword (simplified or
traditional) and its rendering (without case, spacing or a leading article) are those of a
listed pair. Rules are tuned on the development part only: --verbose lists its wrong and
missed pairs, and the held-out part's only with --show-heldout.
"""

from __future__ import annotations

import argparse
import re
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from glossary.extract import Candidate, extract
from glossary.hanzi import to_simplified

DATA = Path(__file__).resolve().parent.parent / "tests" / "data"
GOLD = DATA / "extract_gold.yaml"
DEV = DATA / "extract_kinds_dev.yaml"
HELDOUT = DATA / "extract_kinds_heldout.yaml"


@dataclass
class Score:
    """Counts per group (pattern or kind): pairs found, found and right, expected, recalled."""

    found: Counter[str] = field(default_factory=Counter)
    right: Counter[str] = field(default_factory=Counter)
    expected: Counter[str] = field(default_factory=Counter)
    recalled: Counter[str] = field(default_factory=Counter)
    errors: list[str] = field(default_factory=list)

    def precision(self, group: str | None = None) -> float:
        found = self.found[group] if group else sum(self.found.values())
        right = self.right[group] if group else sum(self.right.values())
        return right / found if found else 1.0

    def recall(self, group: str | None = None) -> float:
        expected = self.expected[group] if group else sum(self.expected.values())
        recalled = self.recalled[group] if group else sum(self.recalled.values())
        return recalled / expected if expected else 1.0

    def groups(self) -> list[str]:
        return sorted(set(self.found) | set(self.expected))


# --- the first gold set, per pattern -----------------------------------------------------------


def load(path: Path = GOLD) -> list[tuple[str, list[tuple[str, str, str]]]]:
    """Give the gold items: each text with its expected (zh, en, pattern) pairs."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    items = [(i["text"], [tuple(p) for p in i["pairs"]]) for i in data["positives"]]
    items += [(text, []) for text in data["negatives"]]
    return items  # type: ignore[return-value]


def score(items: list[tuple[str, list[tuple[str, str, str]]]]) -> Score:
    """Give the counts of extract() over ``items``, per pattern."""
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


# --- the set by kind of source -----------------------------------------------------------------


@dataclass(frozen=True)
class Item:
    """A labelled text: its kind of source, and the pairs it holds (zh, renderings right)."""

    kind: str
    text: str
    pairs: tuple[tuple[str, tuple[str, ...]], ...]


def load_kinds(path: Path) -> list[Item]:
    """Give the items of a part of the set by kind."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    items: list[Item] = []
    for kind, entries in data.items():
        for entry in entries:
            pairs = tuple(
                (zh, tuple(en) if isinstance(en, list) else (en,)) for zh, en in entry["pairs"]
            )
            items.append(Item(kind, entry["text"], pairs))
    return items


def _english_key(text: str) -> str:
    """Give a rendering as compared: no case, one space, straight apostrophes, no article."""
    text = " ".join(text.replace("’", "'").casefold().split())
    return re.sub(r"^(?:the|a|an) ", "", text)


def _matches(candidate: Candidate, zh: str, renderings: tuple[str, ...]) -> bool:
    """Tell whether ``candidate`` is the pair (zh, one of ``renderings``)."""
    heads = {candidate.term.zh, candidate.term.traditional}
    if zh not in heads and to_simplified(zh) != candidate.term.zh:
        return False
    return _english_key(candidate.term.en[0]) in {_english_key(e) for e in renderings}


def score_kinds(
    items: Iterable[Item], run: Callable[[str], list[Candidate]] | None = None
) -> Score:
    """Give the counts of extract() over ``items``, per kind of source."""
    out = Score()
    for item in items:
        got = run(item.text) if run else extract(item.text, "bench")
        out.expected[item.kind] += len(item.pairs)
        out.found[item.kind] += len(got)
        for c in got:
            if any(_matches(c, zh, ens) for zh, ens in item.pairs):
                out.right[item.kind] += 1
            else:
                pair = f"({c.term.zh}, {c.term.en[0]})"
                out.errors.append(f"wrong {pair} [{item.kind}] in: {item.text}")
        for zh, ens in item.pairs:
            if any(_matches(c, zh, ens) for c in got):
                out.recalled[item.kind] += 1
            else:
                out.errors.append(f"missed ({zh}, {ens[0]}) [{item.kind}] in: {item.text}")
    return out


# --- the report --------------------------------------------------------------------------------


def _row(name: str, s: Score, group: str | None) -> str:
    found = s.found[group] if group else sum(s.found.values())
    right = s.right[group] if group else sum(s.right.values())
    expected = s.expected[group] if group else sum(s.expected.values())
    return f"{found:>5} {right:>5} {expected:>5} {s.precision(group):>9.2f} {s.recall(group):>7.2f}"


def report_patterns(items: list[tuple[str, list[tuple[str, str, str]]]], result: Score) -> None:
    """Print the first gold set's figures per pattern."""
    negatives = sum(1 for _, pairs in items if not pairs)
    gold = sum(result.expected.values())
    print(f"First gold set: {len(items)} sentences, {gold} pairs, {negatives} negative sentences")
    print(f"{'pattern':<22} {'found':>5} {'right':>5} {'gold':>5} {'precision':>9} {'recall':>7}")
    for pattern in result.groups():
        print(f"{pattern:<22} {_row(pattern, result, pattern)}")
    print(f"{'overall':<22} {_row('', result, None)}")


def report_kinds(dev: Score, heldout: Score, counts: dict[str, tuple[int, int, int]]) -> None:
    """Print the set by kind: each kind's figures on the development and held-out parts."""
    print("\nSet by kind of source (development | held-out)")
    for part, (items, pairs, negatives) in counts.items():
        print(f"  {part}: {items} texts, {pairs} pairs, {negatives} negative texts")
    head = f"{'found':>5} {'right':>5} {'gold':>5} {'precision':>9} {'recall':>7}"
    print(f"{'kind':<24} {head} | {head}")
    for kind in sorted(set(dev.groups()) | set(heldout.groups())):
        print(f"{kind:<24} {_row(kind, dev, kind)} | {_row(kind, heldout, kind)}")
    print(f"{'overall':<24} {_row('', dev, None)} | {_row('', heldout, None)}")


def _counts(items: list[Item]) -> tuple[int, int, int]:
    return len(items), sum(len(i.pairs) for i in items), sum(1 for i in items if not i.pairs)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gold", type=Path, default=GOLD, help="the first gold set")
    parser.add_argument("--verbose", action="store_true", help="list the development errors")
    parser.add_argument(
        "--show-heldout", action="store_true", help="also list the held-out part's errors"
    )
    args = parser.parse_args()
    items = load(args.gold)
    result = score(items)
    report_patterns(items, result)
    dev_items, heldout_items = load_kinds(DEV), load_kinds(HELDOUT)
    dev, heldout = score_kinds(dev_items), score_kinds(heldout_items)
    counts = {"development": _counts(dev_items), "held-out": _counts(heldout_items)}
    report_kinds(dev, heldout, counts)
    if args.verbose:
        print("\n".join(["", *result.errors, *dev.errors]))
    if args.show_heldout:
        print("\n".join(["", "held-out:", *heldout.errors]))


if __name__ == "__main__":
    main()
