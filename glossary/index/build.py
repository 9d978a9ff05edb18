"""Building one part of an index: its terms, their key lines and English word postings.

A part is what one process builds (see :mod:`glossary.index.parallel`), from records the
full loader read, or from stretches of the glossary the quick reader reads.
"""

from __future__ import annotations

import re
import sqlite3
from array import array
from collections.abc import Iterable, Iterator
from operator import itemgetter
from typing import TYPE_CHECKING, Protocol

from glossary import pinyin
from glossary.index.schema import _NOTES_RANK
from glossary.search import FILLER, alternatives, fold, stem

if TYPE_CHECKING:
    from glossary.termfile import quickyaml
    from glossary.termfile.layout import Record


#: A term as the index stores it: its fields (as ``Term.to_dict`` gives them), and its line.


#: The fields of a term's notes, in the order they are indexed.
_NOTES = ("literal", "definition", "context")


class _Declined(Exception):
    """The quick reader declined a stretch of the glossary: the full loader must read it."""


def _no_twice(headwords: set[str], more: Iterable[str]) -> None:
    """Add the headwords of another part to ``headwords``; raise _Declined for one that
    is there already (a headword in two stretches: the full loader says where)."""
    more = list(more)
    if not headwords.isdisjoint(more):
        raise _Declined
    headwords.update(more)


class Builder(Protocol):
    """What builds parts of an index from numbered stretches of a source (see
    :mod:`glossary.index.parallel`)."""

    def build(self, part: _Part, numbers: Iterable[int]) -> None:
        """Index the stretches ``numbers`` into ``part``, and finish it."""


class Stretches(Protocol):
    """A source that is no glossary file (a dictionary), in stretches: how many entries
    each holds, how its entries are kept (the meta "payload"), and each stretch's records
    with the text kept for each entry, read (or computed) when a process takes it."""

    sizes: list[int]
    payload: str

    def read(self, number: int) -> tuple[list[Record], list[str]]:
        """Give the records of stretch ``number`` and the text kept for each."""


class _RecordsWork:
    """Builds parts of an index from the stretches of a source that is no glossary file."""

    def __init__(self, stretches: Stretches):
        self.stretches = stretches
        self.firsts = [1]  # the number of each stretch's first term
        for size in stretches.sizes:
            self.firsts.append(self.firsts[-1] + size)

    def build(self, part: _Part, numbers: Iterable[int]) -> None:
        """Index the stretches ``numbers`` into ``part``, and finish it."""
        for number in numbers:
            records, texts = self.stretches.read(number)
            part.add(records, self.firsts[number], [(None, None, text) for text in texts])
            part.stretches.append(number)
        part.finish()


class _Work:
    """The stretches of a glossary's entries to index, and where each starts in the file
    (``bom`` as :class:`~glossary.index.rebuild._QuickFill` has it; None: entries' texts
    are kept)."""

    def __init__(
        self, found: quickyaml.Layout, stretches: list[quickyaml.Stretch], bom: int | None
    ):
        self.found, self.stretches, self.bom = found, stretches, bom
        self.bases: list[int] = []
        if bom is not None:  # the byte where each stretch's first text starts
            at, base = found.begin, bom + len(found.text[: found.begin].encode())
            for stretch in stretches:
                base += len(found.text[at : stretch.start].encode())
                at = stretch.start
                self.bases.append(base + found.dash + 2)

    @property
    def payload(self) -> str:
        return f"{'text' if self.bom is None else 'file'} {self.found.name}"

    def build(self, part: _Part, numbers: Iterable[int]) -> None:
        """Index the stretches ``numbers`` into ``part``, and finish it; raise _Declined
        where the quick reader declines one."""
        for number in numbers:
            stretch = self.stretches[number]
            read = self.found.read(stretch)
            if read is None:
                raise _Declined
            kept: list[tuple[int | None, int | None, str | None]]
            if self.bom is None:
                kept = [(None, None, text) for text in read.texts]
            else:
                kept = [(start, size, None) for start, size in self._places(number, read.texts)]
            part.add(read.records, stretch.before + 1, kept)
            part.stretches.append(number)
        part.finish()

    def _places(self, number: int, texts: list[str]) -> Iterator[tuple[int, int]]:
        """Give where each entry's text is in the glossary file: its start and size."""
        start = self.bases[number]
        gap = self.found.dash + 3  # a line break, the dash's indent and "- "
        for text in texts:
            size = len(text.encode())
            yield start, size
            start += size + gap


