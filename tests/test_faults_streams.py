"""Standard streams that fail: a closed stdin, stdout or stderr, and a full stdout.

Each case runs the real command in a process of its own whose descriptors are closed or
pointed at ``/dev/full`` (every write fails: no space left on device). Before, these gave
``AttributeError`` tracebacks (``search army >&-``, ``scan - <&-``) and ``OSError``
tracebacks (``export json > /dev/full``), exit 1. Now each says so in one line, exit 3;
and a command that writes nothing to stdout works as ever with it closed.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import SMALL

#: Command lines that write to stdout, with the route they take (fast path or Typer).
WRITERS = {
    "search (fast path)": ("search", "army"),
    "scan (fast path)": ("scan", "news.txt", "-f", "plain"),
    "search (typer)": ("search", "army", "-n", "5"),
    "show": ("show", "三股势力"),
    "show --format plain": ("show", "三股势力", "--format", "plain"),
    "export json": ("export", "json"),
    "export csv": ("export", "csv"),
    "validate": ("validate", "--format", "json"),
    "extract": ("extract", "news.txt", "--format", "json"),
    "help": ("--help",),
    "version": ("--version",),
}


def run(
    args: tuple[str, ...], cwd: Path, *, close: tuple[int, ...] = (), stdout: object = None
) -> subprocess.CompletedProcess[str]:
    """Run ``glossary ARGS`` with the descriptors ``close`` closed when it starts."""

    def closing() -> None:  # pragma: no cover - runs in the child
        for fd in close:
            os.close(fd)

    return subprocess.run(
        [sys.executable, "-m", "glossary", *args],
        cwd=cwd,
        stdin=subprocess.DEVNULL if 0 not in close else None,
        stdout=stdout if stdout is not None else subprocess.DEVNULL,
        stderr=subprocess.PIPE if 2 not in close else None,
        preexec_fn=closing if close else None,
        text=True,
        timeout=120,
    )


def says(result: subprocess.CompletedProcess[str], code: int, line: str) -> None:
    """Exit ``code``, and ``line`` the last said (after what the command says anyway, such
    as validate's count), with no traceback."""
    assert result.returncode == code, (result.returncode, result.stderr)
    assert result.stderr.splitlines()[-1:] == [line], result.stderr
    assert "Traceback" not in result.stderr and "Exception ignored" not in result.stderr


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    (tmp_path / "terms.yaml").write_text(SMALL, encoding="utf-8")
    (tmp_path / "news.txt").write_text(
        "The two armies stood back to back (背靠背) against the three evil forces (三股势力).",
        encoding="utf-8",
    )
    return tmp_path


@pytest.mark.parametrize("command", WRITERS)
def test_a_closed_stdout(folder: Path, command: str) -> None:
    result = run(WRITERS[command], folder, close=(1,))
    says(result, 3, "glossary: error: cannot write the output: stdout is closed")


@pytest.mark.parametrize("command", WRITERS)
def test_a_full_stdout(folder: Path, command: str) -> None:
    with open("/dev/full", "w") as full:
        result = run(WRITERS[command], folder, stdout=full)
    says(result, 3, "glossary: error: cannot write the output: No space left on device")


def test_a_large_export_to_a_full_stdout(folder: Path) -> None:
    """Megabytes: written straight through the buffers, failing on the first write."""
    big = "".join(f"  - zh: 词{i}\n    en: word {i} {'x' * 200}\n" for i in range(20_000))
    (folder / "terms.yaml").write_text("terms:\n" + big, encoding="utf-8")
    with open("/dev/full", "w") as full:
        result = run(("export", "jsonl"), folder, stdout=full)
    says(result, 3, "glossary: error: cannot write the output: No space left on device")


def test_a_writer_with_stdout_closed_still_writes_the_glossary(folder: Path) -> None:
    """Nothing to print, nothing lost: the lock and the temporary file opened with stdout
    closed must not take its number (a stray write to stdout would land in them)."""
    args = ("add", "背对背", "--en", "back to back", "--pinyin", "bèiduìbèi")
    result = run((*args, "--traditional", "背對背"), folder, close=(1,))
    says(result, 0, "added 背对背 to terms.yaml")
    text = (folder / "terms.yaml").read_text(encoding="utf-8")
    assert text.startswith(SMALL) and text.endswith(
        "  - zh: 背对背\n    traditional: 背對背\n    pinyin: bèiduìbèi\n    en:\n      - back to back\n"
    )


@pytest.mark.parametrize(
    "args",
    [("scan", "-"), ("extract", "-"), ("check", "-"), ("import", "csv", "-", "-o", "x.yaml")],
    ids=lambda a: a[0],
)
def test_a_closed_stdin(folder: Path, args: tuple[str, ...]) -> None:
    result = run(args, folder, close=(0,))
    says(
        result,
        3,
        "glossary: error: cannot read <stdin>: it is closed; pipe the text in, or give a file",
    )
    assert not (folder / "x.yaml").exists()


def test_add_from_a_closed_stdin(folder: Path) -> None:
    result = run(("add", "-"), folder, close=(0,))
    says(
        result,
        3,
        "glossary: error: cannot read <stdin>: it is closed; pipe the text in, or give a file",
    )
    assert (folder / "terms.yaml").read_text(encoding="utf-8") == SMALL


@pytest.mark.parametrize(("args", "code"), [(("search", "zzzzqqq"), 1), (("search", "army"), 0)])
def test_a_closed_stderr(folder: Path, args: tuple[str, ...], code: int) -> None:
    """Messages go nowhere; the exit code still tells."""
    result = run(args, folder, close=(2,), stdout=subprocess.PIPE)
    assert result.returncode == code
    assert (result.stdout != "") == (code == 0)
