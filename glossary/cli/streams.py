"""The standard streams as the commands use them: input read as text, one-line messages."""

from __future__ import annotations

import sys
from pathlib import Path

from glossary.errors import GlossaryFileError, display_path


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


def speak_utf8() -> None:
    """Write UTF-8 whatever the locale says (a C or ASCII locale would fail on hanzi)."""
    for stream, errors in ((sys.stdout, "strict"), (sys.stderr, "backslashreplace")):
        encoding = (getattr(stream, "encoding", None) or "").replace("-", "").lower()
        if encoding != "utf8" and hasattr(stream, "reconfigure"):
            stream.reconfigure(encoding="utf-8", errors=errors)
