"""Terminology QA of an English draft (plain text or Markdown): findings in the style of a
linter, each with its fix where there is one.

- GL001: a rendering the glossary lists under ``avoid``; the fix is the preferred one.
- GL002: a term rendered two ways in the draft: each use that is not the preferred
  rendering (another accepted one, or another spelling of one) is a finding, the preferred
  rendering its fix. An accepted rendering used alone is fine, and so are acronyms.
- GL003 (only when asked): a known term's hanzi with none of its renderings in the sentence.
- GL004: English beside a term's hanzi ("the state security ministry (国家安全部)") that is
  none of its renderings; the fix is the preferred one.

Renderings are matched the way English varies (see :mod:`glossary.qa.english`), in the
prose of the draft only (see :mod:`glossary.qa.prose`); of renderings that overlap, and of
hanzi terms that overlap, the longest wins. A rendering that several terms share is judged
only where the hanzi beside it say which term it renders. Bilingual files are checked by
:mod:`glossary.qa.units`.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from typing import NamedTuple

from glossary.errors import Location
from glossary.lint import WARNING, Finding
from glossary.model import Term
from glossary.qa import english, prose
from glossary.qa.english import Tokens
from glossary.qa.fixes import cased, fixed
from glossary.qa.phrases import ACCEPTED, ACRONYM, AVOID, PREFERRED, Hit, number_of, role_of
from glossary.qa.rules import AVOID as AVOID_RULE
from glossary.qa.rules import BARE, INCONSISTENT, UNLISTED, Rule
from glossary.qa.termbase import Termbase
from glossary.scan import Span

__all__ = ["Finding", "check", "check_file", "fixed"]

_OPENING = "(（"
_CLOSING = ")）"
#: How far from a term its brackets are looked for (every look stays near, so that a long
#: line with many terms takes time in proportion to it).
_REACH = 120
# What ends the English that a bracket follows: a rendering starts after these words.
_STOP = frozenset(
    [
        "the",
        "a",
        "an",
        "this",
        "that",
        "these",
        "those",
        "its",
        "their",
        "his",
        "her",
        "our",
        "your",
        "my",
        "whose",
        "which",
        "who",
        "whom",
        "what",
        "of",
        "to",
        "for",
        "from",
        "with",
        "by",
        "at",
        "on",
        "in",
        "into",
        "onto",
        "as",
        "than",
        "and",
        "or",
        "but",
        "nor",
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "being",
        "has",
        "have",
        "had",
        "do",
        "does",
        "did",
        "said",
        "says",
        "say",
        "told",
        "called",
        "named",
        "known",
        "dubbed",
        "also",
        "now",
        "then",
        "still",
        "just",
        "only",
        "even",
        "newly",
        "recently",
        "formerly",
    ]
)
# Small words that may stand inside a capitalised name: "Ministry of State Security".
_CONNECTORS = frozenset({"of", "for", "and", "on", "in", "the", "to", "with", "a"})
_SENTENCE_END = re.compile(r"[.!?。！？](?=[\s\"”’)\]*_]|$)|\n[ \t\0]*\n")


class _Use(NamedTuple):
    """A rendering of a term used in the draft: tokens ``start`` to ``end``."""

    number: int
    start: int
    end: int
    signature: str


class _Mark(NamedTuple):
    """What stands beside a term's hanzi: English in the tokens ``start`` to ``end``, and
    what it is to the term: accepted, avoid, acronym, romanised or unlisted."""

    span: Span
    kind: str
    start: int
    end: int


def check(
    text: str,
    glossary: Termbase | Sequence[Term],
    shown: str = "-",
    *,
    markdown: bool = True,
    bare_hanzi: bool = False,
) -> list[Finding]:
    """Give the terminology findings of the draft ``text`` (shown as ``shown``), in text
    order; ``markdown`` reads it as Markdown, ``bare_hanzi`` adds rule GL003.

    >>> t = Term(zh="三股势力", en=("three evil forces",), avoid=("three evils",))
    >>> [(f.line, f.col, f.code, f.fix) for f in check("Three evils are named.", [t])]
    [(1, 1, 'GL001', 'Three evil forces')]
    """
    base = glossary if isinstance(glossary, Termbase) else Termbase.of_terms(glossary)
    draft = _Draft(text, prose.prose(text, markdown), shown, base)
    spans = base.spans(draft.view)
    marks = [m for s in spans if (m := draft.beside(s)) is not None]
    claimed = sorted((m.start, m.end) for m in marks if m.end > m.start)
    hits = [h for h in base.phrases.find(draft.tokens) if not _overlaps(h, claimed)]
    found = draft.avoided(hits) + draft.marked(marks) + draft.inconsistent(hits, marks)
    if bare_hanzi:
        marked = {m.span for m in marks}
        found += [draft.bare(s) for s in spans if s not in marked and not draft.rendered(s)]
    return sorted(_kept(found, prose.ignored(text)), key=lambda f: (f.start, f.code))


def check_file(
    text: str, shown: str, glossary: Termbase, *, bare_hanzi: bool = False
) -> list[Finding]:
    """Give the findings of a draft or a bilingual file (XLIFF, TMX, TSV, CSV), told apart
    by its name (``shown``) and, for XML, its root. A draft is read as Markdown unless it
    is a .txt file."""
    from glossary.qa import bilingual, units

    kind = bilingual.kind_of(shown, text)
    if kind is not None:
        return units.check_units(bilingual.read(text, kind, shown), glossary, shown)
    markdown = not shown.lower().endswith((".txt", ".text"))
    return check(text, glossary, shown, markdown=markdown, bare_hanzi=bare_hanzi)


def _overlaps(hit: Hit, claimed: list[tuple[int, int]]) -> bool:
    k = bisect_right(claimed, (hit.start, 1 << 62)) - 1
    return (k >= 0 and claimed[k][1] > hit.start) or (
        k + 1 < len(claimed) and claimed[k + 1][0] < hit.end
    )


def _kept(found: list[Finding], ignored: list[prose.Ignored]) -> list[Finding]:
    """Give the findings that no ignore comment leaves out."""
    return [
        f
        for f in found
        if not any(
            i.first <= f.line <= i.last and (not i.terms or f.term in i.terms) for i in ignored
        )
    ]


class _Draft:
    """A draft being checked: its text, its prose view and tokens, its glossary."""

    def __init__(self, text: str, view: str, shown: str, base: Termbase) -> None:
        self.text = text
        self.view = view
        self.shown = shown
        self.base = base
        self.tokens = Tokens(view)
        self.line_starts = [0] + [m.end() for m in re.finditer(r"\n", text)]

    # --- Findings -----------------------------------------------------------------------

    def finding(
        self, rule: Rule, term: Term, start: int, end: int, message: str, fix: str | None = None
    ) -> Finding:
        """Give a finding of ``rule`` on the text from offset ``start`` to ``end``."""
        line = bisect_right(self.line_starts, start)
        where = Location(self.shown, line, start - self.line_starts[line - 1] + 1)
        said = self.text[start:end]
        return Finding(
            where, WARNING, message, rule.code, fix, start, end, rule.name, term.zh, said
        )

    def fix_for(self, start: int, end: int, term: Term) -> str:
        """Give the term's preferred rendering, cased to replace the text there."""
        said = self.text[start:end]
        return cased(said, _full_form(term), prose.sentence_start(self.view, start))

    def offsets(self, start: int, end: int) -> tuple[int, int]:
        """Give the text offsets of tokens ``start`` to ``end``."""
        return self.tokens.starts[start], self.tokens.ends[end - 1]

    def avoided(self, hits: list[Hit]) -> list[Finding]:
        """Give a GL001 finding for each rendering to avoid that renders no other term."""
        chosen = [h for h in hits if all(role_of(c) == AVOID for c in h.codes)]
        terms = self.base.terms({number_of(h.codes[0]) for h in chosen})
        return [self.avoid(terms[number_of(h.codes[0])], h.start, h.end) for h in chosen]

    def avoid(self, term: Term, first: int, end: int) -> Finding:
        """Give the GL001 finding of a rendering to avoid in tokens ``first`` to ``end``."""
        start, stop = self.offsets(first, end)
        said = " ".join(self.text[start:stop].split())
        preferred = _full_form(term)
        message = f'"{said}" is a rendering to avoid for {term.zh}; use "{preferred}"'
        return self.finding(AVOID_RULE, term, start, stop, message, self.fix_for(start, stop, term))

    def marked(self, marks: list[_Mark]) -> list[Finding]:
        """Give the findings of what stands beside hanzi: renderings to avoid (GL001), and
        English that is none of the term's renderings (GL004)."""
        out = []
        for mark in marks:
            term = mark.span.term
            if mark.kind == "avoid":
                out.append(self.avoid(term, mark.start, mark.end))
            elif mark.kind == "unlisted":
                start, stop = self.offsets(mark.start, mark.end)
                said = self.text[start:stop]
                written = "".join(mark.span.text.split())
                name = term.zh if written == term.zh else f"{written} ({term.zh})"
                message = (
                    f'"{" ".join(said.split())}" is not a rendering of {name} in the'
                    f' glossary; use "{_full_form(term)}"'
                )
                fix = self.fix_for(start, stop, term)
                out.append(self.finding(UNLISTED, term, start, stop, message, fix))
        return out

    def inconsistent(self, hits: list[Hit], marks: list[_Mark]) -> list[Finding]:
        """Give a GL002 finding for each use of a term's rendering other than the preferred
        one, where the draft renders the term more than one way."""
        uses: dict[int, list[_Use]] = {}
        for h in hits:
            if len(h.codes) == 1 and role_of(h.codes[0]) in (PREFERRED, ACCEPTED):
                number = number_of(h.codes[0])
                uses.setdefault(number, []).append(self.use(number, h.start, h.end))
        for m in marks:
            if m.kind == "accepted":
                uses.setdefault(m.span.number, []).append(self.use(m.span.number, m.start, m.end))
        mixed = {n: u for n, u in uses.items() if len({x.signature for x in u}) > 1}
        terms = self.base.terms(set(mixed))
        out = []
        for number, used in mixed.items():
            out += self.mixed(terms[number], sorted(used, key=lambda u: u.start))
        return out

    def use(self, number: int, start: int, end: int) -> _Use:
        """Give the use of a term's rendering in tokens ``start`` to ``end``."""
        return _Use(number, start, end, self.tokens.signature(start, end))

    def mixed(self, term: Term, used: list[_Use]) -> list[Finding]:
        """Give the GL002 findings of a term the draft renders more than one way."""
        preferred = _full_form(term)
        wanted = english.signature(preferred)
        first = next((u for u in used if u.signature == wanted), None)
        out = []
        for use in used:
            if use.signature == wanted:
                continue
            start, stop = self.offsets(use.start, use.end)
            said = " ".join(self.text[start:stop].split())
            if first is not None:
                a, _ = self.offsets(first.start, first.end)
                line = bisect_right(self.line_starts, a)
                where = f"{line}:{a - self.line_starts[line - 1] + 1}"
                message = (
                    f'"{said}" renders {term.zh} otherwise than "{preferred}" at {where};'
                    f' use the preferred "{preferred}"'
                )
            else:
                message = (
                    f'"{said}" is one of several renderings of {term.zh} in this file;'
                    f' use the preferred "{preferred}"'
                )
            fix = self.fix_for(start, stop, term)
            out.append(self.finding(INCONSISTENT, term, start, stop, message, fix))
        return out

    def bare(self, span: Span) -> Finding:
        """Give the GL003 finding of hanzi with none of their renderings in the sentence."""
        said = "".join(span.text.split())
        term = span.term
        message = f'{said} has no rendering in its sentence; the glossary gives "{term.preferred}"'
        return self.finding(BARE, term, span.start, span.end, message)

    def rendered(self, span: Span) -> bool:
        """Tell whether the sentence of ``span`` holds one of its term's renderings."""
        view = self.view
        before = [
            m.end() for m in _SENTENCE_END.finditer(view, max(0, span.start - 2000), span.start)
        ]
        start = before[-1] if before else max(0, span.start - 2000)
        after = _SENTENCE_END.search(view, span.end)
        end = after.start() if after else len(view)
        first = bisect_left(self.tokens.starts, start)
        last = bisect_left(self.tokens.starts, end)
        own = self.base.own(span.number, span.term)
        return bool(own.find(self.tokens, first, last))

    # --- What stands beside hanzi ---------------------------------------------------------

    def beside(self, span: Span) -> _Mark | None:
        """Give what stands beside the hanzi of ``span``: English before the bracket they
        stand in, or English in a bracket after them; None if neither."""
        view = self.view
        opening = _bracket_before(view, span)
        if opening is not None:
            at = bisect_left(self.tokens.starts, opening)
            if at > 0 and self.tokens.words[at - 1] and self.joined(at - 1, at):
                return self.before(span, at)
            return None
        after = view[span.end : span.end + 3].lstrip(" \t")
        if not after or after[0] not in _OPENING:
            return None
        opened = view.index(after[0], span.end)
        close = _closing(view, opened + 1)
        if close is None:
            return None
        first = bisect_left(self.tokens.starts, opened + 1)
        last = bisect_left(self.tokens.starts, close)
        if not any(self.tokens.words[first:last]):
            return None
        return self.inside(span, first, last)

    def joined(self, a: int, b: int) -> bool:
        """Tell whether tokens ``a`` and ``b`` stand with nothing but spaces, quotes or
        emphasis between them."""
        gap = self.view[self.tokens.ends[a] : self.tokens.starts[b]]
        return "\n\n" not in gap and not gap.strip(" \t\n*_\"'”’")

    def before(self, span: Span, at: int) -> _Mark:
        """Give what the English that ends before token ``at`` (a bracket holding the
        hanzi of ``span``) is to the term."""
        term, own = span.term, self.base.own(span.number, span.term)
        for hit in own.ending_at(self.tokens, at):
            return _Mark(span, _kind(role_of(hit.codes[0])), hit.start, hit.end)
        if self.is_acronym_of(at - 1, term):
            return _Mark(span, "acronym", at - 1, at)
        if self.romanised(at, term):
            return _Mark(span, "romanised", at, at)
        return _Mark(span, "unlisted", self.extent(at, term), at)

    def inside(self, span: Span, first: int, last: int) -> _Mark:
        """Give what the English in tokens ``first`` to ``last`` (in a bracket after the
        hanzi of ``span``) is to the term: each part, between commas, semicolons or
        slashes, is looked at; an accepted part wins."""
        term, own = span.term, self.base.own(span.number, span.term)
        parts: list[_Mark] = []
        start = first
        for k in range(first, last + 1):
            if k < last and self.tokens.forms[k] not in (",", ";", "/"):
                continue
            if start < k:
                hit = next((h for h in own.ending_at(self.tokens, k) if h.start == start), None)
                if hit is not None:
                    parts.append(_Mark(span, _kind(role_of(hit.codes[0])), start, k))
                elif k - start == 1 and self.is_acronym_of(start, term):
                    parts.append(_Mark(span, "acronym", start, k))
                elif self.romanised(k, term, start):
                    parts.append(_Mark(span, "romanised", start, start))
                elif all(self.tokens.words[start:k]):
                    parts.append(_Mark(span, "unlisted", start, k))
            start = k + 1
        order = ("accepted", "avoid", "acronym", "unlisted", "romanised")
        return min(
            parts, key=lambda m: order.index(m.kind), default=_Mark(span, "romanised", first, first)
        )

    def is_acronym_of(self, k: int, term: Term) -> bool:
        """Tell whether token ``k`` is an acronym of one of the term's renderings."""
        acronym = self.tokens.acronyms.get(k)
        if not acronym:
            return False
        return any(acronym[1:] == english.initials(r) or acronym == f"={r}" for r in term.en)

    def romanised(self, end: int, term: Term, start: int | None = None) -> bool:
        """Tell whether the words before token ``end`` (from ``start``, if given) spell the
        term's pinyin: a romanised name, not a rendering."""
        wanted = _letters(term.pinyin or "")
        if not wanted:
            return False
        got = ""
        k = end - 1
        while k >= (start or 0) and self.tokens.words[k] and len(got) < len(wanted):
            got = _letters(self.view[self.tokens.starts[k] : self.tokens.ends[k]]) + got
            k -= 1
        return got == wanted and (start is None or k < start)

    def extent(self, at: int, term: Term) -> int:
        """Give the first token of the English that a bracket (token ``at``) follows: the
        capitalised name, or the run of words, it ends, as long as the preferred rendering
        or a little longer. A small word ("of the") is crossed inside a capitalised name,
        or where the word before it is one of the preferred rendering's."""
        tokens, view = self.tokens, self.view
        keyed = english.keys(_full_form(term))
        wanted = set(keyed[0].split()) if keyed else set()
        limit = len(keyed[0].split()) + 2 if keyed else 6
        first = k = at - 1
        title = view[tokens.starts[k]].isupper()
        while k >= 0 and tokens.words[k] and at - k <= limit:
            if k < at - 1 and not self._plain_gap(k, k + 1):
                break
            word = tokens.surfaces[k]
            if word in _STOP:
                inside_name = title and k > 0 and view[tokens.starts[k - 1]].isupper()
                if word not in _CONNECTORS or not (inside_name or self._leads_to(k, wanted)):
                    break
            elif title and not view[tokens.starts[k]].isupper():
                break
            else:
                first = k
            k -= 1
        return first

    def _leads_to(self, k: int, wanted: set[str]) -> bool:
        """Tell whether the first word before the small words at token ``k`` ("of the")
        is one of ``wanted``."""
        j = k
        while j >= 0 and self.tokens.words[j] and self.tokens.surfaces[j] in _CONNECTORS:
            j -= 1
        return j >= 0 and self.tokens.words[j] and self.tokens.forms[j] in wanted

    def _plain_gap(self, a: int, b: int) -> bool:
        """Tell whether only spaces or a hyphen stand between tokens ``a`` and ``b`` (not a
        possessive, a quote or a line break)."""
        gap = self.view[self.tokens.ends[a] : self.tokens.starts[b]]
        return gap in ("", "-", "‐", "–") or not gap.strip(" \t")


