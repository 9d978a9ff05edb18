"""A check of several files against one glossary: what ``glossary check`` runs."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import NamedTuple

from glossary.lint import Finding
from glossary.qa import bilingual, fixes
from glossary.qa.exceptions import Exceptions
from glossary.qa.termbase import Termbase


class Checked(NamedTuple):
    """A file checked: its name as shown, its text, what was found, and whether it is a
    draft (whose fixes apply to its text) rather than a bilingual file."""

    shown: str
    text: str
    findings: list[Finding]
    draft: bool


class Checker:
    """Checks files against the glossaries ``files`` (read through their indexes), leaving
    out what ``exceptions`` covers; ``bare_hanzi`` adds rule GL003."""

    def __init__(
        self,
        files: Sequence[Path],
        env: Mapping[str, str],
        exceptions: Exceptions | None = None,
        *,
        bare_hanzi: bool = False,
    ) -> None:
        self.base = Termbase.of_files(files, env)
        self.exceptions = exceptions
        self.bare_hanzi = bare_hanzi

    def check(self, text: str, shown: str) -> Checked:
        """Give the findings of the draft or bilingual file ``text``, shown as ``shown``."""
        from glossary.check import check_file

        found = check_file(text, shown, self.base, bare_hanzi=self.bare_hanzi)
        if self.exceptions is not None:
            found = [f for f in found if self.exceptions.keeps(f)]
        return Checked(shown, text, found, bilingual.kind_of(shown, text) is None)


def fixed(checked: Checked) -> str:
    """Give the text of a checked draft with its fixes applied."""
    return fixes.fixed(checked.text, checked.findings) if checked.draft else checked.text


def diff(checked: Checked) -> str:
    """Give the fixes of a checked draft as a unified diff (empty if there are none)."""
    return fixes.diff(checked.text, fixed(checked), checked.shown) if checked.draft else ""
