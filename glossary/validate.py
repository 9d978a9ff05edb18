"""Checks of a glossary file -> findings (file:line:col, severity, message). Never raises
for what it finds, never prints."""

from __future__ import annotations

import itertools
import re
import unicodedata
from collections import defaultdict
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

from glossary import hanzi, pinyin
from glossary.errors import Location
from glossary.lint import ERROR, WARNING, Finding
from glossary.model import LIST_FIELDS, TERM_FIELDS, Term
from glossary.termfile import fastload

_LATIN_RUN = re.compile(r"[A-Za-z]+")


#: Gives, for each hanzi of a headword, the generated reading's syllable and every
#: syllable its reading may have there (tone marks, lower case): the generated one, and
#: others a dictionary allows.
Allowed = Callable[[str], list[tuple[str, set[str]]]]
#: The tag that marks a term's pinyin as checked by a person: no polyphone warning.
CHECKED_TAG = "pinyin-checked"


def validate_file(path: Path, allowed: Allowed | None = None) -> list[Finding]:
    """Give every problem in the glossary at ``path``: errors first as loading sees them,
    then warnings, each in file order. ``allowed`` is where readings are checked against
    (default: pypinyin's generated reading)."""
    parsed = fastload.parse_file(path)
    errors = [
        Finding(p.where, ERROR, f"{p.message}; {p.hint}" if p.hint else p.message, rule="load")
        for p in parsed.problems
    ]
    return errors + check_terms(parsed.terms, allowed)


def check_terms(terms: Sequence[Term], allowed: Allowed | None = None) -> list[Finding]:
    """Give the warnings about sound terms: what loads but is probably a mistake."""
    found: list[Finding] = []
    read: Allowed = allowed or _generated
    checks: list[tuple[str, Callable[[Term], Iterator[Finding]]]] = [
        *((check.__name__.strip("_"), check) for check in _PER_TERM),
        ("polyphones", lambda term: _polyphones(term, read)),
    ]
    for rule, check in checks:  # --summary counts findings by rule
        for term in terms:
            found.extend(f._replace(rule=rule) for f in check(term))
    found.extend(_across(terms))
    return sorted(found, key=lambda f: (f.where.line, f.where.col))


def _at(term: Term, field: str) -> Location:
    return term.locations.get(field) or term.location or Location("?")


def _warn(term: Term, field: str, message: str) -> Finding:
    return Finding(_at(term, field), WARNING, message)


def _spacing(term: Term) -> Iterator[Finding]:
    for name in TERM_FIELDS:
        value = getattr(term, name)
        for text in value if name in LIST_FIELDS else [value] if value else []:
            if text != text.strip():
                yield _warn(term, name, f"{name} {text!r} has leading or trailing spaces")
            if any(unicodedata.category(c) in ("Cc", "Cf") and c not in "\n\t" for c in text):
                yield _warn(term, name, f"{name} {text!r} holds a control or invisible character")


#: Fields where a compatibility form (a Kangxi radical for an ideograph, a full-width letter)
#: stops a term from being found: what is typed, or what a text holds, is the usual form.
_FOLDED_FIELDS = ("zh", "traditional", "pinyin", "en")


def _compatibility(term: Term) -> Iterator[Finding]:
    """Warn about characters NFKC folds: ⼀ (a Kangxi radical, from a PDF) for 一, ｂ for b.

    >>> [f.message for f in _compatibility(Term(zh="\u2f00\u4e8c", en=("one two",)))]
    ["zh '⼀二' holds ⼀ (U+2F00, KANGXI RADICAL ONE) where 一 (U+4E00) is usual"]
    """
    for name in _FOLDED_FIELDS:
        value = getattr(term, name)
        for text in value if name in LIST_FIELDS else [value] if value else []:
            odd = next((c for c in text if _folds(c)), None)
            if odd is not None:
                usual = unicodedata.normalize("NFKC", odd)
                codes = " ".join(f"U+{ord(c):04X}" for c in usual)
                yield _warn(
                    term,
                    name,
                    f"{name} {text!r} holds {odd} (U+{ord(odd):04X}, "
                    f"{unicodedata.name(odd, 'no name')}) where {usual} ({codes}) is usual",
                )


def _folds(char: str) -> bool:
    """Tell whether ``char`` is a compatibility form: a Kangxi or CJK radical, a CJK
    compatibility ideograph, a full-width letter or digit (full-width punctuation such as
    ``，`` or ``（`` is ordinary Chinese typography)."""
    code = ord(char)
    folded = unicodedata.normalize("NFKC", char)
    if 0xFF00 <= code <= 0xFFEF:
        return folded.isascii() and folded.isalnum()
    return (0x2E80 <= code <= 0x2FDF or 0xF900 <= code <= 0xFAFF) and folded != char


