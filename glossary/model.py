"""Term and Glossary: plain data, no I/O."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from glossary.errors import Location

#: Every key a term may have, in the order they are written and shown.
TERM_FIELDS = (
    "zh",
    "traditional",
    "pinyin",
    "en",
    "avoid",
    "literal",
    "definition",
    "context",
    "source",
    "url",
    "tags",
    "see",
    "id",
)
#: Keys that hold a list of strings (a single string means a list of one).
LIST_FIELDS = frozenset({"en", "avoid", "tags", "see"})
#: Keys a term cannot do without.
REQUIRED_FIELDS = ("zh", "en")
#: Keys allowed at the top of a glossary file.
TOP_FIELDS = ("title", "terms")


@dataclass(frozen=True)
class Term:
    """One glossary entry; ``en[0]`` is the preferred rendering."""

    zh: str
    en: tuple[str, ...]
    traditional: str | None = None
    pinyin: str | None = None
    avoid: tuple[str, ...] = ()
    literal: str | None = None
    definition: str | None = None
    context: str | None = None
    source: str | None = None
    url: str | None = None
    tags: tuple[str, ...] = ()
    see: tuple[str, ...] = ()
    id: str | None = None
    location: Location | None = field(default=None, compare=False, repr=False)
    #: Where each field's value starts in the file, for messages that point at a field.
    locations: Mapping[str, Location] = field(default_factory=dict, compare=False, repr=False)

    @property
    def key(self) -> str:
        """Give the term's stable identity: its ``id``, else its headword.

        >>> Term(zh="三股势力", en=("three evil forces",)).key
        '三股势力'
        """
        return self.id or self.zh

    @property
    def preferred(self) -> str:
        """Give the preferred English rendering."""
        return self.en[0]

    def to_dict(self) -> dict[str, Any]:
        """Give the stored fields in schema order, leaving out empty ones (lists stay lists)."""
        out: dict[str, Any] = {}
        for name in TERM_FIELDS:
            value = getattr(self, name)
            if value:
                out[name] = list(value) if name in LIST_FIELDS else value
        return out


@dataclass(frozen=True)
class Glossary:
    """The terms of one or more glossary files, in file order."""

    terms: tuple[Term, ...]
    title: str | None = None
    paths: tuple[str, ...] = ()

    def __iter__(self) -> Iterator[Term]:
        return iter(self.terms)

    def __len__(self) -> int:
        return len(self.terms)

    def with_tags(self, tags: list[str] | tuple[str, ...]) -> Glossary:
        """Give the glossary narrowed to terms carrying every one of ``tags`` (case-insensitive)."""
        if not tags:
            return self
        wanted = {t.casefold() for t in tags}
        kept = tuple(t for t in self.terms if wanted <= {x.casefold() for x in t.tags})
        return Glossary(terms=kept, title=self.title, paths=self.paths)
