"""Lines that are pairs without brackets, as glossaries and dictionaries lay them out, and
the labelled fields of an encyclopaedia's bracket.

- a list line: ``中文: rendering``, ``中文 – rendering``, ``中文<TAB>rendering``, with an
  optional bullet or number, and the same with the English first (``rendering — 中文``);
- a heading or entry line that is only a short English phrase and a Chinese term, either
  way round, with optional pinyin and Markdown heading marks: ``Lying Flat 躺平``,
  ``## 内卷 Involution``;
- a table row (Markdown pipes): the first cell that is a Chinese term, the first that is
  pinyin, the first short English one; a header row (the one above ``|---|``) is skipped;
- a dictionary entry stacked on lines of its own: a short English title, the Chinese term
  alone on the next line, and its pinyin alone on the line after (without it, an English
  heading over a Chinese line is no evidence of a pair).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from glossary import pinyin
from glossary.extract.classify import (
    clean_english,
    fitting_pinyin,
    good_english,
    is_chinese_term,
    is_pinyin,
    strip_quotes,
)
from glossary.extract.found import Found
from glossary.extract.vocabulary import CLAUSE_WORDS
from glossary.hanzi import HANZI_CHARS, HANZI_CLASS

_LEAD = r"^\s*(?:#{1,6}\s+|[-*•·]\s+|\d+[.)]\s+)?"
# Between the columns of a list line: a tab, a colon, an equals sign, a dash, or a gap of
# spaces (a table pasted as text).
_SEPARATOR = r"\s*(?:\t|[:：=]|\s[–—-]\s|\s?[–—]\s?|\s{2,})\s*"
# The Chinese of a list line, then optionally its bare pinyin ("躺平 tǎngpíng — lying flat";
# pinyin in brackets is the ``zh (pinyin): en`` pattern's).
_ZH = (
    rf"({HANZI_CLASS}[{HANZI_CHARS}·、\-0-9]*)"
    rf"(?:\s+([A-Za-z\u00c0-\u024f\u0261][^\t:：=–—()（）\d{HANZI_CHARS}]*?))?"
)
_LIST_LINE = re.compile(rf"{_LEAD}{_ZH}{_SEPARATOR}([A-Za-z][^\t{HANZI_CHARS}]*?)\s*$")
_LIST_LINE_EN_FIRST = re.compile(
    rf"{_LEAD}([A-Za-z][^\t:：=–—{HANZI_CHARS}]*?){_SEPARATOR}"
    rf"({HANZI_CLASS}[{HANZI_CHARS}·]*)\s*(?:[(（]([^()（）]+)[)）])?\s*$"
)
_PHRASE = r"([A-Za-z][A-Za-z'’\-]*(?:\s+[A-Za-z][A-Za-z'’\-]*){0,6})"
_PINYIN_TAIL = r"(?:\s+[(（]?([^()（）\d]+?)[)）]?)?"
_HEADING_EN_FIRST = re.compile(
    rf"{_LEAD}{_PHRASE}\s+({HANZI_CLASS}[{HANZI_CHARS}·]*){_PINYIN_TAIL}\s*$"
)
_HEADING_ZH_FIRST = re.compile(
    rf"{_LEAD}({HANZI_CLASS}[{HANZI_CHARS}·]*)(?:\s+[(（]([^()（）\d]+?)[)）])?\s+{_PHRASE}\s*$"
)
_LONGEST_LINE = 300  # longer lines are paragraphs, never list or heading lines
_TABLE_RULE = re.compile(r"^\s*\|?\s*:?-{3,}")
_WIKI_LABEL = re.compile(
    r"^(simplified chinese|traditional chinese|chinese|hanyu pinyin|pinyin|lit\.|literally)"
    r"\s*[:：]?\s*(.*)$",
    re.I | re.S,
)


def line_pairs(line: str, offset: int, following: str = "") -> Iterator[Found]:
    """Give the pair of ``line`` (at ``offset`` in the text) when the whole line is one;
    ``following``: the next line, which tells a table's header row."""
    if len(line) > _LONGEST_LINE or not pinyin.has_hanzi(line):
        return  # a paragraph, or a line with no Chinese: no list line, and no time spent
    if line.lstrip().startswith("|"):
        yield from _table_row(line, offset, following)
        return
    for reader in (_list_line, _list_line_en_first, _heading):
        found = reader(line, offset)
        if found is not None:
            yield found
            return


