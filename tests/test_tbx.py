"""TBX export (versions 2 and 3) and import: valid XML, read by translate-toolkit, round trip."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from glossary.errors import UsageError
from glossary.exporters import ExportOptions
from glossary.exporters import tbx as tbx_export
from glossary.importers.tbx import parse_tbx
from glossary.model import Term
from glossary.termfile import store
from tests.conftest import SHIPPED

NS = "{urn:iso:std:iso:30042:ed-2}"
LANG = "{http://www.w3.org/XML/1998/namespace}lang"


@pytest.fixture(scope="module")
def shipped() -> tuple[Term, ...]:
    return store.load([SHIPPED]).terms


def export(terms: tuple[Term, ...] | list[Term], version: int = 2, title: str = "T") -> str:
    return tbx_export.export(terms, ExportOptions(title=title, tbx_version=version))


def test_translate_toolkit_reads_every_term_and_rendering(shipped: tuple[Term, ...]) -> None:
    from translate.storage import tbx

    store_ = tbx.tbxfile.parsestring(
        export(shipped).encode("utf-8"), sourcelanguage="zh", targetlanguage="en"
    )
    assert len(store_.units) == len(shipped)
    for unit, term in zip(store_.units, shipped, strict=True):
        zh = [t.text for t in unit.get_source_terms()]
        en = [(t.text, t.deprecated) for t in unit.get_target_terms("en")]
        assert zh[0] == term.zh
        if term.traditional and term.traditional != term.zh:
            assert zh[1] == term.traditional
        assert en == [(e, False) for e in term.en] + [(a, True) for a in term.avoid]


def test_tbx3_structure(shipped: tuple[Term, ...]) -> None:
    root = ET.fromstring(export(shipped, 3))
    assert root.tag == NS + "tbx"
    assert (root.get("type"), root.get("style"), root.get(LANG)) == ("TBX-Basic", "dca", "en")
    assert root.findtext(f"{NS}tbxHeader/{NS}fileDesc/{NS}titleStmt/{NS}title") == "T"
    entries = root.findall(f"{NS}text/{NS}body/{NS}conceptEntry")
    assert len(entries) == len(shipped)
    assert len({e.get("id") for e in entries}) == len(shipped)
    first, term = entries[0], shipped[0]
    langs = [s.get(LANG) for s in first.findall(NS + "langSec")]
    assert langs == ["zh", "en"]
    zh_sec, en_sec = first.findall(NS + "langSec")
    head = zh_sec.find(NS + "termSec")
    assert head is not None
    assert head.findtext(NS + "term") == term.zh
    assert head.findtext(NS + "termNote[@type='administrativeStatus']") == "preferredTerm-admn-sts"
    assert en_sec.findtext(NS + "descrip[@type='definition']") == term.definition
    statuses = [
        s.findtext(NS + "termNote[@type='administrativeStatus']")
        for s in en_sec.findall(NS + "termSec")
    ]
    assert statuses[0] == "preferredTerm-admn-sts"
    assert set(statuses[1:]) <= {"admittedTerm-admn-sts", "deprecatedTerm-admn-sts"}


def test_unknown_version_is_a_usage_error(shipped: tuple[Term, ...]) -> None:
    with pytest.raises(UsageError, match="TBX version"):
        export(shipped, 4)


HOSTILE = (
    "a < b && c > d ]]> \"quoted\" 'single' \x00\x01\x08\x0b\x0c\x1f\x7f \ud800 \ufffe\uffff end"
)


@pytest.mark.parametrize("version", [2, 3])
def test_hostile_text_makes_valid_xml(version: int) -> None:
    term = Term(
        zh="三股势力" + HOSTILE,
        en=(HOSTILE, "x"),
        traditional=HOSTILE,
        pinyin=HOSTILE,
        avoid=(HOSTILE,),
        literal=HOSTILE,
        definition=HOSTILE,
        context=HOSTILE,
        source=HOSTILE,
        url="https://example.org/?a=1&b=<2>" + HOSTILE,
        tags=(HOSTILE,),
        see=(HOSTILE,),
        id=HOSTILE,
    )
    text = export([term], version, title=HOSTILE)
    root = ET.fromstring(text.encode("utf-8"))  # raises if not well-formed
    assert "a < b && c > d ]]>" in "".join(root.itertext())
    result = parse_tbx(text, "hostile.tbx")
    assert not result.problems
    assert result.terms[0].zh.startswith("三股势力a < b && c > d ]]>")


@pytest.mark.parametrize("version", [2, 3])
def test_round_trip_of_shipped_glossary(shipped: tuple[Term, ...], version: int) -> None:
    result = parse_tbx(export(shipped, version), "shipped.tbx")
    assert result.problems == ()
    assert result.terms == shipped


# Generated terms round-trip through TBX 2 and 3: tests/test_properties.py.


BOMB = """<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
]>
<martif><text><body><termEntry><langSet xml:lang="zh"><tig><term>&lol3;</term></tig></langSet>
</termEntry></body></text></martif>
"""
EXTERNAL = """<?xml version="1.0"?>
<!DOCTYPE martif [ <!ENTITY secret SYSTEM "file:///etc/passwd"> ]>
<martif><text><body><termEntry><langSet xml:lang="zh"><tig><term>&secret;</term></tig></langSet>
</termEntry></body></text></martif>
"""


@pytest.mark.parametrize(
    ("text", "words"),
    [(BOMB, "billion laughs"), (EXTERNAL, "external entity")],
)
def test_dangerous_xml_is_one_located_problem(text: str, words: str) -> None:
    result = parse_tbx(text, "evil.tbx")
    assert result.terms == ()
    assert len(result.problems) == 1
    problem = result.problems[0]
    assert (problem.where.path, problem.where.line) == ("evil.tbx", 2)
    assert words in problem.message
    assert problem.hint and "DOCTYPE" in problem.hint


def test_malformed_xml_is_one_problem_at_the_parsers_place() -> None:
    text = '<?xml version="1.0"?>\n<martif>\n  <text><body></text>\n</martif>\n'
    result = parse_tbx(text, "bad.tbx")
    assert result.terms == ()
    assert len(result.problems) == 1
    problem = result.problems[0]
    assert (problem.where.line, problem.where.col) == (3, 17)
    assert problem.message == "malformed XML: mismatched tag"


def test_not_tbx_is_one_problem() -> None:
    result = parse_tbx("<html><body/></html>", "page.html")
    assert [p.message for p in result.problems] == ["not a TBX file: the root element is <html>"]


def test_entry_without_a_language_section_is_located() -> None:
    good = "<tig><term>{}</term></tig>"
    text = (
        "<martif><text><body>\n"
        '<termEntry id="t-a"><langSet xml:lang="zh">' + good.format("背靠背") + "</langSet>"
        '<langSet xml:lang="en">' + good.format("back to back") + "</langSet></termEntry>\n"
        '<termEntry id="t-b"><langSet xml:lang="zh">' + good.format("家门口") + "</langSet>"
        "</termEntry>\n"
        "</body></text></martif>\n"
    )
    result = parse_tbx(text, "part.tbx")
    assert [t.zh for t in result.terms] == ["背靠背"]
    assert [t.id for t in result.terms] == ["a"]
    assert len(result.problems) == 1
    problem = result.problems[0]
    assert (problem.where.line, problem.where.col) == (3, 1)
    assert problem.message == "entry 2 (t-b) has no 'en' language section"


def test_tbx_from_other_tools_is_read() -> None:
    """A plain TBX-Basic entry: language codes with regions, no notes of ours."""
    text = """<martif type="TBX-Basic" xml:lang="en"><text><body>
      <termEntry id="c7">
        <langSet xml:lang="en-US"><tig><term>Shanghai Five</term></tig></langSet>
        <langSet xml:lang="zh-CN"><tig><term>上海五国</term>
          <termNote type="administrativeStatus">preferredTerm-admn-sts</termNote></tig>
        </langSet>
      </termEntry></body></text></martif>"""
    result = parse_tbx(text, "other.tbx")
    assert result.problems == ()
    assert result.terms == (Term(zh="上海五国", en=("Shanghai Five",)),)


def test_a_hostile_tbx_writes_nothing(run, write, tmp_path: Path) -> None:
    write(
        "bomb.tbx",
        '<?xml version="1.0"?>\n<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;">]>\n'
        "<martif><text><body/></text></martif>\n",
    )
    result = run("import", "tbx", "bomb.tbx", "-o", "out.yaml")
    assert result.exit_code == 3
    assert result.stderr.startswith("glossary: bomb.tbx:2:")
    assert result.stderr.endswith("glossary: nothing was written\n")
    assert not (tmp_path / "out.yaml").exists()


def test_a_gb18030_file_is_a_located_error(run, write, tmp_path: Path) -> None:
    write("pleco.txt", "背靠背\tbei4 kao4 bei4\tback to back\n".encode("gb18030"))
    result = run("import", "pleco", "pleco.txt", "-o", "out.yaml")
    assert result.exit_code == 3
    assert result.stderr.startswith("glossary: pleco.txt:1:1: error: the file is not UTF-8")
    assert not (tmp_path / "out.yaml").exists()
