"""The pairs a text states with brackets: Chinese in brackets after English (or after its
pinyin), English or pinyin in brackets after Chinese, and Wikipedia's bracket of fields.
Lines that are pairs without brackets are :mod:`~glossary.extract.lines`'s."""

from __future__ import annotations

import re
from collections.abc import Iterator

from glossary import pinyin
from glossary.extract import lines
from glossary.extract.after import english_after
from glossary.extract.classify import (
    clean_english,
    fitting_pinyin,
    good_english,
    is_chinese_term,
    is_pinyin,
    strip_quotes,
)
from glossary.extract.english import (
    Rendering,
    english_before,
    quoted_end,
    split_english,
    with_shared_head,
)
from glossary.extract.found import Found
from glossary.extract.romanise import spelled, spells_all
from glossary.extract.vocabulary import CLAUSE_WORDS, HARD_STOPS, VERBS
from glossary.hanzi import HANZI_CHARS, HANZI_CLASS

_BRACKET = re.compile(r"[(（]([^()（）\n]{1,300})[)）]")
_ABBR = re.compile(r"[A-Z][A-Z0-9&\-.]{1,9}")
_OR_PINYIN = re.compile(
    r"[\"“‘']([^\"“”‘’\n]{1,150}?)[,，]?[\"”’'][,，]?\s+or\s+([^\s\"“”(（][^()（）\"“”\n]*?)\s*$"
)
_ZH_BEFORE = re.compile(rf"({HANZI_CLASS}[{HANZI_CHARS}\-·、0-9]*)[\"”’'」』》〉]?\s*$")
_PINYIN_WORD = re.compile(r"[a-zɡüāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ'’\-]+")
_OR_BEFORE = re.compile(r"[,，]?\s+or\s*$")
_LITERAL = re.compile(r"^(?:lit\.|literally)\s*[:,]?\s*", re.I)
_ZH_AND_PINYIN = re.compile(rf"^({HANZI_CLASS}[{HANZI_CHARS}·]*)\s+([^\s{HANZI_CHARS}].*)$")
_NUMERALS = re.compile(r"[0-9〇零一二三四五六七八九十百千万亿两]")
# Measure words, units and ordinal marks: what a quantity or a numbered label holds besides its
# numerals ("百分之零点三", "第三章", "三千元", "约40人").
_QUANTITY_WORDS = set("年月日号页章节条款元人岁次个点分之第表图卷期版约余多几度倍")
_REACH_BACK = 400  # how far before a bracket its English is looked for
_CHINESE_PROSE = 10  # hanzi in a line that make it Chinese prose, at least
_YEAR = re.compile(r"(?<!\d)(?:1[89]|20)\d\d(?!\d)")
# What besides a year makes a line a citation: a note number, a publisher, a journal's volume
# or pages, a link, or an author-date opening ("Wang Hui. 2004.", "Zhang, W. (2018).").
_CITATION = re.compile(
    r"^\s*(?:\[\d{1,3}\]|\d{1,3}[.)]\s)|Press|Publish|出版社|[Jj]ournal|\bpp?\.\s*\d"
    r"|\b[Vv]ol\.|\bdoi\b|https?://"
    r"|^[^.()]{1,60}\.\s*\d{4}[a-z]?\.\s|^[^()]{1,60}\(\d{4}[a-z]?\)\.?\s"
)
_MARKS = set("“‘「『《〈\"'")  # what opens a quoted term in Chinese prose


def found_in(text: str) -> Iterator[Found]:
    """Give the pairs of ``text``, line by line: a line that is a pair, else its brackets."""
    line_start = 0
    all_lines = text.split("\n")
    for n, line in enumerate(all_lines):
        following = all_lines[n + 1] if n + 1 < len(all_lines) else ""
        listed = list(lines.line_pairs(line, line_start, following))
        entry = lines.stacked(all_lines, n, line_start) if not listed else None
        listed += [entry] if entry else []
        yield from listed
        if not listed:
            yield from _brackets(text, line_start, line_start + len(line))
        line_start += len(line) + 1


def _brackets(text: str, start: int, end: int) -> Iterator[Found]:
    """Give the pairs of the brackets of one line, a shared head carried from one rendering
    to the next ("confidence in the path (道路自信), in the theory (理论自信)")."""
    previous: tuple[Found, int] | None = None
    for m in _BRACKET.finditer(text, start, end):
        if not pinyin.has_hanzi(m.group(1)):
            yield from _reverse(text, m, start)
            continue
        for found in _forward(text, m, start):
            if previous is not None and found.pattern == "en (zh)":
                shared = with_shared_head(previous[0].en, text[previous[1] : m.start()])
                if shared is not None:
                    found = found.replace(en=shared, alternatives=(found.en, *found.alternatives))
            yield found
            previous = (found, m.end())


