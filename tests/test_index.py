"""The cached search index: same answers as the in-memory search, rebuilt whenever it must be."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import pytest

from glossary import index, search
from glossary.errors import GlossaryError, GlossaryFileError
from glossary.termfile import store
from tests.conftest import SHIPPED, SMALL
from tests.test_search import CEDICT_FIRST_RESULTS, FIRST_RESULTS, find_term

QUERIES = [query for query, _ in FIRST_RESULTS]


def env(tmp_path: Path) -> dict[str, str]:
    return {"XDG_CACHE_HOME": str(tmp_path / "cache")}


@pytest.mark.parametrize(
    "query",
    [
        *QUERIES,
        *("army", "a", "中", "sfa", "zh", "上海合做组织", "三股事力", "0上海合", "en:army"),
        *("en:three evil", "py:zhonge", "zh:中俄", "中俄*", "*hezuo", "tag:sco"),
    ],
)
def test_same_results_as_the_in_memory_search(tmp_path: Path, query: str) -> None:
    expected = search.search(store.load([SHIPPED]), query, 10)
    got = index.lookup([SHIPPED], search.parse_query(query), 10, env(tmp_path))
    assert [(m.term, m.score, m.field) for m in got] == [
        (m.term, m.score, m.field) for m in expected
    ]


def test_the_cache_is_written_once_and_reused(tmp_path: Path, write) -> None:
    path = write("terms.yaml", SMALL)
    index.lookup([path], search.parse_query("sangu"), 5, env(tmp_path))
    cached = index.cache_file(path, env(tmp_path))
    assert cached.is_file()
    first = cached.stat().st_mtime_ns
    index.lookup([path], search.parse_query("sangu"), 5, env(tmp_path))
    assert cached.stat().st_mtime_ns == first


def test_a_changed_glossary_is_reindexed(tmp_path: Path, write) -> None:
    path = write("terms.yaml", SMALL)
    assert [
        m.term.zh for m in index.lookup([path], search.parse_query("back"), 5, env(tmp_path))
    ] == ["背靠背"]
    path.write_text(SMALL.replace("back to back", "shoulder to shoulder"), encoding="utf-8")
    os.utime(path, ns=(1, 1))  # even with an old time, the size differs
    assert [
        m.field for m in index.lookup([path], search.parse_query("back"), 5, env(tmp_path))
    ] == ["context"]
    assert [
        m.term.zh for m in index.lookup([path], search.parse_query("shoulder"), 5, env(tmp_path))
    ] == ["背靠背"]


@pytest.mark.parametrize("garbage", [b"", b"not a database", b"SQLite format 3\x00" + b"\x00" * 50])
def test_a_corrupt_cache_is_rebuilt(tmp_path: Path, write, garbage: bytes) -> None:
    path = write("terms.yaml", SMALL)
    cached = index.cache_file(path, env(tmp_path))
    cached.parent.mkdir(parents=True)
    cached.write_bytes(garbage)
    found = index.lookup([path], search.parse_query("sangu"), 5, env(tmp_path))
    assert [m.term.zh for m in found] == ["三股势力"]
    with sqlite3.connect(cached) as db:
        assert db.execute("SELECT count(*) FROM terms").fetchone() == (3,)


@pytest.mark.parametrize("runs", [b"\x00\x00\x00", b"\x00" * 4, b"\x01\x00\x00\x00" * 2])
def test_a_cache_with_damaged_runs_of_terms_is_rebuilt(tmp_path: Path, write, runs: bytes) -> None:
    """Runs of terms that do not decode: an odd byte count, one number, not from line 0."""
    path = write("terms.yaml", SMALL)
    index.lookup([path], search.parse_query("sangu"), 5, env(tmp_path))
    cached = index.cache_file(path, env(tmp_path))
    with sqlite3.connect(cached) as db:
        db.execute("UPDATE keys SET runs = ?", (runs,))
    db.close()
    found = index.lookup([path], search.parse_query("sangu"), 5, env(tmp_path))
    assert [m.term.zh for m in found] == ["三股势力"]


def test_an_unwritable_cache_folder_falls_back_to_memory(tmp_path: Path, write) -> None:
    path = write("terms.yaml", SMALL)
    blocker = tmp_path / "cache"
    blocker.write_text("a file where the cache folder should be")
    found = index.lookup([path], search.parse_query("sangu"), 5, env(tmp_path))
    assert [m.term.zh for m in found] == ["三股势力"]


def test_a_broken_glossary_is_still_a_located_error(tmp_path: Path, write) -> None:
    path = write("terms.yaml", "terms:\n  - zh: 甲\n    defintion: x\n")
    with pytest.raises(GlossaryFileError) as caught:
        index.lookup([path], search.parse_query("x"), 5, env(tmp_path))
    assert str(caught.value.where) == "terms.yaml:3:5"
    missing = tmp_path / "missing.yaml"
    with pytest.raises(GlossaryFileError, match="no glossary at"):
        index.lookup([missing], search.parse_query("x"), 5, env(tmp_path))


def test_tags_narrow_the_lookup(tmp_path: Path, write) -> None:
    path = write("terms.yaml", SMALL)
    assert (
        index.lookup([path], search.parse_query("back").with_tags(["military"]), 5, env(tmp_path))
        == []
    )
    assert [
        m.term.zh
        for m in index.lookup([path], search.parse_query("s").with_tags(["SCO"]), 5, env(tmp_path))
    ] == ["三股势力"]


def test_terms_come_back_with_their_line(tmp_path: Path, write) -> None:
    path = write("terms.yaml", SMALL)
    (match,) = index.lookup([path], search.parse_query("背靠背"), 5, env(tmp_path))
    assert match.term.location is not None and match.term.location.line == 16


@pytest.fixture(scope="module")
def cedict_env(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    return {"XDG_CACHE_HOME": str(tmp_path_factory.mktemp("cedict-cache"))}


@pytest.mark.parametrize(("query", "expected"), CEDICT_FIRST_RESULTS)
def test_ranking_on_cc_cedict(
    cedict_glossary: Path, cedict_env: dict[str, str], query: str, expected: str
) -> None:
    found = index.lookup([cedict_glossary], search.parse_query(query), 3, cedict_env)
    assert found and found[0].term.zh in expected.split("|"), [m.term.zh for m in found]


def test_a_cache_folder_with_odd_characters(tmp_path: Path, write) -> None:
    path = write("terms.yaml", SMALL)
    odd = {"XDG_CACHE_HOME": str(tmp_path / "cache ?#%")}
    cached = index.cache_file(path, odd)
    written = []
    for _ in range(2):  # built once, then read back from the cache, not rebuilt
        found = index.lookup([path], search.parse_query("sangu"), 5, odd)
        assert [m.term.zh for m in found] == ["三股势力"]
        written.append(cached.stat().st_ino)
    assert written[0] == written[1]


NEWS = "上海合作组织成员国共同打击三股勢力。上海合作\n組織秘书处设在北京。"


def _scanned(files: list[Path], tmp_path: Path) -> list[tuple[int, int, str]]:
    return [(s.start, s.end, s.term.zh) for s in index.scanner(files, env(tmp_path)).find(NEWS)]


def _expected(files: list[Path]) -> list[tuple[int, int, str]]:
    from glossary.scan import Scanner

    return [(s.start, s.end, s.term.zh) for s in Scanner(list(store.load(files))).find(NEWS)]


def test_the_scanner_is_saved_beside_the_index_and_reused(tmp_path: Path) -> None:
    expected = _expected([SHIPPED])
    assert [zh for *_, zh in expected] == ["上海合作组织", "三股势力", "上海合作组织"]
    assert _scanned([SHIPPED], tmp_path) == expected
    saved = index.cache_file(SHIPPED, env(tmp_path)).with_suffix(".scanner")
    first = saved.stat()
    assert _scanned([SHIPPED], tmp_path) == expected
    assert saved.stat().st_mtime_ns == first.st_mtime_ns  # loaded, not built again


@pytest.mark.parametrize("damage", ["garbage", "truncated", "flipped", "other glossary"])
def test_a_damaged_saved_scanner_is_rebuilt(tmp_path: Path, write, damage: str) -> None:
    path = write("terms.yaml", SMALL)
    other = write("other.yaml", SMALL.replace("背靠背", "肩并肩"))
    expected = _expected([path])
    assert _scanned([path], tmp_path) == expected
    saved = index.cache_file(path, env(tmp_path)).with_suffix(".scanner")
    data = saved.read_bytes()
    if damage == "garbage":
        saved.write_bytes(b"\x80\x04garbage" * 100)
    elif damage == "truncated":
        saved.write_bytes(data[: len(data) // 2])
    elif damage == "flipped":
        saved.write_bytes(data[:-10] + bytes([data[-10] ^ 1]) + data[-9:])
    else:  # a scanner saved for another glossary, under this one's name
        _scanned([other], tmp_path)
        theirs = index.cache_file(other, env(tmp_path)).with_suffix(".scanner")
        saved.write_bytes(theirs.read_bytes())
    damaged = saved.read_bytes()
    assert _scanned([path], tmp_path) == expected
    rebuilt = saved.read_bytes()  # built again and saved again
    assert rebuilt != damaged
    assert rebuilt.split(b"\n", 1)[0] == data.split(b"\n", 1)[0]
    assert _scanned([path], tmp_path) == expected
    assert saved.read_bytes() == rebuilt  # and now loaded as it is


def test_a_changed_glossary_gets_a_new_scanner(tmp_path: Path, write) -> None:
    path = write("terms.yaml", SMALL)
    _scanned([path], tmp_path)
    path.write_text(SMALL.replace("三股势力", "三股势"), encoding="utf-8")
    assert _scanned([path], tmp_path) == _expected([path])


def test_several_glossaries_are_scanned_together(tmp_path: Path, write) -> None:
    small = write("small.yaml", SMALL)
    both = [small, SHIPPED]
    assert _scanned(both, tmp_path) == _expected(both)
    assert {s.term.zh for s in index.scanner(both, env(tmp_path)).find(NEWS)} == {
        "上海合作组织",
        "三股势力",
    }


def test_scanning_with_an_unwritable_cache(tmp_path: Path) -> None:
    (tmp_path / "cache").write_text("a file where the cache folder should be")
    assert _scanned([SHIPPED], tmp_path) == _expected([SHIPPED])


def test_a_tag_alone_finds_every_term_carrying_it(tmp_path: Path, write) -> None:
    from glossary.model import Term
    from glossary.termfile import yamltext

    terms = [Term(zh=f"词{n}", en=(f"word {n}",), tags=("many",)) for n in range(700)]
    path = write("terms.yaml", yamltext.document("Many", terms))
    found = index.lookup([path], search.parse_query("tag:many"), None, env(tmp_path))
    assert len(found) == 700


def test_headwords_of_several_lines_are_found_by_each(tmp_path: Path, write) -> None:
    """A headword holding a line break or a tab (as YAML allows) is found by what stands
    on either side of it, as it was before the key lines."""
    text = 'terms:\n  - zh: |-\n      甲乙\n      丙丁\n    en: [two]\n  - zh: "戊\\t己"\n    en: [tab]\n'
    path = write("terms.yaml", text)
    for query, expected in [("丙丁", "two"), ("甲", "two"), ("己", "tab"), ("戊", "tab")]:
        (found,) = index.lookup([path], search.parse_query(query), 5, env(tmp_path))
        assert found.term.en == (expected,), query
    assert index.lookup([path], search.parse_query("乙丙"), 5, env(tmp_path)) == []


def test_a_rewrite_the_clock_cannot_see_is_caught_by_the_checksum(
    tmp_path: Path, write, monkeypatch: pytest.MonkeyPatch
) -> None:
    """On a file system whose clock ticks coarsely, a same-size rewrite in place just after
    the index was built keeps every stamp; the text's checksum tells them apart."""
    path = write("terms.yaml", SMALL)
    real = index.Stamp.of
    frozen = real(path)
    monkeypatch.setattr(index.Stamp, "of", classmethod(lambda cls, p: frozen))
    assert [m.term.zh for m in index.lookup([path], search.parse_query("army"), 5, env(tmp_path))]
    path.write_text(SMALL.replace("armies", "navies"), encoding="utf-8")
    assert index.lookup([path], search.parse_query("army"), 5, env(tmp_path)) == []
    assert [m.term.zh for m in index.lookup([path], search.parse_query("navy"), 5, env(tmp_path))]


