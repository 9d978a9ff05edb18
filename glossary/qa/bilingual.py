"""Bilingual files read as units of Chinese and English: XLIFF 1.2 and 2.0, TMX, and
two-column TSV and CSV.

Each unit keeps, for both of its texts, where each piece of them stands in the file, so that
a finding points at the line and column (in code points) of the file itself. XML is read
by defusedxml's SAX parser, which refuses entity declarations and external references (the
"billion laughs" and file-reading tricks) with an error instead of expanding them. A TSV
is split on tabs only (no CSV quoting); a CSV is read by the csv module.

Which side is Chinese: in XLIFF, the source unless only the target language is Chinese; in
TMX, the variant whose language is ``zh...``; in TSV and CSV, the column the header names
so (``zh``, ``zh-CN``, ``Chinese``, ``中文``...), the English one likewise (``en``...).
"""

from __future__ import annotations

import io
from bisect import bisect_right
from collections.abc import Iterator
from pathlib import PurePath
from typing import Any, NamedTuple
from xml.sax.handler import ContentHandler

from glossary.errors import GlossaryFileError, Location

XLIFF, TMX, TSV, CSV = "xliff", "tmx", "tsv", "csv"
_SUFFIXES = {".xlf": XLIFF, ".xliff": XLIFF, ".tmx": TMX, ".tsv": TSV, ".tab": TSV, ".csv": CSV}
_XML_NS = "http://www.w3.org/XML/1998/namespace"
# Inline elements whose text is the original's code (tags, placeholders), not its words.
_CODE = frozenset({"ph", "bpt", "ept", "it", "ut", "originalData", "data", "sub"})
_CHINESE_NAMES = frozenset({"zh", "chinese", "中文", "汉语", "漢語", "zh-hans", "zh-hant"})
_ENGLISH_NAMES = frozenset({"en", "english", "英文", "英语", "英語"})


class Segment(NamedTuple):
    """A text of a unit, and where its pieces stand in the file: (offset in the text, line,
    column); the text after each piece's start is as written, up to the next piece."""

    text: str
    pieces: tuple[tuple[int, int, int], ...]

    def place(self, offset: int) -> tuple[int, int]:
        """Give the line and column (1-based) in the file of ``offset`` in the text."""
        if not self.pieces:
            return 1, 1
        k = max(0, bisect_right([p[0] for p in self.pieces], offset) - 1)
        start, line, col = self.pieces[k]
        run = self.text[start:offset]
        breaks = run.count("\n")
        if breaks:
            return line + breaks, len(run) - run.rfind("\n")
        return line, col + len(run)


class Unit(NamedTuple):
    """A unit of a bilingual file: its name (id, or row) and its two texts."""

    name: str
    chinese: Segment
    english: Segment


def kind_of(shown: str, text: str) -> str | None:
    """Give the kind of bilingual file ``shown`` is (by its name, or for XML its root), or
    None for a draft.

    >>> kind_of("memo.xlf", ""), kind_of("memo.md", ""), kind_of("<stdin>", "<tmx version")
    ('xliff', None, 'tmx')
    """
    kind = _SUFFIXES.get(PurePath(shown).suffix.lower())
    if kind:
        return kind
    head = text.lstrip()[:500]
    if head.startswith("<"):
        if "<xliff" in head:
            return XLIFF
        if "<tmx" in head:
            return TMX
    return None


def read(text: str, kind: str, shown: str) -> list[Unit]:
    """Give the units of the bilingual file ``text`` of ``kind``; raise GlossaryFileError
    (located) for a file that is not one."""
    if kind == TSV:
        return list(_table(_tsv_rows(text), shown))
    if kind == CSV:
        return list(_table(_csv_rows(text, shown), shown))
    return _xml(text, shown)


# --- TSV and CSV ---------------------------------------------------------------------------

#: A row of a table: its number and line, and each cell's text with its column.
_Row = tuple[int, int, list[tuple[str, int]]]


def _tsv_rows(text: str) -> Iterator[_Row]:
    for number, line in enumerate(text.split("\n"), start=1):
        cells, col = [], 1
        for cell in line.rstrip("\r").split("\t"):
            cells.append((cell, col))
            col += len(cell) + 1
        yield number, number, cells