# --- English (中文) ---------------------------------------------------------------------------


def _forward(text: str, m: re.Match[str], line_start: int) -> Iterator[Found]:
    """Give the pairs of a bracket holding Chinese, with the English before (or after) it."""
    content = m.group(1)
    if m.group(0)[0] == "(" and m.start() > line_start and text[m.start() - 1].isalnum():
        return  # "f(数据)": a call in code, not a bracket in prose
    pre_start = max(line_start, m.start() - _REACH_BACK)
    pre = text[pre_start : m.start()]
    if re.search(r"(?i)(chinese|pinyin)\s*[:：]", content):
        yield from _wikipedia(content, pre, m.start(1), pre_start == line_start)
        return
    parts = _chinese_parts(content)
    if parts is None:
        return
    zh_parts, others = parts
    if len(zh_parts) > 1:
        yield from _several(zh_parts, pre, content, m.start(1))
        return
    zh = zh_parts[0]
    at = m.start(1) + content.find(zh[:1])
    end = text.find("\n", m.end())
    after = text[m.end() : end if end >= 0 else len(text)]
    yield from _single(zh, others, pre, at, after, pre_start == line_start)


def _chinese_parts(content: str) -> tuple[list[str], list[str]] | None:
    """Give the Chinese terms of a bracket and its other parts (pinyin, an abbreviation, a
    gloss); ``None`` when some Chinese there is no term (a quotation, garbled text)."""
    parts: list[str] = []
    for part in (p.strip() for p in re.split(r"[;；,，]", content)):
        split = _ZH_AND_PINYIN.match(part)
        if split and is_pinyin(split.group(2)):  # "(生态文明 shēngtài wénmíng)"
            parts += [split.group(1), split.group(2)]
        elif part:
            parts.append(part)
    zh_parts = [strip_quotes(p) for p in parts if pinyin.has_hanzi(p)]
    if not zh_parts or not all(is_chinese_term(z) for z in zh_parts):
        return None
    return zh_parts, [strip_quotes(p) for p in parts if not pinyin.has_hanzi(p)]


def _several(zh_parts: list[str], pre: str, content: str, at: int) -> Iterator[Found]:
    """Give a pair for each term of ``(zh, zh)``, the English before split among them."""
    longest = max((p for z in zh_parts for p in z.split("、")), key=pinyin.count_hanzi)
    english = english_before(pre, longest, len(zh_parts))
    if english is None or not good_english(english.text):
        return
    for zh, en in zip(zh_parts, split_english(english.text, len(zh_parts)), strict=True):
        yield Found(zh, en, "en (zh, zh)", at + content.find(zh))


def _single(
    zh: str, others: list[str], pre: str, at: int, after: str, bounded: bool
) -> Iterator[Found]:
    """Give the pair of a bracket holding one Chinese term, and of each of its parts joined
    by 、 that the English splits into."""
    glossed = any(_is_gloss(o) for o in others)
    said = _spelled_before(pre, zh, glossed)
    if said is not None:
        found = _pinyin_first(zh, others, pre[:said], pre[said:], at, after)
    else:
        found = _english_first(zh, others, pre, at, bounded)
    if found is None or _is_quantity(zh, pre):
        return
    if "-" in zh and " - " not in zh:  # "空天安全-2017": the hyphen is not spaced
        found = found.replace(en=re.sub(r"\s+-\s+", "-", found.en))
    yield found
    yield from _enumerated(found)


def _spelled_before(pre: str, zh: str, glossed: bool) -> int | None:
    """Give where the lower-case pinyin of ``zh`` that ends ``pre`` starts ("the notion of
    tifa"), or ``None``: the pinyin of a term is never its rendering. With an English gloss
    in the bracket, a shortened reading counts too ("a fanzi (饭搭子, 'meal buddy')")."""
    tokens = list(re.finditer(r"\S+", pre))[-6:]
    for k in range(1, len(tokens) + 1):
        span = tokens[-k:]
        words = [t.group(0) for t in span]
        if not _PINYIN_WORD.fullmatch(words[0]):
            break
        if spells_all(words, zh):
            return span[0].start()
    last = tokens[-1:]
    if glossed and last and _PINYIN_WORD.fullmatch(last[0].group(0)):
        word = last[0].group(0)
        if is_pinyin(word) and _starts_reading(word, zh):
            return last[0].start()
    return None


def _starts_reading(word: str, zh: str) -> bool:
    """Tell whether the pinyin ``word`` starts with the reading of ``zh``'s first hanzi."""
    return any(spelled([word[:n]], zh) >= 1 for n in range(1, min(len(word), 6) + 1))


