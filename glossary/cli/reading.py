"""The ``glossary`` commands that read: search and show the glossary; extract, scan and
check other texts with it. Typer commands only; the work is done in the core modules."""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from glossary.cli import render, runners
from glossary.cli.base import DictOption, FormatOption, app, handle_errors
from glossary.cli.streams import count, read_input, say
from glossary.errors import EXIT_NOT_FOUND, NotFoundError, UsageError, display_path
from glossary.model import Glossary, Term

if TYPE_CHECKING:
    from glossary.extract import Candidate
    from glossary.qa import run


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
    review: Annotated[
        bool,
        typer.Option(
            "--review",
            "--interactive",
            "-i",
            help="Go through the pairs on a terminal: accept, edit, reject, undo; then save.",
        ),
    ] = False,
) -> None:
    """Propose term pairs from what you read: "rendering (中文)" and the like.

    Example: glossary extract article.html --review
    """
    from glossary import extract

    if review and not (render.is_terminal(sys.stdin) and render.is_terminal(sys.stdout)):
        raise UsageError(
            "--review needs a terminal", hint="use --add, or --format yaml piped to add -"
        )
    text, shown = read_input(source, ctx.obj.limit())
    found = _not_rejected(ctx, extract.extract(text, cite or shown))
    known = {t.zh: t for t in _glossary(ctx)}
    if review:
        _review(ctx, found, known)
    else:
        statuses = [extract.status(c, known) for c in found]
        fmt = render.choose_among(fmt, ("table", "yaml", "json"), sys.stdout)
        render.candidates(found, statuses, fmt, sys.stdout, known)
        if add:
            _add_new(ctx, found, statuses)
    if not found:
        say(f"glossary: no term pairs found in {shown}")
        raise typer.Exit(EXIT_NOT_FOUND)


def _not_rejected(ctx: typer.Context, found: list[Candidate]) -> list[Candidate]:
    """Give ``found`` without the pairs rejected earlier beside the glossaries in use."""
    from glossary.extract import rejections

    rejected = frozenset().union(*(rejections.load(rejections.beside(p)) for p in ctx.obj.files()))
    kept = [c for c in found if not rejections.is_rejected(rejected, c.term.zh, c.term.en[0])]
    if len(kept) < len(found):
        say(f"{count(len(found) - len(kept), 'pair')} rejected earlier left out")
    return kept


def _add_new(ctx: typer.Context, found: Sequence[Candidate], statuses: Sequence[str]) -> None:
    from glossary.extract import new_entries
    from glossary.termfile import changes

    chosen = [changes.fill_missing(t)[0] for t in new_entries(found, statuses)]
    if not chosen:
        say("glossary: nothing new to add")
        return
    target = ctx.obj.writable()
    changes.add_terms(target, chosen)
    say(f"added {count(len(chosen), 'term')} to {display_path(target)}")


def _review(ctx: typer.Context, found: Sequence[Candidate], known: dict[str, Term]) -> None:
    """Run the review screen on ``found``, then write what was accepted in one change, and
    remember what was rejected."""
    if not found:
        return
    from glossary.cli import review as screen
    from glossary.extract import rejections
    from glossary.review import Queue
    from glossary.termfile import changes

    target = ctx.obj.writable()  # refuse before, not after
    queue = Queue(found, known)
    if not screen.run(queue):
        say("glossary: quit without saving; nothing was written")
        return
    outcome = queue.outcome()
    new = [changes.fill_missing(t)[0] for t in outcome.new]
    if new or outcome.renderings:
        changes.add_and_extend(target, new, outcome.renderings)
    if outcome.rejected:
        rejections.remember(rejections.beside(target), outcome.rejected)
    extra = sum(len(v) for v in outcome.renderings.values())
    say(
        f"added {count(len(new), 'term')} and {count(extra, 'rendering')} to "
        f"{display_path(target)}; {count(len(outcome.rejected), 'pair')} rejected"
    )


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
        max_input=ctx.obj.limit(),
    )
    if code:
        raise typer.Exit(code)


@app.command("check")
@handle_errors
def check_command(
    ctx: typer.Context,
    sources: Annotated[
        list[str],
        typer.Argument(
            metavar="FILE...",
            help="English drafts (Markdown or .txt) or bilingual files (.xlf, .xliff, .tmx,"
            " .tsv, .csv); - for stdin.",
        ),
    ],
    fmt: Annotated[
        str, typer.Option("--format", "-f", metavar="FORMAT", help="text, json or sarif.")
    ] = "text",
    fix: Annotated[
        bool, typer.Option("--fix", help="Write the preferred rendering where a finding has a fix.")
    ] = False,
    diff: Annotated[
        bool, typer.Option("--diff", help="Show what --fix would change, as a unified diff.")
    ] = False,
    ignore: Annotated[
        str | None,
        typer.Option(
            "--ignore",
            metavar="FILE",
            help="Exceptions to leave out: TERM<TAB>TEXT or FILE:LINE, one a line.",
        ),
    ] = None,
    bare_hanzi: Annotated[
        bool,
        typer.Option("--bare-hanzi", help="Also flag known hanzi with no rendering beside them."),
    ] = False,
) -> None:
    """Check the terminology of drafts and bilingual files against the glossary.

    Example: glossary check report.md --fix
    """
    from glossary.qa import exceptions, run

    if fix and diff:
        raise UsageError("--fix and --diff do not go together", hint="use --diff to preview")
    fmt = render.choose_among(fmt, render.CHECK_FORMATS, sys.stdout)
    kept = exceptions.parse(*read_input(ignore, ctx.obj.limit())) if ignore else None
    texts = [read_input(source, ctx.obj.limit()) for source in sources]
    checker = run.Checker(ctx.obj.files(), os.environ, kept, bare_hanzi=bare_hanzi)
    checked = [checker.check(text, shown) for text, shown in texts]
    # With --fix or --diff, stdout may carry text: what is left is told on stderr then.
    out = sys.stdout
    changes = ""
    if fix:
        checked = _fixed(checker, checked, sources, ctx.obj.limit())
        out = sys.stderr if "-" in sources else sys.stdout
    elif diff:
        changes = "".join(run.diff(c) for c in checked)
        sys.stdout.write(changes)
        checked = [c._replace(findings=[f for f in c.findings if f.fix is None]) for c in checked]
        out = sys.stderr
    left = [f for c in checked for f in c.findings]
    render.findings(left, fmt, out, render.CHECK_FORMATS)
    if left or changes:
        raise typer.Exit(EXIT_NOT_FOUND)


def _fixed(
    checker: run.Checker, checked: list[run.Checked], sources: list[str], limit: int
) -> list[run.Checked]:
    """Apply the fixes of each draft (a file rewritten safely; stdin's text written to
    stdout); give what is left to find afterwards."""
    from glossary.qa import run
    from glossary.termfile import safewrite

    out = []
    fixed = 0
    for source, done in zip(sources, checked, strict=True):
        fixes = sum(f.fix is not None for f in done.findings)
        if source == "-" and done.draft:
            sys.stdout.write(run.fixed(done))
        if not done.draft or not fixes:
            out.append(done)
            continue
        fixed += fixes
        if source != "-":

            def change(now: str, shown: str = done.shown) -> str:
                return run.fixed(checker.check(now, shown))

            safewrite.update(Path(source), change)
        out.append(
            checker.check(
                run.fixed(done) if source == "-" else read_input(source, limit)[0], done.shown
            )
        )
    say(f"fixed {count(fixed, 'rendering')}")
    return out
