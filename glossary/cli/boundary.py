"""The one error boundary: expected errors become one line on stderr and their exit code.

Both routes into a command, the fast path of :mod:`glossary.cli.entry` and every Typer
command (through :func:`glossary.cli.base.handle_errors`), run their work through
:func:`guarded`, so that an error, a closed pipe and Ctrl-C end alike whichever route ran.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable

from glossary.cli.streams import OutputError, drop_output, say
from glossary.errors import GlossaryError

#: The exit code of a command stopped by Ctrl-C, as shells give for SIGINT.
EXIT_INTERRUPTED = 130


def guarded(work: Callable[[], int], *, debug: bool) -> int:
    """Run ``work`` and give its exit code; give the exit code of an expected failure.

    - A :class:`GlossaryError` is said in one line (with a traceback first if ``debug``);
      output that cannot be written (a full disk, a closed stdout) is one such.
    - A closed pipe (``glossary search x | head -1``) is no error: exit 0, and stdout is
      pointed at nothing so that the flush at exit does not complain either.
    - Ctrl-C says "interrupted" and exits 130; writes are atomic, so nothing is half-written.
    """
    try:
        code = work()
        sys.stdout.flush()
        return code
    except GlossaryError as exc:
        if isinstance(exc, OutputError):
            drop_output()
        if debug:
            import traceback

            traceback.print_exc()
        say(f"glossary: {exc}")
        return exc.exit_code
    except BrokenPipeError:
        _silence_stdout()
        return 0
    except KeyboardInterrupt:
        say("glossary: interrupted")
        return EXIT_INTERRUPTED


def _silence_stdout() -> None:
    try:
        fileno = sys.stdout.fileno()
    except (OSError, ValueError):  # not a real file (a test runner's capture): nothing to do
        return
    devnull = os.open(os.devnull, os.O_WRONLY)
    try:
        os.dup2(devnull, fileno)
    finally:
        os.close(devnull)
