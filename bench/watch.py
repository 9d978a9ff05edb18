"""What `glossary watch` costs while idle, and how soon a copy's lookup is printed.

Run: python bench/watch.py [--idle SECONDS] [--copies N] [--size N]

Needs Xvfb and xclip: a private X server is started, and texts are copied with xclip as
another program would copy them.

- Idle: the CPU time of the watch process and of the clipboard tool it runs, over
  ``--idle`` seconds with nothing copied, as a share of one core.
- Latency: from a text copied (xclip has handed it to the X server) to its lookup read
  from the watch's output, for ``--copies`` texts, each new: a term, then a sentence. On
  the shipped glossary and on a CC-CEDICT glossary of ``--size`` entries.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from common import cedict_glossary, glossary_command, user_environment

from glossary import paths

_TICKS = os.sysconf("SC_CLK_TCK")


def start_xvfb() -> tuple[subprocess.Popen[bytes], str]:
    """Start Xvfb on a display it picks; give it and the display's name."""
    read, write = os.pipe()
    server = subprocess.Popen(
        ["Xvfb", "-displayfd", str(write), "-nolisten", "tcp"],
        pass_fds=(write,),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    os.close(write)
    with os.fdopen(read) as numbers:
        return server, f":{numbers.readline().strip()}"


def cpu_seconds(pid: int) -> float:
    """Give the CPU time of process ``pid`` and of its children it has waited for."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return sum(int(f) for f in fields[11:15]) / _TICKS


def copy(text: str, env: dict[str, str]) -> None:
    # xclip stays behind to hold the text; its complaint when the server goes is noise.
    subprocess.run(
        ["xclip", "-selection", "clipboard"],
        input=text.encode(),
        env=env,
        stderr=subprocess.DEVNULL,
        check=True,
    )


def latencies(
    watch: subprocess.Popen[str], env: dict[str, str], n: int, first: int = 0
) -> list[float]:
    """Give the seconds from each of ``n`` copies to its lookup's first line printed (the
    texts numbered from ``first``, so that each is new to the watch)."""
    assert watch.stdout is not None
    took = []
    for i in range(first, first + n):
        text = f"三股势力 {i}" if i % 2 else f"第{i}次，中俄双方共同打击三股势力。"
        copy(text, env)
        began = time.perf_counter()
        while watch.stdout.readline().rstrip("\n") != text:
            pass
        took.append(time.perf_counter() - began)
    return took


def run(glossary: Path, folder: str, display: str, idle: float, copies: int) -> None:
    env = {**user_environment(), "DISPLAY": display, "GLOSSARY_FILE": str(glossary)}
    command = [*glossary_command(), "watch"]
    watch = subprocess.Popen(
        command, cwd=folder, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    try:
        assert watch.stderr is not None
        watch.stderr.readline()  # "watching the clipboard": the watch has begun
        latencies(watch, env, 2)  # index, matcher and file cache warmed
        before = cpu_seconds(watch.pid)
        time.sleep(idle)
        share = (cpu_seconds(watch.pid) - before) / idle
        print(f"  idle: {share:.2%} of one core over {idle:.0f} s")
        took = latencies(watch, env, copies, first=2)
        print(
            f"  copy to lookup printed: median {statistics.median(took) * 1000:.0f} ms,"
            f" slowest {max(took) * 1000:.0f} ms ({copies} copies)"
        )
    finally:
        watch.terminate()
        watch.wait()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--idle", type=float, default=20.0)
    parser.add_argument("--copies", type=int, default=20)
    parser.add_argument("--size", type=int, default=118_617)
    args = parser.parse_args()
    server, display = start_xvfb()
    try:
        with tempfile.TemporaryDirectory() as folder:
            os.environ["XDG_CACHE_HOME"] = str(Path(folder, "cache"))
            big = cedict_glossary(Path(folder), args.size)
            for name, glossary in (("shipped", paths.shipped_path()), (f"{args.size:,}", big)):
                print(f"{name} glossary")
                run(glossary, folder, display, args.idle, args.copies)
                sys.stdout.flush()
    finally:
        server.terminate()
        server.wait()


if __name__ == "__main__":
    main()
