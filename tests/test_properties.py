"""Properties that must hold for any input: Hypothesis generates the glossaries, queries and
texts.

- load ∘ save is the identity on any valid glossary, through every writer (a new file,
  ``add`` to an empty one, ``remove`` of one entry);
- every export format that has an import reads back what it keeps (exactly, for all but
  Pleco, which keeps the fields the README's table lists);
- a typed query parses or is a usage error, never anything else; parsing what it was
  normalised to gives the same query; the cached index and the in-memory search agree;
- ``scan`` spans never overlap, lie inside the text, hold a term (modulo the documented
  folding) and miss no occurrence of one;
- ``extract`` never raises on any text, marked up or not, and locates what it finds.

Examples per test are kept moderate for CI; ``GLOSSARY_LONG=1`` runs many more.
"""

from __future__ import annotations

import os
import re
import tempfile
import unicodedata
from collections.abc import Sequence
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from glossary import exporters, hanzi, importers, pinyin, search
from glossary.errors import UsageError
from glossary.exporters import ExportOptions
from glossary.exporters.pleco import one_line
from glossary.extract import extract
from glossary.model import Term
from glossary.scan import Scanner, inside_latin_runs
from glossary.termfile import changes, store, yamltext
from tests.fuzz.checks import check_query_text
from tests.strategies import ITEM, TEXT, YAML_TEXT, terms, xml_terms, yaml_terms

