"""Exporters: a glossary's terms in the formats other tools read, looked up by name.

Each exporter module gives ``BINARY`` (whether its output is bytes) and
``export(terms, options) -> str | bytes``, or for a format that is a folder of files,
a mapping of file names to their bytes; a module serving several formats gives
``FORMATS`` (name -> export function) instead. A module may also give
``skipped(terms)``: the terms its format cannot hold, each with the reason, and
``OPTIONS``: the :class:`Option` s its formats take beyond the ones every export takes
(the command line offers each format exactly these). A folder format gives
``FOLDER_FILES``, a pattern of the file names such a folder may hold. The first line of
its docstring describes the format. None prints, none writes files.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from importlib import import_module
from typing import NamedTuple

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
    #: html: open with the pinyin over the hanzi; one file or a folder of files.
    ruby: bool = False
    layout: str = "file"
    #: csv, tsv: cells as stored, not neutralised for spreadsheets.
    raw: bool = False


class Option(NamedTuple):
    """An option an export format takes: the :class:`ExportOptions` field it sets, as
    ``--field-name VALUE`` on the command line."""

    field: str
    help: str
    metavar: str
    default: str | int | None = None
    #: int for a number, bool for a flag (``--ruby``); a comma-separated list (``listed``)
    #: reaches the exporter as a tuple.
    kind: type = str
    listed: bool = False

    @property
    def flag(self) -> str:
        """Give the option as typed: ``--group-by`` for the field ``group_by``."""
        return "--" + self.field.replace("_", "-")

    def value(self, given: str | int | None) -> object:
        """Give the :class:`ExportOptions` value of what was typed.

        >>> Option("cards", "", "A,B", listed=True).value("zh-en, en-zh")
        ('zh-en', 'en-zh')
        """
        if self.listed and isinstance(given, str):
            return tuple(part.strip() for part in given.split(",") if part.strip())
        return given


Export = Callable[[Sequence[Term], ExportOptions], "str | bytes | dict[str, bytes]"]

#: Format name -> module under glossary.exporters (imported only when used).
MODULES = {
    "markdown": "markdown",
    "anki": "anki",
    "anki-tsv": "anki_tsv",
    "csv": "tabular",
    "tsv": "tabular",
    "json": "jsonfmt",
    "jsonl": "jsonfmt",
    "tbx": "tbx",
    "pleco": "pleco",
    "omegat": "omegat",
    "deepl": "deepl",
    "stardict": "stardict",
    "html": "html",
    "yomitan": "yomitan",
}


@dataclass(frozen=True)
class Format:
    """An export format: its function, whether it writes bytes, what it leaves out, the
    options it takes and a line that describes it."""

    export: Export
    binary: bool
    skipped: Callable[[Sequence[Term]], Sequence[tuple[Term, str]]]
    options: tuple[Option, ...] = ()
    summary: str = ""
    #: For a format that is a folder of files: the names of the files such a folder may
    #: hold, its own and what its readers add beside them (None: the format is one file).
    owned: re.Pattern[str] | None = None

    @property
    def folder(self) -> bool:
        """Tell whether the format is a folder of files."""
        return self.owned is not None


def find(name: str) -> Format:
    """Give the export format called ``name``."""
    module_name = MODULES.get(name)
    if module_name is None:
        known = ", ".join(MODULES)
        raise UsageError(f"unknown export format {name!r}", hint=f"use one of: {known}")
    module = import_module(f"glossary.exporters.{module_name}")
    export = module.FORMATS[name] if hasattr(module, "FORMATS") else module.export
    skipped: Callable[[Sequence[Term]], Sequence[tuple[Term, str]]] = getattr(
        module, "skipped", _nothing_skipped
    )
    summary = " ".join((module.__doc__ or name).split("\n\n")[0].split()).replace("``", "")
    options = tuple(getattr(module, "OPTIONS", ()))
    owned = getattr(module, "FOLDER_FILES", None)
    return Format(export, bool(module.BINARY), skipped, options, summary, owned)


def _nothing_skipped(terms: Sequence[Term]) -> Sequence[tuple[Term, str]]:
    return ()
