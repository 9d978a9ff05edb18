"""Ranking on the shipped glossary and on small glossaries written for the test."""

from __future__ import annotations

from pathlib import Path

import pytest

from glossary import index, pinyin, search
from glossary.errors import NotFoundError, UsageError
from glossary.model import Glossary, Term
from glossary.termfile import store, yamltext
from tests.conftest import SHIPPED


@pytest.fixture(scope="module")
def shipped() -> Glossary:
    return store.load([SHIPPED])


def first(glossary: Glossary, query: str) -> str:
    found = search.search(glossary, query)
    assert found, f"nothing found for {query!r}"
    return found[0].term.zh


def _ranking(glossary: str) -> list[tuple[str, str]]:
    """Give the (query, expected first headword) pairs of tests/data/ranking.tsv for one glossary."""
    rows = (Path(__file__).parent / "data" / "ranking.tsv").read_text(encoding="utf-8")
    fields = [line.split("\t") for line in rows.splitlines() if line and not line.startswith("#")]
    return [(query, expected) for name, query, expected in fields if name == glossary]


FIRST_RESULTS = _ranking("shipped")
CEDICT_FIRST_RESULTS = _ranking("cedict")


@pytest.mark.parametrize(("query", "expected"), FIRST_RESULTS)
def test_first_result(shipped: Glossary, query: str, expected: str) -> None:
    assert first(shipped, query) == expected


def test_every_headword_finds_itself_first(shipped: Glossary) -> None:
    for term in shipped:
        assert first(shipped, term.zh) == term.zh
        assert first(shipped, term.preferred) == term.zh, term.preferred


def make(*terms: Term) -> Glossary:
    return Glossary(terms)


def test_exact_before_prefix_before_fuzzy() -> None:
    g = make(
        Term(zh="甲乙丙", en=("joint exercises at sea",), pinyin="jiǎ yǐ bǐng"),
        Term(zh="甲乙", en=("joint exercise",), pinyin="jiǎ yǐ"),
        Term(zh="丁", en=("joint exercize plan",), pinyin="dīng"),
    )
    assert [m.term.zh for m in search.search(g, "joint exercise")] == ["甲乙", "甲乙丙", "丁"]
    assert [m.term.zh for m in search.search(g, "甲乙")] == ["甲乙", "甲乙丙"]


def test_headword_match_before_context_match() -> None:
    g = make(
        Term(zh="甲", en=("alpha",), context="Often met beside the three evil forces."),
        Term(zh="乙", en=("three evil forces",)),
    )
    found = search.search(g, "three evil forces")
    assert [m.term.zh for m in found] == ["乙", "甲"]
    assert (found[1].field, found[0].field) == ("context", "en")


def test_ties_go_to_the_shorter_headword() -> None:
    g = make(Term(zh="中俄合作", en=("a",)), Term(zh="中俄", en=("b",)))
    assert [m.term.zh for m in search.search(g, "中")] == ["中俄", "中俄合作"]


def test_tones_given_must_fit() -> None:
    g = make(Term(zh="买", en=("buy",), pinyin="mǎi"), Term(zh="卖", en=("sell",), pinyin="mài"))
    assert [m.term.zh for m in search.search(g, "mai3")] == ["买"]
    assert [m.term.zh for m in search.search(g, "mài")] == ["卖"]
    assert {m.term.zh for m in search.search(g, "mai")} == {"买", "卖"}


def test_a_typed_umlaut_must_be_one() -> None:
    """ü typed as ü, v or u: must be a ü in the pinyin (as a tone typed must be its tone);
    typed as u it may be either. Pinyin written without marks may write u for ü."""
    g = make(
        Term(zh="绿色", en=("green",), pinyin="lǜsè"),
        Term(zh="卢瑟", en=("loser",), pinyin="lúsè"),
        Term(zh="旅社", en=("hostel",), pinyin="lu she"),
    )
    for typed in ("lvse", "lüse", "lu:se", "lv4se4", "LÜSÈ"):
        assert [m.term.zh for m in search.search(g, typed)] == ["绿色"], typed
    assert {m.term.zh for m in search.search(g, "luse")} == {"绿色", "卢瑟"}
    assert [m.term.zh for m in search.search(g, "lvshe")] == ["旅社"]


def test_pinyin_stored_with_v_or_u_colon_reads_them_as_umlauts(tmp_path: Path) -> None:
    """Stored as people type them, lvxing and nu:ren are lüxing and nüren: found by every
    spelling of ü, cut into their two syllables, and indexed so."""
    g = make(
        Term(zh="旅行", en=("to travel",), pinyin="lvxing"),
        Term(zh="女人", en=("woman",), pinyin="nu:ren"),
    )
    path = tmp_path / "terms.yaml"
    path.write_text(yamltext.document("Test", list(g)), encoding="utf-8")
    cache = {"XDG_CACHE_HOME": str(tmp_path / "cache")}
    for query, expected in [("lvxing", "旅行"), ("lüxíng", "旅行"), ("luxing", "旅行")]:
        assert [m.term.zh for m in search.search(g, query)] == [expected], query
        found = index.lookup([path], search.parse_query(query), 5, cache)
        assert [m.term.zh for m in found] == [expected], query
    for query in ("nu:ren", "nvren", "nürén", "nuren"):
        assert [m.term.zh for m in search.search(g, query)] == ["女人"], query
        found = index.lookup([path], search.parse_query(query), 5, cache)
        assert [m.term.zh for m in found] == ["女人"], query
    assert [len(pinyin.parse_reading(t.pinyin or "").starts) - 1 for t in g] == [2, 2]


