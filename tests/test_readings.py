"""Readings for new terms from the dictionary's words: the labelled set, `add`, `add
--from-dict` and `validate`."""

from __future__ import annotations

import itertools
import os
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import Result

from glossary import pinyin
from glossary.dictionary import readings

from .conftest import SHIPPED

pytestmark = pytest.mark.usefixtures("dictionary")

CASES = Path(__file__).parent / "data" / "readings.tsv"


def _cases(*groups: str) -> list[tuple[str, str, str]]:
    rows = [
        line.split("\t")
        for line in CASES.read_text(encoding="utf-8").splitlines()
        if line and not line.startswith("#")
    ]
    return [(kind, hanzi, reading) for group, kind, hanzi, reading in rows if group in groups]


def _syllables(reading: str) -> list[str]:
    parsed = pinyin.parse_reading(reading)
    cuts = sorted(parsed.starts)
    return [f"{parsed.letters[a:b]}{parsed.tones[a]}" for a, b in itertools.pairwise(cuts)]


def test_the_reading_set_is_broad() -> None:
    cases = _cases("dev", "heldout")
    kinds = [kind for kind, _, _ in cases]
    assert len(cases) >= 150
    assert kinds.count("polyphone") >= 60 and kinds.count("place") >= 25
    assert kinds.count("compound") * 3 >= len(cases)  # a third read word by word


@pytest.mark.parametrize("group", ["dev", "heldout"])
def test_the_dictionary_reads_new_terms_better_than_pypinyin_alone(group: str) -> None:
    reader = readings.reader(os.environ)
    assert reader is not None
    cases = _cases(group)
    ours = sum(_syllables(reader.generate(h)) == _syllables(r) for _, h, r in cases)
    alone = sum(_syllables(pinyin.generate(h)) == _syllables(r) for _, h, r in cases)
    assert ours / len(cases) >= 0.95
    assert ours > alone


@pytest.mark.parametrize(
    ("hanzi", "written"),
    [
        ("战略支援部队", "zhànlüè zhīyuán bùduì"),  # words joined, apart from each other
        ("中国人民解放军", "Zhōngguó Rénmín Jiěfàngjūn"),  # a name, capitalised
        ("西安", "Xī'ān"),  # an apostrophe before a syllable starting with a vowel
        ("银行行长", "yínháng hángzhǎng"),  # each 行 as its word reads it
        ("为人民服务", "wèi rénmín fúwù"),  # a dictionary phrase, written word by word
        ("一体化", "yītǐhuà"),  # citation tones, as the glossary writes them
        ("S-400防空导弹", "S-400 fángkōng dǎodàn"),  # Latin letters and digits kept
        ("任正非", "Rén Zhèngfēi"),  # a person's name: the surname's reading
    ],
)
def test_readings_are_written_as_the_glossary_writes_them(hanzi: str, written: str) -> None:
    assert readings.generator(os.environ)(hanzi) == written


def test_without_the_dictionary_pypinyin_reads_alone(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GLOSSARY_DICT", "none")
    assert readings.generator(os.environ)("战略支援部队") == "zhàn lüè zhī yuán bù duì"


def _glossary(write: Callable[..., Path]) -> Path:
    return write("terms.yaml", "title: Test\nterms:\n  - zh: 背靠背\n    en: [back to back]\n")


def test_add_takes_its_reading_from_the_dictionary(
    write: Callable[..., Path], run: Callable[..., Result]
) -> None:
    path = _glossary(write)
    added = run("add", "战略支援部队", "--en", "Strategic Support Force")
    assert added.exit_code == 0, added.stderr
    assert "pinyin generated, please check: zhànlüè zhīyuán bùduì" in added.stderr
    assert "    pinyin: zhànlüè zhīyuán bùduì\n" in path.read_text(encoding="utf-8")
    _glossary(write)  # a dry run is refused, as add is, for a headword already there
    added = run("add", "战略支援部队", "--en", "SSF", "--no-dict", "--dry-run")
    assert "pinyin generated, please check: zhàn lüè zhī yuán bù duì" in added.stderr


def test_add_from_the_dictionary(write: Callable[..., Path], run: Callable[..., Result]) -> None:
    path = _glossary(write)
    added = run("add", "摸着石头过河", "--from-dict")
    assert added.exit_code == 0, added.stderr
    shown = run("show", "摸着石头过河", "-f", "plain", "--no-dict").stdout
    assert "pinyin: mōzhe shítou" in shown
    assert "en: to wade across the river, feeling for footholds as one goes (idiom); " in shown
    assert "source: CC-CEDICT\n" in shown
    assert "traditional:" in shown  # generated (the dictionary's 著 form converts to 着 badly)
    assert run("validate", str(path), "--strict").exit_code == 0


def test_add_from_the_dictionary_with_a_preferred_rendering(
    write: Callable[..., Path], run: Callable[..., Result]
) -> None:
    _glossary(write)  # a dry run checks the glossary it would write to, as add does
    shown = run("add", "韬光养晦", "--from-dict", "--en", "keep a low profile", "--dry-run")
    assert shown.exit_code == 0
    assert shown.stdout.splitlines()[1:7] == [
        "    traditional: 韜光養晦",
        "    pinyin: tāoguāngyǎnghuì",
        "    en:",
        "      - keep a low profile",
        "      - to conceal one's strengths and bide one's time (idiom)",
        "      - to hide one's light under a bushel",
    ]
    assert "    source: CC-CEDICT" in shown.stdout


def test_add_from_the_dictionary_reads_headwords_from_stdin(
    write: Callable[..., Path], run: Callable[..., Result]
) -> None:
    path = _glossary(write)
    added = run("add", "-", "--from-dict", input="人权\t12\tthe rest\n# a comment\n\n山\n")
    assert added.exit_code == 0, added.stderr
    text = path.read_text(encoding="utf-8")
    assert "  - zh: 人权\n" in text and "  - zh: 山\n" in text
    assert "      - mountain\n      - hill\n" in text  # synonyms apart, no measure word


def test_add_from_the_dictionary_of_an_unknown_word(run: Callable[..., Result]) -> None:
    added = run("add", "韬光养晦乎", "--from-dict", "--dry-run")
    assert added.exit_code == 1
    assert "韬光养晦乎 is in none of the dictionaries" in added.stderr


def test_validate_checks_readings_against_the_dictionary(
    write: Callable[..., Path], run: Callable[..., Result]
) -> None:
    assert run("-g", str(SHIPPED), "validate", "--strict").exit_code == 0
    flagged = run("-g", str(SHIPPED), "validate", "--strict", "--no-dict")
    assert flagged.exit_code == 1  # pypinyin alone: 空 kōng and 不 bù look wrong to it
    assert "空 kong1 (generated kong4)" in flagged.stdout
    wrong = write(
        "wrong.yaml",
        "terms:\n  - zh: 银行\n    pinyin: yínxíng\n    en: [bank]\n"
        "  - zh: 行长\n    pinyin: xíngzhǎng\n    en: [bank president]\n    tags: [pinyin-checked]\n",
    )
    found = run("validate", str(wrong))
    assert "行 xing2 (generated hang2)" in found.stdout
    assert found.stdout.count("warning") == 1  # the checked one is not flagged
