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
from collections.abc import Callable, Iterable, Sequence
from functools import lru_cache
from typing import NamedTuple

from glossary import pinyin
from glossary.errors import NotFoundError, UsageError
from glossary.model import Glossary, Origin, Term

_WORD = re.compile(r"[^\W_]+")
_MAX_QUERY = 500


def words(text: str) -> tuple[str, ...]:
    """Give the normalised English words of ``text``: case-folded, simple plurals stemmed.

    >>> words("Special friendly ARMIES")
    ('special', 'friendly', 'army')
    >>> words("Russia's three evil forces")
    ('russia', 'three', 'evil', 'force')
    """
    return tuple([stem(w) for w in _WORD.findall(fold(text)) if w != "s"])


def alternatives(rendering: str) -> list[str]:
    """Give the alternatives a rendering lists, separated by semicolons, as dictionaries
    write synonyms ("big; large; great"); each is matched as a rendering of its own.

    >>> alternatives("big; large; great"), alternatives("back to back")
    (['big', 'large', 'great'], ['back to back'])
    """
    if ";" not in rendering:
        return [rendering]
    return [part for part in map(str.strip, rendering.split(";")) if part] or [rendering]


def fold(text: str) -> str:
    """Give ``text`` as :func:`words` reads it: case-folded, compatibility forms composed
    (full-width letters as plain ones)."""
    return text.lower() if text.isascii() else unicodedata.normalize("NFKC", text).casefold()


def words_with_spans(text: str) -> list[tuple[int, int, str]]:
    """Give each word of ``text`` with its start and end, normalised as :func:`words` does.

    >>> words_with_spans("special friendly armies")[2]
    (17, 23, 'army')
    """
    return [
        (m.start(), m.end(), stem(m.group().casefold()))
        for m in _WORD.finditer(text)
        if m.group().casefold() != "s"
    ]


@lru_cache(maxsize=1 << 16)
def stem(word: str) -> str:
    """Give a folded word without a simple plural ending: what :func:`words` keeps of it.

    >>> stem("armies"), stem("forces"), stem("taxes"), stem("bus")
    ('army', 'force', 'tax', 'bus')
    """
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 4 and word.endswith(("sses", "shes", "ches", "xes", "zes")):
        return word[:-2]
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


class Query(NamedTuple):
    """A query read as hanzi, as pinyin and as English words, with what narrows it."""

    text: str
    #: The hanzi typed, and its simplified and traditional forms (empty: no hanzi).
    hanzi: tuple[str, ...]
    reading: pinyin.PinyinQuery | None
    words: tuple[str, ...]
    #: "quoted": the words must stand together, in order.
    phrase: bool = False
    #: A field prefix (zh:, py:, en:) limits where to look: "zh", "pinyin" or "en".
    field: str | None = None
    #: tag:NAME in the query, and --tag: every one must be on the term.
    tags: tuple[str, ...] = ()
    #: With * in hanzi or pinyin: the whole headword, or the toneless pinyin, must match.
    pattern: str | None = None

    def with_tags(self, tags: Sequence[str]) -> Query:
        """Give the query narrowed to ``tags`` as well."""
        return self._replace(tags=(*self.tags, *tags))


_FIELD_PREFIX = re.compile(r"(zh|py|pinyin|en):\s*(.*)", re.I | re.S)
_QUOTES = ('"', "“", "”", "'", "‘", "’")


def parse_query(text: str) -> Query:
    """Give the readings of a typed query; raise a usage error if it holds nothing to look for.

    >>> q = parse_query('tag:sco en:"three evil"')
    >>> q.words, q.phrase, q.field, q.tags
    (('three', 'evil'), True, 'en', ('sco',))
    >>> parse_query("中俄*").pattern
    '中俄*'
    """
    _check_text(text)
    # Control and invisible characters (a pasted zero-width space, an escape) are dropped.
    text = "".join(
        " " if c.isspace() else c
        for c in text
        if unicodedata.category(c) not in ("Cc", "Cf") or c.isspace()
    )
    # NFKC folds what PDFs and IMEs paste: full-width letters, Kangxi radicals (⼀ for 一).
    text = unicodedata.normalize("NFKC", text).strip()
    tags = tuple(t[4:] for t in text.split() if t[:4].casefold() == "tag:" and len(t) > 4)
    rest = " ".join(t for t in text.split() if t[:4].casefold() != "tag:")
    field = None
    if prefixed := _FIELD_PREFIX.fullmatch(rest):
        field = {"zh": "zh", "en": "en"}.get(prefixed.group(1).casefold(), "pinyin")
        rest = prefixed.group(2).strip()
    phrase = len(rest) > 1 and rest[0] in _QUOTES and rest[-1] in _QUOTES
    if phrase:
        rest = rest[1:-1].strip()
    query = _readings(rest, field, phrase, tags)
    if not (query.hanzi or query.reading or query.words or query.pattern or tags):
        raise UsageError(
            "the query is empty" if not text else f"nothing to search for in {text!r}",
            hint="give hanzi, pinyin or English words, e.g. glossary search sangu",
        )
    return query


