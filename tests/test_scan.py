"""Known terms inside Chinese text: spans, summary and footnoted Markdown."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from markdown_it import MarkdownIt
from mdit_py_plugins.footnote import footnote_plugin

from glossary.model import Term
from glossary.scan import Scanner, Span, footnoted, summary
from glossary.termfile import store

SHIPPED = Path(__file__).resolve().parent.parent / "terms.yaml"


@pytest.fixture(scope="module")
def scanner() -> Scanner:
    return Scanner(store.load([SHIPPED]).terms)


def found(scanner: Scanner, text: str) -> list[tuple[int, int, str, str]]:
    return [(s.start, s.end, s.term.zh, s.text) for s in scanner.find(text)]


def test_finds_terms_in_text_order(scanner: Scanner) -> None:
    text = "中俄在上海合作组织框架内打击三股势力。"
    assert found(scanner, text) == [
        (3, 9, "上海合作组织", "上海合作组织"),
        (14, 18, "三股势力", "三股势力"),
    ]


def test_longest_match_wins(scanner: Scanner) -> None:
    text = "提出海外进攻、远距离打击的设想，也谈海外进攻。"
    assert found(scanner, text) == [
        (2, 12, "海外进攻、远距离打击", "海外进攻、远距离打击"),
        (18, 22, "海外进攻", "海外进攻"),
    ]


def test_traditional_text_matches_simplified_entries(scanner: Scanner) -> None:
    text = "兩國在家門口舉行聯合軍事演習。"
    assert found(scanner, text) == [
        (3, 6, "家门口", "家門口"),
        (8, 14, "联合军事演习", "聯合軍事演習"),
    ]


def test_traditional_form_not_stored_is_folded_too() -> None:
    term = Term(zh="特殊友军", en=("special friendly armies",))
    assert [s.text for s in Scanner([term]).find("所謂特殊友軍")] == ["特殊友軍"]


@pytest.mark.parametrize("broken", ["上海合作 组织", "上海合作\n组织", "上海合作\r\n  組織"])
def test_a_term_broken_by_whitespace_still_matches(scanner: Scanner, broken: str) -> None:
    text = f"加入{broken}。三股势力"
    spans = scanner.find(text)
    assert [(s.term.zh, s.start, s.text) for s in spans] == [
        ("上海合作组织", 2, broken),
        ("三股势力", 3 + len(broken), "三股势力"),
    ]


def test_whitespace_beside_latin_is_kept() -> None:
    term = Term(zh="空天安全-2017", en=("Aerospace Security-2017",))
    assert Scanner([term]).find("空天安全 -2017") == []


def test_empty_glossary_and_empty_text(scanner: Scanner) -> None:
    assert Scanner([]).find("三股势力") == []
    assert scanner.find("") == []


@given(st.text(alphabet=st.sampled_from("上海合作组织五国两方三股势力 \n組織aA"), max_size=60))
def test_spans_never_overlap_and_lie_inside_the_text(text: str) -> None:
    terms = [
        Term(zh="上海五国", en=("Shanghai Five",)),
        Term(zh="上海合作组织", en=("SCO",), traditional="上海合作組織"),
        Term(zh="五国两方", en=("five countries and two parties",)),
        Term(zh="三股势力", en=("three evil forces",)),
        Term(zh="势力", en=("forces",)),
    ]
    spans = Scanner(terms).find(text)
    last_end = 0
    for span in spans:
        assert last_end <= span.start < span.end <= len(text)
        assert span.text == text[span.start : span.end]
        assert "".join(span.text.split()) in (span.term.zh, span.term.traditional)
        last_end = span.end


# Symbols that are neither hanzi folded by OpenCC nor Latin letters (inside a run of those
# no term starts or ends): the matching alone is tested.
@given(st.text(alphabet="αβγδ", max_size=30))
def test_matching_is_leftmost_longest(text: str) -> None:
    keys = ["αβ", "αβγ", "βγδ", "β", "γδα", "δδ"]
    terms = [Term(zh=k, en=(k,)) for k in keys]
    want, i = [], 0
    while i < len(text):
        hits = [k for k in keys if text.startswith(k, i)]
        if hits:
            key = max(hits, key=len)
            want.append((i, key))
            i += len(key)
        else:
            i += 1
    assert [(s.start, s.term.zh) for s in Scanner(terms).find(text)] == want


def test_summary_counts_in_order_of_first_appearance(scanner: Scanner) -> None:
    spans = scanner.find("三股势力、上海合作组织与三股勢力")
    assert [(t.zh, n, first) for t, n, first in summary(spans)] == [
        ("三股势力", 2, 0),
        ("上海合作组织", 1, 5),
    ]


def _html(markdown: str) -> str:
    return MarkdownIt().use(footnote_plugin).render(markdown)


def test_footnoted_markdown(scanner: Scanner) -> None:
    text = "上海合作\n组织打击三股势力。\n\n再谈三股势力*。"
    out = footnoted(text, scanner.find(text), {"三股势力": "sān gǔ shìlì"})
    assert out == (
        "上海合作 组织[^1]打击三股势力[^2]。\n\n"
        "再谈三股势力\\*。\n\n"
        "[^1]: **上海合作组织** *Shànghǎi Hézuò Zǔzhī* — Shanghai Cooperation Organisation\n"
        "[^2]: **三股势力** *sān gǔ shìlì* — three evil forces\n"
    )
    html = _html(out)
    assert html.count('class="footnote-ref"') == 2
    assert html.count('class="footnote-item"') == 2
    assert "<p>再谈三股势力*。</p>" in html


def test_footnoted_escapes_markup_and_marks_every_occurrence(scanner: Scanner) -> None:
    text = "# 三股势力 <b>\n1. 三股势力 | x"
    out = footnoted(text, scanner.find(text), {}, every=True)
    assert out.splitlines()[:3] == [
        "\\# 三股势力[^1] \\<b\\>",
        "",
        "1\\. 三股势力[^1] \\| x",
    ]
    html = _html(out)
    assert "<h1>" not in html and "<b>" not in html and "<ol>" not in html
    assert html.count('class="footnote-ref"') == 2


def test_footnoted_without_terms_is_the_text() -> None:
    assert footnoted("没有术语。", [], {}) == "没有术语。\n"


def test_span_is_plain_data() -> None:
    term = Term(zh="背靠背", en=("back to back",))
    assert Span(0, 3, term, "背靠背") == Span(0, 3, term, "背靠背")


def test_a_short_key_inside_a_longer_one_that_does_not_complete() -> None:
    """Found by the scan property: 势 ends inside an attempt at the key A势A."""
    short, long = Term(zh="势", en=("x",)), Term(zh="A势A", en=("y",))
    scanner = Scanner([short, long])
    assert [(s.start, s.end, s.term.zh) for s in scanner.find("A势")] == [(1, 2, "势")]
    assert [(s.start, s.end, s.term.zh) for s in scanner.find("A势A势")] == [
        (0, 3, "A势A"),
        (3, 4, "势"),
    ]


def test_no_term_starts_or_ends_inside_a_run_of_latin_letters_or_digits() -> None:
    terms = [Term(zh=k, en=(k,)) for k in ("A", "w", "3", "T恤", "AK", "中")]
    found = Scanner(terms).find("ABC和w的T恤、AK-47和3中AKA")
    assert [(s.start, s.text) for s in found] == [
        (4, "w"),
        (6, "T恤"),
        (9, "AK"),
        (15, "3"),
        (16, "中"),
    ]


@pytest.mark.parametrize("count", [0, 1, 3])
def test_json_spans_are_written_as_one_indented_dump(count: int) -> None:
    import io
    import json

    from glossary.cli import render

    terms = [
        Term(zh="三股势力", en=('three "evil" forces',), pinyin="sān gǔ shìlì"),
        Term(zh="势\u2028力", en=("force\x01",)),
    ]
    spans = [Span(i * 5, i * 5 + 4, terms[i % 2], "三股勢力") for i in range(count)]
    out = io.StringIO()
    render.scanned("", spans, "json", out)
    whole = [
        {
            "start": s.start,
            "end": s.end,
            "text": s.text,
            "zh": s.term.zh,
            "pinyin": s.term.pinyin,
            "en": s.term.preferred,
        }
        for s in spans
    ]
    assert out.getvalue() == json.dumps(whole, ensure_ascii=False, indent=2) + "\n"


@pytest.mark.parametrize("count", [0, 1, 3])
def test_json_spans_with_sources_are_written_as_one_indented_dump(count: int) -> None:
    import io
    import json

    from glossary.cli import render
    from glossary.model import Origin

    cedict = Origin("CC-CEDICT", "dictionary", "CC BY-SA 4.0", "https://cc-cedict.org/")
    terms = [Term(zh="三股势力", en=("three forces",)), Term(zh="势力", en=("force",))]
    spans = [
        Span(i * 5, i * 5 + 4, terms[i % 2], "三股勢力", cedict if i % 2 else None)
        for i in range(count)
    ]
    out = io.StringIO()
    render.scanned("", spans, "json", out, sources=True)
    whole = [
        {
            "start": s.start,
            "end": s.end,
            "text": s.text,
            "zh": s.term.zh,
            "pinyin": s.term.pinyin,
            "en": s.term.preferred,
            "origin": render.origin_data(s.origin) if s.origin else {"kind": "glossary"},
        }
        for s in spans
    ]
    assert out.getvalue() == json.dumps(whole, ensure_ascii=False, indent=2) + "\n"
