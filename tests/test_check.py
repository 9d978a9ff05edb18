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
