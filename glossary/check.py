"""Terminology consistency of an English (or mixed) draft: findings in the style of a linter.

- GL001: a rendering the glossary says to avoid; the fix is the preferred rendering.
- GL002: one Chinese term rendered two ways in the same draft; the later one is flagged.
- GL003: hanzi the glossary knows, left in the draft with no English rendering beside them.

Renderings are matched as word sequences normalised like search keys (case-folded, simple
plurals stemmed), separated only by spaces, hyphens or a possessive; where several
renderings start at the same word the longest wins, so "three evil forces" is never read
as "three evils" followed by "forces".
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise

from glossary.errors import Location
from glossary.lint import WARNING, Finding
from glossary.model import Term
from glossary.scan import Scanner, Span
from glossary.search import words, words_with_spans

# What may stand between two words of one rendering.
_JOIN = re.compile(r"(?:['’]s?)?[\s\-‐–]*")
_LATIN = re.compile(r"[A-Za-z\u00c0-\u024f]")
# The end of the English an opening parenthesis follows: a letter or digit, maybe quoted.
_AFTER_ENGLISH = re.compile(r"[A-Za-z0-9\u00c0-\u024f][\"'”’»]*\s*$")
# Between a rendering and another one in parentheses that glosses it.
_GLOSS = re.compile(r"\s*[(（]\s*")
_ARTICLES = frozenset({"the", "a", "an"})


@dataclass(frozen=True)
class _Phrase:
    term: Term
    text: str
    avoid: bool


@dataclass(frozen=True)
class _Use:
    """A rendering standing in the draft: where, which words (normalised), for which term."""

    start: int
    end: int
    key: tuple[str, ...]
    phrases: tuple[_Phrase, ...]


def check(text: str, terms: Sequence[Term], shown: str = "-") -> list[Finding]:
    """Give the terminology findings of the draft ``text`` (shown as ``shown``), in text
    order.

    >>> t = Term(zh="三股势力", en=("three evil forces",), avoid=("three evils",))
    >>> [(f.line, f.col, f.code, f.fix) for f in check("Three evils are named.", [t])]
    [(1, 1, 'GL001', 'Three evil forces')]
    """
    lines = _LineIndex(text, shown)
    uses = _uses(text, terms)
    spans = Scanner(terms).find(text)
    found = [_avoided(u, text, lines) for u in uses if u.phrases[0].avoid]
    found += _inconsistent(text, uses, spans, lines)
    found += [_unrendered(s, lines) for s in spans if not _rendered(text, s)]
    return sorted(found, key=lambda f: (f.start, f.code))


def fixed(text: str, findings: Sequence[Finding]) -> str:
    """Give ``text`` with the fixes of the GL001 findings applied (their case already kept).

    >>> t = Term(zh="三股势力", en=("three evil forces",), avoid=("three evils",))
    >>> draft = "Three evils are named. We oppose the three evils."
    >>> fixed(draft, check(draft, [t]))
    'Three evil forces are named. We oppose the three evil forces.'
    """
    out = []
    pos = 0
    for f in sorted((f for f in findings if f.fix is not None), key=lambda f: f.start):
        if f.start < pos:
            continue  # overlapping fixes: the first one stands
        out += [text[pos : f.start], f.fix or ""]
        pos = f.end
    out.append(text[pos:])
    return "".join(out)


class _LineIndex:
    """Turns offsets into 1-based line and column."""

    def __init__(self, text: str, shown: str) -> None:
        self.starts = [0] + [m.end() for m in re.finditer(r"\n", text)]
        self.shown = shown

    def __call__(self, offset: int) -> tuple[int, int]:
        line = bisect_right(self.starts, offset)
        return line, offset - self.starts[line - 1] + 1

    def at(self, offset: int) -> str:
        return "{}:{}".format(*self(offset))

    def location(self, offset: int) -> Location:
        return Location(self.shown, *self(offset))


def _finding(
    lines: _LineIndex, code: str, message: str, start: int, end: int, fix: str | None = None
) -> Finding:
    return Finding(lines.location(start), WARNING, message, code, fix, start, end)


def _uses(text: str, terms: Sequence[Term]) -> list[_Use]:
    """Give every rendering (preferred, other or to avoid) standing in ``text``."""
    phrases: dict[tuple[str, ...], list[_Phrase]] = {}
    for term in terms:
        for avoid, renderings in ((True, term.avoid), (False, term.en)):
            for rendering in renderings:
                key = words(rendering)
                known = phrases.setdefault(key, []) if key else []
                if key and all(p.term != term for p in known):
                    known.append(_Phrase(term, rendering, avoid))
    by_first: dict[str, list[tuple[str, ...]]] = {}
    for key in phrases:
        by_first.setdefault(key[0], []).append(key)
    for keys in by_first.values():
        keys.sort(key=len, reverse=True)
    found = words_with_spans(text)
    uses: list[_Use] = []
    i = 0
    while i < len(found):
        hit = _longest(text, found, i, by_first.get(found[i][2], []))
        if hit is None:
            i += 1
            continue
        end = found[i + len(hit) - 1][1]
        uses.append(_Use(found[i][0], end, hit, tuple(phrases[hit])))
        i += len(hit)
    return uses


def _longest(
    text: str, found: list[tuple[int, int, str]], i: int, keys: list[tuple[str, ...]]
) -> tuple[str, ...] | None:
    """Give the longest of ``keys`` (longest first) whose words stand at word ``i``."""
    for key in keys:
        got = found[i : i + len(key)]
        if tuple(w for _, _, w in got) != key:
            continue
        if all(_JOIN.fullmatch(text, a[1], b[0]) for a, b in pairwise(got)):
            return key
    return None


def _avoided(use: _Use, text: str, lines: _LineIndex) -> Finding:
    said = text[use.start : use.end]
    term = use.phrases[0].term
    fix = _same_case(said, term.preferred)
    message = f'"{said}" is a rendering to avoid for {term.zh}; use "{term.preferred}"'
    return _finding(lines, "GL001", message, use.start, use.end, fix)


def _same_case(said: str, rendering: str) -> str:
    """Give ``rendering`` cased like ``said``: all capitals, or a capital first letter."""
    if len(said) > 1 and said.isupper():
        return rendering.upper()
    if said[:1].isupper():
        return rendering[:1].upper() + rendering[1:]
    return rendering


def _inconsistent(
    text: str, uses: list[_Use], spans: list[Span], lines: _LineIndex
) -> list[Finding]:
    """Give a GL002 finding for each rendering of a term that differs from its first one."""
    marked = _marked(text, uses, spans)
    seen = {id(u) for _, u in marked}
    told: list[tuple[Term, _Use]] = list(marked)
    for use in uses:
        plain = [p for p in use.phrases if not p.avoid]
        if id(use) not in seen and len(plain) == 1 and len(use.phrases) == 1:
            told.append((plain[0].term, use))
    told.sort(key=lambda tu: tu[1].start)
    first: dict[Term, _Use] = {}
    # The renderings a term may take in this draft: its first, and what glosses it.
    allowed: dict[Term, set[tuple[str, ...]]] = {}
    out = []
    last: tuple[Term, _Use] | None = None
    for term, use in told:
        earlier = first.setdefault(term, use)
        keys = allowed.setdefault(term, {use.key})
        if last and last[0] == term and _GLOSS.fullmatch(text, last[1].end, use.start):
            keys.add(use.key)  # "Shanghai Cooperation Organisation (SCO)": one name, two forms
        last = (term, use)
        if use.key in keys:
            continue
        said, before = text[use.start : use.end], text[earlier.start : earlier.end]
        message = (
            f'inconsistent rendering of {term.zh}: "{said}" here, "{before}" at '
            f'{lines.at(earlier.start)} (the glossary prefers "{term.preferred}")'
        )
        out.append(_finding(lines, "GL002", message, use.start, use.end))
    return out


def _marked(text: str, uses: list[_Use], spans: list[Span]) -> list[tuple[Term, _Use]]:
    """Give the renderings marked by the hanzi in parentheses after them: "three forces
    (三股势力)". An unknown rendering is taken as the words before the parenthesis, as many
    as the preferred rendering has (leading articles left out)."""
    ends = {u.end: u for u in uses}
    found = words_with_spans(text)
    word_ends = [w[1] for w in found]
    out = []
    for span in spans:
        opening = _opening(text, span)
        if opening is None:
            continue
        before = text[:opening].rstrip()
        use = ends.get(len(before))
        if use and any(p.term == span.term and not p.avoid for p in use.phrases):
            out.append((span.term, use))
            continue
        if use and any(p.term == span.term for p in use.phrases):
            continue  # a rendering to avoid: GL001's business
        last = bisect_right(word_ends, len(before)) - 1
        if last < 0 or found[last][1] != len(before):
            continue
        out.append((span.term, _guess(text, found, last, span.term)))
    return out


def _guess(text: str, found: list[tuple[int, int, str]], last: int, term: Term) -> _Use:
    first = last
    wanted = len(words(term.preferred))
    while first > 0 and last - first + 1 < wanted:
        if not _JOIN.fullmatch(text, found[first - 1][1], found[first][0]):
            break
        first -= 1
    while first < last and found[first][2] in _ARTICLES:
        first += 1
    key = tuple(w for _, _, w in found[first : last + 1])
    return _Use(found[first][0], found[last][1], key, ())


#: How far from a term its brackets are looked for: every look stays this near, so that a
#: long line with many terms takes time in proportion to it (it took minutes on 1 MB).
_REACH = 300


def _opening(text: str, span: Span) -> int | None:
    """Give the offset of the parenthesis ``span`` opens, if it follows English there."""
    start = max(0, span.start - _REACH)
    head = text[start : span.start].rstrip()
    if not head.endswith(("(", "（")):
        return None
    opening = start + len(head) - 1
    return opening if _AFTER_ENGLISH.search(text, max(0, opening - 80), opening) else None


def _rendered(text: str, span: Span) -> bool:
    """Tell whether ``span`` has English beside it: in parentheses after it, or it stands
    in parentheses after English."""
    if _inside_after_english(text, span):
        return True
    tail = text[span.end : span.end + _REACH].lstrip()
    if tail.startswith(("(", "（")):
        close = re.search(r"[)）]", tail)
        inside = tail[1 : close.start()] if close else ""
        return bool(_LATIN.search(inside))
    return False


def _inside_after_english(text: str, span: Span) -> bool:
    start = max(0, span.start - _REACH)
    opening = max(text.rfind("(", start, span.start), text.rfind("（", start, span.start))
    if opening < 0 or re.search(r"[)）]", text[opening : span.start]):
        return False
    return bool(_AFTER_ENGLISH.search(text, max(0, opening - 80), opening))


def _unrendered(span: Span, lines: _LineIndex) -> Finding:
    said = "".join(span.text.split())
    term = span.term
    message = f'{said} has no English rendering beside it; the glossary gives "{term.preferred}"'
    return _finding(lines, "GL003", message, span.start, span.end)
