"""The command line: options, formats and exit codes, through Typer's runner and a real pipe."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from markdown_it import MarkdownIt

from tests.conftest import REPO, SMALL


@pytest.fixture
def small(write):
    return write("terms.yaml", SMALL)


def test_search_plain_is_tab_separated_best_first(run, small) -> None:
    result = run("search", "three")
    assert result.exit_code == 0
    assert result.stdout == "三股势力\tsān gǔ shìlì\tthree evil forces\n"
    assert result.stderr == ""


def test_search_limit(run) -> None:
    # The shipped glossary (no terms.yaml in the test's folder).
    result = run("search", "zhong e", "--limit", "2")
    assert result.exit_code == 0
    assert len(result.stdout.splitlines()) == 2


def test_search_tag_filter(run, small) -> None:
    assert run("search", "back", "--tag", "military").exit_code == 1
    result = run("search", "s", "--tag", "SCO")
    assert [line.split("\t")[0] for line in result.stdout.splitlines()] == ["三股势力"]


def test_search_nothing_found_exits_1(run, small) -> None:
    result = run("search", "xylophone")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr == "glossary: nothing matches 'xylophone'\n"


@pytest.mark.parametrize("query", ["", "   ", "?!"])
def test_search_empty_query_exits_2(run, small, query) -> None:
    result = run("search", query)
    assert result.exit_code == 2
    assert result.stderr.startswith("glossary: error: ")
    assert "Traceback" not in result.output


def test_search_json_shape(run, small) -> None:
    result = run("search", "sangu", "--format", "json")
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert data == [
        {
            "zh": "三股势力",
            "traditional": "三股勢力",
            "pinyin": "sān gǔ shìlì",
            "en": ["three evil forces", "three forces"],
            "definition": "Terrorism, separatism and extremism.",
            "tags": ["security", "sco"],
            "match": {"field": "pinyin", "text": "sān gǔ shìlì", "score": 88.0},
        }
    ]
    assert "三股势力" in result.stdout  # not \u-escaped


def test_search_jsonl_one_object_a_line(run, small) -> None:
    result = run("search", "back", "-f", "jsonl")
    lines = result.stdout.splitlines()
    assert [json.loads(line)["zh"] for line in lines] == ["背靠背"]


def test_search_md_uses_the_show_snippet(run, small) -> None:
    searched = run("search", "背靠背", "--format", "md").stdout
    shown = run("show", "背靠背", "--format", "md").stdout
    assert searched == shown


def test_search_table(run, small) -> None:
    result = run("search", "sangu", "--format", "table")
    assert result.exit_code == 0
    assert "Chinese" in result.stdout and "三股势力" in result.stdout
    assert "\x1b[" not in result.stdout  # NO_COLOR is set for every test


def test_unknown_format_exits_2(run, small) -> None:
    result = run("search", "sangu", "--format", "yaml")
    assert result.exit_code == 2
    assert result.stderr == (
        "glossary: error: unknown format 'yaml'; use one of: table, plain, tsv, json, jsonl, md\n"
    )


def test_show_plain(run, small) -> None:
    result = run("show", "三股势力")
    assert result.exit_code == 0
    assert result.stdout == (
        "zh: 三股势力\n"
        "traditional: 三股勢力\n"
        "pinyin: sān gǔ shìlì\n"
        "en: three evil forces; three forces\n"
        "definition: Terrorism, separatism and extremism.\n"
        "tags: security; sco\n"
    )


@pytest.mark.parametrize(
    "name", ["特殊友军", "special-friendly-armies", "teshu youjun", "tèshū yǒujūn"]
)
def test_show_by_headword_id_or_pinyin(run, small, name) -> None:
    result = run("show", name, "--format", "json")
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["zh"] == "特殊友军"


def test_show_by_traditional(run, small) -> None:
    assert json.loads(run("show", "三股勢力", "-f", "json").stdout)["zh"] == "三股势力"


def test_show_unknown_exits_1_and_names_closest(run, small) -> None:
    result = run("show", "三股")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr == "glossary: error: no term '三股' in the glossary; closest: 三股势力\n"


def test_show_table(run, small) -> None:
    result = run("show", "背靠背", "--format", "table")
    assert "bèikàobèi" in result.stdout
    assert "context" in result.stdout


def test_show_md_is_clean_markdown(run) -> None:
    result = run("show", "特殊友军", "--format", "md")
    assert result.exit_code == 0
    text = result.stdout
    assert text.startswith("**特殊友军** (特殊友軍) *tèshū yǒujūn* — special friendly armies\n\n")
    tokens = MarkdownIt("commonmark").parse(text)
    assert [t.type for t in tokens][:3] == ["paragraph_open", "inline", "paragraph_close"]
    assert "bullet_list_open" in [t.type for t in tokens]
    html = MarkdownIt("commonmark").render(text)
    assert "<strong>Definition:</strong>" in html


def test_show_md_keeps_markup_in_fields_literal(run, write) -> None:
    write(
        "terms.yaml",
        "terms:\n  - zh: 甲\n    en: ['a | b <b>bold</b> *x* [l](u)']\n"
        '    definition: "# heading\\n- item"\n',
    )
    html = MarkdownIt("commonmark").render(run("show", "甲", "-f", "md").stdout)
    assert "a | b &lt;b&gt;bold&lt;/b&gt; *x* [l](u)" in html
    assert "<h1>" not in html and "<em>x" not in html and "<a " not in html
    assert "# heading - item" in html


def test_debug_shows_a_traceback(run, write) -> None:
    write("terms.yaml", "terms: [\n")
    assert "Traceback" not in run("search", "x").stderr
    result = run("--debug", "search", "x")
    assert result.exit_code == 3
    assert "Traceback" in result.stderr


def test_version(run) -> None:
    result = run("--version")
    assert result.exit_code == 0
    assert result.stdout.startswith("glossary ")


def test_usage_error_exits_2(run) -> None:
    assert run("search").exit_code == 2
    assert run("search", "x", "--limit", "0").exit_code == 2
    assert run("frobnicate").exit_code == 2


def _subprocess(*args: str, cwd, **env: str) -> subprocess.CompletedProcess[str]:
    environ = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "GLOSSARY_FILE")}
    environ.update(env)
    return subprocess.run(
        [sys.executable, "-m", "glossary", *args],
        cwd=cwd,
        env=environ,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=60,
        check=False,
    )


def test_piped_output_is_plain_text(tmp_path) -> None:
    """A real pipe: no table, no escape codes, even when the terminal asks for colour."""
    result = _subprocess("search", "three evil", cwd=tmp_path, FORCE_COLOR="1", TERM="xterm")
    assert result.returncode == 0, result.stderr
    assert "\x1b" not in result.stdout
    assert result.stdout.splitlines()[0] == "三股势力\tsān gǔ shìlì\tthree evil forces"


def test_errors_go_to_stderr_in_a_real_process(tmp_path) -> None:
    (tmp_path / "terms.yaml").write_text("terms:\n  - zh: 甲\n    defintion: x\n", encoding="utf-8")
    result = _subprocess("search", "x", cwd=tmp_path)
    assert result.returncode == 3
    assert result.stdout == ""
    assert result.stderr.startswith("glossary: terms.yaml:3:5: error: unknown key 'defintion'")


def test_utf8_output_whatever_the_locale(tmp_path) -> None:
    result = _subprocess("search", "sangu", cwd=tmp_path, LC_ALL="C", LANG="C", PYTHONIOENCODING="")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("三股势力\t")


def test_closed_pipe_is_not_an_error(tmp_path) -> None:
    cmd = f"{sys.executable} -m glossary search a | head -n 1"
    result = subprocess.run(
        cmd, shell=True, cwd=tmp_path, capture_output=True, text=True, timeout=60, check=False
    )
    assert result.returncode == 0
    assert result.stderr == ""
    assert len(result.stdout.splitlines()) == 1


def test_console_script_is_installed(tmp_path) -> None:
    script = os.path.join(os.path.dirname(sys.executable), "glossary")
    result = subprocess.run(
        [script, "show", "背靠背", "-f", "json"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["pinyin"] == "bèikàobèi"
    assert REPO.exists()
