"""The web page's data: each term's fields to show and the search keys its script matches on.

The page's script only matches and ranks (``pinyin.js``, ``english.js`` and ``search.js``:
:mod:`glossary.pinyin` and :mod:`glossary.search` written again in JavaScript); everything
that needs the project's Python is worked out here, at export time:

- ``k``: the reading as syllables, ``san1 gu3 shi4 li4``: toneless letters with ü written
  ``v``, each syllable's tone as a digit (0: unknown). The script reads the toneless
  letters, the initials, the syllable starts, the tones and the ü's from it, as
  :func:`glossary.pinyin.parse_reading` gives them.
- ``simplified`` (one map for the glossary): the simplified character of each traditional
  one in its headwords' traditional forms (stored, else OpenCC's from :mod:`glossary.hanzi`),
  with which the script folds a typed query as the command line folds it with OpenCC.
- ``w``: the English words of each rendering, each avoided rendering and each note
  (literal, definition, context, in that order), as numbers into the shared ``words`` list:
  folded and stemmed by :func:`glossary.search.words`, so that both searches read a rendering
  alike.

An entry's other keys hold what is shown: ``z`` headword, ``t`` traditional, ``p`` the pinyin
cut into ``[text, tone]`` pieces (tone 0: not a syllable), ``e`` renderings (preferred first),
``a`` renderings to avoid, ``l`` literal, ``d`` definition, ``c`` context, ``s`` source, ``u``
its link (http and https only), ``g`` tags, ``r`` see-also as ``[text, anchor]`` (anchor ``""``
where no entry has that name), ``i`` id and ``n`` the entry's anchor. Empty keys are left out.
"""

from __future__ import annotations

import itertools
import json
import re
from collections.abc import Sequence
from typing import Any
from urllib.parse import urlsplit

from glossary import hanzi, pinyin, search, tones
from glossary.model import Term

#: Version of the data's shape; the script refuses data of another.
VERSION = 1
_SPACES = re.compile(r"\s+")
_SAFE_SCHEMES = frozenset({"http", "https"})


def payload(
    terms: Sequence[Term], title: str | None, tone_colors: str, ruby: bool
) -> dict[str, Any]:
    """Give the page's data for ``terms``: the entries, their shared word list, the glossary's
    traditional-to-simplified characters and the display settings it opens with."""
    readings = [t.pinyin or pinyin.generate(t.zh) for t in terms]
    traditional = _traditional_forms(terms)
    names = anchors(terms)
    targets = _see_targets(terms, names)
    vocabulary: dict[str, int] = {}
    entries = [
        _entry(term, reading, name, targets, vocabulary)
        for term, reading, name in zip(terms, readings, names, strict=True)
    ]
    return {
        "v": VERSION,
        "title": title or "Glossary",
        "tones": tone_colors,
        "ruby": ruby,
        "words": list(vocabulary),
        "simplified": simplified_characters(terms, traditional),
        "entries": entries,
    }


def anchors(terms: Sequence[Term]) -> list[str]:
    """Give each term's anchor in the page: its key (id, else headword) with spaces as
    hyphens, numbered from 2 where two terms share one.

    >>> anchors([Term(zh="三股势力", en=("x",)), Term(zh="a b", en=("y",), id="my id"),
    ...          Term(zh="三股势力", en=("z",))])
    ['三股势力', 'my-id', '三股势力-2']
    """
    seen: dict[str, int] = {}
    out: list[str] = []
    for term in terms:
        base = _SPACES.sub("-", term.key.strip()) or "term"
        seen[base] = seen.get(base, 0) + 1
        out.append(base if seen[base] == 1 else f"{base}-{seen[base]}")
    return out


def safe_url(url: str | None) -> str | None:
    """Give ``url`` if a link to it is safe to follow (http or https), else None.

    >>> safe_url("https://example.org/a"), safe_url("javascript:alert(1)")
    ('https://example.org/a', None)
    >>> safe_url("JaVa\\tscript:x"), safe_url("https:no-host"), safe_url("data:text/html,x")
    (None, None, None)
    """
    if not url:
        return None
    text = url.strip()
    if any(c.isspace() or ord(c) < 32 for c in text):
        return None
    try:
        parts = urlsplit(text)
    except ValueError:
        return None
    return text if parts.scheme.lower() in _SAFE_SCHEMES and parts.netloc else None