class _Part:
    """A part of an index being built, by one process: the terms of the stretches it
    took, and the English words of their renderings and notes."""

    def __init__(self, db: sqlite3.Connection, number: int):
        self.db = db
        self.number = number
        self.stretches: list[int] = []
        self.headwords: set[str] = set()
        # The renderings and notes of every term, a line each: its term, and its place
        # among the term's renderings (-1: notes).
        self.lines: list[str] = []
        self.owners: list[int] = []
        self.places: list[int] = []
        # The keys of each name (see the schema), and their terms' runs.
        self.keys: dict[str, list[str]] = {"hanzi": [], "letters": [], "initials": []}
        self.runs = array("I")

    def add(
        self,
        records: list[Record],
        first: int,
        kept: list[tuple[int | None, int | None, str | None]] | None,
    ) -> None:
        """Index ``records``, numbered from ``first``; keep each entry as ``kept`` says (its
        start and size in the file, or its text), or its fields as JSON where it says
        nothing. Raise _Declined for a headword the part has already."""
        readings = [data.get("pinyin") or pinyin.generate(data["zh"]) for data, _ in records]
        all_letters, all_initials = pinyin.search_keys_of(readings)
        lines, owners, places = self.lines, self.owners, self.places
        terms: list[tuple[int, str, str, str, str, str, str]] = []
        notes: list[tuple[int, str]] = []
        for (number, (data, _)), letters, initials in zip(
            enumerate(records, start=first), all_letters, all_initials, strict=True
        ):
            zh = data["zh"]
            tags = "".join(f"\n{t.casefold()}\n" for t in data["tags"]) if "tags" in data else ""
            ident = data.get("id", "").casefold()
            trad = data.get("traditional", "")
            terms.append((number, zh, trad, letters, initials, ident, tags))
            renderings = data["en"] + data["avoid"] if "avoid" in data else data["en"]
            for place, rendering in enumerate(renderings):
                parts = alternatives(rendering)  # each ranked by its own length
                lines += parts
                owners += [number] * len(parts)
                places += [place] * len(parts)
            if data.keys().isdisjoint(_NOTES):
                continue
            text = " ".join(data[k] for k in _NOTES if k in data)
            if text:
                notes.append((number, text))
                lines.append(text)
                owners.append(number)
                places.append(-1)
        self.db.executemany("INSERT INTO terms VALUES (?, ?, ?, ?, ?, ?, ?)", terms)
        self.runs += array("I", (len(self.keys["hanzi"]), first))
        self.keys["hanzi"] += map("\t".join, map(itemgetter(1, 2), terms))
        self.keys["letters"] += map(itemgetter(3), terms)
        self.keys["initials"] += map(itemgetter(4), terms)
        _no_twice(self.headwords, (data["zh"] for data, _ in records))
        self.db.executemany("INSERT INTO notes VALUES (?, ?)", notes)
        if kept is None:
            import json

            kept = [(None, None, json.dumps(data, ensure_ascii=False)) for data, _ in records]
        self.db.executemany(
            "INSERT INTO entries VALUES (?, ?, ?, ?, ?)",
            (
                (number, line, *entry)
                for number, (_, line), entry in zip(
                    range(first, first + len(records)), records, kept, strict=True
                )
            ),
        )

    def finish(self) -> None:
        """Index the English words of the part's lines, and write its keys."""
        self.db.executemany(
            "INSERT INTO keys VALUES (?, ?, ?, ?)",
            [
                (self.number, name, _key_lines(keys), self.runs.tobytes())
                for name, keys in self.keys.items()
            ],
        )
        postings, counts = _words_of_lines(self.lines) if self.lines else ({}, [])
        # A line's rank: a word of a one-word rendering ranks 0; longer and later renderings
        # rank after it; words met only in notes come after every rendering.
        ranks = [
            _NOTES_RANK if p < 0 else n * 10 + p for p, n in zip(self.places, counts, strict=True)
        ]
        lines, at = [], 0
        held = array("I")
        for word in sorted(postings):
            found = postings[word]
            lines.append(f"{word} {at} {at + len(found)}")
            at += len(found)
            held += found
        # The term and the rank of each line held, word after word, gathered in C.
        self.db.execute(
            "INSERT INTO parts VALUES (?, ?, ?)",
            (
                self.number,
                array("I", map(self.owners.__getitem__, held)).tobytes(),
                array("I", map(ranks.__getitem__, held)).tobytes(),
            ),
        )
        self.db.executemany(
            "INSERT INTO words VALUES (?, ?, ?)",
            (
                (self.number, lines[at].partition(" ")[0], "\n".join(lines[at : at + _PAGE]))
                for at in range(0, len(lines), _PAGE)
            ),
        )


def _key_lines(keys: list[str]) -> bytes:
    """Give the lines of the ``keys`` table (see the schema) for ``keys``."""
    lines = "\n".join(keys)
    if lines.count("\n") != max(len(keys) - 1, 0):  # a headword of several lines
        lines = "\n".join([key.replace("\n", " ") for key in keys])
    return lines.encode()


#: How many words a page of a part's words holds.
_PAGE = 256


#: A word, or the end of a line.
_TOKEN = re.compile(r"[^\W_]+|\n")


def _words_of_lines(lines: list[str]) -> tuple[dict[str, array[int]], list[int]]:
    """Give each English word of ``lines`` (as :func:`glossary.search.words` reads them)
    with the lines holding it, and how many words each line has. The lines are folded and
    cut into words in C, all at once."""
    # As fold() does, without a call for each line.
    text = "\n".join([x.lower() if x.isascii() else fold(x) for x in lines])
    if text.count("\n") != len(lines) - 1:  # a line break within a line: a space
        text = "\n".join([fold(line.replace("\n", " ")) for line in lines])
    by_token: dict[str, array[int]] = {}
    counts: list[int] = []
    line = count = 0
    for token in _TOKEN.findall(text):
        if token == "\n":
            counts.append(count)
            line += 1
            count = 0
        elif token != "s":  # what is left of "Russia's"
            # A line's length counts the words that say something: "to eat" ranks
            # with "eat", ahead of "to eat one's fill".
            count += token not in FILLER
            found = by_token.get(token)
            if found is None:
                by_token[token] = array("I", (line,))
            elif found[-1] != line:
                found.append(line)
    counts.append(count)
    postings: dict[str, array[int]] = {}
    for token, found in by_token.items():
        word = stem(token)
        postings[word] = postings[word] + found if word in postings else found
    return postings, counts
