"""Query parsing and ranking: a typed query -> terms, best first.

A query is read three ways at once, as hanzi, as pinyin and as English, and each term
keeps its best score. Scores fall in bands so that the order reads as a person expects:

    100  exact headword, traditional form or id
     97  exact preferred rendering (94 another rendering)
     96  exact pinyin
     90  headword prefix; 88 pinyin prefix; 87 rendering prefix
     80  headword substring; 78 pinyin from a later syllable; 75 every word of a rendering
     60-70  rendering with typos, headword near-miss
     40-50  definition, context or literal gloss
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from glossary import pinyin
from glossary.errors import NotFoundError, UsageError
from glossary.model import Glossary, Term

_WORD = re.compile(r"[^\W_]+")
_MAX_QUERY = 500


def words(text: str) -> tuple[str, ...]:
    """Give the normalised English words of ``text``: case-folded, simple plurals stemmed.

    >>> words("Special friendly ARMIES")
    ('special', 'friendly', 'army')
    >>> words("Russia's three evil forces")
    ('russia', 'three', 'evil', 'force')
    """
    folded = unicodedata.normalize("NFKC", text).casefold()
    return tuple(_stem(w) for w in _WORD.findall(folded) if w != "s")


def _stem(word: str) -> str:
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 4 and word.endswith(("sses", "shes", "ches", "xes", "zes")):
        return word[:-2]
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


@dataclass(frozen=True)
class Query:
    """A query read as hanzi, as pinyin and as English words."""

    text: str
    hanzi: str | None
    reading: pinyin.PinyinQuery | None
    words: tuple[str, ...]


def parse_query(text: str) -> Query:
    """Give the readings of a typed query; raise a usage error if it holds nothing to look for."""
    text = unicodedata.normalize("NFC", text).strip()
    if len(text) > _MAX_QUERY:
        raise UsageError(
            f"the query is {len(text)} characters long",
            hint=f"search for {_MAX_QUERY} or fewer",
        )
    if pinyin.has_hanzi(text):
        return Query(text, "".join(text.split()), None, ())
    query = Query(text, None, pinyin.parse_query(text), words(text))
    if not query.words and query.reading is None:
        raise UsageError(
            "the query is empty" if not text else f"nothing to search for in {text!r}",
            hint="give hanzi, pinyin or English words, e.g. glossary search sangu",
        )
    return query


@dataclass(frozen=True)
class Match:
    """A term found by a query: how well, and in which field."""

    term: Term
    score: float
    field: str
    text: str
    reading: str


@dataclass(frozen=True)
class _Entry:
    term: Term
    reading_text: str
    reading: pinyin.Reading
    renderings: tuple[tuple[str, str, tuple[str, ...], float], ...]  # field, text, words, bonus
    notes: tuple[tuple[str, str, tuple[str, ...]], ...]  # field, text, words


class Index:
    """Search keys of every term, computed once; pinyin from the stored field when present."""

    def __init__(self, glossary: Glossary):
        self.entries = tuple(_entry(t) for t in glossary)

    def search(self, query: Query, limit: int | None = None) -> list[Match]:
        """Give the terms that match ``query``, best first (ties: shorter headword first)."""
        return _ranked(self.entries, query, limit)


def rank(terms: Iterable[Term], query: Query, limit: int | None = None) -> list[Match]:
    """Give those of ``terms`` that match ``query``, best first (ties: shorter headword)."""
    return _ranked((_entry(t) for t in terms), query, limit)


def _ranked(entries: Iterable[_Entry], query: Query, limit: int | None) -> list[Match]:
    found = [m for e in entries if (m := _best(e, query)) is not None]
    found.sort(key=lambda m: (-m.score, len(m.term.zh)))
    return found[:limit] if limit else found


def search(glossary: Glossary, text: str, limit: int | None = None) -> list[Match]:
    """Give the terms of ``glossary`` matching the query ``text``, best first."""
    return Index(glossary).search(parse_query(text), limit)


def _entry(term: Term) -> _Entry:
    reading_text = term.pinyin or pinyin.generate(term.zh)
    renderings = [
        ("en", text, words(text), 3.0 if i == 0 else 0.0) for i, text in enumerate(term.en)
    ]
    renderings += [("avoid", text, words(text), -2.0) for text in term.avoid]
    notes = [
        (name, text, words(text))
        for name in ("literal", "definition", "context")
        if (text := getattr(term, name))
    ]
    return _Entry(
        term,
        reading_text,
        pinyin.parse_reading(reading_text),
        tuple(renderings),
        tuple(notes),
    )


def _best(entry: _Entry, query: Query) -> Match | None:
    candidates: Iterable[tuple[float, str, str] | None]
    if query.hanzi is not None:
        candidates = _hanzi_scores(entry, query.hanzi)
    else:
        candidates = (
            _id_score(entry, query.text),
            _pinyin_score(entry, query.reading),
            *_english_scores(entry, query.words),
        )
    best = max((c for c in candidates if c), default=None, key=lambda c: c[0])
    if best is None:
        return None
    score, field, text = best
    return Match(entry.term, score, field, text, entry.reading_text)


def _id_score(entry: _Entry, text: str) -> tuple[float, str, str] | None:
    term = entry.term
    if term.id and term.id.casefold() == text.casefold():
        return (100.0, "id", term.id)
    return None


def _hanzi_scores(entry: _Entry, q: str) -> list[tuple[float, str, str] | None]:
    from rapidfuzz import fuzz  # loaded once, on the first query that needs it

    term = entry.term
    out: list[tuple[float, str, str] | None] = []
    for field, text in (("zh", term.zh), ("traditional", term.traditional)):
        if not text:
            continue
        if text == q:
            out.append((100.0, field, text))
        elif text.startswith(q):
            out.append((90.0, field, text))
        elif q in text:
            out.append((80.0, field, text))
        elif (ratio := fuzz.ratio(q, text, score_cutoff=60)) > 0:
            out.append((60.0 + ratio / 10, field, text))
    out.extend((45.0, field, text) for field, text, _ in entry.notes if q in text)
    return out


def _pinyin_score(entry: _Entry, q: pinyin.PinyinQuery | None) -> tuple[float, str, str] | None:
    if q is None:
        return None
    reading = entry.reading
    at = pinyin.find(reading, q)
    if at == 0:
        score = 96.0 if len(q.letters) == len(reading.letters) else 88.0
        return (score, "pinyin", entry.reading_text)
    if at is not None:
        return (78.0, "pinyin", entry.reading_text)
    if q.is_initials and reading.initials.startswith(q.letters):
        score = 86.0 if reading.initials == q.letters else 76.0
        return (score, "pinyin", entry.reading_text)
    return None


def _english_scores(entry: _Entry, q: tuple[str, ...]) -> list[tuple[float, str, str] | None]:
    if not q:
        return []
    out: list[tuple[float, str, str] | None] = []
    for field, text, w, bonus in entry.renderings:
        score = _rendering_score(q, w)
        if score:
            out.append((score + bonus, field, text))
    for field, text, w in entry.notes:
        score = _notes_score(q, w)
        if score:
            out.append((score, field, text))
    return out


def _rendering_score(q: tuple[str, ...], w: tuple[str, ...]) -> float:
    if q == w:
        return 94.0
    if _is_prefix(q, w):
        return 84.0
    if set(q) <= set(w):
        return 72.0
    sim = _fuzzy_words(q, w)
    return 58.0 + 10 * sim if sim else 0.0


def _notes_score(q: tuple[str, ...], w: tuple[str, ...]) -> float:
    if set(q) <= set(w):
        return 50.0
    sim = _fuzzy_words(q, w)
    return 40.0 + 5 * sim if sim else 0.0


def _is_prefix(q: tuple[str, ...], w: tuple[str, ...]) -> bool:
    """Tell whether ``q`` opens ``w``, its last word possibly still being typed."""
    if len(q) > len(w):
        return False
    head, last = q[:-1], q[-1]
    return w[: len(head)] == head and w[len(head)].startswith(last)


def allowed_edits(word: str) -> int:
    """Give how many typing mistakes a query word may hold and still match (0, 1 or 2)."""
    return 0 if len(word) < 3 else 1 if len(word) < 6 else 2


def near_words(word: str, vocabulary: Sequence[str]) -> list[str]:
    """Give the words of ``vocabulary`` within ``word``'s allowed typing mistakes."""
    from rapidfuzz import process
    from rapidfuzz.distance import OSA

    limit = allowed_edits(word)
    found = process.extract(word, vocabulary, scorer=OSA.distance, score_cutoff=limit, limit=200)
    return [choice for choice, _, _ in found]


