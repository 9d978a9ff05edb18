"""A fast reader for glossary files written in plain, everyday YAML; it declines the rest.

Composing a 120,000-entry glossary with PyYAML takes about ten seconds, most of what an
index rebuild would take. Glossary files, whether written by ``glossary`` or by hand, use a
small part of YAML: ``key: value`` lines, ``- item`` lists, ``[a, b]`` lists of tags, plain
or quoted one-line scalars, comments. This module takes the ``terms:`` list where
:mod:`~glossary.termfile.layout` finds it (as the editor does), reads exactly that part of
YAML, with one pattern over the lines, and gives up (returns ``None``) on anything else: a
block scalar, an anchor, a tag, a tab, a multi-line scalar, an unknown or repeated key, an
empty or missing field, a repeated headword. The caller then loads the file with
:mod:`glossary.termfile.store`, which reads all of YAML and locates every problem. So
whenever this reader answers, the answer is the one the full loader gives
(tests/test_quickyaml.py checks the two against each other).
"""

from __future__ import annotations

import itertools
import re
from functools import lru_cache
from typing import Any, NamedTuple

from glossary.model import LIST_FIELDS, TERM_FIELDS, TOP_FIELDS
from glossary.termfile.layout import Block, find_block, margin_lines, separator
from glossary.termfile.layout import Record as Record


class QuickFile(NamedTuple):
    """A glossary read quickly: its title, and each term's fields (as ``Term.to_dict``
    gives them) with the line where the entry starts."""

    title: str | None
    records: list[Record]


class _Decline(Exception):
    """The text uses YAML this reader does not handle; the full loader must read it."""


@lru_cache(maxsize=1)
def _awkward() -> re.Pattern[str]:
    """Give the pattern of characters YAML refuses, or reads as line breaks or a byte-order
    mark, and tabs (which YAML forbids in indentation): any of these and the full loader
    decides. (Compiled on first use: an index lookup reads entries without it.)"""
    return re.compile(
        "[^\x0a\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd\U00010000-\U0010ffff]"
    )


# What a quoted or flow value starts with.
_QUOTED = frozenset("\"'[")
# The first character of a plain scalar may not be a YAML indicator.
_INDICATORS = frozenset("-?:,[]{}#&*!|>'\"%@`")
# Plain scalars YAML reads as something other than text that the full loader refuses
# (null, merge key, value key); numbers, booleans and dates stay the text written.
_NOT_TEXT = frozenset({"~", "null", "Null", "NULL", "<<", "="})
_DOUBLE = re.compile(r'"((?:[^"\\]|\\.)*)"(.*)')
_SINGLE = re.compile(r"'((?:[^']|'')*)'(.*)")
# Escapes JSON reads as YAML does (not \/ and not surrogate halves).
_JSON_ESCAPE = re.compile(r'\\(?:["\\bfnrt]|u(?![dD][89a-fA-F])[0-9a-fA-F]{4})')
_FIELDS = frozenset(TERM_FIELDS)
_ORDER = {name: i for i, name in enumerate(TERM_FIELDS)}
_IN_ORDER: set[tuple[str, ...]] = set()  # key sequences already seen to be in schema order


def read(text: str) -> QuickFile | None:
    """Give the title and terms of a glossary's text, or None where the full loader must
    read it (anything unusual, and every file with a problem)."""
    found = layout(text)
    part = found.read() if found is not None else None
    return QuickFile(found.title, part.records) if found and part else None


def layout(text: str) -> Layout | None:
    """Give where a glossary's entries are and how they are laid out, to be read whole or in
    stretches (:meth:`Layout.read`); None where the full loader must read the file."""
    if "\r" in text:
        if "\r" in text.replace("\r\n", ""):
            return None
        text = text.replace("\r\n", "\n")
    try:
        return _layout(text)
    except _Decline:
        return None


class Part(NamedTuple):
    """Entries read from a stretch of a glossary: each one's fields (as ``Term.to_dict``
    gives them) and line, and each one's text (which :func:`parse_texts` reads again)."""

    records: list[Record]
    texts: list[str]


