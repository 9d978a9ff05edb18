"""Candidate term pairs from prose: Chinese in brackets beside its English rendering.

Patterns (each candidate names the one that found it):

- ``en (zh)`` and ``"en" (zh)``: ASCII or full-width brackets, any quotes;
- ``en (abbr; zh)``: an abbreviation beside the Chinese; ``en (zh, pinyin)``: pinyin beside it;
- ``"en" or pinyin (zh)``: ``"three evil forces," or sangu shili (三股势力)``;
- ``en (zh, zh)``: several terms in one bracket; ``zh (en)`` and ``zh (pinyin): en``;
- ``wikipedia``: ``(simplified Chinese: …; traditional Chinese: …; pinyin: …; lit. '…')``;
- ``list``: a line that is only ``zh: en``, ``zh – en`` or ``zh<TAB>en``.

Pinyin from the text is kept when it has one syllable per hanzi; otherwise the pinyin is
generated (pypinyin, imported only then) and ``pinyin_generated`` is true.

The English span (how far back the rendering goes):

1. Quoted text right before the bracket is the rendering (trailing punctuation dropped).
2. Else a run of capitalised words ending at the bracket (``of``, ``for``, ``and``, ``the``
   allowed inside, and ``Co., Ltd.``) is a name; leading titles are dropped ("Chinese President
   Xi Jinping" gives "Xi Jinping").
3. Else the span starts after an article, preposition, conjunction, determiner or clause
   punctuation, and never crosses a hard stop: clause punctuation, a possessive (``its``,
   ``China's``), a verb such as ``is``, ``said``, ``called``, or the word ``to``.
4. Among the starts allowed, including the head-noun form "negotiations on …" / "meeting of
   the …" before a quote or name, the span whose count of content words is closest to half the
   number of hanzi wins: Chinese packs about two characters into each English content word. A
   start that does not follow a function word (or head a "noun of" phrase) costs one word more;
   ties go to such a boundary start, then to the shorter span. With several terms in one
   bracket the span must also hold the coordination, its first conjunct at least as long as the
   last ("air defence and missile defence"), and the longest term sets the length.

Several terms split by commas are one candidate each: a shared head with coordinated
prepositional phrases is distributed ("theories for the armed forces on the ground and in the
air" gives "theory for the armed forces on the ground" and "… in the air"); otherwise the
English is split on "and" and commas when the parts match in number, else each term gets the
whole English. Terms joined by 、 are also kept whole, as one expression.

Not pairs: a bracket holding no hanzi (abbreviation, pinyin, English, citation, year), Chinese
after a colon (a title or quotation), Chinese with sentence punctuation, first- or
second-person pronouns or more than 24 hanzi (a quotation), mojibake, an unclosed bracket.
"""

from __future__ import annotations

import html
import re
import unicodedata
from bisect import bisect_right
from collections.abc import Iterator, Mapping
from dataclasses import dataclass

from glossary import pinyin
from glossary.model import Term


@dataclass(frozen=True)
class Candidate:
    """A Chinese term met in a text, with the rendering the text gives it."""

    term: Term
    pinyin_generated: bool
    pattern: str
    line: int
    col: int


# --- plain text ------------------------------------------------------------------------------

# Every pattern here runs in time linear in the text, however hostile: no pattern can scan
# to the end of a line from each of many openings (a megabyte line of "[" or "_" would take
# hours), so what lies between the marks is bounded, and blocks are found with str.find.
_TAG = re.compile(r"<[A-Za-z/!][^<>]*>")
_BLOCK = re.compile(r"<(script|style)\b|<!--", re.I)
_MD_IMAGE_LINK = re.compile(r"!?\[([^\[\]\n]{0,500})\]\([^()\n]{0,2000}\)")
# Emphasis holds no mark character, so that each attempt stops at the next mark; nesting
# (**bold _it_**) is undone from the inside out, one level a pass.
_MD_EMPHASIS = re.compile(r"(\*\*|__|\*|_|`)(?=[^\s*_`])([^\n*_`]{0,500}?[^\s*_`])\1")
_EMPHASIS_DEPTH = 8  # nested emphasis undone, at most
_MD_HEADING = re.compile(r"^(#{1,6}\s+|>\s?)", re.M)
_LOOKS_HTML = re.compile(
    r"<(p|br|div|span|a|b|i|em|strong|li|h\d)\b[^<>]{0,2000}>|&[a-z]+;|&#\d+;", re.I
)
_LOOKS_MD = re.compile(
    r"\[[^\[\]\n]{1,500}\]\([^()\n]{1,2000}\)|\*\*\S|__\S|^#{1,6} |(?<![\w*])\*\S[^*\n]*\*",
    re.M,
)


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


