"""``glossary export``: the glossary, or the terms chosen, in another format."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from glossary import search
from glossary.cli import render
from glossary.cli.base import app, handle_errors, split_list
from glossary.cli.streams import count, say
from glossary.errors import UsageError, display_path


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
    from glossary import exporters
    from glossary.termfile import safewrite  # kept off the search path

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
        fields=split_list(fields) if fields else None,
        cards=split_list(cards),
        deck=deck,
        tone_colors=tone_colors,
        tbx_version=tbx_version,
    )
    data = chosen.export(terms, options)
    for term, reason in chosen.skipped(terms):
        say(f"glossary: {fmt} leaves out {term.zh}: {reason}")
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
    say(f"wrote {count(len(terms), 'term')} to {display_path(output)}")
