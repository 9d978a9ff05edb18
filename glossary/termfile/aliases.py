"""Anchors and aliases that tie one entry to another, which a one-entry edit cannot follow.

YAML lets an entry name a value (``en: &b beta``) and another entry reuse it (``avoid:
[*b]``); the glossary's loader accepts this. The surgical editor reads and rewrites one
entry at a time, so it cannot keep such a tie: rewriting the anchor's entry would leave the
alias undefined, and the alias's entry does not read on its own. Here such ties are found
so that the editor refuses with the alias named, instead of failing its read-back check.
"""

from __future__ import annotations

import re

import yaml

from glossary.errors import GlossaryFileError, Location

_HINT = "write the value out in place of the alias (by hand), then run the command again"


def names(chunk: str) -> tuple[list[str], list[str]]:
    """Give the anchors (``&name``) and aliases (``*name``) written in ``chunk``, in order."""
    anchors: list[str] = []
    used: list[str] = []
    try:
        for token in yaml.scan(chunk, Loader=yaml.SafeLoader):
            if isinstance(token, yaml.AnchorToken):
                anchors.append(str(token.value))
            elif isinstance(token, yaml.AliasToken):
                used.append(str(token.value))
    except yaml.YAMLError:
        pass  # the loader reports what does not scan; here there is nothing to follow
    return anchors, used


def headword(chunk: str) -> str | None:
    """Give the ``zh`` of the entry written in ``chunk`` as its tokens show it (for an
    entry that does not read on its own), or None."""
    tokens: list[yaml.Token] = []
    try:
        for token in yaml.scan(chunk, Loader=yaml.SafeLoader):
            tokens.append(token)
            if len(tokens) >= 4 and _is_zh(tokens[-4:]):
                word = tokens[-1]
                assert isinstance(word, yaml.ScalarToken)
                return str(word.value)
    except yaml.YAMLError:
        return None
    return None


def _is_zh(last: list[yaml.Token]) -> bool:
    key, name, value, word = last
    return (
        isinstance(key, yaml.KeyToken)
        and isinstance(name, yaml.ScalarToken)
        and name.value == "zh"
        and isinstance(value, yaml.ValueToken)
        and isinstance(word, yaml.ScalarToken)
    )


def refuse_tied(text: str, start: int, end: int, zh: str, shown: str, line: int) -> None:
    """Raise if the entry at ``text[start:end]`` uses an alias, or holds an anchor that an
    alias elsewhere in ``text`` uses."""
    anchors, used = names(text[start:end])
    if used:
        raise GlossaryFileError(
            f"{zh} uses the alias *{used[0]}, which refers to another entry's value; "
            "nothing was changed",
            where=Location(shown, line),
            hint=_HINT,
        )
    for anchor in anchors:
        alias = re.compile(r"\*" + re.escape(anchor) + r"(?![^\s,\]\}])")
        for found in alias.finditer(text):
            if not start <= found.start() < end:
                at = text.count("\n", 0, found.start()) + 1
                raise GlossaryFileError(
                    f"{zh} holds the anchor &{anchor}, which the alias *{anchor} at line "
                    f"{at} uses; nothing was changed",
                    where=Location(shown, line),
                    hint=_HINT,
                )