def _syllables(term: Term) -> Iterator[Finding]:
    if not term.pinyin:
        return
    reading = pinyin.parse_reading(term.pinyin)
    have = len(reading.starts) - 1
    want = pinyin.count_hanzi(term.zh) + len(_LATIN_RUN.findall(term.zh))
    if have != want:
        yield _warn(
            term, "pinyin", f"pinyin {term.pinyin!r} has {have} syllables for {want} in {term.zh}"
        )
    elif not term.pinyin.isascii() and 0 in reading.tones and not _LATIN_RUN.search(term.zh):
        yield _warn(term, "pinyin", f"pinyin {term.pinyin!r} has a word that is not pinyin")


def _generated(zh: str) -> list[tuple[str, set[str]]]:
    """Give pypinyin's reading of each hanzi of ``zh``, as :data:`Allowed` does."""
    return [(s, {s}) for s in pinyin.syllables_of(pinyin.generate(zh))]


def _polyphones(term: Term, allowed: Allowed) -> Iterator[Finding]:
    """Warn where the stored pinyin reads a character otherwise than the generated
    reading and the dictionary allow (not for a term tagged pinyin-checked)."""
    if not term.pinyin or _LATIN_RUN.search(term.zh) or CHECKED_TAG in term.tags:
        return
    stored = _syllable_list(term.pinyin)
    choices = allowed(term.zh)
    chars = [c for c in term.zh if pinyin.has_hanzi(c)]
    if not (len(stored) == len(choices) == len(chars)):
        return
    diffs = []
    for char, have, (generated, ok) in zip(chars, stored, choices, strict=True):
        keys = {_key(x) for x in ok}
        # Where the dictionary reads a syllable in the neutral tone (力量 lìliang), its
        # full tone is written as often (lìliàng): no mistake either way.
        keys |= {k[:-1] + t for k in keys if k.endswith("5") for t in "1234"}
        # pypinyin gives a character back when it knows no reading: nothing to compare
        if have not in keys and _key(generated).isascii():
            diffs.append(f"{char} {have} (generated {_key(generated)})")
    if diffs:
        yield _warn(
            term,
            "pinyin",
            "pinyin differs from the generated reading at "
            + ", ".join(diffs)
            + ": a polyphone or sandhi to double-check",
        )


def _key(syllable: str) -> str:
    """Give one tone-marked syllable as :func:`_syllable_list` gives syllables: letters and
    tone number, 5 for a syllable with no mark (the neutral tone).

    >>> _key("lüè"), _key("de")
    ('lue4', 'de5')
    """
    reading = pinyin.parse_reading(syllable)
    return f"{reading.letters}{max(reading.tones, default=0) or 5}"


def _syllable_list(text: str) -> list[str]:
    reading = pinyin.parse_reading(text)
    cuts = sorted(reading.starts)
    return [f"{reading.letters[a:b]}{reading.tones[a] or ''}" for a, b in itertools.pairwise(cuts)]


def _traditional(term: Term) -> Iterator[Finding]:
    if term.traditional and hanzi.to_simplified(term.traditional) != term.zh:
        back = hanzi.to_simplified(term.traditional)
        yield _warn(
            term,
            "traditional",
            f"traditional {term.traditional} converts back to {back}, "
            f"not to the headword {term.zh}",
        )


def _avoided(term: Term) -> Iterator[Finding]:
    listed = {_same(e) for e in term.en}
    for text in term.avoid:
        if _same(text) in listed:
            yield _warn(term, "avoid", f"{text!r} is both a rendering and one to avoid")


def _same(text: str) -> str:
    """Give the form under which two renderings count as the same: case and spacing folded."""
    return " ".join(text.casefold().split())


_PER_TERM: tuple[Callable[[Term], Iterator[Finding]], ...] = (
    _spacing,
    _compatibility,
    _syllables,
    _traditional,
    _avoided,
)


def _across(terms: Sequence[Term]) -> Iterator[Finding]:
    headwords = {t.zh for t in terms}
    ids: dict[str, Term] = {}
    preferred: dict[str, list[Term]] = defaultdict(list)
    for term in terms:
        for name in term.see:
            if name not in headwords:
                message = f"see names {name}, which is not a headword here"
                yield _warn(term, "see", message)._replace(rule="see")
        if term.id:
            if term.id in ids:
                first = ids[term.id].location
                line = f" (first at line {first.line})" if first else ""
                message = f"duplicate id {term.id!r}{line}"
                yield Finding(_at(term, "id"), ERROR, message, rule="duplicate-id")
            ids.setdefault(term.id, term)
        preferred[_same(term.preferred)].append(term)
    for same in preferred.values():
        for term in same[1:]:
            message = f"{term.preferred!r} is also the preferred rendering of {same[0].zh}"
            yield _warn(term, "en", message)._replace(rule="shared-preferred")


def summary(found: Sequence[Finding]) -> list[tuple[str, str, int]]:
    """Give how many findings each rule made, with its severity: most first, then by name."""
    counted: dict[tuple[str, str], int] = defaultdict(int)
    for finding in found:
        counted[finding.severity, finding.rule] += 1
    return sorted(((s, r, n) for (s, r), n in counted.items()), key=lambda c: (-c[2], c[1]))
