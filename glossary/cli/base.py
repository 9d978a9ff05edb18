"""The Typer app of ``glossary``: its options before the command, their state, the options
several commands share, and the decorator that puts each command behind the error boundary.

The commands themselves live in :mod:`~glossary.cli.reading`, :mod:`~glossary.cli.writing`
and :mod:`~glossary.cli.exporting`; :mod:`glossary.cli.app` registers them all.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Any, TypeVar

import typer

from glossary import __version__, limits, paths
from glossary.cli.arguments import refuse_undecodable
from glossary.cli.boundary import guarded
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
    #: What ``--max-input`` said, read when a command first reads something.
    max_input: str | None = None

    def glossary(self) -> Glossary:
        """Give the glossary these options point at (see README, 'Which glossary')."""
        from glossary.termfile import fastload

        return fastload.load(self.files())

    def files(self) -> list[Path]:
        """Give the glossary files these options point at."""
        return paths.resolve(self.given, os.environ, Path.cwd(), self.limit())

    def writable(self) -> Path:
        """Give the one glossary a writing command may change (never the shipped one)."""
        return paths.writable(self.given, os.environ, Path.cwd(), self.limit())

    def limit(self) -> int:
        """Give the most bytes an input or a glossary may hold (``--max-input``)."""
        return limits.parse(self.max_input)


F = TypeVar("F", bound=Callable[..., Any])


def handle_errors(func: F) -> F:
    """Run the command behind the error boundary (:func:`glossary.cli.boundary.guarded`),
    once its arguments are known to be text (:mod:`glossary.cli.arguments`).

    A command may return an exit code (None is 0) or raise ``typer.Exit``.
    """

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        state = getattr(kwargs.get("ctx"), "obj", None)
        debug = isinstance(state, State) and state.debug

        def work() -> int:
            texts = {k: v for k, v in kwargs.items() if k not in FILE_ARGUMENTS}
            refuse_undecodable(texts, lambda name: _label(name, kwargs.get("ctx")))
            return func(*args, **kwargs) or 0

        code = guarded(work, debug=debug)
        if code:
            raise typer.Exit(code)

    return wrapper  # type: ignore[return-value]


#: Parameters that name a file (or - for stdin) as text: a name need not be UTF-8.
FILE_ARGUMENTS = frozenset({"source"})


def _label(name: str, ctx: Any) -> str:
    """Give how a message names the parameter ``name``: ``the query``, ``--en``."""
    params = getattr(getattr(ctx, "command", None), "params", [])
    for param in params:
        if param.name == name:
            if param.param_type_name == "argument":
                shown = param.metavar or name
                return "the headword" if shown == "ZH" else f"the {shown.lower()}"
            return str(param.opts[0])
    return name


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
            readable=False,  # the commands say what is wrong with it, in one line, exit 3
        ),
    ] = None,
    debug: Annotated[bool, typer.Option("--debug", help="Show a traceback on errors.")] = False,
    max_input: Annotated[
        str | None,
        typer.Option(
            "--max-input",
            metavar="SIZE",
            help="Refuse an input or glossary larger than SIZE. Default: 256M "
            "(K, M and G count 1024s).",
            show_default=False,
        ),
    ] = None,
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Show the version."),
    ] = False,
) -> None:
    """A bilingual Chinese–English terminology glossary for the terminal."""
    ctx.obj = State(given=list(glossary or []), debug=debug, max_input=max_input)


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


DictOption = Annotated[
    bool | None,
    typer.Option(
        "--dict/--no-dict",
        help="Look in the general dictionaries beneath your glossary too "
        "(default: on, unless GLOSSARY_DICT=none).",
        show_default=False,
    ),
]


def split_list(text: str) -> tuple[str, ...]:
    """Give the items of a comma-separated option value, trimmed, leaving out empty ones.

    >>> split_list("zh-en, en-zh,")
    ('zh-en', 'en-zh')
    """
    return tuple(part.strip() for part in text.split(",") if part.strip())
