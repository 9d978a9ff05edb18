"""Files a command makes: exports and new glossaries (``-o``), never over what matters.

Every output path goes through :func:`check` before anything is written: never over a
glossary in use (the same file by identity: through a symbolic or a hard link too), never
over an existing file or folder unless ``force`` is given, never over what is not a regular
file (a device, a pipe), and a folder only if it holds nothing but what the export writes.
The file itself is then written as every change is (see :mod:`.safewrite`): whole, beside
the target, and renamed over it.
"""

from __future__ import annotations

import os
import re
import stat
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
    """Write ``files`` (name -> content) into ``folder``, once :func:`check` allows it;
    make the folder. ``owned`` matches the names of the files such an export may hold."""
    check(folder, in_use=in_use, force=force, owned=owned or re.compile(".+"), folder=True)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise GlossaryFileError(
            f"cannot make the folder {display_path(folder)}: {exc.strerror}"
        ) from None
    for name, content in files.items():
        target = folder / name
        shown = display_path(target)
        before = os.stat(target) if target.exists() else None
        safewrite.replace(safewrite.resolved(target, shown), shown, content, before)


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
