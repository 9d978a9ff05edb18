"""What watch makes of a copied text, without a clipboard: see test_watch.py for one."""

from __future__ import annotations

import os

import pytest

from glossary import clips
from glossary.layers import Glossaries
from tests.conftest import SMALL

SENTENCE = "中俄双方共同打击三股势力，特殊友军背靠背，三股势力不再。"


@pytest.fixture
def stack(write) -> list[Glossaries]:
    return [Glossaries([write("terms.yaml", SMALL)], os.environ)]


def test_a_copied_headword_gives_its_entry(stack) -> None:
    found = clips.look_up(stack, "  三股勢力\n")
    assert found.kind == clips.TERM
    assert found.entry is not None and found.entry.term.zh == "三股势力"
    assert found.text == "三股勢力"


def test_a_sentence_gives_its_known_words_in_reading_order_once_each(stack) -> None:
    found = clips.look_up(stack, SENTENCE)
    assert found.kind == clips.TEXT
    assert [(w.start, w.text) for w in found.words] == [
        (8, "三股势力"),
        (13, "特殊友军"),
        (17, "背靠背"),
    ]
    assert found.words[1].result.term.preferred == "special friendly armies"


def test_a_text_without_known_words_gives_none(stack) -> None:
    found = clips.look_up(stack, "今天天气很好。")
    assert (found.kind, found.words, found.entry) == (clips.TEXT, (), None)


def test_pinyin_is_looked_up_only_when_asked(stack) -> None:
    found = clips.look_up(stack, "sān gǔ shìlì", with_pinyin=True)
    assert found.kind == clips.PINYIN
    assert [w.result.term.zh for w in found.words] == ["三股势力"]
    assert clips.wanted("beikaobei", with_pinyin=True)
    assert not clips.wanted("beikaobei")
    assert not clips.wanted("see you later", with_pinyin=True)


def test_a_very_long_copy_is_cut(stack) -> None:
    text = "三股势力" + "很" * 20_000 + "背靠背"
    found = clips.look_up(stack, text)
    assert found.left_out == len(text) - clips.LONGEST
    assert len(found.text) == clips.LONGEST
    assert [w.text for w in found.words] == ["三股势力"]  # 背靠背 was in the part cut


def test_seen_remembers_texts_and_forgets_the_oldest() -> None:
    seen = clips.Seen(size=2)
    assert seen.first("一") and seen.first("二")
    assert not seen.first("一")
    assert seen.first("三")  # 二 is now the oldest, and is forgotten
    assert seen.first("二")
    assert not seen.first("三")


def test_printable_defuses_what_a_terminal_would_obey() -> None:
    shown = clips.printable("三\x1b]0;title\x07股\u202e势力\r\n")
    assert "\x1b" not in shown and "\x07" not in shown and "\u202e" not in shown
    assert shown.startswith("三\\x1b]0;title\\x07股")
