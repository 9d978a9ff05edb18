"""The hostile-input corpus: every command that reads a file or stdin, attacked.

Each case writes down its expected outcome: accepted with a stated normalisation, or
refused with its exit code and a located one-line message ``glossary: FILE:LINE:COL: error:
...; hint``. None may give a traceback, hang (each subprocess runs under a time limit) or
use over 500 MB (the big inputs run as subprocesses whose peak memory is measured). Small
inputs kept as bytes live in ``tests/hostile/``; big ones are made here, in ``tmp_path``.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from typer.testing import Result

CORPUS = Path(__file__).parent / "hostile"
LIMIT_SECONDS = 60
LIMIT_MB = 500
#: glossary: FILE:LINE:COL: error: message; hint
LOCATED = re.compile(r"glossary: (?P<file>.+?):(?P<line>\d+):(?P<col>\d+): error: [^\n]+; [^\n]+")

GLOSSARY = """\
title: Hostile
terms:
  - zh: 背靠背
    pinyin: bèikàobèi
    en: back to back
    avoid: backside
  - zh: 一二
    pinyin: yī èr
    en: one two
"""


@dataclass(frozen=True)
class Ran:
    """What a subprocess run of the command line gave, with its peak memory."""

    code: int
    stdout: bytes
    stderr: str
    peak_mb: float


# Runs a command and reports its exit code and peak memory. The measuring is done by this
# small process, not by the test process: a child's peak memory counts the image it was
# forked from, and the test process grows large over a whole test run.
_MEASURED = """\
import os, subprocess, sys, threading
report, timeout, *command = sys.argv[1:]
child = subprocess.Popen(command)
timer = threading.Timer(float(timeout), child.kill)
timer.start()
_, status, usage = os.wait4(child.pid, 0)
timer.cancel()
with open(report, "w") as out:
    out.write(f"{os.waitstatus_to_exitcode(status)} {usage.ru_maxrss}")
