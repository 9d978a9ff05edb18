"""Outputs under faults: exports on a full disk or with no room for temporary files.

Everything runs the real command in a process of its own, with a file-size limit
(``RLIMIT_FSIZE``: a write past it fails as on a full disk, see ``tests/test_faults.py``)
or, where the machine allows it, on a small tmpfs that really fills up.
"""

from __future__ import annotations

import resource
import subprocess
import sys
import zipfile
from io import BytesIO
from pathlib import Path

import pytest

from tests.conftest import SMALL
from tests.test_faults import run_glossary


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
