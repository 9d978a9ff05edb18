"""Export formats (CSV, TSV, JSON, JSON Lines, Pleco, OmegaT, DeepL) and their importers."""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from pathlib import Path

import pytest

from glossary import importers, tones
from glossary.exporters import ExportOptions, deepl, jsonfmt, omegat, pleco, tabular
from glossary.importers.jsonfile import parse_json
from glossary.importers.pleco import parse_pleco
from glossary.importers.records import ImportResult
from glossary.model import Term
from glossary.termfile import store
from tests.conftest import SHIPPED

Export = Callable[[Sequence[Term], ExportOptions], str]
OPTIONS = ExportOptions()


def _json(text: str, shown: str) -> ImportResult:
    return parse_json(text, shown)


def _registered(fmt: str) -> Callable[[str, str], ImportResult]:
    return lambda text, shown: importers.parse(fmt, text, shown)


#: Format name -> (export, import, file name).
ROUND_TRIPS: dict[str, tuple[Export, Callable[[str, str], ImportResult], str]] = {
    "csv": (tabular.FORMATS["csv"], _registered("csv"), "terms.csv"),
    "tsv": (tabular.FORMATS["tsv"], _registered("tsv"), "terms.tsv"),
    "json": (jsonfmt.FORMATS["json"], _json, "terms.json"),
    "jsonl": (jsonfmt.FORMATS["jsonl"], _registered("jsonl"), "terms.jsonl"),
}


@pytest.fixture(scope="module")
def shipped() -> tuple[Term, ...]:
    return store.load([SHIPPED]).terms


def through_file(path: Path, text: str) -> str:
    """Write ``text`` as UTF-8 and read it back the way the import command does."""
    path.write_bytes(text.encode("utf-8"))
    return path.read_bytes().decode("utf-8")


# ------------------------------------------------------------- csv, tsv, json, jsonl


@pytest.mark.parametrize("fmt", sorted(ROUND_TRIPS))
def test_the_shipped_glossary_round_trips(
    fmt: str, shipped: tuple[Term, ...], tmp_path: Path
) -> None:
    export, parse, name = ROUND_TRIPS[fmt]
    text = through_file(tmp_path / name, export(shipped, OPTIONS))
    result = parse(text, name)
    assert result.problems == ()
    assert result.terms == shipped


def test_every_module_says_its_output_is_text() -> None:
    for module in (tabular, jsonfmt, pleco, omegat, deepl):
        assert module.BINARY is False


def test_csv_has_a_header_of_schema_fields_and_lists_joined_with_bars() -> None:
    term = Term(zh="三股势力", en=("three evil forces", "three forces"), tags=("security", "sco"))
    text = tabular.FORMATS["csv"]([term], OPTIONS)
    assert text == (
        "zh,traditional,pinyin,en,avoid,literal,definition,context,source,url,tags,see,id\n"
        "三股势力,,,three evil forces|three forces,,,,,,,security|sco,,\n"
    )


def test_tsv_quotes_a_cell_holding_a_tab_or_a_line_break() -> None:
    term = Term(zh="背靠背", en=("back to back",), definition='one\tside "guards"\nthe other')
    text = tabular.FORMATS["tsv"]([term], OPTIONS)
    assert '\t"one\tside ""guards""\nthe other"\t' in text
    assert importers.parse("tsv", text, "t.tsv").terms == (term,)


def test_json_is_an_indented_list_with_chinese_unescaped(shipped: tuple[Term, ...]) -> None:
    text = jsonfmt.FORMATS["json"](shipped[:2], OPTIONS)
    assert text.startswith('[\n  {\n    "zh": "中俄战略协作高端智库",\n')
    assert json.loads(text) == [t.to_dict() for t in shipped[:2]]


def test_jsonl_is_one_object_per_line(shipped: tuple[Term, ...]) -> None:
    text = jsonfmt.FORMATS["jsonl"](shipped, OPTIONS)
    rows = text.splitlines()
    assert len(rows) == len(shipped)
    assert [json.loads(r) for r in rows] == [t.to_dict() for t in shipped]


# Generated glossaries round-trip through every format: tests/test_properties.py.


# --------------------------------------------------------------------- json import


def problems_of(result: ImportResult) -> list[str]:
    return [f"{p.where}: {p.message}" for p in result.problems]


def test_invalid_json_is_one_problem_at_its_line_and_column() -> None:
    text = '[\n  {"zh": "背靠背", "en": ["back to back"]},\n  {"zh": "特殊友军" "en": []}\n]\n'
    result = parse_json(text, "t.json")
    assert problems_of(result) == ["t.json:3:17: invalid JSON: expecting ',' delimiter"]
    assert [t.zh for t in result.terms] == ["背靠背"]


