"""What the glossary writes reads back the same with every YAML loader."""

from __future__ import annotations

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from glossary.model import Term
from glossary.termfile import store, yamltext

LOADERS = [yaml.SafeLoader, getattr(yaml, "CSafeLoader", yaml.SafeLoader)]

# Text as people write it, and text built to trip a YAML writer up.
tricky = st.one_of(
    st.text(min_size=1, max_size=30),
    st.sampled_from(
        [
            "yes",
            "No",
            "on",
            "null",
            "~",
            "2018",
            "1e3",
            "0x1F",
            "1:30",
            "2019-06-03",
            "a: b",
            "a:b",
            "why?",
            "? x",
            "- x",
            "#3",
            "a #3",
            "[x]",
            "{x}",
            "x, y",
            "'q'",
            '"q"',
            "&a",
            "*a",
            "!tag",
            "|",
            ">",
            "%x",
            "@x",
            "`x`",
            " lead",
            "trail ",
            "two  spaces",
            "tab\tin",
            "line\nbreak",
            "\u2028",
            "\ufeffbom",
            "三股势力",
            "Wang's view",
            "Co., Ltd.",
            "China Trends #3",
            "中俄对话:2018 模式",
            "\\back",
        ]
    ),
)


@pytest.mark.parametrize("loader", LOADERS, ids=["pure", "libyaml"])
@given(value=tricky)
@settings(max_examples=300)
def test_scalar_reads_back(loader, value: str) -> None:
    block = yaml.load(f"k: {yamltext.scalar(value)}\n", Loader=loader)
    flow = yaml.load(f"k: [{yamltext.scalar(value, flow=True)}, z]\n", Loader=loader)
    assert block == {"k": value}
    assert flow == {"k": [value, "z"]}


texts = st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=20).filter(
    lambda s: s.strip() == s and s != ""
)
terms = st.builds(
    Term,
    zh=texts,
    en=st.lists(texts, min_size=1, max_size=3).map(tuple),
    pinyin=st.none() | texts,
    definition=st.none() | texts,
    tags=st.lists(texts, max_size=3).map(tuple),
    see=st.lists(texts, max_size=2).map(tuple),
)


@given(st.lists(terms, max_size=5, unique_by=lambda t: t.zh), st.none() | texts)
@settings(max_examples=150)
def test_document_loads_back_identically(items: list[Term], title: str | None) -> None:
    text = yamltext.document(title, items)
    parsed = store.parse_text(text, "t.yaml")
    assert parsed.problems == ()
    assert list(parsed.terms) == items
    assert parsed.title == title
    pure = yaml.load(text, Loader=LOADERS[0])
    assert pure == yaml.load(text, Loader=LOADERS[1])


def test_entry_lines_follow_the_schema_order() -> None:
    term = Term(zh="三股势力", en=("three evil forces",), tags=("sco",), pinyin="sān gǔ shìlì")
    assert yamltext.entry_lines(term) == [
        "  - zh: 三股势力",
        "    pinyin: sān gǔ shìlì",
        "    en:",
        "      - three evil forces",
        "    tags: [sco]",
    ]
