"""check's readers: bilingual files (XLIFF 1.2 and 2.0 from translate-toolkit and by hand,
TMX, TSV, CSV), Markdown's code blocks against a CommonMark parser, and the table of
renderings kept beside the index."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from markdown_it import MarkdownIt
from translate.storage import tmx, xliff

from glossary import index
from glossary.errors import GlossaryFileError
from glossary.model import Term
from glossary.qa import bilingual, prose
from glossary.qa.termbase import Termbase
from glossary.qa.units import check_units

SANGU = Term(
    zh="三股势力",
    en=("three evil forces", "three forces"),
    avoid=("three evils",),
    traditional="三股勢力",
)
MSS = Term(zh="国家安全部", en=("Ministry of State Security", "MSS"), traditional="國家安全部")
BASE = Termbase.of_terms([SANGU, MSS])


def found(text: str, name: str) -> list[tuple[str, str, str, str]]:
    """Give each finding of a bilingual file as (unit, code, term, where the text is)."""
    kind = bilingual.kind_of(name, text)
    assert kind is not None
    lines = text.split("\n")
    out = []
    for f in check_units(bilingual.read(text, kind, name), BASE, name):
        at = lines[f.line - 1][f.col - 1 :]
        assert at.startswith(f.text), (f, at)  # the place is the text's own, in the file
        out.append((f.unit, f.code, f.term, f.text))
    return out


def test_xliff_12_written_by_translate_toolkit() -> None:
    store = xliff.xlifffile(sourcelanguage="zh-CN", targetlanguage="en")
    for ident, source, target in (
        ("u1", "中俄共同打击三股势力。", "China and Russia fight the three evils together."),
        ("u2", "国家安全部发布公告。", "The ministry issued a notice."),
        ("u3", "国家安全部发布公告。", "The MSS issued a notice."),
        ("u4", "三股勢力仍是威胁。", "The three evil forces remain a threat."),
        ("u5", "国家安全部发布公告。", ""),  # not translated yet
    ):
        unit = store.addsourceunit(source)
        unit.target = target
        unit.setid(ident)
    text = bytes(store).decode("utf-8")
    assert found(text, "memo.xlf") == [
        ("u1", "GL001", "三股势力", "three evils"),
        ("u2", "GL005", "国家安全部", "国家安全部"),
    ]


def test_xliff_12_inline_codes_and_alternatives_are_not_the_translation() -> None:
    text = (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">\n'
        ' <file source-language="zh" target-language="en" datatype="plaintext" original="x">\n'
        "  <body>\n"
        '   <trans-unit id="a">\n'
        "    <source>打击<g id='1'>三股势力</g>。</source>\n"
        "    <target>Fight the <g id='1'>three evil forces</g>"
        '<ph id="2">&lt;b&gt;three evils&lt;/b&gt;</ph>.</target>\n'
        "    <alt-trans><target>the three evils</target></alt-trans>\n"
        "   </trans-unit>\n"
        "  </body>\n"
        " </file>\n"
        "</xliff>\n"
    )
    assert found(text, "codes.xliff") == []


def test_xliff_20_by_hand_with_segments_and_an_english_source() -> None:
    text = (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0"'
        ' srcLang="en" trgLang="zh-CN">\n'
        ' <file id="f1">\n'
        '  <unit id="intro">\n'
        "   <segment><source>They fight <pc id='1'>the three evils</pc>.</source>"
        "<target>他们打击<pc id='1'>三股势力</pc>。</target></segment>\n"
        "   <ignorable><source> </source><target> </target></ignorable>\n"
        "   <segment><source>The ministry spoke.</source>"
        "<target>国家安全部<ph id='2'/>发言。</target></segment>\n"
        "  </unit>\n"
        " </file>\n"
        "</xliff>\n"
    )
    # The Chinese side is the target here (trgLang zh-CN); the English is the source.
    assert found(text, "en-zh.xlf") == [
        ("intro", "GL001", "三股势力", "three evils"),
        ("intro/2", "GL005", "国家安全部", "国家安全部"),
    ]


def test_tmx_written_by_translate_toolkit() -> None:
    store = tmx.tmxfile(sourcelanguage="zh-TW", targetlanguage="en-US")
    store.addtranslation("打擊三股勢力。", "zh-TW", "Fight the three forces.", "en-US")
    store.addtranslation("國家安全部發言。", "zh-TW", "A spokesman spoke.", "en-US")
    text = bytes(store).decode("utf-8")
    assert "<!DOCTYPE" in text  # a DTD named, and never fetched
    assert found(text, "memory.tmx") == [("tu 2", "GL005", "国家安全部", "國家安全部")]


def test_a_tsv_is_read_without_csv_quoting() -> None:
    text = 'id\tzh\ten\nr1\t"三股势力"\t"the three evils\nr2\t国家安全部\tthe MSS\n'
    assert found(text, "pairs.tsv") == [("r1", "GL001", "三股势力", "three evils")]


def test_a_csv_with_quoted_cells_names_units_by_row() -> None:
    text = 'Chinese,English\n"三股势力,再说",They fight\n国家安全部,"The ""ministry"" spoke"\n'
    assert found(text, "pairs.csv") == [
        ("row 2", "GL005", "三股势力", "三股势力"),
        ("row 3", "GL005", "国家安全部", "国家安全部"),
    ]


@pytest.mark.parametrize(
    ("name", "text", "where", "phrase"),
    [
        ("a.tsv", "source\ttarget\n三股势力\tx\n", (1, 1), "names no Chinese and English"),
        ("a.tmx", "<?xml version='1.0'?>\n<tmx><body>\n<tu><tuv></tu>", (3, 12), "mismatched tag"),
        (
            "a.xlf",
            '<?xml version="1.0"?>\n<!DOCTYPE x [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;">]>\n'
            "<xliff/>",
            (2, 14),
            "declares an XML entity",
        ),
        (
            "a.xlf",
            '<?xml version="1.0"?>\n<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>\n'
            "<xliff>&e;</xliff>",
            (2, 14),
            "declares an XML entity",
        ),
        ("a.xlf", "<?xml version='1.0'?>\n<html/>", (1, 1), "neither XLIFF nor TMX"),
    ],
)
def test_files_that_are_not_bilingual_are_refused_located(
    name: str, text: str, where: tuple[int, int], phrase: str
) -> None:
    kind = bilingual.kind_of(name, text)
    assert kind is not None
    with pytest.raises(GlossaryFileError) as caught:
        bilingual.read(text, kind, name)
    assert (caught.value.where.line, caught.value.where.col) == where  # type: ignore[union-attr]
    assert phrase in caught.value.message


# --- Markdown: what is code, as a CommonMark parser reads it -----------------------------------

MARKDOWN = """\
---
title: front matter
---

