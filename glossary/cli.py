"""The ``glossary`` command: Typer commands only; the work is done in the core modules."""

from __future__ import annotations

import contextlib
import functools
import os
import sys
import threading
import traceback
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, TypeVar

import typer

from glossary import __version__, paths, render, search
from glossary.errors import (
    EXIT_BAD_FILE,
    EXIT_NOT_FOUND,
    GlossaryError,
    GlossaryFileError,
    UsageError,
    display_path,
)
from glossary.model import Glossary, Term

if TYPE_CHECKING:
    from glossary.importers import ImportResult

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


@contextlib.contextmanager
def _notice_if_slow(message: str, after: float = 1.0) -> Iterator[None]:
    """Say ``message`` on stderr if the work inside takes longer than ``after`` seconds."""
    timer = threading.Timer(after, lambda: typer.echo(message, err=True))
    timer.daemon = True
    timer.start()
    try:
        yield
    finally:
        timer.cancel()


def _names(files: list[Path]) -> str:
    return ", ".join(display_path(f) for f in files)


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
    from glossary import index

    fmt = render.choose_format(fmt, sys.stdout)
    scheme = render.choose_tone_colors(tone_colors, os.environ)
    parsed = search.parse_query(query).with_tags(tag or [])
    with _notice_if_slow(f"glossary: indexing {_names(ctx.obj.files())} (once after each change)"):
        found = index.lookup(ctx.obj.files(), parsed, limit, os.environ)
    if not found:
        typer.echo(f"glossary: nothing matches {query!r}", err=True)
        raise typer.Exit(EXIT_NOT_FOUND)
    render.matches(found, fmt, sys.stdout, parsed, scheme)


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


def _writable(ctx: typer.Context) -> Path:
    return paths.writable(ctx.obj.given, os.environ, Path.cwd())


def _say(message: str) -> None:
    typer.echo(message, err=True)


@app.command("init")
@handle_errors
def init_command(
    ctx: typer.Context,
    path: Annotated[Path, typer.Argument(metavar="PATH", help="Where to create it.")] = Path(
        paths.DEFAULT_NAME
    ),
    title: Annotated[str, typer.Option("--title", help="The glossary's title.")] = "Glossary",
) -> None:
    """Create a new glossary with a commented example entry; never overwrites a file.

    Example: glossary init --title "Sino-Russian military cooperation"
    """
    from glossary import safewrite, yamltext  # writers only: kept off the search path

    safewrite.create(path, yamltext.template(title))
    _say(f"created {display_path(path)}; add a term with: glossary add ZH --en TEXT")


TextOption = Annotated[str | None, typer.Option(show_default=False)]


@app.command("add")
@handle_errors
def add_command(
    ctx: typer.Context,
    zh: Annotated[
        str,
        typer.Argument(
            metavar="ZH", help="Simplified headword, or - to read YAML entries from stdin."
        ),
    ],
    en: Annotated[
        list[str] | None,
        typer.Option(
            "--en", "-e", metavar="TEXT", help="English rendering; repeat, preferred first."
        ),
    ] = None,
    pinyin: Annotated[
        str | None, typer.Option(help="Tone-marked pinyin (generated if left out).")
    ] = None,
    traditional: Annotated[
        str | None, typer.Option(help="Traditional form (generated if left out).")
    ] = None,
    literal: Annotated[str | None, typer.Option(help="Word-for-word gloss.")] = None,
    definition: Annotated[str | None, typer.Option(help="What the term means.")] = None,
    context: Annotated[str | None, typer.Option(help="The sentence where you met it.")] = None,
    source: Annotated[str | None, typer.Option(help="Where it comes from.")] = None,
    url: Annotated[str | None, typer.Option(help="A link to the source.")] = None,
    tag: Annotated[
        list[str] | None, typer.Option("--tag", "-t", metavar="TAG", help="A tag; repeatable.")
    ] = None,
    see: Annotated[
        list[str] | None,
        typer.Option("--see", metavar="ZH", help="A related headword; repeatable."),
    ] = None,
    id: Annotated[str | None, typer.Option("--id", help="Stable identity for exports.")] = None,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", "-n", help="Print the YAML; write nothing.")
    ] = False,
) -> None:
    """Add a term (or, with -, every entry of YAML read from stdin).

    Missing pinyin and traditional forms are generated and shown, to be checked.

    Example: glossary add 背对背 --en "back to back" --tag military
    """
    from glossary import changes, yamltext  # writers only: kept off the search path

    if zh == "-":
        terms = list(_stdin_terms())
    else:
        fields = {
            "pinyin": pinyin,
            "traditional": traditional,
            "literal": literal,
            "definition": definition,
            "context": context,
            "source": source,
            "url": url,
            "id": id,
        }
        terms = [changes.new_term(zh, en or [], tag or [], see or [], fields)]
    completed = [changes.fill_missing(term) for term in terms]
    new_terms = [term for term, _ in completed]
    if dry_run:
        lines = [line for term in new_terms for line in yamltext.entry_lines(term)]
        sys.stdout.write("\n".join(lines) + "\n")
    else:
        path = _writable(ctx)
        changes.add_terms(path, new_terms)
        _say(f"added {', '.join(t.zh for t in new_terms)} to {display_path(path)}")
    for term, generated in completed:
        for name in generated:
            _say(f"{term.zh}: {name} generated, please check: {getattr(term, name)}")


