"""Pairs a reader rejected, remembered per glossary so that ``extract`` never proposes them
again, whatever the article.

They live in a small file beside the glossary (``terms.yaml`` → ``terms.rejected.tsv``), not
in the cache: a rejection is a reader's decision, not something rebuilt from the glossary, so
it must survive a cache wipe, and it travels (and is versioned) with the glossary it belongs
to. One pair a line, headword and rendering separated by a tab; ``*`` as the rendering rejects
the headword whatever its rendering; lines starting with ``#`` are comments.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from glossary.encoding import decode
from glossary.errors import GlossaryFileError, display_path
from glossary.termfile import safewrite

ANY = "*"
_HEADER = (
    "# Pairs rejected in `glossary extract --review`: extract never proposes them again.\n"
    "# One a line: headword, a tab, rendering (* for any rendering). Delete a line to undo.\n"
)


def beside(glossary: Path) -> Path:
    """Give the file of rejections that belongs to the glossary at ``glossary``.

    >>> beside(Path("notes/terms.yaml")).as_posix()
    'notes/terms.rejected.tsv'
    """
    return glossary.with_name(glossary.stem + ".rejected.tsv")


def load(path: Path) -> frozenset[tuple[str, str]]:
    """Give the rejected (headword, rendering) pairs of ``path``, renderings folded to lower
    case; none when there is no such file."""
    try:
        text = decode(path.read_bytes(), display_path(path))
    except FileNotFoundError:
        return frozenset()
    return frozenset((zh, en.casefold()) for zh, en in _pairs(text))


def is_rejected(rejected: frozenset[tuple[str, str]], zh: str, en: str) -> bool:
    """Tell whether the pair (``zh``, ``en``) was rejected, alone or with its headword."""
    return (zh, en.casefold()) in rejected or (zh, ANY) in rejected


def remember(path: Path, pairs: Iterable[tuple[str, str]]) -> None:
    """Add ``pairs`` to the rejections in ``path`` (created if missing), safely."""
    new = [(zh, " ".join(en.split())) for zh, en in pairs]
    if not new:
        return

    def change(text: str) -> str:
        known = {(zh, en.casefold()) for zh, en in _pairs(text)}
        lines = [f"{zh}\t{en}\n" for zh, en in new if (zh, en.casefold()) not in known]
        return text + ("" if not text or text.endswith("\n") else "\n") + "".join(lines)

    if not path.exists():
        try:
            safewrite.create(path, _HEADER)
        except GlossaryFileError:  # created meanwhile by another process: updated below
            if not path.exists():
                raise
    safewrite.update(path, change)


def _pairs(text: str) -> list[tuple[str, str]]:
    """Give the (headword, rendering) lines of a rejections file's ``text``."""
    out = []
    for line in text.splitlines():
        zh, tab, en = line.partition("\t")
        if tab and zh.strip() and not zh.startswith("#"):
            out.append((zh.strip(), en.strip()))
    return out
