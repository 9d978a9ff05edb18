"""Whole-process `glossary search` on 1k, 10k and 120k-entry glossaries: cold and warm.

Run: python bench/search.py [--runs N] [--sizes 1000,10000,120000] [--queries Q,Q,...]
                            [--against TREE]

Cold is the first lookup after the glossary changed (the index is rebuilt); warm is a
lookup with the index cached. Each warm run is timed side by side with `fzf --filter` over
the same entries as text lines (one line per entry: headword, pinyin, renderings), the two
alternating, so that a busy machine slows both alike. Also printed: a minimal Typer program
that prints one line, and peak memory (max RSS, from /usr/bin/time when it is there).

With ``--against TREE`` (another checkout of glossary, e.g. a `git worktree` of an earlier
commit) every cold and warm run is also made by that version, alternating with this one,
each with a cache of its own; the last columns give its times and this version's as a
ratio of them. Both then run as ``python -m glossary``.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from common import (
    MINIMAL,
    cedict_glossary,
    glossary_command,
    median,
    timed,
    tree_command,
    user_environment,
)

from glossary.termfile import store

QUERIES = "zhongguo,army,中国,sgsl,speshal forces,Běijīng"
REPO = Path(__file__).resolve().parent.parent


class Version:
    """One version of glossary to time: its command, and an environment with its own cache."""

    def __init__(self, tree: Path | None, cache: Path):
        self.cmd, env = tree_command(tree) if tree else (glossary_command(), user_environment())
        self.cache = cache
        self.env = {**env, "XDG_CACHE_HOME": str(cache)}

    def search(self, source: Path, query: str) -> list[str]:
        return [*self.cmd, "-g", str(source), "search", query]

    def timed(self, source: Path, query: str) -> float:
        return timed(self.search(source, query), ok=(0, 1), env=self.env)

    def cold(self, source: Path, query: str) -> float:
        shutil.rmtree(self.cache, ignore_errors=True)
        return self.timed(source, query)


def peak_mb(
    cmd: list[str], stdin: Path | None = None, env: dict[str, str] | None = None
) -> float | None:
    """Give the peak resident memory of one run of ``cmd`` in MB, if /usr/bin/time can tell."""
    if not Path("/usr/bin/time").exists():
        return None
    with open(stdin or os.devnull, "rb") as source:
        result = subprocess.run(
            ["/usr/bin/time", "-f", "%M", *cmd],
            stdin=source,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
            check=False,
            env=env or user_environment(),
        )
    return int(result.stderr.strip().splitlines()[-1]) / 1024


def fzf_time(lines: Path, query: str) -> float:
    start = time.perf_counter()
    with open(lines, "rb") as source:
        subprocess.run(
            ["fzf", "--filter", query], stdin=source, stdout=subprocess.DEVNULL, check=False
        )
    return time.perf_counter() - start


def fzf_lines(source: Path, folder: Path) -> Path:
    """Write (once) the entries of ``source`` as fzf reads them: one line each."""
    lines = folder / f"{source.stem}.txt"
    if not lines.exists():
        terms = store.load([source]).terms
        text = "".join(f"{t.zh}\t{t.pinyin}\t{' / '.join(t.en)}\n" for t in terms)
        lines.write_text(text, encoding="utf-8")
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--sizes", default="1000,10000,120000")
    parser.add_argument("--queries", default=QUERIES, help="comma-separated")
    parser.add_argument("--keep", type=Path, help="keep the generated glossaries in this folder")
    parser.add_argument("--against", type=Path, metavar="TREE", help="another checkout to time")
    args = parser.parse_args()
    has_fzf = shutil.which("fzf") is not None
    queries = args.queries.split(",")
    with tempfile.TemporaryDirectory() as folder:
        work = args.keep or Path(folder)
        work.mkdir(parents=True, exist_ok=True)
        cache = Path(folder) / "cache"
        os.environ["XDG_CACHE_HOME"] = str(cache)
        minimal = Path(folder) / "minimal.py"
        minimal.write_text(MINIMAL, encoding="utf-8")
        base = median([timed([sys.executable, str(minimal), "x"]) for _ in range(args.runs)])
        print(f"minimal Typer program: {base:.3f} s")
        this = Version(REPO if args.against else None, cache / "this")
        other = Version(args.against, cache / "against") if args.against else None
        versions = [v for v in (this, other) if v is not None]
        print(f"{'entries':>8} {'query':>16} {'cold s':>7} {'warm s':>7} {'MB':>4}", end="")
        print(f" {'fzf s':>6} {'fzf MB':>6} {'/fzf':>5} {'/typer':>6}", end="")
        print(f" {'ag.cold':>7} {'ag.warm':>7} {'/ag':>5}" if other else "")
        for size in (int(s) for s in args.sizes.split(",")):
            source = cedict_glossary(work, size)
            lines = fzf_lines(source, work) if has_fzf else None
            for n, query in enumerate(queries):
                colds: dict[Version, list[float]] = {v: [] for v in versions}
                if n == 0:
                    for _ in range(min(args.runs, 3)):
                        for v in versions:
                            colds[v].append(v.cold(source, query))
                for v in versions:
                    v.timed(source, query)  # the index is current from here on
                warm_runs: dict[Version, list[float]] = {v: [] for v in versions}
                fzf_runs = []
                for _ in range(args.runs):
                    for v in versions:
                        warm_runs[v].append(v.timed(source, query))
                    if lines is not None:
                        fzf_runs.append(fzf_time(lines, query))
                warm = median(warm_runs[this])
                cold = f"{median(colds[this]):.3f}" if colds[this] else "-"
                mb = peak_mb(this.search(source, query), env=this.env)
                fzf = ratio = fzf_mb = "-"
                if fzf_runs and lines is not None:
                    fzf_s = median(fzf_runs)
                    fzf, ratio = f"{fzf_s:.3f}", f"{warm / fzf_s:.2f}"
                    got = peak_mb(["fzf", "--filter", query], lines)
                    fzf_mb = f"{got:.0f}" if got else "-"
                print(
                    f"{size:>8} {query:>16} {cold:>7} {warm:7.3f} {mb or 0:4.0f} {fzf:>6}"
                    f" {fzf_mb:>6} {ratio:>5} {warm / base:6.2f}",
                    end="",
                )
                if other is None:
                    print()
                    continue
                other_cold = f"{median(colds[other]):.3f}" if colds[other] else "-"
                other_warm = median(warm_runs[other])
                print(f" {other_cold:>7} {other_warm:7.3f} {warm / other_warm:5.2f}")


if __name__ == "__main__":
    main()