def _check_text(text: str) -> None:
    if len(text) > _MAX_QUERY:
        raise UsageError(
            f"the query is {len(text)} characters long",
            hint=f"search for {_MAX_QUERY} or fewer",
        )
    if any("\ud800" <= c <= "\udfff" for c in text):
        raise UsageError(
            "the query holds bytes that are not valid text", hint="check the terminal's encoding"
        )


def _readings(rest: str, field: str | None, phrase: bool, tags: tuple[str, ...]) -> Query:
    """Give the query ``rest`` read every way its field prefix allows."""
    if "*" in rest and field != "en" and rest.strip("* "):
        pattern = _pattern(rest)
        if not pattern.strip("*"):  # only punctuation beside the wildcard: nothing to match
            return Query(rest, (), None, (), field=field, tags=tags)
        return Query(rest, (), None, (), field=field, tags=tags, pattern=pattern)
    if pinyin.has_hanzi(rest) and field in (None, "zh"):
        return Query(rest, _hanzi_forms("".join(rest.split())), None, (), field=field, tags=tags)
    reading = pinyin.parse_query(rest) if field in (None, "pinyin") and not phrase else None
    found = words(rest) if field in (None, "en") else ()
    return Query(rest, (), reading, found, phrase=phrase, field=field, tags=tags)


def _hanzi_forms(text: str) -> tuple[str, ...]:
    """Give ``text`` as typed and in simplified characters (no repeats).

    Headwords are simplified, so a traditional query is folded to match them; the form as
    typed still matches stored traditional forms. (No simplified-to-traditional step is
    needed, and OpenCC's is ten times slower to load.)
    """
    from glossary import hanzi  # OpenCC: only for queries that hold hanzi

    return tuple(dict.fromkeys((text, hanzi.to_simplified(text))))


def _pattern(text: str) -> str:
    """Give a wildcard query as a glob: hanzi kept, pinyin as toneless letters.

    >>> _pattern("*合作"), _pattern("zhong1 e*")
    ('*合作', 'zhonge*')
    """
    if pinyin.has_hanzi(text):
        glob = "".join(text.split())
    else:
        pieces = [pinyin.parse_query(p) for p in text.split("*")]
        glob = "*".join(p.letters if p else "" for p in pieces)
    return _STARS.sub("*", glob)  # "a**b" is "a*b"


_STARS = re.compile(r"\*{2,}")


class Match(NamedTuple):
    """A term found by a query: how well, and in which field."""

    term: Term
    score: float
    field: str
    text: str
    reading: str
    #: The glossary or dictionary it comes from (None: not told, a single glossary).
    origin: Origin | None = None


class _Entry(NamedTuple):
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
    return _ranked((_entry(t, query) for t in terms), query, limit)


def _ranked(entries: Iterable[_Entry], query: Query, limit: int | None) -> list[Match]:
    found = [m for e in entries if (m := _best(e, query)) is not None]
    found.sort(key=lambda m: (-m.score, len(m.term.zh)))
    return found[:limit] if limit else found


def search(glossary: Glossary, text: str, limit: int | None = None) -> list[Match]:
    """Give the terms of ``glossary`` matching the query ``text``, best first."""
    return Index(glossary).search(parse_query(text), limit)


def _entry(term: Term, query: Query | None = None) -> _Entry:
    """Give the search keys of ``term``: all of them, or only those ``query`` is scored
    on (its pinyin parsed for pinyin only, its English cut into words for English only)."""
    reading_text = term.pinyin or pinyin.generate(term.zh)
    reading = _UNREAD
    if query is None or query.reading is not None or query.pattern is not None:
        reading = pinyin.parse_reading(reading_text)
    cut = words if query is None or query.words else _no_words
    renderings = [
        ("en", part, cut(part), 3.0 if i == 0 else 0.0)
        for i, text in enumerate(term.en)
        for part in alternatives(text)
    ]
    renderings += [("avoid", part, cut(part), -2.0) for t in term.avoid for part in alternatives(t)]
    notes = [
        (name, text, cut(text))
        for name in ("literal", "definition", "context")
        if (text := getattr(term, name))
    ]
    return _Entry(term, reading_text, reading, tuple(renderings), tuple(notes))


