"""Chinese characters: which ones are hanzi (defined here only), and their simplified and
traditional forms (the only module that imports OpenCC, and only inside the conversions:
the search path imports this module for the ranges alone).

A hanzi is a code point of the CJK ideograph blocks:

- U+3400–U+4DBF, Extension A, and U+4E00–U+9FFF, the Unified Ideographs;
- U+F900–U+FAFF, the Compatibility Ideographs (U+F9DC for 隆: NFKC folds them to the
  unified ones, but for twelve that are unified ideographs themselves, such as 﨑 U+FA11);
- U+20000–U+3FFFF, planes 2 and 3 whole: extensions B to F and I, the compatibility
  supplement, extensions G, H and J, and whatever extension comes next, since Unicode puts
  nothing but ideographs there.

Not hanzi: radicals (⼀ U+2F00), strokes, 〇 (U+3007, a symbol), the Yijing hexagrams
(U+4DC0–U+4DFF, between the two unified blocks), enclosed and parenthesised ideographs (㊀).

>>> import re
>>> [bool(re.fullmatch(HANZI_CLASS, c)) for c in "𠮷野家〇⼀䷀"]
[True, True, True, False, False, False]
>>> f"U+{ord('𠮷'):X}", any(a <= ord("𠮷") <= b for a, b in HANZI_RANGES)
('U+20BB7', True)
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

#: The hanzi, as inclusive ranges of code points.
HANZI_RANGES = ((0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFAFF), (0x20000, 0x3FFFF))
#: The same ranges as they go inside a regular expression's brackets, beside other characters.
HANZI_CHARS = "".join(f"{chr(first)}-{chr(last)}" for first, last in HANZI_RANGES)
#: One hanzi, as a regular expression.
HANZI_CLASS = f"[{HANZI_CHARS}]"


@lru_cache(maxsize=2)
def _converter(config: str) -> Any:
    import opencc  # heavy: loads conversion tables

    return opencc.OpenCC(config)


def to_traditional(text: str) -> str:
    """Give ``text`` in traditional characters, character by character (OpenCC ``s2t``).

    >>> to_traditional("三股势力")
    '三股勢力'
    """
    return str(_converter("s2t").convert(text))


def to_simplified(text: str) -> str:
    """Give ``text`` in simplified characters (OpenCC ``t2s``).

    >>> to_simplified("特殊友軍")
    '特殊友军'
    """
    return str(_converter("t2s").convert(text))
