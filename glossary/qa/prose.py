"""What of a draft is prose: the rest blanked out, offsets kept; and what its ignore
comments leave out.

In Markdown, code blocks (fenced and indented), code spans, front matter, HTML comments
and tags, link destinations, reference definitions and footnote marks are not prose; in
any draft, neither are URLs and e-mail addresses. Each of their characters becomes a NUL
(line ends stay), so that offsets, lines and columns stay those of the draft, and a phrase
never runs across them (see :mod:`glossary.qa.english`).

Markdown's block structure is read line by line, as CommonMark reads it in the cases that
drafts use (tests/test_prose.py compares it with markdown-it-py, a CommonMark parser):
parsing a 50-page draft with a full parser would take a quarter of the time a check
has, and no parser gives the places of code spans inside a paragraph.

Ignore comments (in any draft) leave findings out: ``<!-- glossary-ignore-line -->`` for
its own line, ``<!-- glossary-ignore-next-line -->`` for the next one, and
``<!-- glossary-ignore-start -->`` ... ``<!-- glossary-ignore-end -->`` for the lines
between; each may name terms (``<!-- glossary-ignore-line 三股势力 -->``) to leave out
only their findings.
"""

from __future__ import annotations

import re
from typing import NamedTuple

MARKDOWN_SUFFIXES = frozenset({".md", ".markdown", ".mdown", ".mkd", ".mdx"})

_FRONT_MATTER = re.compile(r"\A(?:---|\+\+\+)[ \t]*\n")
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_LIST_ITEM = re.compile(r"^[ \t]*(?:[-*+]|\d{1,9}[.)])(?:[ \t]|$)")
_COMMENT = re.compile(r"<!--.*?(?:-->|\Z)", re.S)
_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9-]*(?:\s+[^<>]*?)?/?>|<(?:https?|ftp|mailto):[^\s<>]*>")
_LINK_TARGET = re.compile(r"(?<=\])(?:\([^()\s]*(?:\s+(?:\"[^\"]*\"|'[^']*'))?\s*\)|\[[^\]\n]*\])")
_REFERENCE = re.compile(r"^ {0,3}\[[^\]\n]+\]:[ \t]*\S.*$", re.M)
_FOOTNOTE_MARK = re.compile(r"\[\^[^\]\s]+\]")
_URL = re.compile(
    r"(?:\b(?:https?|ftp)://|\bwww\.)[^\s<>()\[\]\"'“”]*[^\s<>()\[\]\"'“”.,;:!?]"
    r"|\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+"
)
_BACKTICKS = re.compile(r"`+")
_DIRECTIVE = re.compile(r"<!--\s*glossary-ignore-(line|next-line|start|end)\b(.*?)-->", re.S)
# What may stand before a sentence's first word: spaces, quotes, brackets, emphasis,
# blanked-out text.
_OPENERS = " \t*_\"'“‘([\0"
_BLOCK_START = re.compile(r"[ \t]*(?:#{1,6}|[-*+]|\d{1,9}[.)]|>|\|)?[ \t]*$")


class Ignored(NamedTuple):
    """Lines ``first`` to ``last`` (1-based) whose findings are left out: all of them, or
    only those of the headwords ``terms``."""

    first: int
    last: int
    terms: frozenset[str]


def prose(text: str, markdown: bool) -> str:
    """Give ``text`` with what is not prose blanked out by NULs (line ends kept).

    >>> prose("Use `three evils` at https://example.org/x.", True).replace("\\0", "#")
    'Use ############# at #####################.'
    """
    chars = list(text)
    spans: list[tuple[int, int]] = []
    if markdown:
        spans += _blocks(text)
        spans += [m.span() for m in _COMMENT.finditer(text)]
        spans += [m.span() for m in _REFERENCE.finditer(text)]
        spans += _code_spans(text, spans)
        spans += [m.span() for p in (_TAG, _LINK_TARGET, _FOOTNOTE_MARK) for m in p.finditer(text)]
    else:
        spans += [m.span() for m in _DIRECTIVE.finditer(text)]
    spans += [m.span() for m in _URL.finditer(text)]
    for start, end in spans:
        for k in range(start, end):
            if chars[k] != "\n":
                chars[k] = "\0"
    return "".join(chars)


