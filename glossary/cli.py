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

from glossary import __version__, lookup, paths, render, search
from glossary.errors import (
    GlossaryError,
    UsageError,
    display_path,
)
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

    given: list[Path] = field(default_factory=list)
    debug: bool = False

    def glossary(self) -> Glossary:
        """Give the glossary these options point at (see README, 'Which glossary')."""
        from glossary import store

        return store.load(self.files())

    def files(self) -> list[Path]:
        """Give the glossary files these options point at."""
        return paths.resolve(self.given, os.environ, Path.cwd())


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
    ctx.obj = State(given=list(glossary or []), debug=debug)


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
    tone_colors: Annotated[
        str | None,
        typer.Option(
            "--tone-colors",
            metavar="SCHEME",
            help="Tone colours in a table: pleco, mdbg or none (default: pleco; NO_COLOR: none).",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Find terms by hanzi, pinyin or English, best match first.

    Example: glossary search sangu
    """
    code = lookup.search(
        ctx.obj.files(), query, limit=limit, tags=tag or [], fmt=fmt, tone_colors=tone_colors
    )
    if code:
        raise typer.Exit(code)


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
    from glossary import index

    files = ctx.obj.files()
    with lookup.indexing(files):
        found = index.find_term(files, term, os.environ)
    render.term(found.term, found.reading, fmt, sys.stdout)


def _say(message: str) -> None:
    typer.echo(message, err=True)


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


@app.command("export")
@handle_errors
def export_command(
    ctx: typer.Context,
    fmt: Annotated[
        str,
        typer.Argument(
            metavar="FORMAT",
            help="markdown, anki, anki-tsv, csv, tsv, json, jsonl, tbx, pleco, omegat, deepl "
            "or stardict (a folder).",
        ),
    ],
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", metavar="FILE", help="Write here (default: stdout)."),
    ] = None,
    tag: Annotated[
        list[str] | None,
        typer.Option("--tag", "-t", metavar="TAG", help="Only terms with this tag."),
    ] = None,
    query: Annotated[
        str | None,
        typer.Option("--query", "-q", metavar="QUERY", help="Only terms this search finds."),
    ] = None,
    style: Annotated[str, typer.Option(help="markdown: table or entries.")] = "table",
    sort: Annotated[
        str, typer.Option(help="markdown: pinyin (dictionary order), zh or en.")
    ] = "pinyin",
    group_by: Annotated[
        str | None,
        typer.Option("--group-by", metavar="FIELD", help="markdown: tag, a section per tag."),
    ] = None,
    fields: Annotated[
        str | None,
        typer.Option(metavar="A,B", help="markdown: the fields to include, comma-separated."),
    ] = None,
    cards: Annotated[
        str, typer.Option(metavar="A,B", help="anki: zh-en, en-zh or both.")
    ] = "zh-en,en-zh",
    deck: Annotated[str | None, typer.Option(metavar="NAME", help="anki: the deck name.")] = None,
    tone_colors: Annotated[
        str, typer.Option("--tone-colors", metavar="SCHEME", help="anki: pleco, mdbg or none.")
    ] = "none",
    tbx_version: Annotated[
        int, typer.Option("--tbx-version", metavar="N", help="tbx: 2 (default) or 3.")
    ] = 2,
) -> None:
    """Write the glossary (or the terms chosen) as Markdown or Anki flashcards.

    Example: glossary export anki -o terms.apkg
    """
    from glossary import exporters, safewrite  # kept off the search path

    chosen = exporters.find(fmt.lower())
    if chosen.binary and output is None and render.is_terminal(sys.stdout):
        raise UsageError(f"{fmt} is a binary format", hint="write it to a file with -o FILE")
    glossary = ctx.obj.glossary().with_tags(tag or [])
    terms = [m.term for m in search.search(glossary, query)] if query else list(glossary)
    options = exporters.ExportOptions(
        title=glossary.title,
        style=style,
        sort=sort,
        group_by=group_by,
        fields=_split(fields) if fields else None,
        cards=_split(cards),
        deck=deck,
        tone_colors=tone_colors,
        tbx_version=tbx_version,
    )
    data = chosen.export(terms, options)
    for term, reason in chosen.skipped(terms):
        _say(f"glossary: {fmt} leaves out {term.zh}: {reason}")
    if isinstance(data, dict):
        if output is None:
            raise UsageError(f"{fmt} is a folder of files", hint="name the folder with -o FOLDER")
        safewrite.write_folder(output, data)
    elif output is not None:
        safewrite.write_new(output, data)
    else:
        sys.stdout.flush()
        sys.stdout.buffer.write(data.encode("utf-8") if isinstance(data, str) else data)
        return
    _say(f"wrote {_count(len(terms), 'term')} to {display_path(output)}")


def _split(text: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in text.split(",") if part.strip())


# The commands that write (init, add, edit, remove, validate, import) live beside this one.
from glossary import cli_edit, cli_read  # noqa: E402, F401
