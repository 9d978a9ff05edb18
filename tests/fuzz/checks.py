"""What each fuzz target checks, for one input: shared by the atheris scripts beside this
file and by ``tests/test_fuzz_regressions.py``, which replays every kept crashing input.

A check returns quietly when the input is handled as documented (accepted, or refused with
one of the project's own errors) and raises ``AssertionError`` or the unexpected exception
otherwise.
"""

from __future__ import annotations

import atexit
import contextlib
import os
import shutil
import tempfile
import time
from functools import lru_cache
from pathlib import Path

from glossary import pinyin, search
from glossary.errors import GlossaryError, UsageError
from glossary.index import GlossaryIndex, open_index
from glossary.model import LIST_FIELDS, Glossary, Term
from glossary.termfile import edit, store, yamltext

REPO = Path(__file__).resolve().parents[2]
SHIPPED = REPO / "terms.yaml"
#: The slowest any one input may be handled, in seconds (the machine may be busy).
TIME_LIMIT = 3.0
SHOWN = "fuzz.yaml"


# ------------------------------------------------------------------------------ loader


def check_loader(data: bytes) -> None:
    """Load ``data`` as a glossary file every way the package reads one.

    Only :class:`GlossaryError` may escape decoding; parsing never raises at all (problems
    are returned, located at line and column 1 or later). A file that loads without
    problems is written back with :func:`yamltext.document` and must read back the same.
    """
    started = time.perf_counter()
    try:
        text = store.decode(data, SHOWN)
    except GlossaryError as exc:
        assert exc.where is not None and exc.where.line >= 1 and exc.where.col >= 1
        return
    parsed = store.parse_text(text, SHOWN)
    _check_parsed(parsed, unique=True)
    _check_parsed(store.parse_entries(text, SHOWN), unique=False)
    _check_parsed(store.parse_items(text, SHOWN, 7), unique=True, first_line=7)
    with contextlib.suppress(GlossaryError):
        edit.scan(text, SHOWN)
    if not parsed.problems:
        saved = yamltext.document(parsed.title, parsed.terms)
        again = store.parse_text(saved, SHOWN)
        assert again.problems == (), (saved, again.problems)
        assert again.terms == parsed.terms, saved
        assert again.title == (parsed.title or None), saved
    elapsed = time.perf_counter() - started
    assert elapsed < TIME_LIMIT, f"{len(data)} bytes took {elapsed:.1f} s"


def _check_parsed(parsed: store.ParsedFile, *, unique: bool, first_line: int = 1) -> None:
    for problem in parsed.problems:
        assert problem.where.line >= first_line and problem.where.col >= 1, problem
        assert problem.message and "\n" not in problem.message, problem
        assert str(problem.error())
    for term in parsed.terms:
        assert _is_sound(term), term
    if unique:
        assert len({t.zh for t in parsed.terms}) == len(parsed.terms)
    assert parsed.title is None or isinstance(parsed.title, str)


def _is_sound(term: Term) -> bool:
    """Tell whether every field holds what the model promises: text, lists of text."""
    for name, value in term.to_dict().items():
        if name in LIST_FIELDS:
            if not (value and all(isinstance(v, str) and v for v in value)):
                return False
        elif not isinstance(value, str) or not value:
            return False
    return bool(term.zh and term.en)


# ------------------------------------------------------------------------------- query


@lru_cache(maxsize=1)
def shipped() -> tuple[Glossary, search.Index, GlossaryIndex]:
    """Give the shipped glossary, its in-memory search index and its SQLite index."""
    glossary = store.load([SHIPPED])
    cache = tempfile.mkdtemp(prefix="glossary-fuzz-")
    atexit.register(shutil.rmtree, cache, True)
    db = open_index(SHIPPED, {**os.environ, "XDG_CACHE_HOME": cache})
    return glossary, search.Index(glossary), db


def check_query(data: bytes) -> None:
    """Read ``data`` as a typed query (bytes that are not UTF-8 become lone surrogates, as
    a terminal hands them to Python) and search the shipped glossary with it.

    Parsing may only raise :class:`UsageError`; pinyin parsing never raises; a parsed
    query searches without error, its scores ordered and each term found once; the
    cached SQLite index and the in-memory search give the same matches.
    """
    started = time.perf_counter()
    text = data.decode("utf-8", "surrogateescape")
    check_query_text(text)
    elapsed = time.perf_counter() - started
    assert elapsed < TIME_LIMIT, f"{len(data)} bytes took {elapsed:.1f} s"


def check_query_text(text: str) -> None:
    """Check the query ``text`` as :func:`check_query` describes."""
    _check_pinyin(text)
    try:
        query = search.parse_query(text)
    except UsageError as exc:
        assert exc.exit_code == 2 and exc.message
        return
    _check_query_shape(query)
    _glossary, memory_index, db = shipped()
    found = memory_index.search(query)
    scores = [m.score for m in found]
    assert scores == sorted(scores, reverse=True), scores
    assert len({m.term.zh for m in found}) == len(found)
    indexed = _keys(db.search(query, None))
    # The cached index gives the same matches in the same order, but for headword
    # near-misses (a hanzi query that is neither in a headword nor holds it, scored 60-70
    # on similarity): the index looks hanzi up by substring only, so it may miss those.
    assert set(indexed) <= set(_keys(found)), (text, indexed, _keys(found))
    expected = [k for k in _keys(found) if k in indexed or not _near_miss(k)]
    assert indexed == expected, (text, indexed, expected)


def _keys(matches: list[search.Match]) -> list[tuple[str, float, str]]:
    return [(m.term.zh, m.score, m.field) for m in matches]


def _near_miss(key: tuple[str, float, str]) -> bool:
    _zh, score, field = key
    return field in ("zh", "traditional") and 60.0 <= score < 70.0


def _check_query_shape(query: search.Query) -> None:
    assert query.hanzi or query.reading or query.words or query.pattern or query.tags
    assert query.field in (None, "zh", "pinyin", "en")
    assert all(query.tags)
    if query.reading is not None:
        _check_pinyin_query(query.reading)


def _check_pinyin(text: str) -> None:
    reading = pinyin.parse_reading(text)
    assert len(reading.tones) == len(reading.letters)
    assert len(reading.letters) in reading.starts
    assert all(0 <= s <= len(reading.letters) for s in reading.starts)
    typed = pinyin.parse_query(text)
    if typed is not None:
        _check_pinyin_query(typed)


def _check_pinyin_query(typed: pinyin.PinyinQuery) -> None:
    assert typed.letters and typed.letters.isascii() and typed.letters.isalpha(), typed
    assert all(0 < b < len(typed.letters) for b in typed.breaks), typed
    assert all(0 <= i < len(typed.letters) and 1 <= t <= 5 for i, t in typed.tone_at), typed
