"""Building a large glossary's index in stretches, each by a process of its own: the index is
the one built whole, and a stretch that fails, declines or is interrupted loses nothing."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from bisect import bisect_left
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from glossary import index, search
from glossary.errors import GlossaryFileError
from glossary.index import build, parallel, querying, rebuild
from glossary.model import Term
from glossary.termfile import store, yamltext
from tests.conftest import SHIPPED
from tests.test_search import CEDICT_FIRST_RESULTS, FIRST_RESULTS

QUERIES = [q for q, _ in FIRST_RESULTS + CEDICT_FIRST_RESULTS] + ["army", "tag:sco", "中*"]


@pytest.fixture(scope="module")
def mixed(cedict_glossary: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Every 30th CC-CEDICT entry and the shipped glossary (notes, avoided renderings, ids,
    tags), as the project writes a glossary."""
    head, *entries = cedict_glossary.read_text(encoding="utf-8").split("\n  - ")
    spread = "\n  - ".join([head, *entries[::30]]) + "\n"
    terms = list(store.parse_text(spread, "cedict.yaml").terms)
    shipped = store.load([SHIPPED]).terms
    taken = {t.zh for t in shipped}
    mixed = [*shipped, *(t for t in terms if t.zh not in taken)]
    path = tmp_path_factory.mktemp("mixed") / "mixed.yaml"
    path.write_text(yamltext.document("Mixed", mixed), encoding="utf-8")
    return path


def _open(
    path: Path, cache: Path, monkeypatch: pytest.MonkeyPatch, workers: int
) -> index.GlossaryIndex:
    """Build the index of ``path`` in ``cache`` with ``workers`` processes."""
    monkeypatch.setattr(rebuild, "_workers", lambda size: workers)
    return index.open_index(path, {"XDG_CACHE_HOME": str(cache)})


def _rows(db: sqlite3.Connection, sql: str) -> list[tuple[object, ...]]:
    return db.execute(sql).fetchall()


def _leftovers(cache: Path) -> list[str]:
    return sorted(p.name for p in (cache / "glossary").glob(".build-*"))


def _no_children_left() -> bool:
    try:
        os.waitpid(-1, os.WNOHANG)
    except ChildProcessError:
        return True
    return False