"""


def glossary_process(
    *args: str, cwd: Path, stdin: bytes = b"", timeout: float = LIMIT_SECONDS
) -> Ran:
    """Run ``python -m glossary ARGS`` and measure it: its own peak resident memory
    (``wait4`` in a small measuring process), killed after ``timeout`` seconds (a hang
    fails the test)."""
    out, err, given = cwd / ".stdout", cwd / ".stderr", cwd / ".stdin"
    report = cwd / ".measured"
    given.write_bytes(stdin)
    command = [sys.executable, "-m", "glossary", *args]
    with open(out, "wb") as o, open(err, "wb") as e, open(given, "rb") as i:
        subprocess.run(
            [sys.executable, "-c", _MEASURED, str(report), str(timeout), *command],
            cwd=cwd,
            stdin=i,
            stdout=o,
            stderr=e,
            timeout=timeout + 60,
            check=True,
        )
    code, maxrss = (int(n) for n in report.read_text().split())
    assert code != -9, f"glossary {' '.join(args)} hung (over {timeout} s)"
    peak = maxrss / (1024 * 1024 if sys.platform == "darwin" else 1024)
    return Ran(code, out.read_bytes(), err.read_text("utf-8", "replace"), peak)


def assert_located(stderr: str, file: str, line: int, col: int, phrase: str) -> None:
    """The first line of ``stderr`` is a located error at FILE:LINE:COL saying ``phrase``
    (after the notice a slow indexing gives, on a busy machine)."""
    assert "Traceback" not in stderr
    first = next(x for x in stderr.splitlines() if not x.startswith("glossary: indexing "))
    m = LOCATED.fullmatch(first)
    assert m, f"not a located one-line error: {first!r}"
    assert (m["file"], int(m["line"]), int(m["col"])) == (file, line, col), first
    assert phrase in first, first


def refused(result: Result, code: int, file: str, line: int, col: int, phrase: str) -> None:
    """An in-process run exited ``code`` with a located error, and no traceback."""
    assert result.exit_code == code, (result.exit_code, result.stderr, result.exception)
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert_located(result.stderr, file, line, col, phrase)
    said = [x for x in result.stderr.splitlines() if not x.startswith("glossary: indexing ")]
    assert len(said) == 1, result.stderr  # beside the notice a slow indexing gives


# --- loading terms.yaml: every command that loads it ---------------------------------------

#: name -> (file content, expected: (line, col, phrase) refused with exit 3)
BROKEN_YAML: dict[str, tuple[str | bytes, tuple[int, int, str]]] = {
    "syntax-at-start": ("terms: [\n" + GLOSSARY, (3, 6, "YAML syntax")),
    "syntax-in-middle": (
        GLOSSARY.replace("en: back to back", 'en: "back to back'),
        (10, 1, "YAML syntax: found unexpected end of stream"),  # the quote runs on
    ),
    "syntax-at-end": (GLOSSARY + "  - zh: 特殊\n    en: [a, b\n", (12, 1, "YAML syntax")),
    "tab-indent": (GLOSSARY.replace("    en: one two", "\ten: one two"), (9, 1, "YAML syntax")),
    "duplicate-key": (GLOSSARY + "    en: again\n", (10, 5, "key 'en' appears twice")),
    "duplicate-top-key": (GLOSSARY + "terms: []\n", (10, 1, "key 'terms' appears twice")),
    "top-is-list": ("- zh: 背靠背\n  en: back\n", (1, 1, "must be a mapping")),
    "top-is-string": ("just a sentence\n", (1, 1, "must be a mapping")),
    "second-document": (GLOSSARY + "---\n" + GLOSSARY, (10, 1, "a second YAML document")),
    "custom-tag": (GLOSSARY + "    definition: !shell rm -rf\n", (10, 17, "unsupported YAML tag")),
    "binary-tag": (GLOSSARY + "    definition: !!binary aGk=\n", (10, 17, "'!!binary'")),
    "set-tag": (GLOSSARY + "    tags: !!set {a, b}\n", (10, 11, "'!!set'")),
    "nul-character": (GLOSSARY + "    definition: a\0b\n", (10, 18, "U+0000")),
    "escape-lone-surrogate": (GLOSSARY + '    definition: "\\ud800"\n', (10, 20, "YAML syntax")),
    "not-utf8": (GLOSSARY.encode() + b"    definition: \xff\n", (10, 17, "not UTF-8 (byte 0xff)")),
    "empty": ("", (1, 1, "the glossary file is empty")),
    "comments-only": ("# nothing yet\n", (1, 1, "the glossary file is empty")),
}

#: Kept files: name -> (line, col, phrase), refused with exit 3.
BROKEN_FILES = {
    "alias-bomb.yaml": (3, 5, "an entry must be a mapping"),  # no alias is ever expanded
    "alias-bomb-in-entry.yaml": (3, 9, "each item of this list must be text"),
    "python-object.yaml": (4, 17, "unsupported YAML tag '!!python/object/apply:os.system'"),
    "python-object-top.yaml": (1, 1, "unsupported YAML tag '!!python/object/new:os.system'"),
    "two-documents.yaml": (6, 1, "a second YAML document starts here"),
    "tabs.yaml": (2, 1, "YAML syntax"),
    "utf16le-bom.yaml": (1, 1, "the file is UTF-16, not UTF-8"),  # glossary files: UTF-8 only
    "gb18030.yaml": (3, 9, "it looks like GB18030 text"),
    "big5.yaml": (1, 8, "it looks like Big5 text"),
}

#: search reads through the index (and its quick reader), show and export through store.
LOADERS = {
    "search": ("search", "back"),
    "show": ("show", "背靠背"),
}


@pytest.mark.parametrize("command", LOADERS)
@pytest.mark.parametrize("case", BROKEN_YAML)
def test_a_broken_glossary_is_refused_located(run, write, case: str, command: str) -> None:
    text, (line, col, phrase) = BROKEN_YAML[case]
    path = write("terms.yaml", text)
    before = path.read_bytes()
    refused(run(*LOADERS[command]), 3, "terms.yaml", line, col, phrase)
    assert path.read_bytes() == before


@pytest.mark.parametrize("name", BROKEN_FILES)
def test_a_hostile_kept_glossary_is_refused_located(run, tmp_path: Path, name: str) -> None:
    (tmp_path / "terms.yaml").write_bytes((CORPUS / name).read_bytes())
    line, col, phrase = BROKEN_FILES[name]
    for command in LOADERS.values():
        refused(run(*command), 3, "terms.yaml", line, col, phrase)
    assert not (tmp_path / "pwned.txt").exists()


@pytest.mark.parametrize("case", ["syntax-in-middle", "duplicate-key", "not-utf8"])
def test_validate_reports_the_same_place(run, write, case: str) -> None:
    text, (line, col, phrase) = BROKEN_YAML[case]
    write("terms.yaml", text)
    result = run("validate")
    assert f"terms.yaml:{line}:{col}:" in result.stdout + result.stderr
    assert result.exit_code == (3 if case == "not-utf8" else 1)
    located = result.stderr if case == "not-utf8" else result.stdout
    assert located.startswith(("glossary: " if case == "not-utf8" else "") + f"terms.yaml:{line}:")
    assert phrase in located and "Traceback" not in result.stderr


@pytest.mark.parametrize(
    "name",
    ["utf8-bom.yaml", "crlf.yaml", "cr.yaml"],
    ids=["BOM stripped", "CRLF read as LF", "lone CR read as LF"],
)
def test_accepted_glossary_encodings(run, tmp_path: Path, name: str) -> None:
    (tmp_path / "terms.yaml").write_bytes((CORPUS / name).read_bytes())
    result = run("show", "背靠背", "--format", "json")
    assert result.exit_code == 0, result.stderr
    assert '"zh": "背靠背"' in result.stdout and "\ufeff" not in result.stdout
    assert '"title"' not in result.stdout
    assert run("validate").exit_code == 0


def test_invisible_and_compatibility_characters_load_and_are_warned_about(run, write) -> None:
    """Accepted as written (never changed silently); validate names each one."""
    write(
        "terms.yaml",
        "terms:\n"
        "  - zh: 背\u200d靠背\n    en: back to back\n"  # zero-width joiner
        "  - zh: \u2f00二\n    en: one two\n"  # ⼀ KANGXI RADICAL ONE for 一
        "  - zh: 特殊\n    en: ｓｐｅｃｉａｌ\n    definition: \u202eevil\u202c\n",
    )
    assert run("show", "背\u200d靠背").exit_code == 0
    result = run("validate")
    assert result.exit_code == 0
    out = result.stdout
    assert "terms.yaml:2:9: warning: zh '背\\u200d靠背' holds a control or invisible" in out
    assert "terms.yaml:4:9: warning: zh '⼀二' holds ⼀ (U+2F00, KANGXI RADICAL ONE)" in out
    assert "where 一 (U+4E00) is usual" in out
    assert "en 'ｓｐｅｃｉａｌ' holds ｓ (U+FF53" in out
    assert "definition '\\u202eevil\\u202c' holds a control or invisible" in out


def test_full_width_punctuation_is_not_warned_about(run, write) -> None:
    write("terms.yaml", "terms:\n  - zh: 中国（大陆）\n    pinyin: zhōngguó dàlù\n    en: x\n")
    assert "U+FF08" not in run("validate").stdout


def test_a_1mb_line_of_flow_entries_is_read(run, write) -> None:
    entries = ", ".join(f"{{zh: 词{i:05d}, en: word number {i}}}" for i in range(30_000))
    path = write("terms.yaml", "terms: [" + entries + "]\n")
    assert path.stat().st_size > 1_000_000 and path.read_text().count("\n") == 1
    result = run("show", "词29999", "--format", "json")
    assert result.exit_code == 0 and "word number 29999" in result.stdout


def test_a_1mb_single_value_is_refused(run, write) -> None:
    write("terms.yaml", GLOSSARY + "    definition: " + "word " * 200_000 + "\n")
    refused(run("show", "一二"), 3, "terms.yaml", 10, 17, "a field holds at most 100,000")


def test_a_syntax_error_at_the_end_of_a_1mb_line(run, write) -> None:
    write("terms.yaml", "terms: [" + "{zh: 词, en: x}, " * 70_000 + "\n")
    result = run("show", "词")
    refused(result, 3, "terms.yaml", 2, 1, "YAML syntax")


# --- big files: real processes, time and memory measured --------------------------------

FIFTY_MB = 50 * 1024 * 1024


def test_a_50mb_glossary_mostly_comment_is_searched(tmp_path: Path) -> None:
    """Accepted: 50 MB of comments around two entries; searched within limits."""
    pad = ("# " + "x" * 98 + "\n") * (FIFTY_MB // 100)
    (tmp_path / "terms.yaml").write_text(GLOSSARY + pad, encoding="utf-8")
    ran = glossary_process("search", "back", cwd=tmp_path)
    assert ran.code == 0, ran.stderr
    assert ran.stdout.startswith("背靠背\t".encode())
    assert ran.peak_mb < LIMIT_MB, ran.peak_mb


def test_a_50mb_value_is_refused_within_limits(tmp_path: Path) -> None:
    """Refused at load (a field holds at most 100,000 characters): before that limit, the
    search index of such a file took 24 s and over 1 GB."""
    (tmp_path / "terms.yaml").write_text(
        GLOSSARY + "    definition: " + "word " * (FIFTY_MB // 5) + "\n", encoding="utf-8"
    )
    ran = glossary_process("search", "back", cwd=tmp_path)
    assert ran.code == 3
    assert_located(ran.stderr.splitlines()[-1], "terms.yaml", 10, 17, "at most 100,000")
    assert ran.peak_mb < LIMIT_MB, ran.peak_mb


def test_a_50mb_file_with_a_syntax_error_at_its_end(tmp_path: Path) -> None:
    pad = ("# " + "x" * 98 + "\n") * (FIFTY_MB // 100)
    (tmp_path / "terms.yaml").write_text(GLOSSARY + pad + "  - zh: [\n", encoding="utf-8")
    ran = glossary_process("validate", cwd=tmp_path)
    assert ran.code == 1 and "Traceback" not in ran.stderr
    lines = ran.stdout.decode().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"terms.yaml:{FIFTY_MB // 100 + 11}:")
    assert ran.peak_mb < LIMIT_MB, ran.peak_mb


# --- import: every format, every encoding ------------------------------------------------

SAMPLES = {
    "csv": "zh,en\n背靠背,back to back\n",
    "tsv": "zh\ten\n背靠背\tback to back\n",
    "jsonl": '{"zh": "背靠背", "en": "back to back"}\n',
    "json": '[{"zh": "背靠背", "en": "back to back"}]\n',
    "cedict": "背靠背 背靠背 [bei4 kao4 bei4] /back to back/\n",
    "pleco": "背靠背\tbei4 kao4 bei4\tback to back\n",
    "tbx": "<martif><text><body><termEntry><langSet xml:lang='zh'><tig><term>背靠背</term>"
    "</tig></langSet><langSet xml:lang='en'><tig><term>back to back</term></tig></langSet>"
    "</termEntry></body></text></martif>\n",
}

#: Accepted: name -> how the text becomes bytes; each must import the one term, unchanged.
ACCEPTED_ENCODINGS: dict[str, Callable[[str], bytes]] = {
    "utf8": lambda t: t.encode(),
    "utf8-bom (stripped)": lambda t: b"\xef\xbb\xbf" + t.encode(),
    "utf16le-bom (decoded)": lambda t: t.encode("utf-16"),
    "utf16be-bom (decoded)": lambda t: b"\xfe\xff" + t.encode("utf-16-be"),
    "utf32-bom (decoded)": lambda t: t.encode("utf-32"),
    "crlf (read as lf)": lambda t: t.replace("\n", "\r\n").encode(),
    "lone cr (read as lf)": lambda t: t.replace("\n", "\r").encode(),
}

#: Refused with exit 3: name -> (bytes, phrase); all at the first bad byte.
REFUSED_ENCODINGS: dict[str, tuple[Callable[[str], bytes], str]] = {
    "gb18030": (lambda t: t.encode("gb18030"), "it looks like GB18030 text"),
    "big5": (lambda t: t.replace("靠", "對").encode("big5"), "it looks like Big5 text"),
    "utf16-no-bom": (lambda t: t.encode("utf-16-le"), "UTF-16LE"),
    "nul-byte": (lambda t: t.replace("back", "ba\0ck").encode(), "NUL character"),
    "surrogate-bytes": (
        lambda t: t.replace("back", "ba\udcedck").encode(errors="surrogateescape"),
        "not UTF-8 (byte 0xed)",
    ),
}


@pytest.mark.parametrize("encoding", ACCEPTED_ENCODINGS)
@pytest.mark.parametrize("fmt", SAMPLES)
def test_import_accepts(run, write, tmp_path: Path, fmt: str, encoding: str) -> None:
    write("in.dat", ACCEPTED_ENCODINGS[encoding](SAMPLES[fmt]))
    result = run("import", fmt, "in.dat", "-o", "out.yaml")
    assert result.exit_code == 0, result.stderr
    text = (tmp_path / "out.yaml").read_text("utf-8")
    assert "zh: 背靠背" in text and "back to back" in text and "\r" not in text


@pytest.mark.parametrize("encoding", REFUSED_ENCODINGS)
@pytest.mark.parametrize("fmt", SAMPLES)
def test_import_refuses(run, write, tmp_path: Path, fmt: str, encoding: str) -> None:
    make, phrase = REFUSED_ENCODINGS[encoding]
    write("in.dat", make(SAMPLES[fmt]))
    result = run("import", fmt, "in.dat", "-o", "out.yaml")
    assert result.exit_code == 3
    assert_located(result.stderr, "in.dat", *_first_bad(make(SAMPLES[fmt])), phrase)
    assert not (tmp_path / "out.yaml").exists()


def _first_bad(data: bytes) -> tuple[int, int]:
    """Give the line and column of the first byte that is not UTF-8 text, or of a NUL."""
    try:
        text = data.decode("utf-8")
        at = text.index("\0")
        if data[1:2] == b"\0" or data[:1] == b"\0":  # UTF-16: the first NUL, as text
            return 1, at + 1
    except UnicodeDecodeError as exc:
        text, at = data[: exc.start].decode(), exc.start
        text = text + "x"
        at = len(text) - 1
    before = text[:at]
    return before.count("\n") + 1, at - (before.rfind("\n") + 1) + 1


@pytest.mark.parametrize(
    ("name", "fmt", "where", "phrase"),
    [
        ("gb18030.csv", "csv", (2, 1), "iconv -f GB18030 -t UTF-8 in.csv > in.utf8.csv"),
        ("big5.csv", "csv", (2, 1), "iconv -f BIG5 -t UTF-8 in.csv > in.utf8.csv"),
        ("utf16le-no-bom.csv", "csv", (2, 4), "iconv -f UTF-16LE -t UTF-8"),
        ("nul.csv", "csv", (2, 9), "NUL character (U+0000)"),
        ("invalid-utf8.csv", "csv", (2, 10), "not UTF-8 (byte 0xed)"),
        ("billion-laughs.tbx", "tbx", (2, 18), "billion laughs"),
        ("external-entity.tbx", "tbx", (2, 18), "external entity"),
    ],
)
def test_import_refuses_kept_files(
    run, tmp_path: Path, name: str, fmt: str, where: tuple[int, int], phrase: str
) -> None:
    (tmp_path / f"in.{fmt}").write_bytes((CORPUS / name).read_bytes())
    result = run("import", fmt, f"in.{fmt}", "-o", "out.yaml")
    assert result.exit_code == 3
    assert_located(result.stderr, f"in.{fmt}", *where, phrase)
    assert not (tmp_path / "out.yaml").exists()


@pytest.mark.parametrize("name", ["utf16le-bom.tsv", "utf16be-bom.csv"])
def test_import_reads_windows_unicode_text(run, tmp_path: Path, name: str) -> None:
    """Excel's "Unicode text" (UTF-16 with a BOM, CRLF): decoded, BOM and CR dropped."""
    fmt = name.rpartition(".")[2]
    (tmp_path / name).write_bytes((CORPUS / name).read_bytes())
    result = run("import", fmt, name, "-o", "out.yaml")
    assert result.exit_code == 0, result.stderr
    text = (tmp_path / "out.yaml").read_text("utf-8")
    assert "zh: 特殊友军" in text and "pinyin: tèshū yǒujūn" in text and "\r" not in text


