"""glossary browse, driven through Textual's test pilot (see test_browse_pty.py for the
app under a real pseudo-terminal)."""

from __future__ import annotations

import asyncio
import os
from collections.abc import Callable, Coroutine, Iterator
from pathlib import Path
from typing import Any

import pytest

from glossary import paths
from glossary.cli import browse_view
from glossary.cli.browse_app import Browser, Request, ResultList
from glossary.layers import Glossaries
from tests.conftest import SMALL
from tests.test_layers import DICT
from tests.xserver import MISSING, XServer, needs_x, start_xvfb

Test = Callable[[Any, Browser], Coroutine[Any, Any, None]]


def drive(app: Browser, test: Test, size: tuple[int, int] = (120, 30)) -> int | None:
    """Run ``app`` headless, do ``test`` with its pilot, and give the app's exit code."""

    async def main() -> None:
        async with app.run_test(size=size) as pilot:
            await test(pilot, app)

    asyncio.run(main())
    return app.return_value


async def typed(pilot: Any, app: Browser, text: str, *, clear: bool = True) -> None:
    """Type ``text`` into the query line, key by key, and wait for its results."""
    if clear:
        await pilot.press("ctrl+u")
    await pilot.press(*text)
    await shown(pilot, app, Request(app.query_one("#query").value, app.mode, app.tags))


async def shown(pilot: Any, app: Browser, request: Request) -> None:
    for _ in range(1000):
        await pilot.pause(0.01)
        if app.shown == request:
            return
    raise AssertionError(f"results for {request} never shown; showing {app.shown}")


def browser(files: list[Path], **kw: Any) -> Browser:
    sources = [Glossaries(files, os.environ), *kw.pop("more", [])]
    kw.setdefault("writable", files[0])
    return Browser(sources, kw.pop("scheme", "none"), kw.pop("env", os.environ), **kw)


def firsts(app: Browser) -> list[str]:
    return [r.term.zh for r in app.results]


def test_typing_shows_the_term_first_at_each_step_on_the_shipped_glossary() -> None:
    async def test(pilot: Any, app: Browser) -> None:
        for text in ("sangu", "三股", "three ev"):
            await typed(pilot, app, text)
            assert firsts(app)[0] == "三股势力", text
            detail = str(app.query_one("#detail").render())
            assert "three evil forces" in detail and "shipped glossary" in detail
            status = str(app.query_one("#status").render())
            assert status.startswith(f"{len(app.results)} result")

    assert drive(browser([paths.shipped_path()], writable=None), test) is None


def test_every_keystroke_looks_up_again(write) -> None:
    async def test(pilot: Any, app: Browser) -> None:
        await typed(pilot, app, "b")
        await typed(pilot, app, "ei", clear=False)
        assert firsts(app) == ["背靠背"]
        await pilot.press("backspace", "backspace", "backspace")
        await shown(pilot, app, Request("", "all", ()))
        assert app.results == []
        assert "type to search" in str(app.query_one("#status").render())

    drive(browser([write("terms.yaml", SMALL)]), test)


def test_arrows_move_the_selection_and_the_entry_follows(write) -> None:
    async def test(pilot: Any, app: Browser) -> None:
        await typed(pilot, app, "en:forces")
        assert len(app.results) >= 2
        first, second = app.results[0].term.zh, app.results[1].term.zh
        assert first in str(app.query_one("#detail").render())
        await pilot.press("down")
        assert app.selected().term.zh == second
        assert second in str(app.query_one("#detail").render())
        await pilot.press("up", "up")
        assert app.selected().term.zh == first

    drive(browser([write("terms.yaml", SMALL + SECOND_FORCES)]), test)


SECOND_FORCES = """\
  - zh: 部队
    pinyin: bùduì
    en: [armed forces]
"""


def test_the_mode_key_cycles_what_the_query_is(write) -> None:
    async def test(pilot: Any, app: Browser) -> None:
        await typed(pilot, app, "beikaobei")
        assert firsts(app) == ["背靠背"]
        modes = []
        for _ in range(4):
            await pilot.press("ctrl+o")
            await shown(pilot, app, Request("beikaobei", app.mode, ()))
            modes.append((app.mode, firsts(app)))
        assert modes == [
            ("hanzi", []),
            ("pinyin", ["背靠背"]),
            ("English", []),
            ("all", ["背靠背"]),
        ]
        assert str(app.query_one("#mode").render()).startswith("all")

    drive(browser([write("terms.yaml", SMALL)]), test)


