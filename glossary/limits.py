"""How much a command reads at most: the size limit of every input and glossary file.

Every file and stream a command reads is held in memory whole, several times over once it
is decoded and parsed, so a limit keeps a mistaken input (a disk image, ``/dev/zero``, an
endless pipe) from taking the machine's memory. The limit is generous for text and can be
raised with ``--max-input``.
"""

from __future__ import annotations

from glossary.errors import GlossaryFileError, UsageError

#: The largest input or glossary read unless ``--max-input`` says otherwise: 256 MB.
DEFAULT = 256 * 1024 * 1024
#: Size suffixes, each a power of 1024 as ``head -c`` and ``ulimit`` count.
_UNITS = {"": 1, "K": 1024, "M": 1024**2, "G": 1024**3, "T": 1024**4}
_OPTION_HINT = "give a size such as 512M or 2G (K, M, G count 1024s)"


def parse(text: str | None) -> int:
    """Give the limit in bytes that ``--max-input TEXT`` asks for (None: the default).

    >>> parse("300M") == 300 * 1024**2, parse("2g") == 2 * 1024**3, parse("4096"), parse(None)
    (True, True, 4096, 268435456)
    """
    if text is None:
        return DEFAULT
    word = text.strip().upper().removesuffix("B").removesuffix("I")
    number, unit = word.rstrip("KMGT"), word[len(word.rstrip("KMGT")) :]
    if not number.isdigit() or unit not in _UNITS or not number.isascii():
        raise UsageError(f"--max-input {text!r} is not a size", hint=_OPTION_HINT)
    size = int(number) * _UNITS[unit]
    if size < 1:
        raise UsageError("--max-input must be more than 0", hint=_OPTION_HINT)
    return size


def shown(size: int) -> str:
    """Give a size in bytes as people read it, in units of 1024.

    >>> shown(DEFAULT), shown(1536), shown(1024**3 + 1), shown(100)
    ('256 MB', '1.5 KB', '1.0 GB', '100 bytes')
    """
    if size < 1024:
        return f"{size} bytes"
    value, units = size / 1024, ["KB", "MB", "GB", "TB"]
    while value >= 1024 and len(units) > 1:
        value, units = value / 1024, units[1:]
    return f"{value:.0f} {units[0]}" if value.is_integer() else f"{value:.1f} {units[0]}"


def too_large(shown_path: str, size: int | None, limit: int) -> GlossaryFileError:
    """Give the error for an input larger than ``limit`` (``size``, when it is known)."""
    what = f"{shown_path} holds {shown(size)}" if size is not None else f"{shown_path} is larger"
    return GlossaryFileError(
        f"{what}, over the limit of {shown(limit)} for an input",
        hint="if it is meant to be this large, raise the limit: glossary --max-input 2G ...",
    )
