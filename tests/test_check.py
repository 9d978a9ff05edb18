"""Terminology linting of English drafts: findings, their places and messages, and fixes."""

from __future__ import annotations

from pathlib import Path

import pytest

from glossary.check import Finding, check, fixed
from glossary.model import Term
from glossary.termfile import store

SHIPPED = Path(__file__).resolve().parent.parent / "terms.yaml"
SANGU = Term(
    zh="三股势力",
    en=("three evil forces", "three forces"),
    avoid=("three evils",),
    traditional="三股勢力",
)


@pytest.fixture(scope="module")
def terms() -> tuple[Term, ...]:
    return store.load([SHIPPED]).terms


def rows(findings: list[Finding]) -> list[tuple[int, int, str, str]]:
    return [(f.line, f.col, f.code, f.message) for f in findings]


def test_avoided_rendering() -> None:
    draft = "Russia and China oppose\nthe Three Evils together."
    assert rows(check(draft, [SANGU])) == [
        (
            2,
            5,
            "GL001",
            '"Three Evils" is a rendering to avoid for 三股势力; use "three evil forces"',
        )
    ]
    # Mid-sentence the fix is written as the glossary writes it; only a sentence's first
    # letter (or a heading in capitals) keeps its case.
    assert fixed(draft, check(draft, [SANGU])) == (
        "Russia and China oppose\nthe three evil forces together."
    )


def test_fix_keeps_the_capital_at_sentence_start() -> None:
    draft = "Three evils are named. THE THREE EVILS, again: three evil."
    findings = check(draft, [SANGU])
    assert [(f.col, f.fix) for f in findings] == [
        (1, "Three evil forces"),
        (28, "THREE EVIL FORCES"),
        (48, "three evil forces"),
    ]
    assert fixed(draft, findings) == (
        "Three evil forces are named. THE THREE EVIL FORCES, again: three evil forces."
    )


def test_a_longer_rendering_is_not_read_as_one_to_avoid() -> None:
    assert check("The three evil forces (三股势力) again.", [SANGU]) == []


def test_avoided_rendering_in_the_shipped_glossary(terms: tuple[Term, ...]) -> None:
    draft = "Experts of the Russian International Affairs Committee (俄罗斯国际事务委员会)."
    [finding] = check(draft, terms)
    assert (finding.line, finding.col, finding.code) == (1, 16, "GL001")
    assert finding.message == (
        '"Russian International Affairs Committee" is a rendering to avoid for '
        '俄罗斯国际事务委员会; use "Russian International Affairs Council"'
    )
    assert fixed(draft, [finding]) == (
        "Experts of the Russian International Affairs Council (俄罗斯国际事务委员会)."
    )


def test_inconsistent_renderings(terms: tuple[Term, ...]) -> None:
    """Another accepted rendering beside the preferred one is flagged, with the preferred
    as its fix; English beside the hanzi that is no rendering at all is GL004."""
    draft = (
        "China fights the three evil forces (三股势力).\n"
        "Later the three forces are named,\n"
        "and the three malign forces (三股勢力) too.\n"
    )
    assert rows(check(draft, terms)) == [
        (
            2,
            11,
            "GL002",
            '"three forces" renders 三股势力 otherwise than "three evil forces" at 1:18; '
            'use the preferred "three evil forces"',
        ),
        (
            3,
            9,
            "GL004",
            '"three malign forces" is not a rendering of 三股勢力 (三股势力) in the glossary; '
            'use "three evil forces"',
        ),
    ]
    assert fixed(draft, check(draft, terms)) == draft.replace(
        "three forces", "three evil forces"
    ).replace("three malign forces", "three evil forces")


def test_an_abbreviation_in_parentheses_is_not_inconsistent(terms: tuple[Term, ...]) -> None:
    draft = "The Shanghai Cooperation Organisation (SCO) met. The SCO agreed."
    assert check(draft, terms) == []


def test_hanzi_left_without_rendering(terms: tuple[Term, ...]) -> None:
    """GL003 is asked for: hanzi with none of the term's renderings in their sentence."""
    draft = "Both armies count as\n特殊友軍 and stand 背靠背 (back to back)."
    expected = [
        (
            2,
            1,
            "GL003",
            '特殊友軍 has no rendering in its sentence; the glossary gives "special friendly armies"',
        )
    ]
    assert rows(check(draft, terms, bare_hanzi=True)) == expected
    assert check(draft, terms) == []  # off unless asked
    assert check("The special friendly armies, 特殊友军, met.", terms, bare_hanzi=True) == []


