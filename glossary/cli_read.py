"""The ``glossary`` commands that read other texts with the glossary: extract, scan, check.

Typer commands only; they register on the app of :mod:`glossary.cli`.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from glossary import lookup, paths, render
from glossary.cli import _count, _say, app, handle_errors
from glossary.errors import EXIT_NOT_FOUND, UsageError, display_path
from glossary.lookup import read_input
from glossary.model import Glossary, Term

if TYPE_CHECKING:
    from glossary.extract import Candidate


def _glossary(ctx: typer.Context) -> Glossary:
    glossary: Glossary = ctx.obj.glossary()
    return glossary


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
        _say(f"glossary: no term pairs found in {shown}")
        raise typer.Exit(EXIT_NOT_FOUND)


def _add_new(
    ctx: typer.Context, found: Sequence[Candidate], statuses: Sequence[str], ask: bool
) -> None:
    from glossary import changes

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
        _say("glossary: nothing new to add")
        return
    target = paths.writable(ctx.obj.given, os.environ, Path.cwd())
    changes.add_terms(target, list(chosen.values()))
    _say(f"added {_count(len(chosen), 'term')} to {display_path(target)}")


@app.command("scan")
@handle_errors
def scan_command(
    ctx: typer.Context,
    source: Annotated[str, typer.Argument(metavar="TEXT", help="A Chinese text file, or -.")],
    fmt: Annotated[
        str | None,
        typer.Option("--format", "-f", metavar="FORMAT", help="table, plain, json or md."),
    ] = None,
) -> None:
    """Find the glossary's terms in a Chinese text: counts, places, a reading aid.

    Example: glossary scan news.txt --format md > reading.md
    """
    code = lookup.scan(ctx.obj.files(), source, fmt=fmt)
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
    from glossary import check, safewrite

    text, shown = read_input(source)
    terms = list(_glossary(ctx))
    findings = check.check(text, terms)
    if fix:
        fixes = [f for f in findings if f.fix is not None]
        if source == "-":
            sys.stdout.write(check.fixed(text, findings))
        elif fixes:
            safewrite.update(Path(source), lambda now: check.fixed(now, check.check(now, terms)))
        _say(f"fixed {_count(len(fixes), 'rendering')}")
        findings = [f for f in findings if f.fix is None]
    # With --fix on stdin, stdout carries the fixed text; what is left goes to stderr.
    out = sys.stderr if fix and source == "-" else sys.stdout
    render.lint(findings, shown, fmt.lower(), out)
    if findings:
        raise typer.Exit(EXIT_NOT_FOUND)
