"""Surgical edits of a glossary's text: add, change or remove one entry and touch nothing else.

Round-trip YAML libraries re-parse and re-dump the whole document (over a minute and a
gigabyte on a 120,000-entry file). Here the entries of the file's ``terms:`` block list are
found by :mod:`~glossary.termfile.layout`; an entry to change is found by searching the
text for its headword and parsing only the entries where it occurs; new text is spliced in
at those lines. Every other byte of the file, comments and blank lines included, stays as
it was.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cached_property

import yaml

from glossary.errors import GlossaryFileError, Location
from glossary.model import TERM_FIELDS, Term
from glossary.termfile import aliases, comments, store, yamltext
from glossary.termfile.layout import Block, entry_line, find_block, next_line
from glossary.termfile.layout import Span as Span


@dataclass(frozen=True)
class Layout:
    """Where the entries of a glossary's ``terms:`` list lie in its text (as
    :func:`~glossary.termfile.layout.find_block` finds them), and how new lines are written.
    """

    block: Block
    shown: str
    newline: str

    @property
    def text(self) -> str:
        """Give the glossary's text."""
        return self.block.text

    @property
    def item_indent(self) -> str:
        """Give the indentation of the entries' dashes."""
        return " " * self.block.dash

    @property
    def block_start(self) -> int:
        """Give the offset of the first entry's first line (``block_end`` when there is none)."""
        return self.block.begin

    @property
    def block_end(self) -> int:
        """Give the offset just past the ``terms:`` block (its last entry, comments and
        blank lines)."""
        return self.block.end

    @property
    def empty_list(self) -> tuple[int, int] | None:
        """Give the ``[]`` of ``terms: []``, replaced when the first entry is added."""
        return self.block.empty

    @property
    def body_start(self) -> int:
        """Give the offset of the line after ``terms:``."""
        return self.block.body

    @cached_property
    def starts(self) -> tuple[int, ...]:
        """Give the offset of every entry's first line (a pass over the whole block)."""
        return self.block.starts()

    def entry_at(self, offset: int) -> Span | None:
        """Give the entry holding ``offset``, or ``None`` if it is outside every entry."""
        return self.block.entry_at(offset)

    def spans(self) -> list[Span]:
        """Give every entry, in file order."""
        return self.block.spans()

    def index(self, span: Span) -> int:
        """Give the position of ``span`` among the entries."""
        return bisect.bisect_left(self.starts, span.start)

    @property
    def insert_at(self) -> int:
        """Give where a new entry goes: after the last entry, else after ``terms:``."""
        last = self.entry_at(self.block_end - 1) if self.block_start < self.block_end else None
        return last.end if last else self.body_start

    @property
    def spaced(self) -> bool:
        """Tell whether the last two entries are separated by a blank line."""
        last = self.entry_at(self.block_end - 1) if self.block_start < self.block_end else None
        before = self.entry_at(last.start - 1) if last and last.start > self.block_start else None
        if last is None or before is None:
            return False
        gap = self.text[before.end : last.start]
        return any(not line.strip() for line in gap.split("\n")[:-1])

    def holding(self, needle: str) -> list[Span]:
        """Give the entries whose text contains ``needle``, in order."""
        found: list[Span] = []
        at = self.text.find(needle, self.block_start, self.block_end)
        while at != -1:
            span = self.entry_at(at)
            if span is not None and (not found or found[-1].start != span.start):
                found.append(span)
            at = self.text.find(needle, (span.end if span else at + 1), self.block_end)
        return found

    def parse(self, span: Span) -> Term | None:
        """Give the term of the entry at ``span``, or ``None`` if it has problems of its own."""
        parsed = store.parse_items(self.text[span.start : span.end], self.shown, span.line)
        return parsed.terms[0] if len(parsed.terms) == 1 and not parsed.problems else None

    def find(self, zh: str) -> Span | None:
        """Give the entry whose headword is ``zh``, or ``None``.

        The headword is looked for as it is and as the writer escapes it in double quotes
        (one holding a quote, a backslash, a line break or a control character).
        """
        quoted = yamltext.scalar(zh)
        needles = (zh, quoted[1:-1]) if quoted != zh else (zh,)
        for needle in dict.fromkeys(needles):
            for span in self.holding(needle):
                term = self.parse(span)
                if term is not None and term.zh == zh:
                    return span
                if term is None and aliases.headword(self.text[span.start : span.end]) == zh:
                    self.refuse_tied(span, zh)  # it does not read alone: say why
        return None

    def refuse_tied(self, span: Span, zh: str) -> None:
        """Raise if the entry at ``span`` is tied to another by an anchor and alias."""
        aliases.refuse_tied(self.text, span.start, span.end, zh, self.shown, span.line)


def scan(text: str, shown: str) -> Layout:
    """Give the layout of a glossary's text; raise if its ``terms:`` is not a block list."""
    # New lines are written as the file's own are: CRLF, CR alone, else LF.
    newline = "\r\n" if "\r\n" in text else ("\r" if "\r" in text and "\n" not in text else "\n")
    block = find_block(text)
    if block is None:
        raise _shape_error(shown, "no 'terms:' line opens a block list of entries")
    return Layout(block, shown, newline)