@pytest.mark.parametrize(
    "name",
    [
        "特殊友军",
        "特殊友軍",
        " 三股势力 ",
        "sān gǔ shìlì",
        "sangushili",
        "teshu youjun",
        "特殊",
        "zz",
    ],
)
def test_show_finds_through_the_index_what_it_finds_in_the_file(tmp_path: Path, name: str) -> None:
    glossary = store.load([SHIPPED])
    try:
        expected = find_term(glossary, name)
    except GlossaryError as exc:
        with pytest.raises(GlossaryError) as got:
            index.find_term([SHIPPED], name, env(tmp_path))
        assert str(got.value) == str(exc)
    else:
        found = index.find_term([SHIPPED], name, env(tmp_path))
        assert (found.term, found.field, found.reading) == (
            expected.term,
            expected.field,
            expected.reading,
        )


def test_show_on_a_termbase_reads_the_index_not_the_yaml(cedict_glossary: Path, cedict_env) -> None:
    index.lookup([cedict_glossary], search.parse_query("zhongguo"), 1, cedict_env)  # indexed
    assert index.find_term([cedict_glossary], "中國", cedict_env).term.zh == "中国"
    with pytest.raises(GlossaryError, match="reads as"):
        index.find_term([cedict_glossary], "shi", cedict_env)


