"""The English rendering that follows a term: after pinyin ("tifa (提法), usually rendered as
'formulation'") or after hanzi with their pinyin ("摸着石头过河 (mō zhe shítou guò hé): cross
the river by feeling for the stones").

What introduces a rendering after a term, in the order tried:

- a colon or a dash: the English up to the first clause break ("– involution, endless
  competition" gives "involution"), or the quoted phrase there;
- a translation cue, after an optional comma: ``or``, ``i.e.``, ``meaning``, ``which
  means``, ``it means``, ``(usually|often|roughly) translated/rendered as``, ``literally``,
  ``lit.``, then a quoted phrase or the English up to the first clause break;
- a quoted phrase right after a comma ("xiaokang (小康), a 'moderately prosperous' society"
  gives the quotation);
- only where the term came with its pinyin (strong evidence), a short appositive between
  commas: "the word ɡaige (改革), reform, in every speech".
"""

from __future__ import annotations

import re

from glossary.extract.classify import QUOTES, clean_english, good_english, is_pinyin
from glossary.extract.english import quoted_end

_CUE = re.compile(
    r"""^\s*[,，]?\s*(?:[—–]\s*)?
    (?:or|i\.e\.,?|that\s+is,?|meaning|which\s+means|(?:it|this|that)\s+means|means|
       (?:(?:usually|often|commonly|generally|roughly|loosely|variously|best|sometimes)\s+)?
       (?:translated|rendered|glossed)(?:\s+into\s+English)?\s+as|
       which\s+translates\s+(?:to|as)|translating\s+as|
       literally(?:\s+meaning)?|lit\.|roughly)\s*[:,]?\s*""",
    re.I | re.X,
)
_COLON_OR_DASH = re.compile(r"^\s*(?:[:：]|[—–]|-(?=\s)|--)\s*")
_OPEN_QUOTE = re.compile(r"^[\"“‘'「『]")
_CLAUSE = re.compile(
    r"^([^.;,:!?()（）\[\]\"“”‘’—–\n]{1,120}?)(?=\s*(?:[.;,:!?()（）\[\]\"“”—–\n]|\s-\s|$))"
)
_APPOSITIVE = re.compile(
    r"^\s*[,，]\s*((?:a|an|the)\s+)?([a-z][a-z\-]*(?:\s+[a-z][a-z\-]*){0,3})\s*[,，]"
)
_MAX_WORDS = 10  # the longest rendering taken after a term


def english_after(text: str, with_pinyin: bool) -> str | None:
    """Give the rendering that the start of ``text`` gives the term before it, or ``None``;
    ``with_pinyin``: the term came with its pinyin, so an appositive may be its rendering."""
    cue = _COLON_OR_DASH.match(text) or _CUE.match(text)
    if cue:
        rest = text[cue.end() :]
        more = _CUE.match(rest)  # "— literally 'add oil'"
        return _phrase(rest[more.end() :] if more else rest)
    quoted = re.match(r"^\s*[,，]\s*(?:(?:a|an|the)\s+)?(?=[\"“‘'])", text)
    if quoted:
        return _quoted(text[quoted.end() :])
    if with_pinyin:
        appositive = _APPOSITIVE.match(text)
        if appositive and not is_pinyin(appositive.group(2)):
            return _usable(appositive.group(2))
    return None


def _phrase(text: str) -> str | None:
    """Give the quoted phrase that starts ``text``, else its English up to a clause break."""
    if _OPEN_QUOTE.match(text):
        return _quoted(text)
    m = _CLAUSE.match(text)
    return _usable(m.group(1)) if m else None


def _quoted(text: str) -> str | None:
    """Give the quotation that opens ``text``."""
    opener = text[:1]
    closers = {"“": "”", "‘": "’", '"': '"', "'": "'", "「": "」", "『": "』"}.get(opener)
    if closers is None:
        return None
    for end in range(1, min(len(text), 150)):
        if text[end] == "\n":
            return None
        if text[end] in closers and (end + 1 == len(text) or not text[end + 1].isalpha()):
            found = quoted_end(text[: end + 1])
            inner = found[0] if found else text[1:end]
            return _usable(inner)
    return None


def _usable(text: str) -> str | None:
    """Give ``text`` cleaned, when it can be a rendering: English, short, not pinyin."""
    # A relative clause says more about the term; it is not its rendering.
    text = re.split(r"\s(?:that|which|who|whose|where|when)\s", f"{text} ", maxsplit=1)[0]
    en = clean_english(" ".join(text.split()).strip(QUOTES + " ,;"))
    if not en or not good_english(en) or len(en.split()) > _MAX_WORDS:
        return None
    # Lower-case pinyin is a reading; capitalised, it is a name ("Xi Zhongxun").
    return None if is_pinyin(en) and en == en.lower() else en
