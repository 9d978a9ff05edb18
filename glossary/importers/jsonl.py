"""JSON Lines: one JSON object per line, its keys the schema's field names.

A list field (``en``, ``avoid``, ``tags``, ``see``) may hold a list of strings or one
string; every other field holds a string, and ``null`` means empty. The ``match`` key that
``glossary search --format jsonl`` adds is ignored, so search output imports as it is;
any other unknown key is a problem. Blank lines are skipped.
"""

from __future__ import annotations

import json
import re
from typing import Any

from glossary.errors import did_you_mean
from glossary.importers.records import Collector, ImportResult, RawValue, lines
from glossary.model import LIST_FIELDS, TERM_FIELDS

_IGNORED = frozenset({"match"})
_SYNTAX_HINT = 'write one JSON object per line, like {"zh": "背靠背", "en": ["back to back"]}'
_TEXT_HINT = 'write it as a string in double quotes, like "sān gǔ shìlì"'
_LIST_HINT = 'write it as a string or a list of strings, like ["three evil forces"]'
#: Said of JSON nested deeper than the decoder, which recurses, can follow.
TOO_DEEP = "lists or objects nested too deeply"


class _RepeatedKey(Exception):
    """A key appears twice in one object (json would silently keep the last)."""

    def __init__(self, key: str):
        super().__init__(key)
        self.key = key


def parse_jsonl(text: str, shown: str) -> ImportResult:
    """Give the terms and problems of JSON Lines ``text``.

    >>> parse_jsonl('{"zh": "特殊友军", "en": "special friendly armies"}', "t.jsonl").terms[0].en
    ('special friendly armies',)
    """
    out = Collector(shown)
    for number, line in enumerate(lines(text), 1):
        if line.strip():
            _record(line, number, out)
    return out.result()


def _record(line: str, number: int, out: Collector) -> None:
    """Keep the object on this line as a term, or record why it cannot be one."""
    try:
        data = json.loads(line, object_pairs_hook=_object)
    except json.JSONDecodeError as exc:
        message = f"invalid JSON: {exc.msg[:1].lower()}{exc.msg[1:]}"
        out.problem(out.at(number, exc.colno), message, _SYNTAX_HINT)
        return
    except _RepeatedKey as exc:
        where = out.at(number, _key_column(line, exc.key, nth=2))
        out.problem(where, f"key {exc.key!r} appears twice", "keep one of them")
        return
    except RecursionError:  # no record of a glossary nests deeper than a list in an object
        out.problem(out.at(number), f"invalid JSON: {TOO_DEEP}", _SYNTAX_HINT)
        return
    if not isinstance(data, dict):
        message = f"expected a JSON object, found {_kind(data)}"
        out.problem(out.at(number, len(line) - len(line.lstrip()) + 1), message, _SYNTAX_HINT)
        return
    raw: dict[str, RawValue] = {}
    sound = True
    for key, value in data.items():
        error = _field_error(key, value)
        if error:
            out.problem(out.at(number, _key_column(line, key)), *error)
            sound = False
        elif key not in _IGNORED:
            raw[key] = value
    if sound:
        out.add(raw, out.at(number))


def _object(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    """Give the pairs of a JSON object as a dict; raise on a repeated key."""
    out: dict[str, Any] = {}
    for key, value in pairs:
        if key in out:
            raise _RepeatedKey(key)
        out[key] = value
    return out


def _field_error(key: str, value: Any) -> tuple[str, str] | None:
    """Give the message and hint of what is wrong with one key and its value, if anything."""
    if key in _IGNORED:
        return None
    if key not in TERM_FIELDS:
        return f"unknown key {key!r}", did_you_mean(key, TERM_FIELDS, "keys")
    if value is None or isinstance(value, str):
        return None
    if key not in LIST_FIELDS:
        return f"{key!r} must be text, found {_kind(value)}", _TEXT_HINT
    if not isinstance(value, list):
        return f"{key!r} must be text or a list of text, found {_kind(value)}", _LIST_HINT
    for item in value:
        if not isinstance(item, str):
            return f"each item of {key!r} must be text, found {_kind(item)}", _LIST_HINT
    return None


def _kind(value: Any) -> str:
    """Give how a JSON value reads in a message.

    >>> _kind(2019), _kind([]), _kind(None)
    ('a number', 'a list', 'null')
    """
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "an object"
    return "null"


def _key_column(line: str, key: str, nth: int = 1) -> int:
    """Give the column where ``key`` is written as a key on the line (1 when not found).

    >>> _key_column('{"zh": "背靠背", "tgs": ["x"]}', "tgs")
    15
    """
    pattern = re.compile(re.escape(json.dumps(key, ensure_ascii=False)) + r"\s*:")
    found = list(pattern.finditer(line))
    return found[nth - 1].start() + 1 if len(found) >= nth else 1
