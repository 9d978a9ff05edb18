"""A TermBase eXchange file: TBX 2 (ISO 30042:2008, ``martif``) or TBX-Basic v3 (2019).

Both versions share one layout; only element names differ (``termEntry``/``conceptEntry``,
``langSet``/``langSec``, ``tig``/``termSec``). Each term is one entry whose ``id`` comes
from the term's key, with a ``zh`` and an ``en`` language section:

- entry level: ``descrip type="subjectField"`` per tag, ``admin type="source"``,
  ``xref type="externalCrossReference"`` for the url, ``ref type="crossReference"`` per
  related headword that is in the file (a ``note`` "See: ..." for one that is not), and a
  ``note`` "Id: ..." when the term's id cannot be written in the entry id itself;
- ``zh``: the headword, ``preferredTerm-admn-sts``, with its pinyin and literal gloss as
  notes; the traditional form, when different, as an ``admittedTerm-admn-sts`` term noted
  as such;
- ``en``: ``descrip type="definition"``, then each rendering (the first preferred, the
  others admitted; the context goes with the preferred one), then each rendering to avoid,
  ``deprecatedTerm-admn-sts``.

Every value loses the characters XML 1.0 cannot hold, and line ends become ``\\n`` (an XML
parser would turn a bare ``\\r`` into one anyway); ElementTree escapes the rest.
"""

from __future__ import annotations

import hashlib
import re
import xml.etree.ElementTree as ET
from collections.abc import Sequence
from dataclasses import dataclass

from glossary.errors import UsageError
from glossary.exporters import ExportOptions, Option
from glossary.model import Term

BINARY = False
VERSIONS = (2, 3)
OPTIONS = (
    Option(
        "tbx_version", "2 (martif, as most CAT tools read it) or 3 (TBX-Basic v3).", "N", 2, int
    ),
)
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
TBX3_NAMESPACE = "urn:iso:std:iso:30042:ed-2"

PREFERRED = "preferredTerm-admn-sts"
ADMITTED = "admittedTerm-admn-sts"
DEPRECATED = "deprecatedTerm-admn-sts"
#: Labels of the notes this exporter writes, read back by the importer.
PINYIN_NOTE = "Pinyin: "
LITERAL_NOTE = "Literally: "
SEE_NOTE = "See: "
ID_NOTE = "Id: "
TRADITIONAL_NOTE = "Traditional form."
SAME_TRADITIONAL_NOTE = "Same in traditional characters."
#: Entry ids: "t-" + the term's own id when that is a plain name, else "h-" + a hash.
ID_PREFIX = "t-"
HASH_PREFIX = "h-"
_PLAIN_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*")
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


@dataclass(frozen=True)
class Names:
    """The element names of one TBX version."""

    root: str
    header: str
    entry: str
    language: str
    term_group: str


TBX2 = Names("martif", "martifHeader", "termEntry", "langSet", "tig")
TBX3 = Names("tbx", "tbxHeader", "conceptEntry", "langSec", "termSec")


def xml_text(value: str) -> str:
    """Give ``value`` without the characters XML 1.0 forbids, line ends as ``\\n``.

    >>> xml_text("a\\x00b\\r\\nc\\ud800\\ufffe")
    'ab\\nc'
    """
    return _NOT_XML.sub("", value.replace("\r\n", "\n").replace("\r", "\n"))


def entry_ids(terms: Sequence[Term]) -> list[str]:
    """Give each term's entry id, unique in the file and the same on every export.

    >>> entry_ids([Term(zh="三股势力", en=("three evil forces",), id="three-evil-forces")])
    ['t-three-evil-forces']
    """
    used: set[str] = set()
    out: list[str] = []
    for term in terms:
        plain = xml_text(term.id) if term.id else ""
        xid = ID_PREFIX + plain if plain == term.id and _PLAIN_ID.fullmatch(plain) else ""
        if not xid or xid in used:
            digest = hashlib.sha256(term.key.encode("utf-8", "surrogatepass")).hexdigest()
            base = xid = HASH_PREFIX + digest[:16]
            count = 1
            while xid in used:
                count += 1
                xid = f"{base}-{count}"
        used.add(xid)
        out.append(xid)
    return out


