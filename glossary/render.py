"""Output: rich tables on a terminal, plain text in a pipe, JSON and Markdown on request.

The only module beside ``cli`` that uses rich, and it imports rich only when it draws a
table, so piped output never pays for it.
"""

from __future__ import annotations

import json
import os
from collections.abc import Sequence
from dataclasses import replace
from typing import IO, TYPE_CHECKING, Any

from glossary import markdown
from glossary.errors import UsageError
from glossary.model import Term
from glossary.search import Match

if TYPE_CHECKING:
    from glossary.validate import Finding

FORMATS = ("table", "plain", "tsv", "json", "jsonl", "md")


def choose_format(requested: str | None, stdout: IO[str]) -> str:
    """Give the output format: as asked, else a table on a terminal and plain text in a pipe."""
    if requested is None:
        return "table" if is_terminal(stdout) else "plain"
    fmt = requested.lower()
    if fmt not in FORMATS:
        raise UsageError(f"unknown format {requested!r}", hint="use one of: " + ", ".join(FORMATS))
    return "plain" if fmt == "tsv" else fmt


def is_terminal(stream: IO[str]) -> bool:
    """Tell whether ``stream`` is a terminal (a person is reading or typing)."""
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


def term_data(term: Term, reading: str) -> dict[str, Any]:
    """Give the JSON object of a term: its stored fields, with pinyin filled in if it had none."""
    return (term if term.pinyin else replace(term, pinyin=reading or None)).to_dict()


def _one_line(text: str) -> str:
    return " ".join(text.split())


def matches(found: Sequence[Match], fmt: str, out: IO[str]) -> None:
    """Write search results to ``out`` in ``fmt``."""
    if fmt == "json":
        out.write(_json([_match_data(m) for m in found], indent=2) + "\n")
    elif fmt == "jsonl":
        out.writelines(_json(_match_data(m)) + "\n" for m in found)
    elif fmt == "md":
        out.write("\n".join(markdown.snippet(m.term, m.reading) for m in found))
    elif fmt == "table":
        _matches_table(found, out)
    else:
        for m in found:
            out.write(
                "\t".join(_one_line(x) for x in (m.term.zh, m.reading, m.term.preferred)) + "\n"
            )


def matched_label(m: Match) -> str:
    """Give what a result matched on: the field, and its text unless the row already shows it."""
    shown = m.field in ("zh", "pinyin", "id") or (m.field == "en" and m.text == m.term.preferred)
    return m.field if shown else f"{m.field}: {m.text}"


def _match_data(m: Match) -> dict[str, Any]:
    data = term_data(m.term, m.reading)
    data["match"] = {"field": m.field, "text": m.text, "score": round(m.score, 1)}
    return data


def _json(data: object, indent: int | None = None) -> str:
    return json.dumps(data, ensure_ascii=False, indent=indent)


def term(t: Term, reading: str, fmt: str, out: IO[str]) -> None:
    """Write one whole entry to ``out`` in ``fmt``."""
    if fmt in ("json", "jsonl"):
        out.write(_json(term_data(t, reading), indent=2 if fmt == "json" else None) + "\n")
    elif fmt == "md":
        out.write(markdown.snippet(t, reading))
    elif fmt == "table":
        _term_table(t, reading, out)
    else:
        for name, value in _labelled(t, reading):
            out.write(f"{name}: {_one_line(value)}\n")


def _labelled(t: Term, reading: str) -> list[tuple[str, str]]:
    """Give each non-empty field as (name, text), lists joined with '; '."""
    data = term_data(t, reading)
    return [(k, "; ".join(v) if isinstance(v, list) else v) for k, v in data.items()]


def _console(out: IO[str]) -> Any:
    from rich.console import Console

    return Console(file=out, no_color="NO_COLOR" in os.environ, highlight=False)


def _matches_table(found: Sequence[Match], out: IO[str]) -> None:
    from rich.table import Table
    from rich.text import Text

    table = Table(show_edge=False, pad_edge=False, header_style="bold")
    for name in ("Chinese", "Pinyin", "English", "Matched"):
        table.add_column(name, overflow="fold")
    for m in found:
        table.add_row(
            Text(m.term.zh, style="bold"),
            Text(m.reading, style="cyan"),
            Text(m.term.preferred),
            Text(matched_label(m), style="dim"),
        )
    _console(out).print(table)


def _term_table(t: Term, reading: str, out: IO[str]) -> None:
    from rich.table import Table
    from rich.text import Text

    table = Table(show_header=False, show_edge=False, box=None, pad_edge=False)
    table.add_column(style="bold dim", no_wrap=True)
    table.add_column(overflow="fold")
    for name, value in _labelled(t, reading):
        style = {"zh": "bold", "pinyin": "cyan", "en": "green"}.get(name, "")
        table.add_row(name, Text(value, style=style))
    _console(out).print(table)


LINT_FORMATS = ("text", "json")


def findings(found: Sequence[Finding], fmt: str, out: IO[str]) -> None:
    """Write lint findings: ``FILE:LINE:COL: severity: message`` lines, or a JSON list."""
    if fmt not in LINT_FORMATS:
        raise UsageError(f"unknown format {fmt!r}", hint="use text or json")
    if fmt == "json":
        data = [
            {
                "file": f.where.path,
                "line": f.where.line,
                "col": f.where.col,
                "severity": f.severity,
                "message": f.message,
            }
            for f in found
        ]
        out.write(_json(data, indent=2) + "\n")
    else:
        out.writelines(f"{f}\n" for f in found)