def _csv_rows(text: str, shown: str) -> Iterator[_Row]:
    import csv

    lines = text.split("\n")
    reader = csv.reader(io.StringIO(text, newline=""))
    first = 1
    try:
        for number, record in enumerate(reader, start=1):
            raw = lines[first - 1] if first <= len(lines) else ""
            cells, at = [], 0
            for cell in record:
                found = raw.find(cell, at) if cell else -1
                col = found + 1 if found >= 0 else 1
                at = found + len(cell) if found >= 0 else at
                cells.append((cell, col))
            yield number, first, cells
            first = reader.line_num + 1
    except csv.Error as exc:
        raise GlossaryFileError(
            f"not a CSV file: {exc}", where=Location(shown, reader.line_num or 1)
        ) from None


def _table(rows: Iterator[_Row], shown: str) -> Iterator[Unit]:
    """Give the units of a table whose first row names its Chinese and English columns."""
    header = next(rows, None)
    names = [cell.strip().lower() for cell, _ in header[2]] if header else []
    zh = next((k for k, n in enumerate(names) if _language(n, _CHINESE_NAMES, "zh")), None)
    en = next((k for k, n in enumerate(names) if _language(n, _ENGLISH_NAMES, "en")), None)
    if zh is None or en is None:
        raise GlossaryFileError(
            "the first row names no Chinese and English columns",
            where=Location(shown, 1, 1),
            hint="name them zh and en (or Chinese and English, zh-CN and en-US...)",
        )
    ident = names.index("id") if "id" in names else None
    for number, line, cells in rows:
        if max(zh, en) >= len(cells):
            continue
        name = cells[ident][0].strip() if ident is not None and ident < len(cells) else ""
        yield Unit(
            name or f"row {number}",
            Segment(cells[zh][0], ((0, line, cells[zh][1]),)),
            Segment(cells[en][0], ((0, line, cells[en][1]),)),
        )


def _language(name: str, names: frozenset[str], code: str) -> bool:
    return name in names or name.startswith((code + "-", code + "_"))


# --- XLIFF and TMX -------------------------------------------------------------------------


def _xml(text: str, shown: str) -> list[Unit]:
    """Give the units of an XLIFF or TMX document, read by defusedxml's SAX parser."""
    from xml.sax import SAXParseException
    from xml.sax import handler as sax
    from xml.sax.xmlreader import InputSource

    from defusedxml import DefusedXmlException
    from defusedxml.expatreader import DefusedExpatParser

    handler = _Handler(shown)
    # Every entity declaration is refused; a DOCTYPE that only names a DTD (as the TMX
    # files of many tools do) is read, and the DTD is never fetched.
    parser = DefusedExpatParser(forbid_dtd=False, forbid_entities=True, forbid_external=False)
    parser.setFeature(sax.feature_external_ges, False)
    parser.setFeature(sax.feature_external_pes, False)
    parser.setFeature(sax.feature_namespaces, True)
    parser.setContentHandler(handler)
    source = InputSource(shown)
    source.setByteStream(io.BytesIO(text.encode("utf-8")))
    source.setEncoding("utf-8")
    try:
        parser.parse(source)
    except SAXParseException as exc:
        raise GlossaryFileError(
            f"not well-formed XML: {exc.getMessage()}",
            where=Location(shown, exc.getLineNumber() or 1, (exc.getColumnNumber() or 0) + 1),
            hint="fix the XML, or export the file again from the tool that made it",
        ) from None
    except DefusedXmlException:
        at = text.find("<!ENTITY")
        raise GlossaryFileError(
            "the file declares an XML entity, which is refused: entities can grow without"
            " bound or read other files",
            where=_place(text, at, shown) if at >= 0 else handler.here(),
            hint="remove the <!ENTITY> declarations (XLIFF and TMX need none)",
        ) from None
    if handler.root not in ("xliff", "tmx"):
        raise GlossaryFileError(
            f"an XML file whose root is <{handler.root}>, neither XLIFF nor TMX",
            where=Location(shown, 1, 1),
            hint="give an .xlf, .xliff or .tmx file, or a draft (.md, .txt)",
        )
    return handler.units


def _place(text: str, at: int, shown: str) -> Location:
    line = text.count("\n", 0, at) + 1
    return Location(shown, line, at - text.rfind("\n", 0, at))


