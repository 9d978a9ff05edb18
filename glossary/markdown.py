"""Markdown for terms: the snippet ``show --format md`` prints, safe whatever the text holds."""

from __future__ import annotations

import re
from collections.abc import Collection

from glossary.model import TERM_FIELDS, Term

# Characters that mean something inline in CommonMark; escaping them keeps text literal.
_INLINE = re.compile(r"([\\`*_\[\]<>|~&!])")
# What would open a heading, list, quote or rule at the start of a line.
_LINE_START = re.compile(r"^([#\-+=>])")
_ORDERED = re.compile(r"^(\d+)([.)])")
_SAFE_URL = re.compile(r"^https?://[^\s<>]+$")


def escape(text: str) -> str:
    """Give ``text`` as literal Markdown on one line: breaks folded, markup escaped.

    >>> escape("a | b <b>")
    'a \\\\| b \\\\<b\\\\>'
    >>> escape("# not a heading")
    '\\\\# not a heading'
    >>> escape("1. not a list")
    '1\\\\. not a list'
    """
    flat = " ".join(text.split())
    escaped = _LINE_START.sub(r"\\\1", _INLINE.sub(r"\\\1", flat))
    return _ORDERED.sub(r"\1\\\2", escaped)


def snippet(
    term: Term,
    reading: str,
    *,
    heading: str | None = None,
    source_ref: str | None = None,
    fields: Collection[str] | None = None,
) -> str:
    """Give a Markdown snippet of ``term`` fit to paste into a report.

    ``reading`` is the pinyin to show (stored, or generated when the term has none).
    In a document, ``heading`` ("###") opens the entry with a heading, ``source_ref``
    (a footnote such as "[^1]") stands for the source and link, and ``fields`` limits
    what is shown.
    """
    show = set(fields) if fields is not None else set(TERM_FIELDS)
    name = escape(term.zh) if heading else f"**{escape(term.zh)}**"
    if "traditional" in show and term.traditional and term.traditional != term.zh:
        name += f" ({escape(term.traditional)})"
    gloss = escape(term.preferred) if "en" in show else ""
    if "pinyin" in show and reading:
        gloss = f"*{escape(reading)}* — {gloss}" if gloss else f"*{escape(reading)}*"
    if heading:
        lines = [f"{heading} {name}", "", gloss + (source_ref or "")]
    else:
        lines = [f"{name} {gloss}".rstrip()]
    lines.append("")
    lines += [f"- **{label}:** {escape(value)}" for label, value in _details(term, show) if value]
    if source_ref is None and "url" in show and term.url:
        lines.append(f"- **Link:** {link(term.url)}")
    return "\n".join(lines).rstrip() + "\n"


def _details(term: Term, show: set[str]) -> list[tuple[str, str | None]]:
    rows = [
        ("en", "Also", "; ".join(term.en[1:])),
        ("avoid", "Avoid", "; ".join(term.avoid)),
        ("literal", "Literally", term.literal),
        ("definition", "Definition", term.definition),
        ("context", "Context", term.context),
        ("source", "Source", term.source),
        ("tags", "Tags", ", ".join(term.tags)),
        ("see", "See", ", ".join(term.see)),
    ]
    return [(label, value) for name, label, value in rows if name in show]


def link(url: str) -> str:
    """Give ``url`` as a Markdown autolink when it is a plain web address, else as text."""
    return f"<{url}>" if _SAFE_URL.match(url) else escape(url)
