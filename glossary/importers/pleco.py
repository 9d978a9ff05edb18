"""Pleco flashcard text: ``headword<TAB>pinyin<TAB>definition`` lines, ``//`` categories.

Reads what ``glossary export pleco`` writes (:mod:`glossary.exporters.pleco`), and the
plain files Pleco itself exports:

- the headword is the simplified form, optionally followed by the traditional form in
  square brackets (``三股势力[三股勢力]``);
- tone numbers in the pinyin become tone marks (``san1 gu3`` → ``sān gǔ``; ``u:`` and
  ``v`` are ``ü``); syllables written together stay together (``shi4li4`` → ``shìlì``);
  pinyin already written with marks is kept as it is;
- the definition's renderings are separated by ``; ``; after them, `` — lit. `` starts the
  literal gloss and `` — `` the definition;
- a ``//name`` line makes ``name`` the tag of the terms after it, until the next ``//``
  line (a bare ``//`` ends the category).

Blank lines are skipped. A line with no tab, no headword, an unclosed bracket or more than
three fields is a problem located at its line and column; so is one without renderings.
"""

from __future__ import annotations

import re

from glossary import pinyin
from glossary.importers.records import Collector, ImportResult, RawValue, lines

CATEGORY = "//"
RENDERING_SEPARATOR = "; "
PART_SEPARATOR = " — "
LITERAL_LABEL = "lit. "
_HEADWORD = re.compile(r"([^\[\]]*)(?:\[([^\[\]]*)\])?")
_NUMBERED = re.compile(r"[A-Za-züÜ:]+[1-5]")
_FIELDS = ("headword", "pinyin", "definition")
_LINE_HINT = "write headword, pinyin and definition separated by tabs"
_HEADWORD_HINT = (
    "write the simplified headword, then the traditional one in brackets: 三股势力[三股勢力]"
)


def parse_pleco(text: str, shown: str) -> ImportResult:
    """Give the terms and problems of Pleco flashcard ``text``.

    >>> text = "//sco\\n三股势力[三股勢力]\\tsan1 gu3 shi4li4\\tthree evil forces"
    >>> term = parse_pleco(text, "t.txt").terms[0]
    >>> term.traditional, term.pinyin, term.en, term.tags
    ('三股勢力', 'sān gǔ shìlì', ('three evil forces',), ('sco',))
    """
    out = Collector(shown)
    category: str | None = None
    for number, raw in enumerate(lines(text), 1):
        content = raw.rstrip("\r\n")
        if not content.strip():
            continue
        if content.startswith(CATEGORY):
            category = content[len(CATEGORY) :].strip() or None
            continue
        _entry(content, number, category, out)
    return out.result()


def _entry(content: str, number: int, category: str | None, out: Collector) -> None:
    """Keep one line as a term, or record why it cannot be one."""
    fields = content.split("\t")
    starts = _starts(fields)
    if len(fields) < 2:
        out.problem(out.at(number), "this line has no tab", _LINE_HINT)
        return
    if len(fields) > len(_FIELDS):
        message = f"this line has {len(fields)} tab-separated fields; Pleco lines have 3"
        out.problem(out.at(number, starts[len(_FIELDS)]), message, _LINE_HINT)
        return
    head = _HEADWORD.fullmatch(fields[0].strip())
    if head is None:
        column = min(i for i, c in enumerate(fields[0]) if c in "[]") + 1
        out.problem(out.at(number, column), "the headword's brackets do not match", _HEADWORD_HINT)
        return
    if not head.group(1).strip():
        out.problem(out.at(number), "this line has no headword", _HEADWORD_HINT)
        return
    raw: dict[str, RawValue] = {
        "zh": head.group(1),
        "traditional": head.group(2),
        "pinyin": marked(fields[1]),
        "tags": category,
    }
    raw.update(_definition(fields[2] if len(fields) > 2 else ""))
    out.add(raw, out.at(number), lambda name: out.at(number, starts[_index(name, starts)]))


def _index(name: str, starts: list[int]) -> int:
    """Give which field of the line holds ``name`` (the last one when the line is short)."""
    index = {"zh": 0, "traditional": 0, "pinyin": 1}.get(name, 2)
    return min(index, len(starts) - 1)


def _starts(fields: list[str]) -> list[int]:
    """Give the 1-based column where each tab-separated field starts."""
    out: list[int] = []
    column = 1
    for field in fields:
        out.append(column)
        column += len(field) + 1
    return out


def _definition(text: str) -> dict[str, RawValue]:
    """Give the renderings, literal gloss and definition of a definition field.

    >>> parts = _definition("home doorstep; doorstep — lit. doorway — The area outside.")
    >>> parts["en"], parts["literal"], parts["definition"]
    (['home doorstep', ' doorstep'], 'doorway', 'The area outside.')
    """
    parts = text.split(PART_SEPARATOR)
    out: dict[str, RawValue] = {"en": parts[0].split(RENDERING_SEPARATOR.strip())}
    rest = parts[1:]
    if rest and rest[0].startswith(LITERAL_LABEL):
        out["literal"] = rest.pop(0)[len(LITERAL_LABEL) :]
    if rest:
        out["definition"] = PART_SEPARATOR.join(rest)
    return out


def marked(text: str) -> str:
    """Give pinyin with each tone-numbered syllable written with its tone mark instead.

    >>> marked("Zhong1 E2 Zhan4lu:e4"), marked("Su1 35"), marked("bèikàobèi")
    ('Zhōng É Zhànlüè', 'Sū 35', 'bèikàobèi')
    """
    return _NUMBERED.sub(lambda m: _syllable(m.group()), text.strip().lstrip("@"))


def _syllable(numbered: str) -> str:
    """Give one tone-numbered syllable marked, or as it is when it is not pinyin."""
    letters = numbered[:-1].lower().replace("u:", "u").replace("ü", "u").replace("v", "u")
    known = pinyin.syllable_set()
    if letters in known or (letters.endswith("r") and letters[:-1] in known):
        return pinyin.numbered_to_marked(numbered)
    return numbered
