"""The context of a pair: the sentence that holds it, cleaned.

- The sentence is looked for within its paragraph (a line once soft line breaks are joined),
  so it is never glued to a title line, a ``Source:`` line or a heading.
- A full stop (with a footnote number glued to it) ends a sentence only when a capital, a
  digit, a quote, a bracket or a hanzi follows it after a space, and not after an
  abbreviation: "lit.", "e.g.", "No. 2", "Dr.", initials and dotted acronyms ("U.S.",
  "J. K.") never end one. 。！？ always do.
- Spaces are collapsed; a sentence longer than :data:`MAX_CONTEXT` characters is trimmed to
  the words around the pair, with an ellipsis where it was cut.
"""

from __future__ import annotations

import re

MAX_CONTEXT = 300  # the longest context kept whole, in characters
_REACH = 2000  # how far from the term its sentence is looked for
# A sentence's end: its punctuation, closing quotes or brackets, and a footnote number glued
# to it (".12 Local governments", as text pasted from a PDF has it).
_END = re.compile(r"[.!?]+[\"”’'」』)\]]*(?:\d{1,3}|[¹²³⁴⁵⁶⁷⁸⁹⁰]+)?(?=\s)|[。！？]+[”’」』）)]*")
_NEXT_STARTS = re.compile(r"\s+[\"“‘'「『(\[]?[A-Z0-9\u3400-\u9fff\U00020000-\U0003ffff]")
_ABBREVIATED = (
    "lit e.g i.e eg ie no nos mr mrs ms dr prof gen adm lt col capt sgt st co ltd inc corp "
    "jr sr vs cf al vol vols p pp ed eds ch fig figs approx est dept univ art para ibid op "
    "cit viz ca c jan feb mar apr jun jul aug sep sept oct nov dec rev hon gov sen rep"
)
_ABBREVIATIONS = frozenset(_ABBREVIATED.split())
_ACRONYM = re.compile(r"(?:[A-Za-z]\.){2,}|[A-Z]\.")


def sentence(text: str, at: int, span: int = 0) -> str:
    """Give the cleaned sentence of ``text`` that holds offset ``at`` (the term, ``span``
    characters of English and Chinese around it kept when the sentence is trimmed)."""
    start = max(text.rfind("\n", max(0, at - _REACH), at) + 1, at - _REACH, 0)
    end = text.find("\n", at, at + _REACH)
    end = end if end >= 0 else min(len(text), at + _REACH)
    begin, finish = start, end
    for m in _END.finditer(text, start, end):
        if not _ends_sentence(text, m):
            continue
        if m.end() <= at:
            begin = m.end()
        elif m.start() >= at:
            finish = m.end()
            break
    return _trimmed(text[begin:finish], at - begin, span)


def _ends_sentence(text: str, m: re.Match[str]) -> bool:
    """Tell whether the punctuation matched by ``m`` ends a sentence."""
    if m.group(0)[0] in "。！？":
        return True
    if not _NEXT_STARTS.match(text, m.end()) and m.end() < len(text.rstrip()):
        return False  # "the U.S. military": what follows does not start a sentence
    if m.group(0)[0] != ".":
        return True
    word = re.search(r"(\S+)$", text[max(0, m.start() - 40) : m.start() + 1])
    token = word.group(1).lstrip("([\"“‘'") if word else ""
    bare = token.rstrip(".").casefold()
    return bare not in _ABBREVIATIONS and _ACRONYM.fullmatch(token.rstrip(".") + ".") is None


def _trimmed(piece: str, at: int, span: int) -> str:
    """Give ``piece`` with its spaces collapsed, trimmed around offset ``at`` when long."""
    whole = re.sub(r"(?<=[.!?])\d{1,3}$", "", " ".join(piece.split()))  # a footnote number
    if len(whole) <= MAX_CONTEXT:
        return whole
    reach = max(0, (MAX_CONTEXT - span) // 2) + span // 2
    left, right = max(0, at - reach), min(len(piece), at + reach)
    while left > 0 and not piece[left - 1].isspace():
        left += 1
    while right < len(piece) and not piece[right].isspace():
        right -= 1
    middle = " ".join(piece[left:right].split())
    return ("… " if left > 0 else "") + middle + (" …" if right < len(piece) else "")
