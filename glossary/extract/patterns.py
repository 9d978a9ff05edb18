"""The pairs a text states: Chinese in brackets after English, English in brackets after
Chinese, Wikipedia's bracket of fields, and glossary-like list lines."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from glossary import pinyin
from glossary.extract.classify import (
    clean_english,
    fitting_pinyin,
    good_english,
    is_chinese_term,
    is_pinyin,
    strip_quotes,
)
from glossary.extract.english import HARD_STOPS, english_before, split_english
from glossary.hanzi import HANZI_CHARS, HANZI_CLASS

_BRACKET = re.compile(r"[(（]([^()（）\n]{1,300})[)）]")
_ABBR = re.compile(r"[A-Z][A-Z0-9&\-.]{1,9}")
_OR_PINYIN = re.compile(
    r"[\"“‘']([^\"“”‘’\n]{1,150}?)[,，]?[\"”’'][,，]?\s+or\s+([^\s\"“”(（][^()（）\"“”\n]*?)\s*$"
)
_ZH_BEFORE = re.compile(rf"({HANZI_CLASS}[{HANZI_CHARS}\-·、0-9]*)[\"”’'」』]?\s*$")
_AFTER_COLON = re.compile(r"\s*[:：]\s*[\"“‘']?([A-Za-z][^.;,\n\"”’()]*)")
_WIKI_FIELDS = re.compile(r"(?i)(chinese|pinyin)\s*[:：]")
_WIKI_LABEL = re.compile(
    r"^(simplified chinese|traditional chinese|chinese|pinyin|hanyu pinyin|lit\.|literally)"
    r"\s*[:：]?\s*(.*)$",
    re.I | re.S,
)
_LIST_LINE = re.compile(
    rf"^\s*(?:[-*•]\s+|\d+[.)]\s+)?({HANZI_CLASS}[^\t:：=–—()（）]*?)"
    rf"\s*(?:\t|[:：=]|\s[–—-]\s)\s*([A-Za-z][^\t{HANZI_CHARS}]*?)\s*$"
)
_REACH_BACK = 400  # how far before a bracket its English is looked for


@dataclass(frozen=True)
class Found:
    """A pair found in a text, before it becomes a candidate."""

    zh: str
    en: str
    pattern: str
    at: int  # offset of the Chinese in the text
    pinyin: str | None = None
    traditional: str | None = None
    literal: str | None = None


def found_in(text: str) -> Iterator[Found]:
    """Give the pairs of ``text``, line by line: list lines, then brackets."""
    line_start = 0
    for line in text.split("\n"):
        yield from _list_line(line, line_start)
        for m in _BRACKET.finditer(text, line_start, line_start + len(line)):
            if pinyin.has_hanzi(m.group(1)):
                yield from _forward(text, m, line_start)
            else:
                yield from _reverse(text, m, line_start)
        line_start += len(line) + 1


# --- English (中文) ---------------------------------------------------------------------------


def _forward(text: str, m: re.Match[str], line_start: int) -> Iterator[Found]:
    """Give the pairs of a bracket holding Chinese, with the English before it."""
    content = m.group(1)
    pre = text[max(line_start, m.start() - _REACH_BACK) : m.start()]
    if _WIKI_FIELDS.search(content):
        yield from _wikipedia(content, pre, m.start(1))
        return
    parts = _chinese_parts(content)
    if parts is None:
        return
    zh_parts, others = parts
    if len(zh_parts) > 1:
        yield from _several(zh_parts, pre, content, m.start(1))
    else:
        at = m.start(1) + content.find(zh_parts[0][:1])
        yield from _single(zh_parts[0], others, pre, at)


def _chinese_parts(content: str) -> tuple[list[str], list[str]] | None:
    """Give the Chinese terms of a bracket and its other parts (pinyin, an abbreviation);
    ``None`` when some Chinese there is no term (a quotation, garbled text)."""
    parts = [p.strip() for p in re.split(r"[;；,，]", content) if p.strip()]
    zh_parts = [strip_quotes(p) for p in parts if pinyin.has_hanzi(p)]
    if not zh_parts or not all(is_chinese_term(z) for z in zh_parts):
        return None
    return zh_parts, [strip_quotes(p) for p in parts if not pinyin.has_hanzi(p)]


def _several(zh_parts: list[str], pre: str, content: str, at: int) -> Iterator[Found]:
    """Give a pair for each term of ``(zh, zh)``, the English before split among them."""
    longest = max(pinyin.count_hanzi(p) for z in zh_parts for p in z.split("、"))
    english = english_before(pre, longest, len(zh_parts))
    if english is None or not good_english(english[0]):
        return
    for zh, en in zip(zh_parts, split_english(english[0], len(zh_parts)), strict=True):
        yield Found(zh, en, "en (zh, zh)", at + content.find(zh))


def _single(zh: str, others: list[str], pre: str, at: int) -> Iterator[Found]:
    """Give the pair of a bracket holding one Chinese term, and of each of its parts joined
    by 、 that the English splits into."""
    rendering = _rendering(zh, pre)
    if rendering is None or not good_english(rendering[0]):
        return
    en, pattern, said = rendering
    pattern, said = _read_others(zh, others, pattern, said)
    if "-" in zh and " - " not in zh:  # "空天安全-2017": the hyphen is not spaced
        yield Found(zh, re.sub(r"\s+-\s+", "-", en), pattern, at, said)
    else:
        yield Found(zh, en, pattern, at, said)
    yield from _enumerated(zh, en, pattern, at)


def _rendering(zh: str, pre: str) -> tuple[str, str, str | None] | None:
    """Give the English before the bracket of ``zh``, the pattern it follows, and the pinyin
    beside it (``"stability maintenance," or weiwen (维稳)``)."""
    or_pinyin = _OR_PINYIN.search(pre)
    if or_pinyin:
        en = or_pinyin.group(1).strip().rstrip(",.")
        return en, '"en" or pinyin (zh)', fitting_pinyin(or_pinyin.group(2), zh)
    # Terms joined by 、 are one expression; its longest part sets the English's length.
    pieces = zh.split("、")
    english = english_before(pre, max(pinyin.count_hanzi(p) for p in pieces), len(pieces))
    if english is None:
        return None
    en, quoted = english
    return en, '"en" (zh)' if quoted else "en (zh)", None


def _read_others(
    zh: str, others: list[str], pattern: str, said: str | None
) -> tuple[str, str | None]:
    """Give the pattern and pinyin once the bracket's parts besides ``zh`` are read: pinyin
    (which replaces pinyin said before the bracket) or an abbreviation."""
    for other in others:
        if is_pinyin(other):
            said, pattern = fitting_pinyin(other, zh), "en (zh, pinyin)"
        elif _ABBR.fullmatch(other):
            pattern = "en (abbr; zh)"
    return pattern, said


def _enumerated(zh: str, en: str, pattern: str, at: int) -> Iterator[Found]:
    """Give a pair for each part of ``zh`` joined by 、 (改革、开放) that ``en`` splits into."""
    pieces = zh.split("、")
    if len(pieces) == 1:
        return
    for piece, part in zip(pieces, split_english(en, len(pieces)), strict=True):
        if part != en:
            yield Found(piece, part, pattern, at + zh.find(piece))


def _wikipedia(content: str, pre: str, at: int) -> Iterator[Found]:
    """Give the pair of ``(simplified Chinese: …; traditional Chinese: …; pinyin: …)``."""
    fields: dict[str, str] = {}
    for part in re.split(r"[;；]", content):
        label = _WIKI_LABEL.match(part.strip())
        if label:
            key = label.group(1).casefold().replace("hanyu ", "").replace("literally", "lit.")
            fields.setdefault(key, strip_quotes(label.group(2)))
    zh = fields.get("simplified chinese") or fields.get("chinese")
    if not zh or not is_chinese_term(zh):
        return
    english = english_before(pre, pinyin.count_hanzi(zh), 1)
    if english is None or not good_english(english[0]):
        return
    said = fitting_pinyin(fields.get("pinyin", ""), zh)
    traditional = fields.get("traditional chinese")
    yield Found(
        zh,
        english[0],
        "wikipedia",
        at + content.find(zh),
        said,
        traditional if traditional and pinyin.has_hanzi(traditional) else None,
        fields.get("lit.") or None,
    )


# --- 中文 (English) ---------------------------------------------------------------------------


def _reverse(text: str, m: re.Match[str], line_start: int) -> Iterator[Found]:
    """Give the pair of ``中文 (English)`` or ``中文 (pinyin): English``."""
    window = max(line_start, m.start() - 100)  # a headword is a dozen hanzi at most
    before = _ZH_BEFORE.search(text[window : m.start()])
    content = strip_quotes(m.group(1))
    if not before:
        return
    zh = before.group(1)
    start = window + before.start(1)
    if start > line_start and pinyin.has_hanzi(text[start - 1]):
        return
    if not is_chinese_term(zh) or pinyin.count_hanzi(zh) > 12:
        return
    said = fitting_pinyin(content, zh)
    if said:
        after = _AFTER_COLON.match(text, m.end())
        if after:
            en = clean_english(after.group(1))
            if en and good_english(en):
                yield Found(zh, en, "zh (pinyin): en", start, said)
        return
    if is_pinyin(content) or _ABBR.fullmatch(content) or re.fullmatch(r"[\d\s\-–,.]+", content):
        return
    en = clean_english(content)
    if not en or en.split()[0].casefold() in HARD_STOPS:
        return
    if en and good_english(en) and not re.search(r"[;:]", content):
        yield Found(zh, en, "zh (en)", start)


# --- list lines ------------------------------------------------------------------------------


def _list_line(line: str, offset: int) -> Iterator[Found]:
    """Give the pair of a line that is only ``zh: en``, ``zh – en`` or ``zh<TAB>en``."""
    m = _LIST_LINE.match(line)
    if not m:
        return
    zh, en = m.group(1).strip(), clean_english(m.group(2))
    if is_chinese_term(zh) and en and good_english(en) and not is_pinyin(en):
        yield Found(zh, en, "list", offset + m.start(1))
