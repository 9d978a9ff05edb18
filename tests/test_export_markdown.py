"""The Markdown document: parsed with a real CommonMark parser, compared with golden files."""

from __future__ import annotations

from pathlib import Path

import pytest
from markdown_it import MarkdownIt
from markdown_it.token import Token
from mdit_py_plugins.footnote import footnote_plugin

from glossary.errors import UsageError
from glossary.exporters import ExportOptions
from glossary.exporters import markdown as md_export
from glossary.model import Term
from glossary.termfile import store
from tests.conftest import SHIPPED

GOLDEN = Path(__file__).parent / "golden"
# To refresh after a deliberate change:
#   glossary -g terms.yaml export markdown -o tests/golden/shipped-table.md
#   glossary -g terms.yaml export markdown --style entries -o tests/golden/shipped-entries.md


def parser() -> MarkdownIt:
    return MarkdownIt("commonmark").enable("table").use(footnote_plugin)


def table_rows(text: str) -> list[list[str]]:
    """Give the body rows of the first table, each cell as its rendered inline text."""
    tokens = parser().parse(text)
    rows: list[list[str]] = []
    in_body = False
    for token in tokens:
        if token.type == "tbody_open":
            in_body = True
        elif token.type == "tbody_close":
            break
        elif in_body and token.type == "tr_open":
            rows.append([])
        elif in_body and token.type == "inline":
            rows[-1].append(_text(token))
    return rows


def _text(token: Token) -> str:
    return "".join(child.content for child in token.children or [] if child.type == "text")


@pytest.fixture(scope="module")
def shipped() -> list[Term]:
    return list(store.load([SHIPPED]))


def test_golden_table(shipped: list[Term]) -> None:
    text = md_export.export(shipped, ExportOptions(title=store.load([SHIPPED]).title))
    assert text == (GOLDEN / "shipped-table.md").read_text(encoding="utf-8")


def test_golden_entries(shipped: list[Term]) -> None:
    options = ExportOptions(title=store.load([SHIPPED]).title, style="entries")
    text = md_export.export(shipped, options)
    assert text == (GOLDEN / "shipped-entries.md").read_text(encoding="utf-8")


def test_table_has_one_row_per_term_with_the_right_cells(shipped: list[Term]) -> None:
    rows = table_rows(md_export.export(shipped, ExportOptions()))
    assert len(rows) == len(shipped)
    by_zh = {row[0]: row for row in rows}
    assert by_zh["三股势力"][:2] == ["三股势力", "sān gǔ shìlì"]
    html = parser().render(md_export.export(shipped, ExportOptions()))
    assert "<strong>three evil forces</strong>; three forces" in html


def test_dictionary_order(shipped: list[Term]) -> None:
    rows = table_rows(md_export.export(shipped, ExportOptions()))
    readings = [row[1].casefold().replace(" ", "") for row in rows]
    assert rows[0][0] == "背靠背"
    assert readings.index("sāngǔshìlì") < readings.index("tèshūyǒujūn")


def test_tones_order_same_letters() -> None:
    terms = [
        Term(zh="卖", en=("sell",), pinyin="mài"),
        Term(zh="买", en=("buy",), pinyin="mǎi"),
        Term(zh="埋", en=("bury",), pinyin="mái"),
    ]
    rows = table_rows(md_export.export(terms, ExportOptions()))
    assert [r[0] for r in rows] == ["埋", "买", "卖"]
    by_en = table_rows(md_export.export(terms, ExportOptions(sort="en")))
    assert [r[0] for r in by_en] == ["埋", "买", "卖"]  # bury, buy, sell


def test_hostile_text_stays_in_its_cell() -> None:
    terms = [
        Term(
            zh="甲",
            en=("a | b", "*not em* _x_ `code` <b>bold</b>"),
            definition="# not a heading\nsecond line | with pipe",
            pinyin="jiǎ",
        )
    ]
    text = md_export.export(terms, ExportOptions())
    rows = table_rows(text)
    assert len(rows) == 1
    assert len(rows[0]) == 4
    assert rows[0][2].startswith("a | b")
    html = parser().render(text)
    assert "<em>" not in html and "<code>" not in html and "<b>" not in html
    assert "# not a heading second line | with pipe" in rows[0][3]