class _Text:
    """A text being read from XML: its pieces of text and where each starts."""

    def __init__(self, lang: str = "") -> None:
        self.lang = lang
        self.parts: list[str] = []
        self.pieces: list[tuple[int, int, int]] = []
        self.size = 0

    def add(self, data: str, line: int, col: int) -> None:
        self.pieces.append((self.size, line, col))
        self.parts.append(data)
        self.size += len(data)

    def segment(self) -> Segment:
        return Segment("".join(self.parts), tuple(self.pieces))


class _Handler(ContentHandler):
    """A SAX content handler that gathers the units of XLIFF 1.2, 2.0 or TMX."""

    def __init__(self, shown: str) -> None:
        super().__init__()
        self.shown = shown
        self.root = ""
        self.units: list[Unit] = []
        self.stack: list[str] = []
        self.locator: Any = None
        self.languages = ("", "")  # source and target, as the file declares them
        self.unit = ""  # the id of the unit being read
        self.segments = 0  # segments read in it (XLIFF 2.0)
        self.texts: dict[str, _Text] = {}  # its source and target, or TMX variants
        self.reading: _Text | None = None
        self.code = 0  # how deep inside inline code the parser is

    def setDocumentLocator(self, locator: Any) -> None:
        self.locator = locator

    def here(self) -> Location:
        """Give where the parser is."""
        if self.locator is None:
            return Location(self.shown)
        return Location(
            self.shown, self.locator.getLineNumber() or 1, self.locator.getColumnNumber() + 1
        )

    def startElementNS(self, name: tuple[str | None, str], qname: str | None, attrs: Any) -> None:
        tag = name[1]
        parent = self.stack[-1] if self.stack else ""
        self.stack.append(tag)
        if not self.root:
            self.root = tag
        value = {key[1]: v for key, v in attrs.items()}
        lang = attrs.get((_XML_NS, "lang"), value.get("lang", ""))
        if self.code or tag in _CODE:
            self.code += tag in _CODE
            return
        if tag == "xliff" and "srcLang" in value:
            self.languages = (value["srcLang"], value.get("trgLang", ""))
        elif tag == "file" and "source-language" in value:
            self.languages = (value["source-language"], value.get("target-language", ""))
        elif tag in ("trans-unit", "unit", "tu"):
            self.unit = value.get("id") or value.get("tuid") or f"{tag} {len(self.units) + 1}"
            self.segments = 0
            self.texts = {}
        elif tag in ("source", "target") and parent in ("trans-unit", "segment"):
            self.reading = self.texts.setdefault(tag, _Text())
        elif tag == "tuv":
            self.texts[f"tuv {len(self.texts)}"] = _Text(lang)
        elif tag == "seg" and parent == "tuv" and self.texts:
            self.reading = list(self.texts.values())[-1]

    def endElementNS(self, name: tuple[str | None, str], qname: str | None) -> None:
        tag = self.stack.pop()
        if self.code:
            self.code -= tag in _CODE
            return
        if tag in ("source", "target", "seg"):
            self.reading = None
        elif tag in ("trans-unit", "segment"):
            self._xliff_unit()
        elif tag == "tu":
            self._tmx_unit()

    def characters(self, data: str) -> None:
        if self.reading is not None and not self.code:
            self.reading.add(data, self.locator.getLineNumber(), self.locator.getColumnNumber() + 1)

    def _xliff_unit(self) -> None:
        source, target = self.texts.get("source"), self.texts.get("target")
        self.texts = {}
        self.segments += 1
        if source is None or target is None:
            return
        name = self.unit if self.segments == 1 else f"{self.unit}/{self.segments}"
        swap = _is_chinese(self.languages[1]) and not _is_chinese(self.languages[0])
        chinese, english = (target, source) if swap else (source, target)
        self.units.append(Unit(name, chinese.segment(), english.segment()))

    def _tmx_unit(self) -> None:
        variants = list(self.texts.values())
        chinese = next((v for v in variants if _is_chinese(v.lang)), None)
        others = [v for v in variants if v is not chinese]
        english = next((v for v in others if v.lang.lower().startswith("en")), None)
        english = english or (others[0] if others else None)
        if chinese is not None and english is not None:
            self.units.append(Unit(self.unit, chinese.segment(), english.segment()))


def _is_chinese(lang: str) -> bool:
    return lang.lower().replace("_", "-").split("-")[0] == "zh"