def export(terms: Sequence[Term], options: ExportOptions) -> str:
    """Give the TBX document of ``terms``: TBX 2 unless ``options.tbx_version`` is 3."""
    if options.tbx_version not in VERSIONS:
        raise UsageError(
            f"unknown TBX version {options.tbx_version!r}",
            hint="use 2 (martif, read by most CAT tools) or 3 (TBX-Basic v3)",
        )
    names = TBX2 if options.tbx_version == 2 else TBX3
    root = _root(names, options.title or "Glossary")
    body = ET.SubElement(ET.SubElement(root, "text"), "body")
    ids = entry_ids(terms)
    by_headword = {term.zh: xid for term, xid in zip(terms, ids, strict=True)}
    for term, xid in zip(terms, ids, strict=True):
        body.append(_entry(term, xid, names, by_headword))
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, "unicode") + "\n"


def _root(names: Names, title: str) -> ET.Element:
    """Give the root element with its header."""
    root = ET.Element(names.root)
    if names is TBX3:
        # Written as a plain attribute, so that no global prefix registry is touched.
        root.set("xmlns", TBX3_NAMESPACE)
        root.set("type", "TBX-Basic")
        root.set("style", "dca")
    else:
        root.set("type", "TBX")
    root.set(XML_LANG, "en")
    file_desc = ET.SubElement(ET.SubElement(root, names.header), "fileDesc")
    _add(ET.SubElement(file_desc, "titleStmt"), "title", title)
    _add(ET.SubElement(file_desc, "sourceDesc"), "p", "Exported by glossary")
    return root


def _add(parent: ET.Element, tag: str, text: str, **attrs: str) -> ET.Element:
    """Give a new child of ``parent`` holding ``text`` (made XML-safe)."""
    child = ET.SubElement(parent, tag, {k: xml_text(v) for k, v in attrs.items()})
    child.text = xml_text(text)
    return child


def _entry(term: Term, xid: str, names: Names, by_headword: dict[str, str]) -> ET.Element:
    """Give one term as an entry element."""
    entry = ET.Element(names.entry, id=xid)
    for tag in term.tags:
        _add(entry, "descrip", tag, type="subjectField")
    if term.source:
        _add(entry, "admin", term.source, type="source")
    if term.url:
        _add(entry, "xref", term.url, type="externalCrossReference", target=term.url)
    for headword in term.see:
        target = by_headword.get(headword)
        if target:
            _add(entry, "ref", headword, type="crossReference", target=target)
        else:
            _add(entry, "note", SEE_NOTE + headword)
    if term.id and not xid.startswith(ID_PREFIX):
        _add(entry, "note", ID_NOTE + term.id)
    entry.append(_chinese(term, names))
    entry.append(_english(term, names))
    return entry


def _language(names: Names, lang: str) -> ET.Element:
    return ET.Element(names.language, {XML_LANG: lang})


def _term(parent: ET.Element, names: Names, text: str, status: str) -> ET.Element:
    """Give a new term group under ``parent``: the term and its administrative status."""
    group = ET.SubElement(parent, names.term_group)
    _add(group, "term", text)
    _add(group, "termNote", status, type="administrativeStatus")
    return group


def _chinese(term: Term, names: Names) -> ET.Element:
    section = _language(names, "zh")
    head = _term(section, names, term.zh, PREFERRED)
    if term.pinyin:
        _add(head, "note", PINYIN_NOTE + term.pinyin)
    if term.literal:
        _add(head, "note", LITERAL_NOTE + term.literal)
    if term.traditional == term.zh:
        _add(head, "note", SAME_TRADITIONAL_NOTE)
    elif term.traditional:
        _add(_term(section, names, term.traditional, ADMITTED), "note", TRADITIONAL_NOTE)
    return section


def _english(term: Term, names: Names) -> ET.Element:
    section = _language(names, "en")
    if term.definition:
        _add(section, "descrip", term.definition, type="definition")
    for number, rendering in enumerate(term.en):
        group = _term(section, names, rendering, ADMITTED if number else PREFERRED)
        if number == 0 and term.context:
            _add(group, "descrip", term.context, type="context")
    for rendering in term.avoid:
        _term(section, names, rendering, DEPRECATED)
    return section
