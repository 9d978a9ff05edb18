"""Term and Glossary: plain data, no I/O."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any, NamedTuple

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


class Origin(NamedTuple):
    """Where a found term comes from: one of the user's glossaries, or a general dictionary
    beneath them (with its licence and home, which travel with every result from it)."""

    name: str
    kind: str = "glossary"  # or "dictionary"
    licence: str | None = None
    url: str | None = None

    @property
    def is_dictionary(self) -> bool:
        """Tell whether the term comes from a general dictionary."""
        return self.kind == "dictionary"

    @property
    def attribution(self) -> str:
        """Give the credit line: name, licence and home (just the name for a glossary).

        >>> Origin("CC-CEDICT", "dictionary", "CC BY-SA 4.0").attribution
        'CC-CEDICT, CC BY-SA 4.0'
        """
        return ", ".join(x for x in (self.name, self.licence, self.url) if x)


class Term:
    """One glossary entry; ``en[0]`` is the preferred rendering. Immutable; two terms are
    equal when their fields are, wherever they were read (``location``: where the entry
    starts; ``locations``: where each field's value starts, for messages that point at a
    field).

    A plain class rather than a dataclass: a lookup imports this module, and importing
    :mod:`dataclasses` (which imports :mod:`inspect`) takes a tenth of a warm lookup.
    """

    __slots__ = (*TERM_FIELDS, "location", "locations")

    zh: str
    en: tuple[str, ...]
    traditional: str | None
    pinyin: str | None
    avoid: tuple[str, ...]
    literal: str | None
    definition: str | None
    context: str | None
    source: str | None
    url: str | None
    tags: tuple[str, ...]
    see: tuple[str, ...]
    id: str | None
    location: Location | None
    locations: Mapping[str, Location]

    def __init__(
        self,
        zh: str,
        en: tuple[str, ...],
        traditional: str | None = None,
        pinyin: str | None = None,
        avoid: tuple[str, ...] = (),
        literal: str | None = None,
        definition: str | None = None,
        context: str | None = None,
        source: str | None = None,
        url: str | None = None,
        tags: tuple[str, ...] = (),
        see: tuple[str, ...] = (),
        id: str | None = None,
        location: Location | None = None,
        locations: Mapping[str, Location] | None = None,
    ):
        values: dict[str, object] = {
            "zh": zh,
            "en": en,
            "traditional": traditional,
            "pinyin": pinyin,
            "avoid": avoid,
            "literal": literal,
            "definition": definition,
            "context": context,
            "source": source,
            "url": url,
            "tags": tags,
            "see": see,
            "id": id,
            "location": location,
            "locations": locations or {},
        }
        for name, value in values.items():
            object.__setattr__(self, name, value)

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"{type(self).__name__} cannot be changed (its {name})")

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"{type(self).__name__} cannot be changed (its {name})")

    def _content(self) -> tuple[object, ...]:
        return tuple(getattr(self, name) for name in TERM_FIELDS)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Term):
            return NotImplemented
        return self._content() == other._content()

    def __hash__(self) -> int:
        return hash(self._content())

    def __repr__(self) -> str:
        shown = ", ".join(f"{name}={getattr(self, name)!r}" for name in TERM_FIELDS)
        return f"Term({shown})"

    def replace(self, **changes: Any) -> Term:
        """Give the term with the fields in ``changes`` changed.

        >>> Term(zh="特殊友军", en=("special friendly forces",)).replace(id="sff").key
        'sff'
        """
        values = {name: getattr(self, name) for name in self.__slots__}
        return Term(**(values | changes))

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


class Glossary:
    """The terms of one or more glossary files, in file order."""

    __slots__ = ("paths", "terms", "title")

    terms: tuple[Term, ...]
    title: str | None
    paths: tuple[str, ...]

    def __init__(
        self, terms: tuple[Term, ...], title: str | None = None, paths: tuple[str, ...] = ()
    ):
        object.__setattr__(self, "terms", terms)
        object.__setattr__(self, "title", title)
        object.__setattr__(self, "paths", paths)

    __setattr__ = Term.__setattr__
    __delattr__ = Term.__delattr__

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Glossary):
            return NotImplemented
        return (self.terms, self.title, self.paths) == (other.terms, other.title, other.paths)

    def __hash__(self) -> int:
        return hash((self.terms, self.title, self.paths))

    def __repr__(self) -> str:
        return f"Glossary(terms={self.terms!r}, title={self.title!r}, paths={self.paths!r})"

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