def _stdin_terms() -> tuple[Term, ...]:
    from glossary import store

    parsed = store.parse_entries(sys.stdin.read(), "<stdin>")
    if parsed.problems:
        raise parsed.problems[0].error()
    if not parsed.terms:
        raise UsageError(
            "no entries on stdin",
            hint="give YAML entries, e.g. '- zh: 背对背' and 'en: back to back'",
        )
    return parsed.terms


@app.command("edit")
@handle_errors
def edit_command(
    ctx: typer.Context,
    zh: Annotated[str, typer.Argument(metavar="ZH", help="The headword of the term to change.")],
    new_zh: Annotated[str | None, typer.Option("--zh", help="A new headword.")] = None,
    pinyin: Annotated[str | None, typer.Option(help="Set the pinyin ('' removes it).")] = None,
    traditional: Annotated[str | None, typer.Option(help="Set the traditional form.")] = None,
    literal: Annotated[str | None, typer.Option(help="Set the literal gloss.")] = None,
    definition: Annotated[str | None, typer.Option(help="Set the definition.")] = None,
    context: Annotated[str | None, typer.Option(help="Set the context sentence.")] = None,
    source: Annotated[str | None, typer.Option(help="Set the source.")] = None,
    url: Annotated[str | None, typer.Option(help="Set the link.")] = None,
    id: Annotated[str | None, typer.Option("--id", help="Set the id.")] = None,
    add_en: Annotated[
        list[str] | None, typer.Option("--add-en", metavar="TEXT", help="Add a rendering (last).")
    ] = None,
    remove_en: Annotated[
        list[str] | None, typer.Option("--remove-en", metavar="TEXT", help="Remove a rendering.")
    ] = None,
    prefer: Annotated[
        str | None,
        typer.Option(
            "--prefer", metavar="TEXT", help="Make this rendering the preferred one (added if new)."
        ),
    ] = None,
    add_tag: Annotated[
        list[str] | None, typer.Option("--add-tag", metavar="TAG", help="Add a tag.")
    ] = None,
    remove_tag: Annotated[
        list[str] | None, typer.Option("--remove-tag", metavar="TAG", help="Remove a tag.")
    ] = None,
    add_avoid: Annotated[
        list[str] | None,
        typer.Option("--add-avoid", metavar="TEXT", help="Add a rendering to avoid."),
    ] = None,
    remove_avoid: Annotated[
        list[str] | None,
        typer.Option("--remove-avoid", metavar="TEXT", help="Remove a rendering to avoid."),
    ] = None,
    add_see: Annotated[
        list[str] | None, typer.Option("--add-see", metavar="ZH", help="Add a related headword.")
    ] = None,
    remove_see: Annotated[
        list[str] | None,
        typer.Option("--remove-see", metavar="ZH", help="Remove a related headword."),
    ] = None,
) -> None:
    """Change fields of one term; everything else in the file stays as it was.

    Example: glossary edit 三股势力 --add-en "three evils" --add-tag sco
    """
    from glossary import changes  # writers only: kept off the search path

    settable = {
        "zh": new_zh,
        "pinyin": pinyin,
        "traditional": traditional,
        "literal": literal,
        "definition": definition,
        "context": context,
        "source": source,
        "url": url,
        "id": id,
    }
    edits = changes.Edits(
        set_fields={k: v for k, v in settable.items() if v is not None},
        add={
            "en": tuple(add_en or ()),
            "tags": tuple(add_tag or ()),
            "avoid": tuple(add_avoid or ()),
            "see": tuple(add_see or ()),
        },
        remove={
            "en": tuple(remove_en or ()),
            "tags": tuple(remove_tag or ()),
            "avoid": tuple(remove_avoid or ()),
            "see": tuple(remove_see or ()),
        },
        prefer=prefer,
    )
    if edits.is_empty():
        raise UsageError(
            "nothing to change", hint="give an option such as --add-en TEXT (see glossary edit -h)"
        )
    path = _writable(ctx)
    done = changes.change_term(path, zh, edits.apply)
    _say(
        f"changed {zh} in {display_path(path)}"
        if done
        else f"{zh} already reads so; nothing changed"
    )


