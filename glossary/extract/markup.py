"""Plain text from HTML or Markdown: tags, entities and markup removed, lines kept in place.

Kept as regular expressions rather than a parser, on measurement: Python's ``html.parser``
is quadratic on unclosed comments and tags (a 160 kB line of ``<!--`` took 35 s, a 260 kB
line of ``[_*`<!--<script <b`` five minutes), and markdown-it-py gives positions only to
blocks, not to inline text, takes 10 s on a hostile 1 MB line and would be a dependency
of its own. What is removed here is what prose carries (tags, entities, links, emphasis,
headings, quotes); a line of the result is the same line of the input, so that a
candidate's line number points at the source.

Every pattern here runs in time linear in the text, however hostile: no pattern can scan to
the end of a line from each of many openings (a megabyte line of "[" or "_" would take
hours), so what lies between the marks is bounded, and blocks are found with ``str.find``.
"""

from __future__ import annotations

import html
import re

_TAG = re.compile(r"<[A-Za-z/!][^<>]*>")
_BLOCK = re.compile(r"<(script|style)\b|<!--", re.I)
_MD_IMAGE_LINK = re.compile(r"!?\[([^\[\]\n]{0,500})\]\([^()\n]{0,2000}\)")
# Emphasis holds no mark character, so that each attempt stops at the next mark; nesting
# (**bold _it_**) is undone from the inside out, one level a pass.
_MD_EMPHASIS = re.compile(r"(\*\*|__|\*|_|`)(?=[^\s*_`])([^\n*_`]{0,500}?[^\s*_`])\1")
_EMPHASIS_DEPTH = 8  # nested emphasis undone, at most
_MD_HEADING = re.compile(r"^(#{1,6}\s+|>\s?)", re.M)
_LOOKS_HTML = re.compile(
    r"<(p|br|div|span|a|b|i|em|strong|li|ul|ol|h\d|img|table|tr|td|th|sup|sub|blockquote"
    r"|section|article|figure|figcaption|header|footer|html|body|meta|link)\b[^<>]{0,2000}>"
    r"|&[a-z]+;|&#\d+;",
    re.I,
)
_LOOKS_MD = re.compile(
    r"\[[^\[\]\n]{1,500}\]\([^()\n]{1,2000}\)|\*\*\S|__\S|^#{1,6} |(?<![\w*])\*\S[^*\n]*\*",
    re.M,
)


def looks_marked_up(text: str) -> bool:
    """Tell whether ``text`` holds HTML tags or entities, or Markdown links, emphasis or
    headings (plain prose is left as it is, "3 < 4" and all)."""
    return _LOOKS_HTML.search(text) is not None or _LOOKS_MD.search(text) is not None


def plain_text(text: str) -> str:
    """Give ``text`` without HTML tags, entities or Markdown markup; lines stay where they are.

    >>> plain_text("<p>the <b>Shanghai Five</b> (上海五国) &amp; the *SCO*</p>")
    'the Shanghai Five (上海五国) & the SCO'
    """
    out = _TAG.sub(lambda m: "\n" * m.group(0).count("\n"), _without_blocks(text))
    out = html.unescape(out)
    out = _MD_IMAGE_LINK.sub(r"\1", out)
    out = _MD_HEADING.sub("", out)
    for _ in range(_EMPHASIS_DEPTH):
        previous, out = out, _MD_EMPHASIS.sub(r"\2", out)
        if out == previous:
            break
    return out


def _without_blocks(text: str) -> str:
    """Give ``text`` with each script, style and comment block made its line breaks.

    >>> _without_blocks("a<script>x\\n</script >b<!-- c -->d<!-- open")
    'a\\nbd<!-- open'
    """
    lower = text.lower()
    missing: set[str] = set()  # closing marks not found: never found further on either
    out: list[str] = []
    at = 0
    for opening in _BLOCK.finditer(text):
        if opening.start() < at:
            continue
        comment = opening.group(1) is None
        closing = "-->" if comment else f"</{opening.group(1).lower()}"
        end = -1 if closing in missing else lower.find(closing, opening.end())
        if end < 0:
            missing.add(closing)
            continue
        end = end + 3 if comment else (text.find(">", end) + 1 or len(text))
        out += [text[at : opening.start()], "\n" * text.count("\n", opening.start(), end)]
        at = end
    return "".join([*out, text[at:]])
