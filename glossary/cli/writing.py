"""The ``glossary`` commands that write or check glossary files: init, add, edit, remove,
validate and import. Typer commands only; the work is done in the core modules."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from glossary import paths
from glossary.cli import render
from glossary.cli.base import DictOption, app, handle_errors
from glossary.cli.streams import STDOUT, count, read_input, say
from glossary.errors import (
    EXIT_BAD_FILE,
    EXIT_NOT_FOUND,
    GlossaryFileError,
    Location,
    NotFoundError,
    UsageError,
    display_path,
)
from glossary.lint import ERROR
from glossary.model import Term

if TYPE_CHECKING:
    from glossary.importers import ImportResult


@app.command("init")
@handle_errors
def init_command(
    ctx: typer.Context,
    path: Annotated[
        Path, typer.Argument(metavar="PATH", help="Where to create it.", readable=False)
    ] = Path(paths.DEFAULT_NAME),
    title: Annotated[str, typer.Option("--title", help="The glossary's title.")] = "Glossary",
) -> None:
    """Create a new glossary with a commented example entry; never overwrites a file.

    Example: glossary init --title "Sino-Russian military cooperation"
    """
    from glossary.termfile import safewrite, yamltext  # writers only: kept off the search path

    safewrite.create(path, yamltext.template(title))
    say(f"created {display_path(path)}; add a term with: glossary add ZH --en TEXT")


@app.command("add")
@handle_errors
def add_command(
    ctx: typer.Context,
    zh: Annotated[
        str,
        typer.Argument(
            metavar="ZH",
            help="Headword (traditional is converted), or - to read YAML entries from stdin.",
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
    from_dict: Annotated[
        bool,
        typer.Option(
            "--from-dict",
            help="Take pinyin, traditional form and renderings from the dictionary "
            "(with -, headwords from stdin, one a line).",
        ),
    ] = False,
    use_dict: DictOption = None,
) -> None:
    """Add a term (or, with -, every entry of YAML read from stdin).

    Missing pinyin and traditional forms are generated and shown, to be checked: the
    pinyin from the dictionary's words where it knows them.

    Example: glossary add 背对背 --en "back to back" --tag military
    """
    from glossary.dictionary import readings
    from glossary.termfile import changes, yamltext  # writers only: kept off the search path

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
    read = readings.generator(os.environ, True if from_dict else use_dict)
    if from_dict:
        headwords = _stdin_headwords(ctx.obj.limit()) if zh == "-" else [zh]
        if len(headwords) > 1 and en:
            raise UsageError("--en names the rendering of one headword", hint="add them one by one")
        terms = [
            _from_dictionary(word, en or [], read, fields, tag or [], see or [])
            for word in headwords
        ]
    elif zh == "-":
        terms = list(_stdin_terms(ctx.obj.limit()))
    else:
        terms = [changes.new_term(zh, en or [], tag or [], see or [], fields)]
    converted = [changes.simplified_headword(term) for term in terms]
    completed = [changes.fill_missing(term, read) for term, _ in converted]
    new_terms = [term for term, _ in completed]
    path = ctx.obj.writable()
    changes.add_terms(path, new_terms, dry_run=dry_run)  # a dry run fails as add would
    if dry_run:
        lines = [line for term in new_terms for line in yamltext.entry_lines(term)]
        sys.stdout.write("\n".join(lines) + "\n")
    else:
        say(f"added {', '.join(t.zh for t in new_terms)} to {display_path(path)}")
    for (_, was_traditional), (term, generated) in zip(converted, completed, strict=True):
        if was_traditional:
            say(f"{term.zh}: from the traditional headword {term.traditional}, kept as traditional")
        for name in generated:
            say(f"{term.zh}: {name} generated, please check: {getattr(term, name)}")


def _from_dictionary(
    zh: str,
    en: Sequence[str],
    read: Callable[[str], str],
    fields: dict[str, str | None],
    tags: Sequence[str],
    see: Sequence[str],
) -> Term:
    """Give the term to add for ``zh`` from the top dictionary that holds it: its senses
    as renderings, the preferred one as ``--en`` says, else as the user chooses on a
    terminal, else the dictionary's first."""
    from glossary.dictionary import entries, layers

    stack = layers.stack_for([], True, os.environ, say)
    found = stack.in_dictionaries(zh.strip())
    if found is None or found.origin is None:
        if stack.problems:
            raise stack.problems[0]
        raise NotFoundError(
            f"{zh} is in none of the dictionaries",
            hint=f"add it with your own rendering: glossary add {zh} --en TEXT",
        )
    offered = entries.senses(found.term)
    preferred = list(en) or _choose(zh, offered)
    reading = fields.get("pinyin") or read(zh)
    term = entries.from_entry(
        zh, found.term, found.origin, entries.ordered(offered, preferred), reading
    )
    given = {k: v for k, v in fields.items() if v}
    return term.replace(**given, tags=tuple(tags), see=tuple(see))


