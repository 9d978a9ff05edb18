"""The ``glossary`` commands that read: search and show the glossary; extract, scan and
check other texts with it. Typer commands only; the work is done in the core modules."""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from glossary import paths
from glossary.cli import render, runners
from glossary.cli.base import DictOption, FormatOption, app, handle_errors
from glossary.cli.streams import count, read_input, say
from glossary.errors import EXIT_NOT_FOUND, NotFoundError, UsageError, display_path
from glossary.model import Glossary, Term

if TYPE_CHECKING:
    from glossary.extract import Candidate


def _glossary(ctx: typer.Context) -> Glossary:
    glossary: Glossary = ctx.obj.glossary()
    return glossary


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
    use_dict: DictOption = None,
) -> None:
    """Find terms by hanzi, pinyin or English, best match first: yours, then the
    dictionary's.

    Example: glossary search sangu
    """
    code = runners.search(
        ctx.obj.files(),
        query,
        limit=limit,
        tags=tag or [],
        fmt=fmt,
        tone_colors=tone_colors,
        use_dict=use_dict,
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
    use_dict: DictOption = None,
) -> None:
    """Show one whole entry: yours, else the dictionary's (which says so).

    Example: glossary show 特殊友军 --format md
    """
    fmt = render.choose_format(fmt, sys.stdout)
    from glossary.dictionary import layers

    files = ctx.obj.files()
    stack = layers.stack_for(files, use_dict, os.environ, say)
    try:
        with runners.indexing(files):
            found = stack.find(term)
    except NotFoundError:
        if stack.problems:  # a dictionary left out may be why
            raise stack.problems[0] from None
        raise
    runners.left_out(stack.problems)
    render.term(found.term, found.reading, fmt, sys.stdout, found.origin)


@app.command("extract")
@handle_errors
def extract_command(
    ctx: typer.Context,
    source: Annotated[
        str, typer.Argument(metavar="SOURCE", help="English prose (text, Markdown or HTML), or -.")
    ],
    cite: Annotated[
        str | None,
        typer.Option("--source", metavar="TEXT", help="The source to record (default: the file)."),
    ] = None,
    fmt: Annotated[
        str | None,
        typer.Option("--format", "-f", metavar="FORMAT", help="table, yaml or json."),
    ] = None,
    add: Annotated[bool, typer.Option("--add", help="Add the new pairs to the glossary.")] = False,
    interactive: Annotated[
        bool, typer.Option("--interactive", "-i", help="Ask for each new pair on a terminal.")
    ] = False,
) -> None:
    """Propose term pairs from what you read: "rendering (中文)" and the like.

    Example: glossary extract article.html --format yaml >> terms.yaml
    """
    from glossary import extract

    text, shown = read_input(source)
    found = extract.extract(text, cite or shown)
    known = {t.zh: t for t in _glossary(ctx)}
    statuses = [extract.status(c, known) for c in found]
    fmt = render.choose_among(fmt, ("table", "yaml", "json"), sys.stdout)
    render.candidates(found, statuses, fmt, sys.stdout)
    if add or interactive:
        _add_new(ctx, found, statuses, interactive)
    if not found:
        say(f"glossary: no term pairs found in {shown}")
        raise typer.Exit(EXIT_NOT_FOUND)


def _add_new(
    ctx: typer.Context, found: Sequence[Candidate], statuses: Sequence[str], ask: bool
) -> None:
    from glossary.termfile import changes

    chosen: dict[str, Term] = {}
    for candidate, state in zip(found, statuses, strict=True):
        term = candidate.term
        if state != "new" or term.zh in chosen:
            continue
        if ask:
            if not render.is_terminal(sys.stdin):
                raise UsageError("--interactive needs a terminal", hint="use --add instead")
            if not typer.confirm(f"Add {term.zh} = {term.preferred}?", err=True):
                continue
        chosen[term.zh] = changes.fill_missing(term)[0]
    if not chosen:
        say("glossary: nothing new to add")
        return
    target = paths.writable(ctx.obj.given, os.environ, Path.cwd())
    changes.add_terms(target, list(chosen.values()))
    say(f"added {count(len(chosen), 'term')} to {display_path(target)}")


@app.command("scan")
@handle_errors
def scan_command(
    ctx: typer.Context,
    source: Annotated[str, typer.Argument(metavar="TEXT", help="A Chinese text file, or -.")],
    fmt: Annotated[
        str | None,
        typer.Option("--format", "-f", metavar="FORMAT", help="table, plain, json or md."),
    ] = None,
    use_dict: DictOption = None,
    gloss: Annotated[
        bool, typer.Option("--gloss", help="Gloss the text's other words from the dictionary.")
    ] = False,
    coverage: Annotated[
        bool,
        typer.Option(
            "--coverage",
            help="Report the share of the text's words your glossary covers, and list the "
            "commonest it does not.",
        ),
    ] = False,
    limit: Annotated[
        int,
        typer.Option(
            "--limit", "-n", min=1, metavar="N", help="With --coverage: list at most N words."
        ),
    ] = 50,
) -> None:
    """Find the glossary's terms in a Chinese text: counts, places, a reading aid.

    With the dictionary layer on, the text is cut into words over your terms and the
    dictionary; --gloss glosses the other words too.

    Example: glossary scan news.txt --format md > reading.md
    """
    code = runners.scan(
        ctx.obj.files(),
        source,
        fmt=fmt,
        use_dict=use_dict,
        gloss=gloss,
        coverage=coverage,
        limit=limit,
    )
    if code:
        raise typer.Exit(code)


@app.command("check")
@handle_errors
def check_command(
    ctx: typer.Context,
    source: Annotated[str, typer.Argument(metavar="DRAFT", help="An English draft, or -.")],
    fmt: Annotated[
        str, typer.Option("--format", "-f", metavar="FORMAT", help="text or json.")
    ] = "text",
    fix: Annotated[
        bool, typer.Option("--fix", help="Rewrite renderings to avoid into the preferred ones.")
    ] = False,
) -> None:
    """Check a draft's terminology: renderings to avoid, inconsistent ones, bare hanzi.

    Example: glossary check report.md
    """
    from glossary import check
    from glossary.termfile import safewrite

    text, shown = read_input(source)
    terms = list(_glossary(ctx))
    findings = check.check(text, terms, shown)
    if fix:
        fixes = [f for f in findings if f.fix is not None]
        if source == "-":
            sys.stdout.write(check.fixed(text, findings))
        elif fixes:
            safewrite.update(Path(source), lambda now: check.fixed(now, check.check(now, terms)))
        say(f"fixed {count(len(fixes), 'rendering')}")
        findings = [f for f in findings if f.fix is None]
    # With --fix on stdin, stdout carries the fixed text; what is left goes to stderr.
    out = sys.stderr if fix and source == "-" else sys.stdout
    render.findings(findings, fmt.lower(), out)
    if findings:
        raise typer.Exit(EXIT_NOT_FOUND)