def test_the_tag_filter_narrows_and_escape_there_only_cancels(write) -> None:
    async def test(pilot: Any, app: Browser) -> None:
        await typed(pilot, app, "s")
        assert {"三股势力", "特殊友军"} <= set(firsts(app))
        await pilot.press("ctrl+t", *"military", "enter")
        await shown(pilot, app, Request("s", "all", ("military",)))
        assert firsts(app) == ["特殊友军"]
        assert "tag: military" in str(app.query_one("#status").render())
        await pilot.press("ctrl+t", "escape")  # cancels the question, quits nothing
        await pilot.pause()
        assert app.is_running and app.tags == ("military",)
        await pilot.press("ctrl+t", "ctrl+u", "enter")  # empty: every tag again
        await shown(pilot, app, Request("s", "all", ()))
        assert len(app.results) > 1

    drive(browser([write("terms.yaml", SMALL)]), test)


def test_a_tag_given_at_the_start_lists_its_terms_at_once(write) -> None:
    async def test(pilot: Any, app: Browser) -> None:
        await shown(pilot, app, Request("", "all", ("sco",)))
        assert firsts(app) == ["三股势力"]

    drive(browser([write("terms.yaml", SMALL)], tags=["sco"]), test)


@pytest.mark.parametrize("keys", [["escape"], ["ctrl+c"], ["enter", "q"], ["enter", "escape"]])
def test_quit_keys_end_with_exit_code_zero(write, keys) -> None:
    async def test(pilot: Any, app: Browser) -> None:
        await typed(pilot, app, "sangu")
        await pilot.press(*keys)
        await pilot.pause()
        assert not app.is_running

    assert drive(browser([write("terms.yaml", SMALL)]), test) in (None, 0)


def test_in_the_results_letters_act_and_other_characters_go_back_to_the_query(write) -> None:
    async def test(pilot: Any, app: Browser) -> None:
        await typed(pilot, app, "bei")
        await pilot.press("enter")
        assert isinstance(app.focused, ResultList)
        await pilot.press("k")  # no key of the list: typed into the query
        await shown(pilot, app, Request("beik", "all", ()))
        assert app.focused is app.query_one("#query")
        await pilot.press("enter", "m")  # a key of the list
        assert app.mode == "hanzi"
        await pilot.press("slash")
        assert app.focused is app.query_one("#query")

    drive(browser([write("terms.yaml", SMALL)]), test)


def test_keys_that_do_not_apply_are_shown_disabled(write) -> None:
    async def test(pilot: Any, app: Browser) -> None:
        assert app.check_action("edit", ()) is None  # nothing selected
        await typed(pilot, app, "sangu")
        assert app.check_action("copy_markdown", ()) is True
        assert app.check_action("add", ()) is None  # already in a glossary
        assert app.check_action("edit", ()) is (app.selected().source.writable or None)

    drive(browser([write("terms.yaml", SMALL)]), test)
    drive(browser([paths.shipped_path()], writable=None), test)  # read-only: no edit


def test_a_dictionary_word_is_added_to_the_glossary(write, tmp_path) -> None:
    async def test(pilot: Any, app: Browser) -> None:
        await typed(pilot, app, "strike")
        chosen = app.selected()
        assert (chosen.term.zh, chosen.source.name) == ("打击", "test dictionary")
        assert "a adds it to your glossary" in str(app.query_one("#detail").render())
        assert app.check_action("add", ()) is True
        await pilot.press("enter", "a")
        await shown(pilot, app, Request("strike", "all", ()))
        assert app.selected().source.name == "terms.yaml"  # now found in the glossary

    drive(browser([write("terms.yaml", SMALL)], more=[DICT]), test)
    text = (tmp_path / "terms.yaml").read_text(encoding="utf-8")
    assert "- zh: 打击" in text and "to strike" in text


def test_editing_needs_a_terminal_to_hand_over(write) -> None:
    async def test(pilot: Any, app: Browser) -> None:
        await typed(pilot, app, "sangu")
        await pilot.press("enter", "e")
        await pilot.pause()
        assert app.is_running  # told, not crashed (test_browse_pty.py runs an editor)

    drive(browser([write("terms.yaml", SMALL)]), test)


