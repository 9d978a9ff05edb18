"""Building an index's parts in several processes: how many, the queue of stretches they
take, the helper processes, and the build files that killed builds leave behind."""

from __future__ import annotations

import contextlib
import os
import signal
import sqlite3
import sys
import time
from collections.abc import Iterator
from itertools import takewhile
from pathlib import Path

from glossary.index.build import Builder, _Declined, _Part
from glossary.index.schema import _SCHEMA_SQL, _TABLES

#: How many stretches each process building an index takes, on average: many small ones,
#: so that the processes finish nearly together (a process left alone with the last
#: stretch makes the others wait).
_STRETCHES_EACH = 16


class _Queue:
    """The numbers of the stretches to index, for the processes building the index to take,
    each number once: bytes in a pipe, read one at a time."""

    def __init__(self, count: int):
        assert count <= 255
        self.read_end, write_end = os.pipe()
        os.write(write_end, bytes(range(count)))
        os.close(write_end)  # once the numbers are taken, every process reads the end

    def __iter__(self) -> Iterator[int]:
        while taken := os.read(self.read_end, 1):
            yield taken[0]

    def close(self) -> None:
        os.close(self.read_end)


#: Text of a glossary (in characters) from which its index is built by several processes;
#: below it, starting them would cost more than it saves.
_PARALLEL_FROM = 1_000_000
#: The most processes that build one index.
_MOST_WORKERS = 4


def _workers(size: int) -> int:
    """Give how many processes should build the index of a glossary of ``size`` characters:
    one per core this process may run on, where processes can be forked cheaply and safely
    (not on macOS, whose system libraries do not survive a fork)."""
    if size < _PARALLEL_FROM or not hasattr(os, "fork") or sys.platform == "darwin":
        return 1
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:  # no affinity on this system
        cores = os.cpu_count() or 1
    return max(1, min(cores, _MOST_WORKERS))


#: How a helper process ends: its part is built, or the quick reader declined a stretch.
_BUILT, _DECLINED = 0, 3


class _Helper:
    """A forked process building a part of the index, from the stretches it takes, into a
    file of its own."""

    def __init__(self, work: Builder, queue: _Queue, number: int, folder: Path):
        import tempfile

        fd, name = tempfile.mkstemp(dir=folder, prefix=".build-", suffix=".part")
        os.close(fd)
        self.file = Path(name)
        self.pid: int | None = os.fork()
        if self.pid == 0:  # the helper: build, and leave without running the caller's code
            code = 1
            try:
                code = self._build(work, queue, number)
            finally:
                os._exit(code)

    def _build(self, work: Builder, queue: _Queue, number: int) -> int:
        parent = os.getppid()
        db = sqlite3.connect(self.file)
        db.executescript(_SCHEMA_SQL)
        part = _Part(db, number)
        try:
            # Stretches are taken while the process that started the build lives.
            work.build(part, takewhile(lambda _: os.getppid() == parent, queue))
        except _Declined:
            return _DECLINED
        if os.getppid() != parent:  # killed: nobody will copy the part, nor delete it
            db.close()
            self.file.unlink()
            return 1
        taken = " ".join(map(str, part.stretches))
        db.execute("INSERT INTO meta VALUES ('stretches', ?)", (taken,))
        db.commit()
        db.close()
        return _BUILT

    def copy_into(self, db: sqlite3.Connection) -> tuple[set[int], list[str]]:
        """Wait for the helper, copy its part into ``db``, and give the stretches it holds
        and their headwords: none if the helper failed (out of memory, killed)."""
        assert self.pid is not None
        _, status = os.waitpid(self.pid, 0)
        self.pid = None
        code = os.waitstatus_to_exitcode(status)
        if code == _DECLINED:
            raise _Declined
        if code != _BUILT:
            return set(), []
        db.commit()  # SQLite attaches a file only outside a transaction
        db.execute("ATTACH DATABASE ? AS part", (str(self.file),))
        for table in _TABLES:
            db.execute(f"INSERT INTO {table} SELECT * FROM part.{table}")
        (taken,) = db.execute("SELECT value FROM part.meta WHERE key = 'stretches'").fetchone()
        headwords = [zh for (zh,) in db.execute("SELECT zh FROM part.terms")]
        db.commit()
        db.execute("DETACH DATABASE part")
        return {int(n) for n in taken.split()}, headwords

    def stop(self) -> None:
        """End the helper if it still runs (the build failed or was interrupted), and
        delete its file."""
        if self.pid is not None:
            with contextlib.suppress(OSError):
                os.kill(self.pid, signal.SIGKILL)
                os.waitpid(self.pid, 0)
            self.pid = None
        with contextlib.suppress(OSError):
            self.file.unlink()


#: A build file older than this was left by a process that was killed.
_ABANDONED_S = 600


def _remove_abandoned(folder: Path) -> None:
    """Delete the build files of index builds that were killed (SIGKILL, a power cut)."""
    now = time.time()
    for leftover in folder.glob(".build-*"):
        with contextlib.suppress(OSError):
            if now - leftover.stat().st_mtime > _ABANDONED_S:
                leftover.unlink()
