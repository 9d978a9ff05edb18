"""Editing through the command line: renames, comments, merges, line ends, odd input."""

from __future__ import annotations

from pathlib import Path

import pytest

from glossary.termfile import store
from tests.conftest import SMALL


@pytest.fixture
def small(write) -> Path:
    return write("terms.yaml", SMALL)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--add-en", ""), "--add-en needs a value; an empty one adds nothing"),
        (("--add-en", "  "), "--add-en needs a value; an empty one adds nothing"),
        (("--add-tag", ""), "--add-tag needs a value; an empty one adds nothing"),
        (("--prefer", " "), "--prefer needs a rendering; an empty one is not one"),
    ],
)
def test_edit_refuses_an_empty_value_as_a_usage_error(run, small: Path, args, message) -> None:
    result = run("edit", "背靠背", *args)
    assert result.exit_code == 2
    assert result.stderr == f"glossary: error: {message}\n"
    assert small.read_text(encoding="utf-8") == SMALL


def test_edit_trims_what_it_adds_as_add_does(run, small: Path) -> None:
    result = run("edit", "背靠背", "--add-en", " side by side ", "--definition", " Both. ")
    assert result.exit_code == 0, result.stderr
    assert small.read_text(encoding="utf-8") == SMALL.replace(
        "    en: [back to back]\n",
        "    en:\n      - back to back\n      - side by side\n    definition: Both.\n",
    )
    term = store.load([small]).terms[-1]
    assert (term.en, term.definition) == (("back to back", "side by side"), "Both.")


CR_TEXT = (
    "title: t\r# a comment\rterms:\r  - zh: 背靠背  # kept\r    pinyin: bèikàobèi\r"
    "    en: back to back\r\r  - zh: 甲\r    en: [alpha]\r"
)


@pytest.mark.parametrize(
    "args",
    [
        ("add", "乙", "--en", "beta", "--pinyin", "yǐ", "--traditional", "乙"),
        ("edit", "甲", "--add-en", "a2", "--definition", "D"),
        ("edit", "背靠背", "--pinyin", "bèi kào bèi"),
        ("remove", "甲", "--yes"),
        ("remove", "背靠背", "--yes"),
    ],
)
def test_writes_keep_cr_line_ends(run, write, args) -> None:
    """A file with CR line ends is changed exactly as its LF twin is, and stays CR."""
    twin = write("twin.yaml", CR_TEXT.replace("\r", "\n"))
    assert run("-g", str(twin), *args).exit_code == 0
    path = write("terms.yaml", CR_TEXT.encode())
    result = run(*args)
    assert result.exit_code == 0, result.stderr
    after = path.read_bytes()
    assert after != CR_TEXT.encode()
    assert b"\n" not in after
    assert after == twin.read_bytes().replace(b"\n", b"\r")
    assert store.load([path]).terms == store.load([twin]).terms


TIED = (
    "title: t\nterms:\n  - {zh: 甲, en: alpha}\n  - zh: 乙\n    en: &b beta\n"
    "  - zh: 丙\n    en: gamma\n    avoid: [*b]\n  - {zh: 丁, en: [d]}  # note\n"
)
ANCHOR_HELD = (
    "glossary: terms.yaml:4:1: error: 乙 holds the anchor &b, which the alias *b at line 8 "
    "uses; nothing was changed; write the value out in place of the alias (by hand), then "
    "run the command again\n"
)
ALIAS_USED = (
    "glossary: terms.yaml:6:1: error: 丙 uses the alias *b, which refers to another entry's "
    "value; nothing was changed; write the value out in place of the alias (by hand), then "
    "run the command again\n"
)


def test_edit_writes_a_flow_style_entry_anew_as_a_block(run, write) -> None:
    path = write("terms.yaml", TIED)
    result = run("edit", "甲", "--add-en", "a2")
    assert result.exit_code == 0, result.stderr
    assert path.read_text(encoding="utf-8") == TIED.replace(
        "  - {zh: 甲, en: alpha}\n", "  - zh: 甲\n    en:\n      - alpha\n      - a2\n"
    )
    assert store.load([path]).terms[0].en == ("alpha", "a2")