# --- classifying text ------------------------------------------------------------------------

_QUOTES = "\"'“”‘’「」『』«»"
_HANZI_TERM = re.compile(r"[\u3400-\u9fff\uf900-\ufaff0-9A-Za-z\-:·、/ ]+")
_ABBR = re.compile(r"[A-Z][A-Z0-9&\-.]{1,9}")
_MOJIBAKE = re.compile(r"[\u00c0-\u00ff][\u0080-\u00bf\u2018-\u203a\u0152-\u0192]|\ufffd|â€")
_QUOTATION_SIGNS = re.compile(r"[，。！？；：“”]|我|你|您|[吗呢吧]$")
_PINYIN_WORD = re.compile(r"[a-zü]+")
_TONE_NUMBERED = re.compile(r"[A-Za-zü:]+[1-5]")


def _strip_quotes(text: str) -> str:
    return text.strip().strip(_QUOTES).strip()


def _is_mojibake(text: str) -> bool:
    return _MOJIBAKE.search(text) is not None


def _is_chinese_term(text: str) -> bool:
    """Tell whether ``text`` reads as a Chinese term rather than a quotation or noise."""
    return (
        pinyin.has_hanzi(text)
        and _HANZI_TERM.fullmatch(text) is not None
        and pinyin.count_hanzi(text) <= 24
        and _QUOTATION_SIGNS.search(text) is None
    )


def _plain_letters(word: str) -> str:
    decomposed = unicodedata.normalize("NFD", word.casefold().replace("ü", "u").replace("v", "u"))
    return "".join(c for c in decomposed if not unicodedata.combining(c) and c.isalpha())


def _segments(letters: str) -> bool:
    syllables = pinyin.syllable_set()
    ok = [False] * (len(letters) + 1)
    ok[0] = True
    for end in range(1, len(letters) + 1):
        ok[end] = any(ok[s] and letters[s:end] in syllables for s in range(max(0, end - 6), end))
    return ok[-1]


def _is_pinyin(text: str) -> bool:
    """Tell whether every word of ``text`` splits into Mandarin syllables."""
    if pinyin.parse_query(text.replace("’", "'")) is None:
        return False
    words = [_plain_letters(w) for w in re.split(r"[\s'’\-0-9]+", text) if w]
    return bool(words) and all(w and _segments(w) for w in words)


def _syllable_count(text: str) -> int:
    return len(pinyin.parse_reading(_marked(text)).starts) - 1


def _marked(text: str) -> str:
    """Give tone-numbered pinyin ("san1 gu3") with tone marks; marked pinyin unchanged."""
    return _TONE_NUMBERED.sub(lambda m: pinyin.numbered_to_marked(m.group(0)), text)


def _fitting_pinyin(text: str, zh: str) -> str | None:
    """Give ``text`` as pinyin for ``zh`` when it has one syllable per hanzi, else ``None``."""
    text = _strip_quotes(text)
    if not text or not _is_pinyin(text) or _syllable_count(text) != pinyin.count_hanzi(zh):
        return None
    return _marked(text)


# --- the English span ------------------------------------------------------------------------

