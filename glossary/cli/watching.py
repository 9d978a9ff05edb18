"""``glossary watch``: look up each text copied to the clipboard, and write what it holds.

The clipboard is read every quarter of a second (reading it is one short-lived process of
the clipboard tool, a few milliseconds of CPU); a text is looked up when it changes, holds
hanzi (or, with ``--pinyin``, is pinyin), and was not looked up before. What to make of a
text is decided in :mod:`glossary.clips`; here it is polled for and written out.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import IO, Annotated

import typer

from glossary import clips
from glossary.cli import render, runners
from glossary.cli.base import app, handle_errors
from glossary.cli.clipboard import open_clipboard
from glossary.cli.streams import say
from glossary.errors import GlossaryFileError, UsageError, display_path
from glossary.layers import Glossaries, Layer, Result, Word

WATCH_FORMATS = ("text", "jsonl", "md")
#: Seconds between two looks at the clipboard: a copy is shown within half a second.
INTERVAL = 0.25


@app.command("watch")
@handle_errors
def watch_command(
    ctx: typer.Context,
    fmt: Annotated[
        str, typer.Option("--format", "-f", metavar="FORMAT", help="text, jsonl or md.")
    ] = "text",
    append: Annotated[
        Path | None,
        typer.Option("--append", "-a", metavar="FILE", help="Also add each lookup to FILE."),
    ] = None,
    with_pinyin: Annotated[
        bool, typer.Option("--pinyin", help="Look up copied pinyin words too.")
    ] = False,
) -> int:
    """Look up whatever you copy: a term's entry, or the known terms of a sentence.

    Needs xclip, xsel or wl-clipboard on Linux. Ctrl-C stops.

    Example: glossary watch --append reading.md --format md
    """
    if fmt.lower() not in WATCH_FORMATS:
        raise UsageError(f"unknown format {fmt!r}", hint="use text, jsonl or md")
    clipboard = open_clipboard(os.environ)
    files = ctx.obj.files()
    glossaries = Glossaries(files, os.environ)
    with runners.indexing(files):  # the index and matcher now, rather than at the first copy
        glossaries.words("")
    sources: list[Layer] = [glossaries]
    writer = _Writer(fmt.lower(), sys.stdout, append)
    try:
        watch(
            clipboard.paste,
            lambda text: writer.write(_look_up(sources, text, with_pinyin)),
            ready=lambda: say(f"glossary: watching the clipboard ({clipboard.tool}); Ctrl-C stops"),
        )
    except KeyboardInterrupt:
        return 0
    return 0


def _look_up(sources: Sequence[Layer], text: str, with_pinyin: bool) -> clips.Lookup | None:
    if not clips.wanted(text, with_pinyin=with_pinyin):
        return None
    return clips.look_up(sources, text, with_pinyin=with_pinyin)


def watch(
    paste: Callable[[], str],
    show: Callable[[str], None],
    *,
    ready: Callable[[], None] = lambda: None,
    interval: float = INTERVAL,
) -> None:
    """Hand each new text on the clipboard to ``show``, once per text, until interrupted.
    What was on the clipboard before the watch began is not new; ``ready`` is called once
    that is known."""
    last = paste()
    ready()
    seen = clips.Seen()
    while True:
        time.sleep(interval)
        text = paste()
        if text == last:
            continue
        last = text
        if text.strip() and seen.first(clips.cut(text)[0]):
            show(text)


class _Writer:
    """Writes lookups in one format to stdout, and to the reading log if there is one."""

    def __init__(self, fmt: str, out: IO[str], log: Path | None):
        self.fmt = fmt
        self.out = out
        self.log = log

    def write(self, found: clips.Lookup | None) -> None:
        if found is None:
            return
        text = lookup_text(found, self.fmt)
        # The log first: what has been shown is in the log, even if the watch is stopped.
        if self.log is not None:
            try:
                with self.log.open("a", encoding="utf-8") as log:
                    log.write(text)
            except OSError as exc:
                where = display_path(self.log)
                raise GlossaryFileError(f"cannot add to {where}: {exc.strerror}") from None
        self.out.write(text)
        self.out.flush()


def lookup_text(found: clips.Lookup, fmt: str) -> str:
    """Give what is written for one copied text: a block to read, a JSON line, or
    Markdown to append to notes."""
    if fmt == "jsonl":
        return render.json_line(_lookup_data(found))  # JSON escapes control characters
    written = _markdown(found) if fmt == "md" else _block(found)
    # Whatever a glossary or a copied text holds, no control character reaches a terminal.
    return "\n".join(clips.printable(line) for line in written.split("\n"))


def _lookup_data(found: clips.Lookup) -> dict[str, object]:
    return {
        "text": found.text,
        "kind": found.kind,
        "left_out": found.left_out,
        "entry": _result_data(found.entry) if found.entry else None,
        "words": [
            {"start": w.start, "end": w.end, "text": w.text, **_result_data(w.result)}
            for w in found.words
        ],
    }


def _result_data(r: Result) -> dict[str, object]:
    return {**render.term_data(r.term, r.reading), "source": r.source.name, "line": r.line}


_SHOWN = 60  # characters of a copied text shown above its lookup


def _block(found: clips.Lookup) -> str:
    shown = clips.printable(found.text)
    lines = [shown if len(shown) <= _SHOWN else shown[: _SHOWN - 1] + "…"]
    if found.entry is not None:
        lines += ["  " + line for line in _entry_lines(found.entry)]
    elif found.words:
        lines += _word_lines(found.words)
    else:
        lines.append("  (no term of your glossaries in it)")
    if found.left_out:
        lines.append(f"  (a long copy: only its first {clips.LONGEST:,} characters were read)")
    return "\n".join(lines) + "\n\n"


def _entry_lines(r: Result) -> list[str]:
    t = r.term
    safe = clips.printable
    head = safe(t.zh) + (f" ({safe(t.traditional)})" if t.traditional else "")
    lines = [f"{head}  {safe(r.reading)}", "; ".join(safe(e) for e in t.en)]
    for label, value in (("literally", t.literal), ("definition", t.definition)):
        if value:
            lines.append(f"{label}: {safe(value)}")
    if t.tags:
        lines.append("tags: " + ", ".join(safe(x) for x in t.tags))
    lines.append("from " + _where(r))
    return lines


def _word_lines(words: Sequence[Word]) -> list[str]:
    safe = clips.printable
    rows = [(safe(w.result.term.zh), safe(w.result.reading), w.result) for w in words]
    zh_width = max(render.width(zh) for zh, _, _ in rows)
    py_width = max(render.width(py) for _, py, _ in rows)
    return [
        f"  {render.pad(zh, zh_width)}  {render.pad(py, py_width)}  "
        f"{safe(r.term.preferred)}  [{safe(r.source.name)}]"
        for zh, py, r in rows
    ]


def _where(r: Result) -> str:
    name = clips.printable(r.source.name)
    return f"{name}:{r.line}" if r.line else name


def _markdown(found: clips.Lookup) -> str:
    from glossary import markdown

    if found.entry is not None:
        return markdown.snippet(found.entry.term, found.entry.reading) + "\n"
    quoted = markdown.escape(found.text[:200] + ("…" if len(found.text) > 200 else ""))
    lines = [f"> {quoted}", ""]
    for w in found.words:
        t = w.result.term
        reading = f" *{markdown.escape(w.result.reading)}*" if w.result.reading else ""
        lines.append(f"- **{markdown.escape(t.zh)}**{reading} — {markdown.escape(t.preferred)}")
    if not found.words:
        lines.append("- (no term of your glossaries in it)")
    return "\n".join(lines) + "\n\n"