def test_each_bad_object_of_a_json_list_is_a_problem() -> None:
    text = (
        "[\n"
        '  {"zh": "背靠背", "en": "back to back"},\n'
        '  {"zh": "三股势力", "en": ["three evil forces"], "defintion": "x"},\n'
        '  "特殊友军",\n'
        '  {"zh": "家门口", "en": "doorstep", "en": "home doorstep"},\n'
        '  {"zh": "五国两方"}\n'
        "]\n"
    )
    result = parse_json(text, "t.json")
    assert problems_of(result) == [
        "t.json:3:47: unknown key 'defintion'",
        "t.json:4:3: expected a JSON object, found a string",
        "t.json:5:35: key 'en' appears twice",
        "t.json:6:3: 五国两方 has no 'en'",
    ]
    assert [t.zh for t in result.terms] == ["背靠背"]


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("", "t.json:1:1: the file is empty"),
        ('{"zh": "背靠背"}', "t.json:1:1: expected a list of objects, found an object"),
        ("[] []", "t.json:1:4: invalid JSON: extra data"),
    ],
)
def test_a_json_file_that_is_not_a_list_is_one_problem(text: str, problem: str) -> None:
    assert problems_of(parse_json(text, "t.json")) == [problem]


# ------------------------------------------------------------------------- pleco


def syllable_tones(reading: str | None) -> list[tuple[str, int]]:
    """Give the syllables of a reading with their tones, whatever separates them."""
    return [(piece, tone) for piece, tone in tones.syllables(reading or "") if tone]


def test_pleco_lines_have_three_fields_under_category_lines(
    shipped: tuple[Term, ...], tmp_path: Path
) -> None:
    text = through_file(tmp_path / "pleco.txt", pleco.export(shipped, OPTIONS))
    rows = text.splitlines()
    entries = [r for r in rows if not r.startswith("//")]
    assert len(entries) == len(shipped)
    assert all(len(r.split("\t")) == 3 for r in entries)
    assert "三股势力[三股勢力]\tsan1 gu3 shi4 li4\tthree evil forces; three forces — " in text
    categories = [r[2:] for r in rows if r.startswith("//")]
    assert categories == sorted({t.tags[0] for t in shipped if t.tags}, key=str.casefold)


def test_pleco_reads_back_what_it_needs(shipped: tuple[Term, ...], tmp_path: Path) -> None:
    text = through_file(tmp_path / "pleco.txt", pleco.export(shipped, OPTIONS))
    result = parse_pleco(text, "pleco.txt")
    assert result.problems == ()
    back = {t.zh: t for t in result.terms}
    assert set(back) == {t.zh for t in shipped}
    for term in shipped:
        again = back[term.zh]
        assert again.traditional == term.traditional
        assert again.en == term.en
        assert again.tags == term.tags[:1]
        assert again.literal == term.literal
        assert again.definition == term.definition
        assert syllable_tones(again.pinyin) == syllable_tones(term.pinyin)


def test_tabs_and_line_breaks_never_leak_into_a_pleco_line() -> None:
    term = Term(
        zh="背靠背",
        traditional="背靠背",
        pinyin="bèi\tkào\nbèi",
        en=("back\tto back", "back-to-\nback"),
        literal="back\r\nleaning on back",
        definition="Each side\tguards\nthe other's rear.",
        tags=("military\tdoctrine",),
    )
    rows = pleco.export([term], OPTIONS).splitlines()
    assert rows == [
        "//military doctrine",
        "背靠背[背靠背]\tbei4 kao4 bei4\tback to back; back-to- back"
        " — lit. back leaning on back — Each side guards the other's rear.",
    ]


def test_untagged_terms_come_before_any_pleco_category() -> None:
    tagged = Term(zh="三股势力", en=("three evil forces",), pinyin="sān gǔ shìlì", tags=("sco",))
    untagged = Term(zh="背靠背", en=("back to back",), pinyin="bèikàobèi")
    rows = pleco.export([tagged, untagged], OPTIONS).splitlines()
    assert [r.split("\t")[0] for r in rows] == ["背靠背", "//sco", "三股势力"]
    assert [t.tags for t in parse_pleco("\n".join(rows), "p.txt").terms] == [(), ("sco",)]


def test_pleco_pinyin_writes_u_umlaut_and_the_neutral_tone() -> None:
    assert pleco.numbered("Zhànlüè dìqū de") == "Zhan4 lu:e4 di4 qu1 de5"


