"""A StarDict dictionary (GoldenDict, sdcv, KOReader): a folder of ``.ifo``, ``.idx``,
``.dict`` and ``.syn`` files.

Each term is one headword, its simplified form. Its synonyms (the ``.syn`` file) let it
be found by the traditional form, by pinyin without tones, run together (``sangushili``)
or spaced by syllable (``san gu shi li``), by tone-numbered pinyin (``san1gu3shi4li4``),
by every English rendering and by its id. The article is plain text
(``sametypesequence=m``), one labelled field a line.

Both ``.idx`` and ``.syn`` are sorted as StarDict looks words up: ASCII letters compared
case-insensitively (``g_ascii_strcasecmp``), ties broken byte by byte (``strcmp``).
The ``.dict`` file is left plain; dictzip is optional in the format.
"""

from __future__ import annotations

import itertools
import re
import struct
from collections.abc import Sequence

from glossary import pinyin
from glossary.exporters import ExportOptions
from glossary.model import Term

BINARY = False
DEFAULT_NAME = "glossary"
#: What a StarDict folder may hold, and so what an export may replace: the dictionary's
#: files, compressed or not, and the caches readers write beside them (sdcv's ``.oft``).
FOLDER_FILES = re.compile(r"[^/]+\.(ifo|idx|idx\.gz|dict|dict\.dz|syn|syn\.dz)(\.oft|\.clt)?")
#: StarDict refuses words of 256 bytes or more.
_MAX_WORD_BYTES = 255
_CONTROL = re.compile("[\x00-\x1f\x7f\ud800-\udfff]")
_SPACES = re.compile(r"\s+")
_SLUG_GAPS = re.compile(r"[^a-z0-9]+")


def export(terms: Sequence[Term], options: ExportOptions) -> dict[str, bytes]:
    """Give the dictionary's files, by name, for ``terms``."""
    name = slug(options.title or "") or DEFAULT_NAME
    # A stored pinyin wins; a missing one is generated, for the article and the synonyms.
    terms = [t if t.pinyin else t.replace(pinyin=pinyin.generate(t.zh)) for t in terms]
    articles = [(word(t.zh), article(t).encode("utf-8")) for t in terms]
    order = sorted(range(len(terms)), key=lambda i: sort_key(articles[i][0]))
    dict_data = bytearray()
    idx = bytearray()
    position: dict[int, int] = {}  # index in terms -> index in .idx
    for rank, i in enumerate(order):
        headword, body = articles[i]
        idx += headword + b"\0" + struct.pack(">II", len(dict_data), len(body))
        dict_data += body
        position[i] = rank
    syn = _synonyms(terms, articles, position)
    files = {f"{name}.idx": bytes(idx), f"{name}.dict": bytes(dict_data)}
    if syn:
        files[f"{name}.syn"] = b"".join(w + b"\0" + struct.pack(">I", n) for w, n in syn)
    title = _one_line(options.title or "") or "Glossary"
    files[f"{name}.ifo"] = _ifo(title, len(terms), len(syn), len(idx)).encode("utf-8")
    return files


def slug(title: str) -> str:
    """Give a file name for ``title``: ASCII letters and digits joined by hyphens.

    >>> slug("Sino-Russian military cooperation"), slug("中俄军事")
    ('sino-russian-military-cooperation', '')
    """
    return _SLUG_GAPS.sub("-", title.lower()).strip("-")[:60].strip("-")


def sort_key(encoded: bytes) -> tuple[bytes, bytes]:
    """Give the key that sorts words as StarDict does: ASCII case folded, then bytes.

    ``bytes.lower`` folds ASCII letters only, as ``g_ascii_strcasecmp`` does.

    >>> sorted([b"b", b"B", b"a", b"\\xe4\\xb8\\x89"], key=sort_key)
    [b'a', b'B', b'b', b'\\xe4\\xb8\\x89']
    """
    return encoded.lower(), encoded


