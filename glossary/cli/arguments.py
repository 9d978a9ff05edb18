"""Arguments from the command line, checked to be text before any command uses them.

A terminal that is not UTF-8 (GBK, Latin-1) passes bytes Python cannot decode, which it
hands over as lone surrogates: no glossary can hold them and no output can write them.
Both routes into a command (the fast path and Typer) refuse them here, alike. Paths may
hold any bytes, and are not checked.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from glossary.errors import UsageError


def refuse_undecodable(values: Mapping[str, object], label: Callable[[str], str] = str) -> None:
    """Refuse a value of ``values`` (a text, or a list of texts; anything else is passed
    over) holding bytes that are not UTF-8; ``label`` gives how a message names its key.

    >>> refuse_undecodable({"--en": ["caf\\udce9"]})
    Traceback (most recent call last):
    glossary.errors.UsageError: error: --en holds bytes that are not valid text; ...
    """
    for name, value in values.items():
        for text in value if isinstance(value, list | tuple) else [value]:
            if isinstance(text, str) and any("\ud800" <= c <= "\udfff" for c in text):
                raise UsageError(
                    f"{label(name)} holds bytes that are not valid text",
                    hint="check the terminal's encoding",
                )