_ARTICLES = {"the", "a", "an", "so-called", "called", "its", "their", "his", "her", "our"}
_PREPOSITIONS = {"of", "for", "on", "in", "at", "by", "with", "from", "into", "under", "over"}
_PREPOSITIONS |= {"about", "against", "between", "among", "within", "through", "across", "as"}
_CONNECTORS = {"and", "or", "nor", "&"}
_FUNCTION = _ARTICLES | _PREPOSITIONS | _CONNECTORS | {"this", "these", "those", "that", "own"}
_FUNCTION |= {"out", "up"}
_HARD_STOPS = {"its", "their", "his", "her", "our", "my", "your", "to", "is", "are", "was"}
_HARD_STOPS |= {"were", "be", "been", "has", "have", "had", "said", "says", "called", "named"}
_HARD_STOPS |= {"known", "dubbed", "termed", "which", "who", "whom", "that", "what", "when"}
_HARD_STOPS |= {"where", "while", "because", "if", "than", "so-called", "he", "she", "it"}
_HARD_STOPS |= {"they", "we", "i", "you", "there", "not", "also", "both", "such"}
_ABBREVIATED = {"co.", "ltd.", "inc.", "corp.", "u.s.", "u.k.", "u.n.", "no.", "st.", "co.,"}
_NAME_LINKS = {"of", "for", "and", "the", "on", "de", "in", "&"}
_ROLES = {"president", "premier", "minister", "general", "chairman", "secretary", "ambassador"}
_ROLES |= {"admiral", "colonel", "spokesperson", "spokesman", "professor", "dr.", "mr.", "ms."}
_ROLES |= {"commander", "governor", "mayor", "leader", "councillor", "envoy", "founder"}
_ROLE_MODIFIERS = {"chinese", "russian", "american", "us", "u.s.", "foreign", "defence"}
_ROLE_MODIFIERS |= {"defense", "vice", "prime", "state", "party", "former", "general", "major"}
_ROLE_MODIFIERS |= {"senior", "late", "then"}
_WORD = re.compile(r"\S+")
_CLAUSE_END = re.compile(r"[.;:!?,)\]]$")


@dataclass(frozen=True)
class _Word:
    text: str  # without surrounding punctuation
    raw: str
    start: int


def _words(pre: str) -> list[_Word]:
    """Give the words of the clause that ends ``pre``, last word last."""
    found = list(_WORD.finditer(pre))
    out: list[_Word] = []
    for i in range(len(found) - 1, -1, -1):
        raw = found[i].group(0)
        low = raw.casefold()
        is_last = i == len(found) - 1
        if not is_last and _CLAUSE_END.search(raw) and low not in _ABBREVIATED:
            break
        if raw[0] in "([" or _is_mojibake(raw) or pinyin.has_hanzi(raw):
            break
        text = raw.strip(_QUOTES + ".,;:!?")
        if not text:
            break
        next_capital = bool(out) and _is_capital(out[-1].text)
        if re.search(r"['’]s$", text) and not is_last and not (_is_capital(text) and next_capital):
            break
        out.append(_Word(text, raw, found[i].start()))
        if len(out) >= 18:
            break
    out.reverse()
    return out


def _is_capital(word: str) -> bool:
    return word[:1].isupper() or word[:1].isdigit()


def _name_run(words: list[_Word]) -> int | None:
    """Give the index where a run of capitalised words ending at the bracket starts."""
    if not words or not _is_capital(words[-1].text):
        return None
    start = len(words) - 1
    for i in range(start - 1, -1, -1):
        low = words[i].text.casefold()
        if _is_capital(words[i].text) and low != "the":
            start = i
        elif low not in _NAME_LINKS:
            break
        elif low == "the" and (i == 0 or words[i - 1].text.casefold() not in _NAME_LINKS):
            break  # "Later the Shanghai Five": "the" joins a name only after "of", "for"...
    while start < len(words) and words[start].text.casefold() == "the":
        start += 1
    return start if start < len(words) else None


def _drop_titles(words: list[_Word], start: int) -> int:
    i = start
    while i < len(words) - 1 and words[i].text.casefold() in _ROLE_MODIFIERS:
        i += 1
    if i < len(words) - 1 and words[i].text.casefold() in _ROLES:
        return i + 1
    return start


def _count(words: list[str]) -> int:
    """Count the words that are not function words."""
    return sum(1 for w in words if w.casefold() not in _FUNCTION)


def _content(words: list[_Word]) -> int:
    return _count([w.text for w in words])


