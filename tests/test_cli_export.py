"""``glossary export``: a subcommand per format, each with only the options it takes."""

from __future__ import annotations

import json

import pytest

from glossary import exporters

# The options each format declares, beyond -o, --tag and --query.
OWN = {
    "markdown": {"--style", "--sort", "--group-by", "--fields"},
    "anki": {"--cards", "--deck", "--tone-colors"},
    "anki-tsv": {"--cards", "--deck", "--tone-colors"},
    "tbx": {"--tbx-version"},
    "html": {"--tone-colors", "--ruby", "--layout"},
}
EVERY_OWN = set().union(*OWN.values())


def test_export_help_lists_every_format(run) -> None:
    result = run("export", "--help")
    assert result.exit_code == 0
    listed = {line.split()[1] for line in result.stdout.splitlines() if line.startswith("│ ")}
    assert set(exporters.MODULES) <= listed


@pytest.mark.parametrize("name", list(exporters.MODULES))
def test_a_formats_help_shows_its_own_options_only(run, name: str) -> None:
    result = run("export", name, "--help")
    assert result.exit_code == 0, result.output
    shown = {word for word in result.stdout.split() if word.startswith("--")}
    assert {"--output", "--tag", "--query"} <= shown
    assert shown & EVERY_OWN == OWN.get(name, set())


def test_an_option_of_another_format_is_a_usage_error(run) -> None:
    result = run("export", "csv", "--style", "entries")
    assert result.exit_code == 2
    assert "--style" in result.output


def test_format_options_reach_the_exporter(run) -> None:
    result = run("export", "tbx", "--tbx-version", "3", "--tag", "sco")
    assert result.exit_code == 0, result.output
    assert "<tbx " in result.stdout and "三股势力" in result.stdout
    entries = run("export", "markdown", "--style", "entries", "--fields", "zh,en", "-t", "sco")
    assert "### 三股势力" in entries.stdout and "**Definition:**" not in entries.stdout


def test_a_format_name_is_read_in_any_case(run) -> None:
    assert (
        run("export", "JSONL", "--tag", "sco").stdout == run("export", "jsonl", "-t", "sco").stdout
    )


@pytest.mark.parametrize("query", ["army", "zhong", "中俄", "sgsl", "tag:sco"])
def test_export_query_chooses_and_ranks_as_search_does(run, query: str) -> None:
    searched = json.loads(run("search", query, "-n", "1000", "--format", "json").stdout)
    exported = [
        json.loads(line) for line in run("export", "jsonl", "-q", query).stdout.split("\n") if line
    ]
    assert [t["zh"] for t in exported] == [m["zh"] for m in searched]
    assert exported
