"""Candidate term pairs from prose: Chinese beside its English rendering.

Patterns (each candidate names the one that found it):

- ``en (zh)`` and ``"en" (zh)``: ASCII or full-width brackets, any quotes; a name is the
  words that spell the hanzi's pinyin, without titles ("Vice Premier He Lifeng (何立峰)");
- ``en (abbr; zh)``: an abbreviation beside the Chinese; ``en (zh, pinyin)``: pinyin beside it;
- ``"en" or pinyin (zh)``; ``pinyin (zh): en``: pinyin before the bracket, the rendering
  after a cue ("tifa (提法), usually rendered as 'formulation'");
- ``en (zh, zh)``: several terms in one bracket; ``zh (en)`` and ``zh (pinyin): en``;
- ``wikipedia``: ``(simplified Chinese: …; traditional Chinese: …; pinyin: …; lit. '…')``;
- ``list``, ``heading`` and ``table``: a line that is only ``zh: en``, ``zh – en``,
  ``en — zh``, ``zh<TAB>en``, ``English 中文`` or a table row.

Pinyin from the text is kept when it has one syllable per hanzi; otherwise the pinyin is
generated (pypinyin, imported only then) and ``pinyin_generated`` is true. Terms joined by 、
are kept whole, as one expression, and also each on its own when the English splits as they
do. A term the text writes in traditional characters gets its simplified form as headword and
keeps the text's form as ``traditional``. Lines a PDF or a hard-wrapped page broke are joined
first (:mod:`~glossary.extract.layout`).

Not pairs: a bracket holding no hanzi (abbreviation, pinyin, English, citation, year), Chinese
after a colon (a title or quotation), Chinese with sentence punctuation, first- or
second-person pronouns or more than 24 hanzi (a quotation), a quantity or numbered label
("Table 2 (表二)"), a single hanzi without strong evidence (quotes or pinyin), links, code,
mojibake, an unclosed bracket.

The modules, each with one job:

- :mod:`~glossary.extract.markup`: HTML and Markdown to plain text, lines kept in place;
- :mod:`~glossary.extract.layout`: soft line breaks joined, offsets kept;
- :mod:`~glossary.extract.context`: the sentence of a pair, cleaned and trimmed;
- :mod:`~glossary.extract.patterns`: the pairs each bracket pattern finds, with offsets;
- :mod:`~glossary.extract.lines`: lines that are pairs without brackets;
- :mod:`~glossary.extract.english`: how far back the English rendering goes, and how it
  splits among several terms; :mod:`~glossary.extract.after`: the rendering after a term;
- :mod:`~glossary.extract.romanise`: whether words spell a term's pinyin;
- :mod:`~glossary.extract.classify` and :mod:`~glossary.extract.vocabulary`: what a piece
  of text is (a Chinese term, pinyin, garbled, usable English) and the word classes;
- this one: candidates with their line, column, sentence and status.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from glossary import hanzi, pinyin
from glossary.extract import context, layout
from glossary.extract.found import Found
from glossary.extract.markup import looks_marked_up, plain_text
from glossary.extract.patterns import found_in
from glossary.model import Term

_SPACED_HANZI = re.compile(rf"(?<={hanzi.HANZI_CLASS})\s+(?={hanzi.HANZI_CLASS})")

__all__ = ["Candidate", "extract", "new_entries", "plain_text", "status"]


@dataclass(frozen=True)
class Candidate:
    """A Chinese term met in a text, with the rendering the text gives it, and the other
    spans of English that could have been its rendering (best first)."""

    term: Term
    pinyin_generated: bool
    pattern: str
    line: int
    col: int
    alternatives: tuple[str, ...] = ()


def extract(text: str, source: str) -> list[Candidate]:
    """Give the candidate term pairs in ``text``, in text order, each (zh, en) pair once.

    >>> [c.term.en[0] for c in extract('the "three evil forces" (三股势力)', "demo")]
    ['three evil forces']
    """
    if looks_marked_up(text):
        text = plain_text(text)
    joined, removed = layout.unwrap(text)
    seen: set[tuple[str, str]] = set()
    out: list[Candidate] = []
    breaks = [m.start() for m in re.finditer("\n", text)]
    for found in sorted(found_in(joined), key=lambda f: f.at):
        found = _in_simplified(found)
        key = (found.zh, found.en.casefold())  # "Discourse Power" as a title, then in a sentence
        if key in seen or not found.en:
            continue
        seen.add(key)
        at = layout.original(removed, found.at)
        out.append(_candidate(joined, found, source, _line_col(breaks, at)))
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


def new_entries(found: Sequence[Candidate], statuses: Sequence[str]) -> list[Term]:
    """Give the entries the new pairs make: one per headword, in text order, with every
    rendering the text gives it (the first preferred).

    >>> text = "the Shanghai Five (上海五国) and the Five of Shanghai (上海五国)"
    >>> found = extract(text, "demo")
    >>> [t.en for t in new_entries(found, ["new", "new"])]
    [('Shanghai Five', 'Five of Shanghai')]
    """
    entries: dict[str, Term] = {}
    for candidate, state in zip(found, statuses, strict=True):
        term = candidate.term
        if state != "new":
            continue
        if term.zh in entries:
            had = entries[term.zh]
            if term.en[0] not in had.en:
                entries[term.zh] = had.replace(en=(*had.en, term.en[0]))
        else:
            entries[term.zh] = term
    return list(entries.values())


def _in_simplified(found: Found) -> Found:
    """Give ``found`` with a simplified headword: a term the text writes in traditional
    characters keeps that form as its traditional one (OpenCC's conversion)."""
    # Text from a PDF may space every hanzi out ("国 家 安 全 部"): a headword has no spaces.
    found = found.replace(zh=_SPACED_HANZI.sub("", found.zh))
    simplified = hanzi.to_simplified(found.zh)
    if simplified in (found.zh, unicodedata.normalize("NFKC", found.zh)):
        return found  # simplified already, or only a compatibility ideograph (U+F9DC) folded
    return found.replace(zh=simplified, traditional=found.traditional or found.zh)


def _line_col(breaks: list[int], at: int) -> tuple[int, int]:
    """Give the line and column (from 1) of offset ``at``, given the line breaks' offsets."""
    line = bisect_right(breaks, at - 1)  # line breaks before the term
    col = at - (breaks[line - 1] + 1 if line else 0) + 1
    return line + 1, col


def _candidate(text: str, found: Found, source: str, where: tuple[int, int]) -> Candidate:
    """Give ``found`` as a candidate: where it is, its sentence, pinyin for it."""
    reading = found.pinyin or pinyin.generate(found.zh)
    term = Term(
        zh=found.zh,
        en=(found.en,),
        traditional=found.traditional,
        pinyin=reading,
        literal=found.literal,
        context=context.sentence(text, found.at, len(found.en) + len(found.zh) + 4),
        source=source,
    )
    alternatives = tuple(a for a in found.alternatives if a != found.en)
    return Candidate(term, found.pinyin is None, found.pattern, *where, alternatives)
