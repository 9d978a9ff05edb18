"""A search index of a glossary file, cached in SQLite so repeat lookups skip the YAML.

The cache lives in the user's cache folder (``$XDG_CACHE_HOME/glossary``, else
``~/.cache/glossary``), one file per glossary, keyed on the glossary's path, size,
modification and change times and inode (and, for a file indexed just after it changed,
the checksum of its text). It is never the source of truth: a missing, stale or damaged
cache is rebuilt from the glossary, and where none can be written the index is built in
memory.

A lookup finds candidates in the index: headwords and pinyin in its key lines (searched
with ``bytes.find``, or by SQLite where very many hold the text), English words and their
typos in posting lists. Only those candidates are ranked in Python, their entries read
back from the glossary file at the places the index recorded. The matcher of
``scan`` is saved beside the index.

A large glossary's index is built by several processes (see :class:`_QuickFill`).
"""

from __future__ import annotations

import codecs
import contextlib
import os
import re
import signal
import sqlite3
import sys
import time
import zlib
from array import array
from bisect import bisect_right
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from itertools import takewhile
from operator import itemgetter
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple, TypeVar

from glossary import __version__, memory, pinyin
from glossary.errors import GlossaryFileError, Location, display_path
from glossary.model import LIST_FIELDS, Term
from glossary.search import (
    Match,
    Query,
    allowed_edits,
    choose_term,
    fold,
    near_words,
    rank,
    stem,
)

if TYPE_CHECKING:
    from glossary.scan import Scanner
    from glossary.termfile import quickyaml

T = TypeVar("T")

#: A term as the index stores it: its fields (as ``Term.to_dict`` gives them), and its line.
Record = tuple[dict[str, Any], int]

SCHEMA = "8"
#: The most candidates one kind of match may hand to the ranking; the closest come first.
CANDIDATES = 500
#: How many keys holding a text are looked at in Python before SQLite is asked instead.
_FOUND_IN_PYTHON = 4 * CANDIDATES
#: What :meth:`GlossaryIndex._keyed` gives, asked of SQLite (?1: the text, ?2: how many).
_KEYED_SQL = {
    "letters": "SELECT id FROM terms WHERE instr(letters, ?1)"
    " ORDER BY instr(letters, ?1) > 1, length(letters), id LIMIT ?2",
    "initials": "SELECT id FROM terms WHERE substr(initials, 1, length(?1)) = ?1"
    " ORDER BY length(initials), id LIMIT ?2",
    "hanzi": "SELECT id FROM terms WHERE instr(zh, ?1) OR instr(trad, ?1) ORDER BY"
    " min(CASE WHEN instr(zh, ?1) THEN length(zh) ELSE 1e9 END,"
    " CASE WHEN instr(trad, ?1) THEN length(trad) ELSE 1e9 END), id LIMIT ?2",
}
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
-- literal, definition and context, for hanzi queries; only terms that have some.
CREATE TABLE notes(id INTEGER PRIMARY KEY, text TEXT);
-- Each term's line, and its entry, read again for the candidates only. Meta "payload"
-- tells how it is kept: "file COLUMNS", where its text is in the glossary file (start
-- and size in bytes); "text COLUMNS", its text as written; "json", its fields as JSON.
CREATE TABLE entries(id INTEGER PRIMARY KEY, line INTEGER, start INTEGER, size INTEGER,
    text TEXT);
-- English words, by part of the index (each built by one process). A part's postings,
-- word after word: each a term holding the word, and its rank there: 0 for a word of a
-- one-word rendering, growing with the rendering's length and place; words met only in
-- notes come after every rendering. (Arrays of unsigned 32-bit integers, read a slice
-- at a time.)
CREATE TABLE parts(part INTEGER PRIMARY KEY, terms BLOB, ranks BLOB);
-- Each part's words, sorted, with where their postings start and stop there: a line
-- each ("army 120 131"), in pages of a few hundred lines, each under its first word.
CREATE TABLE words(part INTEGER, first TEXT, lines TEXT, PRIMARY KEY (part, first))
    WITHOUT ROWID;
