"""A Markdown document of the glossary: a table or a section per term, sources as footnotes.

Entries use the same renderer as ``show --format md``, so a pasted snippet and an
appendix look alike. Footnotes are written in the syntax GitHub, Pandoc, Obsidian and
markdown-it's footnote plugin read (``[^1]``); each source is listed once.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Sequence

from glossary import markdown, pinyin
from glossary.errors import UsageError
from glossary.exporters import ExportOptions, Option
from glossary.model import TERM_FIELDS, Term

BINARY = False
STYLES = ("table", "entries")
SORTS = ("pinyin", "zh", "en")
GROUPS = ("tag",)
OPTIONS = (
    Option("style", "table, or a section per term: entries.", "STYLE", "table"),
    Option("sort", "pinyin (dictionary order), zh or en.", "ORDER", "pinyin"),
    Option("group_by", "tag: a section per tag.", "FIELD"),
    Option("fields", "The fields to include, comma-separated.", "A,B", listed=True),
)
#: What a table shows unless --fields says otherwise (the source becomes a footnote).
TABLE_FIELDS = ("zh", "pinyin", "en", "definition", "source")
_HEADERS = {
    "zh": "Chinese",
    "traditional": "Traditional",
    "pinyin": "Pinyin",
    "en": "English",
    "avoid": "Avoid",
    "literal": "Literally",
    "definition": "Notes",
    "context": "Context",
    "tags": "Tags",
    "see": "See",
    "id": "Id",
}
UNTAGGED = "Untagged"


def export(terms: Sequence[Term], options: ExportOptions) -> str:
    """Give the Markdown document of ``terms``."""
    _check(options)
    readings = {t.zh: t.pinyin or pinyin.generate(t.zh) for t in terms}
    ordered = sorted(terms, key=_sort_key(options.sort, readings))
    notes = _Footnotes()
    lines = [f"# {markdown.escape(options.title or 'Glossary')}", ""]
    for group, members in _groups(ordered, options.group_by):
        if group is not None:
            lines += [f"## {markdown.escape(group)}", ""]
        lines += _render(members, options, readings, notes)
    lines += notes.section()
    return "\n".join(lines).rstrip() + "\n"


def _check(options: ExportOptions) -> None:
    if options.style not in STYLES:
        raise UsageError(f"unknown style {options.style!r}", hint="use table or entries")
    if options.sort not in SORTS:
        raise UsageError(f"unknown sort {options.sort!r}", hint="use pinyin, zh or en")
    if options.group_by not in (None, *GROUPS):
        raise UsageError(f"cannot group by {options.group_by!r}", hint="use --group-by tag")
    unknown = [f for f in options.fields or () if f not in TERM_FIELDS]
    if unknown:
        raise UsageError(
            f"unknown field {unknown[0]!r}", hint="fields are: " + ", ".join(TERM_FIELDS)
        )


def _sort_key(sort: str, readings: dict[str, str]) -> Callable[[Term], tuple[object, ...]]:
    """Give the sort key: dictionary order is toneless pinyin, then tones, then headword."""
    if sort == "zh":
        return lambda t: (t.zh,)
    if sort == "en":
        return lambda t: (t.preferred.casefold(), t.zh)

    def dictionary(term: Term) -> tuple[object, ...]:
        reading = pinyin.parse_reading(readings[term.zh])
        cuts = sorted(reading.starts)[:-1]
        return (reading.letters, [reading.tones[i] for i in cuts], term.zh)

    return dictionary


def _groups(terms: Sequence[Term], group_by: str | None) -> list[tuple[str | None, list[Term]]]:
    """Give the sections: one per tag (in order of tag name, untagged last), or one in all."""
    if group_by is None:
        return [(None, list(terms))]
    by_tag: dict[str, list[Term]] = defaultdict(list)
    for term in terms:
        for tag in term.tags or (UNTAGGED,):
            by_tag[tag].append(term)
    names = sorted((t for t in by_tag if t != UNTAGGED), key=str.casefold)
    return [(name, by_tag[name]) for name in [*names, UNTAGGED] if name in by_tag]


class _Footnotes:
    """Numbers each distinct source once, in order of first use."""

    def __init__(self) -> None:
        self.numbers: dict[str, int] = {}

    def ref(self, term: Term) -> str:
        text = " ".join(p for p in (term.source, term.url) if p)
        if not text:
            return ""
        number = self.numbers.setdefault(text, len(self.numbers) + 1)
        return f"[^{number}]"

    def section(self) -> list[str]:
        if not self.numbers:
            return []
        lines = ["## References", ""]
        for text, number in self.numbers.items():
            lines.append(f"[^{number}]: {_reference(text)}")
        return lines


def _reference(text: str) -> str:
    """Give a source (and its link, the last word when it is a web address) as Markdown."""
    head, _, last = text.rpartition(" ")
    if last.startswith(("http://", "https://")):
        return f"{markdown.escape(head)} {markdown.link(last)}".strip()
    return markdown.escape(text)


def _render(
    terms: Sequence[Term], options: ExportOptions, readings: dict[str, str], notes: _Footnotes
) -> list[str]:
    fields = options.fields
    if options.style == "entries":
        show = fields or TERM_FIELDS
        out: list[str] = []
        for term in terms:
            ref = notes.ref(term) if "source" in show else ""
            block = markdown.snippet(
                term, readings[term.zh], heading="###", source_ref=ref, fields=_no_source(show)
            )
            out += [block.rstrip("\n"), ""]
        return out
    return _table(terms, fields or TABLE_FIELDS, readings, notes)


def _no_source(fields: Sequence[str]) -> tuple[str, ...]:
    """In a document the source is a footnote, not a line of the entry."""
    return tuple(f for f in fields if f not in ("source", "url"))


def _table(
    terms: Sequence[Term], fields: Sequence[str], readings: dict[str, str], notes: _Footnotes
) -> list[str]:
    columns = [f for f in fields if f in _HEADERS]
    footnoted = "source" in fields or "url" in fields
    lines = [
        "| " + " | ".join(_HEADERS[c] for c in columns) + " |",
        "|" + "---|" * len(columns),
    ]
    for term in terms:
        cells = [_cell(term, c, readings) for c in columns]
        if footnoted and cells:
            cells[-1] += notes.ref(term)
        lines.append("| " + " | ".join(cells) + " |")
    return [*lines, ""]


def _cell(term: Term, field: str, readings: dict[str, str]) -> str:
    if field == "pinyin":
        return markdown.escape(readings[term.zh])
    if field == "en":
        first = f"**{markdown.escape(term.preferred)}**"
        return "; ".join([first, *(markdown.escape(e) for e in term.en[1:])])
    value = getattr(term, field)
    if isinstance(value, tuple):
        return markdown.escape(", ".join(value))
    return markdown.escape(value or "")
