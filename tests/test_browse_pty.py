"""glossary browse as a person runs it: the console command in a real pseudo-terminal,
keys typed into it, the screen read back, and the terminal as it was after."""

from __future__ import annotations

import os
import re
import sys
import termios
import time
from pathlib import Path

import pexpect
import pytest

from tests.conftest import SMALL

# What an application that takes the whole screen sends to enter it and to leave it.
ALTERNATE_SCREEN_ON = b"\x1b[?1049h"
ALTERNATE_SCREEN_OFF = b"\x1b[?1049l"


# Escape sequences: control sequences (CSI), operating system commands (OSC), and the
# two-character ones. What is left of the output is the text the app drew.
_ESCAPES = re.compile(rb"\x1b(?:\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(?:\x07|\x1b\\)|.)")


class Terminal:
    """``glossary browse`` in a pseudo-terminal: keys sent to it, and the text it draws."""

    def __init__(self, folder: Path, **env: str):
        self.child = pexpect.spawn(
            sys.executable,
            ["-m", "glossary", "browse"],
            cwd=str(folder),
            env={**os.environ, "TERM": "xterm-256color", **env},
            dimensions=(30, 90),
            timeout=30,
        )
        self.raw = b""
        self.mark = 0  # where the output since the last key starts

    def drawn(self) -> str:
        """Give the text drawn since the last key was sent, without escape sequences."""
        return _ESCAPES.sub(b"", self.raw[self.mark :]).decode("utf-8", "replace")

    def shows(self, needle: str, timeout: float = 30.0) -> str:
        """Wait until ``needle`` is drawn after the last key; give what was drawn."""
        deadline = time.monotonic() + timeout
        while needle not in self.drawn():
            if time.monotonic() > deadline:
                raise AssertionError(f"{needle!r} not drawn; drew:\n{self.drawn()}")
            try:
                self.raw += self.child.read_nonblocking(65536, timeout=0.1)
            except pexpect.TIMEOUT:
                continue
        return self.drawn()

    def send(self, keys: str) -> None:
        """Send ``keys``, one at a time, as typed."""
        self.mark = len(self.raw)
        for key in keys:
            self.child.send(key)

    def ended(self) -> int:
        """Wait for the app to end; give its exit code."""
        self.child.expect(pexpect.EOF)
        self.raw += self.child.before or b""
        # The line discipline as the app left it (the master reads the slave's modes).
        self.local_modes = termios.tcgetattr(self.child.child_fd)[3]
        self.child.close()
        return int(self.child.exitstatus)


def spawn(folder: Path, **env: str) -> Terminal:
    terminal = Terminal(folder, **env)
    terminal.shows("type to search")
    return terminal


@pytest.fixture
def editor(tmp_path: Path) -> Path:
    """An editor that writes the arguments it was given to a file, and changes the entry."""
    script = tmp_path / "fake-editor"
    script.write_text(
        "#!/bin/sh\n"
        'printf "%s\\n" "$@" > "$(dirname "$0")/editor-args"\n'
        'file="$2"\n'
        "sed -i 's/back to back\\]/back to back, shoulder to shoulder]/' \"$file\"\n",
        encoding="utf-8",
    )
    script.chmod(0o755)
    return script


def test_browse_in_a_terminal_types_edits_and_leaves_it_as_it_was(write, tmp_path, editor):
    write("terms.yaml", SMALL)
    term = spawn(tmp_path, EDITOR=str(editor))
    try:
        assert ALTERNATE_SCREEN_ON in term.raw
        term.send("sangu")
        drawn = term.shows("1 result")
        assert "三股势力" in drawn and "three evil forces" in drawn and "· terms.yaml" in drawn
        term.send("\x15")  # Ctrl-U: the line is empty again
        term.shows("type to search")
        term.send("beikaobei")
        term.shows("Back-to-back deployment")
        term.send("\r")  # to the results, where single keys act
        term.shows("e Edit")
        term.send("e")  # the editor runs, then the app comes back
        term.shows("shoulder to shoulder")
        args = (tmp_path / "editor-args").read_text(encoding="utf-8").split("\n")
        assert args[0] == "+16"
        assert Path(args[1]) == tmp_path / "terms.yaml"
        term.send("q")
        assert term.ended() == 0
    finally:
        term.child.close(force=True)
    assert_restored(term)


def assert_restored(term: Terminal) -> None:
    """Check that the app left the terminal as it found it: the main screen back, the
    cursor shown, mouse reports and bracketed paste off, lines echoed and edited again."""
    after = term.raw[term.raw.rfind(ALTERNATE_SCREEN_ON) :]
    for undone in (ALTERNATE_SCREEN_OFF, b"\x1b[?25h", b"\x1b[?1000l", b"\x1b[?2004l"):
        assert undone in after, undone
    assert term.local_modes & termios.ECHO and term.local_modes & termios.ICANON


def test_ctrl_c_quits_with_exit_code_zero(write, tmp_path):
    write("terms.yaml", SMALL)
    term = spawn(tmp_path)
    try:
        term.send("三股")
        term.shows("three evil forces")
        term.mark = len(term.raw)
        term.child.sendintr()
        assert term.ended() == 0
    finally:
        term.child.close(force=True)
    assert_restored(term)


def test_browse_outside_a_terminal_says_so(run):
    result = run("browse")
    assert result.exit_code == 2
    assert result.stderr == (
        "glossary: error: browse needs a terminal; use glossary search in scripts\n"
    )


def test_an_unknown_mode_is_a_usage_error(run):
    result = run("browse", "--mode", "cantonese")
    assert result.exit_code == 2
    assert "use all, hanzi, pinyin or English" in result.stderr
