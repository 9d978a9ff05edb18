"""Where a glossary's ``terms:`` list and each of its entries lie in the text.

Every reader of a glossary file asks the same question of its text: where the ``terms:``
block list is, in which column its entries' dashes stand, and where each entry starts and
ends. The quick reader (:mod:`~glossary.termfile.quickyaml`) asks it before reading the
entries line by line; the surgical editor (:mod:`~glossary.termfile.edit`) asks it to find
one entry's lines, which the full loader (:func:`glossary.termfile.store.parse_items`) then
reads and locates problems in at their line of the file. This module answers it once, with
one set of patterns, in LF, CRLF or CR text, without parsing YAML: each caller judges for
itself whether what it is shown is written the way it reads.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any, NamedTuple

#: A term's fields (as ``Term.to_dict`` gives them) and the line where its entry starts.
Record = tuple[dict[str, Any], int]

# The line that opens the list: "terms:", or "terms: []" (an empty list, to be filled),
# then a comment perhaps.
_TERMS_LINE = re.compile(r"^terms:[ \t]*(\[[ \t]*\])?[ \t]*(#.*)?\r?$", re.M)
# The start of a line that is neither blank nor a comment.
_CONTENT = re.compile(r"^(?![ \t]*(#|\r?$))", re.M)
# What follows an entry's indentation: its dash, then a space or the end of the line.
_DASH = r"-(?: |\r?$)"
# The first entry's indentation and dash. Without re.M, "$" is only the end of the text, so
# a dash alone on the first entry's line is seen only there (as the editor always read it).
_FIRST_DASH = re.compile(r"( *)" + _DASH)
# Where the block ends: the first line at the margin that is not blank, a comment, or (in a
# list written flush left) an entry's dash. Searched as a line break and what follows it,
# which runs several times faster over a large file than "^" tried at every character.
_END = re.compile(r"\n(?=[^\s#])")
_END_FLUSH = re.compile(r"\n(?=[^\s#-]|-\S)")
# A list item's dash at the start of a line (the first after an entry's own is the
# column its list items are written in, if they are written as a block).
_ITEM = re.compile(r"^( +)- ", re.M)


class Span(NamedTuple):
    """A stretch of the text, ``text[start:end]``, and the line it starts on (1-based)."""

    start: int
    end: int
    line: int


class Block(NamedTuple):
    """Where the ``terms:`` list of a glossary's text lies, and its entries' column.

    Entries are found on demand, from the offset of something inside them, so that
    finding one entry in a large file costs a search, not a pass over every line.
    """

    text: str
    #: Offset of the ``terms:`` line.
    line: int
    #: Offset of the line after it.
    body: int
    #: Offset of the first entry's first line (``end`` when there is none).
    begin: int
    #: Offset just past the block (its last entry, comments and blank lines).
    end: int
    #: Column of the entries' dashes (where new ones go when there is none yet).
    dash: int
    #: The ``[]`` of ``terms: []``, as (start, end) offsets.
    empty: tuple[int, int] | None

    def starts(self) -> tuple[int, ...]:
        """Give the offset of every entry's first line (a pass over the whole block)."""
        found = entry_line(self.dash).finditer(self.text, self.begin, self.end)
        return tuple(m.start() for m in found)

    def spans(self) -> list[Span]:
        """Give every entry, in file order, as :meth:`entry_at` gives each: one pass over
        the block, counting line breaks from one entry to the next (not from the top of the
        file for each, which made a pass over every entry quadratic)."""
        text, starts = self.text, self.starts()
        found: list[Span] = []
        line, counted = text.count("\n", 0, self.begin) + 1, self.begin
        for start, limit in zip(starts, [*starts[1:], self.end], strict=True):
            line += text.count("\n", counted, start)
            counted = start
            found.append(Span(start, _content_end(text, start, limit), line))
        return found

    def entry_at(self, offset: int) -> Span | None:
        """Give the entry holding ``offset``, or ``None`` if it is outside every entry.
        The entry ends after the line break of its last line that is not blank or a
        comment (or at the end of the text)."""
        if not self.begin <= offset < self.end:
            return None
        text, item = self.text, entry_line(self.dash)
        start = text.rfind("\n", 0, offset) + 1
        marker = "\n" + " " * self.dash + "-"
        while not item.match(text, start):
            start = text.rfind(marker, self.begin - 1, start) + 1
            if start <= 0 or start < self.begin:
                start = self.begin
                break
        following = item.search(text, start + 1, self.end)
        limit = following.start() if following else self.end
        line = text.count("\n", 0, start) + 1
        return Span(start, _content_end(text, start, limit), line)

    def item_column(self) -> int | None:
        """Give the column of the first dash after the first entry's own: that of the
        entries' list items where it is right of their keys; None if there is none."""
        found = _ITEM.search(self.text, self.begin + self.dash + 2, self.end)
        return len(found[1]) if found else None


