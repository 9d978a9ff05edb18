"""One definition of a hanzi (glossary.hanzi): pinyin, scan and extract agree on every
character, in the basic plane and beyond it."""

from __future__ import annotations

import pytest

from glossary import pinyin
from glossary.extract import extract
from glossary.model import Term
from glossary.scan import Scanner

#: Characters at the edges of the ranges and just outside them: whether each is a hanzi.
CHARS = {
    "野": True,
    "\u3400": True,  # extension A, first
    "\u9fff": True,  # unified ideographs, last
    "\uf9dc": True,  # compatibility ideograph (隆)
    "𠮷": True,  # U+20BB7, extension B: the 𠮷 of 𠮷野家 (Yoshinoya)
    "\U0002a6df": True,  # extension B, last
    "\U0002ebf0": True,  # extension I
    "\U0002f800": True,  # compatibility supplement
    "\U00030000": True,  # extension G, first
    "\U00031350": True,  # extension H, first
    "\U000323b0": True,  # extension J, first
    "〇": False,  # U+3007, a symbol
    "⼀": False,  # U+2F00, Kangxi radical
    "䷀": False,  # U+4DC0, a Yijing hexagram, between the unified blocks
    "ぁ": False,
    "\ue000": False,  # private use
    "\U0001f600": False,  # an emoji
    "\U00040000": False,  # plane 4
}
IDS = [f"U+{ord(c):04X}" for c in CHARS]


@pytest.mark.parametrize(("char", "hanzi"), CHARS.items(), ids=IDS)
def test_pinyin_counts_it(char: str, hanzi: bool) -> None:
    assert pinyin.has_hanzi(char) is hanzi
    assert pinyin.has_hanzi(char + " " * 300) is hanzi  # a long text: the pattern, not a loop
    assert pinyin.count_hanzi(f"{char}野家") == 2 + hanzi


@pytest.mark.parametrize(("char", "hanzi"), CHARS.items(), ids=IDS)
def test_scan_closes_a_gap_after_it_only_if_it_is_a_hanzi(char: str, hanzi: bool) -> None:
    scanner = Scanner([Term(zh=f"{char}野家", en=("Yoshinoya",))])
    assert len(scanner.find(f"开了{char}野家。")) == 1
    assert len(scanner.find(f"开了{char} 野家。")) == hanzi


@pytest.mark.parametrize(("char", "hanzi"), CHARS.items(), ids=IDS)
def test_extract_takes_it_into_a_term_only_if_it_is_a_hanzi(char: str, hanzi: bool) -> None:
    found = extract(f"The beef bowls of Yoshinoya ({char}野家) sell well.", "test")
    assert ((f"{char}野家", "Yoshinoya") in {(c.term.zh, c.term.en[0]) for c in found}) is hanzi
