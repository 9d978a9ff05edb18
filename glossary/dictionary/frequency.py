"""How common each Chinese word is: a word-frequency list, cached in SQLite on first use.

Two lists can serve, both read from the packages that ship them, with no network:

- ``wordfreq`` (the default): wordfreq's large Chinese list, 335,000 words, from
  subtitles, Wikipedia, news, books and social media of the 2010s;
- ``jieba``: the counts in jieba's dictionary, 349,000 words, from older news text.

``docs/dictionary.md`` gives the measurements behind the default. ``GLOSSARY_FREQUENCY``
chooses one, or ``none`` for none. Frequencies are Zipf values: the base-10 logarithm of a
word's occurrences per thousand million words (的 is about 7.8, 韬光养晦 about 2.9; a word
not listed is 0).
"""

from __future__ import annotations

import math
import sqlite3
import zlib
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path

ENV_VAR = "GLOSSARY_FREQUENCY"
SOURCES = ("wordfreq", "jieba")
DEFAULT = "wordfreq"
#: The version of how a list is cached: a cache of another is rebuilt.
_VERSION = "1"
_DATA = {"wordfreq": ("wordfreq", "data/large_zh.msgpack.gz"), "jieba": ("jieba", "dict.txt")}


class Frequencies:
    """An open frequency list: the Zipf value of words, looked up in batches."""

    def __init__(self, db: sqlite3.Connection | None, name: str):
        self.db = db
        self.name = name
        self._known: dict[str, float] = {}

    def of(self, words: Iterable[str]) -> dict[str, float]:
        """Give the Zipf value of each of ``words`` (0 for a word the list lacks)."""
        wanted = [w for w in dict.fromkeys(words) if w not in self._known]
        for at in range(0, len(wanted), 900):
            chunk = wanted[at : at + 900]
            self._known.update(dict.fromkeys(chunk, 0.0))
            if self.db is not None:
                marks = ",".join("?" * len(chunk))
                sql = f"SELECT word, zipf FROM freq WHERE word IN ({marks})"
                self._known.update(self.db.execute(sql, chunk).fetchall())
        return self._known

    def zipf(self, word: str) -> float:
        """Give the Zipf value of one word (0 if the list lacks it)."""
        return self.of([word])[word]


#: Frequencies of nothing: every word 0, for ranking with the lists turned off.
def nothing() -> Frequencies:
    """Give a frequency list that knows no word."""
    return Frequencies(None, "none")


def chosen(env: Mapping[str, str]) -> str:
    """Give the name of the frequency list to use ("none" for none)."""
    name = env.get(ENV_VAR, "").strip().casefold() or DEFAULT
    return name if name in SOURCES else "none" if name in ("none", "off", "0") else DEFAULT


def data_file(name: str) -> Path | None:
    """Give the file the package ``name`` ships its list in, or None if it is not
    installed."""
    from importlib.util import find_spec

    package, inside = _DATA[name]
    spec = find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(next(iter(spec.submodule_search_locations))) / inside


