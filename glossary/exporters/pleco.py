"""Pleco flashcards: the plain-text file Pleco's flashcard import (and user dictionaries) read.

Each term is one line of three tab-separated fields::

    三股势力[三股勢力]<TAB>san1 gu3 shi4 li4<TAB>three evil forces; three forces — lit. …

- the headword: simplified, then the traditional form in square brackets when the term
  stores one;
- the pinyin with tone numbers, one syllable at a time (``ü`` written ``u:``, the neutral
  tone as 5); a term without stored pinyin gets a generated one;
- the definition on one line: the renderings, preferred first, joined by ``; ``, then
  `` — lit. `` and the literal gloss, then `` — `` and the definition, each when present.

Terms are grouped into Pleco categories by their first tag: a ``//tag`` line starts a
category, and the lines after it belong to it. Untagged terms come first, before any
category line, because Pleco puts lines there in no category. Categories are in order of
their name. No field holds a tab or a line break: every run of whitespace becomes one space.

A term whose headword starts with ``//`` (Pleco would read a category) or whose headword or
traditional form holds a square bracket (Pleco would misread the traditional form) is left
out, and :func:`skipped` names it, so that no line of the file is misread.

``glossary import pleco`` reads the file back (:mod:`glossary.importers.pleco`); word
boundaries inside the pinyin (``shìlì``) do not survive, and only the first tag does.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence

from glossary import pinyin, tones
from glossary.exporters import ExportOptions
from glossary.model import Term

BINARY = False
#: What starts a category line.
CATEGORY = "//"
#: What joins the renderings, and what comes before the literal gloss and the definition.
RENDERING_SEPARATOR = "; "
PART_SEPARATOR = " — "
LITERAL_LABEL = "lit. "
#: Characters that only separate syllables or words in stored pinyin.
_SEPARATORS = str.maketrans({"-": " ", "'": " ", "’": " "})
_DIAERESIS = "\u0308"


def export(terms: Sequence[Term], options: ExportOptions) -> str:
    """Give the Pleco import file of ``terms``: category lines, then one line per term."""
    lines: list[str] = []
    left_out = {id(term) for term, _ in skipped(terms)}
    terms = [term for term in terms if id(term) not in left_out]
    for tag, members in _categories(terms):
        if tag is not None:
            lines.append(CATEGORY + one_line(tag))
        lines.extend(line(t) for t in members)
    return "".join(f"{text}\n" for text in lines)


def skipped(terms: Sequence[Term]) -> list[tuple[Term, str]]:
    """Give the terms a Pleco file cannot hold, each with the reason.

    >>> [reason for _, reason in skipped([Term(zh="//背", en=("x",)), Term(zh="背", en=("x",))])]
    ["the headword starts with '//', which Pleco reads as a category"]
    """
    out: list[tuple[Term, str]] = []
    for term in terms:
        head = one_line(term.zh)
        if head.startswith(CATEGORY):
            out.append((term, "the headword starts with '//', which Pleco reads as a category"))
        elif any(c in "[]" for c in head + (term.traditional or "")):
            out.append((term, "a square bracket in the headword, which Pleco cannot hold"))
    return out


def line(term: Term) -> str:
    r"""Give one term as a Pleco line.

    >>> line(Term(zh="背靠背", en=("back to back",), pinyin="bèikàobèi")).split("\t")
    ['背靠背', 'bei4 kao4 bei4', 'back to back']
    """
    head = one_line(term.zh)
    if term.traditional:
        head += f"[{one_line(term.traditional)}]"
    reading = numbered(term.pinyin or pinyin.generate(term.zh))
    return "\t".join((head, one_line(reading), definition(term)))


def definition(term: Term) -> str:
    """Give the definition field: renderings, then the literal gloss and the definition.

    >>> definition(Term(zh="家门口", en=("home doorstep", "doorstep"), literal="doorway"))
    'home doorstep; doorstep — lit. doorway'
    """
    parts = [RENDERING_SEPARATOR.join(one_line(e) for e in term.en)]
    if term.literal:
        parts.append(LITERAL_LABEL + one_line(term.literal))
    if term.definition:
        parts.append(one_line(term.definition))
    return PART_SEPARATOR.join(parts)


def numbered(reading: str) -> str:
    """Give a tone-marked reading with tone numbers after each syllable, as Pleco takes it.

    >>> numbered("sān gǔ shìlì")
    'san1 gu3 shi4 li4'
    >>> numbered("Zhōng-É Zhànlüè Xiézuò")
    'Zhong1 E2 Zhan4 lu:e4 Xie2 zuo4'
    >>> numbered("hǎiwài jìngōng, yuǎnjùlí dǎjī")
    'hai3 wai4 jin4 gong1, yuan3 ju4 li2 da3 ji1'
    >>> numbered("Sū-35 de")
    'Su1 35 de5'
    """
    out: list[str] = []
    for piece, tone in tones.syllables(reading):
        if tone:
            out.append(_toneless(piece) + str(tone))
            continue
        text = piece.translate(_SEPARATORS)
        words = text.split()
        if words and out and not text[0].isspace():
            out[-1] += words.pop(0)  # punctuation stays with the syllable before it
        out.extend(words)
    return " ".join(out)


def _toneless(syllable: str) -> str:
    """Give a syllable without its tone mark, ``ü`` as ``u:``."""
    kept: list[str] = []
    for char in unicodedata.normalize("NFD", syllable):
        if char == _DIAERESIS:
            kept.append(":")
        elif not unicodedata.combining(char):
            kept.append(char)
    return "".join(kept)


def one_line(text: str) -> str:
    r"""Give ``text`` with every run of whitespace (tabs, line breaks) as one space.

    >>> one_line("Terrorism,\tseparatism\nand extremism ")
    'Terrorism, separatism and extremism'
    """
    return " ".join(text.split())


def _categories(terms: Sequence[Term]) -> list[tuple[str | None, list[Term]]]:
    """Give the terms grouped by first tag: untagged first, then tags in order of name."""
    groups: dict[str | None, list[Term]] = {}
    for term in terms:
        groups.setdefault(term.tags[0] if term.tags else None, []).append(term)
    named = sorted((t for t in groups if t is not None), key=lambda t: (t.casefold(), t))
    order: list[str | None] = [None, *named] if None in groups else [*named]
    return [(tag, groups[tag]) for tag in order]
