"""The ``glossary`` entry point, and ``glossary search`` and ``scan`` without Typer.

A lookup is the command people run mid-sentence, so its start-up is what they feel: Typer
(with Click and pydantic) costs more to import than the whole lookup on a warm index. The
entry point therefore reads the common forms of ``glossary [-g FILE] [--debug] search QUERY
[options]`` (and of ``scan TEXT [-f FORMAT]``) itself and runs the command directly;
anything else it does not fully understand (help, version, other commands, an unknown or
malformed option) goes to the Typer app, which parses and reports exactly as before. Both
routes run :func:`search` and :func:`scan`, so their output is the same
(tests/test_lookup.py compares them).
"""

from __future__ import annotations

import contextlib
import os
import sys
import threading
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import NamedTuple

from glossary import paths, render
from glossary import search as query_parser
from glossary.errors import EXIT_NOT_FOUND, GlossaryError, GlossaryFileError, display_path

# Options before the command, and of the commands read here, that take a value.
_GLOBAL_VALUE = {"-g": "glossary", "--glossary": "glossary"}
_GLOBAL_FLAG = {"--debug": "debug"}
_COMMAND_VALUE = {
    "search": {
        "-n": "limit",
        "--limit": "limit",
        "-t": "tag",
        "--tag": "tag",
        "-f": "format",
        "--format": "format",
        "--tone-colors": "tone_colors",
    },
    "scan": {"-f": "format", "--format": "format"},
}


class Request(NamedTuple):
    """A ``glossary search`` or ``glossary scan`` command line, read. ``argument`` is the
    query of a search, the text (a file, or -) of a scan."""

    command: str
    argument: str
    glossaries: tuple[Path, ...] = ()
    debug: bool = False
    limit: int = 20
    tags: tuple[str, ...] = ()
    fmt: str | None = None
    tone_colors: str | None = None


def read_command(args: Sequence[str]) -> Request | None:
    """Give the search or scan ``args`` ask for, or None unless they are a plain, valid one."""
    values: dict[str, list[str]] = {"glossary": [], "tag": [], "limit": [], "format": []}
    values["tone_colors"] = []
    debug = False
    rest = list(args)
    while rest and rest[0] not in _COMMAND_VALUE:  # options before the command
        got = _option(rest, _GLOBAL_VALUE)
        if got is not None:
            values[got[0]].append(got[1])
        elif rest[0] in _GLOBAL_FLAG:
            debug = True
            rest.pop(0)
        else:
            return None
    if not rest:
        return None
    command = rest.pop(0)
    positional: list[str] = []
    while rest:
        if rest[0] == "--":
            positional += rest[1:]
            break
        if rest[0].startswith("-") and rest[0] != "-":
            got = _option(rest, _COMMAND_VALUE[command])
            if got is None:
                return None
            values[got[0]].append(got[1])
        else:
            positional.append(rest.pop(0))
    limit = values["limit"][-1] if values["limit"] else "20"
    if len(positional) != 1 or not (limit.isascii() and limit.isdigit()) or int(limit) < 1:
        return None
    return Request(
        command=command,
        argument=positional[0],
        glossaries=tuple(Path(g) for g in values["glossary"]),
        debug=debug,
        limit=int(limit),
        tags=tuple(values["tag"]),
        fmt=values["format"][-1] if values["format"] else None,
        tone_colors=values["tone_colors"][-1] if values["tone_colors"] else None,
    )


def _option(rest: list[str], known: dict[str, str]) -> tuple[str, str] | None:
    """Take one option with its value off the front of ``rest``: ``-n 5``, ``-n5``,
    ``--limit 5`` or ``--limit=5``. Give (name, value), or None if it is not one of ``known``."""
    word = rest[0]
    if word.startswith("--") and "=" in word:
        name, value = word.split("=", 1)
        taken = 1
    elif word in known:
        if len(rest) < 2:
            return None
        name, value, taken = word, rest[1], 2
    elif len(word) > 2 and word[:2] in known and not word.startswith("--"):
        name, value, taken = word[:2], word[2:], 1
    else:
        return None
    if name not in known:
        return None
    del rest[:taken]
    return known[name], value


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


def read_input(source: str) -> tuple[str, str]:
    """Give the text of ``source`` (a file, or - for stdin) and the name to show for it.

    Both are read as bytes and decoded alike, whatever the locale (see glossary.encoding).
    """
    from glossary import encoding

    if source == "-":
        return encoding.decode_input(sys.stdin.buffer.read(), "<stdin>"), "<stdin>"
    path = Path(source)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise GlossaryFileError(
            f"no file {display_path(path)}", hint="give a file to read, or - for stdin"
        ) from None
    except OSError as exc:
        raise GlossaryFileError(f"cannot read {display_path(path)}: {exc.strerror}") from None
    return encoding.decode_input(data, display_path(path)), display_path(path)


def say(message: str) -> None:
    """Write one line for the person at the terminal, on stderr."""
    sys.stderr.write(message + "\n")
    sys.stderr.flush()


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


def run(request: Request) -> int:
    """Run a command read by :func:`read_command`, reporting errors as the Typer commands do."""
    try:
        files = paths.resolve(request.glossaries, os.environ, Path.cwd())
        if request.command == "scan":
            code = scan(files, request.argument, fmt=request.fmt)
        else:
            code = search(
                files,
                request.argument,
                limit=request.limit,
                tags=request.tags,
                fmt=request.fmt,
                tone_colors=request.tone_colors,
            )
        sys.stdout.flush()
        return code
    except GlossaryError as exc:
        if request.debug:
            import traceback

            traceback.print_exc()
        say(f"glossary: {exc}")
        return exc.exit_code
    except BrokenPipeError:
        # The reader went away (`glossary search x | head -1`): not an error. Point stdout
        # at nothing so that the flush at exit does not complain either.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 0
    except KeyboardInterrupt:
        say("glossary: interrupted")
        return 130


def _speak_utf8() -> None:
    """Write UTF-8 whatever the locale says (a C or ASCII locale would fail on hanzi)."""
    for stream, errors in ((sys.stdout, "strict"), (sys.stderr, "backslashreplace")):
        encoding = (getattr(stream, "encoding", None) or "").replace("-", "").lower()
        if encoding != "utf8" and hasattr(stream, "reconfigure"):
            stream.reconfigure(encoding="utf-8", errors=errors)


def main(args: Sequence[str] | None = None) -> None:
    """The ``glossary`` command: a plain search or scan runs here, everything else in Typer."""
    argv = sys.argv[1:] if args is None else list(args)
    _speak_utf8()
    request = read_command(argv)
    if request is not None and "GLOSSARY_TYPER_ONLY" not in os.environ:
        sys.exit(run(request))
    from glossary.cli import app

    app(args=argv, prog_name="glossary")
