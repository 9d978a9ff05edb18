"""``glossary search``, ``scan`` and ``browse`` themselves: both routes into them run these.

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
from glossary.errors import EXIT_NOT_FOUND, display_path


def search(
    files: Sequence[Path],
    query: str,
    *,
    limit: int,
    tags: Sequence[str],
    fmt: str | None,
    tone_colors: str | None,
) -> int:
    """Run one search and write its results; give the exit code. Raise GlossaryError."""
    from glossary import index

    chosen = render.choose_format(fmt, sys.stdout)
    scheme = render.choose_tone_colors(tone_colors, os.environ)
    parsed = query_parser.parse_query(query).with_tags(tags)
    with indexing(files):
        found = index.lookup(files, parsed, limit, os.environ)
    if not found:
        say(f"glossary: nothing matches {query!r}")
        return EXIT_NOT_FOUND
    render.matches(found, chosen, sys.stdout, parsed, scheme)
    return 0


def scan(files: Sequence[Path], source: str, *, fmt: str | None, limit: int) -> int:
    """Find the glossary's terms in the text ``source`` (a file, or - for stdin, at most
    ``limit`` bytes) and write them; give the exit code. Raise GlossaryError."""
    from glossary import index

    chosen = render.choose_among(fmt, ("table", "plain", "json", "md"), sys.stdout)
    text, _ = read_input(source, limit)
    with indexing(files):
        scanner = index.scanner(files, os.environ)
    spans = scanner.find(text)
    if not spans:
        say("glossary: no known terms in the text")
        return EXIT_NOT_FOUND
    render.scanned(text, spans, chosen, sys.stdout)
    return 0


def browse(
    files: Sequence[Path],
    given: Sequence[Path],
    *,
    mode: str,
    tags: Sequence[str],
    tone_colors: str | None,
) -> int:
    """Run the browse app on ``files`` (``given`` with -g) until it is quit; give the exit
    code. Raise GlossaryError for a bad option, or when there is no terminal."""
    from glossary import live, paths
    from glossary.errors import GlossaryError, UsageError

    chosen = next((m for m in live.MODES if m.casefold() == mode.casefold()), None)
    if chosen is None:
        raise UsageError(f"unknown mode {mode!r}", hint="use all, hanzi, pinyin or English")
    scheme = render.choose_tone_colors(tone_colors, os.environ)
    if not (render.is_terminal(sys.stdin) and render.is_terminal(sys.stdout)):
        raise UsageError("browse needs a terminal", hint="use glossary search in scripts")
    try:
        writable: Path | None = paths.writable(given, os.environ, Path.cwd())
    except GlossaryError:  # the shipped glossary, or several: nothing to add words to
        writable = None
    from glossary import index
    from glossary.cli import browse_app

    with indexing(files):  # built here, with a notice, rather than behind the first key
        for path in files:
            index.open_index(path, os.environ)
    return browse_app.run(files, scheme, writable=writable, mode=chosen, tags=tags)


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