def _replace(path: Path, text: str) -> None:
    """Put a new version of the glossary in place, as editors and ``glossary add`` do."""
    staged = path.with_name("staged.yaml")
    staged.write_text(text, encoding="utf-8")
    os.replace(staged, path)


def test_a_glossary_replaced_while_searched_is_searched_as_it_is_now(tmp_path: Path, write) -> None:
    """The index was opened for one version; by the time the entries found are read from the
    file, another is in place: the search is done again on the new version."""
    path = write("terms.yaml", SMALL)
    query = search.parse_query("army")
    before = index.lookup([path], query, 5, env(tmp_path))
    assert before and before[0].term.en == ("special friendly armies",)
    seen: list[str] = []

    def replaced_then_searched(opened: index.GlossaryIndex) -> list[search.Match]:
        # Each time, the glossary is replaced after the index was opened.
        seen.append(opened.payload)
        new = SMALL.replace("en: special friendly armies", f"en: friendly armies {len(seen)}")
        _replace(path, new + "\n# a new version\n" * len(seen))
        return opened.search(query, 5)

    after = index._using(path, env(tmp_path), replaced_then_searched)
    assert seen[0].startswith("file ")  # the first index read entries from the file
    assert seen[1].startswith("text ")  # the second holds them: the version it read
    assert after and after[0].term.en == ("friendly armies 1",)