def reading_key(reading: pinyin.Reading) -> str:
    """Give a parsed reading as the page stores it: syllables, ü as v, each with its tone.

    >>> reading_key(pinyin.parse_reading("Zhōng-É zhànlüè"))
    'zhong1 e2 zhan4 lve4'
    >>> reading_key(pinyin.parse_reading("bei kao bei"))
    'bei0 kao0 bei0'
    """
    letters = reading.letters
    cuts = sorted(reading.starts)
    pieces = []
    for a, b in itertools.pairwise(cuts):
        body = "".join("v" if i in reading.umlauts else letters[i] for i in range(a, b))
        pieces.append(f"{body}{reading.tones[a]}")
    return " ".join(pieces)


def simplified_characters(terms: Sequence[Term], traditional: Sequence[str]) -> dict[str, str]:
    """Give each traditional character of the glossary's forms with its simplified one, read
    off headwords whose traditional form has as many characters: the script folds a typed
    query with them, as the command line folds it with OpenCC."""
    found: dict[str, str] = {}
    for term, form in zip(terms, traditional, strict=True):
        if form and len(form) == len(term.zh):
            found.update((t, s) for t, s in zip(form, term.zh, strict=True) if t != s)
    return found


def to_json(data: object) -> str:
    """Give ``data`` as JSON that can stand inside an HTML ``<script>`` element: no ``<``,
    ``>`` or ``&`` (they are written as ``\\u003c`` and so on), so no text can end it.

    >>> to_json({"a": "</script><b>&"})
    '{"a":"\\\\u003c/script\\\\u003e\\\\u003cb\\\\u003e\\\\u0026"}'
    """
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def _traditional_forms(terms: Sequence[Term]) -> list[str]:
    """Give each term's traditional form: the stored one, else OpenCC's (all headwords
    converted at once: one call is much quicker than one a term)."""
    missing = [i for i, t in enumerate(terms) if not t.traditional and pinyin.has_hanzi(t.zh)]
    converted: dict[int, str] = {}
    if missing:
        lines = hanzi.to_traditional("\n".join(_one_line(terms[i].zh) for i in missing))
        converted = dict(zip(missing, lines.split("\n"), strict=False))
    return [t.traditional or converted.get(i, "") for i, t in enumerate(terms)]


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _see_targets(terms: Sequence[Term], names: Sequence[str]) -> dict[str, str]:
    """Give the anchor each name a ``see`` may use leads to: headword, traditional form or
    id (the first term to have it)."""
    targets: dict[str, str] = {}
    for term, name in zip(terms, names, strict=True):
        for key in (term.zh, term.traditional, term.id):
            if key:
                targets.setdefault(key, name)
    return targets


def _entry(
    term: Term,
    reading: str,
    name: str,
    targets: dict[str, str],
    vocabulary: dict[str, int],
) -> dict[str, Any]:
    """Give one term's entry of the page's data (see the module's docstring for the keys)."""
    notes = [text for text in (term.literal, term.definition, term.context) if text]
    # Each alternative of a rendering ("big; large") is matched on its own, as search does;
    # "o" names the rendering each part belongs to, where any was cut.
    parts = [
        (i, part) for i, t in enumerate([*term.en, *term.avoid]) for part in search.alternatives(t)
    ]
    owners = [i for i, _ in parts]
    texts = [*(part for _, part in parts), *notes]
    entry: dict[str, Any] = {
        "z": term.zh,
        "t": term.traditional,
        "p": [[piece, tone] for piece, tone in tones.syllables(reading)],
        "k": reading_key(pinyin.parse_reading(reading)),
        "e": list(term.en),
        "a": list(term.avoid),
        "l": term.literal,
        "d": term.definition,
        "c": term.context,
        "s": term.source,
        "u": safe_url(term.url),
        "g": list(term.tags),
        "r": [[see, targets.get(see, "")] for see in term.see],
        "i": term.id,
        "n": name,
        "w": [[vocabulary.setdefault(w, len(vocabulary)) for w in search.words(t)] for t in texts],
        "o": owners if len(owners) != len(term.en) + len(term.avoid) else None,
    }
    return {key: value for key, value in entry.items() if value}
