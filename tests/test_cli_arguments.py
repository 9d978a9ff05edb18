"""Arguments as a terminal that is not UTF-8 types them (GBK, Latin-1): bytes that are not
UTF-8 reach Python as lone surrogates.

Each case runs the real command with the very bytes on its command line. Before: ``show``
and ``add`` gave UnicodeEncodeError tracebacks, ``init --title`` wrote a glossary its own
``validate`` rejected, ``edit --add-en`` said "please report this". Now every text
argument is refused as ``search`` refuses a query: one line, exit 2, nothing written.
A file name is a path, not text: it may hold any bytes.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import SMALL
from tests.users import needs_root, run_as, shared_folder, warm_up

NOBODY = 65534

#: A byte that is not UTF-8 on the command line, as Python hands it over.
FF = os.fsdecode(b"\xff")
E9 = os.fsdecode(b"caf\xe9")

REFUSED = {
    "show": (("show", FF), "the term"),
    "add": (("add", "中文", "--en", E9), "--en"),
    "add headword": (("add", os.fsdecode(b"\xe4\xb8"), "--en", "x"), "the headword"),
    "add --dry-run": (("add", "中文", "--en", E9, "--dry-run"), "--en"),
    "init --title": (("init", "new.yaml", "--title", FF), "--title"),
    "edit --add-en": (("edit", "背靠背", "--add-en", FF), "--add-en"),
    "edit --definition": (("edit", "背靠背", "--definition", E9), "--definition"),
    "remove": (("remove", FF, "--yes"), "the headword"),
    "search (typer)": (("search", "army", "-t", FF), "--tag"),
    "export --query": (("export", "csv", "--query", FF), "--query"),
    "export --deck": (("export", "anki-tsv", "--deck", FF), "--deck"),
    "extract --source": (("extract", "news.txt", "--source", E9), "--source"),
    "import --title": (("import", "csv", "in.csv", "-o", "out.yaml", "--title", FF), "--title"),
}


def run(args: tuple[str, ...], cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "glossary", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        errors="replace",
        timeout=120,
    )


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    (tmp_path / "terms.yaml").write_text(SMALL, encoding="utf-8")
    (tmp_path / "news.txt").write_text("the three evil forces (三股势力)", encoding="utf-8")
    (tmp_path / "in.csv").write_text("zh,en\n背对背,back to back\n", encoding="utf-8")
    return tmp_path


@pytest.mark.parametrize("case", REFUSED)
def test_undecodable_text_arguments_are_refused(folder: Path, case: str) -> None:
    args, label = REFUSED[case]
    before = sorted((p.name, p.read_bytes()) for p in folder.iterdir())
    result = run(args, folder)
    assert result.returncode == 2, result.stderr
    assert result.stderr == (
        f"glossary: error: {label} holds bytes that are not valid text;"
        " check the terminal's encoding\n"
    )
    assert result.stdout == ""
    assert sorted((p.name, p.read_bytes()) for p in folder.iterdir()) == before


def test_the_fast_path_refuses_a_query_alike(folder: Path) -> None:
    typer = run(("search", FF, "-n", "3"), folder)  # -n 3 after: still the fast path
    assert typer.returncode == 2 and "the query holds bytes that are not valid text" in typer.stderr
    env = {**os.environ, "GLOSSARY_TYPER_ONLY": "1"}
    slow = subprocess.run(
        [sys.executable, "-m", "glossary", "search", FF],
        cwd=folder,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert slow.returncode == 2 and slow.stderr == typer.stderr


def test_a_file_name_may_hold_any_bytes(folder: Path) -> None:
    name = f"{E9}.txt"
    (folder / name).write_text("三股势力", encoding="utf-8")
    result = run(("scan", name, "-f", "plain"), folder)
    assert result.returncode == 0 and result.stdout.startswith("三股势力\t1\t"), result.stderr
    typer = run(("scan", name, "-f", "json", "--format", "plain"), folder)
    assert typer.returncode == 0, typer.stderr
    extracted = run(("extract", name, "-f", "json"), folder)
    assert extracted.returncode == 1 and "no term pairs found in caf\\xe9.txt" in extracted.stderr


UNREADABLE = {
    "search": ["search", "army"],
    "show": ["show", "三股势力"],
    "export": ["export", "csv"],
    "validate": ["validate"],
    "scan": ["scan", "news.txt"],
    "extract": ["extract", "news.txt"],
    "check": ["check", "news.txt"],
}


@needs_root
@pytest.mark.parametrize("command", UNREADABLE)
def test_an_unreadable_glossary_is_exit_3_everywhere(tmp_path: Path, command: str) -> None:
    """-g unreadable.yaml gave Typer's boxed usage error, exit 2, for some commands and
    exit 3 for search. Run as nobody (root reads anything)."""
    args = UNREADABLE[command]
    scratch = tmp_path / "terms.yaml"
    scratch.write_text(SMALL, encoding="utf-8")
    warm_up(args, scratch)
    with shared_folder(NOBODY, 0o755) as folder:
        (folder / "news.txt").write_text("三股势力", encoding="utf-8")
        path = folder / "unreadable.yaml"
        path.write_text(SMALL, encoding="utf-8")
        path.chmod(0o000)
        ran = run_as(NOBODY, NOBODY, ["-g", str(path), *args], folder)
    assert ran.code == 3, ran.stderr
    assert ran.stderr == "glossary: error: cannot read unreadable.yaml: Permission denied\n"