@pytest.mark.parametrize(
    ("line", "problem"),
    [
        ("背靠背 bei4kao4bei4 back to back", "p.txt:2:1: this line has no tab"),
        ("\tbei4kao4bei4\tback to back", "p.txt:2:1: this line has no headword"),
        ("三股势力[三股勢力\tsan1\tx", "p.txt:2:5: the headword's brackets do not match"),
        (
            "背靠背\tbei4\tback\tmore",
            "p.txt:2:15: this line has 4 tab-separated fields; Pleco lines have 3",
        ),
        ("背靠背\tbei4kao4bei4\t", "p.txt:2:18: 背靠背 has no 'en'"),
    ],
)
def test_a_bad_pleco_line_is_a_located_problem(line: str, problem: str) -> None:
    text = f"//sco\n{line}\n特殊友军\tte4shu1 you3jun1\tspecial friendly armies\n"
    result = parse_pleco(text, "p.txt")
    assert problems_of(result) == [problem]
    assert [(t.zh, t.pinyin) for t in result.terms] == [("特殊友军", "tèshū yǒujūn")]


# ------------------------------------------------------------------------ omegat


def test_omegat_has_one_line_per_rendering_and_none_to_avoid(
    shipped: tuple[Term, ...], tmp_path: Path
) -> None:
    text = through_file(tmp_path / "glossary.utf8", omegat.export(shipped, OPTIONS))
    rows = [r.split("\t") for r in text.splitlines()]
    assert len(rows) == sum(len(t.en) for t in shipped)
    assert all(len(r) == 3 for r in rows)
    for term in shipped:
        targets = [r[1] for r in rows if r[0] == term.zh]
        assert targets == list(term.en)
        assert not set(targets) & set(term.avoid)
    assert any(t.avoid for t in shipped)


def test_an_omegat_comment_is_the_pinyin_and_the_definition_on_one_line() -> None:
    term = Term(
        zh="背靠背",
        pinyin="bèikàobèi",
        en=("back to back",),
        avoid=("back-to-back",),
        definition="Each side\tguards\nthe other's rear.",
    )
    assert omegat.export([term], OPTIONS) == (
        "背靠背\tback to back\tbèikàobèi — Each side guards the other's rear.\n"
    )


# ------------------------------------------------------------------------- deepl


def test_deepl_leaves_out_entries_it_would_reject() -> None:
    good = Term(zh="三股势力", en=("three evil forces", "three forces"))
    control = Term(zh="背靠背", en=("back\x07to back",))
    overlong = Term(zh="特殊友军", en=("special " * 130,))
    duplicate = Term(zh="三股势力", en=("three forces",), id="three-forces")
    exactly = Term(zh="家门口", en=("门" * 341 + "x",))  # 1024 bytes: allowed
    terms = [good, control, overlong, duplicate, exactly]
    lines, left_out = deepl.plan(terms)
    assert lines == ["三股势力\tthree evil forces", "家门口\t" + "门" * 341 + "x"]
    assert left_out == deepl.skipped(terms)
    assert [(s.term, s.reason) for s in left_out] == [
        (control, "control character U+0007 in the target"),
        (overlong, "the target is 1039 bytes in UTF-8; DeepL allows at most 1024"),
        (duplicate, "duplicate source '三股势力' (first given by 三股势力)"),
    ]
    assert deepl.export(terms, OPTIONS) == "".join(f"{line}\n" for line in lines)


def test_deepl_exports_every_shipped_term(shipped: tuple[Term, ...]) -> None:
    lines, left_out = deepl.plan(shipped)
    assert left_out == []
    assert lines == [f"{t.zh}\t{t.preferred}" for t in shipped]


@pytest.mark.parametrize("fmt", ["csv", "tsv", "json", "jsonl", "tbx"])
def test_every_export_that_has_an_import_round_trips_through_the_command_line(
    run, tmp_path: Path, fmt: str
) -> None:
    assert run("-g", str(SHIPPED), "export", fmt, "-o", f"out.{fmt}").exit_code == 0
    result = run("import", fmt, f"out.{fmt}", "-o", "back.yaml")
    assert result.exit_code == 0, result.output
    assert store.load([tmp_path / "back.yaml"]).terms == store.load([SHIPPED]).terms


def test_stardict_export_needs_a_folder(run, tmp_path: Path) -> None:
    assert run("export", "stardict").exit_code == 2
    result = run("export", "stardict", "-o", "dict")
    assert result.exit_code == 0, result.output
    assert sorted(p.suffix for p in (tmp_path / "dict").iterdir()) == [
        ".dict",
        ".idx",
        ".ifo",
        ".syn",
    ]


def test_deepl_export_reports_what_it_leaves_out(run, write) -> None:
    write("terms.yaml", 'terms:\n  - zh: 甲\n    en: a\n  - zh: 乙\n    en: ["x\\u0007y"]\n')
    result = run("export", "deepl")
    assert result.exit_code == 0
    assert result.stdout == "甲\ta\n"
    assert result.stderr.startswith("glossary: deepl leaves out 乙: ")