-- Each part's keys that lookups search for a substring or a start, a line for each of
-- its terms, in UTF-8: under "hanzi", the headword, a tab and the traditional form; the
-- pinyin "letters"; its "initials". Beside them, where the part's runs of terms numbered
-- one after the other start: line and term, line and term... (unsigned 32-bit integers).
CREATE TABLE keys(part INTEGER, name TEXT, lines BLOB, runs BLOB);
"""


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
        self,
        db: sqlite3.Connection,
        shown: str,
        cached: Path | None = None,
        stamp: str = "",
        payload: str = "json",
        source: Stamp | None = None,
    ):
        self.db = db
        self.shown = shown
        self.cached = cached  # the cache file, if the index is one
        self.stamp = stamp  # what identifies the glossary's state it was built from
        self.payload = payload  # how entries are kept (see the schema)
        self.source = source  # the glossary's state it was built from

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
                    return Scanner.load(body, self._scanned)
        rows = self.db.execute("SELECT id, zh, trad FROM terms ORDER BY id")
        scanner = Scanner.of_forms(rows, self._scanned)
        if saved is not None:
            body = scanner.dump()
            with contextlib.suppress(OSError):
                _write_atomically(saved, header + hashlib.sha256(body).digest() + body)
        return scanner

    def terms_by_number(self, numbers: Iterable[int]) -> dict[int, Term]:
        """Give the terms with these numbers (rows of the index)."""
        return dict(self._rows(set(numbers)))

    def _scanned(self, numbers: Iterable[int]) -> dict[int, Term]:
        """Give the terms a scan found. They are read after the index was opened: should the
        glossary change meanwhile (or the cache be damaged), say so, and leave no index
        behind for the next run."""
        try:
            return self.terms_by_number(numbers)
        except _DAMAGED:
            if self.cached is not None:
                with contextlib.suppress(OSError):
                    self.cached.unlink()
            raise GlossaryFileError(
                "the glossary changed while the text was scanned",
                where=Location(self.shown),
                hint="run the command again",
            ) from None

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
            ids |= self._keyed("hanzi", form)
            if query.field is None:
                ids |= self._ids("SELECT id FROM notes WHERE instr(text, ?1) LIMIT ?2", form)
        if query.hanzi:
            return ids or self._near_hanzi(query.hanzi[0])
        sql = "SELECT id FROM terms WHERE ident = ?1 AND ident != '' LIMIT ?2"  # (its index)
        ids |= self._ids(sql, query.text.casefold())
        if query.reading is not None:
            ids |= self._keyed("letters", query.reading.letters)
            if query.reading.is_initials:
                ids |= self._keyed("initials", query.reading.letters)
        if query.words:
            ids |= self._word_candidates(query.words)
        if not (query.reading or query.words) and query.tags:
            tag = f"\n{query.tags[0].casefold()}\n"
            # Every term carrying the tag: no cap on candidates, the ranking keeps them all.
            rows = self.db.execute("SELECT id FROM terms WHERE instr(tags, ?)", (tag,))
            ids |= {row[0] for row in rows}
        return ids

    def _keyed(self, name: str, text: str) -> set[int]:
        """Give the terms whose key ``name`` holds ``text``: for "letters", those starting
        with it first, then the shortest; for "initials", the shortest of those starting
        with it; for "hanzi", those whose shortest headword holding it (simplified or
        traditional) is shortest. Ties: the first term first. At most CANDIDATES.

        The keys are searched in Python, where a text found in few of them is found at
        once; one found in very many (a syllable, a common character) is left to SQLite,
        which sorts them faster.
        """
        needle = text.encode()  # looked for in UTF-8: only the lines found are decoded
        found: list[tuple[bool, int, int]] = []  # (not at the start, length, term)
        rows = self.db.execute("SELECT lines, runs FROM keys WHERE name = ?", (name,))
        for lines, runs in rows:
            starts = array("I")
            starts.frombytes(runs)
            if len(starts) % 2 or (starts and starts[0] != 0):  # (none: a part with no terms)
                raise ValueError("runs of terms that are not pairs from the first line")
            run_lines = starts[::2]
            line = before = 0
            if name == "initials":
                places = _lines_starting(lines, needle)
            else:
                places = _lines_holding(lines, needle)
            for start, hit, end in places:
                line += lines.count(b"\n", before, start)
                before = start
                run = bisect_right(run_lines, line) - 1
                term = starts[2 * run + 1] + line - run_lines[run]
                key = lines[start:end].decode()
                if name == "hanzi":  # the shorter form holding it
                    length = min(len(form) for form in key.split("\t") if text in form)
                else:
                    length = len(key)
                found.append((hit > start and name == "letters", length, term))
                if len(found) > _FOUND_IN_PYTHON:
                    return self._ids(_KEYED_SQL[name], text)
        return {term for *_, term in sorted(found)[:CANDIDATES]}

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
        found: dict[int, int] = {}
        for (part,) in self.db.execute("SELECT part FROM parts").fetchall():
            ranges = [span for form in forms if (span := self._span(part, form))]
            if prefix:
                ranges += self._spans_after(part, forms[0])
            for term, place in self._postings_of(part, ranges):
                if place < found.get(term, _NOTES_RANK + 1):
                    found[term] = place
        return found

    def _page(self, part: int, word: str, after: bool = False) -> str:
        """Give the page of a part's words where ``word`` is, or would be (``after``: the
        page after the one ``word`` starts); "" if there is none."""
        sql = (
            "SELECT lines FROM words WHERE part = ? AND first > ? ORDER BY first LIMIT 1"
            if after
            else "SELECT lines FROM words WHERE part = ? AND first <= ? ORDER BY first DESC LIMIT 1"
        )
        row = self.db.execute(sql, (part, word)).fetchone()
        return str(row[0]) if row else ""

    def _span(self, part: int, word: str) -> tuple[int, int] | None:
        """Give where the postings of ``word`` start and stop in a part, if it has it."""
        page = self._page(part, word)
        found, start, stop = _page_line(page, _first_line(page, word))
        return (start, stop) if found == word else None

    def _spans_after(self, part: int, prefix: str) -> list[tuple[int, int]]:
        """Give where the postings of the part's words that start with ``prefix`` and are
        longer start and stop."""
        spans: list[tuple[int, int]] = []
        page = self._page(part, prefix) or self._page(part, "", after=True)
        at = _first_line(page, prefix)
        while page:
            while at < len(page):
                word, start, stop = _page_line(page, at)
                if not word.startswith(prefix):
                    return spans
                if word != prefix:
                    spans.append((start, stop))
                at = page.find("\n", at) + 1 or len(page)
            last = page[page.rfind("\n") + 1 :].partition(" ")[0]
            page, at = self._page(part, last, after=True), 0
        return spans

    def _postings_of(self, part: int, ranges: list[tuple[int, int]]) -> Iterator[tuple[int, int]]:
        """Give the postings of a part of the index from ``ranges`` of its arrays."""
        if not ranges:  # the part holds none of the words
            return
        with (
            self.db.blobopen("parts", "terms", part, readonly=True) as terms,
            self.db.blobopen("parts", "ranks", part, readonly=True) as ranks,
        ):
            for start, stop in ranges:
                held, places = array("I"), array("I")
                terms.seek(start * 4)
                held.frombytes(terms.read((stop - start) * 4))
                ranks.seek(start * 4)
                places.frombytes(ranks.read((stop - start) * 4))
                if len(held) != stop - start or len(places) != len(held):
                    raise ValueError("postings beyond the end of an index's part")
                yield from zip(held, places, strict=True)

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
                "SELECT e.id, e.line, e.start, e.size, e.text, t.zh FROM entries AS e"
                f" JOIN terms AS t ON t.id = e.id WHERE e.id IN ({marks}) ORDER BY e.id",
                chunk,
            ).fetchall()
            fields = self._fields(rows)
            out += [
                (row[0], _term(data, row[1], self.shown))
                for row, data in zip(rows, fields, strict=True)
            ]
        return out

    def _fields(self, rows: list[tuple[Any, ...]]) -> list[dict[str, Any]]:
        """Give the fields of the entries of ``rows`` (id, line, start, size, text, zh).
        Raise ValueError where they cannot be had: a damaged cache, or a glossary file that
        changed since it was indexed."""
        kind, _, columns = self.payload.partition(" ")
        if kind == "json":
            import json  # only for a glossary the full loader read

            return [json.loads(row[4]) for row in rows]
        from glossary.termfile import quickyaml

        if kind != "file":
            return quickyaml.parse_texts([row[4] for row in rows], columns)
        fields = quickyaml.parse_texts(self._read_entries(rows), columns)
        if any(data["zh"] != row[5] for row, data in zip(rows, fields, strict=True)):
            raise ValueError("the glossary changed since it was indexed")
        return fields

    def _read_entries(self, rows: list[tuple[Any, ...]]) -> list[str]:
        """Read the texts of entries from the glossary file, which must be as indexed."""
        source = self.source
        if source is None:
            raise ValueError("no glossary file to read entries from")
        try:
            with open(source.path, "rb") as glossary:
                # Checked after opening: a file replaced or changed since shows here.
                if Stamp.of(Path(source.path)) != source:
                    raise ValueError("the glossary changed since it was indexed")
                texts = []
                for row in rows:
                    glossary.seek(row[2])
                    texts.append(glossary.read(row[3]).decode("utf-8"))
                return texts
        except (OSError, UnicodeDecodeError) as exc:
            raise ValueError(f"cannot read the glossary's entries: {exc}") from exc


def open_index(path: Path, env: Mapping[str, str], *, cache: bool = True) -> GlossaryIndex:
    """Give the index of the glossary at ``path``: the cached one if it is current, else
    one rebuilt (and cached where possible; never with ``cache`` false, which builds one
    in memory that holds all it needs). Raise only for a glossary that cannot be read."""
    shown = display_path(path)
    try:
        stamp = Stamp.of(path)
    except OSError:
        from glossary.termfile import store

        store.load_file(path)  # raises the usual located error
        raise
    cached = cache_file(path, env)
    db = _open_current(cached, stamp, path) if cache else None
    if db is None:
        db = _rebuild(path, cached if cache else None, stamp)
    in_cache = bool(db.execute("PRAGMA database_list").fetchone()[2])  # not in memory
    rows = db.execute("SELECT key, value FROM meta WHERE key IN ('checksum', 'payload')")
    meta = dict(rows.fetchall())
    state = f"{_meta(stamp)} {meta.get('checksum', '')}"
    kept = cached if in_cache else None
    return GlossaryIndex(db, shown, kept, state, meta.get("payload", "json"), stamp)


#: What reading a damaged cache can raise: SQLite's own complaint, or contents that do not
#: decode (a posting list of odd length, a payload that is not a term's JSON, runs of terms
#: that lead outside their array).
_DAMAGED = (sqlite3.DatabaseError, ValueError, TypeError, KeyError, IndexError)


def _using(path: Path, env: Mapping[str, str], work: Callable[[GlossaryIndex], T]) -> T:
    """Give ``work`` done with the index of ``path``. Where a cached index fails on the way
    (its pages overwritten, or the glossary changed since it was opened, so that an entry
    is not where the index says), it is deleted, and the work done again on an index built
    in memory, which reads the glossary once and holds all it needs."""
    index = open_index(path, env)
    try:
        return work(index)
    except _DAMAGED:
        if index.cached is None:
            raise
        index.db.close()
        with contextlib.suppress(OSError):
            index.cached.unlink()
        return work(open_index(path, env, cache=False))


def _open_current(cached: Path, stamp: Stamp, path: Path) -> sqlite3.Connection | None:
    if not cached.is_file():
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
        "path": stamp.path,
        "size": str(stamp.size),
        "mtime_ns": str(stamp.mtime_ns),
        "ctime_ns": str(stamp.ctime_ns),
        "inode": str(stamp.inode),
    }


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


class _Declined(Exception):
    """The quick reader declined a stretch of the glossary: the full loader must read it."""


class _Built(NamedTuple):
    """The state of the glossary an index is built from: its stamp and its text's checksum."""

    stamp: Stamp
    checksum: int


