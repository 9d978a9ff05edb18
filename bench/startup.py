"""Whole-process time of `glossary search` on the shipped glossary, against a minimal Typer program.

Run: python bench/startup.py [--runs N] [QUERY ...]

Both programs run with this interpreter, alternately, from an empty folder (so the
shipped glossary is used); the figures are medians of wall-clock time.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
from pathlib import Path

from common import MINIMAL, glossary_command, timed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=21)
    parser.add_argument("queries", nargs="*", default=["sangu", "三股", "three evil"])
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        minimal = Path(folder, "minimal_typer.py")
        minimal.write_text(MINIMAL, encoding="utf-8")
        base_cmd = [sys.executable, str(minimal), "x"]
        timed(base_cmd, folder)  # warm the file cache and bytecode
        print(f"{'program':34} {'median s':>9} {'ratio':>6}")
        base = [timed(base_cmd, folder) for _ in range(args.runs)]
        base_median = statistics.median(base)
        print(f"{'minimal Typer program':34} {base_median:9.3f} {1.0:6.2f}")
        for query in args.queries:
            cmd = [*glossary_command(), "search", query]
            timed(cmd, folder)
            runs = [timed(cmd, folder) for _ in range(args.runs)]
            median = statistics.median(runs)
            label = f"glossary search {query}"
            print(f"{label:34} {median:9.3f} {median / base_median:6.2f}")


if __name__ == "__main__":
    main()
