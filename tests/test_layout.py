"""Where the terms: list and its entries lie, for the quick reader and the editor alike."""

from __future__ import annotations

import pytest

from glossary.termfile import layout

TEXT = (
    "# a glossary\ntitle: T\nterms:  # the list\n\n"
    "  - zh: 甲\n    en:\n      - a\n  # between\n\n"
    "  - zh: 乙\n    en: b\n\n# after\ntitle2: x\n"
)


@pytest.mark.parametrize("newline", ["\n", "\r\n"])
def test_the_block_and_its_entries(newline: str) -> None:
    text = TEXT.replace("\n", newline)
    block = layout.find_block(text)
    assert block is not None
    assert text[block.line :].startswith("terms:")
    assert block.body == text.index("terms:") + len("terms:  # the list" + newline)
    assert (block.begin, block.end, block.dash) == (
        text.index("  - zh: 甲"),
        text.index("title2"),
        2,
    )
    assert block.empty is None
    assert block.starts() == (block.begin, text.index("  - zh: 乙"))
    first = block.entry_at(text.index("甲"))
    assert first is not None
    lines = ["  - zh: 甲", "    en:", "      - a", ""]  # up to its last line's break
    assert text[first.start : first.end] == newline.join(lines)
    assert first.line == 5
    second = block.entry_at(text.index("en: b"))
    assert second is not None and second.line == 10
    assert text[second.end :] == newline.join(["", "# after", "title2: x", ""])
    assert block.entry_at(text.index("# between")) == first  # a comment ends no entry
    assert block.entry_at(text.index("title2")) is None
    assert block.item_column() == 6


def test_a_list_written_flush_left() -> None:
    text = "terms:\n- zh: 甲\n  en: a\n-\n  zh: 乙\n  en: b\ntitle: t\n"
    block = layout.find_block(text)
    assert block is not None
    assert (block.begin, block.end, block.dash) == (7, text.index("title"), 0)
    assert block.starts() == (7, text.index("-\n"))
    assert layout.margin_lines(text, 0, len(text), block.dash) == [0, text.index("title")]


@pytest.mark.parametrize(
    ("text", "empty"),
    [("terms: []\n", (7, 9)), ("terms:\n", None), ("terms:\n  zh: 甲\n", None)],
)
def test_a_list_with_no_entries_is_an_empty_block(text: str, empty: tuple[int, int] | None) -> None:
    block = layout.find_block(text)
    assert block is not None
    assert block.begin == block.end == block.body == len(text.split("\n")[0]) + 1
    assert (block.dash, block.empty, block.starts()) == (2, empty, ())


def test_no_terms_line_is_no_block() -> None:
    assert layout.find_block("title: t\n") is None
    assert layout.find_block("terms: [{zh: 甲, en: a}]\n") is None


def test_the_separator_is_what_starts_an_entry_after_the_first() -> None:
    text = "terms:\n  - zh: 甲\n    en: a\n  - zh: 乙\n    en: b\n"
    block = layout.find_block(text)
    assert block is not None
    assert text.count(layout.separator(block.dash), block.begin) == len(block.starts()) - 1