def _pair(zh: str, en: str, pattern: str, at: int, said: str | None = None) -> Found | None:
    """Give the pair when ``zh`` is a term and ``en`` an English rendering (not pinyin); an
    explanation after the rendering ("show-off, someone who stands out") is left out."""
    zh, en = zh.strip(), clean_english(_without_explanation(en))
    if not is_chinese_term(zh) or not en or not good_english(en) or is_pinyin(en):
        return None
    return Found(zh, en, pattern, at, fitting_pinyin(said, zh) if said else None)


def _without_explanation(en: str) -> str:
    """Give ``en`` up to a semicolon, or up to a comma followed by three words or more (an
    explanation); a short coordination ("one country, two systems") stays whole."""
    en = en.split(";")[0]
    head, comma, rest = en.partition(", ")
    return head if comma and len(rest.split()) >= 3 else en


def _list_line(line: str, offset: int) -> Found | None:
    m = _LIST_LINE.match(line)
    if not m or (m.group(2) and not is_pinyin(m.group(2))):
        return None
    return _pair(m.group(1), m.group(3), "list", offset + m.start(1), m.group(2))


def _list_line_en_first(line: str, offset: int) -> Found | None:
    m = _LIST_LINE_EN_FIRST.match(line)
    if not m:
        return None
    return _pair(m.group(2), m.group(1), "list", offset + m.start(2), m.group(3))


def _heading(line: str, offset: int) -> Found | None:
    """Give the pair of a line that is only ``English 中文`` or ``中文 English``; the English
    is a name or noun phrase, not a clause ("He said 他说")."""
    if {w.casefold() for w in re.findall(r"[A-Za-z]+", line)} & CLAUSE_WORDS:
        return None
    m = _HEADING_EN_FIRST.match(line)
    if m and (m.group(3) is None or is_pinyin(m.group(3))):
        return _pair(m.group(2), m.group(1), "heading", offset + m.start(2), m.group(3))
    m = _HEADING_ZH_FIRST.match(line)
    if m and not is_pinyin(m.group(3)) and (m.group(2) is None or is_pinyin(m.group(2))):
        return _pair(m.group(1), m.group(3), "heading", offset + m.start(1), m.group(2))
    return None


def _table_row(line: str, offset: int, following: str) -> Iterator[Found]:
    """Give the pair of a Markdown table row: its Chinese, pinyin and English cells."""
    if _TABLE_RULE.match(line) or _TABLE_RULE.match(following):
        return  # the rule under the header, or the header itself
    cells = [c.strip() for c in line.strip().strip("|").split("|")]
    zh = next((c for c in cells if is_chinese_term(strip_quotes(c))), None)
    if zh is None:
        return
    said = next((c for c in cells if c and is_pinyin(c)), None)
    for cell in cells:
        en = clean_english(cell)
        if en and good_english(en) and not is_pinyin(en) and len(en.split()) <= 10:
            found = _pair(zh, en, "table", offset + line.find(zh), said)
            if found is not None:
                yield found
            return


def stacked(rows: list[str], n: int, offset: int) -> Found | None:
    """Give the pair of a dictionary entry stacked on lines of its own, when ``rows[n]`` (at
    ``offset`` in the text) is its Chinese: the English title is the line above, the pinyin
    the line below."""
    zh = rows[n].strip().strip("#").strip()
    if n == 0 or not is_chinese_term(zh) or len(zh) < 2 or not rows[n - 1].strip():
        return None
    title = re.fullmatch(rf"{_LEAD}{_PHRASE}\s*", rows[n - 1])
    if title is None or {w.casefold() for w in title.group(1).split()} & CLAUSE_WORDS:
        return None
    below = rows[n + 1].strip() if n + 1 < len(rows) else ""
    if not below or fitting_pinyin(below, zh) is None:
        return None
    return _pair(zh, title.group(1), "heading", offset + rows[n].find(zh), below)


def labelled_fields(content: str) -> dict[str, str]:
    """Give the fields of an encyclopaedia's bracket by label ("simplified chinese", "pinyin",
    "lit.", and "" for Chinese with no label), spacing around the colon tolerated."""
    fields: dict[str, str] = {}
    for part in re.split(r"[;；]", content):
        part = part.strip()
        label = _WIKI_LABEL.match(part)
        if label:
            key = label.group(1).casefold().replace("hanyu ", "").replace("literally", "lit.")
            fields.setdefault(key, strip_quotes(label.group(2)))
        elif is_chinese_term(strip_quotes(part)):
            fields.setdefault("", strip_quotes(part))
    return fields