def lf_view(text: str) -> str:
    """Give ``text`` with lone CRs (old Mac line ends) read as LFs; other text as it is.

    YAML reads a lone CR as a line break, as the loader does; the patterns here look for
    LF. Swapping one character for one keeps every offset, so what is found in the view
    lies at the same place in the text itself, and splices apply to either alike.
    """
    if "\r" in text and "\n" not in text:
        return text.replace("\r", "\n")
    return text


def find_block(text: str) -> Block | None:
    """Give where the ``terms:`` list of a glossary's text lies; None where no ``terms:``
    line opens one. A list with no entries (``terms: []``, or a list that does not start
    with a dash) gives an empty block right after the ``terms:`` line. Text with CR line
    ends is read through its :func:`lf_view`, which the block holds as its text."""
    text = lf_view(text)
    match = _TERMS_LINE.search(text)
    if match is None:
        return None
    empty = (match.start(1), match.end(1)) if match.group(1) else None
    body = next_line(text, match.end())
    first = _CONTENT.search(text, body)
    dash = _FIRST_DASH.match(text, first.start()) if first else None
    if empty is not None or first is None or dash is None:
        return Block(text, match.start(), body, body, body, 2, empty)
    column = len(dash.group(1))
    # The block ends at the first line, below its start, that is less indented than its
    # entries.
    stop = (_END if column else _END_FLUSH).search(text, first.start())
    end = stop.start() + 1 if stop else len(text)
    return Block(text, match.start(), body, first.start(), end, column, empty)


def margin_lines(text: str, start: int, end: int, dash: int) -> list[int]:
    """Give the offsets of the lines in ``text[start:end]`` that start at the margin, as a
    block's end does (``dash``: the column of the list's entries)."""
    pattern = _END if dash else _END_FLUSH
    found = [m.start() + 1 for m in pattern.finditer(text, start, end)]
    # The region's own first line has no line break before it inside the region; it is
    # looked at as if it had one, and no further than ``end``.
    at_line_start = start == 0 or text[start - 1] == "\n"
    if at_line_start and start < end and pattern.match("\n" + text[start : min(start + 2, end)]):
        found.insert(0, start)
    return found


@lru_cache(maxsize=8)
def entry_line(dash: int) -> re.Pattern[str]:
    """Give the pattern of an entry's first line, in a list whose dashes are in column
    ``dash``."""
    return re.compile(rf"^ {{{dash}}}{_DASH}", re.M)


def separator(dash: int) -> str:
    """Give the text that starts each entry after the first in LF text where entries start
    ``- key``: the quick reader cuts and counts entries with it, by ``str`` methods, which
    run several times faster than a pattern over a large file. (An entry written otherwise
    fails the quick reader's line pattern, and it declines the file.)"""
    return "\n" + " " * dash + "- "


def next_line(text: str, pos: int) -> int:
    """Give the offset of the line after the one at ``pos`` (or of the text's end)."""
    end = text.find("\n", pos)
    return len(text) if end == -1 else end + 1


def _content_end(text: str, start: int, limit: int) -> int:
    """Give the end of the last line in ``text[start:limit]`` that is not blank or a comment."""
    end = limit
    while end > start:
        line_start = text.rfind("\n", start, end - 1) + 1 if end - 1 > start else start
        line = text[max(line_start, start) : end].strip()
        if line and not line.startswith("#"):
            return end
        end = max(line_start, start)
    return start
