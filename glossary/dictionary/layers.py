"""Lookups over layers: the user's glossaries first, the general dictionaries beneath.

A lookup asks every layer and puts the results in one order (:func:`ordered`): first by
how well they match, in bands (exact, prefix, part, typo, notes); within a band the
user's own terms before a dictionary's, and then the commoner word first, by the
frequency list. A headword found in an upper layer hides the same headword below it.

A dictionary that cannot be read is left out of the lookup and reported beside its
results, so that it never breaks a lookup in the user's own glossary.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from glossary import pinyin
from glossary.errors import GlossaryError, NotFoundError, display_path
from glossary.model import Origin, Term
from glossary.search import Match, Query, choose_term

if TYPE_CHECKING:
    from glossary.dictionary.frequency import Frequencies
    from glossary.dictionary.sources import Dictionary
    from glossary.index import GlossaryIndex
    from glossary.scan import Scanner

#: Where a score band starts: exact, prefix, part, typo; below the last, notes.
BANDS = (94.0, 84.0, 72.0, 58.0)
#: How many score points one Zipf unit (ten times as common) is worth within a band.
FREQUENCY_WEIGHT = 1.0


class Found(NamedTuple):
    """What a lookup over the layers found, and the dictionaries it had to leave out."""

    matches: list[Match]
    problems: list[GlossaryError]


class Layer(NamedTuple):
    """One layer: a glossary file of the user's, or a general dictionary."""

    origin: Origin
    path: Path
    dictionary: Dictionary | None = None


class Stack:
    """The layers a command looks things up in, top first, and the frequency list that
    orders their results. Indexes are opened when first needed; ``notify`` is told
    (with a message for a person) before an index that takes seconds is built."""

    def __init__(
        self,
        files: Sequence[Path],
        dictionaries: Sequence[Dictionary],
        env: Mapping[str, str],
        notify: Callable[[str], None] | None = None,
    ):
        self.layers = [Layer(Origin(_name(path)), path) for path in files]
        self.layers += [
            Layer(Origin(d.name, "dictionary", d.licence, d.url), d.path, d) for d in dictionaries
        ]
        self.env = env
        self.notify = notify or (lambda message: None)
        self.problems: list[GlossaryError] = []
        self._indexes: dict[int, GlossaryIndex | None] = {}
        self._frequencies: Frequencies | None = None

    @property
    def files(self) -> list[Path]:
        """Give the user's glossary files among the layers."""
        return [layer.path for layer in self.layers if layer.dictionary is None]

    @property
    def dictionaries(self) -> list[Layer]:
        """Give the dictionary layers."""
        return [layer for layer in self.layers if layer.dictionary is not None]

    def frequencies(self) -> Frequencies:
        """Give the frequency list, opened (and built, the first time) when first needed."""
        if self._frequencies is None:
            from glossary.dictionary import frequency

            self._frequencies = frequency.open_frequencies(
                self.env,
                on_build=lambda: self.notify("glossary: caching word frequencies (once)"),
            )
        return self._frequencies

    def index(self, n: int) -> GlossaryIndex | None:
        """Give the index of dictionary layer ``n`` (None where it cannot be read: the
        problem is kept in :attr:`problems`)."""
        if n not in self._indexes:
            from glossary.dictionary import store

            layer = self.layers[n]
            assert layer.dictionary is not None
            message = f"glossary: indexing the dictionary {layer.origin.name} (once, a few seconds)"
            try:
                self._indexes[n] = store.open_dictionary(
                    layer.dictionary, self.env, lambda: self.notify(message)
                )
            except GlossaryError as exc:
                self.problems.append(exc)
                self._indexes[n] = None
        return self._indexes[n]

    def lookup(self, query: Query, limit: int | None) -> Found:
        """Give the terms of every layer matching ``query``, in the order of
        :func:`ordered`, at most ``limit``."""
        found: list[Match] = []
        for n, layer in enumerate(self.layers):
            found += [m._replace(origin=layer.origin) for m in self._search(n, query)]
        found = _unshadowed(found)
        return Found(ordered(found, self, limit), list(self.problems))

    def _search(self, n: int, query: Query) -> list[Match]:
        """Give the matches of layer ``n``; a dictionary that cannot be read gives none
        (its problem kept), a glossary of the user's raises."""
        from glossary import index

        layer = self.layers[n]
        if layer.dictionary is None or layer.dictionary.kind == "glossary":
            try:
                return index.lookup([layer.path], query, None, self.env)
            except GlossaryError as exc:
                if layer.dictionary is None:
                    raise
                self.problems.append(exc)
                return []
        opened = self.index(n)
        return _searched(opened, query) if opened is not None else []

    def find(self, text: str) -> Match:
        """Give the one term ``text`` names (see :func:`glossary.search.choose_term`): in
        the user's glossaries if they have it, else in the dictionaries, top first."""
        named: list[Origin] = []

        def by_name(name: str) -> Term | None:
            for n, layer in enumerate(self.layers):
                term = self._named(n, name)
                if term is not None:
                    named.append(layer.origin)
                    return term
            return None

        def ranked(query: Query, limit: int | None) -> list[Match]:
            return self.lookup(query, limit).matches

        found = choose_term(text, by_name, ranked)
        return found._replace(origin=named[0]) if named else found

    def scanners(self, singles: bool) -> list[tuple[Scanner, Origin, dict[str, int]]]:
        """Give the scanner of each dictionary that can be read, top first, with where it
        comes from, and (with ``singles``) its words of one character; the others are left
        out, their problems kept in :attr:`problems`. A CEDICT dictionary's scanner holds
        its words of two characters or more: a character alone never hides one of the
        user's terms, and each would cost the scan a match."""
        from glossary import index

        found: list[tuple[Scanner, Origin, dict[str, int]]] = []
        for n, layer in enumerate(self.layers):
            if layer.dictionary is None:
                continue
            if layer.dictionary.kind == "glossary":
                try:
                    found.append((index.scanner([layer.path], self.env), layer.origin, {}))
                except GlossaryError as exc:
                    self.problems.append(exc)
            elif (opened := self.index(n)) is not None:
                chars = opened.single_characters() if singles else {}
                found.append((opened.scanner(shortest=2), layer.origin, chars))
        return found

    def in_dictionaries(self, name: str) -> Match | None:
        """Give the entry whose headword (or traditional form) is ``name`` in the top
        dictionary holding it, or None."""
        for n, layer in enumerate(self.layers):
            if layer.dictionary is None:
                continue
            term = self._named(n, name)
            if term is not None:
                return Match(term, 100.0, "zh", name, term.pinyin or "", layer.origin)
        return None

    def _named(self, n: int, name: str) -> Term | None:
        """Give the term of layer ``n`` whose headword (or traditional form) is ``name``."""
        from glossary import index

        layer = self.layers[n]
        if layer.dictionary is None or layer.dictionary.kind == "glossary":
            try:
                return index.named(layer.path, name, self.env)
            except GlossaryError as exc:
                if layer.dictionary is None:
                    raise
                self.problems.append(exc)
                return None
        opened = self.index(n)
        return opened.named(name) if opened is not None else None


