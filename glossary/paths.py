"""Which glossary files a command uses: ``-g`` paths, ``$GLOSSARY_FILE``, ``./terms.yaml``,
or the glossary shipped inside the package."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path

from glossary.errors import GlossaryFileError, UsageError

ENV_VAR = "GLOSSARY_FILE"
DEFAULT_NAME = "terms.yaml"


def shipped_path() -> Path:
    """Give the path of the read-only glossary shipped inside the package."""
    return Path(__file__).with_name(DEFAULT_NAME)


def resolve(explicit: Sequence[str | Path], env: Mapping[str, str], cwd: Path) -> list[Path]:
    """Give the glossary files to use: ``-g`` paths, else ``$GLOSSARY_FILE``, else
    ``./terms.yaml``, else the shipped glossary."""
    if explicit:
        return [Path(p) for p in explicit]
    if env.get(ENV_VAR):
        return [Path(env[ENV_VAR])]
    local = cwd / DEFAULT_NAME
    if local.is_file():
        return [local]
    return [shipped_path()]


def writable(explicit: Sequence[str | Path], env: Mapping[str, str], cwd: Path) -> Path:
    """Give the one glossary a writing command may change: never the shipped one."""
    if len(explicit) > 1:
        raise UsageError("commands that write take one glossary; give -g FILE once")
    paths = resolve(explicit, env, cwd)
    if not explicit and not env.get(ENV_VAR) and paths == [shipped_path()]:
        raise GlossaryFileError(
            f"no {DEFAULT_NAME} here, and the shipped glossary is read-only",
            hint="create one with 'glossary init', or name one with -g FILE",
        )
    return paths[0]
