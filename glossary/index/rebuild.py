"""Rebuilding an index from its glossary, read by the quick reader or the full loader, into
a new cache file (put in place whole) or into memory.

A large glossary's index is built by several processes (see :class:`_QuickFill`).
"""

from __future__ import annotations

import codecs
import contextlib
import os
import sqlite3
import zlib
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from glossary import memory
from glossary.errors import display_path
from glossary.index.build import (
    Stretches,
    _Declined,
    _no_twice,
    _Part,
    _RecordsWork,
    _Work,
)
from glossary.index.cache import Stamp, _meta, _open_cached
from glossary.index.parallel import (
    _STRETCHES_EACH,
    _Helper,
    _Queue,
    _remove_abandoned,
    _workers,
)
from glossary.index.schema import _SCHEMA_SQL

if TYPE_CHECKING:
    from glossary.termfile import quickyaml
    from glossary.termfile.layout import Record


def _rebuild(path: Path, cached: Path | None, stamp: Stamp) -> sqlite3.Connection:
    """Build the index from the glossary; write it to ``cached`` if given and the folder
    allows, else build it in memory.

    A glossary written plainly (as nearly every file is) is read by the quick reader, a
    large one in stretches, each built by a process of its own where the machine has
    cores to spare. Anything else is read by the full YAML loader, which raises the first
    problem, located.
    """
    from glossary import encoding
    from glossary.termfile import quickyaml  # the quick reader: only for a rebuild

    with memory.collector_paused():
        try:
            data = path.read_bytes()
        except OSError:
            data = None  # the full loader says what is wrong
        if data is not None:
            built = _Built(stamp, zlib.crc32(data))
            found = quickyaml.layout(encoding.decode(data, display_path(path)))
            if found is not None:
                # Entries are found again in the file by their place in it, where the text
                # read is its bytes decoded: line ends not rewritten, a UTF-8 mark dropped.
                bom = len(codecs.BOM_UTF8) if data.startswith(codecs.BOM_UTF8) else 0
                fill = _QuickFill(found, None if b"\r" in data else bom)
                with contextlib.suppress(_Declined):
                    return _rebuild_from(fill, path, cached, built)
        from glossary.termfile import store  # the full loader

        terms = store.load_file(path).terms
        built = _Built(stamp, zlib.crc32(data) if data is not None else 0)
        records = [(t.to_dict(), t.location.line if t.location else 0) for t in terms]
        return _rebuild_from(_JsonFill(records), path, cached, built)


class _Built(NamedTuple):
    """The state of the glossary an index is built from: its stamp and its text's checksum."""

    stamp: Stamp
    checksum: int


class _Fill:
    """Fills a new index with a glossary's terms; ``folder``, when given, is where helper
    processes may put the parts they build."""

    def __call__(self, db: sqlite3.Connection, folder: Path | None) -> str:
        """Fill ``db``; give how entries are kept (meta "payload", see the schema)."""
        raise NotImplementedError


class _JsonFill(_Fill):
    """Terms the full loader read: their fields are kept as JSON."""

    def __init__(self, records: list[Record]):
        self.records = records

    def __call__(self, db: sqlite3.Connection, folder: Path | None) -> str:
        part = _Part(db, 0)
        part.add(self.records, 1, None)
        part.finish()
        return "json"


class _RecordsFill(_Fill):
    """Terms read from a source that is no glossary file (a dictionary), in stretches:
    each kept as the text given for it, which the payload's reader turns back into
    fields. Built by several processes where the machine has cores to spare, each taking
    stretches from a queue as :class:`_QuickFill` does."""

    def __init__(self, stretches: Stretches):
        self.stretches = stretches

    def __call__(self, db: sqlite3.Connection, folder: Path | None) -> str:
        work = _RecordsWork(self.stretches)
        count = len(self.stretches.sizes)
        # A dictionary is large: as many processes as a glossary of that many entries gets.
        workers = _workers(sum(self.stretches.sizes) * 150) if folder is not None else 1
        if folder is None or workers == 1 or count < 2:
            work.build(_Part(db, 0), range(count))
            return self.stretches.payload
        queue = _Queue(count)
        helpers: list[_Helper] = []
        try:
            helpers = [_Helper(work, queue, n, folder) for n in range(1, workers)]
            mine = _Part(db, 0)
            work.build(mine, queue)
            done = set(mine.stretches)
            for helper in helpers:
                done |= helper.copy_into(db)[0]
        finally:
            queue.close()
            for helper in helpers:
                helper.stop()
        if missing := [n for n in range(count) if n not in done]:
            work.build(_Part(db, workers), missing)  # the stretches of helpers that failed
        return self.stretches.payload


