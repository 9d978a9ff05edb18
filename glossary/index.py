"""A search index of a glossary file, cached in SQLite so repeat lookups skip the YAML.

The cache lives in the user's cache folder (``$XDG_CACHE_HOME/glossary``, else
``~/.cache/glossary``), one file per glossary, keyed on the glossary's path, size and
modification time. It is never the source of truth: a missing, stale or unreadable cache
is rebuilt from the glossary, and where none can be written the index is built in memory.

A lookup asks SQLite for candidates (substring scans in C, and an inverted index of
English words for words and their typos); only those candidates are ranked in Python.
"""

from __future__ import annotations

import contextlib
import json
import os
import sqlite3
import tempfile
import zlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from glossary import memory, pinyin
from glossary.errors import Location, display_path
from glossary.model import LIST_FIELDS, Term
from glossary.search import Match, Query, allowed_edits, near_words, rank, words

SCHEMA = "3"
#: The most candidates one kind of match may hand to the ranking; the closest come first.
CANDIDATES = 500
_SCHEMA_SQL = """
CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT) WITHOUT ROWID;
CREATE TABLE terms(
    id INTEGER PRIMARY KEY, zh TEXT, trad TEXT, letters TEXT, initials TEXT, notes TEXT,
    ident TEXT, tags TEXT, payload TEXT);
CREATE INDEX terms_ident ON terms(ident);
-- rank: 0 for a word of a one-word rendering, growing with the rendering's length; notes
-- (literal, definition, context) come after every rendering.
CREATE TABLE words(word TEXT, id INTEGER, rank INTEGER, PRIMARY KEY (word, id)) WITHOUT ROWID;
"""


@dataclass(frozen=True)
class Stamp:
    """What identifies one state of a glossary file."""

    path: str
    size: int
    mtime_ns: int

    @classmethod
    def of(cls, path: Path) -> Stamp:
        st = path.stat()
        return cls(str(path.resolve()), st.st_size, st.st_mtime_ns)


