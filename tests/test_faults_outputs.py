"""Outputs under faults: exports on a full disk or with no room for temporary files.

Everything runs the real command in a process of its own, with a file-size limit
(``RLIMIT_FSIZE``: a write past it fails as on a full disk, see ``tests/test_faults.py``)
or, where the machine allows it, on a small tmpfs that really fills up.
"""

from __future__ import annotations

import resource
import shutil
import stat
import subprocess
import sys
import zipfile
from collections.abc import Iterator
from io import BytesIO
from pathlib import Path

import pytest

from tests.conftest import SMALL
from tests.test_faults import one_line_error, run_glossary


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    (tmp_path / "terms.yaml").write_text(SMALL, encoding="utf-8")
    return tmp_path


def test_anki_needs_no_temporary_folder(folder: Path) -> None:
    """The package was built in the temp folder: a full one gave a sqlite3.OperationalError
    traceback. Now it is built in memory: with no file writable at all (a size limit of
    0 bytes), the package still comes out on stdout, and it is a whole Anki collection."""
    result = subprocess.run(
        [sys.executable, "-m", "glossary", "export", "anki"],
        cwd=folder,
        capture_output=True,
        timeout=120,
        preexec_fn=lambda: resource.setrlimit(resource.RLIMIT_FSIZE, (0, 0)),
    )
    assert result.returncode == 0, result.stderr.decode()
    with zipfile.ZipFile(BytesIO(result.stdout)) as package:
        assert sorted(package.namelist()) == ["collection.anki2", "media"]
        assert package.read("collection.anki2").startswith(b"SQLite format 3\0")
    assert run_glossary("export", "anki", "-o", "x.apkg", cwd=folder).returncode == 0


# --- StarDict on a full disk: the old dictionary stays whole ---------------------------------


def big_glossary(path: Path, count: int = 2000) -> None:
    """Write a glossary whose StarDict export is some hundred kilobytes."""
    terms = "".join(
        f"  - zh: 词{i}\n    pinyin: cí\n    en: word number {i} {'x' * 150}\n"
        for i in range(count)
    )
    path.write_text(SMALL + terms, encoding="utf-8")


def folder_state(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def leftovers(parent: Path) -> list[str]:
    """Give what an export left beside its folder: staging or set-aside folders."""
    return sorted(p.name for p in parent.iterdir() if p.name.startswith(".dict."))


def sdcv_finds(folder: Path, word: str) -> bool:
    if shutil.which("sdcv") is None:
        return True  # nothing to ask; the bytes are compared anyway
    found = subprocess.run(
        ["sdcv", "-n", "--data-dir", str(folder), word], capture_output=True, text=True
    )
    return f"-->{word}" in found.stdout or "back to back" in found.stdout


def test_a_full_disk_leaves_the_old_stardict_whole(folder: Path) -> None:
    """The new .idx was written beside the old .dict, .ifo and .syn, "nothing was changed"
    was said, and sdcv stopped finding words. Now the old folder stays byte for byte."""
    assert run_glossary("export", "stardict", "-o", "dict", cwd=folder).returncode == 0
    (folder / "dict").chmod(0o750)
    assert sdcv_finds(folder / "dict", "背靠背")
    before = folder_state(folder / "dict")
    big_glossary(folder / "terms.yaml")
    result = run_glossary(
        "export", "stardict", "-o", "dict", "--force", cwd=folder, limit_bytes=100_000
    )
    assert result.returncode == 3 and one_line_error(result), result.stderr
    assert "nothing was changed" in result.stderr
    assert folder_state(folder / "dict") == before
    assert stat.S_IMODE((folder / "dict").stat().st_mode) == 0o750
    assert leftovers(folder) == []
    assert sdcv_finds(folder / "dict", "背靠背")
    done = run_glossary("export", "stardict", "-o", "dict", "--force", cwd=folder)
    assert done.returncode == 0, done.stderr
    assert folder_state(folder / "dict") != before
    assert stat.S_IMODE((folder / "dict").stat().st_mode) == 0o750  # kept on a swap too
    assert leftovers(folder) == []


def test_a_failed_export_leaves_no_empty_folder(folder: Path) -> None:
    big_glossary(folder / "terms.yaml")
    result = run_glossary(
        "export", "stardict", "-o", "new/deeper/dict", cwd=folder, limit_bytes=100_000
    )
    assert result.returncode == 3 and one_line_error(result), result.stderr
    assert not (folder / "new").exists()


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    """A real file system of 256 KB (tmpfs), where the machine lets the tests mount one."""
    mount = tmp_path / "disk"
    mount.mkdir()
    made = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=256k", "tmpfs", str(mount)], capture_output=True
    )
    if made.returncode != 0:
        pytest.skip(f"cannot mount a small tmpfs here: {made.stderr.decode().strip()}")
    try:
        yield mount
    finally:
        subprocess.run(["umount", str(mount)], check=True)


def test_a_really_full_disk_leaves_the_old_stardict_whole(folder: Path, small_disk: Path) -> None:
    assert (
        run_glossary("export", "stardict", "-o", str(small_disk / "dict"), cwd=folder).returncode
        == 0
    )
    before = folder_state(small_disk / "dict")
    big_glossary(folder / "terms.yaml")
    result = run_glossary(
        "export", "stardict", "-o", str(small_disk / "dict"), "--force", cwd=folder
    )
    assert result.returncode == 3 and one_line_error(result), result.stderr
    assert "No space left on device; nothing was changed" in result.stderr
    assert folder_state(small_disk / "dict") == before
    assert leftovers(small_disk) == []
    assert sdcv_finds(small_disk / "dict", "背靠背")