def build_records(
    path: Path, cached: Path | None, stamp: Stamp, read: Callable[[], Stretches]
) -> sqlite3.Connection:
    """Build the index of the source at ``path`` (which is no glossary file) from the
    stretches ``read`` gives. Into ``cached`` if given and the folder allows, else in
    memory. The source's checksum is kept, as a glossary's is, so that an index built
    just after the source changed is still taken as current while the file is the same."""
    stretches = read()
    try:
        checksum = zlib.crc32(path.read_bytes())
    except OSError:
        checksum = 0  # then the index is rebuilt next time, and nothing is wrong
    return _rebuild_from(_RecordsFill(stretches), path, cached, _Built(stamp, checksum))


class _QuickFill(_Fill):
    """Terms the quick reader reads. A cached index finds their entries in the glossary
    file by their place in it (``bom`` is the bytes the file starts with before its text;
    None: the file is not its text byte for byte); one in memory keeps their texts.

    A large glossary is cut into stretches, several for each process building the index,
    which take them one at a time until none is left (so that a process slowed down takes
    fewer). Helper processes build their parts into files of their own; this one builds
    its part into the index, and copies theirs in."""

    def __init__(self, found: quickyaml.Layout, bom: int | None):
        self.found = found
        self.bom = bom

    def __call__(self, db: sqlite3.Connection, folder: Path | None) -> str:
        found = self.found
        workers = _workers(found.end - found.begin) if folder is not None else 1
        stretches = found.stretches(workers * _STRETCHES_EACH if workers > 1 else 1)
        work = _Work(found, stretches, self.bom if folder is not None else None)
        if folder is None or workers == 1:
            work.build(_Part(db, 0), range(len(stretches)))
            return work.payload
        queue = _Queue(len(stretches))
        helpers: list[_Helper] = []
        try:
            helpers = [_Helper(work, queue, n, folder) for n in range(1, workers)]
            mine = _Part(db, 0)
            work.build(mine, queue)
            done, headwords = set(mine.stretches), mine.headwords
            for helper in helpers:
                taken, theirs = helper.copy_into(db)
                _no_twice(headwords, theirs)
                done |= taken
        finally:
            queue.close()
            for helper in helpers:
                helper.stop()
        if missing := [n for n in range(len(stretches)) if n not in done]:
            rest = _Part(db, workers)  # the stretches of helpers that failed
            work.build(rest, missing)
            _no_twice(headwords, rest.headwords)
        return work.payload


def _rebuild_from(
    fill: _Fill, path: Path, cached: Path | None, built: _Built
) -> sqlite3.Connection:
    """Build the index with ``fill``, in the cache file when given and the folder allows,
    else in memory."""
    import tempfile

    # In memory when asked, or when the file changed while read: index it, do not cache it.
    if cached is None or Stamp.of(path) != built.stamp:
        return _build(sqlite3.connect(":memory:"), fill, None, built)
    try:
        cached.parent.mkdir(parents=True, exist_ok=True)
        _remove_abandoned(cached.parent)
        fd, tmp = tempfile.mkstemp(dir=cached.parent, prefix=".build-", suffix=".sqlite3")
        os.close(fd)
    except OSError:
        return _build(sqlite3.connect(":memory:"), fill, None, built)
    try:
        _build(sqlite3.connect(tmp), fill, cached.parent, built).close()
        os.replace(tmp, cached)
        return _open_cached(cached)
    except (OSError, sqlite3.Error):
        return _build(sqlite3.connect(":memory:"), fill, None, built)
    finally:
        with contextlib.suppress(OSError):
            os.unlink(tmp)


def _build(
    db: sqlite3.Connection, fill: _Fill, folder: Path | None, built: _Built
) -> sqlite3.Connection:
    db.executescript(_SCHEMA_SQL)
    payload = fill(db, folder)
    db.execute("CREATE INDEX terms_ident ON terms(ident) WHERE ident != ''")
    meta = {
        **_meta(built.stamp),
        "checksum": str(built.checksum),
        "racy": "1" if built.stamp.recent() else "0",
        "payload": payload,
    }
    # The vocabulary, for typos: the words of each length under their own key.
    pages = db.execute("SELECT lines FROM words")
    words = {line.partition(" ")[0] for (page,) in pages for line in page.split("\n")}
    by_length: dict[int, list[str]] = {}
    for word in sorted(words):
        by_length.setdefault(len(word), []).append(word)
    meta |= {f"words/{n:03d}": "\n".join(group) for n, group in by_length.items()}
    # Written last: a cache cut short has no meta rows, so it is never taken as current.
    db.executemany("INSERT INTO meta VALUES (?, ?)", meta.items())
    db.commit()
    return db