#: A build file older than this was left by a process that was killed.
_ABANDONED_S = 600


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


def _no_twice(headwords: set[str], more: Iterable[str]) -> None:
    """Add the headwords of another part to ``headwords``; raise _Declined for one that
    is there already (a headword in two stretches: the full loader says where)."""
    more = list(more)
    if not headwords.isdisjoint(more):
        raise _Declined
    headwords.update(more)


#: How many stretches each process building an index takes, on average: many small ones,
#: so that the processes finish nearly together (a process left alone with the last
#: stretch makes the others wait).
_STRETCHES_EACH = 16


class _Work:
    """The stretches of a glossary's entries to index, and where each starts in the file
    (``bom`` as :class:`_QuickFill` has it; None: entries' texts are kept)."""

    def __init__(
        self, found: quickyaml.Layout, stretches: list[quickyaml.Stretch], bom: int | None
    ):
        self.found, self.stretches, self.bom = found, stretches, bom
        self.bases: list[int] = []
        if bom is not None:  # the byte where each stretch's first text starts
            at, base = found.begin, bom + len(found.text[: found.begin].encode())
            for stretch in stretches:
                base += len(found.text[at : stretch.start].encode())
                at = stretch.start
                self.bases.append(base + found.dash + 2)

    @property
    def payload(self) -> str:
        return f"{'text' if self.bom is None else 'file'} {self.found.name}"

    def build(self, part: _Part, numbers: Iterable[int]) -> None:
        """Index the stretches ``numbers`` into ``part``, and finish it; raise _Declined
        where the quick reader declines one."""
        for number in numbers:
            stretch = self.stretches[number]
            read = self.found.read(stretch)
            if read is None:
                raise _Declined
            kept: list[tuple[int | None, int | None, str | None]]
            if self.bom is None:
                kept = [(None, None, text) for text in read.texts]
            else:
                kept = [(start, size, None) for start, size in self._places(number, read.texts)]
            part.add(read.records, stretch.before + 1, kept)
            part.stretches.append(number)
        part.finish()

    def _places(self, number: int, texts: list[str]) -> Iterator[tuple[int, int]]:
        """Give where each entry's text is in the glossary file: its start and size."""
        start = self.bases[number]
        gap = self.found.dash + 3  # a line break, the dash's indent and "- "
        for text in texts:
            size = len(text.encode())
            yield start, size
            start += size + gap


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

    def __init__(self, work: _Work, queue: _Queue, number: int, folder: Path):
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

    def _build(self, work: _Work, queue: _Queue, number: int) -> int:
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


