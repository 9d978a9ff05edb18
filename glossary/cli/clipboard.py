"""The system clipboard, through pyperclip and the tool it drives: xclip, xsel or
wl-clipboard on Linux, pbcopy and pbpaste on macOS, the system's own on Windows.

pyperclip looks for a tool only when first used, and then says little about what is
missing; the tool is chosen here instead, so that the message names what to install.
"""

from __future__ import annotations

import shutil
import sys
from collections.abc import Mapping
from typing import Literal, NamedTuple

from glossary.errors import GlossaryError, UsageError

#: The clipboard tools, as pyperclip names them.
Tool = Literal["pbcopy", "windows", "wl-clipboard", "xclip", "xsel"]
#: Linux tools in the order they are tried: pyperclip's name, the program, and the
#: variable that says a display it can reach is there.
_LINUX: tuple[tuple[Tool, str, str], ...] = (
    ("wl-clipboard", "wl-paste", "WAYLAND_DISPLAY"),
    ("xclip", "xclip", "DISPLAY"),
    ("xsel", "xsel", "DISPLAY"),
)
INSTALL_HINT = "install xclip or xsel (X11), or wl-clipboard (Wayland)"


class ClipboardError(GlossaryError):
    """The clipboard could not be read or written (exit 3)."""


class Clipboard(NamedTuple):
    """The clipboard, through ``tool``."""

    tool: Tool

    def paste(self) -> str:
        """Give the text on the clipboard; '' when it holds something else (a picture) or
        text that is not valid in its encoding."""
        import pyperclip

        try:
            return str(pyperclip.paste() or "")
        except UnicodeDecodeError:
            return ""
        except pyperclip.PyperclipException as exc:
            raise ClipboardError(f"cannot read the clipboard with {self.tool}: {exc}") from None

    def copy(self, text: str) -> None:
        """Put ``text`` on the clipboard."""
        import pyperclip

        try:
            pyperclip.copy(text)
        except pyperclip.PyperclipException as exc:
            raise ClipboardError(f"cannot copy with {self.tool}: {exc}") from None


def choose_tool(env: Mapping[str, str], platform: str = sys.platform) -> Tool:
    """Give the name of the clipboard tool to use here (as pyperclip knows it); raise a
    usage error saying what to install, or what is missing, when there is none.

    >>> choose_tool({}, "darwin")
    'pbcopy'
    """
    if platform == "darwin":
        return "pbcopy"
    if platform in ("win32", "cygwin"):
        return "windows"
    found = [
        (name, var) for name, program, var in _LINUX if shutil.which(program, path=env.get("PATH"))
    ]
    if not found:
        raise UsageError("no clipboard tool found", hint=INSTALL_HINT)
    for name, var in found:
        if env.get(var):
            return name
    raise UsageError(
        "no display to reach the clipboard through (DISPLAY and WAYLAND_DISPLAY are unset)",
        hint="run it in a terminal of your desktop session",
    )


def open_clipboard(env: Mapping[str, str]) -> Clipboard:
    """Give the system clipboard; raise a usage error when it cannot be reached."""
    import pyperclip

    tool = choose_tool(env)
    pyperclip.set_clipboard(tool)
    return Clipboard(tool)
