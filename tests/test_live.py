"""Search as you type: the mode, the word being typed, and lookups that keep up."""

from __future__ import annotations

import os
import threading

import pytest

from glossary import live, paths
from glossary.layers import Glossaries
from tests.conftest import SMALL


@pytest.fixture
def shipped() -> list[Glossaries]:
    return [Glossaries([paths.shipped_path()], os.environ)]


@pytest.mark.parametrize("typed", ["sangu", "三股", "three ev"])
def test_each_step_of_the_typing_finds_the_term_at_the_end(shipped, typed) -> None:
    firsts = [live.search_as_typed(shipped, typed[:n], "all", [], 20) for n in (3, len(typed))]
    assert firsts[-1][0].term.zh == "三股势力"
    if typed != "三股":
        assert firsts[0] and firsts[0][0].term.zh == "三股势力"


def test_a_search_of_the_same_words_takes_a_short_last_word_whole(shipped) -> None:
    from glossary import index, search

    assert not index.lookup([paths.shipped_path()], search.parse_query("three ev"), 5, os.environ)


def test_a_finished_short_word_is_not_a_prefix(write) -> None:
    stack = [Glossaries([write("terms.yaml", SMALL)], os.environ)]
    assert [r.term.zh for r in live.search_as_typed(stack, "back to", "all", [], 5)] == ["背靠背"]
    assert live.search_as_typed(stack, "three xy", "all", [], 5) == []


def test_the_mode_limits_where_the_query_is_looked_for(write) -> None:
    stack = [Glossaries([write("terms.yaml", SMALL)], os.environ)]
    assert live.search_as_typed(stack, "beikaobei", "English", [], 5) == []
    assert live.search_as_typed(stack, "beikaobei", "pinyin", [], 5)[0].term.zh == "背靠背"
    assert live.search_as_typed(stack, "en:back", "pinyin", [], 5)[0].term.zh == "背靠背"


def test_tags_narrow_the_results_even_with_nothing_typed(write) -> None:
    stack = [Glossaries([write("terms.yaml", SMALL)], os.environ)]
    assert [r.term.zh for r in live.search_as_typed(stack, "", "all", ["military"], 5)] == [
        "特殊友军"
    ]
    assert live.search_as_typed(stack, "三股", "all", ["military"], 5) == []
    assert live.search_as_typed(stack, "", "all", [], 5) == []
    assert live.search_as_typed(stack, "!!", "all", [], 5) == []


def test_latest_does_the_newest_request_and_drops_those_overtaken() -> None:
    started, release = threading.Event(), threading.Event()
    done: list[tuple[str, object]] = []
    finished = threading.Event()

    def work(request: str) -> str:
        if request == "first":
            started.set()
            release.wait(5)
        if request == "boom":
            raise ValueError("no")
        return request.upper()

    def deliver(request: str, answer: object) -> None:
        done.append((request, answer))
        if request in ("third", "boom"):
            finished.set()

    latest = live.Latest(work, deliver)
    try:
        latest.ask("first")
        assert started.wait(5)
        latest.ask("second")  # waits while first runs...
        latest.ask("third")  # ...and is overtaken
        release.set()
        assert finished.wait(5)
        assert done == [("first", "FIRST"), ("third", "THIRD")]
        finished.clear()
        latest.ask("boom")
        assert finished.wait(5)
        assert isinstance(done[-1][1], ValueError)
    finally:
        latest.stop()