@pytest.mark.parametrize("fmt", [f for f in SAMPLES if f not in ("csv", "tsv", "json", "tbx")])
def test_import_of_nothing_writes_nothing(run, write, tmp_path: Path, fmt: str) -> None:
    """An empty input was an empty glossary, exit 0: now refused, exit 3."""
    write("in.dat", "\n\n")
    result = run("import", fmt, "in.dat", "-o", "out.yaml")
    assert result.exit_code == 3
    assert_located(result.stderr, "in.dat", 1, 1, "found no entries in the input")
    assert not (tmp_path / "out.yaml").exists()


@pytest.mark.parametrize(
    ("fmt", "text", "where", "phrase"),
    [
        ("jsonl", '{"zh": "背靠背", "en": "back\\ud800"}\n', (1, 1), "half of a character"),
        ("json", '[{"zh": "背靠背", "en": ["\\udfff"]}]', (1, 2), "half of a character"),
        ("csv", "zh,en\n背靠背," + "x" * 100_001 + "\n", (2, 5), "at most 100,000"),
    ],
    ids=["jsonl-lone-surrogate", "json-lone-surrogate", "csv-cell-too-long"],
)
def test_import_refuses_values_no_glossary_can_hold(
    run, write, tmp_path: Path, fmt: str, text: str, where: tuple[int, int], phrase: str
) -> None:
    """A JSON escape of half a character crashed the writer (UnicodeEncodeError)."""
    write("in.dat", text)
    result = run("import", fmt, "in.dat", "-o", "out.yaml")
    assert result.exit_code == 3
    assert_located(result.stderr, "in.dat", *where, phrase)
    assert not (tmp_path / "out.yaml").exists()


