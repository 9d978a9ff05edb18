"""The English rendering before a bracket, and its split among several terms.

How far back the rendering goes:

1. Quoted text right before the bracket is the rendering (trailing punctuation dropped); an
   apostrophe inside it ("the people’s democratic dictatorship") is no quote. The head noun
   before the quote joins it when the Chinese has one too: "negotiations on 'X'" for X的谈判.
2. Else a run of capitalised words ending at the bracket (``of``, ``for``, ``and``, ``the``,
   ``between`` allowed inside, and ``Co., Ltd.``) is a name:

   - a Chinese name is the run of words that spells the hanzi's toneless pinyin ("Defence
     Minister Admiral Dong Jun (董军)" gives "Dong Jun"), or a surname and a hyphenated given
     name with one piece per hanzi ("Liang Wen-chieh (梁文傑)");
   - a place or body transliterated in part starts where the spelling of its first hanzi
     starts ("unit of Huawei Technologies (华为技术有限公司)" gives "Huawei Technologies");
   - otherwise titles and offices before a short name are dropped ("Chief Executive John Lee
     (李家超)" gives "John Lee").
3. Else the span starts after an article, preposition, conjunction, determiner, a verb or
   clause punctuation (a previous bracket, a comma), and never crosses a hard stop: a
   pronoun, an auxiliary, a modal, a reporting word, a common verb, or a possessive of a
   name ("China's"). A possessive of a common noun ("the people's ...") may be inside it.
4. Among the starts allowed, the span whose count of content words is closest to the count
   a term of that many hanzi has (about 1.2 × √hanzi, measured on labelled renderings) wins;
   a start that does not follow a boundary costs one word more; ties go to a boundary start,
   then to the shorter span. With several terms in one bracket the span must also hold the
   coordination, its first conjunct at least as long as the last.

Every span considered is kept, best first, as the alternatives a reviewer can cycle through.

Several terms split by commas are one candidate each: a shared head with coordinated
prepositional phrases is distributed ("theories for the armed forces on the ground and in the
air" gives "theory for the armed forces on the ground" and "… in the air"); otherwise the
English is split on "and" and commas when the parts match in number, else each term gets the
whole English.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from glossary import pinyin
from glossary.extract.classify import QUOTES, is_mojibake
from glossary.extract.romanise import romanised_name, spelled, spells_all
from glossary.extract.vocabulary import (
    ABBREVIATED,
    BEFORE_VERBS,
    CONNECTORS,
    FUNCTION,
    HARD_STOPS,
    NAME_LINKS,
    PREFIXES,
    PREPOSITIONS,
    ROLE_MODIFIERS,
    ROLES,
    SHELL_NOUNS,
    VERBS,
)

_WORD = re.compile(r"\S+")
_CLAUSE_END = re.compile(r"[.;:!?,)\]]$")
_COLON_END = re.compile(r"[:：]\s*[\"“‘']?\s*$")
# Footnote marks: "[12]", Wikipedia's "[a]" and "[note 3]", superscript digits.
_FOOTNOTE = re.compile(r"\[(?:\d{1,3}|[a-z]|note \d{1,3})\]$|[¹²³⁴⁵⁶⁷⁸⁹⁰]+$")
# An abbreviation in brackets inside a name: "the Taiwan Affairs Office (TAO) of the State
# Council (国务院台湾事务办公室)"; left out of the rendering.
_INNER_ABBR = re.compile(r"\([A-Z][A-Za-z0-9&.\-]{1,9}\),?")
_NOT_PROSE = re.compile(r"://|^www\.|^/|/\S*/|[=@_\\]")
_CLOSE_QUOTE = re.compile(r"([”\"’'」』»])[.,]?\s*$")
# Each closing quote with the opening ones it may answer: curly and straight quotes are mixed
# in pasted text ('"Sino-Russian military technology cooperation”').
_OPENERS = {"”": '“"', '"': '"“', "’": "‘'", "'": "'‘", "」": "「", "』": "『", "»": "«"}
_QUOTE_REACH = 150  # the longest quoted rendering looked for
_MAX_WORDS = 18  # the longest rendering looked for, in words
_WORDS_REACH = 300  # how far back those words are looked for, in characters


@dataclass(frozen=True)
class Rendering:
    """The English before a bracket: the best span, whether quoted, the other spans."""

    text: str
    quoted: bool
    alternatives: tuple[str, ...] = ()


@dataclass(frozen=True)
class _Word:
    """A word of the text before a bracket: as written, bare, and where it starts."""

    text: str  # without surrounding punctuation
    raw: str
    start: int


def english_before(pre: str, zh: str, parts: int = 1, bounded: bool = True) -> Rendering | None:
    """Give the English rendering that ends ``pre`` for ``parts`` terms, the longest of which
    is ``zh`` (``None``: no rendering there); ``bounded``: ``pre`` starts a line."""
    if _COLON_END.search(pre):
        return None  # "He wrote: (…)": a title or quotation, not a rendering
    hanzi = max(pinyin.count_hanzi(p) for p in zh.split("、"))
    quoted = quoted_end(pre)
    if quoted:
        return _quoted_rendering(*quoted, zh, hanzi)
    words, at_boundary = _words(pre, bounded)
    if not words:
        return None
    ranked = _ranked(words, zh, hanzi, parts, at_boundary)
    texts = list(dict.fromkeys(_span_text(pre, words, s) for s in ranked))
    texts = [t for t in texts if t]
    if not texts:
        return None
    return Rendering(texts[0], False, tuple(texts[1:]))


def target_words(hanzi: int) -> float:
    """Give how many content words a rendering of a term of ``hanzi`` characters has, on
    average (fitted on labelled renderings: 2 hanzi 1.7 words, 4 hanzi 2.4, 6 hanzi 3.3;
    the longest, names of bodies and meetings, about one word for each 2.3 hanzi)."""
    return max(1.2 * math.sqrt(max(hanzi, 1)), hanzi / 2.3)


# --- quoted renderings ---------------------------------------------------------------------


def quoted_end(pre: str) -> tuple[str, str] | None:
    """Give the quoted text ending ``pre`` and what comes before its opening quote."""
    m = _CLOSE_QUOTE.search(pre)
    if not m:
        return None
    close = m.start(1)
    openers = _OPENERS[pre[close]]
    for i in range(close - 1, max(-1, close - _QUOTE_REACH), -1):
        char = pre[i]
        if char == "\n":
            return None
        if char in openers and _opens(pre, i):
            text = pre[i + 1 : close].strip().rstrip(".,;").strip()
            text = re.sub(r"^(?:the|a|an)\s+", "", text, flags=re.I)
            return (text, pre[:i]) if text else None
    return None


def _opens(text: str, i: int) -> bool:
    """Tell whether the quote mark at ``text[i]`` opens a quotation: not an apostrophe
    between letters, and followed by text."""
    before_ok = i == 0 or not text[i - 1].isalnum()
    return before_ok and i + 1 < len(text) and not text[i + 1].isspace()


def _quoted_rendering(text: str, before: str, zh: str, hanzi: int) -> Rendering:
    """Give the quoted rendering ``text``, with the head noun before the quote ("negotiations
    on 'X'") when the Chinese ends in a head noun of its own (X的谈判)."""
    # A stand-in word after the quote: the last word before it is then not the clause's last,
    # and clause punctuation there ends the phrase.
    words, _ = _words(before + " " + "x" * 3, True)
    words = words[:-1]
    ext = _head_noun_start([*words, _Word("X", "X", len(before))], len(words))
    if ext is None or words[ext + 1].text.casefold() == "as":
        return Rendering(text, True)  # "to act as 'X'": a verb's complement, not a head noun
    longer = before[words[ext].start :].strip().rstrip(QUOTES).strip() + " " + text
    if _has_head_noun(zh):
        return Rendering(longer, True, (text,))
    core = _count(text.split())
    long_count = core + _content(words[ext:])
    target = target_words(hanzi)
    if abs(long_count - target) + 1 <= abs(core - target):
        return Rendering(longer, True, (text,))
    return Rendering(text, True, (longer,))


def _has_head_noun(zh: str) -> bool:
    """Tell whether ``zh`` ends in a head noun after 的 ("…军事力量的谈判")."""
    head = zh.rpartition("的")[2]
    return "的" in zh and 1 <= pinyin.count_hanzi(head) <= 3


# --- the words before a bracket ------------------------------------------------------------


def _words(pre: str, bounded: bool) -> tuple[list[_Word], bool]:
    """Give the words of the clause that ends ``pre``, last word last, and whether the first
    of them follows a boundary (clause punctuation, a bracket, the start of the line)."""
    # The words of the last few hundred characters are enough for the longest rendering.
    cut = max(0, len(pre) - _WORDS_REACH)
    bounded = bounded and cut == 0
    found = list(_WORD.finditer(pre, cut))
    if cut and found and found[0].start() == cut:
        found = found[1:]  # a word cut in two
    out: list[_Word] = []
    boundary = bounded
    for i in range(len(found) - 1, -1, -1):
        raw = _FOOTNOTE.sub("", found[i].group(0))
        is_last = i == len(found) - 1
        if not raw:
            continue  # a footnote mark standing alone: "power [12] (话语权)"
        if _INNER_ABBR.fullmatch(raw) and out and out[-1].text.casefold() in NAME_LINKS:
            continue
        stop = _stops(raw, is_last, out)
        if stop is not None:
            boundary = stop
            break
        out.append(_Word(raw.strip(QUOTES + ".,;:!?"), raw, found[i].start()))
        if len(out) >= _MAX_WORDS:
            boundary = False
            break
    out.reverse()
    return out, boundary


def _stops(raw: str, is_last: bool, after: list[_Word]) -> bool | None:
    """Give whether the word ``raw`` ends the clause before a bracket, as a boundary (True)
    or not (False); ``None`` when it belongs to the clause."""
    low = raw.casefold()
    if not is_last and _CLAUSE_END.search(raw) and low not in ABBREVIATED:
        return True
    if raw[0] in "([" or (not raw.isascii() and (is_mojibake(raw) or pinyin.has_hanzi(raw))):
        return True
    if _NOT_PROSE.search(raw):
        return False  # a link, a path, code: no rendering reaches across it
    text = raw.strip(QUOTES + ".,;:!?")
    if not text:
        return True
    if re.search(r"['’]s?$", text) and not is_last and text[:1].isupper():
        # "China's peaceful rise": a name's possessive ends the phrase, unless the name goes
        # on ("People's Liberation Army").
        return None if after and _is_capital(after[-1].text) else True
    return None


def _is_capital(word: str) -> bool:
    """Tell whether ``word`` can belong to a name: capitalised, or a number."""
    return word[:1].isupper() or word[:1].isdigit()


def _count(words: list[str]) -> float:
    """Count the words that are not function words; a hyphenated compound counts one and a
    half when two of its parts carry meaning ("all-under-heaven", "military-civil"), one
    when a part is a prefix or combining form ("self-reliance", "Sino-Russian")."""
    total = 0.0
    for word in words:
        parts = [p for p in word.casefold().split("-") if p]
        meaning = [p for p in parts if p not in FUNCTION and p not in PREFIXES]
        if meaning:
            total += 1.5 if len(meaning) > 1 else 1.0
        elif parts and parts[0] not in FUNCTION:
            total += 1.0
    return total


def _content(words: list[_Word]) -> float:
    """Count the words of ``words`` that are not function words."""
    return _count([w.text for w in words])


# --- where a rendering may start -------------------------------------------------------------


def _ranked(words: list[_Word], zh: str, hanzi: int, parts: int, at_boundary: bool) -> list[int]:
    """Give the starts of the rendering, best first."""
    soft = _soft_starts(words, at_boundary)
    name = _name_starts(words, zh, hanzi) if parts == 1 else None
    first = _best(words, name, hanzi, parts) if name else []
    rest = _best(words, soft, hanzi, parts)
    return list(dict.fromkeys([*first, *rest]))


def _name_run(words: list[_Word]) -> int | None:
    """Give the index where a run of capitalised words ending at the bracket starts."""
    if not words or not _is_capital(words[-1].text):
        return None
    start = len(words) - 1
    for i in range(start - 1, -1, -1):
        low = words[i].text.casefold()
        if _is_capital(words[i].text) and low != "the":
            start = i
        elif low not in NAME_LINKS:
            break
        elif low in ("the", "a") and (i == 0 or words[i - 1].text.casefold() not in NAME_LINKS):
            break  # "Later the Shanghai Five": "the" joins a name only after "of", "for"...
    while start < len(words) and words[start].text.casefold() in NAME_LINKS:
        start += 1
    return start if start < len(words) else None


def _name_starts(words: list[_Word], zh: str, hanzi: int) -> dict[int, bool | str] | None:
    """Give where a name ending at the bracket starts (see the module's rule 2)."""
    name = _name_run(words)
    if name is None or _content(words[name:]) == 0:
        return None
    texts = [w.text for w in words]
    for s in range(len(words) - 1, name - 1, -1):
        if spells_all(texts[s:], zh):
            return {s: True}
    if len(words) - name >= 2 and romanised_name(texts[-2:], zh):
        return {len(words) - 2: True}
    for s in range(name, len(words)):
        for e in range(s + 1, len(words) + 1):
            count = spelled(texts[s:e], zh)
            if count >= 2 or (count == 1 and len("".join(texts[s:e])) >= 4):
                return {s: True}
        if not (_is_role(words, s) or texts[s].casefold() in ROLE_MODIFIERS):
            break  # only titles come before a transliterated start: "Five of Shanghai" is whole
    starts: dict[int, bool | str] = {_drop_titles(words, name, hanzi): True}
    # "meeting of the X Commission": a head noun before a name, when the Chinese is long enough
    # to hold one (a name of four hanzi or fewer never does: "bowls of Yoshinoya")
    ext = _head_noun_start(words, name, article=True) if hanzi > 4 else None
    if ext is not None:
        starts[ext] = True
    return starts


def _drop_titles(words: list[_Word], start: int, hanzi: int) -> int:
    """Give where the name starting at ``words[start]`` starts once the titles before it are
    dropped: all of them before a short (personal) name, else a leading one ("Chinese
    President", "Vice Premier"); ``start`` when it has none."""
    if hanzi <= 4:
        roles = [i for i in range(start, len(words) - 1) if _is_role(words, i)]
        if roles and words[roles[-1] + 1].text.casefold() not in NAME_LINKS:
            return roles[-1] + 1
    i = start
    while i < len(words) - 1 and words[i].text.casefold() in ROLE_MODIFIERS:
        i += 1
    if i < len(words) - 1 and _is_role(words, i):
        return i + 1
    return start


def _is_role(words: list[_Word], i: int) -> bool:
    """Tell whether ``words[i]`` is a title or office ("Minister", "Secretary-General", the
    second word of "Chief Executive")."""
    low = words[i].text.casefold()
    if low == "executive" and i and words[i - 1].text.casefold() == "chief":
        return True
    return low in ROLES or any(part in ROLES for part in low.split("-") if part)


def _head_noun_start(words: list[_Word], start: int, article: bool = False) -> int | None:
    """Give the start of "negotiations on X" / "meeting of the X" before ``words[start]``."""
    i = start - 1
    if i >= 0 and words[i].text.casefold() in ("the", "a", "an"):
        i -= 1
    if i < 1 or words[i].text.casefold() not in PREPOSITIONS:
        return None
    head = words[i - 1].text.casefold()
    if head in FUNCTION or head in HARD_STOPS or head in VERBS or head.endswith("ed"):
        return None
    # "an unscheduled meeting of": a word after an article is a noun, not a verb
    after_article = bool({"a", "an", "the"} & {w.text.casefold() for w in words[i - 3 : i - 1]})
    if (article or head.endswith("ing")) and not after_article:
        return None
    return i - 1


def _soft_starts(words: list[_Word], at_boundary: bool) -> dict[int, bool | str]:
    """Give the indexes a common-noun span may start at, each with whether it is a boundary
    ("head": a noun heading a prepositional phrase, which is one)."""
    starts: dict[int, bool | str] = {}
    for i in range(len(words) - 1, -1, -1):
        low = words[i].text.casefold()
        before = words[i - 1].text.casefold() if i else ""
        if low in HARD_STOPS or low in VERBS or before in BEFORE_VERBS:
            break  # a verb ("It lists …", "also rehearsed …") ends the noun phrase
        if low in FUNCTION:
            continue
        follows = words[i + 1].text.casefold() if i + 1 < len(words) else ""
        head = follows in PREPOSITIONS and not low.endswith(("ed", "ing"))
        after_stop = before in FUNCTION or before in HARD_STOPS or before in VERBS
        # "of" mostly frames ("the nature of", "operations of"); other prepositions join a
        # head to its term ("guidance on", "self-reliance in")
        if head and follows != "of" and low not in SHELL_NOUNS:
            starts[i] = "head"
        else:
            starts[i] = after_stop or head or (i == 0 and at_boundary)
    return starts


def _coordinated(span: list[_Word], parts: int) -> bool:
    """Tell whether ``span`` holds ``parts`` conjuncts, each with a head of its own."""
    pieces: list[list[str]] = [[]]
    for w in span:
        if w.text.casefold() in CONNECTORS or w.raw.endswith(","):
            if w.text.casefold() not in CONNECTORS:
                pieces[-1].append(w.text.casefold())
            pieces.append([])
        else:
            pieces[-1].append(w.text.casefold())
    pieces = [p for p in pieces if p]
    if len(pieces) < parts:
        return False
    if any(p[0] in PREPOSITIONS for p in pieces[1:]):
        return any(w in PREPOSITIONS for w in pieces[0][1:])
    # "air defence and missile defence", not "defence and missile defence"
    return _heads(pieces[0]) >= _heads(pieces[-1])


def _heads(words: list[str]) -> int:
    """Count the words that are not function words, a compound as one."""
    return sum(1 for w in words if w not in FUNCTION)


def _best(words: list[_Word], starts: dict[int, bool | str], hanzi: int, parts: int) -> list[int]:
    """Give the starts, the span whose length best fits ``hanzi`` characters first; a noun
    heading a prepositional phrase is half a word closer (Chinese puts that head last:
    舆论导向, "guidance on public opinion")."""
    target = target_words(hanzi)
    keyed: list[tuple[tuple[float, bool, int, int], int]] = []
    for s, boundary in starts.items():
        span = words[s:]
        if parts > 1 and not _coordinated(span, parts):
            continue
        bonus = 0.5 if boundary == "head" else 0.0
        cost = abs(_content(span) - target) + (0 if boundary else 1) - bonus
        keyed.append(((cost, not boundary, len(span), s), s))
    return [s for _, s in sorted(keyed)]


def _span_text(pre: str, words: list[_Word], start: int) -> str:
    """Give the text of ``pre`` from ``words[start]`` on, without quotes, clause punctuation,
    footnote marks or a final possessive; the full stop of an abbreviation ("Co., Ltd.") is
    kept, and line breaks become spaces."""
    text = " ".join(pre[words[start].start :].split())
    text = _INNER_ABBR.sub("", text).replace("  ", " ")
    text = _FOOTNOTE.sub("", text).strip(QUOTES + " ,;:")
    text = re.sub(r"\s*\[\d{1,3}\]\s*$", "", text)
    if not text.casefold().endswith(tuple(ABBREVIATED)):
        text = text.rstrip(".")
    return re.sub(r"['’]s$", "", text.strip(QUOTES)).strip()


# --- splitting several terms -----------------------------------------------------------------


_SHARED = re.compile(
    r"^\s*(?:[,;，；]\s*(?:and\s+|or\s+)?|and\s+|or\s+)([a-z]+)\s+(\S[^()]{0,60}?)\s*$"
)


def with_shared_head(previous: str, between: str) -> str | None:
    """Give the rendering a bracket gets when the English between it and the bracket before
    is only a prepositional phrase that shares the previous rendering's head: after
    "confidence in the path (道路自信)", ", in the theory" gives "confidence in the theory";
    ``None`` otherwise.

    >>> with_shared_head("confidence in the path", ", and in the culture ")
    'confidence in the culture'
    """
    m = _SHARED.match(between)
    if not m or m.group(1) not in PREPOSITIONS or len(m.group(2).split()) > 5:
        return None
    head, found, _ = previous.partition(f" {m.group(1)} ")
    if not found or not head:
        return None
    return f"{head} {m.group(1)} {m.group(2)}"


def split_english(en: str, count: int) -> list[str]:
    """Give one rendering for each of ``count`` coordinated terms (``en`` for all if unsure)."""
    pieces = [p.strip() for p in re.split(r",\s*(?:and\s+)?|\s+and\s+", en) if p.strip()]
    if len(pieces) != count:
        return [en] * count
    first = pieces[0].split()
    if all(p.split()[0] in PREPOSITIONS for p in pieces[1:]):
        for i in range(len(first) - 1, 0, -1):
            if first[i] in PREPOSITIONS:
                head = [_singular(first[0]), *first[1:i]]
                return [" ".join([*head, *first[i:]])] + [" ".join([*head, p]) for p in pieces[1:]]
    return pieces


def _singular(word: str) -> str:
    """Give ``word`` without a plural ending ("theories" gives "theory")."""
    if word.endswith("ies"):
        return word[:-3] + "y"
    if word.endswith("s") and not word.endswith("ss"):
        return word[:-1]
    return word
