"""Markdown for terms: the snippet ``show --format md`` prints, safe whatever the text holds."""

from __future__ import annotations

import re

from glossary.model import Term

# Characters that mean something inline in CommonMark; escaping them keeps text literal.
_INLINE = re.compile(r"([\\`*_\[\]<>|~&!])")
# What would open a heading, list, quote or rule at the start of a line.
_LINE_START = re.compile(r"^(#|[-+=>]|\d+[.)])")
_SAFE_URL = re.compile(r"^https?://[^\s<>]+$")


def escape(text: str) -> str:
    """Give ``text`` as literal Markdown on one line: breaks folded, markup escaped.

    >>> escape("a | b <b>")
    'a \\\\| b \\\\<b\\\\>'
    >>> escape("# not a heading")
    '\\\\# not a heading'
    """
    flat = " ".join(text.split())
    return _LINE_START.sub(r"\\\1", _INLINE.sub(r"\\\1", flat))


def snippet(term: Term, reading: str) -> str:
    """Give a Markdown snippet of ``term`` fit to paste into a report.

    ``reading`` is the pinyin to show (stored, or generated when the term has none).
    """
    head = f"**{escape(term.zh)}**"
    if term.traditional and term.traditional != term.zh:
        head += f" ({escape(term.traditional)})"
    if reading:
        head += f" *{escape(reading)}*"
    lines = [f"{head} — {escape(term.preferred)}", ""]
    fields = [
        ("Also", "; ".join(term.en[1:])),
        ("Avoid", "; ".join(term.avoid)),
        ("Literally", term.literal),
        ("Definition", term.definition),
        ("Context", term.context),
        ("Source", term.source),
        ("Tags", ", ".join(term.tags)),
        ("See", ", ".join(term.see)),
    ]
    lines += [f"- **{label}:** {escape(value)}" for label, value in fields if value]
    if term.url:
        url = f"<{term.url}>" if _SAFE_URL.match(term.url) else escape(term.url)
        lines.append(f"- **Link:** {url}")
    return "\n".join(lines).rstrip() + "\n"
