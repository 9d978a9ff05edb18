"""CEDICT-format text: ``TRADITIONAL SIMPLIFIED [pin1 yin1] /gloss/gloss/`` per line.

CC-CEDICT, HanDeDict and CFDICT share this format. A headword has one line per reading;
a dictionary's index keeps each headword's lines together as written (see
:func:`grouped`), and turns them into an entry's fields only for the entries a lookup
reads back (:func:`fields`), so that building the index does as little as possible.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any, NamedTuple

from glossary.pinyin import numbered_to_marked

LINE = re.compile(r"(\S+) (\S+) \[([^\]]*)\] /(.*)/")
#: CEDICT's reading of a character that has none in Mandarin.
_NO_READING = re.compile(r"(xx5?\s*)+")
#: A header line naming the licence: ``#! license=https://...``.
_LICENCE = re.compile(r"#!\s*licen[cs]e\s*=\s*(\S+)", re.I)


class Grouped(NamedTuple):
    """A dictionary's text read: each simplified headword's lines and the line number of
    the first, the malformed lines (number and text), and the licence its header names."""

    heads: dict[str, list[str]]
    first_lines: dict[str, int]
    malformed: list[tuple[int, str]]
    licence: str | None


def decoded(data: bytes) -> str:
    """Give a dictionary file's bytes as text: gunzipped if compressed, UTF-8 (a leading
    byte-order mark dropped). Raise ValueError (or OSError, for a damaged gzip stream)
    when it is neither."""
    if data[:2] == b"\x1f\x8b":
        import gzip  # only to build an index: a lookup reads none

        data = gzip.decompress(data)
    return data.decode("utf-8").removeprefix("\ufeff")


def header_licence(path: Path) -> str | None:
    """Give the licence a CEDICT file's header names (``#! license=...``), if any."""
    import gzip

    with open(path, "rb") as raw:
        start = raw.read(8192)
    if start[:2] == b"\x1f\x8b":
        with gzip.open(path) as unpacked:
            start = unpacked.read(8192)
    text = start.decode("utf-8", "replace")
    for line in text.splitlines():
        if found := _LICENCE.match(line):
            return found.group(1)
    return None


def grouped(text: str) -> Grouped:
    """Give the lines of a CEDICT-format ``text`` by simplified headword, in order.

    >>> g = grouped("#! license=CC-BY\\n了 了 [le5] /(particle)/\\n瞭 了 [liao3] /clear/\\nbad\\n")
    >>> g.heads
    {'了': ['了 了 [le5] /(particle)/', '瞭 了 [liao3] /clear/']}
    >>> g.first_lines, g.malformed, g.licence
    ({'了': 2}, [(4, 'bad')], 'CC-BY')
    """
    heads: dict[str, list[str]] = {}
    firsts: dict[str, int] = {}
    malformed: list[tuple[int, str]] = []
    licence = None
    for number, line in enumerate(text.splitlines(), 1):
        if not line or line.startswith("#"):
            if licence is None and (found := _LICENCE.match(line)):
                licence = found.group(1)
            continue
        line = line.strip()
        match = LINE.fullmatch(line)
        if match is None:
            if line:
                malformed.append((number, line))
            continue
        if _NO_READING.fullmatch(match.group(3)):
            continue  # a character with no Mandarin reading (a Japanese kanji, say)
        zh = match.group(2)
        if zh in heads:
            heads[zh].append(line)
        else:
            heads[zh] = [line]
            firsts[zh] = number
    return Grouped(heads, firsts, malformed, licence)


def fields(
    lines: Iterable[str], source: str, known: dict[str, str] | None = None
) -> dict[str, Any]:
    """Give the fields of a headword's entry from its lines, as a glossary term has them:
    the main line's traditional form, pinyin (tone marks, syllables spaced) and glosses;
    each other reading a sentence of the definition. ``source`` names the dictionary;
    ``known`` remembers syllables already given tone marks (a few thousand, met again and
    again in a whole dictionary).

    >>> f = fields(["水 水 [Shui3] /surname Shui/", "水 水 [shui3] /water/river/"], "CC-CEDICT")
    >>> f["pinyin"], f["en"], f["definition"]
    ('shuǐ', ['water', 'river'], 'Also read Shuǐ: surname Shui.')
    """
    out: dict[str, Any] = {}
    also: list[str] = []
    for match in _main_first([m for line in lines if (m := LINE.fullmatch(line))]):
        traditional, zh, numbered, inner = match.groups()
        glosses = [g for g in map(str.strip, inner.split("/")) if g]
        reading = marked(numbered, known)
        if not out:
            out = {"zh": zh, "traditional": traditional, "pinyin": reading, "en": glosses}
            continue
        alias = f" ({traditional})" if traditional != out["traditional"] else ""
        sentence = f"Also read {reading}{alias}: {'; '.join(glosses)}"
        also.append(sentence if sentence.endswith((".", "?", "!")) else sentence + ".")
    if not out:
        raise ValueError("no CEDICT line among an entry's lines")
    if not out["en"]:  # "//": a reading with no gloss, which a term cannot be without
        out["en"] = ["(no gloss)"]
    if also:
        out["definition"] = " ".join(also)
    out["source"] = source
    return out


def _main_first(matches: list[re.Match[str]]) -> list[re.Match[str]]:
    """Give a headword's lines with its main reading first: a common word's (lower-case
    pinyin) before a name's (水 water before the surname Shui), then the one with the most
    senses (看 kàn, to see, before kān, to look after); ties in the file's order."""
    if len(matches) < 2:
        return matches
    return sorted(matches, key=lambda m: (m.group(3)[:1].isupper(), -m.group(4).count("/")))


def marked(numbered: str, known: dict[str, str] | None = None) -> str:
    """Give CEDICT's numbered pinyin with tone marks, a space between syllables (each
    looked up in ``known`` first, and remembered there).

    >>> marked("zhan4 lu:e4"), marked("Bei3 jing1")
    ('zhàn lüè', 'Běi jīng')
    """
    if known is None:
        return " ".join([numbered_to_marked(s) for s in numbered.split()])
    out = []
    for syllable in numbered.split():
        got = known.get(syllable)
        if got is None:
            got = known[syllable] = numbered_to_marked(syllable)
        out.append(got)
    return " ".join(out)


def readings(lines: Iterable[str]) -> list[str]:
    """Give the numbered pinyin of each of a headword's lines, in order.

    >>> readings(["行 行 [xing2] /to walk/", "行 行 [hang2] /row/"])
    ['xing2', 'hang2']
    """
    return [m.group(3) for line in lines if (m := LINE.fullmatch(line))]