def _fuzzy_words(q: tuple[str, ...], w: tuple[str, ...]) -> float:
    """Give how closely every query word matches some word of ``w`` (0 when one does not).

    >>> round(_fuzzy_words(("speshal", "frendly"), ("special", "friendly", "army")), 2)
    0.79
    """
    from rapidfuzz.distance import OSA

    total = 0.0
    for word in q:
        limit = allowed_edits(word)
        best = 0.0
        for other in w:
            if other.startswith(word) and len(word) >= 3:
                best = max(best, len(word) / len(other))
                continue
            d = OSA.distance(word, other, score_cutoff=limit)
            if d <= limit:
                best = max(best, 1 - d / max(len(word), len(other)))
        if not best:
            return 0.0
        total += best
    return total / len(q)


def find_term(glossary: Glossary, text: str) -> Match:
    """Give the one term named by ``text``: its headword, traditional form, id or exact pinyin.

    Raise :class:`NotFoundError` naming the closest headwords when nothing fits, or the
    candidates when a pinyin reads as several terms.
    """
    query = parse_query(text)
    index = Index(glossary)
    named = [m for m in index.search(query) if m.score >= 96.0 and m.field in _NAMING_FIELDS]
    if len(named) == 1 or (named and named[0].field != "pinyin"):
        return named[0]
    if named:
        listed = ", ".join(m.term.zh for m in named[:8])
        raise NotFoundError(
            f"{text!r} reads as {len(named)} terms: {listed}",
            hint="name one by its hanzi, e.g. glossary show " + named[0].term.zh,
        )
    close = ", ".join(dict.fromkeys(m.term.zh for m in index.search(query, limit=5)))
    raise NotFoundError(
        f"no term {text!r} in the glossary",
        hint=f"closest: {close}" if close else "try glossary search with part of it",
    )


_NAMING_FIELDS = frozenset({"zh", "traditional", "id", "pinyin"})
