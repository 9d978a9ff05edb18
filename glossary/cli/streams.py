"""The standard streams as the commands use them: input read as text, output that says
when it cannot be written, one-line messages."""

from __future__ import annotations

import io
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from glossary.errors import GlossaryFileError, display_path

if TYPE_CHECKING:
    from _typeshed import ReadableBuffer


#: What ``-o`` takes to mean stdout, as ``-`` means stdin for the inputs.
STDOUT = "-"


class OutputError(GlossaryFileError):
    """Standard output cannot be written: a full disk, a closed descriptor (exit 3)."""


class _Stdout(io.FileIO):
    """Standard output beneath its buffers: a write that fails raises :class:`OutputError`,
    which the error boundary says in one line. Once it has, what is left in the buffers is
    dropped (:meth:`drop`), so that the flush at exit fails no second time."""

    def __init__(self, closed: bool) -> None:
        super().__init__(1, "wb", closefd=False)
        self.closed_at_start = closed
        self.dropping = False

    def write(self, data: ReadableBuffer, /) -> int:
        if self.dropping:
            return len(memoryview(data))
        if self.closed_at_start:
            raise OutputError("cannot write the output: stdout is closed")
        try:
            return super().write(data)
        except BrokenPipeError:  # a reader that has had enough: the boundary's to handle
            raise
        except OSError as exc:
            raise OutputError(f"cannot write the output: {exc.strerror or exc}") from None

    def isatty(self) -> bool:
        return not self.closed_at_start and super().isatty()


def prepare_streams() -> None:
    """Set the standard streams up for a command, on either route into it.

    - A closed descriptor 0, 1 or 2 (``>&-``) is pointed at the null device, so that no
      file the command opens takes its number; a closed stdout then fails every write
      with :class:`OutputError`, a closed stderr is silent, a closed stdin reads nothing.
    - Stdout writes UTF-8 whatever the locale (a C or ASCII locale would fail on hanzi).
    """
    closed = [fd for fd in (0, 1, 2) if not _is_open(fd)]
    for fd in closed:
        null = os.open(os.devnull, os.O_RDWR)
        if null != fd:
            os.dup2(null, fd)
            os.close(null)
    raw = _Stdout(closed=1 in closed)
    sys.stdout = io.TextIOWrapper(
        io.BufferedWriter(raw), encoding="utf-8", line_buffering=raw.isatty()
    )
    if sys.stderr is None or 2 in closed:
        sys.stderr = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115 - for the process
    elif (sys.stderr.encoding or "").replace("-", "").lower() != "utf8":
        sys.stderr.reconfigure(encoding="utf-8", errors="backslashreplace")  # type: ignore[union-attr]


def drop_output() -> None:
    """Drop what is left to write to stdout, after it failed (see :class:`_Stdout`)."""
    raw = getattr(getattr(sys.stdout, "buffer", None), "raw", None)
    if isinstance(raw, _Stdout):
        raw.dropping = True


def _is_open(fd: int) -> bool:
    try:
        os.fstat(fd)
    except OSError:
        return False
    return True


def say(message: str) -> None:
    """Write one line for the person at the terminal, on stderr."""
    sys.stderr.write(message + "\n")
    sys.stderr.flush()


def count(n: int, noun: str) -> str:
    """Give ``n`` with ``noun``, plural unless it is one.

    >>> count(1, "term"), count(3, "term")
    ('1 term', '3 terms')
    """
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def read_input(source: str, limit: int) -> tuple[str, str]:
    """Give the text of ``source`` (a file, or - for stdin) and the name to show for it.

    Both are read as bytes, at most ``limit`` of them, and decoded alike, whatever the
    locale (see :func:`glossary.encoding.read_bounded` and ``decode_input``).
    """
    from glossary import encoding

    if source == "-":
        if sys.stdin is None:  # closed when the command started (<&-)
            raise GlossaryFileError(
                "cannot read <stdin>: it is closed", hint="pipe the text in, or give a file"
            )
        data = encoding.read_bounded(sys.stdin.buffer, "<stdin>", limit)
        return encoding.decode_input(data, "<stdin>"), "<stdin>"
    path = Path(source)
    shown = display_path(path)
    try:
        with open(path, "rb") as handle:
            data = encoding.read_bounded(handle, shown, limit)
    except FileNotFoundError:
        raise GlossaryFileError(
            f"no file {shown}", hint="give a file to read, or - for stdin"
        ) from None
    except OSError as exc:
        raise GlossaryFileError(f"cannot read {shown}: {exc.strerror}") from None
    return encoding.decode_input(data, shown), shown
