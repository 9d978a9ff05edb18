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


def _xml_text() -> st.SearchStrategy[str]:
    """Text XML can hold, as the glossary stores it: stripped, non-empty, no bare CR."""
    chars = st.characters(exclude_categories=["Cs", "Cc"], exclude_characters="\ufffe\uffff")
    legal = chars | st.sampled_from("\t\n\x85")
    return st.text(legal, min_size=1, max_size=30).map(str.strip).filter(bool)


XML_TEXT = _xml_text()
_XML_OPTIONAL = st.none() | XML_TEXT
_XML_ITEMS = st.lists(XML_TEXT, max_size=3).map(tuple)


@st.composite
def xml_terms(draw: st.DrawFn) -> Term:
    """A term holding only what XML can carry (for TBX): no control characters but tab and
    line feed; the traditional form often the headword itself, the id often a slug."""
    zh = draw(XML_TEXT)
    return Term(
        zh=zh,
        en=tuple(draw(st.lists(XML_TEXT, min_size=1, max_size=3))),
        traditional=draw(st.none() | st.just(zh) | XML_TEXT),
        pinyin=draw(_XML_OPTIONAL),
        avoid=draw(_XML_ITEMS),
        literal=draw(_XML_OPTIONAL),
        definition=draw(_XML_OPTIONAL),
        context=draw(_XML_OPTIONAL),
        source=draw(_XML_OPTIONAL),
        url=draw(_XML_OPTIONAL),
        tags=draw(_XML_ITEMS),
        see=draw(_XML_ITEMS),
        id=draw(st.none() | XML_TEXT | st.from_regex(r"[a-z0-9][a-z0-9-]{0,20}", fullmatch=True)),
    )


#: Values YAML (1.1 or 1.2, either PyYAML loader) reads as something other than plain text,
#: or that need quoting or escapes, mixed into any text.
_YAML_TRICKY = st.sampled_from(
    [
        *"yYnN~-?:#&*!|>'\"%@`,[]{}\\",
        *("yes", "No", "on", "OFF", "true", "null", "NULL", "nan", ".inf", "-.inf", "2018"),
        *("1e3", "0x1f", "0o17", "1_000", "1:30", "2019-06-03", "+1", "-1", "0.5", "<<"),
        *("a: b", "a #b", "- x", "? x", "#3", "why?", "[x]", "{x}", "!!str", "&a", "*a"),
        *("\t", "\n", "\r\n", "\r", "\x85", "\u2028", "\u2029", "\ufeff", "\x00", "\x7f"),
        *(" lead", "trail ", "two  spaces", "\\u4e09", "'quoted'", '"q"', "---", "..."),
        *("三股势力", "Zhōng-É", "特殊友軍", "\u200b", "\u202e", "\U0001f600", "\ue000"),
    ]
)
#: Any value a hand-edited YAML file can hold: any character but a lone surrogate (which
#: a UTF-8 file cannot carry), spaces around it, line breaks, control characters.
YAML_TEXT = st.one_of(
    _YAML_TRICKY,
    st.text(st.characters(exclude_categories=["Cs"]), min_size=1, max_size=16),
    st.lists(_YAML_TRICKY | TEXT, min_size=2, max_size=4).map("".join),
)
_YAML_OPTIONAL = st.none() | YAML_TEXT
_YAML_ITEMS = st.lists(YAML_TEXT, max_size=3).map(tuple)

yaml_terms = st.builds(
    Term,
    zh=YAML_TEXT,
    en=st.lists(YAML_TEXT, min_size=1, max_size=3).map(tuple),
    traditional=_YAML_OPTIONAL,
    pinyin=_YAML_OPTIONAL,
    avoid=_YAML_ITEMS,
    literal=_YAML_OPTIONAL,
    definition=_YAML_OPTIONAL,
    context=_YAML_OPTIONAL,
    source=_YAML_OPTIONAL,
    url=_YAML_OPTIONAL,
    tags=_YAML_ITEMS,
    see=_YAML_ITEMS,
    id=_YAML_OPTIONAL,
)
