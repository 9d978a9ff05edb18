"""Known terms inside Chinese text: non-overlapping spans, and the text footnoted in Markdown.

The text is matched on a working copy that differs from it in two ways, each keeping an
offset map back to the original, so that every span points at the text as given:

- traditional characters are folded to simplified ones, character by character (OpenCC's
  phrase tables may change a phrase's length; a single character keeps it), and the keys
  are folded the same way, so both sides agree even where OpenCC's choice is surprising;
- whitespace between two hanzi is dropped, so a term broken by a line end or a stray space
  in text extracted from a PDF (``上海合作\\n组织``) still matches.

Matching is leftmost-longest (forward maximum matching): scanning from the left, the
longest key starting at the first place where any key starts wins, and the scan resumes
after it.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from glossary import memory
from glossary.markdown import escape
from glossary.model import Term

# CJK ideographs: the unified blocks, extension A, compatibility ideographs, planes 2 and 3.
_HANZI = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003ffff"
_IS_HANZI = re.compile(f"[{_HANZI}]")
_GAP = re.compile(f"(?<=[{_HANZI}])\\s+(?=[{_HANZI}])")
_LINE_BREAK = re.compile(r"\r\n?|\n|\u2028|\u2029")


@dataclass(frozen=True)
class Span:
    """A known term found in a text: where, which, and the text as it stands there."""

    start: int
    end: int
    term: Term
    text: str


class Scanner:
    """Finds the terms of a glossary in Chinese text; the automaton is built once."""

    def __init__(self, terms: Sequence[Term]) -> None:
        with memory.collector_paused():
            self._build(terms)

    def _build(self, terms: Sequence[Term]) -> None:
        import ahocorasick  # C extension

        self.terms = tuple(terms)
        #: Folding table: only the characters that change; every hanzi looked at so far.
        self._fold: dict[int, str] = {}
        self._seen: set[str] = set()
        forms = [(i, f) for i, t in enumerate(self.terms) for f in (t.zh, t.traditional) if f]
        # All keys are folded in one pass, NUL-separated (never in a key, never a gap).
        joined = "\0".join(f for _, f in forms)
        self._learn(joined)
        folded = _GAP.sub("", joined.translate(self._fold)).split("\0") if forms else []
        # The first entry to claim a key keeps it: a headword wins over a later term's
        # traditional form that folds to the same characters.
        owners: dict[str, int] = {}
        for (index, _), key in zip(forms, folded, strict=True):
            if key:
                owners.setdefault(key, index)
        self._automaton: Any = ahocorasick.Automaton(ahocorasick.STORE_INTS)
        for key, index in owners.items():
            self._automaton.add_word(key, index)
        self._lengths = {index: len(key) for key, index in owners.items()}
        if owners:
            self._automaton.make_automaton()

    def find(self, text: str) -> list[Span]:
        """Give the known terms in ``text``: longest match first, no overlaps, in text order.

        >>> from glossary.model import Term
        >>> sco = Term(zh="上海合作组织", en=("Shanghai Cooperation Organisation",),
        ...            traditional="上海合作組織")
        >>> [(s.start, s.end, s.text) for s in Scanner([sco]).find("加入上海合作\\n組織")]
        [(2, 9, '上海合作\\n組織')]
        """
        with memory.collector_paused():
            return self._find(text)

    def _find(self, text: str) -> list[Span]:
        if not self._lengths or not text:
            return []
        self._learn(text)
        compact, starts, shifts = _without_gaps(text.translate(self._fold))
        terms, lengths = self.terms, self._lengths
        hits = [
            (last + 1 - lengths[i], last + 1, i) for last, i in self._automaton.iter_long(compact)
        ]
        if len(starts) > 1:
            # Back to offsets of the original text (bisect inline: this runs per span).
            hits = [
                (
                    a + shifts[bisect_right(starts, a) - 1],
                    b + shifts[bisect_right(starts, b - 1) - 1],
                    i,
                )
                for a, b, i in hits
            ]
        return [Span(a, b, terms[i], text[a:b]) for a, b, i in hits]

    def _learn(self, text: str) -> None:
        """Add to the folding table every hanzi of ``text`` not seen yet."""
        new = {c for c in set(text) - self._seen if _IS_HANZI.match(c)}
        if not new:
            return
        from glossary import hanzi  # OpenCC: only once there is Chinese to fold

        self._seen |= new
        for char in new:
            simple = hanzi.to_simplified(char)
            if simple != char and len(simple) == 1:
                self._fold[ord(char)] = simple


def _without_gaps(text: str) -> tuple[str, list[int], list[int]]:
    """Give ``text`` without whitespace between hanzi, and how to map its offsets back:
    from ``starts[k]`` on (offsets in the compact text), add ``shifts[k]``."""
    starts, shifts, pieces = [0], [0], []
    pos = removed = 0
    for m in _GAP.finditer(text):
        pieces.append(text[pos : m.start()])
        removed += m.end() - m.start()
        pos = m.end()
        starts.append(pos - removed)
        shifts.append(removed)
    if len(starts) == 1:
        return text, starts, shifts
    pieces.append(text[pos:])
    return "".join(pieces), starts, shifts


def summary(spans: Sequence[Span]) -> list[tuple[Term, int, int]]:
    """Give each term found as (term, count, first start offset), in order of first appearance.

    >>> from glossary.model import Term
    >>> t = Term(zh="背靠背", en=("back to back",))
    >>> [(term.zh, n, first) for term, n, first in summary([Span(3, 6, t, "背靠背")] * 2)]
    [('背靠背', 2, 3)]
    """
    counts: dict[Term, list[int]] = {}
    for span in spans:
        seen = counts.setdefault(span.term, [0, span.start])
        seen[0] += 1
    return [(term, count, first) for term, (count, first) in counts.items()]


def footnoted(
    text: str, spans: Sequence[Span], readings: Mapping[str, str], *, every: bool = False
) -> str:
    """Give ``text`` as Markdown with a footnote on each term found, and the footnotes.

    Each line of ``text`` becomes a paragraph; a term broken across lines stays whole. The
    footnote mark follows the first occurrence of each term (every occurrence with
    ``every``), and each footnote reads "**zh** *pinyin* — preferred rendering", its
    pinyin taken from ``readings`` (by headword), else from the term.
    """
    numbers: dict[Term, int] = {}
    paragraphs: list[list[str]] = [[]]
    pos = 0
    for span in spans:
        _add_plain(paragraphs, text[pos : span.start])
        first = span.term not in numbers
        number = numbers.setdefault(span.term, len(numbers) + 1)
        mark = f"[^{number}]" if first or every else ""
        paragraphs[-1].append(_escaped(span.text, at_line_start=not paragraphs[-1]) + mark)
        pos = span.end
    _add_plain(paragraphs, text[pos:])
    body = [p for p in ("".join(parts).strip() for parts in paragraphs) if p]
    notes = [_footnote(n, term, readings) for term, n in numbers.items()]
    blocks = ["\n\n".join(body), "\n".join(notes)]
    return "\n\n".join(b for b in blocks if b) + "\n"


def _add_plain(paragraphs: list[list[str]], plain: str) -> None:
    """Add ``plain`` to the last paragraph; each line break in it starts a new one."""
    for i, line in enumerate(_LINE_BREAK.split(plain)):
        if i:
            paragraphs.append([])
        if line.strip():
            paragraphs[-1].append(_escaped(line, at_line_start=not paragraphs[-1]))
        elif line and paragraphs[-1]:
            paragraphs[-1].append(" ")


def _escaped(piece: str, *, at_line_start: bool) -> str:
    """Give ``piece`` escaped as :func:`glossary.markdown.escape` does, as part of a line.

    ``escape`` trims the text and escapes what would open a block at its start; in the
    middle of a line neither is wanted, so the piece is escaped between two letters that
    keep its edges in place and are then cut off.
    """
    if at_line_start:
        return escape(piece + "x")[:-1]
    return escape("x" + piece + "x")[1:-1]


def _footnote(number: int, term: Term, readings: Mapping[str, str]) -> str:
    reading = readings.get(term.zh) or term.pinyin
    name = f"**{escape(term.zh)}**"
    if reading:
        name += f" *{escape(reading)}*"
    return f"[^{number}]: {name} — {escape(term.preferred)}"


def scan(text: str, terms: Iterable[Term]) -> list[Span]:
    """Give the known ``terms`` in ``text`` (builds a :class:`Scanner` for one use)."""
    return Scanner(list(terms)).find(text)
