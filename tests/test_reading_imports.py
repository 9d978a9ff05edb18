"""Textual and pyperclip are loaded by browse and watch only: every other command starts
as fast as before (see test_architecture.py for the search path)."""

from __future__ import annotations

from pathlib import Path

from tests.test_architecture import SEARCH_SANGU, _modules_after, _top

ONLY_FOR_READING_MODES = {"textual", "pyperclip"}


def test_search_show_and_the_app_itself_load_neither_textual_nor_pyperclip(tmp_path: Path):
    show = "from glossary.cli.app import app\napp(['show', '三股势力'], standalone_mode=False)\n"
    for code in (SEARCH_SANGU, show):
        assert not _top(_modules_after(code, tmp_path)) & ONLY_FOR_READING_MODES


def test_the_core_of_the_reading_modes_loads_neither(tmp_path: Path):
    code = "import glossary.layers, glossary.clips, glossary.live\n"
    loaded = _top(_modules_after(code, tmp_path))
    assert "glossary" in loaded
    assert not loaded & (ONLY_FOR_READING_MODES | {"typer", "rich", "click"})


def test_browse_loads_textual(tmp_path: Path):
    code = "import glossary.cli.browse_app\n"
    assert "textual" in _top(_modules_after(code, tmp_path))


def test_a_plain_browse_starts_without_typer(tmp_path: Path):
    code = "from glossary.cli.entry import main\ntry:\n    main(['browse'])\nexcept SystemExit:\n    pass\n"
    loaded = _top(_modules_after(code, tmp_path))
    assert "glossary" in loaded
    assert not loaded & {"typer", "click", "textual"}  # no terminal: it stops before the app


def test_the_entry_reads_a_browse_command_line():
    from glossary.cli.entry import Request, read_command

    assert read_command(["browse"]) == Request("browse", "")
    assert read_command(["-g", "a.yaml", "browse", "-m", "pinyin", "-t", "sco"]) == Request(
        "browse", "", glossaries=(Path("a.yaml"),), tags=("sco",), mode="pinyin"
    )
    assert read_command(["browse", "sangu"]) is None  # browse takes no query: Typer says so
    assert read_command(["browse", "--limit", "3"]) is None
