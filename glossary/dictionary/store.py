"""A dictionary's search index: built once from its file, into the user's cache.

A CEDICT-format dictionary is indexed as a glossary is (:mod:`glossary.index`), keyed on
its file's path, size, times and inode, in ``$XDG_CACHE_HOME/glossary/``. The index keeps
each headword's lines as the file has them; a lookup turns only the entries it reads back
into fields. A glossary listed as a dictionary is indexed as any glossary is.
"""

from __future__ import annotations

import contextlib
import zlib
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from glossary.dictionary.sources import Dictionary
from glossary.errors import GlossaryFileError, Location, display_path

if TYPE_CHECKING:
    from glossary.dictionary.cedict import Grouped
    from glossary.dictionary.frequency import Frequencies
    from glossary.index import GlossaryIndex
    from glossary.index.build import Stretches
    from glossary.termfile.layout import Record

#: The version of how a dictionary's records are made: a cache of another is rebuilt.
_READER = "4"
#: The most candidates one kind of match hands to the ranking, in a dictionary's index.
_CANDIDATES = 200
#: The share of malformed lines past which a file is taken for no CEDICT text at all.
_MOST_MALFORMED = 0.1


def cache_file(dictionary: Dictionary, env: Mapping[str, str]) -> Path:
    """Give where the index of ``dictionary`` (a CEDICT-format file) is cached: one for
    each frequency list, which orders its entries."""
    from glossary.dictionary import frequency

    base = Path(env.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "glossary"
    full = f"{dictionary.path.resolve()}\0{dictionary.name}".encode("utf-8", "surrogatepass")
    name = "".join(c if c.isalnum() else "-" for c in dictionary.name)[:40]
    ordered = frequency.chosen(env)
    return base / f"dict-{name}-{_READER}-{ordered}-{zlib.crc32(full):08x}.sqlite3"


def open_dictionary(
    dictionary: Dictionary, env: Mapping[str, str], on_build: Callable[[], None] | None = None
) -> GlossaryIndex:
    """Give the index of ``dictionary``, built first if need be (``on_build`` is called
    before). Raise GlossaryFileError for a file that is missing or is no dictionary."""
    from glossary import index

    if dictionary.kind == "glossary":
        return index.open_index(dictionary.path, env)

    def stretches() -> Stretches:
        from glossary.dictionary import frequency

        return read(dictionary, frequency.open_frequencies(env))

    try:
        cached = cache_file(dictionary, env)
        opened = index.open_source(dictionary.path, cached, stretches, on_build)
    except OSError as exc:
        raise GlossaryFileError(
            f"cannot read the dictionary {dictionary.name}: {exc.strerror or exc}",
            where=Location(display_path(dictionary.path)),
            hint="glossary dict list shows the dictionaries in use; --no-dict turns them off",
        ) from None
    # Its commonest words come first (see read): fewer candidates keep the common ones,
    # and a lookup reads back and ranks fewer entries.
    opened.candidates = _CANDIDATES
    return opened


def read(dictionary: Dictionary, frequencies: Frequencies | None = None) -> Stretches:
    """Give a CEDICT-format dictionary's entries in stretches, to be indexed. With
    ``frequencies``, the commonest words come first: where a lookup has more candidates
    than it ranks, or a tie, the index's order decides, and a reader expects the common
    word. Raise GlossaryFileError for a file that is no such dictionary (not UTF-8, a
    damaged archive, mostly lines that are no entries)."""
    from glossary.dictionary import cedict

    shown = display_path(dictionary.path)
    try:
        text = cedict.decoded(dictionary.path.read_bytes())
    except (ValueError, EOFError) as exc:  # not UTF-8, or a gzip stream cut short
        raise _not_a_dictionary(dictionary, Location(shown), str(exc)) from None
    except OSError as exc:
        raise _not_a_dictionary(dictionary, Location(shown), exc.strerror or str(exc)) from None
    found = cedict.grouped(text)
    if found.malformed and len(found.malformed) > _MOST_MALFORMED * (len(found.heads) + 1):
        number, line = found.malformed[0]
        shown_line = line[:60] + ("…" if len(line) > 60 else "")
        raise _not_a_dictionary(
            dictionary, Location(shown, number), f"not a CEDICT line: {shown_line!r}"
        )
    if not found.heads:
        raise _not_a_dictionary(dictionary, Location(shown), "no CEDICT entries in it")
    heads = list(found.heads)
    if frequencies is not None:
        zipf = frequencies.of(heads)
        heads.sort(key=lambda zh: -zipf.get(zh, 0.0))
    return _Entries(dictionary.name, found, heads)


#: How many stretches a dictionary's entries are cut into, for the processes that index
#: them to take one at a time.
_STRETCHES = 32


class _Entries:
    """A CEDICT-format dictionary's headwords in stretches (see
    :class:`glossary.index.build.Stretches`); each stretch's fields are worked out by the
    process that indexes it."""

    def __init__(self, name: str, found: Grouped, heads: list[str]):
        self.name, self.found, self.heads = name, found, heads
        size = -(-len(heads) // _STRETCHES)
        self.starts = list(range(0, len(heads), size))
        self.sizes = [min(size, len(heads) - at) for at in self.starts]
        self.payload = f"cedict {name}"

    def read(self, number: int) -> tuple[list[Record], list[str]]:
        """Give the records of stretch ``number`` and the lines kept for each."""
        from glossary.dictionary import cedict

        at = self.starts[number]
        known: dict[str, str] = {}
        records: list[Record] = []
        texts: list[str] = []
        for zh in self.heads[at : at + self.sizes[number]]:
            lines = self.found.heads[zh]
            records.append((cedict.fields(lines, self.name, known), self.found.first_lines[zh]))
            texts.append("\n".join(lines))
        return records, texts


def _not_a_dictionary(dictionary: Dictionary, where: Location, why: str) -> GlossaryFileError:
    """Give the error for a dictionary file that cannot be read, and what to do."""
    return GlossaryFileError(
        f"the dictionary {dictionary.name} cannot be read: {why}",
        where=where,
        hint="give a CEDICT-format file (TRADITIONAL SIMPLIFIED [pin1 yin1] /gloss/), "
        "or remove it with glossary dict remove " + dictionary.name,
    )


def forget(cached: Path | None) -> None:
    """Delete a damaged cached index, so that the next lookup builds it again."""
    if cached is not None:
        with contextlib.suppress(OSError):
            cached.unlink()
