"""Where an index is cached, and whether a cached one is current.

The cache lives in the user's cache folder (``$XDG_CACHE_HOME/glossary``, else
``~/.cache/glossary``), one file per glossary, keyed on the glossary's path, size,
modification and change times and inode (and, for a file indexed just after it changed,
the checksum of its text). It is never the source of truth: a missing, stale or damaged
cache is rebuilt from the glossary, and where none can be written the index is built in
memory.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import time
import zlib
from collections.abc import Mapping
from pathlib import Path
from typing import NamedTuple

from glossary.index.schema import SCHEMA


class Stamp(NamedTuple):
    """What identifies one state of a glossary file: where it is, its size, its times, and
    its inode (a file put in place by a rename is a new inode, whatever times it keeps)."""

    path: str
    size: int
    mtime_ns: int
    ctime_ns: int
    inode: int

    @classmethod
    def of(cls, path: Path) -> Stamp:
        st = path.stat()
        return cls(str(path.resolve()), st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino)

    def recent(self) -> bool:
        """Tell whether the file changed so lately that it could change again unseen: a
        rewrite in place within the same tick of the file system's clock keeps size and
        times (git calls such an index "racily clean")."""
        return time.time_ns() - max(self.mtime_ns, self.ctime_ns) < _RACY_NS


#: How lately a glossary may have changed for its index to be checked against its content.
_RACY_NS = 2_000_000_000


def cache_file(path: Path, env: Mapping[str, str]) -> Path:
    """Give where the index of the glossary at ``path`` is cached.

    ``$XDG_CACHE_HOME`` counts only when it is an absolute path, as the XDG Base Directory
    specification says: a relative one would put a cache folder wherever the command runs.
    """
    configured = env.get("XDG_CACHE_HOME") or ""
    home = Path(configured) if os.path.isabs(configured) else Path.home() / ".cache"
    base = home / "glossary"
    full = str(path.resolve()).encode("utf-8", "surrogatepass")
    # The name only spreads glossaries over files (a clash costs a rebuild, never a wrong
    # answer: the index records the full path); crc32 keeps hashlib off the search path.
    name = "".join(c if c.isalnum() else "-" for c in path.stem)[:40]
    return base / f"{name}-{zlib.crc32(full):08x}.sqlite3"


def _open_current(cached: Path, stamp: Stamp, path: Path) -> sqlite3.Connection | None:
    try:
        if not cached.is_file():
            return None
    except OSError:  # a cache folder this user may not look into: build the index anew
        return None
    try:
        db = _open_cached(cached)
        meta = dict(db.execute("SELECT key, value FROM meta WHERE key < 'words/'").fetchall())
    except sqlite3.Error:
        return None
    checksum = meta.pop("checksum", None)
    meta.pop("payload", None)
    if meta.pop("racy", None) == "1":
        # Built from a file that had just changed: the same state only if the same text.
        try:
            same = checksum == str(zlib.crc32(path.read_bytes()))
        except OSError:
            same = False
        if not same:
            meta = {}
    if meta == _meta(stamp):
        return db
    db.close()
    return None


def _open_cached(cached: Path) -> sqlite3.Connection:
    """Open a cached index to read: mapped into memory, which halves the time of a scan.
    (The cache is only ever replaced whole, never rewritten in place.)"""
    db = sqlite3.connect(f"{cached.resolve().as_uri()}?mode=ro", uri=True)
    db.execute("PRAGMA mmap_size = 1073741824")
    return db


def _write_atomically(path: Path, data: bytes) -> None:
    """Write a cache file whole or not at all (readers never see a part of one)."""
    import tempfile

    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".build-")
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(data)
        os.replace(tmp, path)
    finally:
        with contextlib.suppress(OSError):
            os.unlink(tmp)


def _meta(stamp: Stamp) -> dict[str, str]:
    return {
        "schema": SCHEMA,
        # SQLite holds UTF-8 text: a name that is not UTF-8 is kept as its bytes' escapes.
        "path": stamp.path.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace"),
        "size": str(stamp.size),
        "mtime_ns": str(stamp.mtime_ns),
        "ctime_ns": str(stamp.ctime_ns),
        "inode": str(stamp.inode),
    }