def open_frequencies(
    env: Mapping[str, str], name: str | None = None, on_build: Callable[[], None] | None = None
) -> Frequencies:
    """Give the frequency list ``name`` (else the one chosen), from the cache, built first
    if need be (``on_build`` is called before). A list that cannot be had gives none:
    frequencies only order results, and a lookup must not fail for want of them."""
    name = name or chosen(env)
    source = data_file(name) if name in SOURCES else None
    if source is None:
        return nothing()
    base = Path(env.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "glossary"
    key = f"{source.resolve()}".encode("utf-8", "surrogatepass")
    cached = base / f"frequency-{name}-{_VERSION}-{zlib.crc32(key):08x}.sqlite3"
    try:
        stamp = _stamp(source)
        db = _open_current(cached, stamp)
        if db is None:
            if on_build is not None:
                on_build()
            db = _build(cached, stamp, _READERS[name](source))
    except (OSError, sqlite3.Error, ValueError):
        return nothing()
    return Frequencies(db, name)


def _stamp(source: Path) -> str:
    """Give what identifies a state of the list's file: its path, size, time and inode."""
    st = source.stat()
    return f"{source.resolve()} {st.st_size} {st.st_mtime_ns} {st.st_ino}"


def _open_current(cached: Path, stamp: str) -> sqlite3.Connection | None:
    """Give the cached list if it was made from the file in the state ``stamp``, else
    None."""
    if not cached.is_file():
        return None
    try:
        db = sqlite3.connect(f"{cached.resolve().as_uri()}?mode=ro", uri=True)
        row = db.execute("SELECT value FROM meta WHERE key = 'stamp'").fetchone()
    except sqlite3.Error:
        return None
    if row and row[0] == stamp:
        return db
    db.close()
    return None


def _build(cached: Path, stamp: str, zipfs: Iterable[tuple[str, float]]) -> sqlite3.Connection:
    """Write the list to ``cached`` (whole, through a temporary file), or keep it in memory
    where the cache folder cannot be written; give it open."""
    import contextlib
    import os
    import tempfile

    rows = sorted(dict(zipfs).items())
    try:
        cached.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=cached.parent, prefix=".build-", suffix=".sqlite3")
        os.close(fd)
    except OSError:
        return _fill(sqlite3.connect(":memory:"), stamp, rows)
    try:
        _fill(sqlite3.connect(tmp), stamp, rows).close()
        os.replace(tmp, cached)
    finally:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
    return sqlite3.connect(f"{cached.resolve().as_uri()}?mode=ro", uri=True)


def _fill(db: sqlite3.Connection, stamp: str, rows: list[tuple[str, float]]) -> sqlite3.Connection:
    """Give ``db`` holding the list ``rows`` (word, Zipf value), made from ``stamp``."""
    db.executescript(
        "PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF;"
        "CREATE TABLE freq(word TEXT PRIMARY KEY, zipf REAL) WITHOUT ROWID;"
        "CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT);"
    )
    db.executemany("INSERT INTO freq VALUES (?, ?)", rows)
    db.execute("INSERT INTO meta VALUES ('stamp', ?)", (stamp,))  # last: a cut build has none
    db.commit()
    return db


def _wordfreq(source: Path) -> Iterable[tuple[str, float]]:
    """Give wordfreq's Chinese words with their Zipf values. Its list is read as its own
    reader reads it, a version it documents ("cB" 1: buckets of words, bucket ``i`` a
    hundredth of a Zipf unit apart), without importing wordfreq (a second of imports);
    any other version goes through wordfreq itself."""
    import gzip

    import msgpack

    data = msgpack.loads(gzip.decompress(source.read_bytes()), strict_map_key=False)
    header = data[0] if data and isinstance(data[0], dict) else {}
    if header.get("format") == "cB" and header.get("version") == 1:
        for bucket, words in enumerate(data[1:]):
            zipf = round(9 - bucket / 100, 2)
            yield from ((word, zipf) for word in words)
        return
    import wordfreq

    for word, share in wordfreq.get_frequency_dict("zh", wordlist="large").items():
        if share > 0:
            yield word, round(math.log10(share) + 9, 2)


def _jieba(source: Path) -> Iterable[tuple[str, float]]:
    """Give the words of jieba's dictionary (``word count tag`` lines) with Zipf values."""
    counts: dict[str, int] = {}
    with open(source, encoding="utf-8") as lines:
        for line in lines:
            word, _, rest = line.partition(" ")
            count = rest.partition(" ")[0]
            if word and count.isdigit():
                counts[word] = max(counts.get(word, 0), int(count))
    total = sum(counts.values()) or 1
    for word, n in counts.items():
        if n > 0:
            yield word, round(math.log10(n / total) + 9, 2)


_READERS: dict[str, Callable[[Path], Iterable[tuple[str, float]]]] = {
    "wordfreq": _wordfreq,
    "jieba": _jieba,
}
