"""How fast `glossary browse` comes up, and how soon each keystroke's results are drawn.

Run: python bench/browse.py [--runs N] [--size N]

Everything is timed on the console command in a pseudo-terminal, as a person runs it, on
the shipped glossary and on a CC-CEDICT glossary of ``--size`` entries (its index built
once before):

- start-up: from starting the command to its first screen drawn (the status line "type
  to search"); median and slowest of ``--runs``;
- each keystroke of "sangu", "三股" and "three ev", typed a key at a time: from the key
  sent to the last byte of the screen update it caused (its results drawn), found by
  waiting until the app has drawn nothing more for a while; median and slowest.

Each figure is wall-clock time, and beside it the CPU time the app's process spent
(user and system, from /proc): on a busy machine the first grows with the load, the
second hardly.
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import tempfile
import time
from pathlib import Path

import pexpect
from common import cedict_glossary, glossary_command, user_environment

from glossary import paths
from glossary.layers import Glossaries
from glossary.search import parse_query

WORDS = ("sangu", "三股", "three ev")
_ESCAPES = re.compile(rb"\x1b(?:\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(?:\x07|\x1b\\)|.)")
#: How long the app must draw nothing for its answer to a key to count as drawn.
QUIET = 1.0
_TICKS = os.sysconf("SC_CLK_TCK")


class Timing:
    """Seconds of wall-clock time, and of CPU time of the app's process."""

    def __init__(self, wall: float, cpu: float):
        self.wall, self.cpu = wall, cpu


def cpu_seconds(pid: int) -> float:
    """Give the CPU time (user and system) process ``pid`` has spent so far."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / _TICKS


def spawn(glossary: Path, folder: str) -> tuple[pexpect.spawn, Timing]:
    """Start `glossary browse`; give it, and the time to its first screen."""
    command = glossary_command()
    env = {**user_environment(), "TERM": "xterm-256color", "GLOSSARY_FILE": str(glossary)}
    began = time.perf_counter()
    child = pexpect.spawn(
        command[0], [*command[1:], "browse"], cwd=folder, env=env, dimensions=(40, 120)
    )
    child.delaybeforesend = None  # pexpect waits 50 ms before each send otherwise
    drawn = b""
    while b"type to search" not in _ESCAPES.sub(b"", drawn):
        drawn += child.read_nonblocking(65536, timeout=30)
    return child, Timing(time.perf_counter() - began, cpu_seconds(child.pid))


def quit_app(child: pexpect.spawn) -> None:
    child.sendcontrol("c")
    child.expect(pexpect.EOF, timeout=30)
    child.close()


def key(child: pexpect.spawn, keys: str) -> Timing:
    """Send ``keys``; give the time until the app has drawn what they caused."""
    cpu = cpu_seconds(child.pid)
    began = last = time.perf_counter()
    child.send(keys)
    while True:
        try:
            child.read_nonblocking(65536, timeout=QUIET)
        except pexpect.TIMEOUT:
            return Timing(last - began, cpu_seconds(child.pid) - cpu)
        last = time.perf_counter()


def keystrokes(glossary: Path, folder: str) -> dict[str, list[Timing]]:
    """Give, for each word, the timing of each of its keys."""
    child, _ = spawn(glossary, folder)
    times: dict[str, list[Timing]] = {}
    for word in WORDS:
        key(child, "\x15")  # Ctrl-U: an empty query line
        times[word] = [key(child, char) for char in word]
    quit_app(child)
    return times


def _line(label: str, values: list[Timing]) -> str:
    walls = [t.wall for t in values]
    cpus = [t.cpu for t in values]
    return (
        f"{label:28} median {statistics.median(walls) * 1000:6.0f} ms"
        f" (CPU {statistics.median(cpus) * 1000:4.0f} ms),"
        f" slowest {max(walls) * 1000:6.0f} ms (CPU {max(cpus) * 1000:4.0f} ms)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--size", type=int, default=118_617)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        os.environ["XDG_CACHE_HOME"] = str(Path(folder, "cache"))
        big = cedict_glossary(Path(folder), args.size)
        for name, glossary in (("shipped", paths.shipped_path()), (f"{args.size:,}", big)):
            Glossaries([glossary], os.environ).search(parse_query("sangu"), 1)  # its index
            print(f"{name} glossary")
            runs = []
            for _ in range(args.runs + 1):  # the first warms the file cache and bytecode
                child, took = spawn(glossary, folder)
                quit_app(child)
                runs.append(took)
            print(_line("  start-up", runs[1:]))
            times = keystrokes(glossary, folder)
            print(_line("  each keystroke", [t for word in WORDS for t in times[word]]))
            for word in WORDS:
                print(_line(f"    {word!r}", times[word]))


if __name__ == "__main__":
    main()
