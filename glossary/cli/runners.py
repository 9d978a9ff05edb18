"""``glossary search`` and ``glossary scan`` themselves: both routes into them run these.

They are kept free of Typer, so that the fast path of :mod:`glossary.cli.entry` can run a
plain lookup without importing it.
"""

from __future__ import annotations

import contextlib
import os
import sys
import threading
from collections.abc import Iterator, Sequence
from pathlib import Path

from glossary import search as query_parser
from glossary.cli import render
from glossary.cli.streams import read_input, say
from glossary.errors import EXIT_NOT_FOUND, GlossaryError, display_path


def search(
    files: Sequence[Path],
    query: str,
    *,
    limit: int,
    tags: Sequence[str],
    fmt: str | None,
    tone_colors: str | None,
    use_dict: bool | None = None,
) -> int:
    """Run one search over the glossaries and, unless turned off (``use_dict``), the
    dictionaries beneath them; write its results; give the exit code. Raise
    GlossaryError."""
    from glossary.dictionary import layers

    chosen = render.choose_format(fmt, sys.stdout)
    scheme = render.choose_tone_colors(tone_colors, os.environ)
    parsed = query_parser.parse_query(query).with_tags(tags)
    stack = layers.stack_for(files, use_dict, os.environ, say)
    with indexing(files):
        found = stack.lookup(parsed, limit)
    if not found.matches:
        if found.problems:
            raise found.problems[0]
        say(f"glossary: nothing matches {query!r}")
        return EXIT_NOT_FOUND
    left_out(found.problems)
    sources = bool(stack.dictionaries)
    render.matches(found.matches, chosen, sys.stdout, parsed, scheme, sources=sources)
    return 0


def left_out(problems: Sequence[GlossaryError]) -> None:
    """Say on stderr which dictionaries a lookup had to leave out, and why."""
    for problem in problems:
        where = f"{problem.where}: " if problem.where else ""
        say(f"glossary: warning: {where}{problem.message}; left out of this lookup")


def scan(files: Sequence[Path], source: str, *, fmt: str | None) -> int:
    """Find the glossary's terms in the text ``source`` (a file, or - for stdin) and write
    them; give the exit code. Raise GlossaryError."""
    from glossary import index

    chosen = render.choose_among(fmt, ("table", "plain", "json", "md"), sys.stdout)
    text, _ = read_input(source)
    with indexing(files):
        scanner = index.scanner(files, os.environ)
    spans = scanner.find(text)
    if not spans:
        say("glossary: no known terms in the text")
        return EXIT_NOT_FOUND
    render.scanned(text, spans, chosen, sys.stdout)
    return 0


def indexing(files: Sequence[Path]) -> contextlib.AbstractContextManager[None]:
    """Say on stderr, if the work inside takes over a second, that ``files`` are being
    indexed (the first command after a glossary changes rebuilds its search index)."""
    names = ", ".join(display_path(f) for f in files)
    return notice_if_slow(f"glossary: indexing {names} (once after each change)")


@contextlib.contextmanager
def notice_if_slow(message: str, after: float = 1.0) -> Iterator[None]:
    """Say ``message`` on stderr if the work inside takes longer than ``after`` seconds."""
    timer = threading.Timer(after, say, (message,))
    timer.daemon = True
    timer.start()
    try:
        yield
    finally:
        timer.cancel()
