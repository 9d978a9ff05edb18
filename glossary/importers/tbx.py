"""TBX: read TBX 2 (``martif``) and TBX-Basic v3 (``tbx``) termbases back into terms.

The version is told by the root element. Each entry gives one term: the ``zh`` section's
preferred term (else its first) is the headword and the ``en`` section's terms are the
renderings, those marked ``deprecatedTerm-admn-sts`` going to ``avoid``. Everything else
is read where :mod:`glossary.exporters.tbx` writes it, so its files come back whole;
data categories this glossary has no field for are left out.

The file is parsed with defusedxml and no DOCTYPE is accepted: a DTD is how entity
bombs ("billion laughs") and external entities get in, and a termbase needs none.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from xml.parsers import expat

# No stubs ship with defusedxml; types-defusedxml would let these ignores go.
from defusedxml import DefusedXmlException
from defusedxml.ElementTree import DefusedXMLParser

from glossary.errors import Location
from glossary.exporters import tbx as layout
from glossary.importers.records import Collector, ImportResult, RawValue

_HINT_DOCTYPE = (
    "TBX needs no DTD: if the file comes from a tool you trust, delete its <!DOCTYPE ...> "
    "declaration and import it again"
)
_HINT_MALFORMED = "fix the XML at that place (an unclosed tag or a bare & or <, say)"
_HINT_SECTION = "every entry needs a langSet (TBX 3: langSec) with xml:lang 'zh' and one with 'en'"
_ENTITY = re.compile(r"<!ENTITY", re.IGNORECASE)
_EXTERNAL = re.compile(r"<!ENTITY[^>]*\s(SYSTEM|PUBLIC)\s", re.IGNORECASE)


class _Builder(ET.TreeBuilder):
    """A tree builder that remembers where each element starts."""

    def __init__(self) -> None:
        super().__init__()
        self.expat: expat.XMLParserType | None = None
        self.places: dict[int, tuple[int, int]] = {}

    def start(self, tag: str, attrs: dict[str, str]) -> ET.Element:
        element = super().start(tag, attrs)
        if self.expat is not None:
            self.places[id(element)] = (
                self.expat.CurrentLineNumber,
                self.expat.CurrentColumnNumber + 1,
            )
        return element


@dataclass
class _Parsed:
    root: ET.Element | None = None
    places: dict[int, tuple[int, int]] = field(default_factory=dict)


def parse_tbx(text: str, shown: str) -> ImportResult:
    """Give the terms and problems of TBX ``text`` (version 2 or 3).

    >>> r = parse_tbx("<martif><text><body><termEntry><langSet xml:lang='zh'><tig>"
    ...     "<term>背靠背</term></tig></langSet><langSet xml:lang='en'><tig>"
    ...     "<term>back to back</term></tig></langSet></termEntry></body></text></martif>", "x")
    >>> r.terms[0].zh, r.terms[0].en
    ('背靠背', ('back to back',))
    """
    out = Collector(shown)
    parsed = _parse(text, out)
    if parsed.root is None:
        return out.result()
    names = _version(parsed.root)
    if names is None:
        out.problem(
            out.at(1),
            f"not a TBX file: the root element is <{_local(parsed.root.tag)}>",
            "a TBX file has a <martif> (TBX 2) or <tbx> (TBX 3) root element",
        )
        return out.result()
    for number, entry in enumerate(parsed.root.iter(_name(names, names.entry)), 1):
        line, col = parsed.places.get(id(entry), (1, 1))
        _read_entry(entry, number, names, out, out.at(line, col))
    return out.result()


def _parse(text: str, out: Collector) -> _Parsed:
    """Give the element tree of ``text``, or record why there is none."""
    builder = _Builder()
    parser = DefusedXMLParser(target=builder, forbid_dtd=True)
    builder.expat = parser.parser
    try:
        parser.feed(text.removeprefix("\ufeff"))
        root = parser.close()
    except DefusedXmlException:
        where = out.at(parser.parser.CurrentLineNumber, parser.parser.CurrentColumnNumber + 1)
        out.problem(where, _danger(text), _HINT_DOCTYPE)
        return _Parsed()
    except ET.ParseError as error:
        line, col = error.position
        reason = expat.ErrorString(error.code) or "not well-formed"
        out.problem(out.at(line, col + 1), f"malformed XML: {reason}", _HINT_MALFORMED)
        return _Parsed()
    return _Parsed(root, builder.places)


def _danger(text: str) -> str:
    """Give what a refused DOCTYPE could have done."""
    if _EXTERNAL.search(text):
        return (
            "refused a DOCTYPE declaring an external entity, which could read local files or URLs"
        )
    if _ENTITY.search(text):
        return (
            "refused a DOCTYPE declaring entities, which can expand without bound "
            '(an entity-expansion or "billion laughs" attack)'
        )
    return "refused a DOCTYPE: a DTD can declare entity bombs or external entities"


def _local(tag: str) -> str:
    return tag.rpartition("}")[2]


def _version(root: ET.Element) -> layout.Names | None:
    found = {"martif": layout.TBX2, "tbx": layout.TBX3}.get(_local(root.tag))
    return found


def _name(names: layout.Names, local: str) -> str:
    """Give an element's full name: TBX 3 elements are in the TBX namespace."""
    return f"{{{layout.TBX3_NAMESPACE}}}{local}" if names is layout.TBX3 else local


