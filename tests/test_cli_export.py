"""``glossary export``: a subcommand per format, each with only the options it takes."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from glossary import exporters
from tests.conftest import SMALL

# The options each format declares, beyond -o, --tag and --query.
OWN = {
    "markdown": {"--style", "--sort", "--group-by", "--fields"},
    "anki": {"--cards", "--deck", "--tone-colors"},
    "anki-tsv": {"--cards", "--deck", "--tone-colors"},
    "tbx": {"--tbx-version"},
    "html": {"--tone-colors", "--ruby", "--layout"},
    "csv": {"--raw"},
    "tsv": {"--raw"},
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


# --- -o never destroys: the glossary in use, an existing file, a device -------------------

FILE_FORMATS = [name for name in exporters.MODULES if name != "stardict"]


def _one_line(result, code: int, phrase: str) -> None:
    assert result.exit_code == code, (result.exit_code, result.stderr)
    assert result.exception is None or isinstance(result.exception, SystemExit)
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("glossary: error: "), lines
    assert phrase in lines[0], lines[0]


@pytest.mark.parametrize("fmt", FILE_FORMATS)
def test_export_never_writes_over_the_glossary_in_use(run, write, fmt: str) -> None:
    """export csv -o terms.yaml replaced the glossary with CSV; every later command failed."""
    path = write("terms.yaml", SMALL)
    for force in ([], ["--force"]):
        _one_line(run("export", fmt, "-o", "terms.yaml", *force), 2, "is the glossary in use")
    assert path.read_text(encoding="utf-8") == SMALL
    assert run("search", "army").exit_code == 0


@pytest.mark.parametrize("how", ["./ path", "absolute path", "symbolic link", "hard link", "-g"])
def test_the_glossary_in_use_is_known_by_identity(run, write, tmp_path: Path, how: str) -> None:
    path = write("terms.yaml", SMALL)
    chosen: list[str] = []
    output = {"./ path": "./terms.yaml", "absolute path": str(path)}.get(how, "out.csv")
    if how == "symbolic link":
        (tmp_path / "out.csv").symlink_to(path)
    elif how == "hard link":
        os.link(path, tmp_path / "out.csv")
    elif how == "-g":
        (tmp_path / "other.yaml").write_text(SMALL, encoding="utf-8")
        chosen, output = ["-g", "other.yaml"], "other.yaml"
    result = run(*chosen, "export", "csv", "-o", output, "--force")
    _one_line(result, 2, "is the glossary in use")
    assert path.read_text(encoding="utf-8") == SMALL
    if how == "-g":
        assert (tmp_path / "other.yaml").read_text(encoding="utf-8") == SMALL


def test_an_existing_file_is_replaced_only_with_force(run, write, tmp_path: Path) -> None:
    write("terms.yaml", SMALL)
    out = write("out.csv", "my notes\n")
    _one_line(
        run("export", "csv", "-o", "out.csv"),
        2,
        "out.csv already exists; nothing was written; add --force",
    )
    assert out.read_text(encoding="utf-8") == "my notes\n"
    result = run("export", "csv", "-o", "out.csv", "--force")
    assert result.exit_code == 0, result.stderr
    assert out.read_text(encoding="utf-8").startswith("zh,traditional,pinyin,en,")


@pytest.mark.parametrize(
    ("output", "code", "phrase"),
    [
        ("/dev/null", 2, "/dev/null is not a regular file (a device or a pipe)"),
        (".", 2, ". is a folder"),
        ("loop.csv", 3, "cannot write loop.csv: Too many levels of symbolic links"),
    ],
)
def test_what_is_not_a_file_is_never_replaced(
    run, write, tmp_path: Path, output: str, code: int, phrase: str
) -> None:
    """Root renaming a file over /dev/null would have replaced the device for every user."""
    write("terms.yaml", SMALL)
    (tmp_path / "loop.csv").symlink_to(tmp_path / "loop.csv")
    _one_line(run("export", "csv", "-o", output, "--force"), code, phrase)
    assert Path("/dev/null").is_char_device()


def test_the_shipped_glossary_is_never_an_output() -> None:
    from glossary import paths
    from glossary.errors import UsageError
    from glossary.termfile import outputs

    with pytest.raises(UsageError, match="is the glossary in use"):
        outputs.check(paths.shipped_path(), in_use=[], force=True)


def test_import_never_writes_over_a_file_without_force(run, write, tmp_path: Path) -> None:
    write("terms.yaml", SMALL)
    write("in.csv", "zh,en\n背对背,back to back\n")
    out = write("new.yaml", "title: mine\nterms: []\n")
    _one_line(run("import", "csv", "in.csv", "-o", "new.yaml"), 2, "new.yaml already exists")
    _one_line(run("import", "csv", "in.csv", "-o", "terms.yaml", "--force"), 2, "in use")
    assert out.read_text(encoding="utf-8") == "title: mine\nterms: []\n"
    assert run("import", "csv", "in.csv", "-o", "new.yaml", "--force").exit_code == 0
    assert "zh: 背对背" in out.read_text(encoding="utf-8")
    assert (tmp_path / "terms.yaml").read_text(encoding="utf-8") == SMALL


def test_a_stardict_folder_is_replaced_only_with_force(run, write, tmp_path: Path) -> None:
    write("terms.yaml", SMALL)
    assert run("export", "stardict", "-o", "dict").exit_code == 0
    (tmp_path / "dict" / "test-glossary.idx.oft").write_bytes(b"sdcv's cache")
    _one_line(run("export", "stardict", "-o", "dict"), 2, "dict already exists")
    assert run("export", "stardict", "-o", "dict", "--force").exit_code == 0
    (tmp_path / "dict" / "notes.txt").write_text("mine", encoding="utf-8")
    _one_line(run("export", "stardict", "-o", "dict", "--force"), 2, "holds dict/notes.txt")
    assert (tmp_path / "dict" / "notes.txt").read_text(encoding="utf-8") == "mine"
    _one_line(run("export", "stardict", "-o", ".", "--force"), 2, ". holds ")
    (tmp_path / "empty").mkdir()
    assert run("export", "stardict", "-o", "empty").exit_code == 0  # nothing to lose


@pytest.mark.parametrize("fmt", ["json", "csv", "markdown"])
def test_dash_as_the_output_is_stdout(run, write, tmp_path: Path, fmt: str) -> None:
    """export json -o - wrote a file named "-"."""
    write("terms.yaml", SMALL)
    result = run("export", fmt, "-o", "-")
    assert result.exit_code == 0, result.stderr
    assert result.stdout == run("export", fmt).stdout
    assert not (tmp_path / "-").exists()


def test_import_to_dash_writes_the_glossary_to_stdout(run, write, tmp_path: Path) -> None:
    write("in.csv", "zh,en\n背对背,back to back\n")
    result = run("import", "csv", "in.csv", "-o", "-", "--title", "T")
    assert result.exit_code == 0, result.stderr
    assert result.stdout == "title: T\nterms:\n  - zh: 背对背\n    en:\n      - back to back\n"
    assert result.stderr == "wrote 1 terms to stdout\n"
    assert not (tmp_path / "-").exists()


def test_a_folder_format_cannot_go_to_stdout(run, write, tmp_path: Path) -> None:
    write("terms.yaml", SMALL)
    _one_line(run("export", "stardict", "-o", "-"), 2, "stardict is a folder of files")
    assert not (tmp_path / "-").exists()
