"""The layers the reading modes look up through: each result says where it comes from."""

from __future__ import annotations

import os
from pathlib import Path

from glossary import layers, paths, search
from glossary.layers import DICTIONARY, GLOSSARY, Glossaries, Result, Source, Word
from glossary.model import Term
from glossary.search import Match, Query
from tests.conftest import SMALL

SECOND = """\
terms:
  - zh: 势力
    pinyin: shìlì
    en: [forces]
  - zh: 三股势力
    pinyin: sān gǔ shìlì
    en: [three evil forces]
"""


class Dictionary:
    """A dictionary layer as a later one will be: terms of its own, ranked by the
    glossary's own ranking, under a source of kind "dictionary"."""

    def __init__(self, terms: list[Term]):
        self.terms = terms
        self.source = Source("test dictionary", DICTIONARY)

    def search(self, query: Query, limit: int | None) -> list[Result]:
        return [Result(m, self.source) for m in search.rank(self.terms, query, limit)]

    def named(self, text: str) -> Result | None:
        for t in self.terms:
            if text in (t.zh, t.traditional):
                return Result(Match(t, 100.0, "zh", text, t.pinyin or ""), self.source)
        return None

    def state(self) -> object:
        return len(self.terms)

    def words(self, text: str) -> list[Word]:
        found = []
        for t in self.terms:
            at = text.find(t.zh)
            if at >= 0:
                match = Match(t, 100.0, "zh", t.zh, t.pinyin or "")
                found.append(Word(at, at + len(t.zh), t.zh, Result(match, self.source)))
        return found


DICT = Dictionary(
    [
        Term(zh="打击", en=("to strike",), pinyin="dǎjī"),
        Term(zh="三股势力", en=("three forces (dictionary)",), pinyin="sān gǔ shìlì"),
        Term(zh="合作", en=("to cooperate",), pinyin="hézuò"),
    ]
)


def _glossaries(*files: Path) -> Glossaries:
    return Glossaries(list(files), os.environ)


def test_each_result_names_the_file_it_came_from(write) -> None:
    first, second = write("terms.yaml", SMALL), write("more.yaml", SECOND)
    found = layers.look_up([_glossaries(first, second)], search.parse_query("shili"), 10)
    by_file = {(r.term.zh, r.source.name) for r in found}
    assert ("三股势力", "terms.yaml") in by_file
    assert ("势力", "more.yaml") in by_file
    assert all(r.source.kind == GLOSSARY and r.source.writable for r in found)
    assert {r.source.path for r in found} == {first, second}


def test_a_result_knows_its_line_and_reading(write) -> None:
    path = write("terms.yaml", SMALL)
    (found,) = layers.look_up([_glossaries(path)], search.parse_query("背靠背"), 1)
    assert found.line == path.read_text(encoding="utf-8").splitlines().index("  - zh: 背靠背") + 1
    assert found.reading == "bèikàobèi"


def test_the_shipped_glossary_is_not_writable() -> None:
    (found,) = layers.look_up(
        [_glossaries(paths.shipped_path())], search.parse_query("三股势力"), 1
    )
    assert found.source.name == "shipped glossary"
    assert not found.source.writable


def test_a_lower_layer_comes_after_the_glossaries_and_repeats_nothing(write) -> None:
    stack = [_glossaries(write("terms.yaml", SMALL)), DICT]
    found = layers.look_up(stack, search.parse_query("三"), 10)
    assert [(r.term.zh, r.source.kind) for r in found] == [("三股势力", GLOSSARY)]
    found = layers.look_up(stack, search.parse_query("strike"), 10)
    assert [(r.term.zh, r.source.name) for r in found] == [("打击", "test dictionary")]


def test_the_limit_counts_every_layer(write) -> None:
    stack = [_glossaries(write("terms.yaml", SMALL)), DICT]
    query = search.parse_query("en:forces")
    assert len(layers.look_up(stack, query, 1)) == 1
    assert layers.look_up(stack, query, None)[0].source.kind == GLOSSARY


def test_named_takes_the_first_layer_that_has_the_headword(write) -> None:
    stack = [_glossaries(write("terms.yaml", SMALL)), DICT]
    assert layers.named(stack, "三股勢力").source.kind == GLOSSARY  # traditional form
    assert layers.named(stack, "合作").source.kind == DICTIONARY
    assert layers.named(stack, "没有") is None


def test_a_text_is_read_in_order_with_a_lower_layer_filling_the_gaps(write) -> None:
    stack = [_glossaries(write("terms.yaml", SMALL)), DICT]
    words = layers.read_text(stack, "双方打击三股势力，背靠背合作。")
    assert [(w.text, w.result.source.kind) for w in words] == [
        ("打击", DICTIONARY),
        ("三股势力", GLOSSARY),
        ("背靠背", GLOSSARY),
        ("合作", DICTIONARY),
    ]
    assert [w.start for w in words] == [2, 4, 9, 12]


def test_words_are_found_again_after_the_glossary_changes(write) -> None:
    path = write("terms.yaml", SMALL)
    glossaries = _glossaries(path)
    assert [w.text for w in glossaries.words("打击三股势力")] == ["三股势力"]
    write("terms.yaml", SMALL + "  - zh: 打击\n    pinyin: dǎjī\n    en: [to combat]\n")
    assert [w.text for w in glossaries.words("打击三股势力")] == ["打击", "三股势力"]