def _line_end(text: str, pos: int) -> int:
    end = text.find("\n", pos)
    return len(text) if end == -1 else end


def _shape_error(shown: str, what: str) -> GlossaryFileError:
    return GlossaryFileError(
        what,
        where=Location(shown),
        hint="write 'terms:' at the start of a line, then one '- zh: ...' entry per item",
    )


@dataclass(frozen=True)
class Splice:
    """New text for ``text[start:end]``."""

    start: int
    end: int
    new: str


def apply(text: str, splices: Sequence[Splice]) -> str:
    """Give ``text`` with every splice made (splices must not overlap).

    Insertions at the same place land in the order given.
    """
    pieces: list[str] = []
    at = 0
    for _, s in sorted(enumerate(splices), key=lambda p: (p[1].start, p[0])):
        pieces += [text[at : s.start], s.new]
        at = max(at, s.end)
    pieces.append(text[at:])
    return "".join(pieces)


def add(layout: Layout, terms: Sequence[Term]) -> list[Splice]:
    """Give the splices that append ``terms`` to the end of the ``terms:`` list."""
    nl = layout.newline
    lines: list[str] = []
    for term in terms:
        if layout.spaced and (lines or layout.block_start < layout.block_end):
            lines.append("")
        lines += yamltext.entry_lines(term, layout.item_indent)
    text = layout.text
    at = layout.insert_at
    block = nl.join(lines) + nl
    if at == len(text) and text and not text.endswith("\n"):
        block = nl + block
    splices = [Splice(at, at, block)]
    if layout.empty_list is not None:
        start, end = layout.empty_list
        # "terms: []" becomes "terms:"; trailing blanks before the bracket go too.
        while start > 0 and text[start - 1] in " \t":
            start -= 1
        splices.append(Splice(start, end, ""))
    return splices


def remove(layout: Layout, span: Span) -> list[Splice]:
    """Give the splice that deletes the entry at ``span`` (and one blank line, if spaced)."""
    term = layout.parse(span)
    layout.refuse_tied(span, term.zh if term else "the entry")
    end = span.end
    text = layout.text
    # A short look back is enough to see a blank line, and spares copying a large file.
    before = text[max(0, span.start - 64) : span.start].rstrip(" \t\r")
    before_blank = span.start == 0 or before.endswith("\n\n")
    after = _line_end(text, end)
    if before_blank and end < len(text) and not text[end:after].strip():
        end = next_line(text, end)
    splices = [Splice(span.start, end, "")]
    only = span.start == layout.block_start and not entry_line(layout.block.dash).search(
        text, span.start + 1, layout.block_end
    )
    if only:  # the list would be left empty: "terms:" alone reads as null, so "terms: []"
        at = layout.block.line + len("terms:")
        splices.append(Splice(at, at, " []"))
    return splices


@dataclass(frozen=True)
class _Field:
    name: str
    key_start: int
    line_start: int
    value_end: int  # end of the value's last line, before its line break
    #: For a block list, what stands before its last item's value on that line ("    - ").
    item_prefix: str | None = None
    #: Comments at the end of its lines, put back when the field is rewritten.
    comments: comments.Comments = ()


def change(layout: Layout, span: Span, new: Term) -> list[Splice]:
    """Give the splices that turn the entry at ``span`` into ``new``, field by field.

    Only fields whose value changes are rewritten; the others, and comments between
    them, keep their exact text.
    """
    old = layout.parse(span)
    if old is None:
        raise GlossaryFileError(
            "this entry cannot be read", where=Location(layout.shown, span.line)
        )
    layout.refuse_tied(span, old.zh)
    if _flow_style(layout, span):
        return [_rewrite(layout, span, new)]
    fields = _fields(layout, span)
    key_indent = " " * _key_column(layout, fields)
    old_data, new_data = old.to_dict(), new.to_dict()
    splices: list[Splice] = []
    for name in TERM_FIELDS:
        before, after = old_data.get(name), new_data.get(name)
        if before == after:
            continue
        located = fields.get(name)
        if after is None and located is not None:
            splices.append(_drop_field(layout.text, located))
        elif located is not None and located.item_prefix and _appends(before, after):
            assert isinstance(before, list) and isinstance(after, list)
            added = [located.item_prefix + yamltext.scalar(v) for v in after[len(before) :]]
            new_lines = layout.newline + layout.newline.join(added)
            splices.append(Splice(located.value_end, located.value_end, new_lines))
        elif located is not None and after is not None:
            lines = yamltext.field_lines(name, after, key_indent)
            if located.item_prefix and isinstance(after, list):
                # A block list stays one, written as its last item is (e.g. tags, which
                # the writer would make a flow list).
                items = [located.item_prefix + yamltext.scalar(v) for v in after]
                lines = [f"{key_indent}{name}:", *items]
            lines = comments.placed(lines, after, located.comments)
            new_text = layout.newline.join(lines)[len(key_indent) :]
            splices.append(Splice(located.key_start, located.value_end, new_text))
        elif after is not None:
            splices.append(_insert_field(layout, fields, name, after, key_indent))
    return splices


