"""The quick reader gives exactly what the full YAML loader gives, or declines."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from glossary.model import Term
from glossary.termfile import quickyaml, store, yamltext

from .conftest import SHIPPED
from .strategies import terms as any_term


def _full(text: str) -> tuple[str | None, list[tuple[dict[str, object], int]]] | None:
    """Give what the full loader reads, or None when it finds any problem."""
    parsed = store.parse_text(text, "terms.yaml")
    if parsed.problems:
        return None
    lines = [(t.to_dict(), t.location.line if t.location else 0) for t in parsed.terms]
    return parsed.title, lines


def _agree(text: str) -> bool:
    """Check the quick reader against the full loader on ``text``; tell whether it read it.
    Where it reads it, so do its stretches, and each entry's text reads as its fields."""
    quick = quickyaml.read(text)
    if quick is None:
        return False
    assert (quick.title, quick.records) == _full(text)
    _stretches_agree(text, quick.records)
    return True


def _stretches_agree(text: str, records: list[tuple[dict[str, object], int]]) -> None:
    """Check that the entries read in stretches are those read whole, each entry's text
    read again gives its fields, and each stretch knows how many entries come before it."""
    found = quickyaml.layout(text)
    assert found is not None
    for count in (1, 2, 3, 7):
        stretches = found.stretches(count)
        assert 1 <= len(stretches) <= count
        assert stretches[0].start == found.begin and stretches[-1].end == found.end
        read, texts = [], []
        for stretch in stretches:
            assert stretch.before == len(read)
            part = found.read(stretch)
            assert part is not None
            assert part.records[0][1] == stretch.line
            read += part.records
            texts += part.texts
        assert read == records
        assert quickyaml.parse_texts(texts, found.name) == [data for data, _ in records]


def test_the_shipped_glossary_is_read_quickly_and_alike() -> None:
    assert _agree(SHIPPED.read_text(encoding="utf-8"))


def test_cc_cedict_is_read_quickly_and_alike(cedict_glossary: Path) -> None:
    head, *entries = cedict_glossary.read_text(encoding="utf-8").split("\n  - ")
    spread = entries[::25]  # every kind of entry, at a size the full loader reads quickly
    assert len(spread) > 4000
    assert _agree("\n  - ".join([head, *spread]) + "\n")


def test_the_text_of_entries_must_be_entries() -> None:
    with pytest.raises(ValueError, match="not the text of glossary entries"):
        quickyaml.parse_texts(["zh: 一\n    en: [one]", "nonsense: ["], "2 6")
    with pytest.raises(ValueError, match="not the text of glossary entries"):
        quickyaml.parse_texts(["zh: 一\n    en: [one]"], "two columns")


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(any_term, min_size=1, max_size=5, unique_by=lambda t: t.zh))
def test_whatever_the_writer_writes_is_read_alike(terms: list[Term]) -> None:
    _agree(yamltext.document("Test", terms))


def test_ordinary_entries_are_not_declined() -> None:
    terms = [
        Term(zh="三股势力", en=("three evil forces", "three forces"), pinyin="sān gǔ shìlì"),
        Term(zh="中俄", en=("China-Russia",), tags=("a", "b c"), see=("中俄对话:2018 模式",)),
        Term(zh="二〇一八", en=("2018",), definition='He said "yes: no" #1', source="yes"),
    ]
    assert _agree(yamltext.document("Test", terms))


ENTRY = "terms:\n  - zh: 三股势力\n    en:\n      - three evil forces\n"


@pytest.mark.parametrize(
    "text",
    [
        # Hand-written layouts the reader takes.
        "# comment\ntitle: T  # the title\n\n" + ENTRY + "\n# end\n",
        "terms:\n- zh: 三股势力\n  en:\n  - three evil forces\n  tags: [a, b]\n",
        "terms:\n  - zh: '三股''势力'\n    en: three evil forces\n",
        'terms:\n  - zh: "\\u4e09股"\n    en: ["three", "evil forces"]\n',
        ENTRY + "    tags: []\n",
        ENTRY + "title: after the terms\n",
        ENTRY.replace("\n", "\r\n"),
        ENTRY + "    definition: 2018-01-01\n    id: yes\n",
        ENTRY + "    definition: C# and F#, a#b:c\n",
    ],
)
def test_hand_written_layouts_are_read_alike(text: str) -> None:
    assert _agree(text)


@pytest.mark.parametrize(
    "extra",
    [
        "    definition: |\n      block\n",
        "    definition: >\n      folded\n",
        "    definition: two\n      lines\n",
        '    definition: "two\n      lines"\n',
        "    definition: &a anchored\n",
        "    definition: !!python/object:os.system x\n",
        "    definition:\n",
        "    definition: ~\n",
        "    definition: null\n",
        "    definition: <<\n",
        "    definition: ''\n",
        "    definition: a: b\n",
        "    definition: ends with colon:\n",
        "    en: again\n",
        "    zh: 再\n",
        "    unknown: key\n",
        "    avoid:\n",
        "    avoid:\n      - \n",
        "    avoid:\n      - nested: mapping\n",
        "    avoid:\n      - - nested list\n",
        "    avoid:\n       - other column\n",
        "    avoid: [a, [b]]\n",
        "    avoid: {a: b}\n",
        "    definition:\tx\n",
        "   definition: odd indent\n",
        "    definition: x\n  - zh: 三股势力\n    en: again the same headword\n",
        "  - zh: 没有英文\n",
        "  - en: no headword\n",
        "---\n",
        "title: twice\ntitle: again\n",
        "    definition: \x85 next line\n",
        "    definition: \ufeff\n",
        "    definition: lone\rreturn\n",
        "    definition: '\\x41'\n",
        '    definition: "\\x41"\n',
        '    definition: "\\ud83d\\ude00"\n',
        '    definition: "\\/"\n',
    ],
)
def test_anything_unusual_is_declined_or_read_alike(extra: str) -> None:
    """The reader may decline (the full loader then reads the file); it may never differ."""
    text = ENTRY + extra
    quick = quickyaml.read(text)
    assert quick is None or (quick.title, quick.records) == _full(text)


_FRAGMENTS = [
    "",
    " ",
    "#",
    " # c",
    "\n",
    "\n\n",
    "- ",
    "  - ",
    ": ",
    ":",
    '"',
    "'",
    "[",
    "]",
    "{",
    ",",
    "&a",
    "*a",
    "!!str ",
    "|",
    ">",
    "\t",
    "~",
    "null",
    "zh: x",
    "en:",
    "title: t",
    "---",
    "\\",
    "\u3000",
    "\r\n",
]


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_edited_glossaries_are_declined_or_read_alike(data: st.DataObject) -> None:
    """Any few edits anywhere in a real glossary: the quick reader never gives a different
    answer from the full loader (it may decline)."""
    text = SHIPPED.read_text(encoding="utf-8")[:3000]
    for _ in range(data.draw(st.integers(1, 3))):
        at = data.draw(st.integers(0, len(text)))
        cut = data.draw(st.integers(0, 3))
        text = text[:at] + data.draw(st.sampled_from(_FRAGMENTS)) + text[at + cut :]
    quick = quickyaml.read(text)
    assert quick is None or (quick.title, quick.records) == _full(text)