def word(text: str) -> bytes:
    """Give ``text`` as a StarDict word: one line, no control characters, under 256 bytes.

    >>> word(" three\\tevil\\nforces ")
    b'three evil forces'
    """
    clean = _one_line(text)
    encoded = clean.encode("utf-8")
    while len(encoded) > _MAX_WORD_BYTES:
        clean = clean[:-1]
        encoded = clean.encode("utf-8")
    return encoded


def _one_line(text: str) -> str:
    return _SPACES.sub(" ", _CONTROL.sub(" ", text)).strip()


def synonyms(term: Term) -> list[str]:
    """Give the other words that find ``term``, in order, repeats left out.

    >>> synonyms(Term(zh="三股势力", en=("three evil forces",), traditional="三股勢力",
    ...     pinyin="sān gǔ shìlì"))
    ['三股勢力', 'sangushili', 'san gu shi li', 'san1gu3shi4li4', 'three evil forces']
    """
    out = [term.traditional or ""]
    out += readings(term.pinyin or pinyin.generate(term.zh))
    out += [*term.en, term.id or ""]
    seen: set[str] = {term.zh}
    kept: list[str] = []
    for text in out:
        if text and text not in seen:
            seen.add(text)
            kept.append(text)
    return kept


def readings(marked: str) -> list[str]:
    """Give a pinyin reading toneless run together, toneless by syllable, and tone-numbered.

    The tone-numbered form is left out when the reading shows no tones.

    >>> readings("Zhōng-É zhànlüè")
    ['zhongezhanlue', 'zhong e zhan lue', 'zhong1e2zhan4lue4']
    >>> readings("bei kao bei")
    ['beikaobei', 'bei kao bei']
    """
    reading = pinyin.parse_reading(marked)
    letters = reading.letters
    if not letters:
        return []
    cuts = sorted(reading.starts)
    pieces = [(letters[a:b], reading.tones[a]) for a, b in itertools.pairwise(cuts)]
    out = [letters, " ".join(p for p, _ in pieces)]
    if any(tone for _, tone in pieces):
        out.append("".join(p + (str(tone) if tone else "") for p, tone in pieces))
    return out


def _synonyms(
    terms: Sequence[Term], articles: list[tuple[bytes, bytes]], position: dict[int, int]
) -> list[tuple[bytes, int]]:
    """Give the sorted ``.syn`` entries: each synonym with the ``.idx`` index of its term."""
    found: set[tuple[bytes, int]] = set()
    for i, term in enumerate(terms):
        for text in synonyms(term):
            encoded = word(text)
            if encoded and encoded != articles[i][0]:
                found.add((encoded, position[i]))
    return sorted(found, key=lambda pair: (*sort_key(pair[0]), pair[1]))


_LABELS = (
    ("traditional", "Traditional"),
    ("pinyin", "Pinyin"),
    ("en", "English"),
    ("avoid", "Avoid"),
    ("literal", "Literally"),
    ("definition", "Definition"),
    ("context", "Context"),
    ("source", "Source"),
    ("url", "URL"),
    ("tags", "Tags"),
    ("see", "See"),
)


def article(term: Term) -> str:
    """Give the plain-text article of ``term``: one labelled field a line.

    >>> print(article(Term(zh="背靠背", en=("back to back", "back-to-back"))))
    English: back to back; back-to-back
    """
    lines: list[str] = []
    for name, label in _LABELS:
        value = getattr(term, name)
        if isinstance(value, tuple):
            value = ("; " if name in ("en", "avoid") else ", ").join(value)
        if value:
            lines.append(f"{label}: {_one_line(value)}")
    return "\n".join(lines)


def _ifo(title: str, words: int, synonyms: int, idx_size: int) -> str:
    lines = [
        "StarDict's dict ifo file",
        "version=3.0.0",
        f"bookname={title}",
        f"wordcount={words}",
    ]
    if synonyms:
        lines.append(f"synwordcount={synonyms}")
    lines += [
        f"idxfilesize={idx_size}",
        "description=Chinese-English terminology glossary, exported by glossary",
        "sametypesequence=m",
    ]
    return "\n".join(lines) + "\n"
