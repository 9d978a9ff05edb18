"""Whole-process `glossary search` on 1k, 10k and 120k-entry glossaries: cold and warm.

Run: python bench/search.py [--runs N] [--sizes 1000,10000,120000] [--query Q]

Cold is the first lookup after the glossary changed (the index is rebuilt); warm is a
lookup with the index cached. Beside them: `fzf --filter` over the same entries as text
lines (when fzf is installed) and a minimal Typer program that prints one line. Peak
memory (max RSS) comes from /usr/bin/time when it is there.
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

from common import MINIMAL, cedict_glossary, glossary_command, median, timed

from glossary import store


def peak_kb(cmd: list[str], stdin: Path | None = None) -> int | None:
    """Give the peak resident memory of one run of ``cmd`` in KB, if /usr/bin/time can tell."""
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
        )
    return int(result.stderr.strip().splitlines()[-1])


def fzf_time(lines: Path, query: str) -> float:
    start = time.perf_counter()
    with open(lines, "rb") as source:
        subprocess.run(
            ["fzf", "--filter", query], stdin=source, stdout=subprocess.DEVNULL, check=False
        )
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--sizes", default="1000,10000,120000")
    parser.add_argument("--query", default="zhongguo")
    args = parser.parse_args()
    has_fzf = shutil.which("fzf") is not None
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        env = {**os.environ, "XDG_CACHE_HOME": str(work / "cache")}
        os.environ.update(env)
        minimal = work / "minimal.py"
        minimal.write_text(MINIMAL, encoding="utf-8")
        base = median([timed([sys.executable, str(minimal), "x"]) for _ in range(args.runs)])
        print(f"minimal Typer program: {base:.3f} s")
        heads = ("entries", "cold s", "warm s", "warm MB", "fzf s", "/fzf", "/typer")
        print(" ".join(f"{h:>8}" for h in heads))
        for size in (int(s) for s in args.sizes.split(",")):
            source = cedict_glossary(work, size)
            cmd = [*glossary_command(), "-g", str(source), "search", args.query]
            cold = []
            for _ in range(min(args.runs, 3)):
                shutil.rmtree(work / "cache", ignore_errors=True)
                cold.append(timed(cmd))
            warm = median([timed(cmd) for _ in range(args.runs)])
            kb = peak_kb(cmd)
            fzf = "-"
            ratio = "-"
            if has_fzf:
                lines = work / f"lines-{size}.txt"
                if not lines.exists():
                    terms = store.load([source]).terms
                    lines.write_text(
                        "".join(f"{t.zh}\t{t.pinyin}\t{' / '.join(t.en)}\n" for t in terms),
                        encoding="utf-8",
                    )
                fzf_s = median([fzf_time(lines, args.query) for _ in range(args.runs)])
                fzf, ratio = f"{fzf_s:.3f}", f"{warm / fzf_s:.2f}"
            mb = f"{kb / 1024:.0f}" if kb else "-"
            cells = (
                size,
                f"{median(cold):.3f}",
                f"{warm:.3f}",
                mb,
                fzf,
                ratio,
                f"{warm / base:.2f}",
            )
            print(" ".join(f"{c:>8}" for c in cells))


if __name__ == "__main__":
    main()
