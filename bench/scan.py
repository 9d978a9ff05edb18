"""Scanning 1 MB of Chinese text against the whole of CC-CEDICT (about 120,000 entries).

Run: python bench/scan.py [--megabytes N] [--runs N] [--keep FOLDER]

Prints whole-process times of `glossary -g cedict.yaml scan text.txt`: the first scan after
the glossary changed (index and scanner built) and later ones (both cached); then, in one
process, where the time of a later scan goes. The target: a scan in under 2 s.
"""

from __future__ import annotations

import argparse
import os
import shutil
import tempfile
import time
from pathlib import Path

from common import cedict_glossary, glossary_command, median, timed

# Real sentences, simplified and traditional, some broken as text from a PDF is.
SENTENCES = (
    "中俄双方在上海合作组织框架内共同打击三股势力。",
    "兩國軍隊在家門口舉行聯合軍事演習，並開展海上聯合行動。",
    "上海合作\n组织成员国领导人在北京举行会议，讨论地区安全问题。",
    "双方将继续深化新时代全面战略协作伙伴关系，加强战略 互信。",
    "今天天气很好，我们去公园散步，看见很多人在跳舞。",
    "經濟發展與科學技術的進步密不可分，教育是國家的根本。",
)


def sample_text(megabytes: float) -> str:
    """Give about ``megabytes`` of the sentences above (UTF-8), in a shuffled order."""
    target = int(megabytes * 1_000_000)
    pieces: list[str] = []
    size = i = 0
    while size < target:
        sentence = SENTENCES[(i * 7 + i // len(SENTENCES)) % len(SENTENCES)]
        pieces.append(sentence)
        size += len(sentence.encode("utf-8"))
        i += 1
    return "".join(pieces)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--megabytes", type=float, default=1.0)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--keep", type=Path, help="keep the generated glossary in this folder")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        work = args.keep or Path(folder)
        work.mkdir(parents=True, exist_ok=True)
        cache = Path(folder) / "cache"
        os.environ["XDG_CACHE_HOME"] = str(cache)
        source = cedict_glossary(work, 120_000)
        text = sample_text(args.megabytes)
        news = Path(folder) / "news.txt"
        news.write_text(text, encoding="utf-8")
        mb = len(text.encode("utf-8")) / 1e6
        print(f"text: {mb:.2f} MB, {len(text):,} characters; glossary: {source.name}")

        cmd = [*glossary_command(), "-g", str(source), "scan", str(news), "--format", "plain"]
        colds = []
        for _ in range(min(args.runs, 3)):
            shutil.rmtree(cache, ignore_errors=True)
            colds.append(timed(cmd))
        print(f"first scan after a change (index and scanner built): {median(colds):.2f} s")
        warm = median([timed(cmd) for _ in range(args.runs)])
        print(f"later scans (whole process, median of {args.runs}): {warm:.2f} s (target: < 2 s)")

        from glossary import index
        from glossary.cli import render

        start = time.perf_counter()
        scanner = index.scanner([source], os.environ)
        loaded = time.perf_counter() - start
        start = time.perf_counter()
        spans = scanner.find(text)
        found = time.perf_counter() - start
        start = time.perf_counter()
        with open(os.devnull, "w", encoding="utf-8") as out:
            render.scanned(text, spans, "plain", out)
        shown = time.perf_counter() - start
        print(
            f"in one process: load the saved scanner {loaded:.2f} s, scan {found:.2f} s "
            f"({len(spans):,} spans), list the terms {shown:.2f} s"
        )


if __name__ == "__main__":
    main()