settings.register_profile(
    "glossary-ci",
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
settings.register_profile("glossary-long", settings.get_profile("glossary-ci"), max_examples=3000)
PROFILE = settings.get_profile(
    "glossary-long" if os.environ.get("GLOSSARY_LONG") == "1" else "glossary-ci"
)


def examples(weight: float) -> settings:
    """Give the profile's settings with ``weight`` times its number of examples."""
    return settings(PROFILE, max_examples=max(10, int(PROFILE.max_examples * weight)))


# ----------------------------------------------------------------------- load ∘ save

yaml_glossaries = st.lists(yaml_terms, max_size=5, unique_by=lambda t: t.zh)
titles = st.none() | YAML_TEXT


@examples(2)
@given(yaml_glossaries, titles)
def test_what_the_writer_writes_loads_back_the_same(written: list[Term], title: str | None) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "terms.yaml"
        changes.write_glossary(path, title, written)
        loaded = store.load([path])
    assert list(loaded.terms) == written
    assert loaded.title == title


@examples(1)
@given(yaml_glossaries, st.integers(min_value=0))
# Found by this property: removing the only entry left "terms:" alone (null, not a list);
# a headword the writer escapes ("\r\n" in double quotes) was not found to remove.
@example([Term(zh="y", en=("y",))], 0)
@example([Term(zh="\r\n", en=("y",)), Term(zh='a"b\\', en=("z",))], 1)
def test_add_then_remove_keeps_every_other_term(written: list[Term], which: int) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "terms.yaml"
        path.write_text(yamltext.template("T"), encoding="utf-8")
        if written:
            changes.add_terms(path, written)
        assert list(store.load([path]).terms) == written
        if written:
            gone = written[which % len(written)]
            assert changes.remove_term(path, gone.zh) == gone
            assert list(store.load([path]).terms) == [t for t in written if t != gone]


# ------------------------------------------------------------------- export ∘ import

#: Every format that can be both exported and imported.
ROUND_TRIPS = sorted(set(exporters.MODULES) & set(importers.IMPORTERS))


def test_the_round_trip_formats_are_the_documented_ones() -> None:
    assert ROUND_TRIPS == ["csv", "json", "jsonl", "pleco", "tbx", "tsv"]


def _through(fmt: str, written: Sequence[Term], options: ExportOptions) -> importers.ImportResult:
    """Export ``written`` as ``fmt``, write it as a UTF-8 file would hold it, import it."""
    text = exporters.find(fmt).export(written, options)
    assert isinstance(text, str)
    data = text.encode("utf-8")
    return importers.parse(fmt, data.decode("utf-8"), f"terms.{fmt}")


glossaries = st.lists(terms, max_size=5, unique_by=lambda t: t.zh)


@pytest.mark.parametrize("fmt", ["csv", "json", "jsonl", "tsv"])
@examples(1)
@given(glossaries)
def test_lossless_formats_read_back_exactly(fmt: str, written: list[Term]) -> None:
    result = _through(fmt, written, ExportOptions())
    assert result.problems == ()
    assert list(result.terms) == written


@examples(1)
@given(
    st.lists(xml_terms(), min_size=1, max_size=4, unique_by=lambda t: t.zh), st.sampled_from([2, 3])
)
def test_tbx_reads_back_exactly(written: list[Term], version: int) -> None:
    result = _through("tbx", written, ExportOptions(title="T", tbx_version=version))
    assert result.problems == ()
    assert list(result.terms) == written


def _marked_syllable(syllable: str, tone: int) -> str:
    return pinyin.numbered_to_marked(f"{syllable}{tone}")


readings = st.lists(
    st.builds(_marked_syllable, st.sampled_from(sorted(pinyin.syllable_set())), st.integers(1, 5)),
    min_size=1,
    max_size=4,
).map(" ".join)
#: What a Pleco line keeps apart: no ; between renderings, no — between parts, no brackets
#: in a headword, nothing read as a category line or a literal gloss.
_PLECO_HEAD = TEXT.filter(lambda s: not set(s) & set("[]") and not s.startswith("//"))
_PLECO_PART = ITEM.filter(lambda s: not set(s) & set(";—"))
_PLECO_DEFINITION = TEXT.filter(lambda s: "—" not in s and not one_line(s).startswith("lit. "))

pleco_terms = st.builds(
    Term,
    zh=_PLECO_HEAD,
    en=st.lists(_PLECO_PART, min_size=1, max_size=3).map(tuple),
    traditional=st.none() | _PLECO_HEAD,
    pinyin=readings,
    avoid=st.lists(ITEM, max_size=2).map(tuple),
    literal=st.none() | _PLECO_PART,
    definition=st.none() | _PLECO_DEFINITION,
    context=st.none() | TEXT,
    source=st.none() | TEXT,
    tags=st.lists(ITEM, max_size=3).map(tuple),
    see=st.lists(ITEM, max_size=2).map(tuple),
)


def _pleco_kept(term: Term) -> tuple[object, ...]:
    """Give what the Pleco format keeps of a term (README: headword, traditional, pinyin
    without its word grouping, renderings, literal, definition, first tag), each on one line."""
    reading = pinyin.parse_reading(term.pinyin or "")

    def line(value: str | None) -> str | None:
        return one_line(value) if value else None

    return (
        one_line(term.zh),
        line(term.traditional),
        (reading.letters, reading.tones),
        tuple(one_line(e) for e in term.en),
        line(term.literal),
        line(term.definition),
        tuple(one_line(t) for t in term.tags[:1]),
    )


@examples(1.5)
@given(st.lists(pleco_terms, max_size=5, unique_by=lambda t: one_line(t.zh)))
def test_pleco_reads_back_what_it_keeps(written: list[Term]) -> None:
    result = _through("pleco", written, ExportOptions())
    assert result.problems == ()
    # Pleco groups terms by category: the order may change, nothing else.
    assert sorted(map(_pleco_kept, result.terms), key=repr) == sorted(
        map(_pleco_kept, written), key=repr
    )


# ----------------------------------------------------------------------------- queries

#: Text people type or paste: any characters (lone surrogates too: undecodable bytes reach
#: Python as such), and pieces of the query syntax.
_QUERY_PIECES = st.sampled_from(
    [
        *("tag:", "tag:sco", "TAG:military", "zh:", "py:", "pinyin:", "en:", "EN:", "*", "**"),
        *('"', "“", "”", "'", "‘", "’", " ", "\t", "\u3000", "\u200b", "\x1b", "\ud800"),
        *("san1", "gu3", "sān", "gǔ", "lu:e4", "lv", "ü", "xi'an", "shi4li4", "sgsl", "-"),
        *("三股", "勢力", "中俄", "上海合作组织", "army", "ARMIES", "three", "evil", "5", "0"),
        *("\u0301", "\u0308", "ǹg", "ḿ", "ﬀ", "Ⅳ", "ß", "İ"),
    ]
)
queries = st.one_of(
    st.text(max_size=40),
    st.lists(_QUERY_PIECES | st.text(max_size=3), max_size=8).map("".join),
    st.text(min_size=495, max_size=520),
)


@examples(3)
@given(queries)
def test_a_query_is_parsed_or_is_a_usage_error_and_searches_alike_everywhere(text: str) -> None:
    check_query_text(text)  # the fuzz target's check: tests/fuzz/checks.py


_PREFIX = {"zh": "zh:", "pinyin": "py:", "en": "en:"}


def _written(query: search.Query) -> str:
    """Give the text a query normalises to: its tags, field prefix, quotes and words."""
    body = f'"{query.text}"' if query.phrase else query.text
    body = _PREFIX[query.field] + body if query.field else body
    return " ".join([*(f"tag:{t}" for t in query.tags), body]).strip()


@examples(3)
@given(queries)
def test_parsing_a_normalised_query_gives_the_same_query(text: str) -> None:
    try:
        query = search.parse_query(text)
    except UsageError:
        return
    assert search.parse_query(_written(query)) == query


@examples(2)
@given(queries)
def test_pinyin_normalisation_is_idempotent(text: str) -> None:
    typed = pinyin.parse_query(text)
    folded = unicodedata.normalize("NFC", text.casefold()).strip()
    assert pinyin.parse_query(folded) == typed
    reading = pinyin.parse_reading(text)
    assert pinyin.parse_reading(folded) == reading
    if typed is not None:
        # A query that is its own letters plus breaks reads as those letters and breaks.
        again = pinyin.parse_query(
            "".join(("'" if i in typed.breaks else "") + c for i, c in enumerate(typed.letters))
        )
        assert again is not None
        assert (again.letters, again.breaks) == (typed.letters, typed.breaks)


@examples(2)
@given(queries)
def test_english_words_are_a_fixed_point(text: str) -> None:
    found = search.words(text)
    assert search.words(" ".join(found)) == found


# -------------------------------------------------------------------------------- scan

_SCAN_CHARS = "上海合作组织五国两方三股势力國組織勢兩 \n\u3000aA-"
_HANZI_RANGES = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_GAP = re.compile(f"(?<=[{_HANZI_RANGES}])\\s+(?=[{_HANZI_RANGES}])")


def _folded(text: str) -> str:
    """Give ``text`` as scan matches it: traditional characters simplified one by one,
    whitespace between two hanzi dropped (README, scan)."""
    simple = "".join(
        s if len(s := hanzi.to_simplified(c)) == 1 else c for c in text
    )  # one character at a time
    return _GAP.sub("", simple)


scan_forms = st.text(alphabet=_SCAN_CHARS, min_size=1, max_size=5).filter(lambda s: s.strip())
scan_terms = st.lists(
    st.builds(Term, zh=scan_forms, en=st.just(("x",)), traditional=st.none() | scan_forms),
    min_size=1,
    max_size=6,
    unique_by=lambda t: t.zh,
)


@examples(3)
@given(scan_terms, st.text(alphabet=_SCAN_CHARS, max_size=60))
# Found by this property: a traditional form longer than its headword gave spans that
# started before the text (each term had one key length, the last one added).
@example([Term(zh="A", en=("x",), traditional="AA")], "A")
@example([Term(zh="a", en=("x",), traditional="AA")], "Aa")
def test_scan_spans_are_disjoint_inside_the_text_and_hold_their_term(
    known: list[Term], text: str
) -> None:
    spans = Scanner(known).find(text)
    last_end = 0
    for span in spans:
        assert last_end <= span.start < span.end <= len(text)
        assert span.text == text[span.start : span.end]
        forms = {_folded(f) for f in (span.term.zh, span.term.traditional) if f}
        assert _folded(span.text) in forms
        last_end = span.end
    if not any(c.isspace() for c in text):
        # Nothing is missed: every occurrence of a known form overlaps a span, but where
        # it would start or end inside a run of Latin letters or digits ("a" in "Aa").
        folded = _folded(text)
        inside = inside_latin_runs(folded)
        for term in known:
            for form in {_folded(f) for f in (term.zh, term.traditional) if f}:
                for at in range(len(folded)):
                    if form and folded.startswith(form, at):
                        end = at + len(form)
                        if at in inside or end in inside:
                            continue
                        assert any(s.start < end and at < s.end for s in spans), (form, at)


# ----------------------------------------------------------------------------- extract

_MARKUP = st.sampled_from(
    [
        *("<p>", "</p>", "<br>", '<a href="x(三)">', "</a>", "<b>", "<script>", "</script>"),
        *("<!--", "-->", "&amp;", "&#19977;", "&#x4e09;", "&nbsp;", "&", "<", ">"),
        *("**", "__", "*", "_", "`", "[", "]", "](", "![", "# ", "## ", "> ", "- ", "1. ", "|"),
        *("(", ")", "（", "）", "「", "」", "《", "》", "【", "】", "、", "，", "；", ":", "："),
        *('"', "“", "”", "'", "‘", "’", "\n", "\r\n", "\t", " ", "  ", "—", "–", "…"),
        *("三股势力", "上海五国", "中俄", "勢力", "特殊友軍", "我们", "sān gǔ shìlì", "sangu"),
        *("three evil forces", "the Shanghai Five", "Xi Jinping", "lit. ", "pinyin: "),
        *("simplified Chinese: ", "traditional Chinese: ", "Co., Ltd.", "and ", "of the "),
    ]
)
marked_up = st.lists(_MARKUP | st.text(max_size=4), max_size=30).map("".join)


@examples(3)
@given(marked_up | st.text())
def test_extract_never_raises_and_locates_what_it_finds(text: str) -> None:
    found = extract(text, "fuzz")
    for candidate in found:
        term = candidate.term
        assert term.zh and pinyin.has_hanzi(term.zh)
        assert term.en and all(e.strip() for e in term.en)
        assert candidate.line >= 1 and candidate.col >= 1
    assert len({(c.term.zh, c.term.en) for c in found}) == len(found)