@app.command("remove")
@handle_errors
def remove_command(
    ctx: typer.Context,
    zh: Annotated[str, typer.Argument(metavar="ZH", help="The headword of the term to remove.")],
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Do not ask for confirmation.")] = False,
) -> None:
    """Remove one term.

    Asks first on a terminal; elsewhere --yes is required.

    Example: glossary remove 背对背 --yes
    """
    from glossary import changes  # writers only: kept off the search path

    path = _writable(ctx)
    if not yes:
        if not render.is_terminal(sys.stdin):
            raise UsageError(f"not removing {zh} without confirmation", hint="add --yes")
        if not typer.confirm(f"Remove {zh} from {display_path(path)}?", err=True):
            raise typer.Exit(EXIT_NOT_FOUND)
    removed = changes.remove_term(path, zh)
    _say(f"removed {removed.zh} ({removed.preferred}) from {display_path(path)}")


@app.command("validate")
@handle_errors
def validate_command(
    ctx: typer.Context,
    files: Annotated[
        list[Path] | None,
        typer.Argument(
            metavar="[FILE]...",
            help="Glossary files (default: the one in use).",
            show_default=False,
        ),
    ] = None,
    strict: Annotated[bool, typer.Option("--strict", help="Exit 1 on warnings too.")] = False,
    fix: Annotated[
        bool,
        typer.Option("--fix", help="Fill in missing pinyin and traditional forms, trim spaces."),
    ] = False,
    fmt: Annotated[
        str, typer.Option("--format", "-f", metavar="FORMAT", help="text or json.")
    ] = "text",
) -> None:
    """Check glossary files: errors, then warnings, one per line as FILE:LINE:COL.

    Example: glossary validate --strict
    """
    from glossary import changes, validate  # writers only: kept off the search path

    chosen = list(files) if files else ctx.obj.files()
    findings = []
    for path in chosen:
        if fix:
            fixed = changes.change_terms(path, changes.fixed)
            _say(f"{display_path(path)}: fixed {_count(len(fixed), 'term')}")
        findings += validate.validate_file(path)
    render.findings(findings, fmt.lower(), sys.stdout)
    errors = sum(f.severity == validate.ERROR for f in findings)
    warnings = len(findings) - errors
    _say(f"{_count(errors, 'error')}, {_count(warnings, 'warning')}")
    if errors or (strict and warnings):
        raise typer.Exit(EXIT_NOT_FOUND)


@app.command("import")
@handle_errors
def import_command(
    ctx: typer.Context,
    fmt: Annotated[str, typer.Argument(metavar="FORMAT", help="csv, tsv, jsonl or cedict.")],
    source: Annotated[
        str, typer.Argument(metavar="FILE", help="The file to read, or - for stdin.")
    ],
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", metavar="FILE", help="Write a new glossary file."),
    ] = None,
    merge: Annotated[
        bool, typer.Option("--merge", help="Add the new terms to the glossary in use.")
    ] = False,
    strict: Annotated[
        bool, typer.Option("--strict", help="Stop at the first bad line; write nothing.")
    ] = False,
    title: Annotated[
        str | None, typer.Option("--title", help="Title of the new glossary (with -o).")
    ] = None,
) -> None:
    """Read terms from another format into a new glossary (-o) or the one in use (--merge).

    Example: glossary import cedict cedict_ts.u8 -o cedict.yaml
    """
    from glossary import changes, importers  # writers only: kept off the search path

    if (output is None) == (not merge):
        raise UsageError(
            "say where the terms go", hint="give -o FILE for a new glossary, or --merge"
        )
    text, shown = _read_input(source)
    result = importers.parse(fmt.lower(), text, shown, strict=strict)
    for problem in result.problems:
        _say(f"glossary: {problem.error()}")
    if strict and result.problems:
        raise typer.Exit(EXIT_BAD_FILE)
    if output is not None:
        changes.write_glossary(output, title or Path(shown).stem, result.terms)
        _say(f"wrote {len(result.terms)} terms to {display_path(output)}" + _skipped(result))
        return
    path = _writable(ctx)
    report = changes.merge_terms(path, result.terms)
    for old, new in report.conflicts:
        here, there = old.preferred, new.preferred
        _say(f"conflict: {old.zh} is {here!r} here, {there!r} in {shown}; kept {here!r}")
    _say(
        f"added {len(report.added)}, already there {len(report.same)}, "
        f"conflicts {len(report.conflicts)}" + _skipped(result)
    )


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def _skipped(result: ImportResult) -> str:
    return f"; {len(result.problems)} bad record(s) skipped" if result.problems else ""


def _read_input(source: str) -> tuple[str, str]:
    if source == "-":
        return sys.stdin.read(), "<stdin>"
    path = Path(source)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise GlossaryFileError(f"cannot read {display_path(path)}: {exc.strerror}") from None
    from glossary import store

    return store.decode(data, display_path(path)), display_path(path)


@app.command("export")
@handle_errors
def export_command(
    ctx: typer.Context,
    fmt: Annotated[str, typer.Argument(metavar="FORMAT", help="markdown, anki or anki-tsv.")],
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

    export, binary = exporters.find(fmt.lower())
    if binary and output is None and render.is_terminal(sys.stdout):
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
    data = export(terms, options)
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
