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
from collections.abc import Sequence
from typing import TYPE_CHECKING, NamedTuple

from glossary import pinyin

if TYPE_CHECKING:
    from glossary.scan import Scanner


#: A word of the text: where it starts and ends, its layer (0: the user's glossaries; 1,
#: 2...: the dictionaries, top first) and its term's number there. (Plain tuples: a
#: megabyte of text has hundreds of thousands.)
Piece = tuple[int, int, int, int]


def cut(text: str, scanners: Sequence[Scanner]) -> list[Piece]:
    """Give the words of ``text`` over the layers' ``scanners`` (top first), in order."""
    layers = [
        [(start, end, layer, number) for start, end, number in hits]
        for layer, scanner in enumerate(scanners)
        if (hits := scanner.hits(text))
    ]
    if len(layers) < 2:  # one layer knows words here: they are the cut
        return layers[0] if layers else []
    found = sorted(
        (piece for pieces in layers for piece in pieces),
        key=lambda p: (p[0], p[0] - p[1], p[2]),  # the longest at each place, the top one
    )
    pieces: list[Piece] = []
    free = 0
    for piece in found:
        if piece[0] >= free:
            pieces.append(piece)
            free = piece[1]
    return pieces


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
