"""YAML text for terms, written so that every YAML loader reads it back the same.

A value is written plain only when it is plainly text to every loader (PyYAML's C and pure
Python loaders, YAML 1.1 and 1.2 alike); anything else is double-quoted, in JSON's string
syntax, which is also YAML's.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence

from glossary.model import TERM_FIELDS, Term

# Plain text: starts with a letter, digit or hanzi (no YAML indicator) and holds none of
# : # ? (which end or start something in some context), brackets, braces or backslashes.
_PLAIN = re.compile(r"[^\W_][^:#?\[\]{}\\\t\r\n]*")
# What YAML 1.1 or 1.2 would read as something other than text.
_NOT_TEXT = re.compile(
    r"""(?xi)
    y|n|yes|no|true|false|on|off|null|nan|inf|
    [-+]?(\d[\d_]*)?\.?\d[\d_]*(e[-+]?\d+)?|      # numbers, 1_000, 1e3
    0x[0-9a-f_]+|0o?[0-7_]+|0b[01_]+|             # other bases
    [-+]?\d[\d_]*(:[0-5]?\d)+(\.\d*)?|            # sexagesimal 1:30
    \d{4}-\d\d?-\d\d?([Tt ].*)?                   # dates and times
    """
)
_INVISIBLE = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\ufeff\u200b-\u200f\u202a-\u202e]")


def scalar(value: str, *, flow: bool = False) -> str:
    """Give ``value`` as a YAML scalar: plain when that is safe, else double-quoted.

    >>> scalar("three evil forces"), scalar("三股势力")
    ('three evil forces', '三股势力')
    >>> scalar("yes"), scalar("2018"), scalar("a: b"), scalar("why?")
    ('"yes"', '"2018"', '"a: b"', '"why?"')
    """
    if _is_plain(value) and not (flow and "," in value):
        return value
    return _UNPRINTABLE.sub(_escape, json.dumps(value, ensure_ascii=False))


# Characters a YAML reader refuses even inside quotes, or reads as a line break.
_UNPRINTABLE = re.compile(
    "[^\x09\x0a\x0d\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd\U00010000-\U0010ffff]"
)


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}"


def _is_plain(value: str) -> bool:
    return (
        value == value.strip()
        and _PLAIN.fullmatch(value) is not None
        and _NOT_TEXT.fullmatch(value) is None
        and _INVISIBLE.search(value) is None
        and "  " not in value
    )


def field_lines(name: str, value: str | Sequence[str], indent: str) -> list[str]:
    """Give the lines of one field at ``indent``: a flow list for tags and see, block otherwise.

    >>> field_lines("tags", ["security", "sco"], "    ")
    ['    tags: [security, sco]']
    >>> field_lines("en", ["back to back"], "    ")
    ['    en:', '      - back to back']
    """
    if isinstance(value, str):
        return [f"{indent}{name}: {scalar(value)}"]
    if name in ("tags", "see"):
        return [f"{indent}{name}: [{', '.join(scalar(v, flow=True) for v in value)}]"]
    return [f"{indent}{name}:"] + [f"{indent}  - {scalar(v)}" for v in value]


def entry_lines(term: Term, item_indent: str = "  ") -> list[str]:
    """Give the lines of ``term`` as one item of the ``terms:`` list, fields in schema order.

    >>> print("\\n".join(entry_lines(Term(zh="背靠背", en=("back to back",), tags=("military",)))))
      - zh: 背靠背
        en:
          - back to back
        tags: [military]
    """
    key_indent = item_indent + "  "
    lines: list[str] = []
    for name, value in term.to_dict().items():
        lines += field_lines(name, value, key_indent)
    lines[0] = item_indent + "- " + lines[0][len(key_indent) :]
    return lines


def document(title: str | None, terms: Sequence[Term], header: str = "") -> str:
    """Give a whole glossary file: an optional comment header, the title and the terms."""
    lines = [f"# {line}".rstrip() for line in header.splitlines()]
    if title:
        lines.append(f"title: {scalar(title)}")
    lines.append("terms:" if terms else "terms: []")
    for term in terms:
        lines += entry_lines(term)
    return "\n".join(lines) + "\n"


def order_key(name: str) -> int:
    """Give the position of a field in the schema's order (unknown names last)."""
    return TERM_FIELDS.index(name) if name in TERM_FIELDS else len(TERM_FIELDS)


_TEMPLATE = """\
# A glossary for the `glossary` command: edit it by hand or with `glossary add`, and keep
# it under version control. Each item of `terms` is one term; only zh and en are required.
#
#   - zh: 三股势力                  # simplified headword, unique in this file
#     traditional: 三股勢力         # traditional form
#     pinyin: sān gǔ shìlì          # tone marks, words separated by spaces
#     en:                           # English renderings, the preferred one first
#       - three evil forces
#       - three forces
#     avoid: [three evils]          # renderings a draft should not use
#     literal: three strands of forces     # word-for-word gloss
#     definition: Terrorism, separatism and extremism, as named by the SCO.
#     context: The sentence where you met the term.
#     source: Who wrote it, where and when.
#     url: https://example.org/where-you-read-it
#     tags: [security, sco]         # your own labels
#     see: [上海合作组织]             # related headwords
#     id: three-evil-forces         # stable identity for exports (default: the headword)

"""


def template(title: str) -> str:
    """Give the text of a new, empty glossary with a commented example entry."""
    return _TEMPLATE + f"title: {scalar(title)}\nterms: []\n"