def _is_gloss(part: str) -> bool:
    """Tell whether a part of a bracket beside Chinese is an English gloss: quoted, or words
    that are neither pinyin nor an abbreviation."""
    text = strip_quotes(part)
    return bool(text) and good_english(text) and not is_pinyin(text) and not _ABBR.fullmatch(text)


def _english_first(zh: str, others: list[str], pre: str, at: int, bounded: bool) -> Found | None:
    """Give the pair of "rendering (中文)", with what else the bracket holds."""
    rendering = _rendering(zh, pre, bounded)
    if rendering is None or not good_english(rendering[0].text):
        return None
    english, pattern, said = rendering
    literal = next((_LITERAL.sub("", o) for o in others if _LITERAL.match(o)), None)
    pattern, said = _read_others(zh, others, pattern, said)
    if pinyin.count_hanzi(zh) == 1 and not (english.quoted or said):
        return None  # "the former (前)": one hanzi beside a common word is no evidence
    return Found(
        zh, english.text, pattern, at, said, literal=literal, alternatives=english.alternatives
    )


def _pinyin_first(
    zh: str, others: list[str], before: str, said: str, at: int, after: str
) -> Found | None:
    """Give the pair of "pinyin (中文)" with its rendering: before the pinyin ("'formulation',
    or tifa (提法)"), inside the bracket ("(躺平, 'lying flat')") or after it ("tifa (提法),
    usually rendered as 'formulation'"); the pinyin word itself is never the rendering."""
    reading = fitting_pinyin(said, zh)
    or_before = _OR_BEFORE.search(before)
    en: str | None = None
    if or_before:
        english = english_before(before[: or_before.start()], zh)
        en = english.text if english else None
    pattern = '"en" or pinyin (zh)' if en else "pinyin (zh): en"
    inside = [o for o in others if not is_pinyin(o) and not _ABBR.fullmatch(o)]
    en = en or (clean_english(inside[0]) if inside else None) or english_after(after, True)
    if not en or not good_english(en):
        return None
    return Found(zh, en, pattern, at, reading)


def _rendering(zh: str, pre: str, bounded: bool) -> tuple[Rendering, str, str | None] | None:
    """Give the English before the bracket of ``zh``, the pattern it follows, and the pinyin
    beside it (``"stability maintenance," or weiwen (维稳)``)."""
    or_pinyin = _OR_PINYIN.search(pre)
    if or_pinyin:
        en = or_pinyin.group(1).strip().rstrip(",.")
        said = fitting_pinyin(or_pinyin.group(2), zh)
        return Rendering(en, True), '"en" or pinyin (zh)', said
    english = english_before(pre, zh, len(zh.split("、")), bounded)
    if english is None:
        return None
    return english, '"en" (zh)' if english.quoted else "en (zh)", None


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


def _is_quantity(zh: str, pre: str) -> bool:
    """Tell whether ``zh`` is a quantity or a numbered label ("Table 2 (表二)", "0.3 per
    cent (百分之零点三)", "Appendix B (附录二)") rather than a term."""
    if not _NUMERALS.search(zh):
        return False
    rest = {c for c in _NUMERALS.sub("", zh) if pinyin.has_hanzi(c)}
    if rest <= _QUANTITY_WORDS:
        return True
    last = pre.split()[-1:] or [""]
    label = re.fullmatch(r"[0-9]+[a-z]?|[A-Z]|[IVX]+", last[0].strip(".,"))
    return label is not None and len(rest) <= 2 and _NUMERALS.search(zh[-1]) is not None


def _enumerated(found: Found) -> Iterator[Found]:
    """Give a pair for each part of ``zh`` joined by 、 (改革、开放) that ``en`` splits into."""
    pieces = found.zh.split("、")
    if len(pieces) == 1:
        return
    for piece, part in zip(pieces, split_english(found.en, len(pieces)), strict=True):
        if part != found.en:
            yield Found(piece, part, found.pattern, found.at + found.zh.find(piece))


def _wikipedia(content: str, pre: str, at: int, bounded: bool) -> Iterator[Found]:
    """Give the pair of ``(simplified Chinese: …; traditional Chinese: …; pinyin: …)``: one
    entry with both scripts, the pinyin, and the ``lit.`` gloss as its literal meaning."""
    fields = lines.labelled_fields(content)
    zh = fields.get("simplified chinese") or fields.get("chinese") or fields.get("")
    traditional = fields.get("traditional chinese")
    zh = zh or traditional
    if not zh or not is_chinese_term(zh):
        return
    english = _lead(pre) if bounded else None
    if english is None:
        rendering = english_before(pre, zh, 1, bounded)
        english = rendering.text if rendering else None
    if english is None or not good_english(english):
        return
    said = fitting_pinyin(fields.get("pinyin", ""), zh)
    yield Found(
        zh,
        english,
        "wikipedia",
        at + content.find(zh),
        said,
        traditional if traditional and pinyin.has_hanzi(traditional) else None,
        fields.get("lit.") or None,
    )


