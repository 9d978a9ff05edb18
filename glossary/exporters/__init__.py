"""Exporters: a glossary's terms in the formats other tools read, looked up by name.

Each exporter module gives ``BINARY`` (whether its output is bytes) and
``export(terms, options) -> str | bytes``, or for a format that is a folder of files,
a mapping of file names to their bytes; none prints, none writes files.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from importlib import import_module

from glossary.errors import UsageError
from glossary.model import Term


@dataclass(frozen=True)
class ExportOptions:
    """What the export command was asked for; each exporter reads the options it knows."""

    title: str | None = None
    #: markdown: "table" or "entries"; how to order terms, and a field to group them by.
    style: str = "table"
    sort: str = "pinyin"
    group_by: str | None = None
    #: markdown: which fields go in (None: the style's default set).
    fields: tuple[str, ...] | None = None
    #: anki: the card types ("zh-en", "en-zh"), the deck name, tone colours.
    cards: tuple[str, ...] = ("zh-en", "en-zh")
    deck: str | None = None
    tone_colors: str = "none"
    #: tbx: 2 (martif, as most CAT tools read it) or 3 (TBX-Basic v3).
    tbx_version: int = 2


Export = Callable[[Sequence[Term], ExportOptions], "str | bytes | dict[str, bytes]"]

#: Format name -> module under glossary.exporters (imported only when used).
MODULES = {"markdown": "markdown", "anki": "anki", "anki-tsv": "anki_tsv"}


def find(name: str) -> tuple[Export, bool]:
    """Give the export function of format ``name`` and whether its output is binary."""
    module_name = MODULES.get(name)
    if module_name is None:
        known = ", ".join(MODULES)
        raise UsageError(f"unknown export format {name!r}", hint=f"use one of: {known}")
    module = import_module(f"glossary.exporters.{module_name}")
    return module.export, bool(module.BINARY)
