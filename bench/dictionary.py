"""The dictionary layer's speed and memory, as a user meets them, in whole processes.

From an empty folder (the shipped glossary in use) with CC-CEDICT beneath it:

1. the first lookup, which builds the dictionary's index and caches the word
   frequencies (a fresh cache each run), and where that time goes, in one process;
2. warm searches, alternated with ``fzf --filter`` over CC-CEDICT's 122,000 lines (the
   dictionary's own text), and their peak memory;
3. ``add`` of a new term whose reading is generated, with and without the dictionary;
4. ``scan`` of about 1 MB of Chinese, with and without the dictionary, and ``--coverage``.

    python bench/dictionary.py [--runs N] [--queries Q,Q,...]
"""

from __future__ import annotations

import argparse
import gzip
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))  # this checkout's glossary, whatever else is installed

from common import median, timed, tree_command  # noqa: E402
from scan import sample_text  # noqa: E402
from search import fzf_time, peak_mb  # noqa: E402

from glossary.dictionary import frequency, sources, store  # noqa: E402

QUERIES = "人权,taoguangyanghui,zhongguo,shi,army,speshal forces"
#: ``python -m glossary`` with this checkout first on the path, and its environment.
GLOSSARY, ENV = tree_command(REPO)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--queries", default=QUERIES, help="comma-separated")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        env = {**ENV, "XDG_CONFIG_HOME": str(work / "config")}
        env["XDG_CACHE_HOME"] = str(work / "cache")
        for name in ("GLOSSARY_DICT", "GLOSSARY_FREQUENCY", "GLOSSARY_FILE"):
            env.pop(name, None)
        empty = work / "empty"
        empty.mkdir()
        print(f"the machine: a fixed Python loop takes {loop():.2f} s now")
        cold(env, empty, args.runs)
        warm(env, empty, work, args.runs, args.queries.split(","))
        adding(env, work, args.runs)
        scanning(env, work, args.runs)


def loop() -> float:
    """Give how long a fixed Python loop takes: the machine's speed at the moment, to read
    the absolute times by (ratios to fzf are timed alternately, and need no such help)."""
    start = time.perf_counter()
    total = 0
    for n in range(10_000_000):
        total += n
    return time.perf_counter() - start


def cold(env: dict[str, str], folder: Path, runs: int) -> None:
    """Time the first lookup (index and frequencies built), then its parts in one process."""
    import resource

    cmd = [*GLOSSARY, "search", "人权"]
    times, cpus = [], []
    for _ in range(min(runs, 3)):
        shutil.rmtree(env["XDG_CACHE_HOME"], ignore_errors=True)
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        times.append(timed(cmd, cwd=folder, env=env))
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpus.append(after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime)
    print(
        f"first lookup (index and frequencies built): {median(times):.2f} s "
        f"(runs: {', '.join(f'{t:.2f}' for t in times)}), "
        f"{median(cpus):.2f} s of processor time in all its processes"
    )
    part = {**env, "XDG_CACHE_HOME": str(folder.parent / "parts")}
    start = time.perf_counter()
    frequency.open_frequencies(part)
    middle = time.perf_counter()
    store.open_dictionary(sources.builtin_cedict(), part)
    end = time.perf_counter()
    print(
        f"  in one process: word frequencies {middle - start:.2f} s, "
        f"CC-CEDICT's index {end - middle:.2f} s"
    )


def warm(env: dict[str, str], folder: Path, work: Path, runs: int, queries: list[str]) -> None:
    """Time warm searches against fzf over CC-CEDICT's text, alternately."""
    lines = work / "cedict.txt"
    lines.write_bytes(gzip.decompress(sources.builtin_cedict().path.read_bytes()))
    has_fzf = shutil.which("fzf") is not None
    print(f"\n{'query':>16} {'warm s':>7} {'MB':>4} {'fzf s':>6} {'/fzf':>5} {'no-dict s':>9}")
    for query in queries:
        cmd = [*GLOSSARY, "search", query]
        timed(cmd, cwd=folder, env=env, ok=(0, 1))  # warm from here on
        ours, theirs, alone = [], [], []
        for _ in range(runs):
            ours.append(timed(cmd, cwd=folder, env=env, ok=(0, 1)))
            alone.append(timed([*cmd, "--no-dict"], cwd=folder, env=env, ok=(0, 1)))
            if has_fzf:
                theirs.append(fzf_time(lines, query))
        mb = peak_mb(cmd, env=env)
        fzf = median(theirs) if theirs else None
        ratio = f"{median(ours) / fzf:5.2f}" if fzf else "    -"
        print(
            f"{query:>16} {median(ours):7.3f} {mb or 0:4.0f} "
            f"{fzf or 0:6.3f} {ratio} {median(alone):9.3f}"
        )


def adding(env: dict[str, str], work: Path, runs: int) -> None:
    """Time ``add`` of a term whose reading is generated, with and without the dictionary."""
    target = work / "add.yaml"
    print()
    for flag in ("--dict", "--no-dict"):
        times = []
        for _ in range(runs):
            target.write_text(
                "title: t\nterms:\n  - zh: 背靠背\n    en: [back to back]\n", encoding="utf-8"
            )
            cmd = [*GLOSSARY, "-g", str(target), "add", "战略支援部队", "--en", "SSF", flag]
            times.append(timed(cmd, cwd=work, env=env))
        print(f"add with a generated reading, {flag}: {median(times):.3f} s")


def scanning(env: dict[str, str], work: Path, runs: int) -> None:
    """Time ``scan`` of about 1 MB of Chinese, with and without the dictionary."""
    text = work / "news.txt"
    text.write_text(sample_text(1.0), encoding="utf-8")
    print()
    for extra in (["--no-dict"], ["--dict"], ["--coverage"]):
        cmd = [*GLOSSARY, "scan", str(text), "-f", "plain", *extra]
        timed(cmd, cwd=work / "empty", env=env)  # scanners saved from here on
        times = [timed(cmd, cwd=work / "empty", env=env) for _ in range(runs)]
        mb = peak_mb(cmd, env=env)
        print(f"scan of 1 MB, {' '.join(extra)}: {median(times):.2f} s, {mb or 0:.0f} MB")
    print(f"\nthe machine: a fixed Python loop takes {loop():.2f} s now")


if __name__ == "__main__":
    os.chdir(Path(__file__).resolve().parent)
    main()
