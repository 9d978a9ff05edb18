"""Hypothesis strategies shared by the round-trip tests: terms any glossary format must carry."""

from __future__ import annotations

from hypothesis import strategies as st

from glossary.model import Term

_CHARS = st.characters(exclude_categories=["Cs"], exclude_characters="\x00")
#: A value as the glossary stores it: not empty, no surrounding spaces.
TEXT = st.text(_CHARS, min_size=1, max_size=12).filter(lambda s: s == s.strip())
#: A list item: also no "|", the separator of list fields in CSV and TSV.
ITEM = TEXT.filter(lambda s: "|" not in s)
_ITEMS = st.lists(ITEM, max_size=3).map(tuple)
_OPTIONAL = st.none() | TEXT

terms = st.builds(
    Term,
    zh=TEXT,
    en=st.lists(ITEM, min_size=1, max_size=3).map(tuple),
    traditional=_OPTIONAL,
    pinyin=_OPTIONAL,
    avoid=_ITEMS,
    literal=_OPTIONAL,
    definition=_OPTIONAL,
    context=_OPTIONAL,
    source=_OPTIONAL,
    url=_OPTIONAL,
    tags=_ITEMS,
    see=_ITEMS,
    id=_OPTIONAL,
)
