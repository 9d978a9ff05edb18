"""StarDict export: the files' structure, their order, and lookups through sdcv."""

from __future__ import annotations

import itertools
import shutil
import struct
import subprocess
from pathlib import Path

import pytest

from glossary.exporters import ExportOptions, stardict
from glossary.model import Term
from glossary.termfile import store
from tests.conftest import SHIPPED

NAME = "sino-russian-military-cooperation"


@pytest.fixture(scope="module")
def files() -> dict[str, bytes]:
    glossary = store.load([SHIPPED])
    return stardict.export(glossary.terms, ExportOptions(title=glossary.title))


def read_idx(data: bytes) -> list[tuple[bytes, int, int]]:
    out = []
    at = 0
    while at < len(data):
        end = data.index(b"\0", at)
        offset, size = struct.unpack(">II", data[end + 1 : end + 9])
        out.append((data[at:end], offset, size))
        at = end + 9
    return out


def read_syn(data: bytes) -> list[tuple[bytes, int]]:
    out = []
    at = 0
    while at < len(data):
        end = data.index(b"\0", at)
        (index,) = struct.unpack(">I", data[end + 1 : end + 5])
        out.append((data[at:end], index))
        at = end + 5
    return out


def ifo(files: dict[str, bytes]) -> dict[str, str]:
    lines = files[f"{NAME}.ifo"].decode("utf-8").splitlines()
    assert lines[0] == "StarDict's dict ifo file"
    return dict(line.split("=", 1) for line in lines[1:])


def stardict_order(words: list[bytes]) -> bool:
    """Tell whether ``words`` are in g_ascii_strcasecmp-then-strcmp order, written out."""

    def compare(a: bytes, b: bytes) -> int:
        fold = (
            bytes(c + 32 if 65 <= c <= 90 else c for c in a),
            bytes(c + 32 if 65 <= c <= 90 else c for c in b),
        )
        if fold[0] != fold[1]:
            return -1 if fold[0] < fold[1] else 1
        return (a > b) - (a < b)

    return all(compare(a, b) <= 0 for a, b in itertools.pairwise(words))


def test_files_are_named_after_the_title(files: dict[str, bytes]) -> None:
    assert sorted(files) == [f"{NAME}.{ext}" for ext in ("dict", "idx", "ifo", "syn")]


def test_untitled_export_is_named_glossary() -> None:
    got = stardict.export([Term(zh="背靠背", en=("back to back",))], ExportOptions())
    assert sorted(got) == ["glossary.dict", "glossary.idx", "glossary.ifo", "glossary.syn"]


def test_ifo_counts_and_sizes(files: dict[str, bytes]) -> None:
    info = ifo(files)
    idx = read_idx(files[f"{NAME}.idx"])
    syn = read_syn(files[f"{NAME}.syn"])
    assert info["version"] == "3.0.0"
    assert info["bookname"] == "Sino-Russian military cooperation"
    assert info["sametypesequence"] == "m"
    assert int(info["wordcount"]) == len(idx) == len(store.load([SHIPPED]).terms)
    assert int(info["synwordcount"]) == len(syn)
    assert int(info["idxfilesize"]) == len(files[f"{NAME}.idx"])


def test_idx_and_syn_are_sorted_and_consistent(files: dict[str, bytes]) -> None:
    idx = read_idx(files[f"{NAME}.idx"])
    syn = read_syn(files[f"{NAME}.syn"])
    assert stardict_order([w for w, _, _ in idx])
    assert stardict_order([w for w, _ in syn])
    dict_data = files[f"{NAME}.dict"]
    assert sum(size for _, _, size in idx) == len(dict_data)
    assert all(offset + size <= len(dict_data) for _, offset, size in idx)
    assert all(0 <= i < len(idx) for _, i in syn)
    assert len(set(syn)) == len(syn)
    assert not [w for w, i in syn if w == idx[i][0]]


def test_synonyms_point_at_their_term(files: dict[str, bytes]) -> None:
    idx = read_idx(files[f"{NAME}.idx"])
    syn = dict(read_syn(files[f"{NAME}.syn"]))
    for synonym in (
        "sangushili",
        "san gu shi li",
        "san1gu3shi4li4",
        "three evil forces",
        "三股勢力",
    ):
        assert idx[syn[synonym.encode()]][0] == "三股势力".encode()


def test_sorting_folds_ascii_case_only() -> None:
    terms = [
        Term(zh="b", en=("x",)),
        Term(zh="B", en=("y",)),
        Term(zh="a", en=("z",)),
        Term(zh="É", en=("w",)),
    ]
    words = [w for w, _, _ in read_idx(stardict.export(terms, ExportOptions())["glossary.idx"])]
    assert words == [b"a", b"B", b"b", "É".encode()]


def test_article_is_labelled_lines() -> None:
    term = Term(
        zh="三股势力",
        en=("three evil forces", "three forces"),
        pinyin="sān gǔ shìlì",
        avoid=("three evils",),
        definition="Terrorism,\nseparatism and extremism.",
        tags=("security", "sco"),
    )
    assert stardict.article(term).splitlines() == [
        "Pinyin: sān gǔ shìlì",
        "English: three evil forces; three forces",
        "Avoid: three evils",
        "Definition: Terrorism, separatism and extremism.",
        "Tags: security, sco",
    ]


needs_sdcv = pytest.mark.skipif(
    shutil.which("sdcv") is None, reason="sdcv is not installed (apt-get install sdcv)"
)


@needs_sdcv
@pytest.mark.parametrize("query", ["三股势力", "sangushili", "三股勢力", "three evil forces"])
def test_sdcv_finds_the_term(files: dict[str, bytes], tmp_path: Path, query: str) -> None:
    folder = tmp_path / "dic"
    folder.mkdir()
    for name, data in files.items():
        (folder / name).write_bytes(data)
    answer = subprocess.run(
        ["sdcv", "-n", "--data-dir", str(folder), query],
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=True,
        timeout=30,
    ).stdout
    assert "-->三股势力" in answer
    assert "Definition: Terrorism, separatism and extremism" in answer
    assert "Pinyin: sān gǔ shìlì" in answer
