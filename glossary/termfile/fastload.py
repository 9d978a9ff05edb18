"""Load whole glossaries by the fastest correct path: the quick reader, else the locating
loader.

Every command that reads a whole glossary (the exports, ``validate``) comes here. A file
written plainly is read by :mod:`~glossary.termfile.quickyaml` in a second or two at
120,000 entries, where composing YAML nodes takes ten; any file it declines (anything
unusual, and every file with a problem) is read by :mod:`~glossary.termfile.store`, which
locates the problems. Both give the same terms with the same locations: where each field
starts is worked out from an entry's text only when a message asks for it.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path

from glossary import memory
from glossary.errors import Location, display_path
from glossary.model import LIST_FIELDS, Glossary, Term
from glossary.termfile import quickyaml, store


def load(paths: Sequence[Path]) -> Glossary:
    """Give the terms of every file in ``paths``, in order; raise on the first problem."""
    terms: list[Term] = []
    title: str | None = None
    for path in paths:
        parsed = parse_file(path)
        if parsed.problems:
            store.load_file(path)  # raises the first problem, worded as loading words it
        terms.extend(parsed.terms)
        title = title or parsed.title
    return Glossary(tuple(terms), title, tuple(str(p) for p in paths))


def parse_file(path: Path) -> store.ParsedFile:
    """Give everything found in one file, problems included (as
    :func:`glossary.termfile.store.parse_file` gives it); raise only if it cannot be read."""
    text = store.read_text(path)
    shown = display_path(path)
    with memory.collector_paused():
        quick = _read(text, shown)
    return quick if quick is not None else store.parse_text(text, shown)


def _read(text: str, shown: str) -> store.ParsedFile | None:
    """Give the terms of a plainly written glossary, or None where the locating loader must
    read it.

    The entries are read a stretch of about a megabyte at a time: the reader's rows for
    every line of a large file at once would hold several times the file in memory.
    """
    found = quickyaml.layout(text)
    if found is None:
        return None
    terms: list[Term] = []
    texts: list[str] = []
    entries = _Entries(texts, shown, found.dash)
    for stretch in found.stretches(max(1, (found.end - found.begin) // _STRETCH)):
        part = found.read(stretch)
        if part is None:
            return None
        for fields, line in part.records:
            for name in LIST_FIELDS:
                if name in fields:
                    fields[name] = tuple(fields[name])
            where = Location(shown, line, found.dash + 3)
            terms.append(
                Term(**fields, location=where, locations=_Fields(entries, len(texts), line))
            )
            texts.append(part.texts[len(texts) - stretch.before])
    if len({term.zh for term in terms}) < len(terms):
        return None  # a headword in two stretches: the locating loader reports it
    return store.ParsedFile(found.title, tuple(terms), ())


# The length of text read at a time (about 7,000 entries of CC-CEDICT).
_STRETCH = 1_000_000


class _Entries:
    """The entries' texts as the quick reader cut them, to locate fields in on demand."""

    __slots__ = ("dash", "shown", "texts")

    def __init__(self, texts: list[str], shown: str, dash: int):
        self.texts, self.shown, self.dash = texts, shown, dash


class _Fields(Mapping[str, Location]):
    """Where each field's value starts in one entry, as the YAML loader marks it: worked
    out from the entry's text when first asked (few terms are ever asked)."""

    __slots__ = ("_entries", "_found", "_line", "_number")

    def __init__(self, entries: _Entries, number: int, line: int):
        self._entries, self._number, self._line = entries, number, line
        self._found: dict[str, Location] | None = None

    def _locations(self) -> dict[str, Location]:
        if self._found is None:
            self._found = _locate(
                self._entries.texts[self._number],
                self._line,
                self._entries.dash + 2,
                self._entries.shown,
            )
        return self._found

    def __getitem__(self, name: str) -> Location:
        return self._locations()[name]

    def __iter__(self) -> Iterator[str]:
        return iter(self._locations())

    def __len__(self) -> int:
        return len(self._locations())

    def __bool__(self) -> bool:
        return True  # every entry has fields (and asking must not work them out)


def _locate(text: str, line: int, keys: int, shown: str) -> dict[str, Location]:
    """Give where each field's value starts in an entry's text (it starts at a key, in
    column ``keys`` counted from 0, on ``line``): a one-line value where it is written, a
    list of items at its first dash."""
    found: dict[str, Location] = {}
    waiting: str | None = None  # a key whose items follow on the next lines
    for number, content in enumerate(text.split("\n")):
        indent = keys if number == 0 else len(content) - len(content.lstrip(" "))
        rest = content[indent:] if number else content
        if not rest or rest[0] == "#":
            continue
        if rest.startswith("- ") or rest == "-":
            if waiting is not None:
                found[waiting] = Location(shown, line + number, indent + 1)
                waiting = None
            continue
        key, _, value = rest.partition(":")
        stripped = value.lstrip(" ")
        if stripped and stripped[0] != "#":
            found[key] = Location(
                shown, line + number, indent + len(key) + 2 + len(value) - len(stripped)
            )
            waiting = None
        else:
            waiting = key
    return found
