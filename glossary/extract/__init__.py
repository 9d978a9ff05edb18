"""Candidate term pairs from prose: Chinese in brackets beside its English rendering.

Patterns (each candidate names the one that found it):

- ``en (zh)`` and ``"en" (zh)``: ASCII or full-width brackets, any quotes;
- ``en (abbr; zh)``: an abbreviation beside the Chinese; ``en (zh, pinyin)``: pinyin beside it;
- ``"en" or pinyin (zh)``: ``"three evil forces," or sangu shili (三股势力)``;
- ``en (zh, zh)``: several terms in one bracket; ``zh (en)`` and ``zh (pinyin): en``;
- ``wikipedia``: ``(simplified Chinese: …; traditional Chinese: …; pinyin: …; lit. '…')``;
- ``list``: a line that is only ``zh: en``, ``zh – en`` or ``zh<TAB>en``.

Pinyin from the text is kept when it has one syllable per hanzi; otherwise the pinyin is
generated (pypinyin, imported only then) and ``pinyin_generated`` is true. Terms joined by 、
are kept whole, as one expression, and also each on its own when the English splits as they
do.

Not pairs: a bracket holding no hanzi (abbreviation, pinyin, English, citation, year), Chinese
after a colon (a title or quotation), Chinese with sentence punctuation, first- or
second-person pronouns or more than 24 hanzi (a quotation), mojibake, an unclosed bracket.

The modules, each with one job:

- :mod:`~glossary.extract.markup`: HTML and Markdown to plain text, lines kept in place;
- :mod:`~glossary.extract.patterns`: the pairs each pattern finds, with their offsets;
- :mod:`~glossary.extract.english`: how far back the English rendering goes, and how it
  splits among several terms;
- :mod:`~glossary.extract.classify`: whether a piece of text is a Chinese term, pinyin,
  garbled, or usable English;
- this one: candidates with their line, column, sentence and status.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Mapping
from dataclasses import dataclass

from glossary import pinyin
from glossary.extract.markup import looks_marked_up, plain_text
from glossary.extract.patterns import Found, found_in
from glossary.model import Term

__all__ = ["Candidate", "extract", "plain_text", "status"]


@dataclass(frozen=True)
class Candidate:
    """A Chinese term met in a text, with the rendering the text gives it."""

    term: Term
    pinyin_generated: bool
    pattern: str
    line: int
    col: int


def extract(text: str, source: str) -> list[Candidate]:
    """Give the candidate term pairs in ``text``, in text order, each (zh, en) pair once.

    >>> [c.term.en[0] for c in extract('the "three evil forces" (三股势力)', "demo")]
    ['three evil forces']
    """
    if looks_marked_up(text):
        text = plain_text(text)
    seen: set[tuple[str, str]] = set()
    out: list[Candidate] = []
    breaks = [m.start() for m in re.finditer("\n", text)]
    for found in sorted(found_in(text), key=lambda f: f.at):
        key = (found.zh, found.en)
        if key in seen or not found.en:
            continue
        seen.add(key)
        out.append(_candidate(text, found, source, breaks))
    return out


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


def _candidate(text: str, found: Found, source: str, breaks: list[int]) -> Candidate:
    """Give ``found`` as a candidate: its line and column, its sentence, pinyin for it."""
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


_SENTENCE_REACH = 2000  # how far from the term its sentence is looked for
_SENTENCE_END = re.compile(r"(?<=[.!?。！？])\s+")


def _sentence(text: str, at: int) -> str:
    """Give the sentence of ``text`` that holds offset ``at``, within its line."""
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
