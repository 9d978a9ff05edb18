"""`glossary search` and `scan` without Typer: the same command lines, the same output, less
start-up."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from glossary.cli.entry import Request, read_command
from glossary.model import Term
from glossary.termfile import yamltext

from .conftest import SMALL


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["search", "sangu"], Request("search", "sangu")),
        (["search", "three evil"], Request("search", "three evil")),
        (["search", "-n", "3", "x"], Request("search", "x", limit=3)),
        (["search", "x", "-n3"], Request("search", "x", limit=3)),
        (["search", "--limit=3", "x", "--limit", "4"], Request("search", "x", limit=4)),
        (
            ["search", "-t", "a", "--tag=b", "-tc", "x"],
            Request("search", "x", tags=("a", "b", "c")),
        ),
        (["search", "-f", "json", "x"], Request("search", "x", fmt="json")),
        (
            ["search", "--format=md", "--tone-colors", "mdbg", "x"],
            Request("search", "x", fmt="md", tone_colors="mdbg"),
        ),
        (["search", "--tone-colors", "mdbg", "x"], Request("search", "x", tone_colors="mdbg")),
        (
            ["-g", "a.yaml", "--glossary=b.yaml", "search", "x"],
            Request("search", "x", (Path("a.yaml"), Path("b.yaml"))),
        ),
        (
            ["-g", "a.yaml", "--debug", "search", "x"],
            Request("search", "x", (Path("a.yaml"),), True),
        ),
        (
            ["--max-input", "1G", "search", "x"],
            Request("search", "x", max_input="1G"),
        ),
        (["search", "--", "-x"], Request("search", "-x")),
        (["search", "-"], Request("search", "-")),
        # Left to Typer: it parses (and explains) everything else.
        ([], None),
        (["search"], None),
        (["search", "a", "b"], None),
        (["search", "--help"], None),
        (["search", "-h"], None),
        (["--version"], None),
        (["search", "-x", "a"], None),
        (["search", "-n", "0", "a"], None),
        (["search", "-n", "two", "a"], None),
        (["search", "-n"], None),
        (["show", "x"], None),
        (["scan", "news.txt"], Request("scan", "news.txt")),
        (
            ["-g", "a.yaml", "scan", "-", "-f", "json"],
            Request("scan", "-", (Path("a.yaml"),), fmt="json"),
        ),
        (["scan", "news.txt", "-n", "3"], None),
        (["scan", "a.txt", "b.txt"], None),
        (["scan"], None),
        (["-g"], None),
        (["--debug"], None),
        (["-g", "a.yaml", "show", "x"], None),
    ],
)
def test_which_command_lines_run_without_typer(args: list[str], expected: Request | None) -> None:
    assert read_command(args) == expected


def _glossary(args: list[str], cwd: Path, typer_only: bool) -> tuple[int, str, str]:
    env = {k: v for k, v in os.environ.items() if k != "GLOSSARY_TYPER_ONLY"}
    if typer_only:
        env["GLOSSARY_TYPER_ONLY"] = "1"
    done = subprocess.run(
        [sys.executable, "-m", "glossary", *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    return done.returncode, done.stdout, done.stderr


@pytest.mark.parametrize(
    "args",
    [
        ["search", "sangu"],
        ["search", "three evil", "-n", "2"],
        ["search", "army", "--format", "json"],
        ["search", "中俄", "-f", "jsonl", "-n", "3"],
        ["search", "zhong*", "-f", "md"],
        ["search", "-t", "sco", "s"],
        ["-g", "small.yaml", "search", "back"],
        ["-g", "small.yaml", "-g", "terms.yaml", "search", "back"],
        ["search", "nothing-like-this-anywhere"],
        ["search", ""],
        ["search", "x", "-f", "xml"],
        ["search", "x", "--tone-colors", "rainbow"],
        ["-g", "missing.yaml", "search", "x"],
        ["-g", "broken.yaml", "search", "x"],
        ["scan", "news.txt"],
        ["scan", "news.txt", "--format", "json"],
        ["scan", "news.txt", "-f", "md"],
        ["-g", "small.yaml", "scan", "news.txt", "-f", "plain"],
        ["scan", "plain.txt"],
        ["scan", "missing.txt"],
        ["scan", "news.txt", "-f", "xml"],
        ["scan", "gb18030.txt"],
    ],
)
def test_both_routes_say_the_same(args: list[str], tmp_path: Path) -> None:
    (tmp_path / "small.yaml").write_text(SMALL, encoding="utf-8")
    (tmp_path / "broken.yaml").write_text("terms:\n  - zh: [\n", encoding="utf-8")
    news = "上海合作组织成员国共同打击三股勢力。\n上海合作\n組織秘书处设在北京。"
    (tmp_path / "news.txt").write_text(news, encoding="utf-8")
    (tmp_path / "plain.txt").write_text("没有术语。", encoding="utf-8")
    (tmp_path / "gb18030.txt").write_bytes(news.encode("gb18030"))
    lean = _glossary(args, tmp_path, typer_only=False)
    typer = _glossary(args, tmp_path, typer_only=True)
    assert lean == typer
    assert "Traceback" not in lean[2]


def test_a_reader_that_stops_early_is_no_error(tmp_path: Path) -> None:
    """`glossary search a | head -1`: the rest of the output has nowhere to go; no complaint."""
    terms = [Term(zh=f"词{n}", en=(f"word number {n} " + "padding " * 20,)) for n in range(3000)]
    (tmp_path / "big.yaml").write_text(yamltext.document("Big", terms), encoding="utf-8")
    # Far more than a pipe holds (64 KiB), so the writer meets the closed pipe.
    script = f"{sys.executable} -m glossary -g big.yaml search word -n 3000 -f json | head -1"
    for typer_only in ("", "1"):
        done = subprocess.run(
            script,
            shell=True,
            cwd=tmp_path,
            env={**os.environ, "GLOSSARY_TYPER_ONLY": typer_only} if typer_only else None,
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert done.stdout == "[\n"
        # Only the notice a slow first indexing gives, on a busy machine.
        assert all(line.startswith("glossary: indexing") for line in done.stderr.splitlines())


@pytest.mark.parametrize("args", [["search", "sangu"], ["show", "三股势力"]])
def test_output_is_utf8_whatever_the_locale(args: list[str], tmp_path: Path) -> None:
    env = {**os.environ, "PYTHONIOENCODING": "ascii", "LC_ALL": "C"}
    done = subprocess.run(
        [sys.executable, "-m", "glossary", *args],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert "三股势力" in done.stdout.decode("utf-8")