#: The reading of an entry scored on no pinyin: none of its scores looks at it.
_UNREAD = pinyin.Reading("", (), frozenset())


def _no_words(text: str) -> tuple[str, ...]:
    """Give no words: for entries scored on no English."""
    return ()


def _best(entry: _Entry, query: Query) -> Match | None:
    term = entry.term
    if query.tags and not {t.casefold() for t in query.tags} <= {t.casefold() for t in term.tags}:
        return None
    everywhere = query.field is None
    candidates: list[tuple[float, str, str] | None] = []
    if query.pattern is not None:
        candidates.append(_pattern_score(entry, query.pattern))
    elif query.hanzi:
        for form in query.hanzi:
            candidates += _hanzi_scores(entry, form, notes=everywhere)
    elif query.reading or query.words:
        candidates.append(_id_score(entry, query.text) if everywhere else None)
        candidates.append(_pinyin_score(entry, query.reading))
        candidates += _english_scores(entry, query.words, query.phrase, notes=everywhere)
    else:  # tag:NAME alone: every term carrying the tags
        candidates.append((50.0, "tags", ", ".join(term.tags)))
    found = [c for c in candidates if c]
    if not found:
        return None
    score, field, text = max(found, key=lambda c: c[0])
    if field == "pinyin" and any(c[1] == "en" and c[0] >= 84.0 for c in found):
        score += 2.0  # read both ways (beijing: the pinyin of 北京 and its English)
    return Match(entry.term, score, field, text, entry.reading_text)


def _id_score(entry: _Entry, text: str) -> tuple[float, str, str] | None:
    term = entry.term
    if term.id and term.id.casefold() == text.casefold():
        return (100.0, "id", term.id)
    return None


def _pattern_score(entry: _Entry, pattern: str) -> tuple[float, str, str] | None:
    """Score a wildcard query: the whole headword (or the toneless pinyin) must fit it."""
    term = entry.term
    for field, text in (("zh", term.zh), ("traditional", term.traditional)):
        if text and _fits(pattern, text):
            return (85.0, field, text)
    if not pinyin.has_hanzi(pattern) and _fits(pattern, entry.reading.letters):
        return (84.0, "pinyin", entry.reading_text)
    return None


def _fits(pattern: str, text: str) -> bool:
    """Tell whether all of ``text`` fits the glob ``pattern`` (``*``: any run), ignoring case.

    Greedy, in linear time: each piece between stars is found at its first place after the
    piece before (a regular expression of many ``.*`` backtracks for minutes).

    >>> _fits("中俄*", "中俄合作"), _fits("*he*zuo", "zhongehezuo"), _fits("a*a", "a")
    (True, True, False)
    """
    pieces = pattern.lower().split("*")
    text = text.lower()
    if len(pieces) == 1:
        return text == pieces[0]
    first, *middle, last = pieces
    if len(first) + len(last) > len(text) or not text.startswith(first) or not text.endswith(last):
        return False
    at, end = len(first), len(text) - len(last)
    for piece in middle:
        found = text.find(piece, at, end)
        if found < 0:
            return False
        at = found + len(piece)
    return True


def _hanzi_scores(entry: _Entry, q: str, notes: bool = True) -> list[tuple[float, str, str] | None]:
    term = entry.term
    out: list[tuple[float, str, str] | None] = []
    forms = [(f, text) for f, text in (("zh", term.zh), ("traditional", term.traditional)) if text]
    for field, text in forms:
        if text == q:
            out.append((100.0, field, text))
        elif text.startswith(q):
            out.append((90.0, field, text))
        elif q in text:
            out.append((80.0, field, text))
    if not out:  # a near miss scores at most 70: looked for only where no form holds the query
        from rapidfuzz import fuzz  # loaded once, on the first query that needs it

        for field, text in forms:
            if (ratio := fuzz.ratio(q, text, score_cutoff=60)) > 0:
                out.append((60.0 + ratio / 10, field, text))
    if notes:
        out.extend((45.0, field, text) for field, text, _ in entry.notes if q in text)
    return out


def _pinyin_score(entry: _Entry, q: pinyin.PinyinQuery | None) -> tuple[float, str, str] | None:
    if q is None:
        return None
    reading = entry.reading
    at = pinyin.find(reading, q)
    penalty = 0.0
    if at is None and q.breaks:  # "xi'an" also tries "xian", ranked below a fit
        at, penalty = pinyin.find(reading, q._replace(breaks=())), 8.0
    if at == 0:
        score = 96.0 if len(q.letters) == len(reading.letters) else 88.0
        return (score - penalty, "pinyin", entry.reading_text)
    if at is not None:
        return (78.0 - penalty, "pinyin", entry.reading_text)
    if q.is_initials and reading.initials.startswith(q.letters):
        score = 86.0 if reading.initials == q.letters else 76.0
        return (score, "pinyin", entry.reading_text)
    return None


