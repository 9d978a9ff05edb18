"""A search index of a glossary file, cached in SQLite so repeat lookups skip the YAML.

Here: :func:`lookup`, :func:`find_term` and :func:`scanner` over one glossary or several,
each through :func:`open_index`, which gives a glossary's cached index if it is current
and rebuilds it if not. The index's modules, each importing only those above it:

- ``schema``: its tables, and the version of their layout;
- ``cache``: where it is cached, whether a cached one is current, files written whole;
- ``querying``: an open index: a query's candidates, and their entries read back;
- ``build``: one part of an index built: its terms, key lines and word postings;
- ``parallel``: a large glossary's parts built by several processes;
- ``rebuild``: an index built whole from a glossary, into the cache or memory.

A lookup whose index is current imports none of the last three.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from glossary.errors import display_path
from glossary.index.cache import Stamp, _meta, _open_current, cache_file
from glossary.index.querying import _DAMAGED, CANDIDATES, GlossaryIndex
from glossary.model import Term
from glossary.search import Match, Query, choose_term

if TYPE_CHECKING:
    import sqlite3

    from glossary.index.build import Stretches
    from glossary.scan import Scanner

__all__ = [
    "CANDIDATES",
    "GlossaryIndex",
    "Stamp",
    "cache_file",
    "find_term",
    "lookup",
    "named",
    "open_index",
    "open_source",
    "scanner",
    "using",
]

T = TypeVar("T")


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
        from glossary.index.rebuild import _rebuild  # the building modules: only for a rebuild

        db = _rebuild(path, cached if cache else None, stamp)
    return _opened(db, shown, cached, stamp)


def open_source(
    path: Path,
    cached: Path,
    read: Callable[[], Stretches],
    on_build: Callable[[], None] | None = None,
) -> GlossaryIndex:
    """Give the index of a source that is no glossary file (a dictionary) at ``path``,
    cached in ``cached``: the cached one if it is current, else one built from the
    stretches ``read`` gives (``on_build`` is called first). Raise OSError for a source
    that cannot be read, and what ``read`` raises."""
    stamp = Stamp.of(path)
    db = _open_current(cached, stamp, path)
    if db is None:
        from glossary.index.rebuild import build_records

        if on_build is not None:
            on_build()
        db = build_records(path, cached, stamp, read)
    return _opened(db, display_path(path), cached, stamp)


def _opened(db: sqlite3.Connection, shown: str, cached: Path, stamp: Stamp) -> GlossaryIndex:
    """Give the open index ``db`` of a glossary or dictionary whose state was ``stamp``."""
    # Whether it is a file, not in memory; asked so, the file's name (which need not be
    # UTF-8) is never read back as text.
    in_cache = bool(db.execute("SELECT file != '' FROM pragma_database_list").fetchone()[0])
    rows = db.execute("SELECT key, value FROM meta WHERE key IN ('checksum', 'payload')")
    meta = dict(rows.fetchall())
    state = f"{_meta(stamp)} {meta.get('checksum', '')}"
    kept = cached if in_cache else None
    return GlossaryIndex(db, shown, kept, state, meta.get("payload", "json"), stamp)


def using(path: Path, env: Mapping[str, str], work: Callable[[GlossaryIndex], T]) -> T:
    """Give ``work`` done with the index of ``path``, done again on an index built in memory
    should the cached one fail on the way (see :func:`_using`)."""
    return _using(path, env, work)


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


def named(path: Path, name: str, env: Mapping[str, str]) -> Term | None:
    """Give the first term of the glossary at ``path`` whose headword or traditional form
    is ``name``."""
    return _using(path, env, lambda index: index.named(name))


def lookup(
    files: Iterable[Path], query: Query, limit: int | None, env: Mapping[str, str]
) -> list[Match]:
    """Give the terms of ``files`` that match ``query``, best first, across files."""
    found: list[Match] = []
    for path in files:
        found += _using(path, env, lambda index: index.search(query, limit))
    found.sort(key=lambda m: (-m.score, len(m.term.zh)))
    return found[:limit] if limit else found
