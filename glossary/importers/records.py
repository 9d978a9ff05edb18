"""What the import parsers share: the result they give and the way they collect records."""

from __future__ import annotations

import io
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from glossary.errors import Location
from glossary.model import LIST_FIELDS, REQUIRED_FIELDS, Term
from glossary.termfile.store import MAX_TEXT, Problem, too_long


@dataclass(frozen=True)
class ImportResult:
    """What an input yields: its sound terms in input order, and every problem found."""

    terms: tuple[Term, ...]
    problems: tuple[Problem, ...]
    #: Input records folded into an earlier entry with the same headword (CC-CEDICT).
    merged: int = 0


Parser = Callable[[str, str], ImportResult]
#: A field's raw value: text, several texts (list fields), or nothing.
RawValue = str | Sequence[str] | None

_MISSING_HINTS = {
    "zh": "every entry needs a Chinese headword (zh)",
    "en": "every entry needs at least one English rendering (en)",
}


def lines(text: str) -> list[str]:
    """Give the physical lines of ``text``, endings kept, a leading byte-order mark dropped.

    Lines end at ``\\n``, ``\\r\\n`` or ``\\r`` only, never at other Unicode separators.

    >>> lines("\\ufeffzh,en\\r\\n三股势力,three evil forces\\u2028x")
    ['zh,en\\r\\n', '三股势力,three evil forces\\u2028x']
    """
    return io.StringIO(text.removeprefix("\ufeff"), newline="").readlines()


def clean(raw: Mapping[str, RawValue]) -> dict[str, Any]:
    """Give a record's values stripped, leaving out empty values and empty list items.

    >>> clean({"zh": " 背靠背 ", "en": ["back to back", " "], "pinyin": ""})
    {'zh': '背靠背', 'en': ('back to back',)}
    """
    out: dict[str, Any] = {}
    for name, value in raw.items():
        if value is None:
            continue
        if name in LIST_FIELDS:
            items = [value] if isinstance(value, str) else value
            kept = tuple(s for s in (item.strip() for item in items) if s)
            if kept:
                out[name] = kept
        elif isinstance(value, str) and value.strip():
            out[name] = value.strip()
    return out


class Collector:
    """Gathers one input's sound terms and its problems, keeping headwords unique."""

    def __init__(self, shown: str) -> None:
        self.shown = shown
        self.terms: list[Term] = []
        self.problems: list[Problem] = []
        self._first_line: dict[str, int] = {}

    def at(self, line: int, col: int = 1) -> Location:
        """Give a place in this input."""
        return Location(self.shown, line, col)

    def problem(self, where: Location, message: str, hint: str | None = None) -> None:
        """Record a problem."""
        self.problems.append(Problem(where, message, hint))

    def add(
        self,
        raw: Mapping[str, RawValue],
        where: Location,
        locate: Callable[[str], Location] | None = None,
    ) -> None:
        """Keep the record found at ``where`` as a term, or record why it cannot be one.

        ``locate`` gives the place of a field, for problems about it (default ``where``).
        """
        values = clean(raw)
        place = locate or (lambda _name: where)
        missing = [name for name in REQUIRED_FIELDS if name not in values]
        for name in missing:
            zh = str(values.get("zh", "this entry"))
            label = zh if zh.isprintable() else repr(zh)  # one line, whatever it holds
            self.problem(place(name), f"{label} has no {name!r}", _MISSING_HINTS[name])
        if missing:
            return
        if not self._fit(values, place):
            return
        zh = values["zh"]
        if zh in self._first_line:
            first = self._first_line[zh]
            message = f"duplicate headword {zh!r} (first at line {first})"
            self.problem(place("zh"), message, "merge the two entries or remove one")
            return
        self._first_line[zh] = where.line
        self.terms.append(Term(**values, location=where))

    def _fit(self, values: Mapping[str, Any], place: Callable[[str], Location]) -> bool:
        """Tell whether every value can be written to a glossary; record why not if one can't:
        one longer than a field may be, or holding half of a character (a lone surrogate, as
        a JSON escape such as \\ud800 can give), which no UTF-8 file can hold."""
        for name, value in values.items():
            for text in (value,) if isinstance(value, str) else value:
                if len(text) > MAX_TEXT:
                    hint = "keep a summary in the glossary and the full text elsewhere"
                    self.problem(place(name), f"{name}: {too_long(len(text))}", hint)
                    return False
                half = next((c for c in text if "\ud800" <= c <= "\udfff"), None)
                if half is not None:
                    message = f"{name} holds U+{ord(half):04X}, half of a character"
                    self.problem(place(name), message, "fix the escape that gives it")
                    return False
        return True

    def result(self, merged: int = 0) -> ImportResult:
        """Give what was gathered."""
        return ImportResult(tuple(self.terms), tuple(self.problems), merged)
