"""The rules of ``glossary check``, by code: the one registry that findings, their JSON
and SARIF, and the documentation name them from."""

from __future__ import annotations

from typing import NamedTuple


class Rule(NamedTuple):
    """A rule: its code (the id of its findings), its name, and what it finds."""

    code: str
    name: str
    summary: str


AVOID = Rule(
    "GL001",
    "avoid-rendering",
    "A rendering the glossary lists under avoid; the fix is the preferred rendering.",
)
INCONSISTENT = Rule(
    "GL002",
    "inconsistent-rendering",
    "A term rendered two ways in one file (another accepted rendering or another spelling"
    " beside the preferred one); the fix is the preferred rendering.",
)
BARE = Rule(
    "GL003",
    "bare-hanzi",
    "A known term's hanzi with none of its renderings in the sentence (only with --bare-hanzi).",
)
UNLISTED = Rule(
    "GL004",
    "unlisted-rendering",
    "English beside a term's hanzi that is none of its renderings; the fix is the preferred"
    " rendering.",
)
MISSING = Rule(
    "GL005",
    "missing-target-term",
    "A bilingual unit whose source holds a term and whose target holds none of its renderings.",
)
RULES = {rule.code: rule for rule in (AVOID, INCONSISTENT, BARE, UNLISTED, MISSING)}
