"""A glossary as check reads it: the matcher of its hanzi, the table of its renderings, and
its terms by number, all from the search index for a glossary on disk.

A check of a draft reads no more of the glossary than the entries of the terms it finds:
both matchers are built once after each change of the glossary and saved beside its
index (see :mod:`glossary.index`), so that a 120,000-entry glossary is checked against in
well under a second.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from glossary.model import Term
from glossary.pinyin import has_hanzi
from glossary.qa.phrases import Phrases
from glossary.scan import Scanner, Span

if TYPE_CHECKING:
    from glossary.index import GlossaryIndex

# Letters of scripts other than Latin (hanzi among them), and how far beyond them a headword
# that mixes them with Latin letters or digits ("卡拉OK", "中俄对话:2018 模式") may reach.
_OTHER_SCRIPT = re.compile(r"[^\W\d_A-Za-z\u00c0-\u024f\u1e00-\u1eff]+")
_PAD = 8


class Termbase:
    """The matchers of a glossary's hanzi and renderings, and its terms by number."""

    def __init__(self, scanner: Scanner, phrases: Phrases) -> None:
        self.scanner = scanner
        self.phrases = phrases
        self._own: dict[int, Phrases] = {}

    @classmethod
    def of_terms(cls, terms: Sequence[Term]) -> Termbase:
        """Give the termbase of ``terms``, held in memory (numbered by their place)."""
        chosen = tuple(terms)
        phrases = Phrases.build((i, t.en, t.avoid) for i, t in enumerate(chosen))
        return cls(Scanner(chosen), phrases)

    @classmethod
    def of_files(cls, files: Sequence[Path], env: Mapping[str, str]) -> Termbase:
        """Give the termbase of the glossaries ``files``, from their indexes."""
        from glossary import index

        scanner = index.scanner(files, env)
        return cls(scanner, Phrases.merged([index.using(f, env, _phrases) for f in files]))

    def terms(self, numbers: Sequence[int] | set[int]) -> Mapping[int, Term]:
        """Give the terms with these numbers."""
        return self.scanner.terms(numbers)

    def own(self, number: int, term: Term) -> Phrases:
        """Give the table of the renderings of one term (``number``) alone."""
        if number not in self._own:
            self._own[number] = Phrases.build([(number, term.en, term.avoid)])
        return self._own[number]

    def spans(self, text: str) -> list[Span]:
        """Give the known terms in ``text`` that hold hanzi and stand apart from the letters
        around them: a headword of Latin letters ("T", "AA制") is no term inside "Take".

        Only the stretches around letters of other scripts than Latin are scanned: most of
        an English draft is none of a glossary's business, and an automaton of 200,000
        headwords walks English text at a tenth of the speed of Chinese."""
        pieces: list[tuple[int, int]] = []
        for m in _OTHER_SCRIPT.finditer(text):
            start, end = m.span()
            if pieces and start - pieces[-1][1] <= 2 * _PAD:
                pieces[-1] = (pieces[-1][0], end)
                continue
            if pieces:
                pieces[-1] = (pieces[-1][0], _attached_end(text, pieces[-1][1]))
            pieces.append((_attached_start(text, start), end))
        if pieces:
            pieces[-1] = (pieces[-1][0], _attached_end(text, pieces[-1][1]))
        if not pieces:
            return []
        # One scan of the stretches, joined by NULs (in no headword; no gap between hanzi).
        joined = "\0".join(text[a:b] for a, b in pieces)
        starts = [0]
        for a, b in pieces:
            starts.append(starts[-1] + b - a + 1)
        found = []
        for span in self.scanner.find(joined):
            k = bisect_right(starts, span.start) - 1
            shift = pieces[k][0] - starts[k]
            moved = span._replace(start=span.start + shift, end=span.end + shift)
            if _stands_apart(text, moved):
                found.append(moved)
        return found


def _attached_start(text: str, start: int) -> int:
    """Give where the letters attached before ``start`` begin (at most a pad away)."""
    k = start
    while k > max(0, start - _PAD) and not text[k - 1].isspace():
        k -= 1
    return k


def _attached_end(text: str, end: int) -> int:
    """Give where the letters attached after ``end`` stop (at most a pad away)."""
    k = end
    while k < min(len(text), end + _PAD) and not text[k].isspace():
        k += 1
    return k


def _stands_apart(text: str, span: Span) -> bool:
    if not has_hanzi(span.text):
        return False
    before = text[span.start - 1] if span.start else " "
    after = text[span.end] if span.end < len(text) else " "
    return not (
        (_is_letter(span.text[0]) and _is_letter(before))
        or (_is_letter(span.text[-1]) and _is_letter(after))
    )


def _is_letter(char: str) -> bool:
    return char.isalnum() and not has_hanzi(char)


def _phrases(index: GlossaryIndex) -> Phrases:
    """Give the table of renderings of one glossary: saved beside its index, else built."""
    return index.saved(
        ".phrases", lambda: Phrases.build(index.renderings()), Phrases.dump, Phrases.load
    )
