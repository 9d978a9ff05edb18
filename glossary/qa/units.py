"""Terminology QA of bilingual files: each unit whose Chinese holds a term must hold one of
its renderings in its English.

- GL005: a term in a unit's Chinese (simplified or traditional, the longest that matches)
  with none of its accepted renderings in the unit's English (inflections, spellings and
  acronyms allowed, as in a draft).
- GL001: a rendering to avoid in the English; the preferred rendering is its fix.

A unit with no English yet (not translated) is passed over. Each finding names its unit.
"""

from __future__ import annotations

from collections.abc import Sequence

from glossary.errors import Location
from glossary.lint import WARNING, Finding
from glossary.model import Term
from glossary.qa import english, prose
from glossary.qa.bilingual import Segment, Unit
from glossary.qa.english import Tokens
from glossary.qa.fixes import cased
from glossary.qa.phrases import AVOID, Hit, number_of, role_of
from glossary.qa.rules import AVOID as AVOID_RULE
from glossary.qa.rules import MISSING, Rule
from glossary.qa.termbase import Termbase


def check_units(units: Sequence[Unit], base: Termbase, shown: str) -> list[Finding]:
    """Give the findings of the units of a bilingual file (shown as ``shown``), in file
    order."""
    found: list[Finding] = []
    for unit in units:
        if unit.english.text.strip():
            found += _unit(unit, base, shown)
    return sorted(found, key=lambda f: (f.line, f.col, f.code))


def _unit(unit: Unit, base: Termbase, shown: str) -> list[Finding]:
    tokens = Tokens(unit.english.text)
    avoided = [h for h in base.phrases.find(tokens) if all(role_of(c) == AVOID for c in h.codes)]
    terms = base.terms({number_of(h.codes[0]) for h in avoided})
    out = [_avoid(unit, tokens, h, terms[number_of(h.codes[0])], shown) for h in avoided]
    told = {(h.start, h.end) for h in avoided}
    seen: set[int] = set()
    for span in base.spans(unit.chinese.text):
        if span.number in seen:
            continue
        seen.add(span.number)
        hits = base.own(span.number, span.term).find(tokens)
        if any(role_of(h.codes[0]) != AVOID for h in hits) or _has_acronym(tokens, span.term):
            continue
        if hits:  # only renderings to avoid: each is a finding, if not one already
            out += [
                _avoid(unit, tokens, h, span.term, shown)
                for h in hits
                if (h.start, h.end) not in told
            ]
            continue
        said = "".join(span.text.split())
        message = (
            f"unit {unit.name}: {said} is not rendered in the English; the glossary gives"
            f' "{span.term.preferred}"'
        )
        out.append(
            _finding(MISSING, unit, unit.chinese, span.start, span.end, span.term, shown, message)
        )
    return out


def _has_acronym(tokens: Tokens, term: Term) -> bool:
    """Tell whether ``tokens`` hold an acronym of one of the term's renderings."""
    wanted = {"=" + english.initials(r) for r in term.en}
    return any(a in wanted for a in tokens.acronyms.values())


def _avoid(unit: Unit, tokens: Tokens, hit: Hit, term: Term, shown: str) -> Finding:
    start, end = tokens.starts[hit.start], tokens.ends[hit.end - 1]
    text = unit.english.text
    said = " ".join(text[start:end].split())
    fix = cased(text[start:end], term.preferred, prose.sentence_start(text, start))
    message = (
        f'unit {unit.name}: "{said}" is a rendering to avoid for {term.zh}; use "{term.preferred}"'
    )
    return _finding(AVOID_RULE, unit, unit.english, start, end, term, shown, message, fix)


def _finding(
    rule: Rule,
    unit: Unit,
    segment: Segment,
    start: int,
    end: int,
    term: Term,
    shown: str,
    message: str,
    fix: str | None = None,
) -> Finding:
    line, col = segment.place(start)
    said = segment.text[start:end]
    return Finding(
        Location(shown, line, col),
        WARNING,
        message,
        rule.code,
        fix,
        start,
        end,
        rule.name,
        term.zh,
        said,
        unit.name,
    )