def _choose(zh: str, offered: Sequence[str]) -> list[str]:
    """Give the rendering the user prefers among ``offered`` (on a terminal: asked, by
    number or in words), else none, so that the dictionary's order stands."""
    if not (render.is_terminal(sys.stdin) and render.is_terminal(sys.stderr)):
        return []
    for n, sense in enumerate(offered, 1):
        say(f"  {n}. {sense}")
    answer = typer.prompt(f"{zh}: preferred rendering (number, or your own)", default="1", err=True)
    if answer.strip().isdigit() and 1 <= int(answer) <= len(offered):
        return [offered[int(answer) - 1]]
    return [answer.strip()] if answer.strip() else []


def _stdin_headwords(limit: int) -> list[str]:
    """Give the headwords read from stdin: the first column of each line (as
    ``glossary scan --coverage`` writes them), skipping blank lines and # comments."""
    text, _ = read_input("-", limit)
    words = [line.split("\t")[0].strip() for line in text.splitlines()]
    found = list(dict.fromkeys(w for w in words if w and not w.startswith("#")))
    if not found:
        raise UsageError("no headwords on stdin", hint="give one a line, e.g. 韬光养晦")
    return found


def _stdin_terms(limit: int) -> tuple[Term, ...]:
    from glossary.termfile import store

    text, _ = read_input("-", limit)
    parsed = store.parse_entries(text, "<stdin>")
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
    from glossary.termfile import changes  # writers only: kept off the search path

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
    given = edits.set_fields

    def update(term: Term) -> Term:
        return changes.follow_rename(term, edits.apply(term), given)

    path = ctx.obj.writable()
    done = changes.change_terms(path, update, only=zh)
    if not done:
        say(f"{zh} already reads so; nothing changed")
        return
    say(f"changed {zh} in {display_path(path)}")
    before, after = done[0]
    if done[1:]:
        names = ", ".join(term.zh for term, _ in done[1:])
        say(f"see links to {zh} now name {after.zh} in: {names}")
    for note in changes.reading_notes(before, after, given):
        say(note)


@app.command("remove")
@handle_errors
def remove_command(
    ctx: typer.Context,
    zh: Annotated[str, typer.Argument(metavar="ZH", help="The headword of the term to remove.")],
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Do not ask for confirmation.")] = False,
    unlink: Annotated[
        bool, typer.Option("--unlink", help="Also remove other entries' see links to it.")
    ] = False,
) -> None:
    """Remove one term, naming the entries whose see links to it.

    Asks first on a terminal; elsewhere --yes is required.

    Example: glossary remove 背对背 --yes
    """
    from glossary.termfile import changes  # writers only: kept off the search path

    path = ctx.obj.writable()
    if not yes:
        if not render.is_terminal(sys.stdin):
            raise UsageError(f"not removing {zh} without confirmation", hint="add --yes")
        if not typer.confirm(f"Remove {zh} from {display_path(path)}?", err=True):
            raise typer.Exit(EXIT_NOT_FOUND)
    removed, linked = changes.remove_linked(path, zh, unlink)
    say(f"removed {removed.zh} ({removed.preferred}) from {display_path(path)}")
    if linked and unlink:
        say(f"removed the see links to {zh} from: {', '.join(linked)}")
    elif linked:
        say(
            f"still linking to {zh} in see: {', '.join(linked)} "
            f"(glossary edit HEADWORD --remove-see {zh}; or remove with --unlink)"
        )


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
            readable=False,  # validate says what is wrong with one, in one line, exit 3
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
    use_dict: DictOption = None,
    summary: Annotated[
        bool, typer.Option("--summary", help="Count the findings by rule instead.")
    ] = False,
    limit: Annotated[
        int | None,
        typer.Option("--limit", metavar="N", min=0, help="Show at most N findings."),
    ] = None,
) -> None:
    """Check glossary files: errors, then warnings, one per line as FILE:LINE:COL.

    Readings are checked against the dictionary's words (pypinyin's with --no-dict); a
    term tagged pinyin-checked is not.

    Example: glossary validate --strict
    """
    from glossary import pinyin as readings_alone
    from glossary import validate
    from glossary.dictionary import readings
    from glossary.termfile import changes  # writers only: kept off the search path

    chosen = [paths.checked(f, ctx.obj.limit()) for f in files] if files else ctx.obj.files()
    reader = readings.reader(os.environ, use_dict)
    read = reader.generate if reader else readings_alone.generate
    allowed = reader.syllables if reader else None
    findings = []
    for path in chosen:
        if fix:
            fixed = changes.change_terms(path, lambda term: changes.fixed(term, read))
            say(f"{display_path(path)}: fixed {count(len(fixed), 'term')}")
        findings += validate.validate_file(path, allowed)
    if summary:
        render.rule_counts(validate.summary(findings), fmt.lower(), sys.stdout)
    else:
        shown = findings if limit is None else findings[:limit]
        render.findings(shown, fmt.lower(), sys.stdout)
        if len(shown) < len(findings):
            say(f"showing {len(shown)} of {count(len(findings), 'finding')} (--limit)")
    errors = sum(f.severity == ERROR for f in findings)
    warnings = len(findings) - errors
    say(f"{count(errors, 'error')}, {count(warnings, 'warning')}")
    if errors or (strict and warnings):
        raise typer.Exit(EXIT_NOT_FOUND)


