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
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any, NamedTuple

from glossary import hanzi, memory
from glossary.markdown import escape
from glossary.model import Origin, Term

_IS_HANZI = re.compile(hanzi.HANZI_CLASS)
_GAP = re.compile(f"(?<={hanzi.HANZI_CLASS})\\s+(?={hanzi.HANZI_CLASS})")
_LINE_BREAK = re.compile(r"\r\n?|\n|\u2028|\u2029")


class Span(NamedTuple):
    """A known term found in a text: where, which, and the text as it stands there (and,
    over layers, the glossary or dictionary it comes from); and the term's number, as the
    scanner that found it numbers terms."""

    start: int
    end: int
    term: Term
    text: str
    origin: Origin | None = None
    number: int = -1


#: Gives the terms with the given numbers (a term's number is its place in the glossary,
#: or its row in the search index).
Fetch = Callable[[Iterable[int]], Mapping[int, Term]]


class Scanner:
    """Finds the terms of a glossary in Chinese text; the automaton is built once, and can be
    saved (:meth:`dump`) and loaded again (:meth:`load`) instead of built."""

    def __init__(self, terms: Sequence[Term]) -> None:
        chosen = tuple(terms)
        self._fetch: Fetch = lambda numbers: {i: chosen[i] for i in numbers}
        with memory.collector_paused():
            self._keys = _Keys.build((i, t.zh, t.traditional) for i, t in enumerate(chosen))

    @classmethod
    def of_forms(cls, forms: Iterable[tuple[int, str, str | None]], fetch: Fetch) -> Scanner:
        """Give a scanner of the headwords and traditional forms ``forms`` (each with its
        term's number), which finds their terms with ``fetch``."""
        with memory.collector_paused():
            return cls._with(_Keys.build(forms), fetch)

    @classmethod
    def load(cls, data: bytes, fetch: Fetch) -> Scanner:
        """Give the scanner :meth:`dump` saved as ``data``; raise ValueError if it is not one."""
        import pickle

        try:
            with memory.collector_paused():
                keys = pickle.loads(data)
        except Exception as exc:  # unpickling garbage can raise almost anything
            raise ValueError("not a saved scanner") from exc
        if not isinstance(keys, _Keys):
            raise ValueError("not a saved scanner")
        return cls._with(keys, fetch)

    def dump(self) -> bytes:
        """Give this scanner's keys and automaton as bytes for :meth:`load`."""
        import pickle

        return pickle.dumps(self._keys, protocol=pickle.HIGHEST_PROTOCOL)

    @classmethod
    def _with(cls, keys: _Keys, fetch: Fetch) -> Scanner:
        scanner = cls.__new__(cls)
        scanner._keys, scanner._fetch = keys, fetch
        return scanner

    def find(self, text: str) -> list[Span]:
        """Give the known terms in ``text``: longest match first, no overlaps, in text order,
        none starting or ending inside a run of Latin letters or digits.

        >>> from glossary.model import Origin, Term
        >>> sco = Term(zh="上海合作组织", en=("Shanghai Cooperation Organisation",),
        ...            traditional="上海合作組織")
        >>> [(s.start, s.end, s.text) for s in Scanner([sco]).find("加入上海合作\\n組織")]
        [(2, 9, '上海合作\\n組織')]
        """
        with memory.collector_paused():
            return self._find(text)

    def _find(self, text: str) -> list[Span]:
        hits = self._hits(text)
        terms = self._fetch({i for _, _, i in hits})
        return [Span(a, b, terms[i], text[a:b], number=i) for a, b, i in hits]

    def hits(self, text: str) -> list[tuple[int, int, int]]:
        """Give where the known terms are in ``text``, as :meth:`find` finds them, each as
        (start, end, the term's number), without reading the terms."""
        with memory.collector_paused():
            return self._hits(text)

    def terms(self, numbers: Iterable[int]) -> Mapping[int, Term]:
        """Give the terms with these numbers (as :meth:`hits` gives them)."""
        return self._fetch(numbers)

    def _hits(self, text: str) -> list[tuple[int, int, int]]:
        keys = self._keys
        if not keys.lengths or not text:
            return []
        keys.learn(text)
        compact, starts, shifts = _without_gaps(text.translate(keys.fold))
        lengths, owners = keys.lengths, keys.owners
        # Every key found, then the longest at each start, then left to right without
        # overlaps. (The automaton's own longest-match walk misses a short key that ends
        # inside a longer one it tried: 势 in "A势" when "A势A" is a key.) Keys come in
        # order of their end, so of those sharing a start the longest comes last.
        found = keys.automaton.iter(compact)
        inside = inside_latin_runs(compact)
        if inside:  # a key never starts or ends inside a run of Latin letters or digits
            longest = {
                last + 1 - lengths[k]: k
                for last, k in found
                if last + 1 not in inside and last + 1 - lengths[k] not in inside
            }
        else:
            longest = {last + 1 - lengths[k]: k for last, k in found}
        hits: list[tuple[int, int, int]] = []
        free = 0
        for start in sorted(longest):
            if start >= free:
                k = longest[start]
                free = start + lengths[k]
                hits.append((start, free, owners[k]))
        if len(starts) > 1:  # back to offsets of the original text
            back: list[int] = []
            for k, shift in enumerate(shifts):
                end = starts[k + 1] if k + 1 < len(starts) else len(compact)
                back.extend(range(starts[k] + shift, end + shift))
            hits = [(back[a], back[b - 1] + 1, i) for a, b, i in hits]
        return hits


