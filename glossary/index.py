"""A search index of a glossary file, cached in SQLite so repeat lookups skip the YAML.

The cache lives in the user's cache folder (``$XDG_CACHE_HOME/glossary``, else
``~/.cache/glossary``), one file per glossary, keyed on the glossary's path, size,
modification and change times and inode (and, for a file indexed just after it changed,
the checksum of its text). It is never the source of truth: a missing, stale or damaged
cache is rebuilt from the glossary, and where none can be written the index is built in
memory.

A lookup asks SQLite for candidates (substring scans in C, and posting lists of English
words for words and their typos); only those candidates are ranked in Python. The matcher
of ``scan`` is saved beside the index.
"""

from __future__ import annotations

import contextlib
import json
import os
import sqlite3
import time
import zlib
from array import array
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from glossary import __version__, memory, pinyin
from glossary.errors import Location, display_path
from glossary.model import LIST_FIELDS, Term
from glossary.search import Match, Query, allowed_edits, choose_term, near_words, rank, words

if TYPE_CHECKING:
    from glossary.scan import Scanner

T = TypeVar("T")

#: A term as the index stores it: its fields (as ``Term.to_dict`` gives them), and its line.
Record = tuple[dict[str, Any], int]

SCHEMA = "6"
#: The most candidates one kind of match may hand to the ranking; the closest come first.
CANDIDATES = 500
#: The rank of a word met only in a term's notes (literal, definition, context).
_NOTES_RANK = 1_000_000
_SCHEMA_SQL = """
PRAGMA journal_mode = OFF;
PRAGMA synchronous = OFF;
CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT) WITHOUT ROWID;
-- What lookups scan, kept narrow so that a scan reads few pages.
CREATE TABLE terms(
    id INTEGER PRIMARY KEY, zh TEXT, trad TEXT, letters TEXT, initials TEXT, ident TEXT,
    tags TEXT);
CREATE INDEX terms_ident ON terms(ident);
-- literal, definition and context, for hanzi queries; only terms that have some.
CREATE TABLE notes(id INTEGER PRIMARY KEY, text TEXT);
-- Each term's fields (JSON), fetched for the candidates only.
CREATE TABLE entries(id INTEGER PRIMARY KEY, payload TEXT);
-- For each English word, the terms holding it and how prominently (unsigned 32-bit arrays):
-- rank 0 for a word of a one-word rendering, growing with the rendering's length and
-- place; words met only in notes come after every rendering.
CREATE TABLE words(word TEXT PRIMARY KEY, ids BLOB, ranks BLOB) WITHOUT ROWID;
"""


