"""One writer at a time: the lock file beside a glossary (``.terms.yaml.lock``).

The lock file is opened here, not by a locking library, so that it is opened as a shared
glossary needs: without following a symbolic link (a link planted at the lock's name would
have a writer create or lock a file elsewhere), never a folder or a pipe, and made with the
glossary's own permissions and group, so that everyone who may write the glossary may also
take its lock. A lock file left from before, which another user cannot open to write, is
opened to read: that is enough to lock it. The lock itself is filelock's native one (flock
on POSIX), taken on the open descriptor; the kernel releases it when its process dies.
"""

from __future__ import annotations

import contextlib
import os
import stat
import time
from collections.abc import Iterator
from pathlib import Path

from glossary.errors import GlossaryFileError, display_path

#: Seconds between tries while another writer holds the lock.
_RETRY = 0.05


@contextlib.contextmanager
def held(target: Path, shown: str, timeout: float) -> Iterator[None]:
    """Hold the lock of the file ``target`` while the block runs; give up after ``timeout``
    seconds in which no other write of ``target`` landed (see :func:`_acquire`)."""
    from filelock import unlock_descriptor  # only writers pay for it

    fd = _open(target, shown)
    try:
        _acquire(fd, target, shown, timeout)
        try:
            yield
        finally:
            unlock_descriptor(fd)
    finally:
        os.close(fd)


def lock_path(target: Path) -> Path:
    """Give the path of the lock file of ``target``."""
    return target.with_name(f".{target.name}.lock")


def _open(target: Path, shown: str) -> int:
    """Give a descriptor of the lock file of ``target``, made if it is not there."""
    path = lock_path(target)
    try:
        glossary: os.stat_result | None = os.stat(target)
    except OSError:
        glossary = None
    no_follow = getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0) | os.O_NONBLOCK
    try:
        try:
            fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_EXCL | no_follow, 0o600)
        except FileExistsError:
            fd = _open_existing(path, no_follow)
        else:
            _share_like(fd, glossary)
    except OSError as exc:
        raise _cannot_lock(path, shown, exc) from None
    kind = os.fstat(fd).st_mode
    if not stat.S_ISREG(kind):
        os.close(fd)
        what = "a folder" if stat.S_ISDIR(kind) else "not a regular file"
        raise _refused(path, shown, what)
    return fd


def _open_existing(path: Path, flags: int) -> int:
    """Open a lock file that is there: to write if this user may, else to read (a lock
    file another user made before its permissions were the glossary's)."""
    try:
        return os.open(path, os.O_RDWR | flags)
    except PermissionError:
        return os.open(path, os.O_RDONLY | flags)


def _share_like(fd: int, glossary: os.stat_result | None) -> None:
    """Give a new lock file the read and write permissions of the glossary, for its owner,
    group and others alike, and the glossary's owner and group, as far as this user may
    (root may give it the owner; a member of the group, the group)."""
    if glossary is None:
        return
    for owner in (glossary.st_uid, -1):
        try:
            os.fchown(fd, owner, glossary.st_gid)
            break
        except (OSError, AttributeError):  # AttributeError: no fchown on this system
            continue
    with contextlib.suppress(OSError, AttributeError):
        os.fchmod(fd, (glossary.st_mode & 0o666) | 0o600)


def _cannot_lock(path: Path, shown: str, exc: OSError) -> GlossaryFileError:
    """Give the error of a lock file that cannot be opened."""
    if isinstance(exc, IsADirectoryError):
        return _refused(path, shown, "a folder")
    if not path.is_symlink():
        return GlossaryFileError(
            f"cannot lock {shown}: {exc.strerror}", hint="check that its folder is writable"
        )
    return _refused(path, shown, "a symbolic link")


def _refused(path: Path, shown: str, what: str) -> GlossaryFileError:
    name = display_path(path, follow=False)
    return GlossaryFileError(
        f"cannot lock {shown}: its lock file {name} is {what}; nothing was written",
        hint=f"remove {name} (no glossary command may be running) and try again",
    )


def _acquire(fd: int, target: Path, shown: str, timeout: float) -> None:
    """Take the lock on ``fd``; give up only after ``timeout`` seconds in which no write of
    ``target`` landed. Writers queue: fifty at once may wait for longer than ``timeout`` in
    all while each holds the lock briefly, and must not fail for it; one stuck holding it
    must."""
    from filelock import lock_descriptor

    deadline = time.monotonic() + timeout
    seen = _state(target)
    while True:
        try:
            if lock_descriptor(fd, blocking=False):
                return
        except OSError as exc:
            raise GlossaryFileError(f"cannot lock {shown}: {exc.strerror or exc}") from None
        time.sleep(_RETRY)
        now = _state(target)
        if now != seen:
            seen, deadline = now, time.monotonic() + timeout
        elif time.monotonic() >= deadline:
            raise GlossaryFileError(
                f"another command has been writing {shown} for over {timeout:.0f} s; "
                "nothing was written",
                hint="try again when it has finished",
            )


def _state(target: Path) -> tuple[int, int, int] | None:
    """Give what changes when a write of ``target`` lands (a rename gives a new inode)."""
    try:
        st = os.stat(target)
    except OSError:
        return None
    return st.st_ino, st.st_mtime_ns, st.st_size
