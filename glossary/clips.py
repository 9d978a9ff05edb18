"""What ``glossary watch`` makes of a copied text: whether to look it up, how much of it,
whether it was looked up already, and what it holds (an entry, or the known words of a
sentence in reading order).

Nothing here touches the clipboard: the command line polls it and hands the texts over.
"""

from __future__ import annotations

import hashlib
import itertools
import unicodedata
from collections import OrderedDict
from collections.abc import Sequence
from typing import NamedTuple

from glossary import layers, pinyin
from glossary.layers import Layer, Result, Word
from glossary.search import parse_query

#: The longest copy looked up whole; the rest of a longer one is left out, with a note.
LONGEST = 10_000
#: The most words a copied pinyin text may have to be read as pinyin (with ``--pinyin``).
_PINYIN_WORDS = 6
#: How many pinyin readings of a copied pinyin word are given.
_PINYIN_RESULTS = 5

TERM = "term"
TEXT = "text"
PINYIN = "pinyin"


class Lookup(NamedTuple):
    """What a copied text holds: ``kind`` is :data:`TERM` (``entry`` is its entry),
    :data:`TEXT` (``words``: the known words, in reading order) or :data:`PINYIN`
    (``words``: the entries it reads as). ``left_out`` counts the characters cut from a
    very long copy."""

    text: str
    kind: str
    entry: Result | None = None
    words: tuple[Word, ...] = ()
    left_out: int = 0


def wanted(text: str, *, with_pinyin: bool = False) -> bool:
    """Tell whether a copied text is one to look up: it holds hanzi, or (``with_pinyin``)
    it is a pinyin word or a few.

    >>> wanted("打击三股势力"), wanted("hello"), wanted("shili", with_pinyin=True)
    (True, False, True)
    >>> wanted("the world", with_pinyin=True)
    False
    """
    if pinyin.has_hanzi(text):
        return True
    return with_pinyin and is_pinyin(text)


def is_pinyin(text: str) -> bool:
    """Tell whether ``text`` is a few words of pinyin, each cut whole into syllables.

    >>> is_pinyin("sān gǔ shìlì"), is_pinyin("san1gu3"), is_pinyin("Beijing")
    (True, True, True)
    >>> is_pinyin("hello"), is_pinyin("shili!"), is_pinyin("")
    (False, False, False)
    """
    parts = text.split()
    if not parts or len(parts) > _PINYIN_WORDS or pinyin.parse_query(text) is None:
        return False
    return all(_syllables_only(p) for p in parts)


def _syllables_only(word: str) -> bool:
    plain = "".join(c for c in word if c.isalpha())
    if not plain:
        return False
    reading = pinyin.parse_reading(plain)
    cuts = sorted(reading.starts)
    known = pinyin.syllable_set()
    pieces = [reading.letters[a:b] for a, b in itertools.pairwise(cuts)]
    return bool(pieces) and all(p.replace("ü", "v") in known or p in known for p in pieces)


def cut(text: str, longest: int = LONGEST) -> tuple[str, int]:
    """Give the part of ``text`` to look up (surrounding space trimmed, at most ``longest``
    characters) and how many characters were left out.

    >>> cut("  三股势力\\n")
    ('三股势力', 0)
    >>> cut("一二三四五", longest=3)
    ('一二三', 2)
    """
    text = text.strip()
    return text[:longest], max(0, len(text) - longest)


class Seen:
    """The texts looked up so far, so that each is looked up once however often it is
    copied. Only a digest of each is kept, and only of the latest ``size`` texts."""

    def __init__(self, size: int = 10_000):
        self.size = size
        self._digests: OrderedDict[bytes, None] = OrderedDict()

    def first(self, text: str) -> bool:
        """Tell whether ``text`` is new, and remember it."""
        digest = hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=16).digest()
        if digest in self._digests:
            self._digests.move_to_end(digest)
            return False
        self._digests[digest] = None
        if len(self._digests) > self.size:
            self._digests.popitem(last=False)
        return True


def look_up(sources: Sequence[Layer], copied: str, *, with_pinyin: bool = False) -> Lookup:
    """Give what the copied text holds: the entry it names, the entries a pinyin word
    reads as (``with_pinyin``), else the known words in it, in reading order."""
    text, left_out = cut(copied)
    entry = layers.named(sources, text) if not left_out else None
    if entry is not None:
        return Lookup(text, TERM, entry=entry)
    if with_pinyin and not pinyin.has_hanzi(text) and is_pinyin(text):
        found = layers.look_up(sources, parse_query(f"py:{text}"), _PINYIN_RESULTS)
        exact = [r for r in found if r.match.field == "pinyin" and r.match.score >= 96.0]
        chosen = exact or found
        return Lookup(text, PINYIN, words=tuple(Word(0, len(text), text, r) for r in chosen))
    words = layers.read_text(sources, text)
    return Lookup(text, TEXT, words=tuple(_first_of_each(words)), left_out=left_out)


def _first_of_each(words: Sequence[Word]) -> list[Word]:
    """Give each word at its first place only: a term met again adds nothing to read."""
    seen: set[tuple[str, str]] = set()
    kept = []
    for w in words:
        key = (w.result.term.zh, w.result.source.name)
        if key not in seen:
            seen.add(key)
            kept.append(w)
    return kept


def printable(text: str) -> str:
    """Give ``text`` safe to show on a terminal: control and format characters (an escape
    sequence, a bidirectional override) replaced by visible code points, breaks by spaces.

    >>> printable("a\\x1b[31mb\\nc")
    'a\\\\x1b[31mb c'
    """
    out = []
    for char in text:
        if char in "\n\r\t":
            out.append(" ")
        elif unicodedata.category(char) in ("Cc", "Cf") and char not in "\u200d":
            out.append(char.encode("unicode_escape").decode("ascii"))
        else:
            out.append(char)
    return "".join(out)
