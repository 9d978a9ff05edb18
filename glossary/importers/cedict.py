"""CC-CEDICT: ``TRADITIONAL SIMPLIFIED [pin1 yin1] /gloss one/gloss two/`` per line.

The simplified headword becomes ``zh`` and the first column ``traditional`` (kept even when
the two are the same: that is what the dictionary says). Tone numbers become tone marks,
syllables spaced (``[zhan4 lu:e4]`` gives ``zhàn lüè``); tokens that are not syllables,
such as ``C`` or ``·``, stay as they are. The glosses, in order, are the renderings, and
every entry cites ``CC-CEDICT`` as its source. Lines starting with ``#`` are comments.

CC-CEDICT gives a headword one line per reading (了 le5 and liao3). Later lines are merged
into the first: its pinyin and traditional stay, and each later line adds a sentence
``Also read liǎo: to finish; to understand.`` to the definition, with the traditional form
in brackets after the pinyin when it differs from the first line's (``Also read tái (臺):
platform; stage.``); the full stop is left out when the last gloss already ends a sentence.
"""

from __future__ import annotations

import re

from glossary.errors import Location
from glossary.importers.records import Collector, ImportResult, lines
from glossary.model import Term
from glossary.pinyin import numbered_to_marked

SOURCE = "CC-CEDICT"
_ENTRY = re.compile(r"(\S+) (\S+) \[([^\]]*)\] /(.*)/")
_HINT = "a CC-CEDICT line reads 'TRADITIONAL SIMPLIFIED [pin1 yin1] /gloss/gloss/'"


def parse_cedict(text: str, shown: str) -> ImportResult:
    """Give the terms and problems of CC-CEDICT ``text``, one term per simplified headword.

    >>> r = parse_cedict("戰略 战略 [zhan4 lu:e4] /strategy/", "cedict.txt")
    >>> r.terms[0].pinyin, r.terms[0].en
    ('zhàn lüè', ('strategy',))
    """
    out = Collector(shown)
    firsts: dict[str, tuple[str, str, list[str], int]] = {}  # zh -> its first line's entry
    also: dict[str, list[str]] = {}  # zh -> sentences from its later lines
    marked: dict[str, str] = {}  # syllable -> marked: a few thousand, met again and again
    merged = 0
    for number, line in enumerate(lines(text), 1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        found = _read(line)
        if isinstance(found, str):
            out.problem(out.at(number), f"malformed CC-CEDICT line: {found}", _HINT)
            continue
        traditional, zh, numbered, glosses = found
        pinyin = " ".join([_marked(s, marked) for s in numbered.split()])
        first = firsts.get(zh)
        if first is None:
            firsts[zh] = (traditional, pinyin, glosses, number)
        else:
            also.setdefault(zh, []).append(_also(pinyin, traditional, first[0], glosses))
            merged += 1
    out.terms.extend(_term(zh, *first, also.get(zh), shown) for zh, first in firsts.items())
    return out.result(merged)


def _term(
    zh: str,
    traditional: str,
    pinyin: str,
    glosses: list[str],
    line: int,
    also: list[str] | None,
    shown: str,
) -> Term:
    """Give a headword's entry as a term."""
    return Term(
        zh=zh,
        en=tuple(glosses),
        traditional=traditional,
        pinyin=pinyin,
        definition=" ".join(also) if also else None,
        source=SOURCE,
        location=Location(shown, line),
    )


def _also(pinyin: str, traditional: str, first_traditional: str, glosses: list[str]) -> str:
    """Give the sentence a later reading adds to the first entry's definition.

    >>> _also("liǎo", "瞭", "了", ["to understand clearly", "what?"])
    'Also read liǎo (瞭): to understand clearly; what?'
    """
    alias = f" ({traditional})" if traditional != first_traditional else ""
    text = f"Also read {pinyin}{alias}: {'; '.join(glosses)}"
    return text if text.endswith((".", "?", "!")) else text + "."


def _read(line: str) -> tuple[str, str, str, list[str]] | str:
    """Give a line's traditional, simplified, numbered pinyin and glosses, or what is wrong.

    >>> _read("了 了 [liao3] /to finish/to understand/")
    ('了', '了', 'liao3', ['to finish', 'to understand'])
    >>> _read("了 了 liao3 /to finish/")
    'no [pinyin] in brackets'
    """
    match = _ENTRY.fullmatch(line)
    if match is None:
        return _diagnose(line)
    traditional, simplified, numbered, inner = match.groups()
    glosses = [g for g in map(str.strip, inner.split("/")) if g]
    if not glosses:
        return "no English gloss between the slashes"
    if not numbered.strip():
        return "no pinyin between the brackets"
    return traditional, simplified, numbered, glosses


def _diagnose(line: str) -> str:
    """Give what keeps a line from being a CC-CEDICT entry."""
    head, bracket, rest = line.partition("[")
    _, closing, after = rest.partition("]")
    if not bracket or not closing:
        return "no [pinyin] in brackets"
    if len(head.split()) != 2:
        return "expected the traditional and simplified headwords before the pinyin"
    after = after.strip()
    if len(after) < 2 or not (after.startswith("/") and after.endswith("/")):
        return "no /glosses/ after the pinyin"
    return "expected single spaces between headwords, [pinyin] and /glosses/"


def _marked(syllable: str, cache: dict[str, str]) -> str:
    """Give a numbered syllable with its tone mark, remembering it in ``cache``."""
    got = cache.get(syllable)
    if got is None:
        got = cache[syllable] = numbered_to_marked(syllable)
    return got
