"""What ``glossary browse`` draws of a result: its row in the list, and its whole entry.

Both are rich Text, in the tone colours and with the underlining of the search table
(:func:`glossary.cli.render.match_cells`). Every text of an entry is made printable
first: a glossary is a file anyone may have written, and a terminal obeys what it is sent.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from glossary.cli import render
from glossary.clips import printable
from glossary.layers import GLOSSARY, Result
from glossary.model import LIST_FIELDS, TERM_FIELDS
from glossary.search import Query

#: The widest a headword or reading column of the list grows, in terminal columns.
_WIDEST = 24
_LABELS = {
    "avoid": "avoid",
    "literal": "literally",
    "definition": "definition",
    "context": "context",
    "source": "source",
    "url": "link",
    "tags": "tags",
    "see": "see",
    "id": "id",
}


def safe_result(r: Result) -> Result:
    """Give ``r`` with every text of its entry made printable."""
    changes: dict[str, object] = {}
    for name in TERM_FIELDS:
        value = getattr(r.term, name)
        if name in LIST_FIELDS:
            changes[name] = tuple(printable(v) for v in value)
        elif isinstance(value, str):
            changes[name] = printable(value)
    term = r.term.replace(**changes)
    match = r.match._replace(term=term, reading=printable(r.match.reading))
    return r._replace(match=match)


def rows(results: Sequence[Result], query: Query | None, scheme: str) -> list[Any]:
    """Give a line of the result list for each result: headword, pinyin, rendering and
    (dim) its source, in columns as wide as the widest of them (up to a limit)."""
    from rich.text import Text

    cells = [render.match_cells(r.match, query, scheme) for r in results]
    zh_width = min(_WIDEST, max((c[0].cell_len for c in cells), default=0))
    py_width = min(_WIDEST, max((c[1].cell_len for c in cells), default=0))
    out = []
    for r, (zh, reading, english) in zip(results, cells, strict=True):
        line = Text(no_wrap=True, overflow="ellipsis")
        line.append_text(_fit(zh, zh_width))
        line.append("  ")
        line.append_text(_fit(reading, py_width))
        line.append("  ")
        line.append_text(english)
        line.append(f"  · {r.source.name}", style="dim")
        out.append(line)
    return out


def _fit(text: Any, width: int) -> Any:
    """Give ``text`` cut or padded to ``width`` columns."""
    fitted = text.copy()
    fitted.truncate(width, overflow="ellipsis", pad=True)
    return fitted


def entry(r: Result, scheme: str) -> Any:
    """Give the whole entry of ``r``: headword and traditional form, pinyin, renderings
    (the preferred first), every other field, and where it comes from."""
    from rich.text import Text

    t = r.term
    out = Text()
    out.append_text(render.toned_headword(t.zh, r.reading, scheme))
    if t.traditional and t.traditional != t.zh:
        out.append(f"  {t.traditional}", style="bold")
    out.append("\n")
    out.append_text(render.toned_reading(r.reading, scheme))
    out.append("\n\n")
    out.append(t.preferred, style="bold green")
    for other in t.en[1:]:
        out.append(f"\n{other}", style="green")
    out.append("\n")
    for name, label in _LABELS.items():
        value = getattr(t, name)
        if value:
            text = ", ".join(value) if name in LIST_FIELDS else value
            out.append(f"\n{label}: ", style="bold dim")
            out.append(text)
    out.append("\n\n")
    out.append(where(r), style="dim italic")
    return out


def where(r: Result) -> str:
    """Give where an entry comes from, and what may be done with it there."""
    line = f", line {r.line}" if r.line else ""
    if r.source.kind != GLOSSARY:
        return f"{r.source.name}{line} · a adds it to your glossary"
    if not r.source.writable:
        return f"{r.source.name}{line} · read-only"
    return f"{r.source.name}{line} · e edits it"


def status(count: int, mode: str, tags: Sequence[str], text: str) -> str:
    """Give the status line: how many results, in which mode, for which tags."""
    parts = ["type to search" if not text.strip() and not tags else _found(count)]
    parts.append(f"mode: {mode}")
    if tags:
        parts.append("tag: " + ", ".join(printable(t) for t in tags))
    return " · ".join(parts)


def _found(count: int) -> str:
    return "no results" if count == 0 else f"{count} result" + ("" if count == 1 else "s")


def term_markdown(r: Result) -> str:
    """Give the Markdown snippet of an entry (as ``show --format md`` prints it)."""
    from glossary import markdown

    return markdown.snippet(r.term, r.reading)
