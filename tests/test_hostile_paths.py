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


@pytest.mark.parametrize(
    "args",
    [
        ("search", "back", "-f", "plain"),
        ("show", "背靠背", "-f", "plain"),
        ("scan", "news.txt", "-f", "plain"),
        ("export", "csv"),
        ("add", "新词", "--en", "new word", "--pinyin", "xīncí", "--traditional", "新詞"),
    ],
    ids=lambda a: a[0],
)
def test_a_glossary_whose_name_is_not_utf8(tmp_path: Path, args: tuple[str, ...]) -> None:
    """Was a UnicodeEncodeError traceback in the index build (the name stored as text)."""
    name = f"caf{LATIN1_E}.yaml"
    (tmp_path / name).write_text(GLOSSARY, encoding="utf-8")
    (tmp_path / "news.txt").write_text("两军背靠背。", encoding="utf-8")
    cache = {"XDG_CACHE_HOME": str(tmp_path / "cache")}
    runs = 1 if args[0] == "add" else 2  # the index built, then read back from the cache
    for _ in range(runs):
        result = glossary("-g", name, *args, cwd=tmp_path, env=cache)
        assert result.returncode == 0, result.stderr.decode("utf-8", "replace")
    if args[0] == "add":
        assert "added 新词 to caf\\xe9.yaml" in result.stderr.decode()
        assert "zh: 新词" in (tmp_path / name).read_text(encoding="utf-8")
    else:
        assert "背靠背" in result.stdout.decode()


def test_a_working_folder_whose_name_is_not_utf8(tmp_path: Path) -> None:
    """validate prints FILE:LINE:COL: the name of a file in it, as its bytes' escapes."""
    folder = tmp_path / f"d{LATIN1_E}"
    folder.mkdir()
    (folder / "terms.yaml").write_text(GLOSSARY, encoding="utf-8")
    (folder / "twice.yaml").write_text(GLOSSARY + "  - zh: 背靠背\n    en: again\n", "utf-8")
    cache = {"XDG_CACHE_HOME": str(tmp_path / "cache")}
    found = glossary("search", "one", "-f", "plain", cwd=folder, env=cache)
    assert found.returncode == 0 and found.stdout.startswith("一二".encode()), found.stderr
    checked = glossary("validate", str(folder / "twice.yaml"), cwd=tmp_path, env=cache)
    assert checked.returncode == 1
    assert checked.stdout.decode().startswith("d\\xe9/twice.yaml:10:5: error: duplicate")


def test_a_cache_folder_whose_name_is_not_utf8(tmp_path: Path) -> None:
    """Was sqlite3.OperationalError (the cache file's name read back as UTF-8 text); now
    the index is cached there and read back."""
    (tmp_path / "terms.yaml").write_text(GLOSSARY, encoding="utf-8")
    cache = tmp_path / f"c{LATIN1_E}"
    made = []
    for _ in range(2):
        result = glossary(
            "search", "back", "-f", "plain", cwd=tmp_path, env={"XDG_CACHE_HOME": str(cache)}
        )
        assert result.returncode == 0 and result.stdout.startswith("背靠背".encode()), result.stderr
        made.append([(p.name, p.stat().st_ino) for p in (cache / "glossary").iterdir()])
    assert made[0] == made[1] and len(made[0]) == 1  # built once, then used


@pytest.mark.parametrize("relative", ["cache", "./cache", "."])
def test_a_relative_cache_home_is_ignored(tmp_path: Path, relative: str) -> None:
    """The XDG specification: a relative $XDG_CACHE_HOME is invalid and ignored. It made a
    cache folder in whatever folder the command ran in."""
    work, home = tmp_path / "work", tmp_path / "home"
    work.mkdir()
    home.mkdir()
    (work / "terms.yaml").write_text(GLOSSARY, encoding="utf-8")
    env = {"XDG_CACHE_HOME": relative, "HOME": str(home)}
    result = glossary("search", "back", "-f", "plain", cwd=work, env=env)
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in work.iterdir()) == ["terms.yaml"]
    assert list((home / ".cache" / "glossary").glob("terms-*.sqlite3"))
