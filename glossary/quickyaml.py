"""A fast reader for glossary files written in plain, everyday YAML; it declines the rest.

Composing a 120,000-entry glossary with PyYAML takes about ten seconds, most of what an
index rebuild would take. Glossary files, whether written by ``glossary`` or by hand, use a
small part of YAML: ``key: value`` lines, ``- item`` lists, ``[a, b]`` lists of tags, plain
or quoted one-line scalars, comments. This module reads exactly that part, with one pattern
over the lines, and gives up (returns ``None``) on anything else: a block scalar, an anchor,
a tag, a tab, a multi-line scalar, an unknown or repeated key, an empty or missing field,
a repeated headword. The caller then loads the file with :mod:`glossary.store`, which
reads all of YAML and locates every problem. So whenever this reader answers, the answer is
the one the full loader gives (tests/test_quickyaml.py checks the two against each other).
"""

from __future__ import annotations

import itertools
import json
import re
from dataclasses import dataclass
from typing import Any

from glossary.model import LIST_FIELDS, TERM_FIELDS, TOP_FIELDS


@dataclass(frozen=True)
class QuickFile:
    """A glossary read quickly: its title, and each term's fields (as ``Term.to_dict``
    gives them) with the line where the entry starts."""

    title: str | None
    records: list[tuple[dict[str, Any], int]]


class _Decline(Exception):
    """The text uses YAML this reader does not handle; the full loader must read it."""


# Characters YAML refuses, or reads as line breaks or a byte-order mark, and tabs (which
# YAML forbids in indentation): any of these and the full loader decides.
_AWKWARD = re.compile(
    "[^\x0a\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd\U00010000-\U0010ffff]"
)
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
    if "\r" in text:
        if "\r" in text.replace("\r\n", ""):
            return None
        text = text.replace("\r\n", "\n")
    if _AWKWARD.search(text) or (len(text) > _LONGEST and _HAS_LONG_LINE.search(text)):
        return None
    try:
        return _read(text)
    except _Decline:
        return None


# A line longer than a field may be (store.MAX_TEXT, 100,000): the full loader refuses it.
_LONGEST = 100_000
_HAS_LONG_LINE = re.compile(f"^[^\\n]{{{_LONGEST + 1}}}", re.M)

# Where a top-level key starts; blank and comment lines.
_TOP = re.compile(r"^(?=[^ #\n-])", re.M)
_SKIP = re.compile(r"^ *(?:#.*)?\n", re.M)
# A one-line value: plain text (it cannot start with an indicator, and holds no ": " and
# no " #"), double-quoted, single-quoted, or a [flow, list]; then spaces or a comment.
_VALUE = (
    r"""([^ \n\-?:,\[\]{}#&*!|>'"%@`](?:[^:\n ]++|:(?=[^ \n])| ++(?=[^ #\n]))*+"""
    r"""|"(?:[^"\\\n]++|\\.)*+"|'(?:[^'\n]++|'')*+'"""
    r"""|\[(?:[^\n\[\]{}#"']++|"(?:[^"\\\n]++|\\.)*+")*+\])(?: +#.*| *)"""
)


def _read(text: str) -> QuickFile:
    """Read the top-level keys; the work is in :func:`_entries`."""
    starts = [m.start() for m in _TOP.finditer(text)]
    if not starts or _SKIP.sub("", text[: starts[0]]).strip(" "):
        raise _Decline  # something before the first key (a list, a document marker)
    title: str | None = None
    records: list[tuple[dict[str, Any], int]] | None = None
    seen: set[str] = set()
    for start, end in itertools.pairwise([*starts, len(text)]):
        first, _, rest = text[start:end].partition("\n")
        key, value = _key_value(first)
        if key not in TOP_FIELDS or key in seen:
            raise _Decline
        seen.add(key)
        if key == "title":
            if _SKIP.sub("", rest).strip(" "):
                raise _Decline
            title = _scalar(value)
        elif _is_empty(value):
            records = _entries(rest, text.count("\n", 0, start) + 2)
        else:
            raise _Decline
    if not records:
        raise _Decline
    return QuickFile(title, records)


def _entries(body: str, first_line: int) -> list[tuple[dict[str, Any], int]]:
    """Read the entries of the ``terms:`` list, ``body`` starting on line ``first_line``.

    One regular expression, built for the columns of the first entry (its dash, its keys,
    its first list item), reads every line in C; Python only files the values away. A line
    it does not fit (another layout, a multi-line scalar...) makes the count come out short,
    and the reader declines.
    """
    content = body.lstrip(" \n")
    if not content.startswith("- ") or content[2:3] == " ":
        raise _Decline
    dash = len(body) - len(content) - body.rfind("\n", 0, len(body) - len(content)) - 1
    keys = dash + 2
    item = re.search(r"^( +)- ", body, re.M)  # the first list item, if any, fixes its column
    items_at = len(item[1]) if item and len(item[1]) >= keys else keys + 2
    line = re.compile(
        rf"^(?:( {{{dash}}}- )| {{{keys}}})([a-z]+):(?: +{_VALUE}| *(?: #.*)?)$"
        rf"|^ {{{items_at}}}- {_VALUE}$",
        re.M,
    )
    rows = line.findall(body)
    skipped = len(_SKIP.findall(body))
    if len(rows) != body.count("\n") + (not body.endswith("\n")) - skipped:
        raise _Decline  # a line of some other shape
    if skipped:  # count each entry's line in the text as written
        at = [m.start() for m in re.finditer(f"^ {{{dash}}}- ", body, re.M)]
        lines = iter(first_line + body.count("\n", 0, a) for a in at)
    else:
        lines = iter(first_line + i for i, row in enumerate(rows) if row[0])
    records: list[tuple[dict[str, Any], int]] = []
    headwords: set[str] = set()
    record: dict[str, Any] = {}
    items: list[str] | None = None
    for new, key, value, item_value in rows:
        if item_value:
            if items is None:
                raise _Decline  # an item under a key that has a value
            items.append(_plain(item_value) if item_value[0] not in "\"'[" else _scalar(item_value))
            continue
        if new:
            if record:
                _finish(record, next(lines), records, headwords)
            record = {}
        elif not record or items == []:
            raise _Decline  # a key before the first entry, or a list with no items (null)
        if key not in _FIELDS or key in record:
            raise _Decline
        if not value:
            if key not in LIST_FIELDS:
                raise _Decline  # null, or a list where text belongs
            items = record[key] = []
        else:
            items = None
            if key in LIST_FIELDS:
                record[key] = _list(value)
            else:
                record[key] = _plain(value) if value[0] not in "\"'[" else _scalar(value)
    if not record or items == []:
        raise _Decline
    _finish(record, next(lines), records, headwords)
    return records


def _plain(value: str) -> str:
    """Give a plain value the line pattern has checked, unless YAML reads it as no text."""
    if value in _NOT_TEXT:
        raise _Decline
    return value


def _finish(
    record: dict[str, Any],
    line: int,
    records: list[tuple[dict[str, Any], int]],
    headwords: set[str],
) -> None:
    """Check an entry that has been read whole, and keep it, its fields in schema order."""
    zh = record.get("zh")
    values = record.values()
    if not zh or not record.get("en") or zh in headwords or [] in values:
        raise _Decline  # a field missing or empty, or a headword seen before
    headwords.add(zh)
    if () in values:  # [] written inline: left out, as the full loader does
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
