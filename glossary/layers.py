"""Where the reading modes look things up: your glossaries now, a dictionary beneath them later.

``glossary browse`` and ``glossary watch`` look up through :func:`look_up` and
:func:`read_text`, over a list of layers tried in order. Each layer is one source of
entries, and every result says which source it came from, so that a result list can show
it and an action (edit the entry, add it to your glossary) can tell what it may do with
it. Today the only layer is :class:`Glossaries`, the glossary files in use; a dictionary
(CC-CEDICT, say) plugs in later as another object with the same three methods, after it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple, Protocol

from glossary import paths, pinyin
from glossary.errors import display_path
from glossary.model import Term
from glossary.search import Match, Query

if TYPE_CHECKING:
    from glossary.scan import Scanner

GLOSSARY = "glossary"
DICTIONARY = "dictionary"


class Source(NamedTuple):
    """Where an entry comes from: its name as shown, its kind (:data:`GLOSSARY` or
    :data:`DICTIONARY`), the file it is written in, and whether it is yours to change."""

    name: str
    kind: str
    path: Path | None = None
    writable: bool = False


class Result(NamedTuple):
    """An entry found, how it matched, and where it comes from."""

    match: Match
    source: Source

    @property
    def term(self) -> Term:
        """Give the entry."""
        return self.match.term

    @property
    def reading(self) -> str:
        """Give the entry's pinyin: stored, or generated when it has none."""
        return self.match.reading

    @property
    def line(self) -> int | None:
        """Give the line where the entry starts in its file, if it has one."""
        where = self.match.term.location
        return where.line if where is not None else None


class Word(NamedTuple):
    """A known word in a text: where it stands, as written there, and its entry."""

    start: int
    end: int
    text: str
    result: Result


class Layer(Protocol):
    """One source of entries: what :func:`look_up` and :func:`read_text` need of it."""

    def search(self, query: Query, limit: int | None) -> list[Result]:
        """Give the entries matching ``query``, best first."""
        ...

    def named(self, text: str) -> Result | None:
        """Give the entry whose headword (or traditional form) is ``text``, if any."""
        ...

    def words(self, text: str) -> list[Word]:
        """Give the known words of ``text`` in reading order, none overlapping."""
        ...

    def state(self) -> object:
        """Give what changes whenever the layer's entries change (so that answers kept
        from before are known to be out of date)."""
        ...


def look_up(layers: Sequence[Layer], query: Query, limit: int | None) -> list[Result]:
    """Give at most ``limit`` entries matching ``query``: each layer's best first, the first
    layer's before the next one's; a headword an earlier layer gave is not given again."""
    found: list[Result] = []
    given: set[tuple[str, str]] = set()
    for layer in layers:
        if limit is not None and len(found) >= limit:
            break
        # As many more as could be wanted, and as many again as could be dropped as repeats.
        more = layer.search(query, None if limit is None else limit - len(found) + len(given))
        fresh = [r for r in more if (r.term.zh, r.reading) not in given]
        found += fresh[: None if limit is None else limit - len(found)]
        given |= {(r.term.zh, r.reading) for r in fresh}
    return found


def named(layers: Sequence[Layer], text: str) -> Result | None:
    """Give the entry of the first layer that has one headed ``text``."""
    for layer in layers:
        found = layer.named(text)
        if found is not None:
            return found
    return None


def read_text(layers: Sequence[Layer], text: str) -> list[Word]:
    """Give the known words of ``text`` in reading order: the first layer's, then a later
    layer's where they leave gaps (a dictionary glosses the words a glossary does not
    know)."""
    found: list[Word] = []
    for layer in layers:
        taken = [(w.start, w.end) for w in found]
        found += [w for w in layer.words(text) if not _overlaps(w, taken)]
    return sorted(found, key=lambda w: w.start)


def _overlaps(word: Word, taken: Sequence[tuple[int, int]]) -> bool:
    return any(word.start < end and start < word.end for start, end in taken)


class Glossaries:
    """The glossary files in use, as a layer: found through their search indexes (each
    opened for the lookup, so that an edit made meanwhile is seen)."""

    def __init__(self, files: Sequence[Path], env: Mapping[str, str]):
        self.files = list(files)
        self.env = env
        shipped = paths.shipped_path().resolve()
        self.sources = {
            display_path(f): Source(
                _shown(f, shipped), GLOSSARY, f, writable=f.resolve() != shipped
            )
            for f in self.files
        }
        self._scanner: tuple[tuple[tuple[int, int], ...], Scanner] | None = None

    def source_of(self, term: Term) -> Source:
        """Give the glossary ``term`` was read from."""
        where = term.location.path if term.location is not None else ""
        return self.sources.get(where) or next(iter(self.sources.values()))

    def search(self, query: Query, limit: int | None) -> list[Result]:
        """Give the entries of the glossaries matching ``query``, best first across files."""
        from glossary import index

        found = index.lookup(self.files, query, limit, self.env)
        return [Result(m, self.source_of(m.term)) for m in found]

    def named(self, text: str) -> Result | None:
        """Give the first glossary's entry headed ``text`` (simplified or traditional)."""
        from glossary import index

        for path in self.files:
            term = index.open_index(path, self.env).named(text)
            if term is not None:
                reading = term.pinyin or pinyin.generate(term.zh)
                return Result(Match(term, 100.0, "zh", text, reading), self.source_of(term))
        return None

    def words(self, text: str) -> list[Word]:
        """Give the glossaries' terms in ``text``, longest first where they overlap."""
        found = self._current_scanner().find(text)
        return [
            Word(s.start, s.end, s.text, Result(_whole(s.term), self.source_of(s.term)))
            for s in found
        ]

    def state(self) -> tuple[tuple[int, int], ...]:
        """Give the modification time and size of each glossary file."""
        return tuple(_state(f) for f in self.files)

    def _current_scanner(self) -> Scanner:
        """Give the scanner of the glossaries, built again once one of them has changed
        (a watch runs for hours while its glossary is edited)."""
        state = self.state()
        if self._scanner is None or self._scanner[0] != state:
            from glossary import index

            self._scanner = (state, index.scanner(self.files, self.env))
        return self._scanner[1]


def _whole(term: Term) -> Match:
    """Give ``term`` as a match of its own headword."""
    return Match(term, 100.0, "zh", term.zh, term.pinyin or pinyin.generate(term.zh))


def _state(path: Path) -> tuple[int, int]:
    try:
        st = path.stat()
    except OSError:
        return (0, 0)
    return (st.st_mtime_ns, st.st_size)


def _shown(path: Path, shipped: Path) -> str:
    return "shipped glossary" if path.resolve() == shipped else display_path(path)