def test_import_merge_leaves_the_glossary_untouched_on_bad_input(run, write) -> None:
    path = write("terms.yaml", GLOSSARY)
    write("in.csv", "zh,en\n特殊,x\n".encode("gb18030"))
    assert run("import", "csv", "in.csv", "--merge").exit_code == 3
    assert path.read_text("utf-8") == GLOSSARY


# --- stdin: bytes as they come, whatever the locale --------------------------------------

STDIN_COMMANDS = {
    "import": ("import", "csv", "-", "-o", "out.yaml"),
    "extract": ("extract", "-"),
    "scan": ("scan", "-"),
    "check": ("check", "-"),
    "add": ("add", "-", "--dry-run"),
}


@pytest.mark.parametrize("command", STDIN_COMMANDS)
def test_stdin_that_is_not_utf8_is_refused(run, write, command: str) -> None:
    """Undecodable stdin gave lone surrogates (a traceback in add -, garbage elsewhere)."""
    write("terms.yaml", GLOSSARY)
    result = run(*STDIN_COMMANDS[command], input=b"zh,en\nba\xed\xa0\x80ck (\xe8\x83\x8c)\n")
    refused(result, 3, "<stdin>", 2, 3, "not UTF-8 (byte 0xed)")


@pytest.mark.parametrize("command", STDIN_COMMANDS)
def test_stdin_in_gb18030_is_named(run, write, command: str) -> None:
    write("terms.yaml", GLOSSARY)
    result = run(*STDIN_COMMANDS[command], input="zh,en\n背靠背,x\n".encode("gb18030"))
    refused(result, 3, "<stdin>", 2, 1, "pipe it through iconv -f GB18030 -t UTF-8")


