"""Precision and recall of `glossary check` on the labelled corpus, per rule; and the time
to check a 50-page draft against the whole of CC-CEDICT.

Run: python bench/check.py [--verbose] [--no-speed] [--runs N] [--words N]

The corpus (bench/check/) was written for this benchmark: drafts in the register of
think-tank analysis and news, each slip marked ``[[GL001|text]]`` (the rule it breaks) and
each correct use that looks like a slip marked ``[[ok|text]]``; two bilingual files (XLIFF
2.0 and TMX) whose expected findings are in bilingual/gold.yaml; and the glossary they are
checked against (bench/check/terms.yaml). Drafts under drafts/tune/ were looked at while
the rules were written; drafts under drafts/held-out/ and the TMX file were not, and their
figures are printed apart.

A finding is right when a marked slip of the same rule overlaps it (in a bilingual file:
the same unit, rule and term). Rule GL003 is off by default; it is measured here with
--bare-hanzi on.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import tempfile
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from common import cedict_glossary, glossary_command, median, timed

CORPUS = Path(__file__).resolve().parent / "check"
RULES = ("GL001", "GL002", "GL003", "GL004", "GL005")
_MARK = re.compile(r"\[\[(GL00[1-5]|ok)\|(.*?)\]\]", re.S)


@dataclass
class Score:
    """Counts per rule: findings, right findings, marked slips, slips found."""

    found: Counter[str] = field(default_factory=Counter)
    right: Counter[str] = field(default_factory=Counter)
    expected: Counter[str] = field(default_factory=Counter)
    recalled: Counter[str] = field(default_factory=Counter)
    traps: int = 0
    misses: list[str] = field(default_factory=list)

    def add(self, other: Score) -> None:
        for mine, theirs in (
            (self.found, other.found),
            (self.right, other.right),
            (self.expected, other.expected),
            (self.recalled, other.recalled),
        ):
            mine.update(theirs)
        self.traps += other.traps
        self.misses += other.misses


def labelled(raw: str) -> tuple[str, list[tuple[str, int, int]], int]:
    """Give a marked draft as the checker sees it, its slips (rule, start, end), and how
    many correct uses that look like slips it marks."""
    text, slips, traps, pos = [], [], 0, 0
    size = 0
    for m in _MARK.finditer(raw):
        text.append(raw[pos : m.start()])
        size += m.start() - pos
        if m.group(1) == "ok":
            traps += 1
        else:
            slips.append((m.group(1), size, size + len(m.group(2))))
        text.append(m.group(2))
        size += len(m.group(2))
        pos = m.end()
    text.append(raw[pos:])
    return "".join(text), slips, traps


def score_draft(checker: object, path: Path) -> Score:
    """Give the counts of check on one marked draft."""
    text, slips, traps = labelled(path.read_text(encoding="utf-8"))
    found = checker.check(text, path.name).findings  # type: ignore[attr-defined]
    out = Score(traps=traps)
    for rule, _, _ in slips:
        out.expected[rule] += 1
    hit = set()
    for f in found:
        out.found[f.code] += 1
        matched = [
            k for k, (r, a, b) in enumerate(slips) if r == f.code and a < f.end and f.start < b
        ]
        if matched:
            out.right[f.code] += 1
            hit.update(matched)
        else:
            out.misses.append(f"  false {path.name}:{f.line}:{f.col} {f.code} {f.text!r}")
    for k, (rule, a, b) in enumerate(slips):
        if k in hit:
            out.recalled[rule] += 1
        else:
            out.misses.append(f"  missed {path.name} {rule} {text[a:b]!r}")
    return out


def score_bilingual(checker: object, path: Path, gold: dict[str, list[list[str]]]) -> Score:
    """Give the counts of check on one bilingual file against its expected findings."""
    found = checker.check(path.read_text(encoding="utf-8"), path.name).findings  # type: ignore[attr-defined]
    expected = {(unit, rule, term) for unit, items in gold.items() for rule, term in items}
    out = Score()
    for _, rule, _ in expected:
        out.expected[rule] += 1
    got = {(f.unit, f.code, f.term) for f in found}
    for item in got:
        out.found[item[1]] += 1
        if item in expected:
            out.right[item[1]] += 1
        else:
            out.misses.append(f"  false {path.name} {item}")
    for item in expected:
        if item in got:
            out.recalled[item[1]] += 1
        else:
            out.misses.append(f"  missed {path.name} {item}")
    return out


def report(name: str, score: Score) -> None:
    """Print precision and recall per rule, and overall."""
    print(f"\n{name}: {sum(score.expected.values())} marked slips, {score.traps} marked traps")
    print(f"  {'rule':6} {'slips':>5} {'found':>5} {'right':>5} {'precision':>9} {'recall':>7}")
    for rule in (*RULES, "all"):
        pick = RULES if rule == "all" else (rule,)
        expected = sum(score.expected[r] for r in pick)
        found = sum(score.found[r] for r in pick)
        right = sum(score.right[r] for r in pick)
        recalled = sum(score.recalled[r] for r in pick)
        if not expected and not found:
            continue
        precision = right / found if found else 1.0
        recall = recalled / expected if expected else 1.0
        print(f"  {rule:6} {expected:5} {found:5} {right:5} {precision:9.3f} {recall:7.3f}")


def quality(verbose: bool, only: str | None = None) -> None:
    """Print the figures of the tuned and the held-out parts of the corpus (or of the one
    ``only`` names)."""
    from glossary.qa.run import Checker

    checker = Checker([CORPUS / "terms.yaml"], os.environ, bare_hanzi=True)
    gold = yaml.safe_load((CORPUS / "bilingual" / "gold.yaml").read_text(encoding="utf-8"))
    parts = {
        "tuned (drafts/tune, briefing.xlf)": (CORPUS / "drafts" / "tune", "briefing.xlf"),
        "held out (drafts/held-out, memory.tmx)": (CORPUS / "drafts" / "held-out", "memory.tmx"),
    }
    for name, (folder, bilingual) in parts.items():
        if only and not name.startswith(only):
            continue
        total = Score()
        for path in sorted(folder.iterdir()):
            total.add(score_draft(checker, path))
        path = CORPUS / "bilingual" / bilingual
        total.add(score_bilingual(checker, path, gold[bilingual]))
        report(name, total)
        if verbose:
            print("\n".join(total.misses))


def long_draft(words: int) -> str:
    """Give a draft of about ``words`` words: the corpus drafts, unmarked, over and over."""
    pieces = [
        labelled(p.read_text(encoding="utf-8"))[0]
        for folder in ("tune", "held-out")
        for p in sorted((CORPUS / "drafts" / folder).iterdir())
    ]
    out: list[str] = []
    count = 0
    while count < words:
        piece = pieces[len(out) % len(pieces)]
        out.append(piece)
        count += len(piece.split())
    return "\n\n".join(out)


def speed(runs: int, words: int) -> None:
    """Print the time of a check of a long draft against a 120,000-entry glossary."""
    import time

    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        cache = work / "cache"
        os.environ["XDG_CACHE_HOME"] = str(cache)
        source = cedict_glossary(work, 120_000)
        draft = work / "draft.md"
        text = long_draft(words)
        draft.write_text(text, encoding="utf-8")
        print(f"\ndraft: {len(text.split()):,} words; glossary: {source.name}")
        cmd = [*glossary_command(), "-g", str(source), "check", str(draft)]
        shutil.rmtree(cache, ignore_errors=True)
        cold = timed(cmd, ok=(0, 1))
        print(f"first check after a change (index and matchers built): {cold:.2f} s")
        warm = median([timed(cmd, ok=(0, 1)) for _ in range(runs)])
        print(f"later checks (whole process, median of {runs}): {warm:.2f} s (target: < 1 s)")

        from glossary.qa.run import Checker

        start = time.perf_counter()
        checker = Checker([source], os.environ)
        loaded = time.perf_counter() - start
        start = time.perf_counter()
        found = checker.check(text, draft.name).findings
        took = time.perf_counter() - start
        print(f"  in one process: matchers loaded {loaded:.2f} s, draft checked {took:.2f} s,")
        print(f"  {len(found):,} findings against CC-CEDICT")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--verbose", action="store_true", help="list each miss and false alarm")
    parser.add_argument("--no-speed", action="store_true", help="skip the timing")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--words", type=int, default=25_000)
    parser.add_argument("--only", choices=("tuned", "held"), help="one part of the corpus")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as cache:
        os.environ["XDG_CACHE_HOME"] = cache
        quality(args.verbose, args.only)
    if not args.no_speed:
        speed(args.runs, args.words)


if __name__ == "__main__":
    main()
