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

_BRACKET = re.compile(r"[(（]([^()（）\n]{1,300})[)）]")
_ABBR = re.compile(r"[A-Z][A-Z0-9&\-.]{1,9}")
_OR_PINYIN = re.compile(
    r"[\"“‘']([^\"“”‘’\n]{1,150}?)[,，]?[\"”’'][,，]?\s+or\s+([^\s\"“”(（][^()（）\"“”\n]*?)\s*$"
)
_ZH_BEFORE = re.compile(
    r"([\u3400-\u9fff\uf900-\ufaff][\u3400-\u9fff\uf900-\ufaff\-·、0-9]*)[\"”’'」』]?\s*$"
)
_AFTER_COLON = re.compile(r"\s*[:：]\s*[\"“‘']?([A-Za-z][^.;,\n\"”’()]*)")
_WIKI_FIELDS = re.compile(r"(?i)(chinese|pinyin)\s*[:：]")
_WIKI_LABEL = re.compile(
    r"^(simplified chinese|traditional chinese|chinese|pinyin|hanyu pinyin|lit\.|literally)"
    r"\s*[:：]?\s*(.*)$",
    re.I | re.S,
)
_LIST_LINE = re.compile(
    r"^\s*(?:[-*•]\s+|\d+[.)]\s+)?([\u3400-\u9fff\uf900-\ufaff][^\t:：=–—()（）]*?)"
    r"\s*(?:\t|[:：=]|\s[–—-]\s)\s*([A-Za-z][^\t\u3400-\u9fff]*?)\s*$"
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


def _parts(content: str) -> list[str]:
    return [p.strip() for p in re.split(r"[;；,，]", content) if p.strip()]


def _forward(text: str, m: re.Match[str], line_start: int) -> Iterator[Found]:
    """Give the pairs of a bracket holding Chinese, with the English before it."""
    content = m.group(1)
    pre = text[max(line_start, m.start() - _REACH_BACK) : m.start()]
    if _WIKI_FIELDS.search(content):
        yield from _wikipedia(content, pre, m.start(1))
        return
    parts = _parts(content)
    zh_parts = [strip_quotes(p) for p in parts if pinyin.has_hanzi(p)]
    if not zh_parts or not all(is_chinese_term(z) for z in zh_parts):
        return
    others = [strip_quotes(p) for p in parts if not pinyin.has_hanzi(p)]
    hanzi = max(pinyin.count_hanzi(z) for z in zh_parts)
    said_pinyin: str | None = None
    pattern = "en (zh)"
    or_pinyin = _OR_PINYIN.search(pre)
    if or_pinyin and len(zh_parts) == 1:
        said_pinyin = fitting_pinyin(or_pinyin.group(2), zh_parts[0]) or ""
        english: tuple[str, bool] | None = (or_pinyin.group(1).strip().rstrip(",."), True)
        pattern = '"en" or pinyin (zh)'
    else:
        count = len(zh_parts) if len(zh_parts) > 1 else len(zh_parts[0].split("、"))
        longest = max(pinyin.count_hanzi(p) for z in zh_parts for p in z.split("、"))
        english = english_before(pre, longest if count > 1 else hanzi, count)
        if english and english[1]:
            pattern = '"en" (zh)'
    if english is None or not good_english(english[0]):
        return
    for other in others:
        if len(zh_parts) == 1 and is_pinyin(other):
            said_pinyin, pattern = fitting_pinyin(other, zh_parts[0]), "en (zh, pinyin)"
        elif _ABBR.fullmatch(other):
            pattern = "en (abbr; zh)"
    at = m.start(1) + content.find(zh_parts[0][:1])
    if len(zh_parts) > 1:
        renderings = split_english(english[0], len(zh_parts))
        for zh, en in zip(zh_parts, renderings, strict=True):
            yield Found(zh, en, "en (zh, zh)", m.start(1) + content.find(zh))
        return
    zh = zh_parts[0]
    en = english[0]
    if "-" in zh and " - " not in zh:  # "空天安全-2017": the hyphen is not spaced
        en = re.sub(r"\s+-\s+", "-", en)
    yield Found(zh, en, pattern, at, said_pinyin or None)
    pieces = zh.split("、")
    if len(pieces) > 1:
        for piece, en in zip(pieces, split_english(english[0], len(pieces)), strict=True):
            if en != english[0]:
                yield Found(piece, en, pattern, at + zh.find(piece))


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
