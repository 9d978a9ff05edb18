"""``glossary export FORMAT``: the glossary, or the terms chosen, in another format.

``export`` is a group with one subcommand per format of :mod:`glossary.exporters`. Every
format takes the options of :func:`_export` (``-o``, ``--tag``, ``--query``); the options
a format declares (its module's ``OPTIONS``) are added to its own subcommand only, so that
``glossary export anki --help`` shows the Anki options and no Markdown ones. A format's
subcommand is built when it is asked for, so other commands never import the exporters.
"""

from __future__ import annotations

import inspect
import os
import sys
from pathlib import Path
from typing import Annotated, Any, get_type_hints

import typer
from typer.core import TyperGroup

from glossary import exporters, search
from glossary.cli import render
from glossary.cli.base import app, handle_errors
from glossary.cli.boundary import guarded
from glossary.cli.runners import indexing
from glossary.cli.streams import STDOUT, count, say
from glossary.errors import UsageError, display_path
from glossary.model import Term


class _Formats(TyperGroup):
    """The export group: a subcommand per format, each built when it is first named."""

    def list_commands(self, ctx: Any) -> list[str]:
        return list(exporters.MODULES)

    def get_command(self, ctx: Any, cmd_name: str) -> Any:
        name = cmd_name.lower()
        if name not in exporters.MODULES:
            return None
        return _format_command(name)

    def resolve_command(self, ctx: Any, args: list[str]) -> Any:
        if args and args[0].lower() not in exporters.MODULES:
            # Say which formats there are, in one line, as before export was a group.
            raise typer.Exit(guarded(lambda: _unknown(args[0]), debug=False))
        return super().resolve_command(ctx, args)


def _unknown(name: str) -> int:
    exporters.find(name.lower())  # raises the usage error that names every format
    return 0


formats = typer.Typer(
    name="export",
    cls=_Formats,
    no_args_is_help=True,
    help="Write the glossary (or the terms chosen) in another format: "
    "glossary export FORMAT [OPTIONS]; glossary export FORMAT --help lists its options.\n\n"
    "Example: glossary export anki -o terms.apkg",
    context_settings={"help_option_names": ["-h", "--help"]},
)
app.add_typer(formats)


def _export(
    name: str,
    ctx: typer.Context,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            metavar="FILE",
            help="Write here (default, or -: stdout).",
            readable=False,
        ),
    ] = None,
    tag: Annotated[
        list[str] | None,
        typer.Option("--tag", "-t", metavar="TAG", help="Only terms with this tag."),
    ] = None,
    query: Annotated[
        str | None,
        typer.Option("--query", "-q", metavar="QUERY", help="Only terms this search finds."),
    ] = None,
    force: Annotated[
        bool, typer.Option("--force", help="Replace the output file (or folder) if it exists.")
    ] = False,
    **chosen: Any,
) -> int:
    """Write the terms chosen in the format ``name``; give the exit code."""
    from glossary.termfile import outputs

    if output is not None and str(output) == STDOUT:
        output = None
    fmt = exporters.find(name)
    if fmt.binary and output is None and render.is_terminal(sys.stdout):
        raise UsageError(f"{name} is a binary format", hint="write it to a file with -o FILE")
    in_use = ctx.obj.files()
    if output is not None:  # refused before the work, not after
        outputs.check(output, in_use=in_use, force=force, folder=fmt.folder, owned=fmt.owned)
    glossary = ctx.obj.glossary()
    terms = _chosen_terms(in_use, glossary.with_tags(tag or []).terms, query, tag)
    values: dict[str, Any] = {o.field: o.value(chosen[o.field]) for o in fmt.options}
    data = fmt.export(terms, exporters.ExportOptions(title=glossary.title, **values))
    for term, reason in fmt.skipped(terms):
        say(f"glossary: {name} leaves out {term.zh}: {reason}")
    if isinstance(data, dict):
        if output is None:
            raise UsageError(f"{name} is a folder of files", hint="name the folder with -o FOLDER")
        outputs.write_folder(output, data, in_use=in_use, force=force, owned=fmt.owned)
    elif output is not None:
        outputs.write_file(output, data, in_use=in_use, force=force)
    else:
        sys.stdout.flush()
        sys.stdout.buffer.write(data.encode("utf-8") if isinstance(data, str) else data)
        return 0
    say(f"wrote {count(len(terms), 'term')} to {display_path(output)}")
    return 0


def _chosen_terms(
    files: list[Path], tagged: tuple[Term, ...], query: str | None, tags: list[str] | None
) -> list[Term]:
    """Give the terms to export: those tagged so, or what ``glossary search QUERY`` finds
    among them, ranked as search ranks them (from the search index)."""
    if not query:
        return list(tagged)
    from glossary import index

    parsed = search.parse_query(query).with_tags(tags or [])
    with indexing(files):
        return [m.term for m in index.lookup(files, parsed, None, os.environ)]


def _format_command(name: str) -> Any:
    """Give the subcommand of the format ``name``: the common options and its own."""
    fmt = exporters.find(name)
    hints = get_type_hints(_export, include_extras=True)
    common = [
        p.replace(annotation=hints[p.name])
        for p in inspect.signature(_export).parameters.values()
        if p.name != "name" and p.kind is not inspect.Parameter.VAR_KEYWORD
    ]
    params = [*common, *(_parameter(option) for option in fmt.options)]

    def command(**kwargs: Any) -> int:
        return _export(name, **kwargs)

    # Typer reads a command's options from its signature and type hints.
    command.__signature__ = inspect.Signature(params)  # type: ignore[attr-defined]
    command.__annotations__ = {p.name: p.annotation for p in params}
    one = typer.Typer(add_completion=False)
    help_text = f"{fmt.summary}\n\nExample: glossary export {name} -o FILE"
    one.command(name, help=help_text)(handle_errors(command))
    built = typer.main.get_command(one)
    built.name = name
    return built


def _parameter(option: exporters.Option) -> inspect.Parameter:
    """Give the command-line parameter of a format's option."""
    kind: Any = option.kind if option.default is not None else option.kind | None
    if option.kind is bool:
        flag = typer.Option(option.flag, help=option.help)
    else:
        flag = typer.Option(option.flag, metavar=option.metavar, help=option.help)
    return inspect.Parameter(
        option.field,
        inspect.Parameter.KEYWORD_ONLY,
        default=option.default,
        annotation=Annotated[kind, flag],
    )