@app.command("import")
@handle_errors
def import_command(
    ctx: typer.Context,
    fmt: Annotated[
        str,
        typer.Argument(metavar="FORMAT", help="csv, tsv, json, jsonl, pleco, tbx or cedict."),
    ],
    source: Annotated[
        str, typer.Argument(metavar="FILE", help="The file to read, or - for stdin.")
    ],
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            metavar="FILE",
            help="Write a new glossary file (- for stdout).",
            readable=False,
        ),
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
    on_conflict: Annotated[
        str,
        typer.Option(
            "--on-conflict",
            metavar="WHAT",
            help="With --merge, a headword with another preferred rendering: keep ours, "
            "replace with theirs, or add theirs as alternatives.",
        ),
    ] = "keep",
    force: Annotated[
        bool, typer.Option("--force", help="Replace the -o file if it exists.")
    ] = False,
    raw: Annotated[
        bool,
        typer.Option(
            "--raw", help="csv, tsv: take cells as they are, a leading ' before = + - @ kept."
        ),
    ] = False,
) -> None:
    """Read terms from another format into a new glossary (-o) or the one in use (--merge).

    Example: glossary import cedict cedict_ts.u8 -o cedict.yaml
    """
    from glossary import importers
    from glossary.termfile import changes  # writers only: kept off the search path

    if (output is None) == (not merge):
        raise UsageError(
            "say where the terms go", hint="give -o FILE for a new glossary, or --merge"
        )
    text, shown = read_input(source, ctx.obj.limit())
    result = importers.parse(fmt.lower(), text, shown, strict=strict, raw=raw)
    if not result.terms and not result.problems:  # blank, or comments only: write nothing
        raise GlossaryFileError(
            "found no entries in the input; nothing was written",
            where=Location(shown),
            hint=f"check that this is a {fmt.lower()} file (glossary import -h lists the formats)",
        )
    for problem in result.problems:
        say(f"glossary: {problem.error()}")
    if result.problems and (strict or not result.terms):
        say("glossary: nothing was written")
        raise typer.Exit(EXIT_BAD_FILE)
    if output is not None and str(output) == STDOUT:
        sys.stdout.write(changes.glossary_text(output, title or Path(shown).stem, result.terms))
        say(f"wrote {len(result.terms)} terms to stdout" + _skipped(result))
        return
    if output is not None:
        changes.write_glossary(
            output,
            title or Path(shown).stem,
            result.terms,
            in_use=ctx.obj.files(),
            force=force,
        )
        say(f"wrote {len(result.terms)} terms to {display_path(output)}" + _skipped(result))
        return
    path = ctx.obj.writable()
    report = changes.merge_terms(path, result.terms, on_conflict.lower())
    became = {"keep": 0, "replace": 0, "add": 0}
    for (old, new), now in zip(report.conflicts, report.outcomes, strict=True):
        here, there = old.preferred, new.preferred
        if now.en == old.en:
            outcome, became["keep"] = f"kept {here!r}", became["keep"] + 1
        elif now.preferred != old.preferred:
            outcome, became["replace"] = f"replaced with {there!r}", became["replace"] + 1
        else:
            added = ", ".join(repr(r) for r in now.en[len(old.en) :])
            outcome, became["add"] = f"added {added} as alternatives", became["add"] + 1
        say(f"conflict: {old.zh} is {here!r} here, {there!r} in {shown}; {outcome}")
    settled = f" (kept {became['keep']}, replaced {became['replace']}, added to {became['add']})"
    say(
        f"added {len(report.added)}, already there {len(report.same)}, "
        f"conflicts {len(report.conflicts)}"
        + (settled if report.conflicts and on_conflict.lower() != "keep" else "")
        + _skipped(result)
    )


def _skipped(result: ImportResult) -> str:
    return f"; {len(result.problems)} bad record(s) skipped" if result.problems else ""
