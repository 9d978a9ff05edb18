"""Whole-process time of `glossary search` on the shipped glossary, against a minimal Typer program.

Run: python bench/startup.py [--runs N] [--against TREE] [QUERY ...]

Both programs run with this interpreter, alternately, from an empty folder (so the
shipped glossary is used); the figures are medians of wall-clock time. With ``--against
TREE`` (another checkout of glossary, e.g. a `git worktree` of an earlier commit), each
search is also run by that version, alternating with this one, and the last column gives
this version's time as a ratio of that one's; both then run as ``python -m glossary``.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
from pathlib import Path

from common import MINIMAL, glossary_command, timed, tree_command

REPO = Path(__file__).resolve().parent.parent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=21)
    parser.add_argument("--against", type=Path, metavar="TREE", help="another checkout to time")
    parser.add_argument("queries", nargs="*", default=["sangu", "三股", "three evil"])
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        minimal = Path(folder, "minimal_typer.py")
        minimal.write_text(MINIMAL, encoding="utf-8")
        base_cmd = [sys.executable, str(minimal), "x"]
        timed(base_cmd, folder)  # warm the file cache and bytecode
        print(f"{'program':34} {'median s':>9} {'ratio':>6}", end="")
        print(f" {'against s':>9} {'/against':>8}" if args.against else "")
        base = [timed(base_cmd, folder) for _ in range(args.runs)]
        base_median = statistics.median(base)
        print(f"{'minimal Typer program':34} {base_median:9.3f} {1.0:6.2f}")
        this, this_env = tree_command(REPO) if args.against else (glossary_command(), None)
        for query in args.queries:
            cmd = [*this, "search", query]
            timed(cmd, folder, env=this_env)
            label = f"glossary search {query}"
            if args.against is None:
                runs = [timed(cmd, folder) for _ in range(args.runs)]
                median = statistics.median(runs)
                print(f"{label:34} {median:9.3f} {median / base_median:6.2f}")
                continue
            other, other_env = tree_command(args.against)
            other_cmd = [*other, "search", query]
            timed(other_cmd, folder, env=other_env)
            runs, others = [], []
            for _ in range(args.runs):
                runs.append(timed(cmd, folder, env=this_env))
                others.append(timed(other_cmd, folder, env=other_env))
            median, against = statistics.median(runs), statistics.median(others)
            print(
                f"{label:34} {median:9.3f} {median / base_median:6.2f}"
                f" {against:9.3f} {median / against:8.2f}"
            )


if __name__ == "__main__":
    main()