def test_stdin_is_utf8_whatever_the_locale(tmp_path: Path, monkeypatch) -> None:
    """A real process whose stdin encoding is Latin-1 (strict): stdin is still read as UTF-8
    bytes, BOM dropped (it was decoded as Latin-1, and the Chinese imported as mojibake)."""
    monkeypatch.setenv("PYTHONIOENCODING", "latin-1:strict")
    args = ("import", "csv", "-", "-o", "out.yaml")
    ok = glossary_process(*args, cwd=tmp_path, stdin="\ufeffzh,en\n背靠背,back\n".encode())
    assert ok.code == 0, ok.stderr
    assert "zh: 背靠背" in (tmp_path / "out.yaml").read_text("utf-8")
    bad = glossary_process(*args, cwd=tmp_path, stdin=b"zh,en\n\xff")
    assert bad.code == 3 and bad.stderr.startswith("glossary: <stdin>:2:1: error: the file is")


# --- extract, scan, check: encodings and big single lines --------------------------------

TEXT_COMMANDS = {
    "extract": ("extract", "in.txt", "--format", "json"),
    "scan": ("scan", "in.txt", "--format", "json"),
    "check": ("check", "in.txt", "--format", "json"),
}
PROSE = "The two armies stood back to back (背靠背), not backside; 一二.\n"