@dataclass(frozen=True)
class Stamp:
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
    """Give where the index of the glossary at ``path`` is cached."""
    base = Path(env.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "glossary"
    full = str(path.resolve()).encode("utf-8", "surrogatepass")
    # The name only spreads glossaries over files (a clash costs a rebuild, never a wrong
    # answer: the index records the full path); crc32 keeps hashlib off the search path.
    name = "".join(c if c.isalnum() else "-" for c in path.stem)[:40]
    return base / f"{name}-{zlib.crc32(full):08x}.sqlite3"


class GlossaryIndex:
    """An open index of one glossary file."""

    def __init__(
        self, db: sqlite3.Connection, shown: str, cached: Path | None = None, stamp: str = ""
    ):
        self.db = db
        self.shown = shown
        self.cached = cached  # the cache file, if the index is one
        self.stamp = stamp  # what identifies the glossary's state it was built from

    def scanner(self) -> Scanner:
        """Give a scanner of the glossary's terms (see :mod:`glossary.scan`): the one saved
        beside the cached index if it is current, else one built (and saved if possible)."""
        import hashlib

        from glossary.scan import Scanner

        saved = self.cached.with_suffix(".scanner") if self.cached else None
        header = f"{SCHEMA} {__version__} {self.stamp}\n".encode()
        if saved is not None:
            with contextlib.suppress(OSError, ValueError):
                data = saved.read_bytes()
                digest, body = data[len(header) : len(header) + 32], data[len(header) + 32 :]
                # A saved scanner is loaded only whole and of this very glossary state.
                if data.startswith(header) and hashlib.sha256(body).digest() == digest:
                    return Scanner.load(body, self.terms_by_number)
        rows = self.db.execute("SELECT id, zh, trad FROM terms ORDER BY id")
        scanner = Scanner.of_forms(rows, self.terms_by_number)
        if saved is not None:
            body = scanner.dump()
            with contextlib.suppress(OSError):
                _write_atomically(saved, header + hashlib.sha256(body).digest() + body)
        return scanner

    def terms_by_number(self, numbers: Iterable[int]) -> dict[int, Term]:
        """Give the terms with these numbers (rows of the index)."""
        return dict(self._rows(set(numbers)))

    def named(self, name: str) -> Term | None:
        """Give the first term whose headword or traditional form is ``name``."""
        row = self.db.execute(
            "SELECT id FROM terms WHERE zh = ?1 OR trad = ?1 ORDER BY id LIMIT 1", (name,)
        ).fetchone()
        return self.terms_by_number([row[0]]).get(row[0]) if row else None

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
            sql = "SELECT id FROM terms WHERE instr(zh, ?1) OR instr(trad, ?1)"
            ids |= self._ids(sql + " ORDER BY length(zh) LIMIT ?2", form)
            if query.field is None:
                ids |= self._ids("SELECT id FROM notes WHERE instr(text, ?1) LIMIT ?2", form)
        if query.hanzi:
            return ids or self._near_hanzi(query.hanzi[0])
        ids |= self._ids("SELECT id FROM terms WHERE ident = ?1 LIMIT ?2", query.text.casefold())
        if query.reading is not None:
            ids |= self._pinyin_candidates(query.reading)
        if query.words:
            ids |= self._word_candidates(query.words)
        if not (query.reading or query.words) and query.tags:
            tag = f"\n{query.tags[0].casefold()}\n"
            # Every term carrying the tag: no cap on candidates, the ranking keeps them all.
            rows = self.db.execute("SELECT id FROM terms WHERE instr(tags, ?)", (tag,))
            ids |= {row[0] for row in rows}
        return ids

    def _near_hanzi(self, text: str) -> set[int]:
        """Give terms close to hanzi that no headword holds (one character wrong or extra):
        those sharing characters with it that the ranking would take."""
        from rapidfuzz import fuzz

        chars = list(dict.fromkeys(text))[:8]
        where = " OR ".join(["instr(zh, ?) OR instr(trad, ?)"] * len(chars))
        rows = self.db.execute(
            f"SELECT id, zh, trad FROM terms WHERE {where} ORDER BY length(zh) LIMIT 5000",
            [c for c in chars for _ in (0, 1)],
        )
        scored = [
            (-max(fuzz.ratio(text, zh), fuzz.ratio(text, trad or "")), i) for i, zh, trad in rows
        ]
        return {i for score, i in sorted(scored)[:CANDIDATES] if score <= -60}

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

    def _word_candidates(self, query_words: tuple[str, ...]) -> set[int]:
        """Give terms holding every query word (as a word, the start of one, or with typos),
        those where the first word is most prominent first."""
        best: dict[int, int] = {}
        for n, word in enumerate(dict.fromkeys(query_words)):
            forms = [word]
            if edits := allowed_edits(word):
                forms += near_words(word, self._vocabulary(len(word) - edits, len(word) + edits))
            ranks = self._postings(forms, prefix=len(word) >= 3)
            best = ranks if n == 0 else {i: r for i, r in best.items() if i in ranks}
        return set(sorted(best, key=lambda i: (best[i], i))[:CANDIDATES])

    def _postings(self, forms: list[str], prefix: bool) -> dict[int, int]:
        """Give the terms holding any of ``forms`` (or a word starting with the first), each
        with its best rank."""
        where = " OR ".join(["word = ?"] * len(forms))
        args: list[object] = list(forms)
        if prefix:
            where += " OR (word > ? AND word < ?)"
            args += [forms[0], forms[0] + "\uffff"]
        found: dict[int, int] = {}
        for ids_blob, ranks_blob in self.db.execute(
            f"SELECT ids, ranks FROM words WHERE {where}", args
        ):
            ids, ranks = array("I"), array("I")
            ids.frombytes(ids_blob)
            ranks.frombytes(ranks_blob)
            for i, r in zip(ids, ranks, strict=True):
                if r < found.get(i, _NOTES_RANK + 1):
                    found[i] = r
        return found

    def _vocabulary(self, shortest: int, longest: int) -> list[str]:
        """Give the English words of the glossary from ``shortest`` to ``longest`` letters."""
        rows = self.db.execute(
            "SELECT value FROM meta WHERE key BETWEEN ? AND ?",
            (f"words/{shortest:03d}", f"words/{longest:03d}"),
        )
        return [word for (value,) in rows for word in value.split("\n")]

    def _terms(self, ids: set[int]) -> list[Term]:
        return [term for _, term in self._rows(ids)]

    def _rows(self, ids: set[int]) -> list[tuple[int, Term]]:
        """Give the terms with these row numbers, in row order."""
        out: list[tuple[int, Term]] = []
        ordered = sorted(ids)
        for at in range(0, len(ordered), 900):
            chunk = ordered[at : at + 900]
            marks = ",".join("?" * len(chunk))
            rows = self.db.execute(
                f"SELECT id, payload FROM entries WHERE id IN ({marks}) ORDER BY id", chunk
            )
            out += ((i, _term(json.loads(payload), self.shown)) for i, payload in rows)
        return out


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
    db = _open_current(cached, stamp, path)
    if db is None:
        db = _rebuild(path, cached, stamp)
    in_cache = bool(db.execute("PRAGMA database_list").fetchone()[2])  # not in memory
    checksum = db.execute("SELECT value FROM meta WHERE key = 'checksum'").fetchone()
    state = f"{_meta(stamp)} {checksum[0] if checksum else ''}"
    return GlossaryIndex(db, shown, cached if in_cache else None, state)


#: What reading a damaged cache can raise: SQLite's own complaint, or contents that do not
#: decode (a posting list of odd length, a payload that is not a term's JSON).
_DAMAGED = (sqlite3.DatabaseError, ValueError, TypeError, KeyError)


def _using(path: Path, env: Mapping[str, str], work: Callable[[GlossaryIndex], T]) -> T:
    """Give ``work`` done with the index of ``path``. A cached index found damaged on the
    way (pages overwritten in place) is deleted and the work done again on a new one."""
    index = open_index(path, env)
    try:
        return work(index)
    except _DAMAGED:
        if index.cached is None:
            raise
        index.db.close()
        with contextlib.suppress(OSError):
            index.cached.unlink()
        return work(open_index(path, env))


def _open_current(cached: Path, stamp: Stamp, path: Path) -> sqlite3.Connection | None:
    if not cached.is_file():
        return None
    try:
        db = _open_cached(cached)
        meta = dict(db.execute("SELECT key, value FROM meta WHERE key < 'words/'").fetchall())
    except sqlite3.Error:
        return None
    checksum = meta.pop("checksum", None)
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
        "path": stamp.path,
        "size": str(stamp.size),
        "mtime_ns": str(stamp.mtime_ns),
        "ctime_ns": str(stamp.ctime_ns),
        "inode": str(stamp.inode),
    }