def _kind(role: int) -> str:
    return {PREFERRED: "accepted", ACCEPTED: "accepted", ACRONYM: "acronym"}.get(role, "avoid")


def _full_form(term: Term) -> str:
    """Give the rendering a fix writes: the preferred one, or the first that is not an
    acronym when the preferred one is."""
    chosen = next((r for r in term.en if not english.is_acronym(r)), term.preferred)
    return english.plain(chosen) or chosen


def _letters(text: str) -> str:
    """Give the plain letters of pinyin or a word: tone marks off, ü as u, lower case."""
    plain = unicodedata.normalize("NFD", text.lower().replace("ü", "u").replace("v", "u"))
    return "".join(c for c in plain if "a" <= c <= "z")


def _bracket_before(view: str, span: Span) -> int | None:
    """Give the offset of the bracket that ``span`` stands in, if nothing but pinyin,
    acronyms and marks (no other hanzi, no other bracket) stand with it there."""
    start = max(0, span.start - _REACH)
    opening = max(view.rfind(c, start, span.start) for c in _OPENING)
    if opening < 0:
        return None
    close = _closing(view, span.end)
    if close is None:
        return None
    inside = view[opening + 1 : span.start] + view[span.end : close]
    if any(c in _OPENING + _CLOSING or c == "\n" or _is_other_script(c) for c in inside):
        return None
    return opening


def _closing(view: str, start: int) -> int | None:
    """Give the offset of the closing bracket after ``start`` on the same line, if near."""
    for k in range(start, min(len(view), start + _REACH)):
        c = view[k]
        if c in _CLOSING:
            return k
        if c in _OPENING or c == "\n":
            return None
    return None


def _is_other_script(char: str) -> bool:
    """Tell whether ``char`` is a letter of no Latin script (hanzi, kana...)."""
    return char.isalpha() and not ("a" <= char.lower() <= "z" or "\u00c0" <= char <= "\u024f")