def cache_file(path: Path, env: Mapping[str, str]) -> Path:
    """Give where the index of the glossary at ``path`` is cached."""
    base = Path(env.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "glossary"
    full = str(path.resolve()).encode("utf-8", "surrogatepass")
    # The name only spreads glossaries over files (a clash costs a rebuild, never a wrong
    # answer: the index records the full path); crc32 keeps hashlib off the search path.
    name = "".join(c if c.isalnum() else "-" for c in path.stem)[:40]
    return base / f"{name}-{zlib.crc32(full):08x}.sqlite3"


class GlossaryIndex:
    """An open index of one glossary file."""

    def __init__(self, db: sqlite3.Connection, shown: str):
        self.db = db
        self.shown = shown

    def search(self, query: Query, limit: int | None) -> list[Match]:
        """Give the terms matching ``query``, best first."""
        return rank(self._terms(self._candidates(query)), query, limit)

    def _candidates(self, query: Query) -> set[int]:
        if query.pattern is not None:
            glob = query.pattern.replace("[", "[[]").replace("?", "[?]")
            sql = "SELECT id FROM terms WHERE zh GLOB ?1 OR trad GLOB ?1 OR letters GLOB ?1"
            return self._ids(sql + " ORDER BY length(zh) LIMIT ?2", glob)
        ids: set[int] = set()
        for form in query.hanzi:
            sql = "SELECT id FROM terms WHERE instr(zh, ?1) OR instr(trad, ?1) OR instr(notes, ?1)"
            ids |= self._ids(sql + " ORDER BY length(zh) LIMIT ?2", form)
        if query.hanzi:
            return ids
        ids |= self._ids("SELECT id FROM terms WHERE ident = ?1 LIMIT ?2", query.text.casefold())
        if query.reading is not None:
            ids |= self._pinyin_candidates(query.reading)
        if query.words:
            ids |= self._word_candidates(query.words)
        if not (query.reading or query.words) and query.tags:
            tag = f"\n{query.tags[0].casefold()}\n"
            ids |= self._ids("SELECT id FROM terms WHERE instr(tags, ?1) LIMIT ?2", tag)
        return ids

    def _ids(self, sql: str, *args: object) -> set[int]:
        return {row[0] for row in self.db.execute(sql, (*args, CANDIDATES))}

    def _pinyin_candidates(self, reading: pinyin.PinyinQuery) -> set[int]:
        sql = (
            "SELECT id FROM terms WHERE instr(letters, ?1)"
            " ORDER BY instr(letters, ?1) > 1, length(letters) LIMIT ?2"
        )
        ids = self._ids(sql, reading.letters)
        if reading.is_initials:
            ids |= self._ids(
                "SELECT id FROM terms WHERE substr(initials, 1, length(?1)) = ?1"
                " ORDER BY length(initials) LIMIT ?2",
                reading.letters,
            )
        return ids

    def _word_candidates(self, words: tuple[str, ...]) -> set[int]:
        """Give terms holding every query word (as a word, the start of one, or with typos),
        those whose renderings are shortest first."""
        vocabulary: list[str] | None = None
        clauses: list[tuple[str, list[object]]] = []
        for word in dict.fromkeys(words):
            forms = [word]
            if allowed_edits(word):
                vocabulary = vocabulary if vocabulary is not None else self._vocabulary()
                forms += near_words(word, vocabulary)
            clauses.append(_word_clause(forms, prefix=len(word) >= 3))
        selects = " INTERSECT ".join(f"SELECT id FROM words WHERE {c}" for c, _ in clauses)
        sql = (
            f"SELECT id, MIN(rank) AS best FROM words WHERE ({clauses[0][0]}) "
            f"AND id IN ({selects}) GROUP BY id ORDER BY best LIMIT ?"
        )
        args = [v for _, values in clauses for v in values]
        rows = self.db.execute(sql, (*clauses[0][1], *args, CANDIDATES))
        return {row[0] for row in rows}

    def _vocabulary(self) -> list[str]:
        row = self.db.execute("SELECT value FROM meta WHERE key = 'vocabulary'").fetchone()
        return row[0].split("\n") if row and row[0] else []

    def _terms(self, ids: set[int]) -> list[Term]:
        if not ids:
            return []
        self.db.execute("CREATE TEMP TABLE IF NOT EXISTS wanted(id INTEGER PRIMARY KEY)")
        self.db.execute("DELETE FROM wanted")
        self.db.executemany("INSERT INTO wanted VALUES (?)", ((i,) for i in ids))
        rows = self.db.execute(
            "SELECT payload FROM terms WHERE id IN (SELECT id FROM wanted) ORDER BY id"
        )
        return [_term(json.loads(payload), self.shown) for (payload,) in rows]


def _word_clause(forms: list[str], prefix: bool) -> tuple[str, list[object]]:
    """Give SQL matching any of ``forms`` as a whole word, or the first as a word's start."""
    clauses = ["word = ?"] * len(forms)
    values: list[object] = list(forms)
    if prefix:
        clauses.append("(word > ? AND word < ?)")
        values += [forms[0], forms[0] + "\uffff"]
    return " OR ".join(clauses), values


def open_index(path: Path, env: Mapping[str, str]) -> GlossaryIndex:
    """Give the index of the glossary at ``path``: the cached one if it is current, else
    one rebuilt (and cached where possible). Raise only for a glossary that cannot be read."""
    shown = display_path(path)
    try:
        stamp = Stamp.of(path)
    except OSError:
        from glossary import store

        store.load_file(path)  # raises the usual located error
        raise
    cached = cache_file(path, env)
    db = _open_current(cached, stamp)
    if db is None:
        db = _rebuild(path, cached, stamp)
    return GlossaryIndex(db, shown)


def _open_current(cached: Path, stamp: Stamp) -> sqlite3.Connection | None:
    if not cached.is_file():
        return None
    try:
        db = sqlite3.connect(f"{cached.resolve().as_uri()}?mode=ro", uri=True)
        meta = dict(db.execute("SELECT key, value FROM meta WHERE key != 'vocabulary'").fetchall())
    except sqlite3.Error:
        return None
    if meta == _meta(stamp):
        return db
    db.close()
    return None


def _meta(stamp: Stamp) -> dict[str, str]:
    return {
        "schema": SCHEMA,
        "path": stamp.path,
        "size": str(stamp.size),
        "mtime_ns": str(stamp.mtime_ns),
    }


def _rebuild(path: Path, cached: Path, stamp: Stamp) -> sqlite3.Connection:
    """Build the index from the glossary; write it to the cache if the folder allows."""
    from glossary import store  # the YAML parser: only when the cache must be rebuilt

    with memory.collector_paused():
        return _rebuild_from(store.load_file(path).terms, path, cached, stamp)


def _rebuild_from(
    terms: tuple[Term, ...], path: Path, cached: Path, stamp: Stamp
) -> sqlite3.Connection:
    """Index ``terms``, in the cache file when the folder allows, else in memory."""
    if Stamp.of(path) != stamp:  # changed while read: index it, but do not cache it
        return _build(sqlite3.connect(":memory:"), terms, stamp)
    try:
        cached.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=cached.parent, prefix=".build-", suffix=".sqlite3")
        os.close(fd)
    except OSError:
        return _build(sqlite3.connect(":memory:"), terms, stamp)
    try:
        _build(sqlite3.connect(tmp), terms, stamp).close()
        os.replace(tmp, cached)
        return sqlite3.connect(f"{cached.resolve().as_uri()}?mode=ro", uri=True)
    except (OSError, sqlite3.Error):
        return _build(sqlite3.connect(":memory:"), terms, stamp)
    finally:
        with contextlib.suppress(OSError):
            os.unlink(tmp)


