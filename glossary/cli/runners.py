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
from typing import TYPE_CHECKING

from glossary import search as query_parser
from glossary.cli import render
from glossary.cli.streams import read_input, say
from glossary.errors import EXIT_NOT_FOUND, GlossaryError, UsageError, display_path

if TYPE_CHECKING:
    from glossary.dictionary.layers import Stack
    from glossary.dictionary.segment import Piece
    from glossary.model import Term
    from glossary.scan import Scanner, Span


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


def scan(
    files: Sequence[Path],
    source: str,
    *,
    fmt: str | None,
    use_dict: bool | None = None,
    gloss: bool = False,
    coverage: bool = False,
    limit: int = 50,
    max_input: int,
) -> int:
    """Find the glossary's terms in the text ``source`` (a file, or - for stdin) and write
    them; give the exit code. With the dictionary layer on, the text is cut into words
    over the glossaries and the dictionaries: the glossary's terms are those words that
    are its own (``gloss``: the dictionary's words too, glossed); ``coverage`` reports
    how much of the text's words the glossary covers, and the ``limit`` commonest it
    misses. Raise GlossaryError."""
    from glossary import index
    from glossary.dictionary import layers

    allowed = ("table", "plain", "json") if coverage else ("table", "plain", "json", "md")
    chosen = render.choose_among(fmt, allowed, sys.stdout)
    stack = layers.stack_for(files, use_dict, os.environ, say)
    if (gloss or coverage) and not stack.dictionaries:
        raise UsageError(
            f"--{'coverage' if coverage else 'gloss'} needs the dictionary layer",
            hint="leave out --no-dict, or unset GLOSSARY_DICT",
        )
    text, _ = read_input(source, max_input)
    with indexing(files):
        own = index.scanner(files, os.environ)
    if not stack.dictionaries:
        spans = own.find(text)
    else:
        found = _layered(text, own, stack, chosen, (gloss, coverage, limit))
        if isinstance(found, int):
            return found
        spans = found
    if not spans:
        say("glossary: no known terms in the text")
        return EXIT_NOT_FOUND
    render.scanned(text, spans, chosen, sys.stdout, sources=gloss)
    return 0


def _layered(
    text: str, own: Scanner, stack: Stack, fmt: str, options: tuple[bool, bool, int]
) -> list[Span] | int:
    """Give the spans of a scan over the layers (the user's terms, or with ``gloss`` every
    word); for ``coverage``, write the report in ``fmt`` and give the exit code instead.
    ``options``: gloss, coverage, and how many missing words to list."""
    from glossary.dictionary import segment
    from glossary.scan import Span

    gloss, coverage, limit = options
    lower = stack.scanners(singles=gloss or coverage)
    left_out(stack.problems)
    scanners = [own, *(scanner for scanner, _, _ in lower)]
    origins = [None, *(origin for _, origin, _ in lower)]
    pieces = segment.cut(text, scanners, [{}, *(chars for _, _, chars in lower)])
    if coverage:
        report = segment.coverage(text, pieces)
        if not report.words:
            say("glossary: no Chinese words in the text")
            return EXIT_NOT_FOUND
        say(
            f"glossary: your glossary covers {100 * report.share:.1f} % of the text's "
            f"{report.words:,} words ({report.distinct_covered:,} of {report.distinct:,} "
            "different words)"
        )
        shown = report.missing[:limit]
        terms = _terms(scanners, [piece for piece, _ in shown])
        rows = [(terms[(p[2], p[3])], n, origins[p[2]]) for p, n in shown]
        render.coverage(report, rows, fmt, sys.stdout)
        return 0
    kept = [p for p in pieces if gloss or p[2] == 0]
    terms = _terms(scanners, kept)
    return [Span(a, b, terms[(layer, n)], text[a:b], origins[layer], n) for a, b, layer, n in kept]


def _terms(scanners: Sequence[Scanner], pieces: Sequence[Piece]) -> dict[tuple[int, int], Term]:
    """Give the terms of ``pieces``, read from their layers, by (layer, number)."""
    wanted: dict[int, set[int]] = {}
    for _, _, layer, number in pieces:
        wanted.setdefault(layer, set()).add(number)
    found: dict[tuple[int, int], Term] = {}
    for layer, numbers in wanted.items():
        found.update(((layer, n), t) for n, t in scanners[layer].terms(numbers).items())
    return found


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
