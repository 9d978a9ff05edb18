"""A team's exceptions: findings that ``check --ignore FILE`` leaves out, as Xbench keeps
ignore lists.

One exception a line; blank lines and lines starting with ``#`` are comments:

- ``TERM<TAB>TEXT``: findings on the term ``TERM`` (its headword) whose offending text is
  ``TEXT`` (case and spacing aside), in any file;
- ``FILE:LINE``: every finding on that line of that file (its path as findings show it,
  or as given relative to the folder the check runs in).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import NamedTuple

from glossary.errors import GlossaryFileError, Location, display_path
from glossary.lint import Finding

_PLACE = re.compile(r"(?P<file>.+):(?P<line>[1-9][0-9]*)")


class Exceptions(NamedTuple):
    """The exceptions of a file: (headword, text) pairs, and (file, line) places."""

    pairs: frozenset[tuple[str, str]]
    places: frozenset[tuple[str, int]]

    def keeps(self, finding: Finding) -> bool:
        """Tell whether ``finding`` is left in (no exception covers it)."""
        if (finding.term, _plain(finding.text)) in self.pairs:
            return False
        return (display_path(finding.where.path), finding.line) not in self.places


def _plain(text: str) -> str:
    return " ".join(text.split()).casefold()


def parse(text: str, shown: str) -> Exceptions:
    """Give the exceptions written in ``text`` (the file ``shown``); raise GlossaryFileError
    at the first line that is neither kind.

    >>> found = parse("# ours\\n三股势力\\tThree Evils\\ndraft.md:12\\n", "ignore.txt")
    >>> sorted(found.pairs), sorted(found.places)
    ([('三股势力', 'three evils')], [('draft.md', 12)])
    """
    pairs: set[tuple[str, str]] = set()
    places: set[tuple[str, int]] = set()
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        if "\t" in line:
            term, _, said = line.partition("\t")
            if term.strip() and said.strip():
                pairs.add((term.strip(), _plain(said)))
                continue
        place = _PLACE.fullmatch(line.strip())
        if place is None:
            raise GlossaryFileError(
                "neither TERM<TAB>TEXT nor FILE:LINE",
                where=Location(shown, number, 1),
                hint="write one exception a line: a headword, a tab and the text, or a file"
                " and a line number",
            )
        places.add((display_path(Path(place["file"])), int(place["line"])))
    return Exceptions(frozenset(pairs), frozenset(places))
