"""Scanning 1 MB of Chinese text against the whole of CC-CEDICT (about 120,000 entries).

Run: python bench/scan.py [--megabytes N]

Prints the time to import the dictionary (not part of the target), to build the scanner,
and to scan: the target is building plus scanning in under 2 s.
"""

from __future__ import annotations

import argparse
import time

from common import cedict_text

from glossary import importers
from glossary.scan import Scanner

# Real sentences, simplified and traditional, some broken as text from a PDF is.
SENTENCES = (
    "中俄双方在上海合作组织框架内共同打击三股势力。",
    "兩國軍隊在家門口舉行聯合軍事演習，並開展海上聯合行動。",
    "上海合作\n组织成员国领导人在北京举行会议，讨论地区安全问题。",
    "双方将继续深化新时代全面战略协作伙伴关系，加强战略 互信。",
    "今天天气很好，我们去公园散步，看见很多人在跳舞。",
    "經濟發展與科學技術的進步密不可分，教育是國家的根本。",
)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--megabytes", type=float, default=1.0)
    args = parser.parse_args()

    start = time.perf_counter()
    terms = importers.parse("cedict", cedict_text(), "cedict").terms
    print(f"import CC-CEDICT: {len(terms):,} terms in {time.perf_counter() - start:.2f} s")

    target = int(args.megabytes * 1_000_000)
    pieces: list[str] = []
    size = i = 0
    while size < target:
        sentence = SENTENCES[(i * 7 + i // len(SENTENCES)) % len(SENTENCES)]
        pieces.append(sentence)
        size += len(sentence.encode("utf-8"))
        i += 1
    text = "".join(pieces)

    start = time.perf_counter()
    scanner = Scanner(terms)
    built = time.perf_counter() - start
    start = time.perf_counter()
    spans = scanner.find(text)
    scanned = time.perf_counter() - start
    mb = len(text.encode("utf-8")) / 1e6
    print(f"build scanner: {built:.2f} s")
    print(f"scan {mb:.2f} MB ({len(text):,} characters): {scanned:.2f} s, {len(spans):,} spans")
    print(f"build + scan: {built + scanned:.2f} s (target: under 2 s)")


if __name__ == "__main__":
    main()
