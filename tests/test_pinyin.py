"""Pinyin parsing and matching, on readings from the shipped glossary."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from glossary import pinyin


@pytest.mark.parametrize(
    ("stored", "letters", "starts", "initials"),
    [
        ("sān gǔ shìlì", "sangushili", [0, 3, 5, 8, 10], "sgsl"),
        ("Zhōng-É zhànlüè", "zhongezhanlue", [0, 5, 6, 10, 13], "zezl"),
        ("Xī'ān", "xian", [0, 2, 4], "xa"),
        ("xiān", "xian", [0, 4], "x"),
        ("kōngdì yītǐ", "kongdiyiti", [0, 4, 6, 8, 10], "kdyt"),
        ("Kōngtiān Ānquán-2017", "kongtiananquan", [0, 4, 8, 10, 14], "ktaq"),
        ("yìdiǎnr", "yidianr", [0, 2, 7], "yd"),
        ("S-400 fángkōng", "sfangkong", [0, 1, 5, 9], "sfk"),
    ],
)
def test_parse_reading(stored: str, letters: str, starts: list[int], initials: str) -> None:
    reading = pinyin.parse_reading(stored)
    assert reading.letters == letters
    assert sorted(reading.starts) == starts
    assert reading.initials == initials


def test_unmarked_syllable_is_neutral_and_unmarked_reading_is_unknown() -> None:
    assert pinyin.parse_reading("dìqū de").tones[-1] == 5
    assert set(pinyin.parse_reading("san gu").tones) == {0}


@pytest.mark.parametrize(
    ("typed", "fits"),
    [
        ("sangushili", True),
        ("san gu", True),
        ("sān gǔ", True),
        ("san1gu3", True),
        ("san1 gu3 shi4 li4", True),
        ("shi4li4", True),
        ("sgsl", False),  # initials are matched separately
        ("san3", False),
        ("sa ngu", False),
        ("angu", False),
        ("sān gù", False),
    ],
)
def test_find(typed: str, fits: bool) -> None:
    query = pinyin.parse_query(typed)
    assert query is not None
    found = pinyin.find(pinyin.parse_reading("sān gǔ shìlì"), query)
    assert (found is not None) == fits


@pytest.mark.parametrize("typed", ["zhanlüe", "zhanlve", "zhan4lu:e4", "zhànlüè", "ZHANLUE"])
def test_u_umlaut_in_every_form(typed: str) -> None:
    query = pinyin.parse_query(typed)
    assert query is not None
    assert pinyin.find(pinyin.parse_reading("zhànlüè"), query) == 0


def test_apostrophe_and_space_pin_a_syllable_break() -> None:
    xian = pinyin.parse_reading("xiān")
    xi_an = pinyin.parse_reading("Xī'ān")
    split = pinyin.parse_query("xi'an")
    joined = pinyin.parse_query("xian")
    assert split is not None and joined is not None
    assert pinyin.find(xi_an, split) == 0 and pinyin.find(xian, split) is None
    assert pinyin.find(xi_an, joined) == 0 and pinyin.find(xian, joined) == 0


@pytest.mark.parametrize("typed", ["三股", "sangu!", "three, evil", "", "   ", "6"])
def test_not_pinyin(typed: str) -> None:
    assert pinyin.parse_query(typed) is None


@given(st.text(max_size=40))
def test_parse_query_never_raises(text: str) -> None:
    query = pinyin.parse_query(text)
    if query is not None:
        assert query.letters and query.letters.isascii()
        assert all(0 < b < len(query.letters) for b in query.breaks)
        assert all(0 <= i < len(query.letters) for i, _ in query.tone_at)


@given(st.text(max_size=40))
def test_parse_reading_never_raises(text: str) -> None:
    reading = pinyin.parse_reading(text)
    assert len(reading.tones) == len(reading.letters)
    assert len(reading.letters) in reading.starts


@given(
    st.lists(
        st.text(alphabet="ZhōngÉzhànlüèsangǔ'- 3\n\u0301ǅß", max_size=12) | st.text(max_size=8),
        max_size=6,
    )
)
def test_the_keys_of_many_readings_are_those_of_each(readings: list[str]) -> None:
    letters, initials = pinyin.search_keys_of(readings)
    assert list(zip(letters, initials, strict=True)) == [pinyin.search_keys(r) for r in readings]


@given(st.lists(st.sampled_from(sorted(pinyin._SYLLABLES)), min_size=1, max_size=5))
def test_syllables_with_tone_numbers_fit_their_marked_reading(syllables: list[str]) -> None:
    marked = " ".join(_mark(s, 4) for s in syllables)
    numbered = "".join(f"{s}4" for s in syllables)
    query = pinyin.parse_query(numbered)
    assert query is not None
    assert pinyin.find(pinyin.parse_reading(marked), query) == 0


def _mark(syllable: str, tone: int) -> str:
    """Put the tone mark where the rules put it: a/e, else the o of ou, else the last vowel."""
    marks = {"a": "āáǎà", "e": "ēéěè", "o": "ōóǒò", "i": "īíǐì", "u": "ūúǔù"}
    for vowel in ("a", "e"):
        if vowel in syllable:
            return syllable.replace(vowel, marks[vowel][tone - 1], 1)
    if "ou" in syllable:
        return syllable.replace("o", marks["o"][tone - 1], 1)
    i = max(syllable.rfind(v) for v in "iou")
    return syllable[:i] + marks[syllable[i]][tone - 1] + syllable[i + 1 :]


def test_count_hanzi_ignores_latin_and_digits() -> None:
    assert pinyin.count_hanzi("S-400防空导弹系统") == 6