def inside_latin_runs(text: str) -> set[int]:
    """Give every offset of ``text`` that falls between two Latin letters or digits: where
    no term may start or end (a 120,000-entry glossary holds "A" and "w").

    >>> sorted(inside_latin_runs("用ABC和5G"))
    [2, 3, 6]
    """
    return {at for m in _LATIN_RUN.finditer(text) for at in range(m.start() + 1, m.end())}


_LATIN_RUN = re.compile(r"[A-Za-z0-9\uff10-\uff19\uff21-\uff3a\uff41-\uff5a]{2,}")


class _Keys:
    """The automaton of a glossary's keys (headwords and traditional forms, folded), what
    each key stands for, and the folding table of the characters seen so far."""

    def __init__(self) -> None:
        #: Folding table: only the characters that change; every hanzi looked at so far.
        self.fold: dict[int, str] = {}
        self.seen: set[str] = set()
        self.owners: list[int] = []  # the term number of each key
        self.lengths: list[int] = []  # the length of each key
        self.automaton: Any = None

    @classmethod
    def build(cls, forms: Iterable[tuple[int, str, str | None]]) -> _Keys:
        import ahocorasick  # C extension

        keys = cls()
        pairs = [(i, f) for i, zh, trad in forms for f in (zh, trad) if f]
        # All keys are folded in one pass, NUL-separated (never in a key, never a gap).
        joined = "\0".join(f for _, f in pairs)
        keys.learn(joined)
        folded = _GAP.sub("", joined.translate(keys.fold)).split("\0") if pairs else []
        # The first entry to claim a key keeps it: a headword wins over a later term's
        # traditional form that folds to the same characters.
        owners: dict[str, int] = {}
        for (number, _), key in zip(pairs, folded, strict=True):
            if key:
                owners.setdefault(key, number)
        keys.automaton = ahocorasick.Automaton(ahocorasick.STORE_INTS)
        # The automaton stores a key's number; each key has its own length (a term's
        # headword and traditional form may differ in length).
        keys.owners = list(owners.values())
        keys.lengths = [len(key) for key in owners]
        for number, key in enumerate(owners):
            keys.automaton.add_word(key, number)
        if owners:
            keys.automaton.make_automaton()
        return keys

    def learn(self, text: str) -> None:
        """Add to the folding table every hanzi of ``text`` not seen yet."""
        new = sorted(c for c in set(text) - self.seen if _IS_HANZI.match(c))
        if not new:
            return
        self.seen.update(new)
        # OpenCC is loaded by the first call: only once there is Chinese to fold. One call
        # for them all, a character a line: no phrase can form across lines.
        simple = hanzi.to_simplified("\n".join(new)).split("\n")
        if len(simple) != len(new):
            simple = [hanzi.to_simplified(c) for c in new]
        for char, folded in zip(new, simple, strict=True):
            if folded != char and len(folded) == 1:
                self.fold[ord(char)] = folded


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

    >>> from glossary.model import Origin, Term
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