def test_the_entry_goes_below_the_list_on_a_narrow_terminal(write) -> None:
    async def test(pilot: Any, app: Browser) -> None:
        main = app.query_one("#main")
        assert not main.has_class("narrow")
        await pilot.resize_terminal(70, 30)
        await pilot.pause()
        assert main.has_class("narrow")
        results, entry = app.query_one("#results"), app.query_one("#entry")
        assert entry.region.y > results.region.y
        await pilot.resize_terminal(130, 30)
        await pilot.pause()
        assert not main.has_class("narrow")

    drive(browser([write("terms.yaml", SMALL)]), test)


def test_tones_are_coloured_unless_no_color_and_the_match_is_underlined(write) -> None:
    stack = [Glossaries([write("terms.yaml", SMALL)], os.environ)]
    from glossary import live

    query = live.query_for("sangu")
    found = live.search_as_typed(stack, "sangu", "all", (), 5)
    (row,) = browse_view.rows(found, query, "pleco")
    colours = {str(span.style) for span in row.spans}
    assert "#e30000" in colours and "#1510f0" in colours  # tones 1 and 3, as Pleco has them
    assert any("underline" in c for c in colours)
    (plain,) = browse_view.rows(found, query, "none")
    assert not any("#" in str(span.style) for span in plain.spans)
    assert row.plain.endswith("· terms.yaml")


def test_control_characters_of_a_glossary_never_reach_the_screen(write) -> None:
    hostile = (
        'terms:\n  - zh: 恶意\n    en: ["evil \\e[2J\\e]0;pwned\\a"]\n    definition: "x\\u202ey"\n'
    )
    stack = [Glossaries([write("terms.yaml", hostile)], os.environ)]
    from glossary import live

    (found,) = live.search_as_typed(stack, "恶意", "all", (), 5)
    safe = browse_view.safe_result(found)
    shown = browse_view.entry(safe, "none").plain + browse_view.rows([safe], None, "none")[0].plain
    assert "\x1b" not in shown and "\x07" not in shown and "\u202e" not in shown
    assert "evil \\x1b[2J" in shown


@pytest.fixture(scope="module")
def x() -> Iterator[XServer]:
    if MISSING:
        pytest.skip(f"{' and '.join(MISSING)} not installed (apt-get install xvfb xclip)")
    yield from start_xvfb()


@needs_x
def test_the_copy_keys_put_the_entry_on_the_real_clipboard(x, write, monkeypatch) -> None:
    async def test(pilot: Any, app: Browser) -> None:
        await typed(pilot, app, "特殊")
        await pilot.press("enter", "y")
        await pilot.pause()
        assert x.paste() == "special friendly armies"
        await pilot.press("c")
        await pilot.pause()
        assert (
            x.paste()
            == "**特殊友军** *tèshū yǒujūn* — special friendly armies\n\n- **Tags:** military\n"
        )

    monkeypatch.setenv("DISPLAY", x.display)  # xclip, run by pyperclip, reads it
    drive(browser([write("terms.yaml", SMALL)], env=os.environ), test)


def test_without_a_clipboard_tool_copying_goes_through_the_terminal(write, tmp_path) -> None:
    async def test(pilot: Any, app: Browser) -> None:
        await typed(pilot, app, "特殊")
        await pilot.press("enter", "y")
        await pilot.pause()

    env = {**os.environ, "PATH": str(tmp_path), "DISPLAY": ":0"}
    app = browser([write("terms.yaml", SMALL)], env=env)
    drive(app, test)
    assert app.messages == [
        "copied 'special friendly armies' through the terminal (no clipboard tool found)"
    ]


def test_a_query_typed_again_is_answered_anew_once_the_glossary_changed(write) -> None:
    path = write("terms.yaml", SMALL)

    async def test(pilot: Any, app: Browser) -> None:
        await typed(pilot, app, "strike")
        assert app.results == []
        await typed(pilot, app, "bei")
        kept = app.results
        await typed(pilot, app, "beik")
        await pilot.press("backspace")  # "bei" again: the answer kept is shown
        await shown(pilot, app, Request("bei", "all", ()))
        assert app.results == kept
        path.write_text(SMALL + "  - zh: 打击\n    pinyin: dǎjī\n    en: [to strike]\n", "utf-8")
        await typed(pilot, app, "strike")
        assert firsts(app) == ["打击"]

    drive(browser([path]), test)
