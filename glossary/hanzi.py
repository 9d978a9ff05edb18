"""Simplified and traditional characters: the only module that imports OpenCC."""

from __future__ import annotations

from functools import lru_cache
from typing import Any


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
