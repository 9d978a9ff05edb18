"""The user's editor, opened at a line of a file."""

from __future__ import annotations

import shlex
from collections.abc import Mapping
from pathlib import Path

# Editors that take FILE:LINE rather than +LINE FILE ("code" wants -g before it).
_COLON_LINE = {"subl", "hx", "helix", "zed", "kak"}
_GOTO_FLAG = {"code", "code-insiders", "codium"}


def command(env: Mapping[str, str], path: Path, line: int | None) -> list[str]:
    """Give the command that opens ``path`` at ``line`` in ``$VISUAL`` or ``$EDITOR``
    (else vi): ``+LINE FILE``, as vi, Emacs, nano and most others read it.

    >>> command({"EDITOR": "nano -w"}, Path("terms.yaml"), 12)
    ['nano', '-w', '+12', 'terms.yaml']
    >>> command({"VISUAL": "code --wait", "EDITOR": "vi"}, Path("terms.yaml"), 3)
    ['code', '--wait', '-g', 'terms.yaml:3']
    >>> command({}, Path("terms.yaml"), None)
    ['vi', 'terms.yaml']
    """
    words = shlex.split(env.get("VISUAL") or env.get("EDITOR") or "vi")
    name = Path(words[0]).name
    if line is None:
        return [*words, str(path)]
    if name in _GOTO_FLAG:
        return [*words, "-g", f"{path}:{line}"]
    if name in _COLON_LINE:
        return [*words, f"{path}:{line}"]
    return [*words, f"+{line}", str(path)]
