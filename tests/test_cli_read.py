"""extract, scan and check through the command line, on the shipped glossary."""

from __future__ import annotations

import json
from pathlib import Path

import yaml

from glossary.termfile import store
from tests.conftest import SMALL

ARTICLE = (
    "Cooperation in the field of security within the SCO, in particular on combating the "
    '"three evil forces" (三股势力), continues. Wang calls for "special friendly armies" '
    "(特殊友军) and for ties that work back to back (背靠背式).\n"
    "Brand-new terms also appear, such as the Shanghai Spirit (上海精神).\n"
)


def test_extract_yaml_gives_new_pairs_as_entries_and_the_rest_as_comments(run, write) -> None:
    write("article.txt", ARTICLE)
    result = run("extract", "article.txt", "--format", "yaml")
    assert result.exit_code == 0, result.output
    entries = yaml.safe_load("terms:\n" + result.stdout)["terms"]
    by_zh = {e["zh"]: e for e in entries}
    assert set(by_zh) == {"背靠背式", "上海精神"}  # the new ones only
    assert by_zh["上海精神"]["en"] == ["Shanghai Spirit"]
    assert by_zh["上海精神"]["source"] == "article.txt"
    assert "  # known: 三股势力 = three evil forces\n" in result.stdout
    assert "  # new" in result.stdout


def test_extract_yaml_conflicts_show_the_glossary_renderings(run, write) -> None:
    write("article.txt", "They speak of the three dark forces (三股势力) again.\n")
    result = run("extract", "article.txt", "--format", "yaml")
    assert result.stdout == (
        "  # conflict: 三股势力 = three dark forces "
        "(the glossary has: three evil forces; three forces)\n"
    )


def test_extract_yaml_into_add_is_safe_on_a_new_glossary(run, write, tmp_path: Path) -> None:
    """The pipe the docs show: extract's YAML to add -, on a glossary made by init, twice."""
    assert run("init").exit_code == 0
    text = ARTICLE + "Later the Shanghai Spirit (上海精神) and the Spirit of Shanghai (上海精神).\n"
    write("article.txt", text)
    first = run("extract", "article.txt", "--format", "yaml")
    assert run("add", "-", input=first.stdout).exit_code == 0
    glossary = store.load([tmp_path / "terms.yaml"])
    by_zh = {t.zh: t for t in glossary}
    assert by_zh["上海精神"].en == ("Shanghai Spirit", "Spirit of Shanghai")
    assert len(glossary.terms) == len(by_zh)  # no headword twice
    again = run("extract", "article.txt", "--format", "yaml")
    assert "- zh:" not in again.stdout  # everything is known now: nothing to add twice


def test_extract_json_and_source(run, write) -> None:
    write("article.txt", ARTICLE)
    result = run("extract", "article.txt", "--format", "json", "--source", "Stanzel 2019")
    data = json.loads(result.stdout)
    first = next(d for d in data if d["zh"] == "三股势力")
    assert first["status"] == "known"
    assert first["source"] == "Stanzel 2019"
    assert first["line"] == 1


def test_extract_add_puts_only_new_pairs_in_the_glossary(run, write, tmp_path: Path) -> None:
    write("terms.yaml", SMALL)
    write("article.txt", ARTICLE)
    result = run("extract", "article.txt", "--add")
    assert result.exit_code == 0, result.output
    headwords = [t.zh for t in store.load([tmp_path / "terms.yaml"])]
    assert headwords[:3] == ["三股势力", "特殊友军", "背靠背"]
    assert "上海精神" in headwords
    assert headwords.count("三股势力") == 1


def test_extract_nothing_found_exits_1(run, write) -> None:
    write("plain.txt", "No Chinese here (2019), nor here [1].\n")
    assert run("extract", "plain.txt").exit_code == 1


def test_scan_counts_and_offsets(run, write) -> None:
    text = (
        "上海合作组织成员国重申，共同打击三股势力。三股勢力仍是威胁。上海合作\n组织将继续合作。\n"
    )
    write("news.txt", text)
    plain = run("scan", "news.txt", "--format", "plain")
    assert plain.exit_code == 0, plain.output
    rows = {line.split("\t")[0]: line.split("\t") for line in plain.stdout.splitlines()}
    assert rows["上海合作组织"][1] == "2"
    assert rows["三股势力"][1] == "2"
    spans = json.loads(run("scan", "news.txt", "--format", "json").stdout)
    first = spans[0]
    assert (first["start"], first["end"], first["zh"]) == (0, 6, "上海合作组织")
    assert all(text[s["start"] : s["end"]] == s["text"] for s in spans)


def test_scan_markdown_and_nothing_found(run, write) -> None:
    write("news.txt", "三股势力。\n")
    md = run("scan", "news.txt", "--format", "md")
    assert md.exit_code == 0 and "[^1]" in md.stdout and "three evil forces" in md.stdout
    write("none.txt", "今天天气很好。\n")
    assert run("scan", "none.txt").exit_code == 1


def test_check_points_at_a_rendering_to_avoid(run, write) -> None:
    write("draft.md", "# Draft\n\nBeijing and Moscow fight the three evils together.\n")
    result = run("check", "draft.md")
    assert result.exit_code == 1
    line = result.stdout.splitlines()[0]
    assert line.startswith("draft.md:3:30: GL001 ")
    assert "three evil forces" in line
    data = json.loads(run("check", "draft.md", "--format", "json").stdout)
    assert data[0]["code"] == "GL001" and data[0]["fix"] == "three evil forces"


def test_check_fix_rewrites_the_file_and_keeps_case(run, write, tmp_path: Path) -> None:
    path = write("draft.md", "Three evils are named.\nThey fight the three evils.\n")
    result = run("check", "draft.md", "--fix")
    assert result.exit_code == 0, result.output
    assert path.read_text(encoding="utf-8") == (
        "Three evil forces are named.\nThey fight the three evil forces.\n"
    )
    assert result.stderr == "fixed 2 renderings\n"


def test_check_a_clean_draft(run, write) -> None:
    write("draft.md", "The three evil forces (三股势力) matter.\n")
    result = run("check", "draft.md")
    assert result.exit_code == 0
    assert result.stdout == ""


def test_check_reads_stdin(run) -> None:
    result = run("check", "-", input="the three evils\n")
    assert result.exit_code == 1
    assert result.stdout.startswith("<stdin>:1:5: GL001 ")
