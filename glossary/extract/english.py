"""The English rendering before a bracket, and its split among several terms.

How far back the rendering goes:

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
whole English.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from glossary import pinyin
from glossary.extract.classify import QUOTES, is_mojibake

_ARTICLES = {"the", "a", "an", "so-called", "called", "its", "their", "his", "her", "our"}
_PREPOSITIONS = {"of", "for", "on", "in", "at", "by", "with", "from", "into", "under", "over"}
_PREPOSITIONS |= {"about", "against", "between", "among", "within", "through", "across", "as"}
_CONNECTORS = {"and", "or", "nor", "&"}
_FUNCTION = _ARTICLES | _PREPOSITIONS | _CONNECTORS | {"this", "these", "those", "that", "own"}
_FUNCTION |= {"out", "up"}
HARD_STOPS = {"its", "their", "his", "her", "our", "my", "your", "to", "is", "are", "was"}
HARD_STOPS |= {"were", "be", "been", "has", "have", "had", "said", "says", "called", "named"}
HARD_STOPS |= {"known", "dubbed", "termed", "which", "who", "whom", "that", "what", "when"}
HARD_STOPS |= {"where", "while", "because", "if", "than", "so-called", "he", "she", "it"}
HARD_STOPS |= {"they", "we", "i", "you", "there", "not", "also", "both", "such"}
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
_COLON_END = re.compile(r"[:：]\s*[\"“‘']?\s*$")
_QUOTED_END = re.compile(r"[\"“‘'「『]([^\"“”‘’「」『』\n]{1,150})[\"”’'」』][.,]?\s*$")


@dataclass(frozen=True)
class _Word:
    """A word of the text before a bracket: as written, bare, and where it starts."""

    text: str  # without surrounding punctuation
    raw: str
    start: int


def english_before(pre: str, hanzi: int, parts: int) -> tuple[str, bool] | None:
    """Give the English rendering that ends ``pre`` and whether it was quoted, for ``parts``
    terms of at most ``hanzi`` characters each (``None``: no rendering there)."""
    if _COLON_END.search(pre):
        return None  # "He wrote: (…)": a title or quotation, not a rendering
    quoted = _quoted(pre)
    if quoted:
        return _with_head_noun(*quoted, hanzi), True
    words = _words(pre)
    if not words:
        return None
    start = _best(words, _starts(words, parts), hanzi, parts)
    if start is None:
        return None
    return _span_text(pre, words, start), False


def _quoted(pre: str) -> tuple[str, str] | None:
    """Give the quoted text ending ``pre`` and what comes before the quote."""
    m = _QUOTED_END.search(pre)
    if not m or m.group(1).strip() == "":
        return None
    return m.group(1).strip().rstrip(".,").strip(), pre[: m.start()]


def _with_head_noun(text: str, before: str, hanzi: int) -> str:
    """Give the quoted rendering ``text``, with the head noun before the quote ("negotiations
    on 'X'") when that fits ``hanzi`` characters better."""
    # A stand-in word after the quote: the last word before it is then not the clause's last,
    # and clause punctuation there ends the phrase.
    words = _words(before + " " + "x" * 3)[:-1]
    ext = _head_noun_start([*words, _Word("X", "X", len(before))], len(words))
    if ext is None:
        return text
    longer = before[words[ext].start :].strip().rstrip(QUOTES).strip() + " " + text
    core = _content([_Word(w, w, 0) for w in text.split()])
    long_count = core + _content(words[ext:])
    return longer if abs(long_count - hanzi / 2) < abs(core - hanzi / 2) else text


def _starts(words: list[_Word], parts: int) -> dict[int, bool]:
    """Give the indexes a rendering may start at, each with whether it is a boundary: a name's
    (its titles dropped, or with the head noun before it), else a common noun phrase's."""
    name = _name_run(words) if parts == 1 else None
    if name is None or _content(words[name:]) == 0:
        return _soft_starts(words)
    starts = {_drop_titles(words, name): True}
    ext = _head_noun_start(words, name, article=True)
    if ext is not None:
        starts[ext] = True
    return starts


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
        if raw[0] in "([" or is_mojibake(raw) or pinyin.has_hanzi(raw):
            break
        text = raw.strip(QUOTES + ".,;:!?")
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
    """Tell whether ``word`` can belong to a name: capitalised, or a number."""
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
    """Give where the name starting at ``words[start]`` starts once a leading title ("Chinese
    President", "Vice Premier") is dropped; ``start`` when it has none."""
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
    """Count the words of ``words`` that are not function words."""
    return _count([w.text for w in words])


def _head_noun_start(words: list[_Word], start: int, article: bool = False) -> int | None:
    """Give the start of "negotiations on X" / "meeting of the X" before ``words[start]``."""
    i = start - 1
    if i >= 0 and words[i].text.casefold() in ("the", "a", "an"):
        i -= 1
    if i < 1 or words[i].text.casefold() not in _PREPOSITIONS:
        return None
    head = words[i - 1].text.casefold()
    if head in _FUNCTION or head in HARD_STOPS or head.endswith("ed"):
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
        if low in HARD_STOPS:
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
    """Give the text of ``pre`` from ``words[start]`` on, without quotes, clause punctuation or
    a final possessive; the full stop of an abbreviation ("Co., Ltd.") is kept."""
    text = pre[words[start].start :].strip()
    text = text.strip(QUOTES + " ,;:")
    if not text.casefold().endswith(tuple(_ABBREVIATED)):
        text = text.rstrip(".")
    return re.sub(r"['’]s$", "", text.strip(QUOTES)).strip()


# --- splitting several terms -----------------------------------------------------------------


def split_english(en: str, count: int) -> list[str]:
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


def _singular(word: str) -> str:
    """Give ``word`` without a plural ending ("theories" gives "theory")."""
    if word.endswith("ies"):
        return word[:-3] + "y"
    if word.endswith("s") and not word.endswith("ss"):
        return word[:-1]
    return word
