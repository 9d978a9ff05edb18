"""The exported web page in headless Chromium: export time, size, load time and keystrokes.

Run: python bench/html.py [--sizes 53,10000,118617] [--runs N] [--queries Q,Q,...]
                          [--folder-from N]

For each glossary (53: the shipped one; other sizes: the first N CC-CEDICT headwords, as the
other benchmarks make them) the page is exported (as a folder of files from --folder-from
entries on), then opened in Chromium --runs times. Printed per size:

- export: seconds for ``glossary export html`` as a user runs it, and the bytes written;
- load: milliseconds from the start of navigation until the page has drawn its first
  entries and can search (its ``glossary-ready`` mark), over the runs;
- keystroke: each query typed a character at a time, each character timed from the input
  event until the page's search, drawing and layout are done (``script``), and until the
  next frame has been painted (``frame``), over every keystroke of every query (twice:
  the first pass, while the browser still compiles the script, is not counted).

Each figure is given as median / 95th percentile / worst.

Needs Debian's chromium and chromium-driver (see tests/browser.py).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from common import cedict_glossary, glossary_command, user_environment

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from tests import browser  # noqa: E402  (the repository's root is on the path only now)

QUERIES = "zhongguo,三股,sgsl,three evl,computer,bei3 jing1,电脑,tag:sco"

#: One keystroke: the query so far put into the box and its input event sent; gives the
#: milliseconds until search, drawing and layout are done, and until the next frame.
KEYSTROKE_JS = """
const done = arguments[arguments.length - 1];
const box = document.getElementById('q');
const start = performance.now();
box.value = arguments[0];
box.dispatchEvent(new Event('input', {bubbles: true}));
document.body.offsetHeight;
const script = performance.now() - start;
requestAnimationFrame(() => setTimeout(() => done([script, performance.now() - start])));
"""

READY_JS = "return performance.getEntriesByName('glossary-ready')[0].startTime"


def source(size: int, folder: Path) -> Path:
    """Give the glossary of ``size`` entries: the shipped one for 53, else CC-CEDICT's."""
    return REPO / "terms.yaml" if size == 53 else cedict_glossary(folder, size)


def export(glossary: Path, out: Path, folder: bool) -> tuple[float, int, Path]:
    """Export the page as a user would; give the seconds, the bytes and the page to open."""
    import subprocess

    target = out / ("site" if folder else "glossary.html")
    cmd = [*glossary_command(), "-g", str(glossary), "export", "html", "-o", str(target)]
    if folder:
        cmd += ["--layout", "folder"]
    start = time.perf_counter()
    subprocess.run(cmd, check=True, env=user_environment(), capture_output=True)
    seconds = time.perf_counter() - start
    if folder:
        size = sum(p.stat().st_size for p in target.iterdir())
        return seconds, size, target / "index.html"
    return seconds, target.stat().st_size, target


def keystrokes(driver: Any, queries: list[str]) -> tuple[list[float], list[float]]:
    """Type each query a character at a time; give the script and frame times of each."""
    script: list[float] = []
    frame: list[float] = []
    for query in queries:
        for end in range(1, len(query) + 1):
            ms = driver.execute_async_script(KEYSTROKE_JS, query[:end])
            script.append(ms[0])
            frame.append(ms[1])
        driver.execute_async_script(KEYSTROKE_JS, "")
    return script, frame


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="53,10000,118617")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--queries", default=QUERIES)
    parser.add_argument("--folder-from", type=int, default=50_000)
    args = parser.parse_args()
    if reason := browser.missing():
        raise SystemExit(f"no browser: {reason}")
    queries = [q for q in args.queries.split(",") if q]
    work = Path(tempfile.mkdtemp(prefix="glossary-bench-html-"))
    print(
        f"{'entries':>8} {'layout':>6} {'export s':>8} {'MB':>6} {'load ms':>16} "
        f"{'key script ms':>16} {'key frame ms':>16}"
    )
    spread = "median/95%/worst"
    print(f"{'':>8} {'':>6} {'':>8} {'':>6} {spread:>16} {spread:>16} {spread:>16}")
    with browser.chromium() as driver:
        driver.set_script_timeout(120)
        for size in (int(s) for s in args.sizes.split(",")):
            folder = size >= args.folder_from
            out = work / str(size)
            out.mkdir()
            seconds, written, page = export(source(size, work), out, folder)
            loads = []
            for _ in range(args.runs):
                browser.open_page(driver, page.as_uri(), timeout=300)
                loads.append(driver.execute_script(READY_JS))
            keystrokes(driver, queries)  # warm-up: the script is compiled as it first runs
            script, frame = keystrokes(driver, queries)
            print(
                f"{size:>8} {'folder' if folder else 'file':>6} {seconds:>8.1f} "
                f"{written / 1e6:>6.2f} {_spread(loads):>16} {_spread(script):>16} "
                f"{_spread(frame):>16}"
            )


def _spread(values: list[float]) -> str:
    """Give the median, the 95th percentile and the worst of ``values``."""
    ordered = sorted(values)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return f"{statistics.median(values):.0f} / {p95:.0f} / {ordered[-1]:.0f}"


if __name__ == "__main__":
    main()