def _head_noun_start(words: list[_Word], start: int, article: bool = False) -> int | None:
    """Give the start of "negotiations on X" / "meeting of the X" before ``words[start]``."""
    i = start - 1
    if i >= 0 and words[i].text.casefold() in ("the", "a", "an"):
        i -= 1
    if i < 1 or words[i].text.casefold() not in _PREPOSITIONS:
        return None
    head = words[i - 1].text.casefold()
    if head in _FUNCTION or head in _HARD_STOPS or head.endswith("ed"):
        return None
    # "an unscheduled meeting of": a word after an article is a noun, not a verb
    after_article = bool({"a", "an", "the"} & {w.text.casefold() for w in words[i - 3 : i - 1]})
    if (article or head.endswith("ing")) and not after_article:
        return None
    return i - 1


def _soft_starts(words: list[_Word]) -> dict[int, bool]:
    """Give the indexes a common-noun span may start at, each with whether it is a boundary."""
    starts: dict[int, bool] = {}
    for i in range(len(words) - 1, -1, -1):
        low = words[i].text.casefold()
        if low in _HARD_STOPS:
            break
        if low in _FUNCTION:
            continue
        before = words[i - 1].text.casefold() if i else ""
        follows = words[i + 1].text.casefold() if i + 1 < len(words) else ""
        head = follows in _PREPOSITIONS and not low.endswith(("ed", "ing"))
        starts[i] = before in _FUNCTION or head
    return starts


def _coordinated(span: list[_Word], parts: int) -> bool:
    """Tell whether ``span`` holds ``parts`` conjuncts, each with a head of its own."""
    pieces: list[list[str]] = [[]]
    for w in span:
        if w.text.casefold() in _CONNECTORS or w.raw.endswith(","):
            if w.text.casefold() not in _CONNECTORS:
                pieces[-1].append(w.text.casefold())
            pieces.append([])
        else:
            pieces[-1].append(w.text.casefold())
    pieces = [p for p in pieces if p]
    if len(pieces) < parts:
        return False
    if any(p[0] in _PREPOSITIONS for p in pieces[1:]):
        return any(w in _PREPOSITIONS for w in pieces[0][1:])
    # "air defence and missile defence", not "defence and missile defence"
    return _count(pieces[0]) >= _count(pieces[-1])


def _best(words: list[_Word], starts: dict[int, bool], hanzi: int, parts: int) -> int | None:
    """Give the start whose span length best fits ``hanzi`` characters."""
    target = hanzi / 2
    best: tuple[float, bool, int, int] | None = None
    for s, boundary in starts.items():
        span = words[s:]
        if parts > 1 and not _coordinated(span, parts):
            continue
        key = (abs(_content(span) - target) + (0 if boundary else 1), not boundary, len(span), s)
        if best is None or key < best:
            best = key
    return best[3] if best else None


def _span_text(pre: str, words: list[_Word], start: int) -> str:
    text = pre[words[start].start :].strip()
    text = text.strip(_QUOTES + " ,;:")
    if not text.casefold().endswith(tuple(_ABBREVIATED)):
        text = text.rstrip(".")
    return re.sub(r"['’]s$", "", text.strip(_QUOTES)).strip()


_QUOTED_END = re.compile(r"[\"“‘'「『]([^\"“”‘’「」『』\n]{1,150})[\"”’'」』][.,]?\s*$")


def _quoted(pre: str) -> tuple[str, str] | None:
    """Give the quoted text ending ``pre`` and what comes before the quote."""
    m = _QUOTED_END.search(pre)
    if not m or m.group(1).strip() == "":
        return None
    return m.group(1).strip().rstrip(".,").strip(), pre[: m.start()]


def _english_before(pre: str, hanzi: int, parts: int) -> tuple[str, bool] | None:
    """Give the English rendering that ends ``pre`` and whether it was quoted."""
    if re.search(r"[:：]\s*[\"“‘']?\s*$", pre):
        return None
    quoted = _quoted(pre)
    if quoted:
        text, before = quoted
        words = _words(before + " " + "x" * 3)[:-1]
        ext = _head_noun_start([*words, _Word("X", "X", len(before))], len(words))
        if ext is not None:
            longer = before[words[ext].start :].strip().rstrip(_QUOTES).strip() + " " + text
            core = _content([_Word(w, w, 0) for w in text.split()])
            long_count = core + _content(words[ext:])
            if abs(long_count - hanzi / 2) < abs(core - hanzi / 2):
                return longer, True
        return text, True
    words = _words(pre)
    if not words:
        return None
    name = _name_run(words) if parts == 1 else None
    if name is not None and _content(words[name:]) == 0:
        name = None
    if name is not None:
        starts = {_drop_titles(words, name): True}
        ext = _head_noun_start(words, name, article=True)
        if ext is not None:
            starts[ext] = True
    else:
        starts = _soft_starts(words)
    start = _best(words, starts, hanzi, parts)
    if start is None:
        return None
    return _span_text(pre, words, start), False


