"""A Chinese text cut into words over the layers: the user's terms and the dictionaries.

Each layer's scanner finds its headwords in the text (leftmost-longest, never inside a
run of Latin letters or digits; see :mod:`glossary.scan`); the layers' words are then
put together the same way: at each place the longest word, the upper layer's where two
are as long, and the text read on after it. What is left uncovered is characters no
layer knows.

From the words: which are the user's, and how much of the text the user's glossary
covers (:func:`coverage`).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, NamedTuple

from glossary import pinyin

if TYPE_CHECKING:
    from glossary.scan import Scanner


#: A word of the text: where it starts and ends, its layer (0: the user's glossaries; 1,
#: 2...: the dictionaries, top first) and its term's number there. (Plain tuples: a
#: megabyte of text has hundreds of thousands.)
Piece = tuple[int, int, int, int]


def cut(
    text: str, scanners: Sequence[Scanner], singles: Sequence[Mapping[str, int]] = ()
) -> list[Piece]:
    """Give the words of ``text`` over the layers' ``scanners`` (top first), in order;
    then each character left between them that a layer's ``singles`` (by layer, a
    character's term number) holds is a word of its own."""
    layers = [
        [(start, end, layer, number) for start, end, number in hits]
        for layer, scanner in enumerate(scanners)
        if (hits := scanner.hits(text))
    ]
    if len(layers) < 2:  # one layer knows words here: they are the cut
        pieces = layers[0] if layers else []
    else:
        found = sorted(
            (piece for pieces in layers for piece in pieces),
            key=lambda p: (p[0], p[0] - p[1], p[2]),  # the longest at each place, the top one
        )
        pieces = []
        free = 0
        for piece in found:
            if piece[0] >= free:
                pieces.append(piece)
                free = piece[1]
    return _with_singles(text, pieces, singles) if any(singles) else pieces


def _with_singles(
    text: str, pieces: list[Piece], singles: Sequence[Mapping[str, int]]
) -> list[Piece]:
    """Give ``pieces`` with the characters between them that ``singles`` know, in order
    (none inside a run of Latin letters or digits: the "A" of "ABC" is no word)."""
    from glossary.scan import inside_latin_runs

    inside = inside_latin_runs(text)
    out: list[Piece] = []
    at = 0
    for piece in [*pieces, (len(text), len(text), -1, -1)]:
        for where in range(at, piece[0]):
            if where in inside or where + 1 in inside:
                continue
            char = text[where]
            for layer, known in enumerate(singles):
                if char in known:
                    out.append((where, where + 1, layer, known[char]))
                    break
        if piece[2] >= 0:
            out.append(piece)
        at = piece[1]
    return out


class Coverage(NamedTuple):
    """How much of a text's words the user's glossary covers, and what it misses most."""

    words: int  # the text's words holding hanzi
    covered: int  # of those, the user's terms
    distinct: int  # different words holding hanzi
    distinct_covered: int
    missing: list[tuple[Piece, int]]  # words not covered: the first of each, and its count

    @property
    def share(self) -> float:
        """Give the share of the text's words that are the user's terms (0 to 1)."""
        return self.covered / self.words if self.words else 0.0


def coverage(text: str, pieces: Sequence[Piece]) -> Coverage:
    """Give how much of the words ``pieces`` of ``text`` the user's glossary (layer 0)
    covers; the words it misses are the dictionaries' words of two characters or more,
    most frequent first (single characters, 的 and 是 first of them, are left out: a
    glossary holds terms), the first met first among equals."""
    counts = Counter(text[start:end] for start, end, _, _ in pieces)
    words = {word for word in counts if pinyin.has_hanzi(word)}  # once a word, not a place
    first: dict[str, Piece] = {}
    mine: set[str] = set()
    for piece in pieces:
        word = text[piece[0] : piece[1]]
        first.setdefault(word, piece)
        if piece[2] == 0:
            mine.add(word)
    missing = [
        (first[word], n)
        for word, n in counts.most_common()
        if word in words and word not in mine and len(word) > 1 and first[word][2] > 0
    ]
    return Coverage(
        words=sum(counts[word] for word in words),
        covered=sum(counts[word] for word in words & mine),
        distinct=len(words),
        distinct_covered=len(words & mine),
        missing=missing,
    )