def test_a_draft_with_nothing_wrong(terms: tuple[Term, ...]) -> None:
    draft = (
        "The Shanghai Cooperation Organisation (上海合作组织) fights the three evil forces "
        "(三股势力).\nThe three evil forces remain its focus; 背靠背 (back to back) ties hold."
    )
    assert check(draft, terms) == []
    assert fixed(draft, []) == draft


# --- Renderings as English writes them ------------------------------------------------------

MSS = Term(
    zh="国家安全部",
    en=("Ministry of State Security", "MSS"),
    avoid=("Ministry of National Security",),
    traditional="國家安全部",
    pinyin="Guójiā Ānquánbù",
)
SCO = Term(
    zh="上海合作组织",
    en=("Shanghai Cooperation Organisation", "SCO", "Shanghai Cooperation Organization"),
    avoid=("Shanghai Pact",),
)
PAP = Term(zh="中国人民武装警察部队", en=("People's Armed Police", "PAP"))
SOE = Term(zh="国有企业", en=("state-owned enterprise",), avoid=("nationalised company",))
CMTC = Term(zh="中俄军事技术合作", en=("Sino-Russian military technology cooperation",))
MTC = Term(zh="军事技术合作", en=("military-technical cooperation",))
GLOSSARY = [SANGU, MSS, SCO, PAP, SOE, CMTC, MTC]


def codes(draft: str, **options: bool) -> list[tuple[str, str]]:
    return [(f.code, f.text) for f in check(draft, GLOSSARY, **options)]


@pytest.mark.parametrize(
    "draft",
    [
        "Three evils are named.",  # a capital at the start
        "Both fight THE THREE EVILS.",  # a heading in capitals
        "They fight the three-evils.",  # a hyphen for a space
        "They fight the three\nevils.",  # broken across two lines
        "They fight the *three evils*.",  # emphasis
        "They fight [the three evils](https://example.org).",  # a link's text
        'They fight the "three evils".',  # quotes
        "The three evils' reach grows.",  # a plural possessive
        "The three evil's reach grows.",  # a singular possessive, a singular word
    ],
)
def test_a_rendering_to_avoid_is_found_however_it_is_written(draft: str) -> None:
    [(code, _)] = codes(draft)
    assert code == "GL001"


@pytest.mark.parametrize(
    "draft",
    [
        "Write `three evils` in code only.",
        "```\nthree evils\n```\n",
        "    three evils in an indented code block\n",
        "See https://example.org/three-evils for the old name.",
        "---\ntitle: the three evils\n---\nText.\n",
        "<!-- three evils -->\n",
        "[old name]: https://example.org/three evils\n",
        "Three and evil are words; so are evils and three.",
    ],
)
def test_no_rendering_is_found_outside_prose(draft: str) -> None:
    assert codes(draft) == []


def test_a_plain_text_draft_has_no_markdown_code() -> None:
    """In a .txt draft backticks are only characters; URLs are still not prose."""
    assert [f.code for f in check("Say `three evils`.", GLOSSARY, markdown=False)] == ["GL001"]
    assert check("See https://example.org/three-evils.", GLOSSARY, markdown=False) == []


def test_plurals_and_hyphens_of_a_preferred_rendering_are_fine() -> None:
    draft = (
        "State-owned enterprises (国有企业) borrow cheaply. Two state owned enterprises "
        "failed; a state-owned enterprise's debts grew."
    )
    assert codes(draft) == []


# --- English beside the hanzi (GL004) ------------------------------------------------------


@pytest.mark.parametrize(
    ("draft", "said"),
    [
        (
            "Officials of the state security ministry (国家安全部) said so.",
            "state security ministry",
        ),
        (
            "Officials of the state security ministry (國家安全部) said so.",
            "state security ministry",
        ),
        ("The state security ministry （国家安全部） said so.", "state security ministry"),
        ("The spy ministry (国家安全部, Guójiā Ānquánbù) said so.", "spy ministry"),
        ("The spy ministry (guojia anquanbu 国家安全部) said so.", "spy ministry"),
        ("国家安全部 (state security ministry) said so.", "state security ministry"),
        (
            "国家安全部 (Guojia Anquanbu, state security ministry) said so.",
            "state security ministry",
        ),
    ],
)
def test_english_beside_the_hanzi_that_is_no_rendering(draft: str, said: str) -> None:
    [finding] = check(draft, GLOSSARY)
    assert (finding.code, finding.rule, finding.term, finding.text) == (
        "GL004",
        "unlisted-rendering",
        "国家安全部",
        said,
    )
    assert finding.fix == "Ministry of State Security"
    assert fixed(draft, [finding]) == draft.replace(said, "Ministry of State Security")