def _rebuild(path: Path, cached: Path, stamp: Stamp) -> sqlite3.Connection:
    """Build the index from the glossary; write it to the cache if the folder allows."""
    with memory.collector_paused():
        records, checksum = _records(path)
        return _rebuild_from(records, path, cached, _Built(stamp, checksum))


def _records(path: Path) -> tuple[list[Record], int]:
    """Read the glossary's terms, and the checksum of its text: quickly where it is written
    plainly (as nearly every file is), else with the full YAML loader, which raises the
    first problem, located."""
    from glossary import quickyaml, store  # the readers: only when the cache must be rebuilt

    try:
        data = path.read_bytes()
    except OSError:
        data = None  # the full loader says what is wrong
    quick = quickyaml.read(store.decode(data, display_path(path))) if data is not None else None
    checksum = zlib.crc32(data) if data is not None else 0
    if quick is not None:
        return quick.records, checksum
    terms = store.load_file(path).terms
    return [(t.to_dict(), t.location.line if t.location else 0) for t in terms], checksum


@dataclass(frozen=True)
class _Built:
    """The state of the glossary an index is built from: its stamp and its text's checksum."""

    stamp: Stamp
    checksum: int


#: A build file older than this was left by a process that was killed.
_ABANDONED_S = 600


def _rebuild_from(
    records: list[Record], path: Path, cached: Path, built: _Built
) -> sqlite3.Connection:
    """Index ``records``, in the cache file when the folder allows, else in memory."""
    import tempfile

    if Stamp.of(path) != built.stamp:  # changed while read: index it, but do not cache it
        return _build(sqlite3.connect(":memory:"), records, built)
    try:
        cached.parent.mkdir(parents=True, exist_ok=True)
        _remove_abandoned(cached.parent)
        fd, tmp = tempfile.mkstemp(dir=cached.parent, prefix=".build-", suffix=".sqlite3")
        os.close(fd)
    except OSError:
        return _build(sqlite3.connect(":memory:"), records, built)
    try:
        _build(sqlite3.connect(tmp), records, built).close()
        os.replace(tmp, cached)
        return _open_cached(cached)
    except (OSError, sqlite3.Error):
        return _build(sqlite3.connect(":memory:"), records, built)
    finally:
        with contextlib.suppress(OSError):
            os.unlink(tmp)


