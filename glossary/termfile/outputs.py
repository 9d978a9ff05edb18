"""Files a command makes: exports and new glossaries (``-o``), never over what matters.

Every output path goes through :func:`check` before anything is written: never over a
glossary in use (the same file by identity: through a symbolic or a hard link too), never
over an existing file or folder unless ``force`` is given, never over what is not a regular
file (a device, a pipe), and a folder only if it holds nothing but what the export writes.
A file is then written as every change is (see :mod:`.safewrite`): whole, beside the
target, and renamed over it; a folder likewise, swapped in whole (:func:`write_folder`).
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import stat
import tempfile
from collections.abc import Sequence
from pathlib import Path

from glossary import paths
from glossary.errors import GlossaryFileError, UsageError, display_path
from glossary.termfile import safewrite

_FORCE_HINT = "add --force to replace it"


def write_file(
    path: Path, content: str | bytes, *, in_use: Sequence[Path] = (), force: bool = False
) -> None:
    """Write ``path`` whole, atomically, once :func:`check` allows it."""
    shown = display_path(path)
    check(path, in_use=in_use, force=force)
    target = safewrite.resolved(path, shown)
    before = os.stat(target) if target.exists() else None
    payload = content.encode("utf-8") if isinstance(content, str) else content
    safewrite.replace(target, shown, payload, before)


def write_folder(
    folder: Path,
    files: dict[str, bytes],
    *,
    in_use: Sequence[Path] = (),
    force: bool = False,
    owned: re.Pattern[str] | None = None,
) -> None:
    """Write ``files`` (name -> content) as the folder ``folder``, whole, once :func:`check`
    allows it (``owned`` matches the names of the files such an export may hold).

    The files are written into a new folder beside ``folder``, which takes its place only
    once every file is there. A failure (a full disk, say) leaves the old folder as it was,
    and no new folder, not even an empty one, behind: a dictionary half old and half new
    is one its readers cannot read.
    """
    check(folder, in_use=in_use, force=force, owned=owned or re.compile(".+"), folder=True)
    shown = display_path(folder)
    target = safewrite.resolved(folder, shown)
    made = _parents(target.parent)
    staging: Path | None = None
    try:
        _make(made)
        name = f".{target.name}."
        staging = Path(tempfile.mkdtemp(dir=target.parent, prefix=name, suffix=".tmp"))
        for file_name, content in files.items():
            _write(staging / file_name, content)
        _like(staging, target)
        safewrite.sync_folder(staging)
        _swap(staging, target)
        safewrite.sync_folder(target.parent)
    except OSError as exc:
        if staging is not None:
            shutil.rmtree(staging, ignore_errors=True)
        for parent in made:  # the deepest first
            with contextlib.suppress(OSError):
                parent.rmdir()
        raise GlossaryFileError(
            f"cannot write {shown}: {exc.strerror or exc}; nothing was changed",
            hint="check free space and permissions",
        ) from None


def _parents(folder: Path) -> list[Path]:
    """Give the folders up to ``folder`` that are missing, the deepest first."""
    missing = []
    while not folder.exists() and folder != folder.parent:
        missing.append(folder)
        folder = folder.parent
    return missing


def _make(missing: list[Path]) -> None:
    for parent in reversed(missing):
        parent.mkdir()


def _write(path: Path, content: bytes) -> None:
    """Write a new file whole and to the disk (permissions as the umask says)."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
    with os.fdopen(fd, "wb") as out:
        out.write(content)
        out.flush()
        os.fsync(out.fileno())


def _like(staging: Path, target: Path) -> None:
    """Give the new folder the owner, group and mode of the folder it replaces, or the
    usual mode of a new folder (a temporary folder starts private)."""
    try:
        old = os.stat(target)
    except FileNotFoundError:
        mask = os.umask(0)
        os.umask(mask)
        staging.chmod(0o777 & ~mask)
        return
    with contextlib.suppress(OSError, AttributeError):
        os.chown(staging, old.st_uid, old.st_gid)
    staging.chmod(stat.S_IMODE(old.st_mode))


def _swap(staging: Path, target: Path) -> None:
    """Put ``staging`` in the place of ``target``: the old folder, if any, is moved aside,
    the new one renamed in, and the old one removed; should the second rename fail, the
    old folder is moved back."""
    if not target.exists():
        os.rename(staging, target)
        return
    aside = target.with_name(f".{target.name}.{os.urandom(6).hex()}.old")
    os.rename(target, aside)
    try:
        os.rename(staging, target)
    except OSError:
        os.rename(aside, target)
        raise
    shutil.rmtree(aside, ignore_errors=True)


def check(
    path: Path,
    *,
    in_use: Sequence[Path],
    force: bool,
    folder: bool = False,
    owned: re.Pattern[str] | None = None,
) -> None:
    """Refuse to write ``path`` (a file, or with ``folder`` a folder of files whose names
    ``owned`` matches) where it would destroy something; see the module's docstring.

    Raise :class:`UsageError` (exit 2) for what the command line asked wrongly, and
    :class:`GlossaryFileError` (exit 3) for a path that cannot be looked at.
    """
    shown = display_path(path, follow=False)  # the name given, not where a link leads
    try:
        st = os.stat(path)
    except FileNotFoundError:
        return
    except (OSError, ValueError) as exc:
        why = exc.strerror if isinstance(exc, OSError) else str(exc)
        raise GlossaryFileError(f"cannot write {shown}: {why}") from None
    for glossary in (*in_use, paths.shipped_path()):
        try:
            same = os.path.samestat(st, os.stat(glossary))
        except (OSError, ValueError):
            continue
        if same:
            named = display_path(glossary)
            which = "the glossary in use" + (f", {named}" if named != shown else "")
            raise UsageError(
                f"{shown} is {which}; nothing was written", hint="write the output elsewhere"
            )
    if folder:
        _check_folder(path, shown, st, force, owned or re.compile(".+"))
    elif stat.S_ISDIR(st.st_mode):
        raise UsageError(f"{shown} is a folder; nothing was written", hint="give a file name")
    elif not stat.S_ISREG(st.st_mode):
        raise UsageError(
            f"{shown} is not a regular file (a device or a pipe); nothing was written",
            hint="to write to stdout, leave out -o (or give -o -)",
        )
    elif not force:
        raise UsageError(f"{shown} already exists; nothing was written", hint=_FORCE_HINT)


def _check_folder(
    path: Path, shown: str, st: os.stat_result, force: bool, owned: re.Pattern[str]
) -> None:
    """Refuse a folder output over a file, over a folder not empty unless ``force``, and
    over one holding anything the export would not write."""
    if not stat.S_ISDIR(st.st_mode):
        raise UsageError(
            f"{shown} is a file, not a folder; nothing was written", hint="name a folder"
        )
    try:
        entries = sorted(os.scandir(path), key=lambda e: e.name)
    except OSError as exc:
        raise GlossaryFileError(f"cannot read the folder {shown}: {exc.strerror}") from None
    if not entries:
        return
    foreign = next(
        (e for e in entries if not owned.fullmatch(e.name) or not e.is_file(follow_symlinks=False)),
        None,
    )
    if foreign is not None:
        name = display_path(Path(foreign.path), follow=False)
        raise UsageError(
            f"{shown} holds {name}, which this export does not write; nothing was written",
            hint="name a new or empty folder for the export",
        )
    if not force:
        raise UsageError(f"{shown} already exists; nothing was written", hint=_FORCE_HINT)