def _english_scores(
    entry: _Entry, q: tuple[str, ...], phrase: bool, notes: bool = True
) -> list[tuple[float, str, str] | None]:
    if not q:
        return []
    out: list[tuple[float, str, str] | None] = []
    for field, text, w, bonus in entry.renderings:
        score = _phrase_score(q, w) if phrase else _rendering_score(q, w)
        if score:
            out.append((score + bonus, field, text))
    for field, text, w in entry.notes if notes else ():
        score = (50.0 if _holds(w, q) else 0.0) if phrase else _notes_score(q, w)
        if score:
            out.append((score, field, text))
    return out


def _phrase_score(q: tuple[str, ...], w: tuple[str, ...]) -> float:
    """Score a quoted phrase: its words must stand together, in order, with no typos."""
    if q == w:
        return 94.0
    if w[: len(q)] == q:
        return 84.0
    return 74.0 if _holds(w, q) else 0.0


def _holds(w: tuple[str, ...], q: tuple[str, ...]) -> bool:
    """Tell whether ``q`` stands in ``w`` as a run of consecutive words."""
    return any(w[i : i + len(q)] == q for i in range(len(w) - len(q) + 1))


def _rendering_score(q: tuple[str, ...], w: tuple[str, ...]) -> float:
    if q == w:
        return 94.0
    # A rendering that is the query with words that say little ("to eat" for eat, "the
    # Great Wall" for great wall) is all but exact.
    content = tuple(x for x in w if x not in FILLER) or w
    if content == q:
        return 93.0
    if _is_prefix(q, w):
        return 84.0
    # Below the prefix band, a rendering made mostly of the query words ranks higher:
    # "to receive" before "mortise (slot cut into wood to receive a tenon)".
    coverage = 3.0 * min(1.0, len(q) / len(content)) if content else 0.0
    if set(q) <= set(w):
        return 72.0 + coverage
    sim = _fuzzy_words(q, w)
    return 58.0 + 10 * sim + coverage if sim else 0.0


#: Words that say little in a rendering ("to receive", "the Great Learning").
FILLER = frozenset({"to", "a", "an", "the", "of", "sb", "sth"})


def _notes_score(q: tuple[str, ...], w: tuple[str, ...]) -> float:
    if set(q) <= set(w):
        return 50.0
    sim = _fuzzy_words(q, w)
    return 40.0 + 5 * sim if sim else 0.0


def _is_prefix(q: tuple[str, ...], w: tuple[str, ...]) -> bool:
    """Tell whether ``q`` opens ``w``, its last word possibly still being typed (a word of
    three letters or more: one or two letters are the start of too many words, and the
    search index looks up no shorter prefix).
    """
    if len(q) > len(w):
        return False
    head, last = q[:-1], q[-1]
    typed = w[len(head)]
    return w[: len(head)] == head and (typed == last or (len(last) >= 3 and typed.startswith(last)))


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


def choose_term(
    text: str,
    by_name: Callable[[str], Term | None],
    ranked: Callable[[Query, int | None], list[Match]],
) -> Match:
    """Give the one term ``text`` names: its headword, traditional form, id or exact pinyin.

    The term is found with ``by_name`` (a headword or traditional form as stored: the usual
    case, no query parsing needed), else among the best matches ``ranked`` gives. Raise
    :class:`NotFoundError` naming the closest headwords when nothing fits, or the
    candidates when a pinyin reads as several terms.
    """
    name = text.strip()
    term = by_name(name)
    if term is not None:
        field = "zh" if name == term.zh else "traditional"
        return Match(term, 100.0, field, name, term.pinyin or pinyin.generate(term.zh))
    query = parse_query(text)
    named = [m for m in ranked(query, None) if m.score >= 96.0 and m.field in _NAMING_FIELDS]
    if len(named) == 1 or (named and named[0].field != "pinyin"):
        return named[0]
    if named:
        listed = ", ".join(m.term.zh for m in named[:8])
        raise NotFoundError(
            f"{text!r} reads as {len(named)} terms: {listed}",
            hint="name one by its hanzi, e.g. glossary show " + named[0].term.zh,
        )
    close = ", ".join(dict.fromkeys(m.term.zh for m in ranked(query, 5)))
    raise NotFoundError(
        f"no term {text!r} in the glossary",
        hint=f"closest: {close}" if close else "try glossary search with part of it",
    )


_NAMING_FIELDS = frozenset({"zh", "traditional", "id", "pinyin"})
