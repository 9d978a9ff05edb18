"""Text pasted from a PDF or a hard-wrapped page: its soft line breaks joined, offsets kept.

A line break is soft when the next line's first word would not have fitted on the line: the
line was wrapped, not ended. The test needs the text's line width, taken as the width of its
longest lines; a text whose lines are whole paragraphs (hundreds of characters) has none,
and is left as it is. Lines laid out on purpose are never joined: list and heading lines
that are pairs, bullets, table rows, ``Source:``-style labels, and page headers (a run of
spaces inside).

A break inside a bracket (opened on one line, closed early on the next) is soft whatever the
width. A soft break becomes a space; between two hanzi it goes (a term wrapped in the middle, "科技
\\n自立自强"); after a word broken by a hyphen ("distinc-\\ntive") both go. What was removed is
recorded, so that every offset in the joined text maps back to the original.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right

from glossary import pinyin
from glossary.extract import lines

_MAX_WRAP_WIDTH = 200  # lines longer than this are paragraphs, not wrapped lines
_MIN_WRAP_WIDTH = 40  # nobody wraps prose narrower than this
_LAYOUT = re.compile(
    r"^\s*(?:[-*•·]\s|\d+[.)]\s|#|\||>)|\S\s{3,}\S|\t"
    r"|^\s*(?:source|title|author|date|url|tags|by|published|updated)\s*:",
    re.I,
)


def unwrap(text: str) -> tuple[str, list[int]]:
    """Give ``text`` with its soft line breaks joined, and the offsets in the result before
    which one character was removed (each removal listed once)."""
    rows = text.split("\n")
    width = _line_width(rows)
    if width is None:
        return text, []
    out: list[str] = []
    removed: list[int] = []
    at = 0
    for i, row in enumerate(rows):
        if i + 1 == len(rows):
            out.append(row)
            break
        how = _join(row, rows[i + 1], width)
        if how == "hyphen":
            out.append(row[:-1])
            at += len(row) - 1
            removed += [at, at]
        elif how == "hanzi":
            out.append(row)
            at += len(row)
            removed.append(at)
        else:
            out.append(row + (" " if how == "space" else "\n"))
            at += len(row) + 1
    return "".join(out), removed


def original(removed: list[int], at: int) -> int:
    """Give the offset in the original text of offset ``at`` in the joined one."""
    return at + bisect_right(removed, at)


def _display_width(text: str) -> int:
    """Give the columns ``text`` takes: two for a wide character (hanzi), one otherwise."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _is_layout(row: str) -> bool:
    """Tell whether ``row`` is laid out on purpose: never joined to another."""
    return _LAYOUT.search(row) is not None or any(lines.line_pairs(row, 0))


def _line_width(rows: list[str]) -> int | None:
    """Give the width the text was wrapped at, or ``None`` when it was not wrapped."""
    widths = sorted(_display_width(r.rstrip()) for r in rows if r.strip() and not _is_layout(r))
    if len(widths) < 2:
        return None
    width = widths[round(0.9 * (len(widths) - 1))]
    return width if width <= _MAX_WRAP_WIDTH else None


def _open_bracket(row: str, following: str) -> bool:
    """Tell whether a bracket opened on ``row`` closes on the next line: one phrase runs on."""
    opened = row.count("(") + row.count("（") > row.count(")") + row.count("）")
    closing = re.match(r"[^()（）]{0,40}[)）]", following)
    return opened and closing is not None


def _join(row: str, following: str, width: int) -> str:
    """Give how ``row`` joins the next line: "hyphen", "hanzi", "space", or "" (it does not)."""
    if not row.strip() or not following.strip():
        return ""
    if _is_layout(row) or _is_layout(following):
        return ""
    if _display_width(row.rstrip()) < max(_MIN_WRAP_WIDTH, 0.6 * width):
        return ""  # a short line was ended, not wrapped: a title, a heading, a label
    first = following.split()[0]
    fits = _display_width(row.rstrip()) + 1 + _display_width(first) <= width
    if fits and not _open_bracket(row, following):
        return ""  # the next word would have fitted: the line was ended, not wrapped
    if row != row.rstrip() or following != following.lstrip():
        return "space"  # spaces at the break stay: only the break becomes one
    if re.search(r"[a-z]-$", row) and following[:1].islower():
        return "hyphen"
    if pinyin.has_hanzi(row[-1]) and pinyin.has_hanzi(following[0]):
        return "hanzi"
    return "space"
