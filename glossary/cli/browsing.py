"""``glossary browse`` in the Typer app: its options and help. The work is done by
:func:`glossary.cli.runners.browse`, which the fast route of :mod:`glossary.cli.entry`
runs too; only :mod:`glossary.cli.browse_app` imports Textual, and only when it runs."""

from __future__ import annotations

from typing import Annotated

import typer

from glossary.cli import runners
from glossary.cli.base import app, handle_errors


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
    return runners.browse(
        ctx.obj.files(), ctx.obj.given, mode=mode, tags=tag or [], tone_colors=tone_colors
    )
