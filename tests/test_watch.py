"""glossary watch against a real clipboard: a private Xvfb, texts copied with xclip."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import SMALL
from tests.xserver import MISSING, Output, XServer, needs_x, start_xvfb, write_glossary

SENTENCE = "中俄双方共同打击三股势力，特殊友军背靠背。"


@pytest.fixture(scope="module")
def x() -> Iterator[XServer]:
    if MISSING:
        pytest.skip(f"{' and '.join(MISSING)} not installed (apt-get install xvfb xclip)")
    yield from start_xvfb()


class Watch:
    """A running ``glossary watch``, its output, and the clipboard it watches."""

    def __init__(self, x: XServer, folder: Path, *args: str):
        self.x = x
        self.process = subprocess.Popen(
            [sys.executable, "-m", "glossary", "watch", *args],
            cwd=folder,
            env=x.env(),
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            encoding="utf-8",
        )
        self.out = Output(self.process.stdout)
        self.err = Output(self.process.stderr)
        self.err.wait_for("watching the clipboard (xclip)")
        self.read = 0

    def copy(self, text: str | bytes, target: str | None = None) -> None:
        self.x.copy(text, target)

    def shows(self, needle: str) -> str:
        """Wait for ``needle`` in what is new on stdout; give what was new up to it."""
        try:
            end = self.out.wait_for(needle, after=self.read)
        except AssertionError as exc:
            raise AssertionError(f"{exc}\nstderr:\n{self.err.text}") from None
        new, self.read = self.out.text[self.read : end], end
        return new

    def stop(self) -> int:
        self.process.send_signal(signal.SIGINT)
        return self.process.wait(timeout=15)

    def close(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait()


@pytest.fixture
def watching(x, tmp_path) -> Iterator[callable]:
    write_glossary(tmp_path, SMALL)
    started: list[Watch] = []

    def start(*args: str) -> Watch:
        started.append(Watch(x, tmp_path, *args))
        return started[-1]

    yield start
    for w in started:
        w.close()


@needs_x
def test_a_copied_term_and_a_copied_sentence_are_looked_up(watching) -> None:
    w = watching()
    w.copy("三股势力")
    block = w.shows("\n\n")
    assert block.startswith("三股势力\n  三股势力 (三股勢力)  sān gǔ shìlì\n")
    assert "three evil forces; three forces" in block
    assert "from terms.yaml:3" in block
    w.copy(SENTENCE)
    block = w.shows("\n\n")
    lines = block.rstrip("\n").splitlines()
    assert lines[0] == SENTENCE
    assert [line.split()[0] for line in lines[1:]] == ["三股势力", "特殊友军", "背靠背"]
    assert "[terms.yaml]" in lines[1]
    assert w.stop() == 0


@needs_x
def test_what_was_there_before_repeats_and_other_texts_are_not_looked_up(x, watching) -> None:
    x.copy("背靠背")  # on the clipboard before the watch starts
    w = watching()
    w.copy("hello, no hanzi here")
    w.copy("特殊友军")
    assert w.shows("\n\n").startswith("特殊友军\n")
    w.copy("三股势力")
    w.shows("\n\n")
    w.copy("特殊友军")  # copied again: looked up once only
    w.copy(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", target="image/png")  # not text
    w.copy("背靠背")  # new to the watch: it was there before it started
    block = w.shows("\n\n")
    assert block.startswith("背靠背\n"), block
    assert w.stop() == 0
    assert w.out.text.count("特殊友军\n") == 1


@needs_x
def test_jsonl_gives_one_object_per_copy_and_append_keeps_a_log(watching, tmp_path) -> None:
    w = watching("--format", "jsonl", "--append", "log.jsonl")
    w.copy(SENTENCE)
    data = json.loads(w.shows("\n"))
    assert data["kind"] == "text" and data["text"] == SENTENCE
    assert [(d["zh"], d["start"], d["source"]) for d in data["words"]] == [
        ("三股势力", 8, "terms.yaml"),
        ("特殊友军", 13, "terms.yaml"),
        ("背靠背", 17, "terms.yaml"),
    ]
    w.copy("特殊友军")
    data = json.loads(w.shows("\n"))
    assert data["entry"]["id"] == "special-friendly-armies"
    assert w.stop() == 0
    log = (tmp_path / "log.jsonl").read_text(encoding="utf-8").splitlines()
    assert [json.loads(line)["kind"] for line in log] == ["text", "term"]


@needs_x
def test_markdown_snippets_and_a_long_copy_cut(watching, tmp_path) -> None:
    w = watching("--format", "md", "--append", "notes.md")
    w.copy("背靠背")
    assert w.shows("rear.\n\n") == (
        "**背靠背** *bèikàobèi* — back to back\n\n"
        "- **Context:** Back-to-back deployment means each side guards the other's rear.\n\n"
    )
    w.copy("三股势力" + "很" * 12_000)
    block = w.shows("forces\n\n")
    assert block.startswith("> 三股势力很很")
    assert "- **三股势力** *sān gǔ shìlì* — three evil forces" in block
    w2 = watching("--append", "notes.md")  # text to the screen, text to the log
    w2.copy("特殊友军" + "很" * 10_500)
    assert "only its first 10,000 characters were read" in w2.shows("read)\n")
    assert w.stop() == 0 and w2.stop() == 0
    notes = (tmp_path / "notes.md").read_text(encoding="utf-8")
    assert notes.startswith("**背靠背**") and "> 三股势力很很" in notes


@needs_x
def test_pinyin_is_looked_up_with_the_option(watching) -> None:
    w = watching("--pinyin")
    w.copy("sān gǔ shìlì")
    assert "三股势力" in w.shows("\n\n")
    assert w.stop() == 0


def test_without_a_clipboard_tool_the_message_says_what_to_install(
    run, monkeypatch, tmp_path
) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))  # no xclip, xsel or wl-paste anywhere
    monkeypatch.setenv("DISPLAY", ":0")
    result = run("watch")
    assert result.exit_code == 2
    assert result.stderr == (
        "glossary: error: no clipboard tool found; "
        "install xclip or xsel (X11), or wl-clipboard (Wayland)\n"
    )


def test_without_a_display_the_message_says_so(run, monkeypatch, tmp_path) -> None:
    tool = tmp_path / "xclip"
    tool.write_text("#!/bin/sh\n", encoding="utf-8")
    tool.chmod(0o755)
    monkeypatch.setenv("PATH", str(tmp_path))
    monkeypatch.delenv("DISPLAY", raising=False)
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
    result = run("watch")
    assert result.exit_code == 2
    assert "no display to reach the clipboard through" in result.stderr


def test_an_unknown_format_is_a_usage_error(run) -> None:
    result = run("watch", "--format", "table")
    assert result.exit_code == 2
    assert "use text, jsonl or md" in result.stderr


def test_no_control_character_of_a_copy_or_a_glossary_is_printed(tmp_path) -> None:
    from glossary import clips
    from glossary.cli.watching import lookup_text
    from glossary.layers import Glossaries

    hostile = 'terms:\n  - zh: 恶意\n    en: ["evil \\e[2J"]\n    definition: "x\\e]0;pwned\\ay"\n'
    stack = [Glossaries([write_glossary(tmp_path, hostile)], {**os.environ})]
    for copied in ("恶意", "他的恶意\x1b[31m很明显"):
        found = clips.look_up(stack, copied)
        for fmt in ("text", "md"):
            shown = lookup_text(found, fmt)
            assert "\x1b" not in shown and "\x07" not in shown, (fmt, shown)
            assert "\\x1b" in shown