class Stretch(NamedTuple):
    """A stretch of a glossary's entries: where it starts and ends in the text, how many
    entries come before it, and the line it starts on."""

    start: int
    end: int
    before: int
    line: int


class Layout(NamedTuple):
    """A glossary's entries as the quick reader sees them: where in the text the ``terms:``
    list runs from its first entry on, the line that starts on, and the columns of the
    entries' dashes and of their list items (keys are two columns right of the dash)."""

    title: str | None
    text: str
    begin: int
    end: int
    first_line: int
    dash: int
    items_at: int

    @property
    def name(self) -> str:
        """Give the columns, to read an entry's text again with :func:`parse_texts`."""
        return f"{self.dash} {self.items_at}"

    def stretches(self, count: int) -> list[Stretch]:
        """Cut the entries into up to ``count`` stretches of about the same length, each
        starting on an entry's first line."""
        sep = separator(self.dash)
        size = self.end - self.begin
        starts = [self.begin]
        for k in range(1, count):
            at = self.text.find(sep, max(self.begin + k * size // count, starts[-1]), self.end)
            if at < 0:
                break
            starts.append(at + 1)
        stretches, before, line = [], 0, self.first_line
        for a, b in zip(starts, [*starts[1:], self.end], strict=True):
            stretches.append(Stretch(a, b, before, line))
            before += self.text.count(sep, a, b - 1) + 1  # its first entry, and the others
            line += self.text.count("\n", a, b)
        return stretches

    def read(self, stretch: Stretch | None = None) -> Part | None:
        """Read the entries of ``stretch`` (as :meth:`stretches` gives them), else all of
        them; None where the full loader must read the file."""
        start, end, _, line = stretch or (self.begin, self.end, 0, self.first_line)
        try:
            return self._read(start, end, line)
        except _Decline:
            return None

    def _read(self, start: int, end: int, first_line: int, checked: bool = False) -> Part:
        """One regular expression, built for the entries' columns, reads every line in C;
        Python only files the values away. A line it does not fit (another layout, a
        multi-line scalar...) makes the count come out short, and the reader declines.
        (``first_line``: the line ``start`` is on; ``checked``: the text is known to hold no
        character the full loader must judge.)"""
        text = self.text
        if not checked and _awkward().search(text, start, end):
            raise _Decline
        rows = _line_pattern(self.dash, self.items_at).findall(text, start, end)
        if len(rows) != text.count("\n", start, end) + 1:
            raise _Decline  # a line of some other shape
        records: list[Record] = []
        headwords: set[str] = set()
        record: dict[str, Any] = {}
        line = 0
        items: list[str] | None = None
        emptied = False  # the entry has a list written [], which the full loader leaves out
        fields, lists, quoted, not_text = _FIELDS, LIST_FIELDS, _QUOTED, _NOT_TEXT
        for number, (new, key, value, item) in enumerate(rows):
            if item:
                if items is None:
                    raise _Decline  # an item under a key that has a value
                if item[0] in quoted:
                    item = _scalar(item)
                elif item in not_text:
                    raise _Decline
                items.append(item)
                continue
            if not key:
                continue  # a blank line, or a comment
            if items is not None and not items:
                raise _Decline  # a list with no items (null)
            if new:
                if record:
                    _finish(record, line, records, headwords, emptied)
                record = {}
                line = first_line + number
                emptied = False
            elif not record:
                raise _Decline  # a key before the first entry
            if key not in fields or key in record:
                raise _Decline
            if not value:
                if key not in lists:
                    raise _Decline  # null, or a list where text belongs
                items = record[key] = []
                continue
            items = None
            if key in lists:
                record[key] = listed = _list(value)
                emptied = emptied or not listed
            elif value[0] in quoted:
                record[key] = _scalar(value)
            elif value in not_text:
                raise _Decline
            else:
                record[key] = value
        if not record or (items is not None and not items):
            raise _Decline
        _finish(record, line, records, headwords, emptied)
        texts = text[start + self.dash + 2 : end].split(separator(self.dash))
        if texts[-1].endswith("\n"):  # the same text whether the stretch ends the list or not
            texts[-1] = texts[-1][:-1]
        # A line longer than a field may be (store.MAX_TEXT): the full loader refuses it.
        if len(texts) != len(records) or max(map(len, texts)) > _LONGEST:
            raise _Decline
        return Part(records, texts)


def parse_texts(texts: list[str], name: str) -> list[dict[str, Any]]:
    """Give the fields of entries from their texts (as :class:`Part` gives them, so read
    once already) and the columns they were read with (:attr:`Layout.name`); raise
    ValueError for anything else."""
    try:
        dash, items_at = (int(n) for n in name.split())
        sep = separator(dash)
        body = sep[1:] + sep.join(texts)
        part = Layout(None, body, 0, len(body), 1, dash, items_at)._read(0, len(body), 1, True)
    except (_Decline, ValueError):  # not entries, or not columns
        part = None
    if part is None or len(part.records) != len(texts):
        raise ValueError("not the text of glossary entries")
    return [data for data, _ in part.records]


# A line longer than a field may be (store.MAX_TEXT, 100,000): the full loader refuses it.
_LONGEST = 100_000
_HAS_LONG_LINE = re.compile(f"^[^\\n]{{{_LONGEST + 1}}}", re.M)

# Blank and comment lines.
_SKIP = re.compile(r"^ *(?:#.*)?\n", re.M)
# A one-line value: plain text (it cannot start with an indicator, and holds no ": " and
# no " #"), double-quoted, single-quoted, or a [flow, list]; then spaces or a comment.
_VALUE = (
    r"""([^ \n\-?:,\[\]{}#&*!|>'"%@`](?:[^:\n ]++|:(?=[^ \n])| ++(?=[^ #\n]))*+"""
    r"""|"(?:[^"\\\n]++|\\.)*+"|'(?:[^'\n]++|'')*+'"""
    r"""|\[(?:[^\n\[\]{}#"']++|"(?:[^"\\\n]++|\\.)*+")*+\])(?: +#.*| *)"""
)


@lru_cache(maxsize=8)
def _line_pattern(dash: int, items_at: int) -> re.Pattern[str]:
    """Give the pattern of every line of entries laid out in these columns: a key (the
    first of an entry after its dash), a list item, or a blank or comment line."""
    keys = dash + 2
    return re.compile(
        rf"^(?:( {{{dash}}}- )| {{{keys}}})([a-z]+):(?: +{_VALUE}| *(?: #.*)?)$"
        rf"|^ {{{items_at}}}- {_VALUE}$"
        r"|^ *(?:#.*)?$",
        re.M,
    )


def _layout(text: str) -> Layout:
    """Take the ``terms:`` list where :func:`~glossary.termfile.layout.find_block` finds
    it, if it is written plainly; read the top-level keys around it; find the entries'
    columns."""
    found = find_block(text)
    if found is None or found.empty is not None or found.begin == found.end:
        raise _Decline  # no list of entries
    begin, end, dash = found.begin, found.end, found.dash
    eol = text.find("\n", found.line, found.body)
    if not _is_empty(_key_value(text[found.line : eol if eol >= 0 else found.body])[1]):
        raise _Decline  # "terms:" followed by something the reader does not take
    # Only blank lines before the first entry, which starts with "- " and a key.
    after_dash = text[begin + dash + 1 : begin + dash + 3]
    if "#" in text[found.body : begin] or after_dash[:1] != " " or after_dash[1:] == " ":
        raise _Decline
    title = _title(found)
    items = found.item_column()  # the list items' column, if any item is seen
    items_at = items if items is not None and items >= dash + 2 else dash + 4
    # Outside the entries (each stretch of them is checked as it is read): lines longer
    # than a field may be, characters the full loader must judge.
    for a, b in ((0, begin), (end, len(text))):
        if _HAS_LONG_LINE.search(text, a, b) or _awkward().search(text, a, b):
            raise _Decline
    return Layout(title, text, begin, end, text.count("\n", 0, begin) + 1, dash, items_at)


def _title(found: Block) -> str | None:
    """Read the top-level keys before and after the ``terms:`` list (a title, once, and
    comments); give the title."""
    text = found.text
    title: str | None = None
    seen = {"terms"}
    for a, b in ((0, found.line), (found.end, len(text))):
        starts = margin_lines(text, a, b, found.dash)
        if _SKIP.sub("", text[a : starts[0] if starts else b]).strip(" "):
            raise _Decline  # something before the first key (a list, a document marker)
        for start, end in itertools.pairwise([*starts, b]):
            eol = text.find("\n", start, end)
            eol = end if eol < 0 else eol
            key, value = _key_value(text[start:eol])
            if key not in TOP_FIELDS or key in seen:
                raise _Decline
            seen.add(key)
            if _SKIP.sub("", text[eol + 1 : end]).strip(" "):
                raise _Decline
            title = _scalar(value)
    return title


def _finish(
    record: dict[str, Any],
    line: int,
    records: list[Record],
    headwords: set[str],
    emptied: bool,
) -> None:
    """Check an entry that has been read whole, and keep it, its fields in schema order
    (``emptied``: it has a list written ``[]``, which the full loader leaves out)."""
    zh = record.get("zh")
    if not zh or not record.get("en") or zh in headwords:
        raise _Decline  # a field missing or empty, or a headword seen before
    headwords.add(zh)
    if emptied:
        record = {k: v for k, v in record.items() if v != ()}
    keys = tuple(record)
    if keys not in _IN_ORDER:
        if any(_ORDER[a] > _ORDER[b] for a, b in itertools.pairwise(keys)):
            record = {name: record[name] for name in sorted(record, key=_ORDER.__getitem__)}
        else:
            _IN_ORDER.add(keys)
    records.append((record, line))


def _key_value(content: str) -> tuple[str, str]:
    """Give the key and the value of a ``key: value`` line."""
    key, colon, value = content.partition(":")
    if not colon or not key.isalpha() or value[:1] not in ("", " "):
        raise _Decline
    return key, value.lstrip(" ")


def _is_empty(value: str) -> bool:
    """Tell whether what follows a key's colon is nothing (or only a comment)."""
    rest = value.lstrip(" ")
    return not rest or rest[0] == "#"


def _scalar(value: str) -> str:
    """Give the text of a one-line scalar: plain, "double-quoted" or 'single-quoted'."""
    first = value[:1]
    if first == '"':
        found = _DOUBLE.fullmatch(value)
        if found is None:
            raise _Decline
        _end(found[2])
        body = found[1]
        if "\\" in body:
            if _JSON_ESCAPE.sub("", body).count("\\"):
                raise _Decline
            import json  # (rarely: the escapes of YAML's double quotes are JSON's)

            body = json.loads(f'"{body}"', strict=False)
        return _text(body)
    if first == "'":
        found = _SINGLE.fullmatch(value)
        if found is None:
            raise _Decline
        _end(found[2])
        return _text(found[1].replace("''", "'"))
    if not first or first in _INDICATORS:
        raise _Decline
    comment = value.find(" #")
    plain = (value if comment < 0 else value[:comment]).rstrip(" ")
    if ": " in plain or plain.endswith(":") or plain in _NOT_TEXT:
        raise _Decline
    return plain


def _end(rest: str) -> None:
    """Check what follows a closing quote or bracket: nothing, or spaces and a comment."""
    if rest and not (rest.startswith(" ") and _is_empty(rest)):
        raise _Decline


def _text(value: str) -> str:
    if not value:
        raise _Decline  # an empty field: the full loader reports it or leaves it out
    return value


def _list(value: str) -> list[str] | tuple[()]:
    """Give the items of a list field written inline: ``[a, b]``, or one scalar; ``()`` for
    ``[]``, an empty list the full loader leaves out without a word."""
    if not value.startswith("["):
        return [_scalar(value)]
    close = value.find("]")
    if close < 0:
        raise _Decline
    _end(value[close + 1 :])
    inner = value[1:close]
    if not inner.strip(" "):
        return ()
    items = []
    for part in inner.split(","):
        item = part.strip(" ")
        if item.startswith(("'", '"')):
            if "," in item or "]" in item:
                raise _Decline  # a quoted comma would have split; leave it to YAML
            items.append(_scalar(item))
        elif not item or item[0] in _INDICATORS or any(c in item for c in "[]{}#:?"):
            raise _Decline
        else:
            items.append(_text(item))
    return items
