"""Every command on the 120,000-entry CC-CEDICT import, each as a ratio to ``fzf --filter``
over the same entries (run alternately with it, so a busy machine slows both), with the
peak memory of each.

    python bench/scale.py [--runs 3] [--size 118617] [--keep FOLDER]

A ratio under 1 means the command took less time than fzf filtering the entries once.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from common import cedict_glossary, cedict_text, glossary_command, median, user_environment
from search import fzf_lines

FZF_QUERY = "sangu"


def measured(
    cmd: list[str], env: dict[str, str], ok: tuple[int, ...] = (0, 1)
) -> tuple[float, int]:
    """Give the wall-clock seconds and the peak memory (KB) of one run of ``cmd``."""
    start = time.perf_counter()
    done = subprocess.run(
        ["/usr/bin/time", "-f", "%M", *cmd],
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        check=False,
    )
    elapsed = time.perf_counter() - start
    if done.returncode not in ok:
        raise SystemExit(f"{' '.join(cmd)} failed ({done.returncode}): {done.stderr}")
    return elapsed, int(done.stderr.strip().splitlines()[-1])


def fzf_seconds(lines: Path) -> float:
    """Give the seconds ``fzf --filter`` takes over the entries, one per line."""
    start = time.perf_counter()
    with open(lines, "rb") as source:
        subprocess.run(["fzf", "--filter", FZF_QUERY], stdin=source, stdout=subprocess.DEVNULL)
    return time.perf_counter() - start


def rows(work: Path, source: Path) -> list[tuple[str, list[str], Callable[[], None]]]:
    """Give each row: its name, its command line, and what to do before each run."""
    base = [*glossary_command(), "-g", str(source)]
    copy = work / "edited.yaml"
    shutil.copyfile(source, copy)
    edited = [*glossary_command(), "-g", str(copy)]
    text = work / "chinese.txt"
    heads = [
        line[8:] for line in source.read_text("utf-8").splitlines() if line.startswith("  - zh: ")
    ]
    text.write_text(("，".join(heads) * 2)[:350_000], encoding="utf-8")  # about 1 MB of UTF-8
    raw = work / "cedict.txt"
    raw.write_text(cedict_text(), encoding="utf-8")
    out = work / "out"

    def clean() -> None:
        shutil.rmtree(out, ignore_errors=True)
        out.mkdir()

    def changed() -> None:
        os.utime(source)  # a new stamp: the next search rebuilds its index

    def nothing() -> None:
        pass

    def added() -> None:
        subprocess.run([*edited, "add", "测试词条", "--en", "test entry"], capture_output=True)

    def removed() -> None:
        subprocess.run([*edited, "remove", "测试词条", "--yes"], capture_output=True)

    def fresh() -> None:
        removed()
        added()

    return [
        ("export markdown", [*base, "export", "markdown", "-o", str(out / "t.md")], clean),
        ("export anki", [*base, "export", "anki", "-o", str(out / "t.apkg")], clean),
        ("export tbx", [*base, "export", "tbx", "-o", str(out / "t.tbx")], clean),
        ("export stardict", [*base, "export", "stardict", "-o", str(out / "sd")], clean),
        ("export jsonl", [*base, "export", "jsonl", "-o", str(out / "t.jsonl")], clean),
        ("validate", [*base, "validate"], nothing),
        ("add", [*edited, "add", "测试词条", "--en", "test entry"], removed),
        ("edit", [*edited, "edit", "测试词条", "--add-en", "another"], fresh),
        ("remove", [*edited, "remove", "测试词条", "--yes"], added),
        ("search after a change", [*base, "search", "shili"], changed),
        ("scan 1 MB plain", [*base, "scan", str(text), "-f", "plain"], nothing),
        ("scan 1 MB json", [*base, "scan", str(text), "-f", "json"], nothing),
        ("import cedict", [*base, "import", "cedict", str(raw), "-o", str(out / "c.yaml")], clean),
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--size", type=int, default=118_617)
    parser.add_argument("--only", help="comma-separated row names")
    parser.add_argument("--keep", type=Path, help="keep the generated files in this folder")
    args = parser.parse_args()
    env = user_environment()
    env["XDG_CACHE_HOME"] = tempfile.mkdtemp(prefix="glossary-scale-cache-")
    with tempfile.TemporaryDirectory() as scratch:
        folder = args.keep or Path(scratch)
        folder.mkdir(parents=True, exist_ok=True)
        source = cedict_glossary(folder, args.size)
        lines = fzf_lines(source, folder)
        subprocess.run(
            [*glossary_command(), "-g", str(source), "search", "x"], env=env, capture_output=True
        )
        print(f"{'command':<22} {'s':>7} {'fzf s':>6} {'/fzf':>6} {'MB':>6}")
        only = set(args.only.split(",")) if args.only else None
        for name, cmd, before in rows(folder, source):
            if only and name not in only:
                continue
            times, fzf, peak = [], [], 0
            for _ in range(args.runs):
                before()
                seconds, kb = measured(cmd, env)
                times.append(seconds)
                peak = max(peak, kb)
                fzf.append(fzf_seconds(lines))
            took, base = median(times), median(fzf)
            print(
                f"{name:<22} {took:7.2f} {base:6.3f} {took / base:6.1f} {peak / 1024:6.0f}",
                flush=True,
            )
        shutil.rmtree(env["XDG_CACHE_HOME"], ignore_errors=True)


if __name__ == "__main__":
    main()
