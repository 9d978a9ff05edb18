"""Tone colours: which tone each syllable and character has, and the colours apps use for them."""

from __future__ import annotations

import itertools
import re
import unicodedata

from glossary import pinyin

#: Colour schemes by name: tone 1-4 and 5 (neutral). "pleco" and "mdbg" follow the
#: colours those dictionaries use by default.
SCHEMES: dict[str, dict[int, str]] = {
    "pleco": {1: "#e30000", 2: "#02b31c", 3: "#1510f0", 4: "#8900bf", 5: "#777777"},
    "mdbg": {1: "#ff0000", 2: "#d89000", 3: "#00a000", 4: "#0000ff", 5: "#555555"},
}
NONE = "none"
CHOICES = (*SCHEMES, NONE)

_WORD = re.compile(r"[^\W\d_]+")


def syllables(text: str) -> list[tuple[str, int]]:
    """Give ``text`` cut into pieces, each a syllable with its tone (1-5) or other text (0).

    Joining the pieces gives ``text`` back, so marks and spelling stay as written.

    >>> syllables("sān gǔ shìlì")
    [('sān', 1), (' ', 0), ('gǔ', 3), (' ', 0), ('shì', 4), ('lì', 4)]
    >>> syllables("dìqū de")[-1]
    ('de', 5)
    """
    text = unicodedata.normalize("NFC", text)
    # In a reading that marks tones, an unmarked syllable is neutral (的 de); in one that
    # marks none, tones are unknown.
    marked = any(0 < t < 5 for t in pinyin.parse_reading(text).tones)
    out: list[tuple[str, int]] = []
    at = 0
    for word in _WORD.finditer(text):
        if word.start() > at:
            out.append((text[at : word.start()], 0))
        reading = pinyin.parse_reading(word.group())
        cuts = sorted(reading.starts)
        if len(cuts) < 2 or not marked or _not_pinyin(reading):
            out.append((word.group(), 0))
        else:
            for a, b in itertools.pairwise(cuts):
                out.append((word.group()[a:b], reading.tones[a] or 5))
        at = word.end()
    if at < len(text):
        out.append((text[at:], 0))
    return out


def _not_pinyin(reading: pinyin.Reading) -> bool:
    """Tell whether a word did not split into syllables (a Latin name, say)."""
    return len(reading.starts) == 2 and reading.letters not in pinyin.syllable_set()


def hanzi_tones(zh: str, reading: str) -> list[tuple[str, int]]:
    """Give each character of ``zh`` with the tone of its syllable in ``reading`` (0 if unknown).

    Tones are given only when the reading has one syllable for each hanzi.

    >>> hanzi_tones("背靠背", "bèikàobèi")
    [('背', 4), ('靠', 4), ('背', 4)]
    """
    tones = [tone for _, tone in syllables(reading) if tone]
    if len(tones) != pinyin.count_hanzi(zh):
        return [(c, 0) for c in zh]
    it = iter(tones)
    return [(c, next(it) if pinyin.has_hanzi(c) else 0) for c in zh]


def css(scheme: str, selector: str = ".tone{n}") -> str:
    """Give CSS rules colouring the classes ``tone1``..``tone5`` in ``scheme`` ('' for none)."""
    colours = SCHEMES.get(scheme)
    if not colours:
        return ""
    return "\n".join(f"{selector.format(n=n)} {{ color: {c}; }}" for n, c in colours.items())