def _name(path: Path) -> str:
    """Give how a glossary is named in results: its file's name ("terms.yaml")."""
    return path.name or display_path(path)


def _searched(opened: GlossaryIndex, query: Query) -> list[Match]:
    """Give the matches of a dictionary's index; a damaged cache is deleted, so that the
    next lookup builds it again, and this lookup goes on without it."""
    from glossary.dictionary import store
    from glossary.index.querying import _DAMAGED

    try:
        return opened.search(query, None)
    except _DAMAGED:
        store.forget(opened.cached)
        return []


def _unshadowed(found: list[Match]) -> list[Match]:
    """Give ``found`` without a dictionary's term whose headword an upper layer found
    (the user's rendering of a word stands for it)."""
    seen: set[str] = {m.term.zh for m in found if m.origin and not m.origin.is_dictionary}
    kept: list[Match] = []
    for m in found:
        if m.origin is not None and m.origin.is_dictionary:
            if m.term.zh in seen:
                continue
            seen.add(m.term.zh)
        kept.append(m)
    return kept


def band(score: float) -> int:
    """Give the band a score falls in: 0 exact, 1 prefix, 2 part, 3 typo, 4 notes.

    >>> band(96.0), band(88.0), band(45.0)
    (0, 1, 4)
    """
    return next((n for n, start in enumerate(BANDS) if score >= start), len(BANDS))


def ordered(found: Sequence[Match], stack: Stack, limit: int | None) -> list[Match]:
    """Give ``found`` best first: a headword of Latin letters or symbols that matched on
    pinyin after every other; then by band; the user's terms before a dictionary's; then
    by score raised by the word's frequency; then the shorter headword."""
    frequencies = stack.frequencies().of(m.term.zh for m in found) if len(found) > 1 else {}

    def key(m: Match) -> tuple[bool, int, bool, float, int]:
        no_hanzi = m.field == "pinyin" and not pinyin.has_hanzi(m.term.zh)
        mine = m.origin is None or not m.origin.is_dictionary
        weighted = m.score + FREQUENCY_WEIGHT * frequencies.get(m.term.zh, 0.0)
        return (no_hanzi, band(m.score), not mine, -weighted, len(m.term.zh))

    result = sorted(found, key=key)
    return result[:limit] if limit else result


def stack_for(
    files: Sequence[Path],
    use_dictionary: bool | None,
    env: Mapping[str, str] | None = None,
    notify: Callable[[str], None] | None = None,
) -> Stack:
    """Give the layers a command uses: ``files``, and the dictionaries in use unless
    turned off (``use_dictionary``: --dict/--no-dict; None: as GLOSSARY_DICT says)."""
    from glossary.dictionary import sources

    env = os.environ if env is None else env
    dictionaries = sources.in_use(env) if sources.wanted(use_dictionary, env) else []
    return Stack(files, dictionaries, env, notify)


def nothing_found(query: str, found: Found) -> GlossaryError:
    """Give the error for a lookup that found nothing: a dictionary's problem if one was
    left out (it may be why), else "nothing matches"."""
    if found.problems:
        return found.problems[0]
    return NotFoundError(f"nothing matches {query!r}")