def _flow_style(layout: Layout, span: Span) -> bool:
    """Tell whether the entry at ``span`` is written as one flow mapping, ``- {zh: ...}``."""
    root = yaml.compose(layout.text[span.start : span.end], Loader=store.SAFE_PARSER)
    assert isinstance(root, yaml.SequenceNode)
    return bool(root.value[0].flow_style)


def _rewrite(layout: Layout, span: Span, new: Term) -> Splice:
    """Give the splice that writes a flow-style entry anew, as a block entry.

    Its fields have no lines of their own to change one by one; only a comment could be
    lost, so an entry holding one is left to be edited by hand.
    """
    if "#" in layout.text[span.start : span.end]:
        raise GlossaryFileError(
            f"{new.zh} is written in flow style ({{...}}) with a comment, which a rewrite "
            "would lose; nothing was changed",
            where=Location(layout.shown, span.line),
            hint="write the entry as a block ('- zh: ...', a field per line), then edit it",
        )
    nl = layout.newline
    lines = yamltext.entry_lines(new, layout.item_indent)
    ending = nl if layout.text[span.end - 1 : span.end] == "\n" else ""
    return Splice(span.start, span.end, nl.join(lines) + ending)


def _appends(before: object, after: object) -> bool:
    """Tell whether list ``after`` is list ``before`` with items added at the end."""
    return (
        isinstance(before, list)
        and isinstance(after, list)
        and len(after) > len(before)
        and after[: len(before)] == before
    )


def _fields(layout: Layout, span: Span) -> dict[str, _Field]:
    """Give where each key of an entry and its value lie, as offsets into the whole text."""
    chunk = layout.text[span.start : span.end]
    root = yaml.compose(chunk, Loader=store.SAFE_PARSER)
    assert isinstance(root, yaml.SequenceNode) and isinstance(root.value[0], yaml.MappingNode)
    out: dict[str, _Field] = {}
    for key, value in root.value[0].value:
        key_start = span.start + key.start_mark.index
        line_start = layout.text.rfind("\n", 0, key_start) + 1
        last = _last_scalar(value)
        value_end = _line_end(layout.text, span.start + last.end_mark.index - 1)
        if layout.text[value_end - 1 : value_end] == "\r":
            value_end -= 1
        prefix = None
        if last is not value:  # a block list: keep its dash and indentation for new items
            item_start = span.start + last.start_mark.index
            prefix = layout.text[layout.text.rfind("\n", 0, item_start) + 1 : item_start]
        notes = comments.of_field(layout.text, span.start, key, value)
        out[str(key.value)] = _Field(
            str(key.value), key_start, line_start, value_end, prefix, notes
        )
    return out


def _last_scalar(node: yaml.Node) -> yaml.Node:
    """Give the node that ends ``node``'s text: for a block list, its last item."""
    if isinstance(node, yaml.SequenceNode) and node.value and node.flow_style is not True:
        return _last_scalar(node.value[-1])
    return node


def _key_column(layout: Layout, fields: dict[str, _Field]) -> int:
    first = min(fields.values(), key=lambda f: f.key_start)
    return first.key_start - first.line_start


def _drop_field(text: str, field: _Field) -> Splice:
    if text[field.line_start : field.key_start].strip(" "):
        raise GlossaryFileError("the first field of an entry cannot be removed")
    return Splice(field.line_start, next_line(text, field.value_end), "")


def _insert_field(
    layout: Layout, fields: dict[str, _Field], name: str, value: object, indent: str
) -> Splice:
    """Give the splice that adds field ``name`` after the field that precedes it in schema order."""
    rank = yamltext.order_key(name)
    present = sorted(fields.values(), key=lambda f: yamltext.order_key(f.name))
    before = [f for f in present if yamltext.order_key(f.name) < rank]
    anchor = before[-1] if before else max(present, key=lambda f: f.value_end)
    assert isinstance(value, (str, list))
    lines = yamltext.field_lines(name, value, indent)
    at = anchor.value_end
    return Splice(at, at, layout.newline + layout.newline.join(lines))


def verify(new_text: str, shown: str, expected: Callable[[Sequence[Term]], bool]) -> None:
    """Raise unless ``new_text`` loads without problems and its terms pass ``expected``."""
    _verified(store.parse_text(new_text, shown), shown, expected)


def verify_items(piece: str, shown: str, expected: Callable[[Sequence[Term]], bool]) -> None:
    """Raise unless ``piece`` (entries of the terms list) reads without problems as expected."""
    _verified(store.parse_items(piece, shown), shown, expected)


def _verified(
    parsed: store.ParsedFile, shown: str, expected: Callable[[Sequence[Term]], bool]
) -> None:
    if parsed.problems or not expected(parsed.terms):
        problem = parsed.problems[0].message if parsed.problems else "the terms differ"
        raise GlossaryFileError(
            f"the edited text did not read back as intended ({problem}); nothing was written",
            where=Location(shown),
            hint="please report this with the entry you were changing",
        )
