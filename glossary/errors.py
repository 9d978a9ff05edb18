"""Errors the glossary expects, each carrying its exit code, location and hint.

The command line prints them as one line on stderr and exits with ``exit_code``;
nothing else in the package prints or exits.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import NamedTuple

EXIT_OK = 0
EXIT_NOT_FOUND = 1
EXIT_USAGE = 2
EXIT_BAD_FILE = 3


class Location(NamedTuple):
    """A place in a file: 1-based line and column."""

    path: str
    line: int = 1
    col: int = 1

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.col}"


def display_path(path: Path | str, *, follow: bool = True) -> str:
    """Give the path as the user would type it: relative to the working folder when inside it,
    and printable whatever bytes its name holds (a byte that is not UTF-8 shows as ``\\xe9``).
    With ``follow`` false, a symbolic link is named as itself, not as where it leads.

    >>> display_path(Path.cwd() / "terms.yaml"), display_path("caf\\udce9.yaml")
    ('terms.yaml', 'caf\\\\xe9.yaml')
    """
    p = Path(path)
    try:
        full = p.resolve() if follow else p.parent.resolve() / p.name
        shown = str(full.relative_to(Path.cwd().resolve()))
    except (ValueError, OSError, RuntimeError):  # RuntimeError: a symbolic link loop (3.11, 3.12)
        shown = str(p)
    # A name that is not UTF-8 comes from the file system as surrogate escapes, which no
    # output can write; shown as the bytes' escapes, it fits in any message.
    return shown.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


class GlossaryError(Exception):
    """An expected failure: a message, where it happened, and what to do about it."""

    exit_code = EXIT_BAD_FILE

    def __init__(self, message: str, *, where: Location | None = None, hint: str | None = None):
        super().__init__(message)
        self.message = message
        self.where = where
        self.hint = hint

    def __str__(self) -> str:
        text = f"{self.where}: error: {self.message}" if self.where else f"error: {self.message}"
        return f"{text}; {self.hint}" if self.hint else text


class GlossaryFileError(GlossaryError):
    """A glossary or input file that cannot be read or parsed (exit 3)."""

    exit_code = EXIT_BAD_FILE


class UsageError(GlossaryError):
    """Options or arguments that do not make sense together (exit 2)."""

    exit_code = EXIT_USAGE


class NotFoundError(GlossaryError):
    """Nothing matched what the user asked for (exit 1)."""

    exit_code = EXIT_NOT_FOUND


def did_you_mean(name: str, allowed: Sequence[str], what: str) -> str:
    """Give a hint naming the allowed word closest to ``name``, else all of them.

    >>> did_you_mean("defintion", ["zh", "definition"], "keys")
    "did you mean 'definition'?"
    """
    import difflib  # only when a name is wrong

    close = difflib.get_close_matches(name, allowed, n=1, cutoff=0.6)
    if close:
        return f"did you mean {close[0]!r}?"
    return f"allowed {what}: " + ", ".join(allowed)
