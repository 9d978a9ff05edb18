"""Every rendering of a glossary, and where a draft uses one.

A table maps the key of each rendering (see :func:`glossary.qa.english.keys`) to the terms
it renders, each as a code: the term's number times four plus its role there (preferred,
accepted, an acronym, or to avoid). It also holds every key's beginnings, so that a look
at a draft's tokens stops as soon as no rendering can go on. Built from the renderings of
a whole glossary once after each change, it is saved beside the search index
(:meth:`glossary.index.GlossaryIndex.saved`) and loaded from there by later checks.

Matching is leftmost-longest over tokens: scanning from the left, the longest rendering
that starts at a token wins, and the scan resumes after it; so "three evil forces" is never
read as "three evils" and then "forces".
"""

from __future__ import annotations

import marshal
from collections.abc import Iterable, Sequence
from typing import NamedTuple

from glossary import memory
from glossary.qa import english
from glossary.qa.english import Tokens

PREFERRED, ACCEPTED, ACRONYM, AVOID = range(4)
#: What a saved table starts with; a table in another layout is built again.
_FORMAT = "phrases 1"


class Hit(NamedTuple):
    """A rendering found in a text's tokens: from token ``start`` to before ``end``."""

    start: int
    end: int
    key: str
    codes: tuple[int, ...]


def code(number: int, role: int) -> int:
    """Give the code of a term's rendering: its number and its role there."""
    return number << 2 | role


def number_of(value: int) -> int:
    """Give the term number of a code."""
    return value >> 2


def role_of(value: int) -> int:
    """Give the role of a code: PREFERRED, ACCEPTED, ACRONYM or AVOID."""
    return value & 3


def roles(en: Sequence[str], avoid: Sequence[str]) -> list[tuple[str, int]]:
    """Give a term's renderings with their roles, in the order the term lists them.

    >>> roles(["Shanghai Cooperation Organisation", "SCO"], ["Shanghai Pact"])
    [('Shanghai Cooperation Organisation', 0), ('SCO', 2), ('Shanghai Pact', 3)]
    """
    out = []
    for k, rendering in enumerate(en):
        out.append((rendering, ACRONYM if english.is_acronym(rendering) else min(k, ACCEPTED)))
    return out + [(rendering, AVOID) for rendering in avoid]


class Phrases:
    """The renderings of a glossary by key, and where a text's tokens hold them."""

    __slots__ = ("keys", "prefixes")

    def __init__(self, keys: dict[str, tuple[int, ...]], prefixes: frozenset[str]) -> None:
        self.keys = keys
        self.prefixes = prefixes

    @classmethod
    def build(cls, records: Iterable[tuple[int, Sequence[str], Sequence[str]]]) -> Phrases:
        """Give the table of the renderings of ``records``: (term number, renderings,
        renderings to avoid). Where a term has one key in two roles (two spellings of a
        rendering), the first role in PREFERRED, ACCEPTED, ACRONYM, AVOID order is kept."""
        best: dict[str, dict[int, int]] = {}
        with memory.collector_paused():
            for number, en, avoid in records:
                for rendering, role in roles(en, avoid):
                    for key in english.keys(rendering):
                        held = best.setdefault(key, {})
                        held[number] = min(held.get(number, AVOID), role)
            keys = {k: tuple(code(n, r) for n, r in held.items()) for k, held in best.items()}
            prefixes = {key[:at] for key in keys for at, c in enumerate(key) if c == " "}
            return cls(keys, frozenset(prefixes))

    def dump(self) -> bytes:
        """Give the table as bytes for :meth:`load`."""
        return marshal.dumps((_FORMAT, self.keys, self.prefixes))

    @classmethod
    def load(cls, data: bytes) -> Phrases:
        """Give the table :meth:`dump` saved as ``data``; raise ValueError if it is not one."""
        try:
            with memory.collector_paused():
                found = marshal.loads(data)
        except (EOFError, TypeError, ValueError) as exc:
            raise ValueError("not a saved table of renderings") from exc
        if not (isinstance(found, tuple) and len(found) == 3 and found[0] == _FORMAT):
            raise ValueError("not a saved table of renderings")
        return cls(found[1], found[2])

    @classmethod
    def merged(cls, tables: Sequence[Phrases]) -> Phrases:
        """Give one table of several glossaries' tables: a term's number tells its glossary
        in its high bits (as :func:`glossary.index.scanner` numbers them)."""
        if len(tables) == 1:
            return tables[0]
        keys: dict[str, tuple[int, ...]] = {}
        for n, table in enumerate(tables):
            for key, codes in table.keys.items():
                shifted = tuple(code(n << 32 | number_of(c), role_of(c)) for c in codes)
                keys[key] = keys.get(key, ()) + shifted
        return cls(keys, frozenset().union(*(t.prefixes for t in tables)))

    def find(self, tokens: Tokens, start: int = 0, stop: int | None = None) -> list[Hit]:
        """Give the renderings in ``tokens`` (those that start from token ``start`` to before
        ``stop``), leftmost-longest, in text order."""
        hits: list[Hit] = []
        i, count = start, len(tokens) if stop is None else stop
        keys, prefixes, forms = self.keys, self.prefixes, tokens.forms
        while i < count:
            form = forms[i]
            if form not in keys and form not in prefixes and len(tokens.steps(i)) == 1:
                i += 1  # the common case, told without building a list of steps
                continue
            found = self._from(tokens, i)
            if not found:
                i += 1
                continue
            end, key = max(found)
            hits.append(Hit(i, end, key, keys[key]))
            i = end
        return hits

    def ending_at(self, tokens: Tokens, end: int, reach: int = 16) -> list[Hit]:
        """Give every rendering in ``tokens`` that ends just before token ``end`` and
        starts at most ``reach`` tokens before it, longest first."""
        out = [
            Hit(start, end, key, self.keys[key])
            for start in range(max(0, end - reach), end)
            for after, key in self._from(tokens, start)
            if after == end
        ]
        return sorted(out, key=lambda h: h.start)

    def _from(self, tokens: Tokens, start: int) -> list[tuple[int, str]]:
        """Give (token after, key) for every rendering that starts at token ``start``."""
        keys, prefixes, forms = self.keys, self.prefixes, tokens.forms
        branching = tokens.branching
        count = len(forms)
        found: list[tuple[int, str]] = []
        todo = [(start, "")]
        while todo:
            at, so_far = todo.pop()
            # One path while each token reads one way; a token read several ways (an
            # acronym, a hyphenated run) puts each of its readings on the list.
            while at < count:
                if at in branching:
                    for form, after in tokens.steps(at):
                        key = f"{so_far} {form}" if so_far else form
                        if key in keys:
                            found.append((after, key))
                        if key in prefixes:
                            todo.append((after, key))
                    break
                key = f"{so_far} {forms[at]}" if so_far else forms[at]
                at += 1
                if key in keys:
                    found.append((at, key))
                if key not in prefixes:
                    break
                so_far = key
        return found