# --- splitting several terms -----------------------------------------------------------------


def _singular(word: str) -> str:
    if word.endswith("ies"):
        return word[:-3] + "y"
    if word.endswith("s") and not word.endswith("ss"):
        return word[:-1]
    return word


def _split_english(en: str, count: int) -> list[str]:
    """Give one rendering for each of ``count`` coordinated terms (``en`` for all if unsure)."""
    pieces = [p.strip() for p in re.split(r",\s*(?:and\s+)?|\s+and\s+", en) if p.strip()]
    if len(pieces) != count:
        return [en] * count
    first = pieces[0].split()
    if all(p.split()[0] in _PREPOSITIONS for p in pieces[1:]):
        for i in range(len(first) - 1, 0, -1):
            if first[i] in _PREPOSITIONS:
                head = [_singular(first[0]), *first[1:i]]
                return [" ".join([*head, *first[i:]])] + [" ".join([*head, p]) for p in pieces[1:]]
    return pieces


# --- finding candidates ----------------------------------------------------------------------

_BRACKET = re.compile(r"[(（]([^()（）\n]{1,300})[)）]")
_OR_PINYIN = re.compile(
    r"[\"“‘']([^\"“”‘’\n]{1,150}?)[,，]?[\"”’'][,，]?\s+or\s+([^\s\"“”(（][^()（）\"“”\n]*?)\s*$"
)
_ZH_BEFORE = re.compile(
    r"([\u3400-\u9fff\uf900-\ufaff][\u3400-\u9fff\uf900-\ufaff\-·、0-9]*)[\"”’'」』]?\s*$"
)
_AFTER_COLON = re.compile(r"\s*[:：]\s*[\"“‘']?([A-Za-z][^.;,\n\"”’()]*)")
_WIKI_LABEL = re.compile(
    r"^(simplified chinese|traditional chinese|chinese|pinyin|hanyu pinyin|lit\.|literally)"
    r"\s*[:：]?\s*(.*)$",
    re.I | re.S,
)
_LIST_LINE = re.compile(
    r"^\s*(?:[-*•]\s+|\d+[.)]\s+)?([\u3400-\u9fff\uf900-\ufaff][^\t:：=–—()（）]*?)"
    r"\s*(?:\t|[:：=]|\s[–—-]\s)\s*([A-Za-z][^\t\u3400-\u9fff]*?)\s*$"
)
_SENTENCE_END = re.compile(r"(?<=[.!?。！？])\s+")


@dataclass(frozen=True)
class _Found:
    zh: str
    en: str
    pattern: str
    at: int  # offset of the Chinese in the text
    pinyin: str | None = None
    traditional: str | None = None
    literal: str | None = None


def _parts(content: str) -> list[str]:
    return [p.strip() for p in re.split(r"[;；,，]", content) if p.strip()]