def test_sources_become_footnotes_listed_once() -> None:
    terms = [
        Term(zh="甲", en=("a",), source="Stanzel 2019", pinyin="jiǎ"),
        Term(zh="乙", en=("b",), source="Stanzel 2019", pinyin="yǐ"),
        Term(
            zh="丙", en=("c",), source="Global Times", url="https://example.org/gt", pinyin="bǐng"
        ),
    ]
    text = md_export.export(terms, ExportOptions())
    assert text.count("[^1]:") == 1 and text.count("[^2]:") == 1 and "[^3]" not in text
    html = parser().render(text)
    assert html.count('class="footnote-item"') == 2
    assert '<a href="https://example.org/gt">https://example.org/gt</a>' in html


def test_group_by_tag_and_fields() -> None:
    terms = [
        Term(zh="甲", en=("a",), tags=("x", "y"), pinyin="jiǎ"),
        Term(zh="乙", en=("b",), pinyin="yǐ"),
    ]
    text = md_export.export(terms, ExportOptions(group_by="tag", fields=("zh", "en")))
    headings = [line for line in text.splitlines() if line.startswith("## ")]
    assert headings == ["## x", "## y", "## Untagged"]
    assert "| Chinese | English |" in text


def test_entries_use_the_show_snippet(run) -> None:
    shown = run("show", "背靠背", "--format", "md").stdout
    exported = run("export", "markdown", "--style", "entries", "--query", "背靠背").stdout
    # The same detail lines; the document turns the source into a footnote.
    details = [
        line for line in shown.splitlines() if line.startswith("- **") and "Source" not in line
    ]
    assert all(line in exported for line in details)


@pytest.mark.parametrize(
    ("options", "message"),
    [
        (ExportOptions(style="list"), "unknown style 'list'"),
        (ExportOptions(sort="date"), "unknown sort 'date'"),
        (ExportOptions(group_by="source"), "cannot group by 'source'"),
        (ExportOptions(fields=("zh", "defn")), "unknown field 'defn'"),
    ],
)
def test_bad_options(options: ExportOptions, message: str) -> None:
    with pytest.raises(UsageError, match=message):
        md_export.export([], options)


def test_export_command(run, tmp_path: Path) -> None:
    result = run("export", "markdown", "-o", "glossary.md", "--tag", "sco")
    assert result.exit_code == 0, result.output
    text = (tmp_path / "glossary.md").read_text(encoding="utf-8")
    assert text.startswith("# Sino-Russian military cooperation\n")
    assert "三股势力" in text and "背靠背" not in text
    assert result.stderr.startswith("wrote ")
    piped = run("export", "markdown", "--query", "sangu")
    assert piped.exit_code == 0 and "三股势力" in piped.stdout


def test_export_unknown_format(run) -> None:
    result = run("export", "docx")
    assert result.exit_code == 2
    assert "unknown export format 'docx'" in result.stderr


def test_a_binary_export_is_not_written_to_a_terminal(tmp_path: Path) -> None:
    """With a real terminal as stdout, `export anki` without -o refuses and writes nothing."""
    import os
    import pty
    import subprocess
    import sys

    leader, follower = pty.openpty()
    try:
        result = subprocess.run(
            [sys.executable, "-m", "glossary", "export", "anki"],
            stdout=follower,
            stderr=subprocess.PIPE,
            cwd=tmp_path,
            timeout=60,
            check=False,
        )
    finally:
        os.close(follower)
        os.close(leader)
    assert result.returncode == 2
    assert result.stderr.decode() == (
        "glossary: error: anki is a binary format; write it to a file with -o FILE\n"
    )


def test_export_into_a_missing_folder_is_a_clear_error(run) -> None:
    result = run("export", "markdown", "-o", "no/such/folder/glossary.md")
    assert result.exit_code == 3
    assert result.stderr.startswith("glossary: error: cannot write no/such/folder/glossary.md: ")
    assert "Traceback" not in result.stderr
