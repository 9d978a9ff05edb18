"""JSON: one list of objects, each a term whose keys are the schema's field names.

Reads what ``glossary export json`` writes. Each object follows the rules of JSON Lines
(:mod:`glossary.importers.jsonl`): a list field holds a list of strings or one string,
other fields a string, ``null`` means empty, a ``match`` key is ignored and any other
unknown key is a problem. A file that is not valid JSON is one problem at the line and
column where reading stopped (the objects before it are kept); each object that cannot be
a term is a problem at the line and column where it, or its faulty key, starts.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any

from glossary.importers.jsonl import _IGNORED, TOO_DEEP, _field_error, _kind
from glossary.importers.records import Collector, ImportResult, RawValue

_SYNTAX_HINT = 'write a list of objects, like [{"zh": "背靠背", "en": ["back to back"]}]'
_WHITESPACE = " \t\n\r"


class _Object(dict[str, Any]):
    """A decoded JSON object that remembers the keys it was given twice."""

    repeated: list[str]


def _object(pairs: list[tuple[str, Any]]) -> _Object:
    out = _Object()
    out.repeated = []
    for key, value in pairs:
        if key in out:
            out.repeated.append(key)
        out[key] = value
    return out


class _NotAList(Exception):
    """The text is JSON, but not a list."""

    def __init__(self, pos: int, kind: str) -> None:
        super().__init__(kind)
        self.pos = pos
        self.kind = kind


class _Places:
    """Turns offsets into lines and columns, for offsets given in increasing order."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.offset = 0
        self.line = 1
        self.line_start = 0

    def at(self, offset: int) -> tuple[int, int]:
        if offset < self.offset:  # rare: a key found before the last place asked for
            self.offset, self.line, self.line_start = 0, 1, 0
        breaks = self.text.count("\n", self.offset, offset)
        if breaks:
            self.line += breaks
            self.line_start = self.text.rfind("\n", self.offset, offset) + 1
        self.offset = offset
        return self.line, offset - self.line_start + 1


def parse_json(text: str, shown: str) -> ImportResult:
    """Give the terms and problems of ``text``, a JSON list of objects.

    >>> parse_json('[{"zh": "特殊友军", "en": "special friendly armies"}]', "t.json").terms[0].en
    ('special friendly armies',)
    >>> [str(p.where) for p in parse_json('[{"zh": "背靠背",}]', "t.json").problems]
    ['t.json:1:15']
    """
    text = text.removeprefix("\ufeff")
    out = Collector(shown)
    places = _Places(text)
    try:
        for value, start, end in _elements(text):
            _record(value, text, start, end, places, out)
    except json.JSONDecodeError as exc:
        message = f"invalid JSON: {exc.msg[:1].lower()}{exc.msg[1:]}"
        if not text.strip():
            message = "the file is empty"
        out.problem(out.at(*places.at(exc.pos)), message, _SYNTAX_HINT)
    except _NotAList as exc:
        message = f"expected a list of objects, found {exc.kind}"
        out.problem(out.at(*places.at(exc.pos)), message, _SYNTAX_HINT)
    return out.result()


def _elements(text: str) -> Iterator[tuple[Any, int, int]]:
    """Give each element of the top-level list with the offsets where it starts and ends.

    Raise :class:`json.JSONDecodeError` where the text stops being JSON (or, at the value
    that holds them, lists or objects nest deeper than the decoder can follow), and
    :class:`_NotAList` when it is JSON but not a list.
    """
    plain = json.JSONDecoder(object_pairs_hook=_object)

    def decode(at: int) -> tuple[Any, int]:
        try:
            return plain.raw_decode(text, at)
        except RecursionError:
            raise json.JSONDecodeError(TOO_DEEP, text, at) from None

    at = _skip(text, 0)
    if not text.startswith("[", at):
        value, end = decode(at)  # a syntax error, or not a list
        _end(text, end)
        raise _NotAList(at, _kind(value))
    at = _skip(text, at + 1)
    if text.startswith("]", at):
        _end(text, at + 1)
        return
    while True:
        value, end = decode(at)
        yield value, at, end
        at = _skip(text, end)
        if text.startswith(",", at):
            at = _skip(text, at + 1)
        elif text.startswith("]", at):
            _end(text, at + 1)
            return
        else:
            raise json.JSONDecodeError("Expecting ',' delimiter", text, at)


def _end(text: str, at: int) -> None:
    """Raise when anything but whitespace follows the list."""
    at = _skip(text, at)
    if at < len(text):
        raise json.JSONDecodeError("Extra data", text, at)


def _skip(text: str, at: int) -> int:
    while at < len(text) and text[at] in _WHITESPACE:
        at += 1
    return at


def _record(value: Any, text: str, start: int, end: int, places: _Places, out: Collector) -> None:
    """Keep one element of the list as a term, or record why it cannot be one."""
    where = out.at(*places.at(start))
    if not isinstance(value, _Object):
        out.problem(where, f"expected a JSON object, found {_kind(value)}", _SYNTAX_HINT)
        return
    span = text[start:end]
    if value.repeated:
        key = value.repeated[0]
        at = out.at(*places.at(start + _key_offset(span, key, nth=2)))
        out.problem(at, f"key {key!r} appears twice", "keep one of them")
        return
    raw: dict[str, RawValue] = {}
    sound = True
    for key, item in value.items():
        error = _field_error(key, item)
        if error:
            out.problem(out.at(*places.at(start + _key_offset(span, key))), *error)
            sound = False
        elif key not in _IGNORED:
            raw[key] = item
    if sound:
        out.add(raw, where)


def _key_offset(span: str, key: str, nth: int = 1) -> int:
    """Give where ``key`` is written as a key in an object's text (0 when not found)."""
    pattern = re.compile(re.escape(json.dumps(key, ensure_ascii=False)) + r"\s*:")
    found = list(pattern.finditer(span))
    return found[nth - 1].start() if len(found) >= nth else 0