def test_missing_pinyin_is_generated_for_search() -> None:
    g = make(Term(zh="背对背", en=("back to back",)))
    (match,) = search.search(g, "beiduibei")
    assert match.reading == "bèi duì bèi"


def test_id_is_searchable() -> None:
    g = make(Term(zh="特殊友军", en=("special friendly armies",), id="sfa"))
    assert search.search(g, "sfa")[0].field == "id"


def test_nothing_found_is_empty() -> None:
    g = make(Term(zh="特殊友军", en=("special friendly armies",), pinyin="tèshū yǒujūn"))
    assert search.search(g, "xylophone") == []


@pytest.mark.parametrize("query", ["", "   ", "!!!", "—", "\t\n"])
def test_empty_queries_are_usage_errors(query: str) -> None:
    with pytest.raises(UsageError):
        search.parse_query(query)


def test_overlong_query_is_a_usage_error() -> None:
    with pytest.raises(UsageError):
        search.parse_query("a" * 10_000)


def find_term(glossary: Glossary, text: str) -> search.Match:
    """Give the term ``text`` names, chosen as ``glossary show`` chooses, ranked in memory."""

    def by_name(name: str) -> Term | None:
        return next((t for t in glossary if name in (t.zh, t.traditional)), None)

    return search.choose_term(text, by_name, search.Index(glossary).search)


def test_find_term_by_each_name(shipped: Glossary) -> None:
    for name in ("特殊友军", "特殊友軍", "tèshū yǒujūn", "teshu youjun", "te4shu1 you3jun1"):
        assert find_term(shipped, name).term.zh == "特殊友军"


def test_find_term_names_the_closest() -> None:
    g = make(Term(zh="特殊友军", en=("special friendly armies",), pinyin="tèshū yǒujūn"))
    with pytest.raises(NotFoundError) as caught:
        find_term(g, "特殊")
    assert caught.value.hint == "closest: 特殊友军"


def test_find_term_reports_an_ambiguous_pinyin() -> None:
    g = make(Term(zh="买", en=("buy",), pinyin="mǎi"), Term(zh="卖", en=("sell",), pinyin="mài"))
    with pytest.raises(NotFoundError) as caught:
        find_term(g, "mai")
    assert caught.value.message == "'mai' reads as 2 terms: 买, 卖"
    assert find_term(g, "mai4").term.zh == "卖"


NO_TRADITIONAL = Glossary(
    (
        Term(zh="三股势力", en=("three evil forces",), pinyin="sān gǔ shìlì", tags=("sco",)),
        Term(zh="特殊友军", en=("special friendly armies",), pinyin="tèshū yǒujūn"),
        Term(zh="西安", en=("Xi'an",), pinyin="Xī'ān"),
        Term(zh="先", en=("first",), pinyin="xiān"),
        Term(zh="中俄合作", en=("China-Russia cooperation",), pinyin="Zhōng-É hézuò"),
        Term(zh="中俄", en=("China and Russia",), pinyin="Zhōng-É", tags=("sco",)),
        Term(zh="军事合作", en=("military cooperation",), pinyin="jūnshì hézuò"),
        Term(zh="战略", en=("strategy",), pinyin="zhànlüè", definition="Three evil plans."),
    )
)


def firsts(query: str, glossary: Glossary = NO_TRADITIONAL) -> list[str]:
    return [m.term.zh for m in search.search(glossary, query)]


def test_traditional_query_finds_a_term_with_no_traditional_form() -> None:
    assert firsts("三股勢力")[0] == "三股势力"
    assert firsts("特殊友軍")[0] == "特殊友军"


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("zhong1e", "中俄"),
        ("Zhong-E", "中俄"),
        ("sān gu", "三股势力"),
        ("SAN GU SHI LI", "三股势力"),
        ("xi'an", "西安"),
        ("zhanlve", "战略"),
        ("zhan4lu:e4", "战略"),
        ("zhànlüè", "战略"),
        ("sgsl", "三股势力"),
        ("tsyj", "特殊友军"),
    ],
)
def test_pinyin_forms(query: str, expected: str) -> None:
    assert firsts(query)[0] == expected


def test_apostrophe_and_no_apostrophe_are_both_tried() -> None:
    assert firsts("xi'an")[:2] == ["西安", "先"]
    assert set(firsts("xian")[:2]) == {"西安", "先"}


def test_inflections_and_quoted_phrases() -> None:
    assert firsts("army")[0] == "特殊友军"
    assert firsts("Cooperation MILITARY")[0] == "军事合作"
    assert firsts('"three evil"') == ["三股势力", "战略"]
    assert firsts('"evil three"') == []


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("zh:中俄", ["中俄", "中俄合作"]),
        ("py:zhonge", ["中俄", "中俄合作"]),
        ("en:three evil", ["三股势力"]),  # not the definition of 战略
        ("tag:sco", ["中俄", "三股势力"]),
        ("tag:sco three", ["三股势力"]),
        ("中俄*", ["中俄", "中俄合作"]),
        ("*合作", ["中俄合作", "军事合作"]),
        ("zhong*", ["中俄", "中俄合作"]),
        ("*hezuo", ["中俄合作", "军事合作"]),
    ],
)
def test_field_prefixes_and_wildcards(query: str, expected: list[str]) -> None:
    assert firsts(query) == expected


@pytest.mark.parametrize(
    "query", ["", "   ", "?!…", "tag:", "\x00\x01", "\udc80\udcff", "a" * 10_000, "*"]
)
def test_bad_queries_are_usage_errors(query: str) -> None:
    with pytest.raises(UsageError):
        search.parse_query(query)


def test_control_characters_around_a_query_are_ignored() -> None:
    assert firsts("\x07sangu\x1b")[0] == "三股势力"
