"""Which glossary files a command uses: ``-g`` paths, ``$GLOSSARY_FILE``, ``./terms.yaml``,
or the glossary shipped inside the package; and whether each may be read as one."""

from __future__ import annotations

import os
import stat
from collections.abc import Mapping, Sequence
from pathlib import Path

from glossary import limits
from glossary.errors import GlossaryFileError, UsageError, display_path

ENV_VAR = "GLOSSARY_FILE"
DEFAULT_NAME = "terms.yaml"

#: What a path that is not a regular file or a folder is, as messages name it.
_KINDS = (
    (stat.S_ISFIFO, "a named pipe (FIFO)"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
)


def shipped_path() -> Path:
    """Give the path of the read-only glossary shipped inside the package."""
    return Path(__file__).with_name(DEFAULT_NAME)


def resolve(
    explicit: Sequence[str | Path],
    env: Mapping[str, str],
    cwd: Path,
    limit: int = limits.DEFAULT,
) -> list[Path]:
    """Give the glossary files to use: ``-g`` paths, else ``$GLOSSARY_FILE``, else
    ``./terms.yaml``, else the shipped glossary; each checked by :func:`checked`."""
    if explicit:
        chosen = [Path(p) for p in explicit]
    elif env.get(ENV_VAR):
        chosen = [Path(env[ENV_VAR])]
    elif (cwd / DEFAULT_NAME).is_file():
        chosen = [cwd / DEFAULT_NAME]
    else:
        chosen = [shipped_path()]
    return [checked(path, limit) for path in chosen]


def checked(path: Path, limit: int = limits.DEFAULT) -> Path:
    """Give ``path`` if it may be read as a glossary file. Refuse a named pipe, a device or
    a socket (reading one can block forever or never end, and a glossary is read more than
    once), and a file over ``limit`` bytes. A missing file, a folder or a path that cannot
    be looked at is left to the loader, which says what is wrong with it."""
    try:
        st = os.stat(path)
    except (OSError, ValueError):
        return path
    if stat.S_ISREG(st.st_mode):
        if st.st_size > limit:
            raise limits.too_large(display_path(path), st.st_size, limit)
        return path
    kind = next((name for test, name in _KINDS if test(st.st_mode)), None)
    if kind is None:  # a folder: the loader says so
        return path
    raise GlossaryFileError(
        f"{display_path(path)} is {kind}, not a glossary file",
        hint="give the path of a YAML file",
    )


def writable(
    explicit: Sequence[str | Path],
    env: Mapping[str, str],
    cwd: Path,
    limit: int = limits.DEFAULT,
) -> Path:
    """Give the one glossary a writing command may change: never the shipped one."""
    if len(explicit) > 1:
        raise UsageError("commands that write take one glossary; give -g FILE once")
    paths = resolve(explicit, env, cwd, limit)
    if not explicit and not env.get(ENV_VAR) and paths == [shipped_path()]:
        raise GlossaryFileError(
            f"no {DEFAULT_NAME} here, and the shipped glossary is read-only",
            hint="create one with 'glossary init', or name one with -g FILE",
        )
    return paths[0]
