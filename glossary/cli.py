"""The ``glossary`` command: Typer commands only; the work is done in the core modules."""

from __future__ import annotations

import functools
import os
import sys
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Any, TypeVar

import typer

from glossary import __version__, render, search, store
from glossary.errors import EXIT_NOT_FOUND, GlossaryError
from glossary.model import Glossary

app = typer.Typer(
    name="glossary",
    help="A bilingual Chinese–English terminology glossary for the terminal.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


@dataclass
class State:
    """Options given before the command, shared by every command."""

    paths: list[Path] = field(default_factory=list)
    debug: bool = False

    def glossary(self) -> Glossary:
        """Give the glossary these options point at (see README, 'Which glossary')."""
        return store.load(store.resolve_paths(self.paths, os.environ, Path.cwd()))


F = TypeVar("F", bound=Callable[..., Any])


def handle_errors(func: F) -> F:
    """Turn expected errors into one line on stderr and their exit code (traceback: --debug)."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        state = getattr(kwargs.get("ctx"), "obj", None)
        debug = isinstance(state, State) and state.debug
        try:
            return func(*args, **kwargs)
        except GlossaryError as exc:
            if debug:
                traceback.print_exc()
            typer.echo(f"glossary: {exc}", err=True)
            raise typer.Exit(exc.exit_code) from None
        except BrokenPipeError:
            # The reader went away (`glossary search x | head -1`): not an error.
            sys.stderr.close()
            raise typer.Exit(0) from None
        except KeyboardInterrupt:
            typer.echo("glossary: interrupted", err=True)
            raise typer.Exit(130) from None

    return wrapper  # type: ignore[return-value]


def _version(value: bool) -> None:
    if value:
        typer.echo(f"glossary {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    ctx: typer.Context,
    glossary: Annotated[
        list[Path] | None,
        typer.Option(
            "--glossary",
            "-g",
            metavar="FILE",
            help="Glossary file to use; repeat to search several. "
            "Default: $GLOSSARY_FILE, else ./terms.yaml, else the shipped glossary.",
            show_default=False,
        ),
    ] = None,
    debug: Annotated[bool, typer.Option("--debug", help="Show a traceback on errors.")] = False,
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Show the version."),
    ] = False,
) -> None:
    """A bilingual Chinese–English terminology glossary for the terminal."""
    ctx.obj = State(paths=list(glossary or []), debug=debug)


FormatOption = Annotated[
    str | None,
    typer.Option(
        "--format",
        "-f",
        metavar="FORMAT",
        help="table, plain (or tsv), json, jsonl or md. "
        "Default: table on a terminal, plain when piped.",
        show_default=False,
    ),
]


@app.command("search")
@handle_errors
def search_command(
    ctx: typer.Context,
    query: Annotated[
        str, typer.Argument(metavar="QUERY", help="Hanzi, pinyin (any form) or English words.")
    ],
    limit: Annotated[
        int, typer.Option("--limit", "-n", min=1, metavar="N", help="Show at most N.")
    ] = 20,
    tag: Annotated[
        list[str] | None,
        typer.Option("--tag", "-t", metavar="TAG", help="Only terms with this tag; repeatable."),
    ] = None,
    fmt: FormatOption = None,
) -> None:
    """Find terms by hanzi, pinyin or English, best match first.

    Example: glossary search sangu
    """
    fmt = render.choose_format(fmt, sys.stdout)
    found = search.search(ctx.obj.glossary().with_tags(tag or []), query, limit)
    if not found:
        typer.echo(f"glossary: nothing matches {query!r}", err=True)
        raise typer.Exit(EXIT_NOT_FOUND)
    render.matches(found, fmt, sys.stdout)


@app.command("show")
@handle_errors
def show_command(
    ctx: typer.Context,
    term: Annotated[
        str,
        typer.Argument(metavar="TERM", help="Headword (simplified or traditional), id or pinyin."),
    ],
    fmt: FormatOption = None,
) -> None:
    """Show one whole entry.

    Example: glossary show 特殊友军 --format md
    """
    fmt = render.choose_format(fmt, sys.stdout)
    found = search.find_term(ctx.obj.glossary(), term)
    render.term(found.term, found.reading, fmt, sys.stdout)
