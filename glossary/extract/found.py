"""A pair as a pattern finds it, before it becomes a candidate."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Found:
    """A pair found in a text: the term, its rendering, the pattern, where the term is, and
    what the text says besides (pinyin, traditional form, literal gloss, other spans)."""

    zh: str
    en: str
    pattern: str
    at: int  # offset of the Chinese in the text
    pinyin: str | None = None
    traditional: str | None = None
    literal: str | None = None
    alternatives: tuple[str, ...] = ()

    def replace(self, **changes: Any) -> Found:
        """Give this pair with ``changes`` made."""
        return dataclasses.replace(self, **changes)