def _children(
    parent: ET.Element, names: layout.Names, local: str, kind: str | None = None
) -> list[ET.Element]:
    """Give the children named ``local`` (with ``type`` ``kind``, if given)."""
    found = parent.findall(_name(names, local))
    return [c for c in found if kind is None or c.get("type") == kind]


def _text(element: ET.Element) -> str:
    return "".join(element.itertext())


def _section(entry: ET.Element, names: layout.Names, lang: str) -> ET.Element | None:
    """Give the entry's first language section for ``lang`` (``zh-CN`` counts as ``zh``)."""
    for section in entry.findall(_name(names, names.language)):
        code = (section.get(layout.XML_LANG) or section.get("lang") or "").lower()
        if code.split("-")[0].split("_")[0] == lang:
            return section
    return None


def _read_entry(
    entry: ET.Element, number: int, names: layout.Names, out: Collector, where: Location
) -> None:
    """Keep one entry as a term, or record why it cannot be one."""
    xid = entry.get("id")
    label = f"entry {number}" + (f" ({xid})" if xid else "")
    zh, en = _section(entry, names, "zh"), _section(entry, names, "en")
    missing = [lang for lang, section in (("zh", zh), ("en", en)) if section is None]
    if missing:
        what = " and ".join(repr(lang) for lang in missing)
        out.problem(where, f"{label} has no {what} language section", _HINT_SECTION)
        return
    assert zh is not None and en is not None
    raw: dict[str, RawValue] = {}
    _read_concept(entry, names, raw)
    _read_chinese(zh, names, raw)
    _read_english(en, names, raw)
    out.add(raw, where)


def _read_concept(entry: ET.Element, names: layout.Names, raw: dict[str, RawValue]) -> None:
    """Read the entry-level data: tags, source, url, related headwords and the id."""
    xid = entry.get("id") or ""
    if xid.startswith(layout.ID_PREFIX):
        raw["id"] = xid.removeprefix(layout.ID_PREFIX)
    raw["tags"] = [_text(e) for e in _children(entry, names, "descrip", "subjectField")]
    sources = _children(entry, names, "admin", "source")
    raw["source"] = _text(sources[0]) if sources else None
    urls = _children(entry, names, "xref", "externalCrossReference")
    raw["url"] = (_text(urls[0]) or urls[0].get("target")) if urls else None
    see: list[str] = []
    for element in entry:
        local = _local(element.tag)
        text = _text(element)
        if local == "ref" and element.get("type") == "crossReference":
            see.append(text)
        elif local == "note" and text.startswith(layout.SEE_NOTE):
            see.append(text.removeprefix(layout.SEE_NOTE))
        elif local == "note" and text.startswith(layout.ID_NOTE):
            raw["id"] = text.removeprefix(layout.ID_NOTE)
    raw["see"] = see
    definitions = _children(entry, names, "descrip", "definition")
    if definitions:  # where other tools put it; the en section's wins
        raw["definition"] = _text(definitions[0])


def _status(group: ET.Element, names: layout.Names) -> str:
    notes = _children(group, names, "termNote", "administrativeStatus")
    return _text(notes[0]).strip() if notes else ""


def _term_text(group: ET.Element, names: layout.Names) -> str:
    term = group.find(_name(names, "term"))
    return _text(term) if term is not None else ""


def _notes(group: ET.Element, names: layout.Names) -> list[str]:
    return [_text(n) for n in _children(group, names, "note")]


def _read_chinese(section: ET.Element, names: layout.Names, raw: dict[str, RawValue]) -> None:
    """Read the headword, its traditional form, pinyin and literal gloss."""
    groups = _children(section, names, names.term_group)
    if not groups:
        return
    traditional = [g for g in groups if layout.TRADITIONAL_NOTE in _notes(g, names)]
    others = [g for g in groups if g not in traditional]
    preferred = [g for g in others if _status(g, names) == layout.PREFERRED]
    head = (preferred or others or groups)[0]
    raw["zh"] = _term_text(head, names)
    for note in _notes(head, names):
        if note.startswith(layout.PINYIN_NOTE):
            raw["pinyin"] = note.removeprefix(layout.PINYIN_NOTE)
        elif note.startswith(layout.LITERAL_NOTE):
            raw["literal"] = note.removeprefix(layout.LITERAL_NOTE)
        elif note == layout.SAME_TRADITIONAL_NOTE:
            raw["traditional"] = raw["zh"]
    if traditional and traditional[0] is not head:
        raw["traditional"] = _term_text(traditional[0], names)


def _read_english(section: ET.Element, names: layout.Names, raw: dict[str, RawValue]) -> None:
    """Read the renderings, those to avoid, the definition and the context."""
    definitions = _children(section, names, "descrip", "definition")
    if definitions:
        raw["definition"] = _text(definitions[0])
    en: list[str] = []
    avoid: list[str] = []
    for group in _children(section, names, names.term_group):
        status = _status(group, names)
        (avoid if status == layout.DEPRECATED else en).append(_term_text(group, names))
        contexts = _children(group, names, "descrip", "context")
        if contexts and "context" not in raw:
            raw["context"] = _text(contexts[0])
    raw["en"] = en
    raw["avoid"] = avoid