Prose with `inline code` and more.

```python
fenced code
```

    indented code after a blank line

- a list item
    continued, not code

~~~~
a tilde fence with ``` inside
~~~~

Text
    still text (an indented line cannot start code inside a paragraph)

> a quote

````
unclosed fence to the end
"""


def test_code_blocks_are_those_a_commonmark_parser_finds() -> None:
    parser = MarkdownIt("commonmark")
    tokens = parser.parse(MARKDOWN.split("---\n", 2)[2])
    offset = 3  # the front matter's lines, which CommonMark does not know
    code_lines = {
        line + offset
        for t in tokens
        if t.type in ("fence", "code_block") and t.map
        for line in range(*t.map)
    }
    view = prose.prose(MARKDOWN, True)
    lines = view.split("\n")
    blanked = {k for k, line in enumerate(lines) if line and not line.strip("\0 ")}
    front = {0, 1, 2}
    assert blanked - front == code_lines
    assert "inline code" not in view and "Prose with" in view


# --- The table of renderings, kept beside the index ---------------------------------------------


def test_the_table_of_renderings_is_saved_beside_the_index_and_rebuilt_when_stale(
    tmp_path: Path, write
) -> None:
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "cache")}
    path = write("terms.yaml", "terms:\n  - zh: 三股势力\n    en: [three evil forces]\n")
    first = Termbase.of_files([path], env)
    saved = index.cache_file(path, env).with_suffix(".phrases")
    assert saved.is_file() and "three evil force" in first.phrases.keys
    stamp = saved.stat().st_mtime_ns
    assert "three evil force" in Termbase.of_files([path], env).phrases.keys
    assert saved.stat().st_mtime_ns == stamp  # loaded, not built again
    write("terms.yaml", "terms:\n  - zh: 三股势力\n    en: [three forces of evil]\n")
    again = Termbase.of_files([path], env)
    assert "three force of evil" in again.phrases.keys
    assert "three evil force" not in again.phrases.keys
    saved.write_bytes(saved.read_bytes()[:-5])  # damaged: built again, not trusted
    assert "three force of evil" in Termbase.of_files([path], env).phrases.keys
