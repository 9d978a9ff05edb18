"""Inputs that never end or are too large: devices, named pipes, sparse files, endless stdin.

Each command runs in a process of its own, under a time limit, with its peak memory
measured (see ``tests/test_hostile.py``). Before, ``-g /dev/zero`` (and ``scan``,
``extract``, ``check`` and ``import`` of it) grew to 6-11 GB, a 1 GB sparse file took
4.2 GB before being refused, and a named pipe given as the glossary blocked forever.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.test_hostile import _MEASURED, GLOSSARY, Ran, assert_located, glossary_process

#: What a refused input may cost: the interpreter and the command line, nothing more.
SMALL_MB = 120
#: The seconds a refused input may take (a hang is killed and fails the test).
QUICK = 30

READERS = {
    "search": ("search", "back"),
    "show": ("show", "背靠背"),
    "scan": ("scan", "news.txt"),
    "export": ("export", "json"),
    "add": ("add", "新词", "--en", "new", "--pinyin", "xīncí", "--traditional", "新詞"),
}
TEXT_COMMANDS = {
    "scan": ("scan",),
    "extract": ("extract",),
    "check": ("check",),
    "import": ("import", "csv"),
}


def refused(ran: Ran, phrase: str) -> None:
    """One line, exit 3, quickly and in little memory."""
    said = [line for line in ran.stderr.splitlines() if line]
    assert ran.code == 3, (ran.code, ran.stderr)
    assert len(said) == 1 and said[0].startswith("glossary: ") and phrase in said[0], said
    assert ran.peak_mb < SMALL_MB, ran.peak_mb


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    (tmp_path / "terms.yaml").write_text(GLOSSARY, encoding="utf-8")
    (tmp_path / "news.txt").write_text("两军背靠背。", encoding="utf-8")
    return tmp_path


@pytest.fixture
def fifo(folder: Path) -> Iterator[Path]:
    """A named pipe that nobody writes: opening it to read blocks forever."""
    path = folder / "pipe.yaml"
    os.mkfifo(path)
    yield path


@pytest.fixture
def unix_socket(folder: Path) -> Iterator[Path]:
    with socket.socket(socket.AF_UNIX) as server:
        server.bind(str(folder / "sock.yaml"))
        yield folder / "sock.yaml"


@pytest.mark.parametrize("command", READERS)
def test_dev_zero_as_the_glossary(folder: Path, command: str) -> None:
    ran = glossary_process("-g", "/dev/zero", *READERS[command], cwd=folder, timeout=QUICK)
    refused(ran, "/dev/zero is a character device, not a glossary file")


@pytest.mark.parametrize("command", READERS)
def test_a_named_pipe_as_the_glossary(folder: Path, fifo: Path, command: str) -> None:
    """Blocked forever: nothing ever writes to the pipe."""
    ran = glossary_process("-g", fifo.name, *READERS[command], cwd=folder, timeout=QUICK)
    refused(ran, "pipe.yaml is a named pipe (FIFO), not a glossary file")


def test_a_socket_as_the_glossary(folder: Path, unix_socket: Path) -> None:
    ran = glossary_process("-g", unix_socket.name, "search", "back", cwd=folder, timeout=QUICK)
    refused(ran, "sock.yaml is a socket, not a glossary file")


@pytest.mark.parametrize("name", ["/dev/zero", "pipe.yaml"])
def test_validate_refuses_what_is_not_a_file(folder: Path, fifo: Path, name: str) -> None:
    ran = glossary_process("validate", name, cwd=folder, timeout=QUICK)
    refused(ran, "not a glossary file")


@pytest.mark.parametrize("command", TEXT_COMMANDS)
def test_dev_zero_as_a_text(folder: Path, command: str) -> None:
    """Read a block at a time, the input stops at its first NUL: refused at 1:1."""
    args = (*TEXT_COMMANDS[command], "/dev/zero")
    ran = glossary_process(*args, *(["-o", "out.yaml"] if command == "import" else []), cwd=folder)
    refused(ran, "/dev/zero:1:1: error: the input holds a NUL character")
    assert not (folder / "out.yaml").exists()


@pytest.mark.parametrize("as_glossary", [True, False], ids=["glossary", "text"])
def test_a_sparse_file_of_1gb(folder: Path, as_glossary: bool) -> None:
    """Refused by its size, unread: it took 4.2 GB (glossary) and 2.1 GB (text) before."""
    sparse = folder / "sparse.yaml"
    with open(sparse, "wb") as out:
        out.truncate(1024**3)
    args = ("-g", "sparse.yaml", "search", "back") if as_glossary else ("scan", "sparse.yaml")
    ran = glossary_process(*args, cwd=folder, timeout=QUICK)
    refused(ran, "sparse.yaml holds 1 GB, over the limit of 256 MB for an input")


def measured_pipe(producer: str, args: tuple[str, ...], cwd: Path) -> Ran:
    """Run ``PRODUCER | glossary ARGS`` in a shell, measured as :func:`glossary_process`
    measures (the shell's peak is the largest of its children's, the command's)."""
    report = cwd / ".measured"
    quoted = " ".join(f"'{a}'" for a in args)
    pipeline = f"{producer} | exec '{sys.executable}' -m glossary {quoted}"
    done = subprocess.run(
        [sys.executable, "-c", _MEASURED, str(report), str(QUICK), "sh", "-c", pipeline],
        cwd=cwd,
        capture_output=True,
        timeout=QUICK + 60,
    )
    code, maxrss = (int(n) for n in report.read_text().split())
    assert code != -9, f"{pipeline} hung"
    return Ran(code, done.stdout, done.stderr.decode("utf-8", "replace"), maxrss / 1024)


def test_an_endless_stdin_is_cut_at_the_limit(folder: Path) -> None:
    """Text without end (``yes``) on stdin: read up to the limit, then refused."""
    ran = measured_pipe("yes 两军背靠背", ("--max-input", "8M", "scan", "-"), folder)
    refused(ran, "<stdin> is larger, over the limit of 8 MB for an input")


def test_nul_bytes_on_stdin_stop_the_reading(folder: Path) -> None:
    ran = measured_pipe("cat /dev/zero", ("scan", "-"), folder)
    refused(ran, "<stdin>:1:1: error: the input holds a NUL character")


def test_utf16_on_stdin_is_read_whole_despite_its_nul_bytes(folder: Path) -> None:
    """UTF-16 holds NUL bytes in every other place: its byte-order mark says so."""
    (folder / "utf16.txt").write_bytes("两军背靠背。\n".encode("utf-16") * 200_000)
    ran = measured_pipe("cat utf16.txt", ("scan", "-", "-f", "plain"), folder)
    assert ran.code == 0, ran.stderr
    assert ran.stdout.decode().split("\t")[:2] == ["背靠背", "200000"]


def test_a_named_pipe_is_still_a_text_to_read(folder: Path) -> None:
    """A text may come through a pipe (``glossary scan <(command)``): it is read to its end."""
    pipe = folder / "text.fifo"
    os.mkfifo(pipe)

    def feed() -> None:
        with open(pipe, "w", encoding="utf-8") as out:
            out.write("两军背靠背。" * 1000)

    writer = threading.Thread(target=feed)
    writer.start()
    ran = glossary_process("scan", "text.fifo", "-f", "plain", cwd=folder, timeout=QUICK)
    writer.join()
    assert ran.code == 0, ran.stderr
    assert ran.stdout.decode().split("\t")[:2] == ["背靠背", "1000"]


@pytest.mark.parametrize("fast_path", [True, False], ids=["fast path", "typer"])
def test_the_limit_can_be_raised_and_lowered(folder: Path, fast_path: bool) -> None:
    (folder / "big.txt").write_text("两军背靠背。\n" * 200_000, encoding="utf-8")  # 3.6 MB
    env = {} if fast_path else {"GLOSSARY_TYPER_ONLY": "1"}
    run = lambda *a: subprocess.run(  # noqa: E731
        [sys.executable, "-m", "glossary", *a],
        cwd=folder,
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        timeout=QUICK,
    )
    low = run("--max-input", "1M", "scan", "big.txt", "-f", "plain")
    assert low.returncode == 3
    assert low.stderr == (
        "glossary: error: big.txt holds 3.6 MB, over the limit of 1 MB for an input; if it"
        " is meant to be this large, raise the limit: glossary --max-input 2G ...\n"
    )
    high = run("--max-input", "4m", "scan", "big.txt", "-f", "plain")
    assert high.returncode == 0 and high.stdout.startswith("背靠背\t200000\t"), high.stderr
    small_glossary = run("--max-input", "100", "search", "back")
    assert (
        small_glossary.returncode == 3
        and f"terms.yaml holds {len(GLOSSARY.encode())} bytes" in small_glossary.stderr
    )
    wrong = run("--max-input", "lots", "search", "back")
    assert wrong.returncode == 2
    assert wrong.stderr == (
        "glossary: error: --max-input 'lots' is not a size; give a size such as 512M or 2G"
        " (K, M, G count 1024s)\n"
    )


@pytest.mark.parametrize(
    ("fmt", "text", "where"),
    [
        ("json", "[" * 100_000, (1, 2)),
        ("json", '[{"zh": "背靠背", "en": "b"},\n ' + "[" * 50_000, (2, 2)),
        ("jsonl", '{"zh": "背靠背", "en": ' + "[" * 100_000 + "\n", (1, 1)),
        ("jsonl", '{"zh": "一二", "en": "x"}\n' + '{"a": ' * 100_000 + "\n", (2, 1)),
    ],
    ids=["json-whole", "json-second-element", "jsonl-first", "jsonl-second"],
)
def test_json_nested_too_deeply(run, write, fmt: str, text: str, where: tuple[int, int]) -> None:
    """Was a RecursionError traceback from the JSON decoder; now a located problem."""
    write("in.dat", text)
    result = run("import", fmt, "in.dat", "-o", "out.yaml", "--strict")
    assert result.exit_code == 3, result.stderr
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert_located(result.stderr, "in.dat", *where, "lists or objects nested too deeply")
    assert result.stderr.endswith("glossary: nothing was written\n")
