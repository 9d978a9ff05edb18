"""The ``see`` links between entries, followed when a headword is renamed or removed.

A rename or a removal changes one entry, but other entries may name it in ``see``: those
are found here (by searching the text for the headword, then reading only the entries that
hold it), and given their links changed, so that the edit makes them in the same write.
"""

from __future__ import annotations

from glossary.model import Term
from glossary.termfile import yamltext
from glossary.termfile.edit import Layout, Span


def linking(layout: Layout, zh: str) -> list[tuple[Span, Term]]:
    """Give the entries (other than ``zh``'s own) whose ``see`` names ``zh``, in file order."""
    quoted = yamltext.scalar(zh, flow=True)
    found: dict[int, tuple[Span, Term]] = {}
    for needle in dict.fromkeys((zh, quoted[1:-1] if quoted != zh else zh)):
        for span in layout.holding(needle):
            term = layout.parse(span)
            if term is not None and term.zh != zh and zh in term.see:
                found[span.start] = (span, term)
    return [found[start] for start in sorted(found)]


def relinked(term: Term, old: str, new: str | None) -> Term:
    """Give ``term`` with its ``see`` link to ``old`` turned to ``new`` (dropped if None,
    or if ``term`` already names ``new``)."""
    see = [new if link == old else link for link in term.see]
    kept = tuple(dict.fromkeys(link for link in see if link is not None and link != term.zh))
    out: Term = term.replace(see=kept)
    return out
