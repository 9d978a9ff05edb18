"""Shared glossaries: other users, groups, hard links, and odd things where the lock goes.

A team keeps one glossary in a group folder (setgid, group-writable), and its members take
turns writing it. Writers run as those members here (see ``tests/users.py``: CI runs as
root). Before: the first writer made the lock file 0644, and every other member was locked
out for good ("cannot lock ...: Permission denied").
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from tests.conftest import SMALL
from tests.test_faults import one_line_error, run_glossary
from tests.users import needs_root, run_as, shared_folder, warm_up

TEAM = 5300
ALICE, BOB = 5301, 5302


def add(number: int) -> list[str]:
    """Give the arguments of an add of the ``number``-th new term."""
    zh = "共享" + "〇一二三四五六七八九"[number]
    return ["add", zh, "--en", f"shared {number}", "--pinyin", "gòngxiǎng", "--traditional", zh]


@needs_root
def test_members_of_a_group_take_turns(tmp_path: Path) -> None:
    glossary = tmp_path / "terms.yaml"
    glossary.write_text(SMALL, encoding="utf-8")
    warm_up(add(9), glossary)
    with shared_folder(TEAM) as folder:
        path = folder / "terms.yaml"
        path.write_text(SMALL, encoding="utf-8")
        os.chown(path, ALICE, TEAM)
        path.chmod(0o660)
        for number, member in enumerate([ALICE, BOB, ALICE, BOB]):
            ran = run_as(member, TEAM, ["-g", str(path), *add(number)], folder)
            assert ran.code == 0, ran.stderr
            st = path.stat()
            assert (st.st_gid, stat.S_IMODE(st.st_mode)) == (TEAM, 0o660)
        lock = folder / ".terms.yaml.lock"
        assert (lock.stat().st_gid, stat.S_IMODE(lock.stat().st_mode)) == (TEAM, 0o660)
        assert path.read_text(encoding="utf-8").count("gòngxiǎng") == 4


@needs_root
def test_a_lock_file_another_member_made_0644_is_no_lockout(tmp_path: Path) -> None:
    """A lock file left by an earlier version, readable but not writable by the group."""
    glossary = tmp_path / "terms.yaml"
    glossary.write_text(SMALL, encoding="utf-8")
    warm_up(add(9), glossary)
    with shared_folder(TEAM) as folder:
        path = folder / "terms.yaml"
        path.write_text(SMALL, encoding="utf-8")
        os.chown(path, ALICE, TEAM)
        path.chmod(0o660)
        lock = folder / ".terms.yaml.lock"
        lock.touch()
        os.chown(lock, ALICE, TEAM)
        lock.chmod(0o644)
        ran = run_as(BOB, TEAM, ["-g", str(path), *add(1)], folder)
        assert ran.code == 0, ran.stderr
        assert "共享一" in path.read_text(encoding="utf-8")


@pytest.mark.parametrize("kind", ["folder", "symbolic link", "dangling link", "named pipe"])
def test_a_lock_path_that_is_not_a_lock_file(tmp_path: Path, kind: str) -> None:
    """Was an IsADirectoryError or OSError traceback (folder, link), or a hang (pipe); a
    link was followed. Now: one line, exit 3, the glossary and what the link points at
    untouched."""
    path = tmp_path / "terms.yaml"
    path.write_text(SMALL, encoding="utf-8")
    lock = tmp_path / ".terms.yaml.lock"
    victim = tmp_path / "victim.txt"
    if kind == "folder":
        lock.mkdir()
    elif kind == "named pipe":
        os.mkfifo(lock)
    else:
        if kind == "symbolic link":
            victim.write_text("keep me", encoding="utf-8")
        lock.symlink_to(victim)
    result = run_glossary(*add(1), cwd=tmp_path, timeout=60)
    assert result.returncode == 3 and one_line_error(result), result.stderr
    what = {"folder": "a folder", "named pipe": "not a regular file"}.get(kind, "a symbolic link")
    assert f"its lock file .terms.yaml.lock is {what}" in result.stderr
    assert path.read_text(encoding="utf-8") == SMALL
    if kind == "symbolic link":
        assert victim.read_text(encoding="utf-8") == "keep me"
    else:
        assert not victim.exists()


NOBODY = 65534  # nobody, and nogroup, on Debian


@needs_root
@pytest.mark.parametrize(
    "args",
    [add(1), ["edit", "背靠背", "--add-en", "back-to-back"], ["validate", "--fix"]],
    ids=lambda a: a[0],
)
def test_root_keeps_the_owner_group_and_mode(tmp_path: Path, args: list[str]) -> None:
    """A ``nobody:nogroup`` 0640 glossary written by root became ``root:root`` 0640:
    unreadable to its owner. Now it keeps all three, and its owner can write it next."""
    scratch = tmp_path / "terms.yaml"
    scratch.write_text(SMALL, encoding="utf-8")
    warm_up(add(2), scratch)
    with shared_folder(NOBODY, 0o775) as folder:  # a folder where nobody may write
        path = folder / "terms.yaml"
        path.write_text(SMALL.replace("    pinyin: bèikàobèi\n", ""), encoding="utf-8")
        os.chown(path, NOBODY, NOBODY)
        path.chmod(0o640)
        before = path.read_bytes()
        result = run_glossary("-g", str(path), *args, cwd=tmp_path)
        assert result.returncode == 0, result.stderr
        assert path.read_bytes() != before
        st = path.stat()
        assert (st.st_uid, st.st_gid, stat.S_IMODE(st.st_mode)) == (NOBODY, NOBODY, 0o640)
        lock = (folder / ".terms.yaml.lock").stat()
        assert (lock.st_uid, lock.st_gid, stat.S_IMODE(lock.st_mode)) == (NOBODY, NOBODY, 0o640)
        ran = run_as(NOBODY, NOBODY, ["-g", str(path), *add(2)], folder)
        assert ran.code == 0, ran.stderr


@pytest.mark.parametrize(
    "args",
    [
        add(1),
        ["edit", "背靠背", "--add-en", "x"],
        ["validate", "--fix"],
        ["remove", "背靠背", "-y"],
    ],
    ids=lambda a: a[0],
)
def test_a_hard_linked_glossary_is_refused(tmp_path: Path, args: list[str]) -> None:
    """Renaming over one name split the links silently: the other name kept the old text."""
    path = tmp_path / "terms.yaml"
    path.write_text(SMALL.replace("    pinyin: bèikàobèi\n", ""), encoding="utf-8")
    other = tmp_path / "linked.yaml"
    os.link(path, other)
    before = path.read_bytes()
    result = run_glossary(*args, cwd=tmp_path)
    assert result.returncode == 3 and one_line_error(result), result.stderr
    assert "terms.yaml has 2 hard links, and replacing it would split them" in result.stderr
    assert path.read_bytes() == other.read_bytes() == before
    assert path.stat().st_ino == other.stat().st_ino


def test_check_fix_on_a_hard_linked_draft_is_refused(tmp_path: Path) -> None:
    (tmp_path / "terms.yaml").write_text(
        "terms:\n  - zh: 背靠背\n    en: back to back\n    avoid: backside\n", encoding="utf-8"
    )
    draft = tmp_path / "draft.md"
    draft.write_text("They stood backside (背靠背).\n", encoding="utf-8")
    os.link(draft, tmp_path / "copy.md")
    result = run_glossary("check", "draft.md", "--fix", cwd=tmp_path)
    assert result.returncode == 3 and "draft.md has 2 hard links" in result.stderr
    assert draft.read_text(encoding="utf-8") == "They stood backside (背靠背).\n"