#: The fields of a term's notes, in the order they are indexed.
_NOTES = ("literal", "definition", "context")

#: The tables each part of an index fills.
_TABLES = ("terms", "notes", "entries", "parts", "words", "keys")


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


def _remove_abandoned(folder: Path) -> None:
    """Delete the build files of index builds that were killed (SIGKILL, a power cut)."""
    now = time.time()
    for leftover in folder.glob(".build-*"):
        with contextlib.suppress(OSError):
            if now - leftover.stat().st_mtime > _ABANDONED_S:
                leftover.unlink()


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


class _Part:
    """A part of an index being built, by one process: the terms of the stretches it
    took, and the English words of their renderings and notes."""

    def __init__(self, db: sqlite3.Connection, number: int):
        self.db = db
        self.number = number
        self.stretches: list[int] = []
        self.headwords: set[str] = set()
        # The renderings and notes of every term, a line each: its term, and its place
        # among the term's renderings (-1: notes).
        self.lines: list[str] = []
        self.owners: list[int] = []
        self.places: list[int] = []
        # The keys of each name (see the schema), and their terms' runs.
        self.keys: dict[str, list[str]] = {"hanzi": [], "letters": [], "initials": []}
        self.runs = array("I")

    def add(
        self,
        records: list[Record],
        first: int,
        kept: list[tuple[int | None, int | None, str | None]] | None,
    ) -> None:
        """Index ``records``, numbered from ``first``; keep each entry as ``kept`` says (its
        start and size in the file, or its text), or its fields as JSON where it says
        nothing. Raise _Declined for a headword the part has already."""
        readings = [data.get("pinyin") or pinyin.generate(data["zh"]) for data, _ in records]
        all_letters, all_initials = pinyin.search_keys_of(readings)
        lines, owners, places = self.lines, self.owners, self.places
        terms: list[tuple[int, str, str, str, str, str, str]] = []
        notes: list[tuple[int, str]] = []
        for (number, (data, _)), letters, initials in zip(
            enumerate(records, start=first), all_letters, all_initials, strict=True
        ):
            zh = data["zh"]
            tags = "".join(f"\n{t.casefold()}\n" for t in data["tags"]) if "tags" in data else ""
            ident = data.get("id", "").casefold()
            trad = data.get("traditional", "")
            terms.append((number, zh, trad, letters, initials, ident, tags))
            renderings = data["en"] + data["avoid"] if "avoid" in data else data["en"]
            lines += renderings
            owners += [number] * len(renderings)
            places += range(len(renderings))
            if data.keys().isdisjoint(_NOTES):
                continue
            text = " ".join(data[k] for k in _NOTES if k in data)
            if text:
                notes.append((number, text))
                lines.append(text)
                owners.append(number)
                places.append(-1)
        self.db.executemany("INSERT INTO terms VALUES (?, ?, ?, ?, ?, ?, ?)", terms)
        self.runs += array("I", (len(self.keys["hanzi"]), first))
        self.keys["hanzi"] += map("\t".join, map(itemgetter(1, 2), terms))
        self.keys["letters"] += map(itemgetter(3), terms)
        self.keys["initials"] += map(itemgetter(4), terms)
        _no_twice(self.headwords, (data["zh"] for data, _ in records))
        self.db.executemany("INSERT INTO notes VALUES (?, ?)", notes)
        if kept is None:
            import json

            kept = [(None, None, json.dumps(data, ensure_ascii=False)) for data, _ in records]
        self.db.executemany(
            "INSERT INTO entries VALUES (?, ?, ?, ?, ?)",
            (
                (number, line, *entry)
                for number, (_, line), entry in zip(
                    range(first, first + len(records)), records, kept, strict=True
                )
            ),
        )

    def finish(self) -> None:
        """Index the English words of the part's lines, and write its keys."""
        self.db.executemany(
            "INSERT INTO keys VALUES (?, ?, ?, ?)",
            [
                (self.number, name, _key_lines(keys), self.runs.tobytes())
                for name, keys in self.keys.items()
            ],
        )
        postings, counts = _words_of_lines(self.lines) if self.lines else ({}, [])
        # A line's rank: a word of a one-word rendering ranks 0; longer and later renderings
        # rank after it; words met only in notes come after every rendering.
        ranks = [
            _NOTES_RANK if p < 0 else n * 10 + p for p, n in zip(self.places, counts, strict=True)
        ]
        lines, at = [], 0
        held = array("I")
        for word in sorted(postings):
            found = postings[word]
            lines.append(f"{word} {at} {at + len(found)}")
            at += len(found)
            held += found
        # The term and the rank of each line held, word after word, gathered in C.
        self.db.execute(
            "INSERT INTO parts VALUES (?, ?, ?)",
            (
                self.number,
                array("I", map(self.owners.__getitem__, held)).tobytes(),
                array("I", map(ranks.__getitem__, held)).tobytes(),
            ),
        )
        self.db.executemany(
            "INSERT INTO words VALUES (?, ?, ?)",
            (
                (self.number, lines[at].partition(" ")[0], "\n".join(lines[at : at + _PAGE]))
                for at in range(0, len(lines), _PAGE)
            ),
        )


