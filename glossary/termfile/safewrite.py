"""Change a file so that it is always either the old text or the new, never a mix.

Writers take a lock beside the file, read it, compute the new text, write it to a
temporary file in the same folder, and rename that over the original. A command that
fails at any point, or is interrupted, leaves the original byte for byte as it was.

A writer killed outright (SIGKILL, a power cut) leaves at most its temporary file and the
lock file. The lock itself dies with the process (the kernel releases it), and a writer
makes its temporary file only while it holds the lock, so the next writer to hold it
removes any such file it finds: it can only be a dead writer's.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import stat
import tempfile
from collections.abc import Callable
from pathlib import Path

from glossary.errors import GlossaryFileError, display_path
from glossary.termfile import lock
from glossary.termfile.store import decode

#: Seconds a writer waits for the lock while no other write lands (see :mod:`.lock`).
LOCK_TIMEOUT = 30.0
_BOM = b"\xef\xbb\xbf"


def update(
    path: Path,
    change: Callable[[str], str],
    *,
    timeout: float = LOCK_TIMEOUT,
    dry_run: bool = False,
) -> bool:
    """Replace the text of ``path`` with ``change(text)``, atomically and under a lock.

    Give whether anything was written (``False`` when the text came back unchanged).
    ``change`` raises to refuse; the file is then left as it was. With ``dry_run``, the
    file is read and ``change`` run on it alike, and nothing locked or written: a command
    that only shows what it would do fails as the real one would.
    """
    shown = display_path(path)
    target = resolved(path, shown)
    if dry_run:
        _, data = _read(target, shown)
        old_text = decode(data, shown)
        return change(old_text) != old_text
    with lock.held(target, shown, timeout):
        before, data = _read(target, shown)
        old_text = decode(data, shown)
        new_text = change(old_text)
        if new_text == old_text:
            return False
        _refuse_read_only(target, shown, before)
        _remove_stale(target)
        payload = (_BOM if data.startswith(_BOM) else b"") + new_text.encode("utf-8")
        replace(target, shown, payload, before, locked=True)
        return True


def _read(target: Path, shown: str) -> tuple[os.stat_result, bytes]:
    """Give the state and the bytes of the file to change."""
    try:
        before = os.stat(target)
        _refuse_odd_file(before, shown)
        return before, target.read_bytes()
    except FileNotFoundError:
        raise GlossaryFileError(
            f"no glossary at {shown}", hint="create one with: glossary init"
        ) from None


def create(path: Path, text: str) -> None:
    """Write a new file at ``path``; refuse if one is already there."""
    shown = display_path(path)
    try:
        with open(path, "x", encoding="utf-8", newline="") as handle:
            handle.write(text)
    except FileExistsError:
        raise GlossaryFileError(
            f"{shown} already exists; nothing was written", hint="choose another path"
        ) from None
    except OSError as exc:
        raise GlossaryFileError(f"cannot write {shown}: {exc.strerror}") from None


def resolved(path: Path, shown: str) -> Path:
    """Give where ``path`` leads, through symbolic links: the file to replace, beside which
    the lock and the temporary file go."""
    try:
        return path.resolve()
    except (OSError, RuntimeError) as exc:  # RuntimeError: a loop of links (Python 3.11, 3.12)
        why = exc.strerror if isinstance(exc, OSError) else os.strerror(errno.ELOOP)
        raise GlossaryFileError(f"cannot read {shown}: {why}") from None


def _refuse_odd_file(before: os.stat_result, shown: str) -> None:
    """Refuse to rewrite what is not a regular file: a folder, or a pipe or device that
    reading could block on, and renaming over would replace."""
    if stat.S_ISDIR(before.st_mode):
        raise GlossaryFileError(f"{shown} is a folder, not a file; nothing was written")
    if not stat.S_ISREG(before.st_mode):
        raise GlossaryFileError(
            f"{shown} is not a regular file (a pipe or a device); nothing was written",
            hint="give the path of a file",
        )


def _refuse_read_only(target: Path, shown: str, before: os.stat_result) -> None:
    """Refuse to replace a file that is read-only: renaming over it would succeed (only the
    folder's permission counts for that), and so would root's writes."""
    if not before.st_mode & 0o222 or not os.access(target, os.W_OK):
        raise GlossaryFileError(
            f"{shown} is read-only; nothing was written",
            hint="make it writable first (chmod u+w) if it is meant to change",
        )


def _stale_pattern(target: Path) -> re.Pattern[str]:
    """Give the names of the temporary files that locked writes of ``target`` make."""
    return re.compile(rf"\.{re.escape(target.name)}\.[0-9a-f]{{12}}\.tmp")


def _remove_stale(target: Path) -> None:
    """Remove what killed writers of ``target`` left: called only under the lock, when no
    living writer can have a temporary file."""
    pattern = _stale_pattern(target)
    with contextlib.suppress(OSError), os.scandir(target.parent) as entries:
        for entry in entries:
            if pattern.fullmatch(entry.name):
                with contextlib.suppress(OSError):
                    os.unlink(entry.path)


def _make_temporary(target: Path, locked: bool) -> tuple[int, str]:
    """Create a private temporary file beside ``target``; give its descriptor and path.

    Locked writes name theirs so that the next holder of the lock can recognise them
    (:func:`_stale_pattern`); others (exports) use ``tempfile``'s names, never removed.
    """
    if not locked:
        return tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    while True:
        tmp = str(target.with_name(f".{target.name}.{os.urandom(6).hex()}.tmp"))
        try:
            return os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600), tmp
        except FileExistsError:
            continue


def replace(
    target: Path,
    shown: str,
    payload: bytes,
    before: os.stat_result | None,
    *,
    locked: bool = False,
) -> None:
    """Write ``payload`` beside ``target`` and rename it over; clean up on any failure.

    The new file gets the owner, group and mode of the one it replaces (see
    :func:`_keep_identity`). A file with other hard links is refused: renaming over one
    of its names would leave the others holding the old text.
    """
    if before is not None and before.st_nlink > 1:
        raise GlossaryFileError(
            f"{shown} has {before.st_nlink} hard links, and replacing it would split them "
            "(the other names would keep the old text); nothing was written",
            hint=f"write through a single name: make {shown} a file of its own "
            "(cp it to a new name and move that over it), or use a symbolic link instead",
        )
    try:
        fd, tmp = _make_temporary(target, locked)
    except OSError as exc:
        raise GlossaryFileError(
            f"cannot write {shown}: {exc.strerror or exc}; nothing was changed",
            hint="check that the folder exists and is writable",
        ) from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
            handle.flush()
            if before is not None:
                _keep_identity(handle.fileno(), before)
            else:
                os.chmod(tmp, _new_file_mode())
            os.fsync(handle.fileno())
        if before is not None:
            _check_unchanged(target, shown, before)
        os.replace(tmp, target)
        sync_folder(target.parent)
    except OSError as exc:
        raise GlossaryFileError(
            f"cannot write {shown}: {exc.strerror or exc}; nothing was changed",
            hint="check free space and permissions",
        ) from None
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)


def _keep_identity(fd: int, before: os.stat_result) -> None:
    """Give the new file ``fd`` the owner, group and mode of the file it replaces.

    Root, or the file's owner, keeps both owner and group: a glossary ``nobody:nogroup``
    ``0640`` written by root stays so (it became ``root:root``, unreadable to its owner).
    Another member of a shared glossary's group keeps the group; the owner becomes that
    member, as no one but root may give a file away. The mode is set last, as changing
    the owner clears the set-id bits.
    """
    if hasattr(os, "fchown"):
        try:
            os.fchown(fd, before.st_uid, before.st_gid)
        except PermissionError:
            with contextlib.suppress(PermissionError):
                os.fchown(fd, -1, before.st_gid)
    os.chmod(fd, stat.S_IMODE(before.st_mode))


def _new_file_mode() -> int:
    """Give the mode a new file gets here (temporary files start private: 0o600)."""
    mask = os.umask(0)
    os.umask(mask)
    return 0o666 & ~mask


def _check_unchanged(target: Path, shown: str, before: os.stat_result) -> None:
    now = os.stat(target)
    if (now.st_mtime_ns, now.st_size, now.st_ino) != (
        before.st_mtime_ns,
        before.st_size,
        before.st_ino,
    ):
        raise GlossaryFileError(
            f"{shown} changed on disk while this command ran; nothing was written",
            hint="run the command again",
        )


def sync_folder(folder: Path) -> None:
    """Make a folder's entries (a file renamed in, say) last through a power cut."""
    if hasattr(os, "O_DIRECTORY"):
        fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