def _remove_abandoned(folder: Path) -> None:
    """Delete the build files of index builds that were killed (SIGKILL, a power cut)."""
    now = time.time()
    for leftover in folder.glob(".build-*"):
        with contextlib.suppress(OSError):
            if now - leftover.stat().st_mtime > _ABANDONED_S:
                leftover.unlink()


def _build(db: sqlite3.Connection, records: list[Record], built: _Built) -> sqlite3.Connection:
    db.executescript(_SCHEMA_SQL)
    postings: dict[str, tuple[list[int], list[int]]] = {}
    db.executemany("INSERT INTO terms VALUES (?, ?, ?, ?, ?, ?, ?)", _term_rows(records))
    db.executemany("INSERT INTO notes VALUES (?, ?)", _notes_rows(records, postings))
    db.executemany(
        "INSERT INTO entries VALUES (?, ?)",
        (
            (number, json.dumps({**data, "_line": line}, ensure_ascii=False))
            for number, (data, line) in enumerate(records, start=1)
        ),
    )
    db.executemany(
        "INSERT INTO words VALUES (?, ?, ?)",
        (
            (w, array("I", ids).tobytes(), array("I", ranks).tobytes())
            for w, (ids, ranks) in sorted(postings.items())
        ),
    )
    meta = {
        **_meta(built.stamp),
        "checksum": str(built.checksum),
        "racy": "1" if built.stamp.recent() else "0",
    }
    # The vocabulary, for typos: the words of each length under their own key.
    by_length: dict[int, list[str]] = {}
    for word in sorted(postings):
        by_length.setdefault(len(word), []).append(word)
    meta |= {f"words/{n:03d}": "\n".join(group) for n, group in by_length.items()}
    # Written last: a cache cut short has no meta rows, so it is never taken as current.
    db.executemany("INSERT INTO meta VALUES (?, ?)", meta.items())
    db.commit()
    return db