def test_a_glossary_replaced_while_a_text_is_scanned_is_a_clear_error(
    tmp_path: Path, write
) -> None:
    path = write("terms.yaml", SMALL)
    scanner = index.scanner([path], env(tmp_path))
    _replace(path, SMALL + "\n# a new version\n")
    with pytest.raises(GlossaryError, match="the glossary changed while the text was scanned"):
        scanner.find("中俄双方共同打击三股势力")
    # The index it had is gone: the next scan builds one for the glossary as it is now.
    assert index.scanner([path], env(tmp_path)).find("三股势力")


@pytest.mark.parametrize(
    ("how", "payload"),
    [
        ("as written", "file "),
        ("with a byte-order mark", "file "),  # read back from 3 bytes further on
        ("with Windows line ends", "text "),  # not the file's bytes: the texts are kept
    ],
)
def test_entries_read_back_are_the_entries_written(
    tmp_path: Path, write, how: str, payload: str
) -> None:
    text = SMALL.replace("\n", "\r\n") if how == "with Windows line ends" else SMALL
    data = ("\ufeff" if how == "with a byte-order mark" else "") + text
    path = write("terms.yaml", data.encode("utf-8"))
    opened = index.open_index(path, env(tmp_path))
    assert opened.payload.startswith(payload)
    expected = store.load([path]).terms
    assert list(opened.terms_by_number(range(1, len(expected) + 1)).values()) == list(expected)