@pytest.mark.parametrize("encoding", ACCEPTED_ENCODINGS)
@pytest.mark.parametrize("command", TEXT_COMMANDS)
def test_text_commands_accept(run, write, command: str, encoding: str) -> None:
    write("terms.yaml", GLOSSARY)
    write("in.txt", ACCEPTED_ENCODINGS[encoding](PROSE))
    result = run(*TEXT_COMMANDS[command])
    assert result.exit_code in (0, 1), result.stderr
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert "背靠背" in result.stdout or "backside" in result.stdout, result.stderr
    assert "\ufeff" not in result.stdout


@pytest.mark.parametrize("encoding", REFUSED_ENCODINGS)
@pytest.mark.parametrize("command", TEXT_COMMANDS)
def test_text_commands_refuse(run, write, command: str, encoding: str) -> None:
    make, phrase = REFUSED_ENCODINGS[encoding]
    write("terms.yaml", GLOSSARY)
    write("in.txt", make(PROSE))
    refused(run(*TEXT_COMMANDS[command]), 3, "in.txt", *_first_bad(make(PROSE)), phrase)


def test_check_fix_never_touches_a_refused_draft(run, write) -> None:
    write("terms.yaml", GLOSSARY)
    draft = write("in.txt", PROSE.encode("gb18030"))
    assert run("check", "in.txt", "--fix").exit_code == 3
    assert draft.read_bytes() == PROSE.encode("gb18030")