@pytest.mark.parametrize(
    "draft",
    [
        "The Ministry of State Security (国家安全部) said so.",
        "The ministries of state security's (国家安全部) budgets grew.",  # case, plural, possessive
        "The MSS (国家安全部) said so.",  # an acronym the glossary lists
        "The Ministry of State Security (MSS; 国家安全部) said so.",
        "The Guojia Anquanbu (国家安全部) is secretive.",  # romanised, not rendered
        "China's new Ministry of State Security (国家安全部) said so.",
        "国家安全部 (Ministry of State Security) said so.",
        "中俄军事技术合作 (Sino-Russian military technology cooperation) grew.",
    ],
)
def test_a_rendering_or_an_acronym_beside_the_hanzi_is_fine(draft: str) -> None:
    assert codes(draft) == []


def test_a_rendering_to_avoid_beside_the_hanzi_is_gl001_once() -> None:
    assert codes("The Ministry of National Security (国家安全部) said so.") == [
        ("GL001", "Ministry of National Security")
    ]


def test_the_longest_term_is_judged_once() -> None:
    """军事技术合作 inside 中俄军事技术合作 is judged as the longer term only."""
    draft = "The Sino-Russian military technology cooperation (中俄军事技术合作) grew."
    assert codes(draft) == []
    draft = "The arms trade (中俄军事技术合作) grew."
    assert [(f.code, f.term) for f in check(draft, GLOSSARY)] == [("GL004", "中俄军事技术合作")]


# --- Inconsistency (GL002) -------------------------------------------------------------------


def test_a_spelling_variant_beside_the_preferred_rendering_is_inconsistent() -> None:
    draft = (
        "The Shanghai Cooperation Organisation met. Later the Shanghai Cooperation "
        "Organization agreed."
    )
    [finding] = check(draft, GLOSSARY)
    assert (finding.code, finding.text, finding.fix) == (
        "GL002",
        "Shanghai Cooperation Organization",
        "Shanghai Cooperation Organisation",
    )


def test_an_accepted_rendering_used_alone_is_fine() -> None:
    assert codes("The three forces met. The three forces agreed.") == []
    assert codes("The Shanghai Cooperation Organization met twice.") == []


def test_every_use_of_another_rendering_is_a_finding_with_the_preferred_as_fix() -> None:
    draft = "The three forces and the three evil forces. Three forces again."
    found = check(draft, GLOSSARY)
    assert [(f.code, f.text, f.fix) for f in found] == [
        ("GL002", "three forces", "three evil forces"),
        ("GL002", "Three forces", "Three evil forces"),
    ]


@pytest.mark.parametrize(
    "draft",
    [
        "The People's Armed Police's (PAP) budget grew; the PAP now reports to the army.",
        "The Shanghai Cooperation Organisation (SCO) met. The SCO agreed; the SCO's staff grew.",
        "The Ministry of State Security and the MSS are one body.",
    ],
)
def test_acronyms_are_never_inconsistent(draft: str) -> None:
    assert codes(draft) == []


# --- Bare hanzi (GL003) and what rules about hanzi need ---------------------------------------


def test_a_latin_headword_is_no_term_inside_an_english_word() -> None:
    """CC-CEDICT has headwords such as T and AA制: rules about hanzi need hanzi."""
    terms = [Term(zh="T", en=("T",)), Term(zh="AA制", en=("Dutch treat",))]
    draft = "Take the AA制 rule. Or take XAA制 at face value."
    assert [(f.code, f.text) for f in check(draft, terms, bare_hanzi=True)] == [("GL003", "AA制")]


# --- Ignore comments -------------------------------------------------------------------------


def test_ignore_comments_leave_lines_out() -> None:
    draft = (
        "The three evils. <!-- glossary-ignore-line -->\n"
        "<!-- glossary-ignore-next-line -->\n"
        "The three evils.\n"
        "<!-- glossary-ignore-start -->\n"
        "The three evils.\n\nThe Shanghai Pact.\n"
        "<!-- glossary-ignore-end -->\n"
        "The three evils. <!-- glossary-ignore-line 上海合作组织 -->\n"
        "The Shanghai Pact. <!-- glossary-ignore-line 上海合作组织 -->\n"
    )
    assert [(f.line, f.text) for f in check(draft, GLOSSARY)] == [(9, "three evils")]
