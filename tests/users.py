"""Run the command line as another user, for the tests of shared glossaries.

CI runs as root, for whom permissions do not apply, so these tests act as other users.
They cannot do it with ``setpriv`` or ``runuser`` and a new interpreter: the virtual
environment may sit in a folder only root can enter (CI makes it with ``mktemp -d``, and
an interpreter under ``/root`` is common), so another user could not even start Python.
Instead the test process forks, and the child drops to the user and group given (no other
groups) before it runs the command, in the modules the parent already imported. The
parent runs the same command once first, on a scratch copy, so that every module it needs
is imported before the fork: the child may not be able to read them. The permissions
that apply to the child are the kernel's own, as for any process of that user.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import NamedTuple

import pytest
from typer.testing import CliRunner

from glossary.cli.app import app

IS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0
#: Only root can act as another user.
needs_root = pytest.mark.skipif(not IS_ROOT, reason="only root can run a command as another user")


class Ran(NamedTuple):
    """What a command run as another user gave."""

    code: int
    stderr: str


@contextmanager
def shared_folder(group: int, mode: int = 0o2775) -> Iterator[Path]:
    """Give a new folder that other users can reach (outside the test's own folder, which
    only root may enter), owned by root and ``group`` with ``mode``; removed afterwards."""
    folder = Path(tempfile.mkdtemp(prefix="glossary-shared-"))
    try:
        os.chown(folder, 0, group)
        folder.chmod(mode)
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def warm_up(args: Sequence[str], glossary: Path) -> None:
    """Run ``glossary -g COPY ARGS`` as this user on a scratch copy of ``glossary``, so that
    the modules the command needs are imported (see the module's docstring)."""
    scratch = Path(tempfile.mkdtemp(prefix="glossary-warm-"))
    try:
        copy = scratch / glossary.name
        shutil.copy(glossary, copy)
        CliRunner().invoke(app, ["-g", str(copy), *args])
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


def run_as(uid: int, gid: int, args: Sequence[str], cwd: Path) -> Ran:
    """Run ``glossary ARGS`` in ``cwd`` as user ``uid`` of group ``gid`` (see the module's
    docstring); give its exit code and what it said on stderr."""
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child
        code = 70
        try:
            os.close(read)
            os.chdir(cwd)
            os.setgroups([])
            os.setresgid(gid, gid, gid)
            os.setresuid(uid, uid, uid)
            result = CliRunner().invoke(app, list(args))
            crash = result.exception and not isinstance(result.exception, SystemExit)
            said = result.stderr + (f"\ncrashed: {result.exception!r}" if crash else "")
            os.write(write, json.dumps([result.exit_code, said]).encode())
            code = 0
        finally:
            os._exit(code)
    os.close(write)
    with os.fdopen(read, "rb") as pipe:
        data = pipe.read()
    _, status = os.waitpid(pid, 0)
    assert os.waitstatus_to_exitcode(status) == 0 and data, "the child could not run"
    exit_code, stderr = json.loads(data)
    return Ran(exit_code, stderr)
