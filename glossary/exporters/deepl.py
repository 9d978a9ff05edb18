"""DeepL glossary entries: ``source<TAB>target`` lines, headword to preferred rendering.

Each term gives one entry: its simplified headword (``zh``) to its preferred rendering
(``en[0]``). Leading and trailing whitespace is dropped. DeepL refuses a whole glossary
when one entry breaks its rules, so an entry that would is left out instead:

- an empty source or target;
- a control character in either (C0 and C1 controls, tabs and line breaks among them, and
  the Unicode line and paragraph separators U+2028, U+2029);
- a source or target longer than 1024 bytes in UTF-8;
- a source already given by an earlier entry (the first one is kept).

:func:`plan` gives the entries kept and those left out with the reason; :func:`export`
gives the file, and :func:`skipped` what it left out, for the command line to report on
stderr (export itself never prints).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from typing import NamedTuple

from glossary.exporters import ExportOptions
from glossary.model import Term

BINARY = False
#: DeepL's limit for each side of an entry, in UTF-8 bytes.
MAX_BYTES = 1024
_SEPARATORS = frozenset("\u2028\u2029")


class Skipped(NamedTuple):
    """A term whose entry DeepL would reject, and why."""

    term: Term
    reason: str


def export(terms: Sequence[Term], options: ExportOptions) -> str:
    """Give the DeepL glossary TSV of ``terms``, leaving out entries DeepL would reject."""
    kept, _ = plan(terms)
    return "".join(f"{line}\n" for line in kept)


def skipped(terms: Sequence[Term]) -> list[Skipped]:
    """Give the terms :func:`export` leaves out of the file, each with the reason."""
    return plan(terms)[1]


def plan(terms: Sequence[Term]) -> tuple[list[str], list[Skipped]]:
    """Give the entry lines DeepL accepts, and the terms left out with the reason.

    >>> lines, left_out = plan([Term(zh="背靠背", en=("back to back",)),
    ...                         Term(zh="背靠背", en=("back-to-back",))])
    >>> lines, [s.reason for s in left_out]
    (['背靠背\\tback to back'], ["duplicate source '背靠背' (first given by 背靠背)"])
    """
    kept: list[str] = []
    left_out: list[Skipped] = []
    first: dict[str, Term] = {}
    for term in terms:
        source, target = term.zh.strip(), term.preferred.strip()
        reason = problem("source", source) or problem("target", target)
        if reason is None and source in first:
            reason = f"duplicate source {source!r} (first given by {first[source].key})"
        if reason is not None:
            left_out.append(Skipped(term, reason))
            continue
        first[source] = term
        kept.append(f"{source}\t{target}")
    return kept, left_out


def problem(side: str, text: str) -> str | None:
    """Give why DeepL would reject ``text`` as the ``side`` of an entry, or ``None``.

    >>> problem("target", "three evil\\u0007forces"), problem("source", "三股势力")
    ('control character U+0007 in the target', None)
    """
    if not text:
        return f"empty {side}"
    bad = next((c for c in text if _is_control(c)), None)
    if bad is not None:
        return f"control character U+{ord(bad):04X} in the {side}"
    size = len(text.encode("utf-8"))
    if size > MAX_BYTES:
        return f"the {side} is {size} bytes in UTF-8; DeepL allows at most {MAX_BYTES}"
    return None


def _is_control(char: str) -> bool:
    return unicodedata.category(char) == "Cc" or char in _SEPARATORS