def _term_rows(records: list[Record]) -> Iterator[tuple[object, ...]]:
    keys = pinyin.search_keys
    for number, (data, _) in enumerate(records, start=1):
        zh = data["zh"]
        letters, initials = keys(data.get("pinyin") or pinyin.generate(zh))
        tags = "".join(f"\n{t.casefold()}\n" for t in data.get("tags", ()))
        ident = data.get("id", "").casefold()
        yield number, zh, data.get("traditional", ""), letters, initials, ident, tags


def _notes_rows(
    records: list[Record], postings: dict[str, tuple[list[int], list[int]]]
) -> Iterator[tuple[int, str]]:
    """Give the notes of the terms that have some, filling in ``postings`` on the way with
    every English word of every term."""
    for number, (data, _) in enumerate(records, start=1):
        renderings = data["en"] + data["avoid"] if "avoid" in data else data["en"]
        found = words(renderings[0])
        best = dict.fromkeys(found, len(found) * 10)
        for order, text in enumerate(renderings[1:], start=1):
            found = words(text)
            rank = len(found) * 10 + order
            for word in found:
                if rank < best.get(word, _NOTES_RANK + 1):
                    best[word] = rank
        notes = " ".join(data[k] for k in ("literal", "definition", "context") if k in data)
        if notes:
            for word in words(notes):
                best.setdefault(word, _NOTES_RANK)
            yield number, notes
        for word, rank in best.items():
            lists = postings.get(word)
            if lists is None:
                postings[word] = ([number], [rank])
            else:
                lists[0].append(number)
                lists[1].append(rank)


def _term(data: dict[str, object], shown: str) -> Term:
    line = data.pop("_line", 0)
    fields = {
        k: tuple(v) if k in LIST_FIELDS and isinstance(v, list) else v for k, v in data.items()
    }
    location = Location(shown, int(line)) if line else None  # type: ignore[call-overload]
    return Term(**fields, location=location)  # type: ignore[arg-type]


def scanner(files: Sequence[Path], env: Mapping[str, str]) -> Scanner:
    """Give a scanner of the terms of ``files`` (see :mod:`glossary.scan`); a single
    glossary's is kept beside its index, so that it is built once after each change."""
    from glossary.scan import Scanner

    if len(files) == 1:
        return _using(files[0], env, GlossaryIndex.scanner)
    indexes = [open_index(path, env) for path in files]
    # Several glossaries: a term's number tells its glossary (high bits) and its row.
    forms = (
        (n << 32 | i, zh, trad)
        for n, one in enumerate(indexes)
        for i, zh, trad in one.db.execute("SELECT id, zh, trad FROM terms ORDER BY id")
    )

    def fetch(numbers: Iterable[int]) -> dict[int, Term]:
        wanted = list(numbers)
        found: dict[int, Term] = {}
        for n, one in enumerate(indexes):
            rows = one.terms_by_number(x & 0xFFFFFFFF for x in wanted if x >> 32 == n)
            found.update((n << 32 | i, term) for i, term in rows.items())
        return found

    return Scanner.of_forms(forms, fetch)


def find_term(files: Sequence[Path], text: str, env: Mapping[str, str]) -> Match:
    """Give the one term of ``files`` that ``text`` names, as :func:`glossary.search.find_term`
    does, from the indexes (a large glossary is not read again)."""

    def by_name(name: str) -> Term | None:
        for path in files:
            found = _using(path, env, lambda index: index.named(name))
            if found is not None:
                return found
        return None

    return choose_term(text, by_name, lambda query, limit: lookup(files, query, limit, env))


def lookup(
    files: Iterable[Path], query: Query, limit: int | None, env: Mapping[str, str]
) -> list[Match]:
    """Give the terms of ``files`` that match ``query``, best first, across files."""
    found: list[Match] = []
    for path in files:
        found += _using(path, env, lambda index: index.search(query, limit))
    found.sort(key=lambda m: (-m.score, len(m.term.zh)))
    return found[:limit] if limit else found