def test_bidi_and_zero_width_characters_in_texts_are_kept(run, write) -> None:
    """Accepted as written: scan still finds a term a zero-width joiner does not split."""
    write("terms.yaml", GLOSSARY)
    write("in.txt", "\u202e背靠背\u202c 一\u200d二")
    result = run("scan", "in.txt", "--format", "json")
    assert result.exit_code == 0 and "背靠背" in result.stdout


#: 1 MB lines extract took hours on (each bracket, "[", "<b" or "_" scanned the rest of the
#: line: quadratic); now linear.
ONE_MB_LINES = {
    "brackets-and-markup": lambda: (
        ("word " * 90 + 'the back to (背靠背) "three evil" (中俄, e) (((( [ <b> backside ') * 2_000
    ),
    "unclosed-markdown": lambda: "[_*`<!--<script <b " * 55_000 + "(背靠背)",
    "hanzi": lambda: ("的了是不在有人" * 14 + "背靠背") * 10_000,  # check took minutes
}


@pytest.mark.parametrize("command", TEXT_COMMANDS)
def test_1mb_single_lines_finish_in_time(tmp_path: Path, command: str) -> None:
    (tmp_path / "terms.yaml").write_text(GLOSSARY, encoding="utf-8")
    for name, make in ONE_MB_LINES.items():
        text = make()
        assert len(text) >= 1_000_000 and "\n" not in text, len(text)
        (tmp_path / "in.txt").write_text(text, encoding="utf-8")
        ran = glossary_process(*TEXT_COMMANDS[command], cwd=tmp_path, timeout=30)
        assert ran.code in (0, 1), (name, ran.stderr)
        assert "Traceback" not in ran.stderr and ran.peak_mb < LIMIT_MB, (name, ran.peak_mb)