@pytest.mark.parametrize(
    ("args", "stderr"),
    [
        (("edit", "乙", "--add-en", "x"), ANCHOR_HELD),
        (("remove", "乙", "--yes"), ANCHOR_HELD),
        (("edit", "丙", "--add-en", "x"), ALIAS_USED),
        (("remove", "丙", "--yes"), ALIAS_USED),
        (
            ("edit", "丁", "--add-en", "x"),
            "glossary: terms.yaml:9:1: error: 丁 is written in flow style ({...}) with a "
            "comment, which a rewrite would lose; nothing was changed; write the entry as a "
            "block ('- zh: ...', a field per line), then edit it\n",
        ),
    ],
)
def test_entries_tied_by_an_alias_or_commented_flow_are_refused_clearly(
    run, write, args, stderr
) -> None:
    path = write("terms.yaml", TIED)
    assert run("validate").exit_code == 0
    result = run(*args)
    assert (result.exit_code, result.stderr) == (3, stderr)
    assert path.read_text(encoding="utf-8") == TIED


COMMENTED = (
    "title: t\nterms:\n  - zh: 甲  # head\n    en: alpha  # why alpha\n"
    "    definition: old  # src: x\n    avoid:  # never\n      - b1  # one\n      - b2  # two\n"
    "    tags: [a, b]  # t\n"
)