def _key_lines(keys: list[str]) -> bytes:
    """Give the lines of the ``keys`` table (see the schema) for ``keys``."""
    lines = "\n".join(keys)
    if lines.count("\n") != max(len(keys) - 1, 0):  # a headword of several lines
        lines = "\n".join([key.replace("\n", " ") for key in keys])
    return lines.encode()


#: How many words a page of a part's words holds.
_PAGE = 256


def _first_line(page: str, key: str) -> int:
    """Give where the first line of a page (sorted lines, each a word, a space and more)
    whose word is not before ``key`` starts; the end of the page if there is none."""
    low, high = 0, len(page)  # each the start of a line, or the end
    while low < high:
        at = page.rfind("\n", low, (low + high) // 2) + 1 or low  # the line holding the middle
        if page[at : page.find(" ", at)] < key:
            low = page.find("\n", at) + 1 or len(page)
        else:
            high = at
    return low


def _page_line(page: str, at: int) -> tuple[str, int, int]:
    """Give the word of the line of a page starting at ``at``, and where its postings start
    and stop ("" past the end of the page)."""
    if at >= len(page):
        return "", 0, 0
    end = page.find("\n", at)
    word, start, stop = page[at : end if end >= 0 else len(page)].split(" ")
    return word, int(start), int(stop)


def _lines_holding(lines: bytes, needle: bytes) -> Iterator[tuple[int, int, int]]:
    """Give, for each line of ``lines`` holding ``needle`` (which holds no line break),
    where it starts, where ``needle`` first is in it, and where it ends."""
    at = 0
    while (hit := lines.find(needle, at)) >= 0:
        end = _line_end(lines, hit)
        yield lines.rfind(b"\n", 0, hit) + 1, hit, end
        at = end + 1


def _lines_starting(lines: bytes, needle: bytes) -> Iterator[tuple[int, int, int]]:
    """Give, as :func:`_lines_holding` does, the lines starting with ``needle``."""
    at = 0
    if lines.startswith(needle):
        at = _line_end(lines, 0)
        yield 0, 0, at
    while (hit := lines.find(b"\n" + needle, at)) >= 0:
        at = _line_end(lines, hit + 1)
        yield hit + 1, hit + 1, at


def _line_end(lines: bytes, at: int) -> int:
    """Give where the line of ``lines`` holding ``at`` ends."""
    end = lines.find(b"\n", at)
    return len(lines) if end < 0 else end


#: A word, or the end of a line.
_TOKEN = re.compile(r"[^\W_]+|\n")


def _words_of_lines(lines: list[str]) -> tuple[dict[str, array[int]], list[int]]:
    """Give each English word of ``lines`` (as :func:`glossary.search.words` reads them)
    with the lines holding it, and how many words each line has. The lines are folded and
    cut into words in C, all at once."""
    # As fold() does, without a call for each line.
    text = "\n".join([x.lower() if x.isascii() else fold(x) for x in lines])
    if text.count("\n") != len(lines) - 1:  # a line break within a line: a space
        text = "\n".join([fold(line.replace("\n", " ")) for line in lines])
    by_token: dict[str, array[int]] = {}
    counts: list[int] = []
    line = count = 0
    for token in _TOKEN.findall(text):
        if token == "\n":
            counts.append(count)
            line += 1
            count = 0
        elif token != "s":  # what is left of "Russia's"
            count += 1
            found = by_token.get(token)
            if found is None:
                by_token[token] = array("I", (line,))
            elif found[-1] != line:
                found.append(line)
    counts.append(count)
    postings: dict[str, array[int]] = {}
    for token, found in by_token.items():
        word = stem(token)
        postings[word] = postings[word] + found if word in postings else found
    return postings, counts


def _term(data: dict[str, Any], line: int, shown: str) -> Term:
    fields = {
        k: tuple(v) if k in LIST_FIELDS and isinstance(v, list) else v for k, v in data.items()
    }
    return Term(**fields, location=Location(shown, line) if line else None)  # type: ignore[arg-type]


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
    """Give the one term of ``files`` that ``text`` names (see
    :func:`glossary.search.choose_term`), from the indexes: a large glossary is not read
    again."""

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
