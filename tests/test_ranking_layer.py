"""Ranking with the dictionary beneath the glossary and word frequencies on: the cases of
tests/data/ranking.tsv, and the rules that no frequency may break."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from glossary import paths
from glossary.dictionary import layers
from glossary.model import Origin, Term
from glossary.search import Match, parse_query

from .test_search import _ranking

pytestmark = pytest.mark.usefixtures("dictionary")


def _first_results(stack: layers.Stack, section: str) -> tuple[float, list[str]]:
    """Give the share of a section's cases whose first result is accepted, and the misses."""
    cases = _ranking(section)
    misses = []
    for query, expected in cases:
        found = stack.lookup(parse_query(query), 1).matches
        first = found[0].term.zh if found else "(nothing)"
        if first not in expected.split("|"):
            misses.append(f"{query!r}: {first}, expected {expected}")
    return 1 - len(misses) / len(cases), misses


@pytest.mark.parametrize("section", ["layer", "layer-heldout"])
def test_the_first_result_is_a_word_a_reader_expects(section: str) -> None:
    stack = layers.stack_for([paths.shipped_path()], True, os.environ)
    share, misses = _first_results(stack, section)
    assert len(_ranking(section)) >= 60
    assert share >= 0.9, misses


def test_a_cc_cedict_glossary_ranks_by_frequency_too(cedict_glossary: Path) -> None:
    """The 120,000-entry import as the user's own glossary, the dictionary layer off."""
    stack = layers.stack_for([cedict_glossary], False, os.environ)
    share, misses = _first_results(stack, "cedict")
    assert share == 1.0, misses
    for query, common in [("shi", "是"), ("xian4", "现线县限"), ("yi", "一")]:
        found = [m.term.zh for m in stack.lookup(parse_query(query), 3).matches]
        assert found[0] in common, found


def test_common_words_come_before_rare_characters_for_a_syllable() -> None:
    stack = layers.stack_for([paths.shipped_path()], True, os.environ)
    found = [m.term.zh for m in stack.lookup(parse_query("shi"), 10).matches]
    assert found[0] == "是"
    assert not {"浉", "〸", "䂖"} & set(found)


def _match(zh: str, score: float, field: str, origin: Origin) -> Match:
    return Match(Term(zh=zh, en=("x",)), score, field, "x", "shì", origin)


MINE = Origin("terms.yaml")
CEDICT = Origin("CC-CEDICT", "dictionary", "CC BY-SA 4.0")


def test_your_terms_outrank_the_dictionary_for_the_same_match_quality() -> None:
    stack = layers.stack_for([paths.shipped_path()], True, os.environ)
    found = [
        _match("是", 96.0, "pinyin", CEDICT),  # very common, an exact match
        _match("噬", 94.0, "pinyin", MINE),  # rare, yours, in the same band
        _match("是非", 88.0, "pinyin", MINE),  # yours, a worse match
    ]
    assert [m.term.zh for m in layers.ordered(found, stack, None)] == ["噬", "是", "是非"]


def test_latin_letters_and_symbols_never_outrank_hanzi_for_pinyin() -> None:
    stack = layers.stack_for([paths.shipped_path()], True, os.environ)
    found = [_match("〸", 96.0, "pinyin", MINE), _match("A", 96.0, "pinyin", MINE)]
    found.append(_match("亊", 76.0, "pinyin", CEDICT))  # a rare variant, a weak match
    assert layers.ordered(found, stack, None)[0].term.zh == "亊"
    english = _match("DVD", 97.0, "en", CEDICT)  # by its English: ranked as ever
    assert layers.ordered([found[2], english], stack, None)[0] is english


def test_without_frequencies_ties_go_to_the_shorter_headword(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("GLOSSARY_FREQUENCY", "none")
    stack = layers.stack_for([paths.shipped_path()], False, os.environ)
    found = [_match("是非", 96.0, "pinyin", MINE), _match("是", 96.0, "pinyin", MINE)]
    assert [m.term.zh for m in layers.ordered(found, stack, None)] == ["是", "是非"]