def _forward(text: str, m: re.Match[str], line_start: int) -> Iterator[_Found]:
    """Give the pairs of a bracket holding Chinese, with the English before it."""
    content = m.group(1)
    pre = text[max(line_start, m.start() - 400) : m.start()]
    if re.search(r"(?i)(chinese|pinyin)\s*[:：]", content):
        yield from _wikipedia(content, pre, m.start(1))
        return
    parts = _parts(content)
    zh_parts = [_strip_quotes(p) for p in parts if pinyin.has_hanzi(p)]
    if not zh_parts or not all(_is_chinese_term(z) for z in zh_parts):
        return
    others = [_strip_quotes(p) for p in parts if not pinyin.has_hanzi(p)]
    hanzi = max(pinyin.count_hanzi(z) for z in zh_parts)
    said_pinyin: str | None = None
    pattern = "en (zh)"
    or_pinyin = _OR_PINYIN.search(pre)
    if or_pinyin and len(zh_parts) == 1:
        said_pinyin = _fitting_pinyin(or_pinyin.group(2), zh_parts[0]) or ""
        english: tuple[str, bool] | None = (or_pinyin.group(1).strip().rstrip(",."), True)
        pattern = '"en" or pinyin (zh)'
    else:
        count = len(zh_parts) if len(zh_parts) > 1 else len(zh_parts[0].split("、"))
        longest = max(pinyin.count_hanzi(p) for z in zh_parts for p in z.split("、"))
        english = _english_before(pre, longest if count > 1 else hanzi, count)
        if english and english[1]:
            pattern = '"en" (zh)'
    if english is None or not _good_english(english[0], zh_parts):
        return
    for other in others:
        if len(zh_parts) == 1 and _is_pinyin(other):
            said_pinyin, pattern = _fitting_pinyin(other, zh_parts[0]), "en (zh, pinyin)"
        elif _ABBR.fullmatch(other):
            pattern = "en (abbr; zh)"
    at = m.start(1) + content.find(zh_parts[0][:1])
    if len(zh_parts) > 1:
        renderings = _split_english(english[0], len(zh_parts))
        for zh, en in zip(zh_parts, renderings, strict=True):
            yield _Found(zh, en, "en (zh, zh)", m.start(1) + content.find(zh))
        return
    zh = zh_parts[0]
    en = english[0]
    if "-" in zh and " - " not in zh:  # "空天安全-2017": the hyphen is not spaced
        en = re.sub(r"\s+-\s+", "-", en)
    yield _Found(zh, en, pattern, at, said_pinyin or None)
    pieces = zh.split("、")
    if len(pieces) > 1:
        for piece, en in zip(pieces, _split_english(english[0], len(pieces)), strict=True):
            if en != english[0]:
                yield _Found(piece, en, pattern, at + zh.find(piece))


def _good_english(en: str, zh_parts: list[str]) -> bool:
    words = re.findall(r"[A-Za-z][A-Za-z'\-]*", en)
    if not words or _is_mojibake(en) or pinyin.has_hanzi(en):
        return False
    return len(words) <= 20 and len(en) <= 160


def _wikipedia(content: str, pre: str, at: int) -> Iterator[_Found]:
    fields: dict[str, str] = {}
    for part in re.split(r"[;；]", content):
        label = _WIKI_LABEL.match(part.strip())
        if label:
            key = label.group(1).casefold().replace("hanyu ", "").replace("literally", "lit.")
            fields.setdefault(key, _strip_quotes(label.group(2)))
    zh = fields.get("simplified chinese") or fields.get("chinese")
    if not zh or not _is_chinese_term(zh):
        return
    english = _english_before(pre, pinyin.count_hanzi(zh), 1)
    if english is None or not _good_english(english[0], [zh]):
        return
    said = _fitting_pinyin(fields.get("pinyin", ""), zh)
    traditional = fields.get("traditional chinese")
    yield _Found(
        zh,
        english[0],
        "wikipedia",
        at + content.find(zh),
        said,
        traditional if traditional and pinyin.has_hanzi(traditional) else None,
        fields.get("lit.") or None,
    )


def _reverse(text: str, m: re.Match[str], line_start: int) -> Iterator[_Found]:
    """Give the pair of ``中文 (English)`` or ``中文 (pinyin): English``."""
    window = max(line_start, m.start() - 100)  # a headword is a dozen hanzi at most
    before = _ZH_BEFORE.search(text[window : m.start()])
    content = _strip_quotes(m.group(1))
    if not before:
        return
    zh = before.group(1)
    start = window + before.start(1)
    if start > line_start and pinyin.has_hanzi(text[start - 1]):
        return
    if not _is_chinese_term(zh) or pinyin.count_hanzi(zh) > 12:
        return
    said = _fitting_pinyin(content, zh)
    if said:
        after = _AFTER_COLON.match(text, m.end())
        if after:
            en = _clean_english(after.group(1))
            if en and _good_english(en, [zh]):
                yield _Found(zh, en, "zh (pinyin): en", start, said)
        return
    if _is_pinyin(content) or _ABBR.fullmatch(content) or re.fullmatch(r"[\d\s\-–,.]+", content):
        return
    en = _clean_english(content)
    if not en or en.split()[0].casefold() in _HARD_STOPS:
        return
    if en and _good_english(en, [zh]) and not re.search(r"[;:]", content):
        yield _Found(zh, en, "zh (en)", start)


