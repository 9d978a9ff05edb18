"""Whether English words spell the hanzi of a term in romanisation.

Two uses, one idea (the letters of the words against the hanzi's toneless readings):

- a Chinese name's English is the run of words that spells it: "Vice Premier He Lifeng
  (何立峰)" gives "He Lifeng", and the alignment says where the name starts; a place or an
  organisation transliterated in part ("Huawei Technologies (华为技术有限公司)") starts where
  the spelling of its first hanzi starts;
- lower-case words that spell the whole term are its pinyin, never its rendering: "the notion
  of tifa (提法)".

Names romanised otherwise (Wade–Giles in Taiwan, Cantonese in Hong Kong: "Liang Wen-chieh",
"Tang Ping-keung") are matched by shape: a surname and a hyphenated given name, one piece per
hanzi.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from functools import lru_cache

from glossary import pinyin

# Letters that look like pinyin's but are other code points: IPA ɡ (U+0261), dotless ı.
_LOOK_ALIKES = str.maketrans({"ɡ": "g", "ı": "i", "ü": "u", "v": "u", "ʼ": "", "’": "", "'": ""})
_GIVEN_NAME = re.compile(r"[A-Z][a-z]+-[a-z]+")
_SURNAME = re.compile(r"[A-Z][a-z]{0,5}")


def letters(word: str) -> str:
    """Give the letters of ``word`` as pinyin compares them: lower case, no tone marks,
    ü and v as u, look-alike letters as the Latin ones, no hyphen or apostrophe.

    >>> letters("Xí Zhòngxūn"), letters("ɡǎigé"), letters("lǜ-se")
    ('xizhongxun', 'gaige', 'luse')
    """
    decomposed = unicodedata.normalize("NFD", word.casefold())
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return "".join(c for c in plain.translate(_LOOK_ALIKES) if c.isalpha())


@lru_cache(maxsize=4096)
def _letters(word: str) -> str:
    return letters(word)


@lru_cache(maxsize=512)
def _readings(zh: str) -> tuple[frozenset[str], ...]:
    return pinyin.readings(zh)


def spelled(words: Sequence[str], zh: str) -> int:
    """Give how many leading hanzi of ``zh`` the ``words`` spell exactly, syllable after
    syllable (0: they do not spell a start of it).

    >>> spelled(["He", "Lifeng"], "何立峰"), spelled(["Huawei"], "华为技术"), spelled(["the"], "何")
    (3, 2, 0)
    """
    text = "".join(_letters(w) for w in words)
    readings = _readings(zh)
    if not text or not readings:
        return 0
    # ends[i]: the places in ``text`` where the spelling of the first i hanzi can end
    ends: list[set[int]] = [{0}]
    for options in readings:
        reached = {e + len(r) for e in ends[-1] for r in options if text.startswith(r, e)}
        if not reached:
            break
        ends.append(reached)
    for count in range(len(ends) - 1, 0, -1):
        if len(text) in ends[count]:
            return count
    return 0


def spells_all(words: Sequence[str], zh: str) -> bool:
    """Tell whether ``words`` spell every hanzi of ``zh``.

    >>> spells_all(["Dong", "Jun"], "董軍"), spells_all(["Jun"], "董軍")
    (True, False)
    """
    count = len(_readings(zh))
    return count > 0 and spelled(words, zh) == count


def romanised_name(words: Sequence[str], zh: str) -> bool:
    """Tell whether ``words`` are a surname and a hyphenated given name, one piece for each
    hanzi of the name ``zh``: "Liang Wen-chieh" (梁文傑), "Tang Ping-keung" (鄧炳強).

    >>> romanised_name(["Cho", "Jung-tai"], "卓榮泰"), romanised_name(["Jung-tai"], "卓榮泰")
    (True, False)
    """
    if len(words) != 2 or not _SURNAME.fullmatch(words[0]):
        return False
    if not _GIVEN_NAME.fullmatch(words[1]):
        return False
    return 1 + len(words[1].split("-")) == len(_readings(zh))
