"""Editing through the command line: renames, comments, merges, line ends, odd input."""

from __future__ import annotations

from pathlib import Path

import pytest

from glossary.termfile import store
from tests.conftest import SMALL


@pytest.fixture
def small(write) -> Path:
    return write("terms.yaml", SMALL)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--add-en", ""), "--add-en needs a value; an empty one adds nothing"),
        (("--add-en", "  "), "--add-en needs a value; an empty one adds nothing"),
        (("--add-tag", ""), "--add-tag needs a value; an empty one adds nothing"),
        (("--prefer", " "), "--prefer needs a rendering; an empty one is not one"),
    ],
)
def test_edit_refuses_an_empty_value_as_a_usage_error(run, small: Path, args, message) -> None:
    result = run("edit", "背靠背", *args)
    assert result.exit_code == 2
    assert result.stderr == f"glossary: error: {message}\n"
    assert small.read_text(encoding="utf-8") == SMALL


def test_edit_trims_what_it_adds_as_add_does(run, small: Path) -> None:
    result = run("edit", "背靠背", "--add-en", " side by side ", "--definition", " Both. ")
    assert result.exit_code == 0, result.stderr
    assert small.read_text(encoding="utf-8") == SMALL.replace(
        "    en: [back to back]\n",
        "    en:\n      - back to back\n      - side by side\n    definition: Both.\n",
    )
    term = store.load([small]).terms[-1]
    assert (term.en, term.definition) == (("back to back", "side by side"), "Both.")


CR_TEXT = (
    "title: t\r# a comment\rterms:\r  - zh: 背靠背  # kept\r    pinyin: bèikàobèi\r"
    "    en: back to back\r\r  - zh: 甲\r    en: [alpha]\r"
)


@pytest.mark.parametrize(
    "args",
    [
        ("add", "乙", "--en", "beta", "--pinyin", "yǐ", "--traditional", "乙"),
        ("edit", "甲", "--add-en", "a2", "--definition", "D"),
        ("edit", "背靠背", "--pinyin", "bèi kào bèi"),
        ("remove", "甲", "--yes"),
        ("remove", "背靠背", "--yes"),
    ],
)
def test_writes_keep_cr_line_ends(run, write, args) -> None:
    """A file with CR line ends is changed exactly as its LF twin is, and stays CR."""
    twin = write("twin.yaml", CR_TEXT.replace("\r", "\n"))
    assert run("-g", str(twin), *args).exit_code == 0
    path = write("terms.yaml", CR_TEXT.encode())
    result = run(*args)
    assert result.exit_code == 0, result.stderr
    after = path.read_bytes()
    assert after != CR_TEXT.encode()
    assert b"\n" not in after
    assert after == twin.read_bytes().replace(b"\n", b"\r")
    assert store.load([path]).terms == store.load([twin]).terms
