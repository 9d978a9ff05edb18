"""The ``glossary`` entry point, and ``glossary search``, ``scan`` and ``browse`` without
Typer.

A lookup is the command people run mid-sentence, so its start-up is what they feel: Typer
(with Click and pydantic) costs more to import than the whole lookup on a warm index. The
entry point therefore reads the common forms of ``glossary [-g FILE] [--debug] search QUERY
[options]`` (and of ``scan TEXT [-f FORMAT]``) itself and runs the command directly;
anything else it does not fully understand (help, version, other commands, an unknown or
malformed option) goes to the Typer app, which parses and reports exactly as before. A
plain ``browse`` takes this route too: its app is up sooner without Typer. Both routes run
:func:`glossary.cli.runners.search`, :func:`~glossary.cli.runners.scan` and
:func:`~glossary.cli.runners.browse` through the one error boundary, so their output is
the same (tests/test_lookup.py compares them).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import NamedTuple

from glossary import limits, paths
from glossary.cli import runners
from glossary.cli.arguments import refuse_undecodable
from glossary.cli.boundary import guarded
from glossary.cli.streams import prepare_streams

# Options before the command, and of the commands read here, that take a value.
_GLOBAL_VALUE = {"-g": "glossary", "--glossary": "glossary", "--max-input": "max_input"}
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
    "browse": {
        "-m": "mode",
        "--mode": "mode",
        "-t": "tag",
        "--tag": "tag",
        "--tone-colors": "tone_colors",
    },
}
# Flags of the commands read here: the name each sets, and to what.
_DICT_FLAGS = {"--dict": ("use_dict", True), "--no-dict": ("use_dict", False)}
_COMMAND_FLAG = {
    "search": _DICT_FLAGS,
    "scan": {**_DICT_FLAGS, "--gloss": ("gloss", True), "--coverage": ("coverage", True)},
    "browse": {},
}
# How many arguments each command takes: browse none, the others one.
_ARGUMENTS = {"search": 1, "scan": 1, "browse": 0}


class Request(NamedTuple):
    """A ``glossary search``, ``scan`` or ``browse`` command line, read. ``argument`` is
    the query of a search, the text (a file, or -) of a scan."""

    command: str
    argument: str
    glossaries: tuple[Path, ...] = ()
    debug: bool = False
    limit: int = 20
    tags: tuple[str, ...] = ()
    fmt: str | None = None
    tone_colors: str | None = None
    use_dict: bool | None = None
    gloss: bool = False
    coverage: bool = False
    mode: str = "all"
    max_input: str | None = None


def read_command(args: Sequence[str]) -> Request | None:
    """Give the search, scan or browse ``args`` ask for, or None unless they are a plain,
    valid one."""
    values: dict[str, list[str]] = {"glossary": [], "tag": [], "limit": [], "format": []}
    values["tone_colors"], values["mode"], values["max_input"] = [], [], []
    debug = False
    flags: dict[str, bool] = {}
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
        if rest[0] in _COMMAND_FLAG[command]:
            name, value = _COMMAND_FLAG[command][rest.pop(0)]
            flags[name] = value
        elif rest[0].startswith("-") and rest[0] != "-":
            got = _option(rest, _COMMAND_VALUE[command])
            if got is None:
                return None
            values[got[0]].append(got[1])
        else:
            positional.append(rest.pop(0))
    limit = values["limit"][-1] if values["limit"] else "20"
    if len(positional) != _ARGUMENTS[command]:
        return None
    if not (limit.isascii() and limit.isdigit()) or int(limit) < 1:
        return None
    return Request(
        command=command,
        argument=positional[0] if positional else "",
        glossaries=tuple(Path(g) for g in values["glossary"]),
        debug=debug,
        limit=int(limit),
        tags=tuple(values["tag"]),
        fmt=values["format"][-1] if values["format"] else None,
        tone_colors=values["tone_colors"][-1] if values["tone_colors"] else None,
        use_dict=flags.get("use_dict"),
        gloss=flags.get("gloss", False),
        coverage=flags.get("coverage", False),
        mode=values["mode"][-1] if values["mode"] else "all",
        max_input=values["max_input"][-1] if values["max_input"] else None,
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


def run(request: Request) -> int:
    """Run a command read by :func:`read_command` through the error boundary; give its exit
    code."""
    return guarded(lambda: _run(request), debug=request.debug)


def _run(request: Request) -> int:
    # The query is checked as a search checks every query, alike on both routes.
    options = {"--tag": request.tags, "--format": request.fmt, "--tone-colors": request.tone_colors}
    refuse_undecodable({**options, "--max-input": request.max_input})
    limit = limits.parse(request.max_input)
    files = paths.resolve(request.glossaries, os.environ, Path.cwd(), limit)
    if request.command == "scan":
        return runners.scan(
            files,
            request.argument,
            fmt=request.fmt,
            use_dict=request.use_dict,
            gloss=request.gloss,
            coverage=request.coverage,
            max_input=limit,
        )
    if request.command == "browse":
        return runners.browse(
            files,
            request.glossaries,
            mode=request.mode,
            tags=request.tags,
            tone_colors=request.tone_colors,
        )
    return runners.search(
        files,
        request.argument,
        limit=request.limit,
        tags=request.tags,
        fmt=request.fmt,
        tone_colors=request.tone_colors,
        use_dict=request.use_dict,
    )


def main(args: Sequence[str] | None = None) -> None:
    """The ``glossary`` command: a plain search or scan runs here, everything else in Typer."""
    argv = sys.argv[1:] if args is None else list(args)
    prepare_streams()
    request = read_command(argv)
    if request is not None and "GLOSSARY_TYPER_ONLY" not in os.environ:
        sys.exit(run(request))
    from glossary.cli.app import app

    # Typer's own output (help, the version, usage errors) meets the same boundary, for a
    # stdout that cannot be written. Typer ends by raising SystemExit, which passes it.
    sys.exit(guarded(lambda: app(args=argv, prog_name="glossary") or 0, debug=False))