# --- search queries ------------------------------------------------------------------------

#: Accepted queries and the headword found first (the normalisation is in the id).
QUERIES_FOUND = {
    "kangxi radical folded (⼀ for 一)": ("\u2f00二", "一二"),
    "full-width letters folded": ("ｂａｃｋ", "背靠背"),
    "mathematical letters folded": ("𝐛𝐚𝐜𝐤", "背靠背"),
    "zero-width joiner dropped": ("背\u200d靠背", "背靠背"),
    "bidi controls dropped": ("\u202eback\u202c", "背靠背"),
    "control characters dropped": ("ba\x01ck", "背靠背"),
    "ideographic space is a space": ("背靠背\u3000", "背靠背"),
    "compatibility ideograph folded": ("\uf9dc", None),  # 隆: not in the glossary, exit 1
}

#: Refused with exit 2 (usage): query -> phrase of the one-line message.
QUERIES_REFUSED = {
    "": "the query is empty",
    "   ": "the query is empty",
    "\u202e\u200d\u200b": "the query is empty",
    "?!.,;:": "nothing to search for",
    "?*": "nothing to search for",  # matched every term before
    ".*": "nothing to search for",  # matched every term before
    "***": "nothing to search for",
    '""': "nothing to search for",
    "，。？": "nothing to search for",
    "tag:": "nothing to search for",
    "en:": "nothing to search for",
    "x" * 10_000: "the query is 10000 characters long",
    "a\udcffb": "the query holds bytes that are not valid text",
}


@pytest.mark.parametrize("case", QUERIES_FOUND)
def test_queries_accepted(run, write, case: str) -> None:
    write("terms.yaml", GLOSSARY)
    query, first = QUERIES_FOUND[case]
    result = run("search", query, "--format", "plain")
    if first is None:
        assert result.exit_code == 1 and "Traceback" not in result.stderr
    else:
        assert result.exit_code == 0, result.stderr
        assert result.stdout.split("\t")[0] == first


@pytest.mark.parametrize("query", QUERIES_REFUSED, ids=[repr(q[:12]) for q in QUERIES_REFUSED])
def test_queries_refused(run, write, query: str) -> None:
    write("terms.yaml", GLOSSARY)
    result = run("search", query)
    assert result.exit_code == 2, result.stdout
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("glossary: error: ")
    assert QUERIES_REFUSED[query] in lines[0] and "; " in lines[0]


def test_a_query_of_undecodable_bytes_in_a_real_process(tmp_path: Path) -> None:
    (tmp_path / "terms.yaml").write_text(GLOSSARY, encoding="utf-8")
    ran = glossary_process("search", os.fsdecode(b"ba\xffck"), cwd=tmp_path)
    assert ran.code == 2 and ran.stderr.startswith("glossary: error: the query holds bytes")
