"""Hostile paths: symbolic link loops, names that are not UTF-8, odd cache folders.

Each runs the real command in a process of its own, since what is at stake is what the
process does with the bytes the file system and the environment hand it. Each case says
what comes out: the right answer, or one line ``glossary: ...`` with its exit code, never
a traceback.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.test_hostile import GLOSSARY

#: A byte that is not UTF-8, as the file system hands it to Python (a surrogate escape).
LATIN1_E = os.fsdecode(b"\xe9")


def glossary(
    *args: str, cwd: Path, env: dict[str, str] | None = None, stdin: bytes = b""
) -> subprocess.CompletedProcess[bytes]:
    """Run ``glossary ARGS`` in a process of its own; its output as bytes."""
    return subprocess.run(
        [sys.executable, "-m", "glossary", *args],
        cwd=cwd,
        env={**os.environ, **(env or {})},
        input=stdin,
        capture_output=True,
        timeout=120,
    )


def one_line(result: subprocess.CompletedProcess[bytes], code: int, phrase: str) -> str:
    """The run exited ``code`` with one line on stderr holding ``phrase``; give the line."""
    said = result.stderr.decode("utf-8", "replace")
    assert result.returncode == code, (result.returncode, said)
    assert "Traceback" not in said and len(said.splitlines()) == 1, said
    assert said.startswith("glossary: ") and phrase in said, said
    return said


@pytest.fixture
def loop(tmp_path: Path) -> Path:
    """Two symbolic links pointing at each other."""
    (tmp_path / "a.yaml").symlink_to(tmp_path / "b.yaml")
    (tmp_path / "b.yaml").symlink_to(tmp_path / "a.yaml")
    (tmp_path / "terms.yaml").write_text(GLOSSARY, encoding="utf-8")
    return tmp_path / "a.yaml"


@pytest.mark.parametrize(
    "args",
    [
        ("-g", "a.yaml", "search", "back"),
        ("-g", "a.yaml", "show", "背靠背"),
        ("-g", "a.yaml", "add", "新词", "--en", "new", "--pinyin", "xīncí"),
        ("validate", "a.yaml"),
        ("scan", "a.yaml"),
        ("extract", "a.yaml"),
        ("check", "a.yaml"),
        ("import", "csv", "a.yaml", "-o", "out.yaml"),
    ],
    ids=lambda a: " ".join(a[:3]),
)
def test_a_symbolic_link_loop_is_a_clear_error(loop: Path, args: tuple[str, ...]) -> None:
    """Was a RuntimeError traceback (Path.resolve on a loop), exit 1."""
    one_line(glossary(*args, cwd=loop.parent), 3, "a.yaml: Too many levels of symbolic links")
