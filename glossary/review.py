"""The review queue of extracted pairs: the reader's decisions and edits, undo, and what they
add up to. No terminal here: the command line's review screen (``glossary.cli.review``)
drives a :class:`Queue` and writes its :class:`Outcome`.

A decision is one of:

- ``accept``: a new pair becomes an entry; a pair whose headword the glossary (or an entry
  accepted earlier in the queue) has already adds its rendering there, if it is another one;
- ``alternative``: the same, asked for by name: the rendering is added to the entry that
  holds the headword (refused for a headword nobody has);
- ``skip``: nothing now; the pair is proposed again next time;
- ``reject``: nothing, and the pair is remembered as rejected for this glossary.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from glossary import pinyin
from glossary.extract import Candidate
from glossary.model import Term
from glossary.termfile.changes import simplified_headword

ACCEPT, ALTERNATIVE, SKIP, REJECT = "accept", "alternative", "skip", "reject"


@dataclass
class Item:
    """A pair in the queue: the candidate, the term as the reader has edited it, the spans
    of English to choose from, and the decision taken (``None``: still open)."""

    candidate: Candidate
    term: Term
    renderings: list[str]
    choice: int = 0
    decision: str | None = None
    pinyin_checked: bool = False

    @property
    def rendering(self) -> str:
        """Give the rendering chosen."""
        return self.renderings[self.choice]


@dataclass
class Outcome:
    """What a review adds up to: new entries, renderings for entries already there, and the
    pairs rejected."""

    new: list[Term] = field(default_factory=list)
    renderings: dict[str, list[str]] = field(default_factory=dict)
    rejected: list[tuple[str, str]] = field(default_factory=list)

    def is_empty(self) -> bool:
        """Tell whether the review changes nothing."""
        return not (self.new or self.renderings or self.rejected)


class Queue:
    """The pairs under review, the one shown, and the decisions taken, in order."""

    def __init__(self, found: Sequence[Candidate], known: Mapping[str, Term]) -> None:
        self.items = [Item(c, c.term, [c.term.en[0], *c.alternatives]) for c in found]
        self.known = known
        self.position = 0
        self._history: list[list[int]] = []  # item indexes, one list a decision (undo)

    # --- what is shown ----------------------------------------------------------------------

    @property
    def current(self) -> Item | None:
        """Give the pair shown, or ``None`` when every pair has a decision."""
        return self.items[self.position] if self.position < len(self.items) else None

    def existing(self, item: Item) -> Term | None:
        """Give the entry that already holds ``item``'s headword: the glossary's, or one
        accepted earlier in this queue."""
        index = next(i for i, other in enumerate(self.items) if other is item)
        return self._entries(before=index).get(item.term.zh)

    def status(self, item: Item) -> str:
        """Give "new", "known" (same headword and rendering) or "conflict" for ``item``."""
        held = self.existing(item)
        if held is None:
            return "new"
        wanted = item.rendering.casefold()
        return "known" if any(e.casefold() == wanted for e in held.en) else "conflict"

    def counts(self) -> dict[str, int]:
        """Give how many pairs have each decision so far."""
        out = {ACCEPT: 0, ALTERNATIVE: 0, SKIP: 0, REJECT: 0}
        for item in self.items:
            if item.decision:
                out[item.decision] += 1
        return out

    # --- edits --------------------------------------------------------------------------------

    def cycle(self, step: int) -> None:
        """Show the next (or previous) span of English the extractor considered."""
        item = self.current
        if item is not None and len(item.renderings) > 1:
            item.choice = (item.choice + step) % len(item.renderings)

    def set_rendering(self, text: str) -> None:
        """Make ``text`` the rendering of the pair shown."""
        item, text = self.current, " ".join(text.split())
        if item is None or not text:
            return
        if text not in item.renderings:
            item.renderings.append(text)
        item.choice = item.renderings.index(text)

    def set_headword(self, text: str) -> bool:
        """Make ``text`` the headword of the pair shown (traditional becomes simplified, kept
        as the traditional form); give whether it was taken (it must hold hanzi)."""
        item, text = self.current, text.strip()
        if item is None or not pinyin.has_hanzi(text):
            return False
        term, _ = simplified_headword(item.term.replace(zh=text, traditional=None))
        if not item.pinyin_checked:
            term = term.replace(pinyin=pinyin.generate(term.zh))
        item.term = term
        return True

    def set_pinyin(self, text: str) -> None:
        """Make ``text`` the pinyin of the pair shown."""
        item = self.current
        if item is not None:
            item.term = item.term.replace(pinyin=" ".join(text.split()) or None)
            item.pinyin_checked = True

    # --- decisions ----------------------------------------------------------------------------

    def decide(self, decision: str) -> bool:
        """Take ``decision`` on the pair shown and go to the next open one; give whether it
        was taken (an alternative needs an entry that holds the headword)."""
        item = self.current
        if item is None or (decision == ALTERNATIVE and self.existing(item) is None):
            return False
        item.decision = decision
        self._history.append([self.position])
        self._advance()
        return True

    def accept_all(self) -> int:
        """Accept every open pair that is new, skip the others (known, or in conflict: for a
        person to decide); give how many were accepted."""
        taken: list[int] = []
        for index in range(self.position, len(self.items)):
            item = self.items[index]
            if item.decision is None:
                item.decision = ACCEPT if self.status(item) == "new" else SKIP
                taken.append(index)
        if taken:
            self._history.append(taken)
        self._advance()
        return sum(1 for i in taken if self.items[i].decision == ACCEPT)

    def undo(self) -> bool:
        """Take back the last decision (all of "accept all" at once) and show that pair again;
        give whether there was one."""
        if not self._history:
            return False
        taken = self._history.pop()
        for index in taken:
            self.items[index].decision = None
        self.position = min(taken)
        return True

    def _advance(self) -> None:
        while self.position < len(self.items) and self.items[self.position].decision:
            self.position += 1

    # --- the outcome --------------------------------------------------------------------------

    def _entries(self, before: int) -> dict[str, Term]:
        """Give the glossary's entries with the pairs accepted among the first ``before``
        items of the queue (an entry per headword, its renderings merged)."""
        entries = dict(self.known)
        for item in self.items[:before]:
            if item.decision not in (ACCEPT, ALTERNATIVE):
                continue
            term = item.term.replace(en=(item.rendering,))
            held = entries.get(term.zh)
            if held is None:
                entries[term.zh] = term
            elif item.rendering.casefold() not in {e.casefold() for e in held.en}:
                entries[term.zh] = held.replace(en=(*held.en, item.rendering))
        return entries

    def outcome(self) -> Outcome:
        """Give what the decisions add up to."""
        out = Outcome()
        entries = self._entries(before=len(self.items))
        for zh, term in entries.items():
            before = self.known.get(zh)
            if before is None:
                out.new.append(term)
            elif term.en != before.en:
                out.renderings[zh] = [e for e in term.en if e not in before.en]
        out.rejected = [(i.term.zh, i.rendering) for i in self.items if i.decision == REJECT]
        return out
