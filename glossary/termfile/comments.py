"""Comments at the end of a field's lines, kept when the editor rewrites the field.

When ``edit`` rewrites a field (a new value, a scalar turned into a list, an item removed),
a comment written after a value (``en: X  # why``) stays with that value's line, and one
after the key of a block list (``en:  # note``) stays on the key's line. A comment whose
value is gone stays on the field's first line: the editor never drops what a person wrote.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import yaml

#: A field's comments: (the value whose line it ends, or None for the key's line), comment.
Comments = tuple[tuple[str | None, str], ...]

_COMMENT = re.compile(r"[ \t]+#[^\r\n]*")


def trailing(text: str, pos: int) -> str | None:
    """Give the comment (with the blanks before it) that ends the line at ``pos``, where
    ``pos`` is just past a value; None if the line holds nothing more."""
    if pos > 0 and text[pos - 1] in "\n\r":
        return None  # a block scalar (">", "|") ends at the next line: a comment there is its own
    found = _COMMENT.match(text, pos)
    if found is None:
        return None
    return found.group() if text[found.end() : found.end() + 1] in ("", "\n", "\r") else None


def of_field(text: str, offset: int, key: yaml.Node, value: yaml.Node) -> Comments:
    """Give the comments of a field whose key and value nodes were composed from the text at
    ``offset`` of ``text``."""
    found: list[tuple[str | None, str]] = []
    block_list = isinstance(value, yaml.SequenceNode) and value.flow_style is not True
    if block_list:
        on_key = trailing(text, offset + key.end_mark.index + 1)  # past the key's colon
        if on_key is not None:
            found.append((None, on_key))
        for item in value.value:
            comment = trailing(text, offset + item.end_mark.index)
            if comment is not None and isinstance(item, yaml.ScalarNode):
                found.append((str(item.value), comment))
    else:
        comment = trailing(text, offset + value.end_mark.index)
        if comment is not None:
            held = str(value.value) if isinstance(value, yaml.ScalarNode) else None
            found.append((held, comment))
    return tuple(found)


def placed(lines: Sequence[str], value: str | Sequence[str], comments: Comments) -> list[str]:
    """Give a field's new ``lines`` (as ``yamltext.field_lines`` writes ``value``) with its
    old ``comments`` put back: each after its value's line, the rest after the first line."""
    out = list(lines)
    if isinstance(value, str) or len(out) == 1:
        # One line holds the whole value: an edited scalar, or a flow list.
        out[0] += "".join(comment for _, comment in comments)
        return out
    left: list[str] = []
    for held, comment in comments:
        if held is not None and held in value:
            out[1 + list(value).index(held)] += comment
        else:
            left.append(comment)
    out[0] += "".join(left)
    return out