@pytest.mark.parametrize("newline", ["\n", "\r\n"])
def test_edits_keep_every_inline_comment(run, write, newline) -> None:
    path = write("terms.yaml", COMMENTED.replace("\n", newline).encode())
    result = run(
        "edit", "甲", "--zh", "乙", "--add-en", "a2", "--definition", "new",
        "--remove-avoid", "b1", "--add-tag", "c",
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    expected = (
        "title: t\nterms:\n  - zh: 乙  # head\n    en:\n      - alpha  # why alpha\n"
        "      - a2\n    definition: new  # src: x\n    avoid:  # never  # one\n"
        "      - b2  # two\n    tags: [a, b, c]  # t\n"
    )
    assert path.read_bytes() == expected.replace("\n", newline).encode()
    term = store.load([path]).terms[0]
    assert (term.en, term.avoid, term.definition) == (("alpha", "a2"), ("b2",), "new")


def test_a_comment_stays_when_its_scalar_becomes_a_list_elsewhere(run, write) -> None:
    path = write("terms.yaml", "terms:\n  - zh: 甲\n    en: alpha  # kept\n    id: x\n")
    assert run("edit", "甲", "--prefer", "first").exit_code == 0
    assert path.read_text(encoding="utf-8") == (
        "terms:\n  - zh: 甲\n    en:\n      - first\n      - alpha  # kept\n    id: x\n"
    )


LINKED = (
    "terms:\n  - zh: 背靠背  # renamed\n    pinyin: bèikàobèi\n    traditional: 背靠背\n"
    "    en: back to back\n  - zh: 甲\n    pinyin: jiǎ jiǎ\n    traditional: 甲\n"
    "    en: alpha\n    see: [背靠背, 乙]\n  - zh: 乙\n    en: beta\n"
    "    see:\n      - 背靠背\n"
)


def test_rename_updates_see_links_and_generated_readings(run, write) -> None:
    path = write("terms.yaml", LINKED)
    result = run("edit", "背靠背", "--zh", "背对背")
    assert result.exit_code == 0, result.stderr
    assert result.stderr.splitlines() == [
        "changed 背靠背 in terms.yaml",
        "see links to 背靠背 now name 背对背 in: 甲, 乙",
        "背对背: pinyin generated, please check: bèi duì bèi",
        "背对背: traditional generated, please check: 背對背",
    ]
    assert path.read_text(encoding="utf-8") == (
        LINKED.replace("背靠背  # renamed", "背对背  # renamed")
        .replace("pinyin: bèikàobèi\n    traditional: 背靠背", "pinyin: bèi duì bèi\n    traditional: 背對背")
        .replace("see: [背靠背, 乙]", "see: [背对背, 乙]")
        .replace("      - 背靠背\n", "      - 背对背\n")
    )  # fmt: skip
    checked = run("validate")
    assert checked.exit_code == 0
    assert "背靠背" not in checked.stdout  # no see link names the old headword


def test_rename_keeps_readings_a_person_wrote_and_says_so(run, write) -> None:
    path = write("terms.yaml", LINKED)
    result = run("edit", "甲", "--zh", "丙", "--traditional", "丙")
    assert result.exit_code == 0, result.stderr
    assert result.stderr.splitlines() == [
        "changed 甲 in terms.yaml",
        "丙: pinyin jiǎ jiǎ kept; it may not fit the new headword (set it with --pinyin)",
    ]
    assert path.read_text(encoding="utf-8") == LINKED.replace("zh: 甲\n", "zh: 丙\n").replace(
        "traditional: 甲", "traditional: 丙"
    )


def test_remove_names_the_entries_that_link_to_it(run, write) -> None:
    path = write("terms.yaml", LINKED)
    result = run("remove", "背靠背", "--yes")
    assert result.exit_code == 0, result.stderr
    assert result.stderr.splitlines()[1] == (
        "still linking to 背靠背 in see: 甲, 乙 "
        "(glossary edit HEADWORD --remove-see 背靠背; or remove with --unlink)"
    )
    assert (
        path.read_text(encoding="utf-8")
        == LINKED[: LINKED.index("  - zh: 甲")].replace(
            LINKED[LINKED.index("  - zh: 背靠背") : LINKED.index("  - zh: 甲")], ""
        )
        + LINKED[LINKED.index("  - zh: 甲") :]
    )


def test_remove_unlink_takes_the_links_away_in_the_same_write(run, write) -> None:
    path = write("terms.yaml", LINKED)
    result = run("remove", "背靠背", "--yes", "--unlink")
    assert result.exit_code == 0, result.stderr
    assert result.stderr.splitlines() == [
        "removed 背靠背 (back to back) from terms.yaml",
        "removed the see links to 背靠背 from: 甲, 乙",
    ]
    assert path.read_text(encoding="utf-8") == (
        "terms:\n  - zh: 甲\n    pinyin: jiǎ jiǎ\n    traditional: 甲\n"
        "    en: alpha\n    see: [乙]\n  - zh: 乙\n    en: beta\n"
    )
    assert [t.see for t in store.load([path]).terms] == [("乙",), ()]


MERGE_IN = "zh,en\n三股势力,three evils|three forces\n背靠背,Back To Back\n新词,new word\n"


@pytest.mark.parametrize(
    ("policy", "line", "settled", "en"),
    [
        (
            "keep",
            "kept 'three evil forces'",
            "",
            "    en:\n      - three evil forces\n      - three forces\n",
        ),
        (
            "replace",
            "replaced with 'three evils'",
            " (kept 0, replaced 1, added to 0)",
            "    en:\n      - three evils\n      - three forces\n",
        ),
        (
            "add",
            "added 'three evils' as alternatives",
            " (kept 0, replaced 0, added to 1)",
            "    en:\n      - three evil forces\n      - three forces\n      - three evils\n",
        ),
    ],
)
def test_import_merge_settles_conflicts_as_asked(
    run, small: Path, write, policy, line, settled, en
) -> None:
    write("in.csv", MERGE_IN)
    result = run("import", "csv", "in.csv", "--merge", "--on-conflict", policy)
    assert result.exit_code == 0, result.stderr
    assert result.stderr.splitlines() == [
        f"conflict: 三股势力 is 'three evil forces' here, 'three evils' in in.csv; {line}",
        f"added 1, already there 1, conflicts 1{settled}",
    ]
    assert small.read_text(encoding="utf-8") == SMALL.replace(
        "    en:\n      - three evil forces\n      - three forces\n", en
    ) + ("  - zh: 新词\n    en:\n      - new word\n")
    assert store.load([small]).terms[-1].zh == "新词"


def test_import_merge_refuses_an_unknown_conflict_rule(run, small: Path, write) -> None:
    write("in.csv", MERGE_IN)
    result = run("import", "csv", "in.csv", "--merge", "--on-conflict", "theirs")
    assert result.exit_code == 2
    assert result.stderr == (
        "glossary: error: unknown --on-conflict 'theirs'; give keep, replace or add\n"
    )
    assert small.read_text(encoding="utf-8") == SMALL


def test_a_comment_line_after_a_block_scalar_is_not_taken_as_its_own(run, write) -> None:
    text = (
        "terms:\n  - zh: 甲\n    en: a\n    definition: >\n      long text\n    # note\n    id: x\n"
    )
    path = write("terms.yaml", text)
    assert run("edit", "甲", "--definition", "short").exit_code == 0
    assert path.read_text(encoding="utf-8") == text.replace(">\n      long text", "short")