def _clean_english(text: str) -> str:
    text = _strip_quotes(text.strip().rstrip(".,;"))
    return re.sub(r"^(?:the|a|an)\s+", "", text, flags=re.I).strip()


def _list_line(line: str, offset: int) -> Iterator[_Found]:
    m = _LIST_LINE.match(line)
    if not m:
        return
    zh, en = m.group(1).strip(), _clean_english(m.group(2))
    if _is_chinese_term(zh) and en and _good_english(en, [zh]) and not _is_pinyin(en):
        yield _Found(zh, en, "list", offset + m.start(1))


def _found_in(text: str) -> Iterator[_Found]:
    line_start = 0
    for line in text.split("\n"):
        yield from _list_line(line, line_start)
        for m in _BRACKET.finditer(text, line_start, line_start + len(line)):
            if pinyin.has_hanzi(m.group(1)):
                yield from _forward(text, m, line_start)
            else:
                yield from _reverse(text, m, line_start)
        line_start += len(line) + 1


_SENTENCE_REACH = 2000  # how far from the term its sentence is looked for


def _sentence(text: str, at: int) -> str:
    line_start = max(text.rfind("\n", at - _SENTENCE_REACH, at) + 1, at - _SENTENCE_REACH, 0)
    line_end = text.find("\n", at, at + _SENTENCE_REACH)
    line = text[line_start : line_end if line_end >= 0 else at + _SENTENCE_REACH]
    offset = 0
    for piece in _SENTENCE_END.split(line):
        offset = line.find(piece, offset)
        if offset + len(piece) >= at - line_start:
            return piece.strip()
        offset += len(piece)
    return line.strip()


def _looks_marked_up(text: str) -> bool:
    return _LOOKS_HTML.search(text) is not None or _LOOKS_MD.search(text) is not None


def extract(text: str, source: str) -> list[Candidate]:
    """Give the candidate term pairs in ``text``, in text order, each (zh, en) pair once.

    >>> [c.term.en[0] for c in extract('the "three evil forces" (三股势力)', "demo")]
    ['three evil forces']
    """
    if _looks_marked_up(text):
        text = plain_text(text)
    seen: set[tuple[str, str]] = set()
    out: list[Candidate] = []
    breaks = [m.start() for m in re.finditer("\n", text)]
    for found in sorted(_found_in(text), key=lambda f: f.at):
        key = (found.zh, found.en)
        if key in seen or not found.en:
            continue
        seen.add(key)
        out.append(_candidate(text, found, source, breaks))
    return out


def _candidate(text: str, found: _Found, source: str, breaks: list[int]) -> Candidate:
    line = bisect_right(breaks, found.at - 1)  # line breaks before the term
    col = found.at - (breaks[line - 1] + 1 if line else 0) + 1
    line += 1
    reading = found.pinyin or pinyin.generate(found.zh)
    term = Term(
        zh=found.zh,
        en=(found.en,),
        traditional=found.traditional,
        pinyin=reading,
        literal=found.literal,
        context=_sentence(text, found.at),
        source=source,
    )
    return Candidate(term, found.pinyin is None, found.pattern, line, col)


def status(candidate: Candidate, known: Mapping[str, Term]) -> str:
    """Give "new", "known" (same headword and rendering) or "conflict" (other renderings).

    >>> c = extract("the Shanghai Five (上海五国)", "demo")[0]
    >>> status(c, {}), status(c, {"上海五国": Term("上海五国", ("Shanghai Five",))})
    ('new', 'known')
    """
    term = known.get(candidate.term.zh)
    if term is None:
        return "new"
    wanted = candidate.term.en[0].casefold()
    return "known" if any(e.casefold() == wanted for e in term.en) else "conflict"
