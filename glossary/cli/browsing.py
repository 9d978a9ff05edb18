"""``glossary browse``: search as you type, in a full-screen app (see
:mod:`glossary.cli.browse_app`, which alone imports Textual, and only when it runs)."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Annotated

import typer

from glossary import live, paths
from glossary.cli import render
from glossary.cli.base import app, handle_errors
from glossary.errors import GlossaryError, UsageError


@app.command("browse")
@handle_errors
def browse_command(
    ctx: typer.Context,
    mode: Annotated[
        str,
        typer.Option(
            "--mode", "-m", metavar="MODE", help="What the query is: all, hanzi, pinyin, English."
        ),
    ] = "all",
    tag: Annotated[
        list[str] | None,
        typer.Option("--tag", "-t", metavar="TAG", help="Only terms with this tag; repeatable."),
    ] = None,
    tone_colors: Annotated[
        str | None,
        typer.Option(
            "--tone-colors",
            metavar="SCHEME",
            help="Tone colours: pleco, mdbg or none (default: pleco; NO_COLOR: none).",
            show_default=False,
        ),
    ] = None,
) -> int:
    """Search as you type, in a full-screen app: results, the entry, keys to act on it.

    Example: glossary browse
    """
    chosen_mode = _mode(mode)
    scheme = render.choose_tone_colors(tone_colors, os.environ)
    if not (render.is_terminal(sys.stdin) and render.is_terminal(sys.stdout)):
        raise UsageError("browse needs a terminal", hint="use glossary search in scripts")
    from glossary.cli import browse_app

    return browse_app.run(
        ctx.obj.files(),
        scheme,
        writable=_writable(ctx.obj.given),
        mode=chosen_mode,
        tags=tag or [],
    )


def _mode(requested: str) -> str:
    for name in live.MODES:
        if name.casefold() == requested.casefold():
            return name
    raise UsageError(f"unknown mode {requested!r}", hint="use all, hanzi, pinyin or English")


def _writable(given: list[Path]) -> Path | None:
    """Give the glossary a word may be added to, if there is one."""
    try:
        return paths.writable(given, os.environ, Path.cwd())
    except GlossaryError:
        return None
