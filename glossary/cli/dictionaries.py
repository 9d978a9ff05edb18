"""``glossary dict``: the general dictionaries beneath your glossaries, listed, added and
removed. Typer commands only; the work is done in :mod:`glossary.dictionary`."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Annotated

import typer

from glossary.cli import render
from glossary.cli.base import app, handle_errors
from glossary.cli.streams import say
from glossary.errors import UsageError, display_path

dict_app = typer.Typer(
    help="The general dictionaries beneath your glossaries (CC-CEDICT out of the box).",
    no_args_is_help=True,
)
app.add_typer(dict_app, name="dict")


@dict_app.command("list")
@handle_errors
def list_command(
    ctx: typer.Context,
    fmt: Annotated[
        str | None,
        typer.Option("--format", "-f", metavar="FORMAT", help="table, plain or json."),
    ] = None,
) -> None:
    """List the dictionaries in use, top first, with their licences.

    Example: glossary dict list
    """
    from glossary.dictionary import sources

    fmt = render.choose_among(fmt, ("table", "plain", "json"), sys.stdout)
    found = sources.in_use(os.environ)
    rows = [
        {
            "name": d.name,
            "kind": "CEDICT" if d.kind == "cedict" else "glossary",
            "licence": d.licence or "",
            "url": d.url or "",
            "path": display_path(d.path),
            "builtin": d.builtin,
        }
        for d in found
    ]
    render.dictionaries(rows, fmt, sys.stdout)
    if not sources.wanted(None, os.environ):
        say(f"glossary: {sources.ENV_VAR} turns the dictionaries off; --dict turns them on")
    if not found:
        say("glossary: no dictionary in use; glossary dict add --builtin brings CC-CEDICT back")


@dict_app.command("add")
@handle_errors
def add_command(
    ctx: typer.Context,
    path: Annotated[
        Path | None,
        typer.Argument(
            metavar="FILE",
            help="A CEDICT-format file (.txt, .u8, or gzipped) or a glossary (.yaml).",
            show_default=False,
        ),
    ] = None,
    name: Annotated[
        str | None, typer.Option("--name", help="Its name in results (default: the file's).")
    ] = None,
    licence: Annotated[
        str | None,
        typer.Option("--licence", help="Its licence (default: what its header says)."),
    ] = None,
    url: Annotated[str | None, typer.Option("--url", help="Its home page.")] = None,
    builtin: Annotated[
        bool, typer.Option("--builtin", help="Bring back the built-in CC-CEDICT.")
    ] = False,
) -> None:
    """Use another dictionary beneath your glossaries (indexed now, once).

    Example: glossary dict add handedict.u8 --name HanDeDict --licence "CC BY-SA 2.0"
    """
    from glossary.dictionary import sources, store

    if builtin:
        restored = sources.restore_builtin(os.environ)
        say(f"using {restored.name} again")
        return
    if path is None:
        raise UsageError("give the dictionary's file", hint="glossary dict add FILE")
    full = sources.existing(path)
    kind = sources.kind_of(full)
    if licence is None and kind == "cedict":
        licence = _licence_in(full)
    candidate = sources.Dictionary(name or sources.name_of(full), full, kind, licence, url)
    sources.check_free(candidate.name, os.environ)
    # Indexed before it is listed: a file that is no dictionary is refused, and the first
    # lookup finds its index ready.
    store.open_dictionary(
        candidate, os.environ, lambda: say(f"glossary: indexing {candidate.name} (once)")
    )
    added = sources.add(path, os.environ, candidate.name, licence, url)
    say(f"added the dictionary {added.name} ({display_path(added.path)}) beneath your glossary")


def _licence_in(path: Path) -> str | None:
    """Give the licence a CEDICT file's header names; None where it cannot be read (the
    index build that follows says why)."""
    from glossary.dictionary import cedict

    try:
        return cedict.header_licence(path)
    except (OSError, EOFError):
        return None


@dict_app.command("remove")
@handle_errors
def remove_command(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(metavar="NAME", help="Its name (or file).")],
) -> None:
    """Stop using a dictionary (the built-in one too; add --builtin brings it back).

    Example: glossary dict remove HanDeDict
    """
    from glossary.dictionary import sources

    removed = sources.remove(name, os.environ)
    say(f"removed the dictionary {removed.name}")