def _blocks(text: str) -> list[tuple[int, int]]:
    """Give the spans of front matter and of fenced and indented code blocks."""
    spans: list[tuple[int, int]] = []
    lines = text.splitlines(keepends=True)
    starts = [0]
    for line in lines:
        starts.append(starts[-1] + len(line))
    k = 0
    if _FRONT_MATTER.match(text):
        close = "---" if text.startswith("---") else "+++"
        end = next(
            (j for j in range(1, len(lines)) if lines[j].rstrip() in (close, "...")),
            None,
        )
        if end is not None:
            spans.append((0, starts[end + 1]))
            k = end + 1
    in_list, blank_before = False, True
    while k < len(lines):
        line = lines[k]
        fence = _FENCE.match(line)
        if fence:
            end = _fence_end(lines, k, fence.group(1))
            spans.append((starts[k], starts[end]))
            k, blank_before = end, True
            continue
        if not line.strip():
            blank_before = True
            k += 1
            continue
        indent = _indent(line)
        if blank_before and indent >= (8 if in_list else 4):
            end = _indented_end(lines, k, 8 if in_list else 4)
            spans.append((starts[k], starts[end]))
            k = end
            continue
        if _LIST_ITEM.match(line):
            in_list = True
        elif indent == 0:
            in_list = False
        blank_before = False
        k += 1
    return spans


def _indent(line: str) -> int:
    """Give the columns of a line's indentation (a tab stops at the next multiple of 4)."""
    width = 0
    for c in line:
        if c == " ":
            width += 1
        elif c == "\t":
            width += 4 - width % 4
        else:
            break
    return width


def _fence_end(lines: list[str], k: int, fence: str) -> int:
    """Give the line after the fenced block opened at line ``k`` (the end if unclosed)."""
    closing = re.compile(rf"^ {{0,3}}{re.escape(fence[0])}{{{len(fence)},}}[ \t]*\r?\n?$")
    for j in range(k + 1, len(lines)):
        if closing.match(lines[j]):
            return j + 1
    return len(lines)


def _indented_end(lines: list[str], k: int, width: int) -> int:
    """Give the line after the indented code block that starts at line ``k``."""
    end = k + 1
    for j in range(k + 1, len(lines)):
        if lines[j].strip() and _indent(lines[j]) < width:
            break
        if lines[j].strip():
            end = j + 1
    return end


def _code_spans(text: str, blocked: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Give the spans of inline code: a run of backticks to the next run of the same
    length, within one paragraph, outside ``blocked`` spans."""
    spans: list[tuple[int, int]] = []
    runs = [m for m in _BACKTICKS.finditer(text) if not _inside(m.start(), blocked)]
    taken = -1
    for a, opening in enumerate(runs):
        if opening.start() < taken:
            continue
        width = len(opening.group())
        for closing in runs[a + 1 :]:
            between = text[opening.end() : closing.start()]
            if re.search(r"\n[ \t]*\n", between):
                break
            if len(closing.group()) == width:
                spans.append((opening.start(), closing.end()))
                taken = closing.end()
                break
    return spans


def _inside(at: int, spans: list[tuple[int, int]]) -> bool:
    return any(a <= at < b for a, b in spans)


def ignored(text: str) -> list[Ignored]:
    """Give the lines that the ignore comments of ``text`` leave out.

    >>> text = "a\\n<!-- glossary-ignore-next-line 三股势力 -->\\nb <!-- glossary-ignore-line -->"
    >>> [(i.first, i.last, sorted(i.terms)) for i in ignored(text)]
    [(3, 3, ['三股势力']), (3, 3, [])]
    """
    out: list[Ignored] = []
    opened: tuple[int, frozenset[str]] | None = None
    for m in _DIRECTIVE.finditer(text):
        line = text.count("\n", 0, m.start()) + 1
        terms = frozenset(t for t in re.split(r"[\s,]+", m.group(2)) if t)
        kind = m.group(1)
        if kind == "line":
            out.append(Ignored(line, line, terms))
        elif kind == "next-line":
            out.append(Ignored(line + 1, line + 1, terms))
        elif kind == "start":
            opened = opened or (line, terms)
        elif opened is not None:
            out.append(Ignored(opened[0], line, opened[1]))
            opened = None
    if opened is not None:
        out.append(Ignored(opened[0], text.count("\n") + 1, opened[1]))
    return out


def sentence_start(text: str, at: int) -> bool:
    """Tell whether the word at offset ``at`` of ``text`` (a prose view) starts a sentence:
    it follows a full stop, a question or exclamation mark, or starts a paragraph, a
    heading, a list item or a table cell.

    >>> t = "It ends. Three evils\\nthree evils\\n\\n- Three"
    >>> [sentence_start(t, k) for k in (0, 9, 21, 36)]
    [True, True, False, True]
    """
    k = at - 1
    while k >= 0 and text[k] in _OPENERS:
        k -= 1
    if k < 0 or text[k] in ".!?。！？|":
        return True
    line_start = text.rfind("\n", 0, k + 1) + 1
    if _BLOCK_START.match(text, line_start, k + 1):
        if line_start == 0 or text[line_start : k + 1].strip(" \t\n"):
            return True
        previous = text.rfind("\n", 0, line_start - 1) + 1
        return not text[previous : line_start - 1].strip(" \t\0")
    return False
