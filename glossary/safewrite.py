"""Change a file so that it is always either the old text or the new, never a mix.

Writers take a lock beside the file, read it, compute the new text, write it to a
temporary file in the same folder, and rename that over the original. A command that
fails at any point, or is interrupted, leaves the original byte for byte as it was.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

from glossary.errors import GlossaryFileError, display_path
from glossary.store import decode

LOCK_TIMEOUT = 30.0
_BOM = b"\xef\xbb\xbf"


def update(path: Path, change: Callable[[str], str], *, timeout: float = LOCK_TIMEOUT) -> bool:
    """Replace the text of ``path`` with ``change(text)``, atomically and under a lock.

    Give whether anything was written (``False`` when the text came back unchanged).
    ``change`` raises to refuse; the file is then left as it was.
    """
    target = path.resolve()
    shown = display_path(path)
    with _locked(target, shown, timeout):
        try:
            data = target.read_bytes()
            before = os.stat(target)
        except FileNotFoundError:
            raise GlossaryFileError(
                f"no glossary at {shown}", hint="create one with: glossary init"
            ) from None
        old_text = decode(data, shown)
        new_text = change(old_text)
        if new_text == old_text:
            return False
        payload = (_BOM if data.startswith(_BOM) else b"") + new_text.encode("utf-8")
        _replace(target, shown, payload, before)
        return True


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


def write_new(path: Path, content: str | bytes) -> None:
    """Write ``path`` whole, atomically (for outputs such as ``import -o`` and exports)."""
    target = path.resolve()
    before = os.stat(target) if target.exists() else None
    payload = content.encode("utf-8") if isinstance(content, str) else content
    _replace(target, display_path(path), payload, before)


def write_folder(folder: Path, files: dict[str, bytes]) -> None:
    """Write ``files`` (name -> content) into ``folder``, each atomically; make the folder."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise GlossaryFileError(
            f"cannot make the folder {display_path(folder)}: {exc.strerror}"
        ) from None
    for name, content in files.items():
        write_new(folder / name, content)


@contextlib.contextmanager
def _locked(target: Path, shown: str, timeout: float) -> Iterator[None]:
    from filelock import FileLock, Timeout  # only writers pay for it

    lock = FileLock(str(target.with_name(f".{target.name}.lock")), timeout=timeout)
    try:
        with lock:
            yield
    except Timeout:
        raise GlossaryFileError(
            f"another command has been writing {shown} for over {timeout:.0f} s; "
            "nothing was written",
            hint="try again when it has finished",
        ) from None
    except PermissionError as exc:
        raise GlossaryFileError(
            f"cannot lock {shown}: {exc.strerror}", hint="check that its folder is writable"
        ) from None


def _replace(target: Path, shown: str, payload: bytes, before: os.stat_result | None) -> None:
    """Write ``payload`` beside ``target`` and rename it over; clean up on any failure."""
    try:
        fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    except OSError as exc:
        raise GlossaryFileError(
            f"cannot write {shown}: {exc.strerror or exc}; nothing was changed",
            hint="check that the folder exists and is writable",
        ) from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, before.st_mode & 0o7777 if before else _new_file_mode())
        if before is not None:
            _check_unchanged(target, shown, before)
        os.replace(tmp, target)
        _sync_folder(target.parent)
    except OSError as exc:
        raise GlossaryFileError(
            f"cannot write {shown}: {exc.strerror or exc}; nothing was changed",
            hint="check free space and permissions",
        ) from None
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)


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


def _sync_folder(folder: Path) -> None:
    if hasattr(os, "O_DIRECTORY"):
        fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