def _build(db: sqlite3.Connection, terms: Iterable[Term], stamp: Stamp) -> sqlite3.Connection:
    db.executescript(_SCHEMA_SQL)
    term_rows = []
    word_rows: dict[tuple[str, int], int] = {}
    notes_rank = 1_000_000
    for number, term in enumerate(terms, start=1):
        reading = pinyin.parse_reading(term.pinyin or pinyin.generate(term.zh))
        notes = " ".join(t for t in (term.literal, term.definition, term.context) if t)
        data = term.to_dict()
        data["_line"] = term.location.line if term.location else 0
        term_rows.append(
            (
                number,
                term.zh,
                term.traditional or "",
                reading.letters,
                reading.initials,
                notes,
                (term.id or "").casefold(),
                "".join(f"\n{t.casefold()}\n" for t in term.tags),
                json.dumps(data, ensure_ascii=False),
            )
        )
        for order, text in enumerate((*term.en, *term.avoid)):
            found = words(text)
            for word in found:
                key = (word, number)
                word_rows[key] = min(word_rows.get(key, notes_rank), len(found) * 10 + order)
        for word in words(notes):
            word_rows.setdefault((word, number), notes_rank)
    vocabulary = {word for word, _ in word_rows}
    db.executemany("INSERT INTO terms VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", term_rows)
    db.executemany(
        "INSERT INTO words VALUES (?, ?, ?)", ((w, i, n) for (w, i), n in word_rows.items())
    )
    meta = {**_meta(stamp), "vocabulary": "\n".join(sorted(vocabulary))}
    db.executemany("INSERT INTO meta VALUES (?, ?)", meta.items())
    db.commit()
    return db


def _term(data: dict[str, object], shown: str) -> Term:
    line = data.pop("_line", 0)
    fields = {
        k: tuple(v) if k in LIST_FIELDS and isinstance(v, list) else v for k, v in data.items()
    }
    location = Location(shown, int(line)) if line else None  # type: ignore[call-overload]
    return Term(**fields, location=location)  # type: ignore[arg-type]


def lookup(
    files: Iterable[Path], query: Query, limit: int | None, env: Mapping[str, str]
) -> list[Match]:
    """Give the terms of ``files`` that match ``query``, best first, across files."""
    found: list[Match] = []
    for path in files:
        found += open_index(path, env).search(query, limit)
    found.sort(key=lambda m: (-m.score, len(m.term.zh)))
    return found[:limit] if limit else found