def _lead(pre: str) -> str | None:
    """Give an encyclopaedia lead's title: the whole short clause that opens the line before
    the bracket ("The Great Firewall", "Dim sum"), without its article, footnote marks or
    other names ("Tiananmen Square or Tian'anmen Square" gives the first)."""
    text = " ".join(re.sub(r"\[(?:\d{1,3}|[a-z]|note \d{1,3})\]", "", pre).split())
    text = re.split(r",? or ", text, maxsplit=1)[0]
    words = text.split()
    if not 1 <= len(words) <= 8 or re.search(r"[.;:!?,()\[\]]", text):
        return None
    if any(w.casefold() in HARD_STOPS or w.casefold() in VERBS for w in words):
        return None
    quoted = quoted_end(text)
    return quoted[0] if quoted else clean_english(text)


# --- 中文 (English) ---------------------------------------------------------------------------


def _reverse(text: str, m: re.Match[str], line_start: int) -> Iterator[Found]:
    """Give the pair of ``中文 (English)``, ``中文 (pinyin): English`` and the like."""
    window = max(line_start, m.start() - 100)  # a headword is a dozen hanzi at most
    before = _ZH_BEFORE.search(text[window : m.start()])
    if not before:
        return
    zh = before.group(1)
    start = window + before.start(1)
    if start > line_start and (pinyin.has_hanzi(text[start - 1]) or _glued(text[start - 1])):
        return
    if not is_chinese_term(zh) or pinyin.count_hanzi(zh) > 12:
        return
    if _in_chinese_prose(text, line_start, m.start()) and text[start - 1 : start] not in _MARKS:
        return  # "他提出了共同富裕（…）": in Chinese prose only quotes delimit a term
    line_end = text.find("\n", m.end())
    if _is_reference(text[line_start : line_end if line_end >= 0 else len(text)]):
        return  # "汪晖. 2004. 现代中国思想的兴起 (The Rise of ...)": a title translated, no term
    content = strip_quotes(m.group(1))
    end = text.find("\n", m.end())
    after = text[m.end() : end if end >= 0 else len(text)]
    found = _reverse_pair(zh, content, after, start)
    if found is not None and not _is_quantity(zh, ""):
        yield found


def _in_chinese_prose(text: str, line_start: int, at: int) -> bool:
    """Tell whether the line around ``at`` is Chinese prose: outside brackets, more hanzi than
    Latin letters, and more hanzi than one term holds."""
    end = text.find("\n", at)
    line = _BRACKET.sub("", text[max(line_start, at - 200) : end if end >= 0 else at + 200])
    latin = sum(1 for c in line if c.isascii() and c.isalpha())
    hanzi = pinyin.count_hanzi(line)
    return hanzi >= _CHINESE_PROSE and hanzi > latin


def _is_reference(line: str) -> bool:
    """Tell whether ``line`` is an entry of a reference list or a note citing a work: a year,
    and a note number, a publisher, a journal's volume and pages, a link or an author-date
    opening."""
    if not _YEAR.search(line):
        return False
    return _CITATION.search(line) is not None


def _glued(char: str) -> bool:
    """Tell whether a headword after ``char`` is part of a longer token: a link, a path, a
    file name, an identifier."""
    return char.isalnum() or char in "/\\=_.@:#%&?"


def _reverse_pair(zh: str, content: str, after: str, start: int) -> Found | None:
    """Give the pair of ``zh`` and the bracket after it: pinyin with the rendering after
    the bracket, pinyin and rendering inside it, or the rendering alone."""
    pieces = re.split(r"[;；,，]", content, maxsplit=1)
    head, tail = pieces[0].strip(), (pieces[1].strip() if len(pieces) > 1 else "")
    said = fitting_pinyin(content, zh) or fitting_pinyin(head, zh)
    if said:
        inside = clean_english(tail) if tail and not is_pinyin(tail) else None
        en = inside or english_after(after, True)
        if en and good_english(en):
            return Found(zh, en, "zh (pinyin): en", start, said)
        return None
    if pinyin.count_hanzi(zh) == 1 or is_pinyin(content) or _ABBR.fullmatch(content):
        return None
    if re.fullmatch(r"[\d\s\-–,.:/()]+", content) or re.search(r"[;:!?]", content):
        return None
    en = clean_english(content)
    words = {w.casefold() for w in en.split()}
    if not en or words & CLAUSE_WORDS or en.split()[0].casefold() in VERBS:
        return None  # a clause ("the amendment passed its third reading"), not a rendering
    return Found(zh, en, "zh (en)", start) if good_english(en) else None