def test_an_index_built_in_stretches_is_the_one_built_whole(
    mixed: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    whole = _open(mixed, tmp_path / "whole", monkeypatch, 1)
    monkeypatch.setattr(build, "_PAGE", 7)  # words cut into many pages: their edges are met
    parts = _open(mixed, tmp_path / "parts", monkeypatch, 3)
    assert _rows(parts.db, "SELECT part FROM parts") == [(0,), (1,), (2,)]
    assert _rows(whole.db, "SELECT part FROM parts") == [(0,)]
    for sql in (
        "SELECT * FROM terms ORDER BY id",
        "SELECT * FROM notes ORDER BY id",
        "SELECT * FROM entries ORDER BY id",
        "SELECT key, value FROM meta WHERE key >= 'words/' ORDER BY key",
    ):
        assert _rows(parts.db, sql) == _rows(whole.db, sql), sql
    # Every word leads to the same terms, each with the same rank.
    vocabulary = whole._vocabulary(1, 99)
    assert len(vocabulary) > 5000
    for word in vocabulary:
        assert parts._postings([word], prefix=False) == whole._postings([word], prefix=False)
    short = [word for word in vocabulary if len(word) <= 2]
    for word in short + vocabulary[::20]:  # and every word that starts with it
        assert parts._postings([word], prefix=True) == whole._postings([word], prefix=True)
    for name, text in _needles(whole.db):
        assert parts._keyed(name, text) == whole._keyed(name, text), (name, text)
    for query in QUERIES:
        parsed = search.parse_query(query)
        assert parts.search(parsed, 10) == whole.search(parsed, 10), query
    assert _leftovers(tmp_path / "parts") == []
    assert _no_children_left()


def _needles(db: sqlite3.Connection) -> list[tuple[str, str]]:
    """Texts to look for among the keys of an index's terms: pieces of every 11th term's
    keys, some that very many hold, and some that none does."""
    needles = {("letters", "a"), ("letters", "shi"), ("initials", "s"), ("hanzi", "一")}
    needles |= {("letters", "qqq"), ("initials", "xq"), ("hanzi", "龘")}
    rows = db.execute("SELECT letters, initials, zh, trad FROM terms ORDER BY id")
    for n, (letters, initials, zh, trad) in enumerate(rows.fetchall()[::11]):
        cut = n % 4
        needles |= {
            ("letters", letters[cut : cut + 2 + n % 5]),
            ("initials", initials[: cut + 1]),
            ("hanzi", zh[cut % len(zh) :][:2]),
            ("hanzi", trad[-1 - cut % 2 :]),
        }
    return sorted((name, text) for name, text in needles if text)


def test_keys_are_searched_in_python_as_sqlite_searches_them(
    mixed: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    built = _open(mixed, tmp_path, monkeypatch, 3)
    monkeypatch.setattr(querying, "_FOUND_IN_PYTHON", 10**9)  # never handed to SQLite
    sizes = set()
    for name, text in _needles(built.db):
        found = built._keyed(name, text)
        assert found == built._ids(querying._KEYED_SQL[name], text), (name, text)
        sizes.add(len(found))
    assert {0, 1, index.CANDIDATES} <= sizes  # none, one, and more than are taken


def test_the_whole_glossary_is_found_in_its_stretches(
    mixed: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    built = _open(mixed, tmp_path, monkeypatch, 4)
    terms = store.load([mixed]).terms
    numbers = range(1, len(terms) + 1)
    assert list(built.terms_by_number(numbers).values()) == list(terms)


def _glossary(terms: list[Term], extra: str = "") -> str:
    return yamltext.document("Test", terms) + extra


TERMS = [Term(zh=f"词{i:03d}", en=(f"word number {i}",), pinyin="cí") for i in range(200)]


@pytest.mark.parametrize("helpers", ["working", "failing at once"])
def test_a_headword_in_two_stretches_is_a_located_error(
    write, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, helpers: str
) -> None:
    """The headword's two stretches are taken by two processes, or (the helpers failing at
    once) both by this one."""
    if helpers == "failing at once":
        monkeypatch.setattr(parallel._Helper, "_build", lambda *args: os._exit(1))
    path = write("terms.yaml", _glossary([*TERMS, Term(zh="词000", en=("again",))]))
    with pytest.raises(GlossaryFileError, match="duplicate headword '词000'"):
        _open(path, tmp_path / "cache", monkeypatch, 2)
    assert _leftovers(tmp_path / "cache") == []
    assert _no_children_left()


def test_what_a_helper_declines_is_read_by_the_full_loader(
    write, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A block scalar in the last stretch: the quick reader declines it there, the full
    loader reads the file, and the index holds it."""
    block = "  - zh: 词尾\n    en: [the end]\n    definition: |\n      said on\n      two lines\n"
    path = write("terms.yaml", _glossary(TERMS, block))
    built = _open(path, tmp_path / "cache", monkeypatch, 2)
    (found,) = built.search(search.parse_query("词尾"), 5)
    assert found.term.definition == "said on\ntwo lines\n"
    assert built.payload == "json"
    assert _no_children_left()


def test_a_problem_in_a_helpers_stretch_is_a_located_error(
    write, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write(
        "terms.yaml", _glossary(TERMS, "  - zh: 词尾\n    en: [the end]\n    colour: red\n")
    )
    with pytest.raises(GlossaryFileError, match=r"terms\.yaml:\d+:5: .*'colour'"):
        _open(path, tmp_path / "cache", monkeypatch, 2)
    assert _leftovers(tmp_path / "cache") == []


def test_the_stretch_of_a_helper_that_died_is_built_all_the_same(
    mixed: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    whole = _open(mixed, tmp_path / "whole", monkeypatch, 1)

    def die(self: object, work: object, queue: parallel._Queue, number: int) -> int:
        next(iter(queue))  # take a stretch, and die building it
        os.kill(os.getpid(), signal.SIGKILL)
        return 0

    monkeypatch.setattr(parallel._Helper, "_build", die)
    parts = _open(mixed, tmp_path / "parts", monkeypatch, 3)
    # The helpers' stretches were built here, as a part of their own.
    assert _rows(parts.db, "SELECT part FROM parts") == [(0,), (3,)]
    for sql in ("SELECT * FROM terms ORDER BY id", "SELECT * FROM entries ORDER BY id"):
        assert _rows(parts.db, sql) == _rows(whole.db, sql)
    parsed = search.parse_query("army")
    assert parts.search(parsed, 10) == whole.search(parsed, 10)
    assert _leftovers(tmp_path / "parts") == []
    assert _no_children_left()


def test_an_interrupted_build_stops_its_helpers_and_leaves_nothing(
    mixed: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    add = build._Part.add

    def interrupted(part: build._Part, *args: object) -> None:
        if part.number == 0:  # this process's own part: as if Ctrl-C were pressed
            raise KeyboardInterrupt
        add(part, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(build._Part, "add", interrupted)
    with pytest.raises(KeyboardInterrupt):
        _open(mixed, tmp_path / "cache", monkeypatch, 3)
    assert _leftovers(tmp_path / "cache") == []
    assert not list((tmp_path / "cache" / "glossary").glob("*.sqlite3"))
    assert _no_children_left()


def test_glossaries_below_the_threshold_are_built_by_one_process() -> None:
    assert parallel._workers(parallel._PARALLEL_FROM - 1) == 1
    if not hasattr(os, "fork") or sys.platform == "darwin":
        cores = 1  # no cheap, safe fork: one process
    elif hasattr(os, "sched_getaffinity"):
        cores = len(os.sched_getaffinity(0))
    else:
        cores = os.cpu_count() or 1
    assert parallel._workers(parallel._PARALLEL_FROM) == min(cores, parallel._MOST_WORKERS)


@settings(max_examples=300, deadline=None)
@given(
    st.sets(st.text(alphabet="abzé中", min_size=1, max_size=5), max_size=40),
    st.text(alphabet="abzé中", max_size=6),
)
def test_a_page_of_words_is_searched_by_halves(words: set[str], key: str) -> None:
    ordered = sorted(words)
    page = "\n".join(f"{word} {n * 3} {n * 3 + 3}" for n, word in enumerate(ordered))
    n = bisect_left(ordered, key)
    expected = (ordered[n], n * 3, n * 3 + 3) if n < len(ordered) else ("", 0, 0)
    assert querying._page_line(page, querying._first_line(page, key)) == expected


def test_helpers_of_a_killed_build_stop_and_leave_no_file(
    cedict_glossary: Path, tmp_path: Path
) -> None:
    """The search building the index is killed (SIGKILL: no clean-up runs in it); its
    helpers notice, stop taking stretches, and delete their files."""
    cache = tmp_path / "cache"
    env = {**os.environ, "XDG_CACHE_HOME": str(cache)}
    search_ = subprocess.Popen(
        [sys.executable, "-m", "glossary", "-g", str(cedict_glossary), "search", "army"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    parts: list[Path] = []
    deadline = time.monotonic() + 30
    while not parts and search_.poll() is None and time.monotonic() < deadline:
        parts = list(cache.glob("glossary/.build-*.part"))
        time.sleep(0.02)
    search_.kill()
    search_.wait()
    if not parts:
        pytest.skip("the index was built by one process (one core): no helper to stop")
    deadline = time.monotonic() + 60
    while any(p.exists() for p in parts) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not [p.name for p in parts if p.exists()]
