"""Loading: every problem is located (file:line:col), exits 3 and shows no traceback."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import Result

from glossary import paths
from glossary.errors import GlossaryFileError
from glossary.termfile import store
from tests.conftest import SHIPPED, SMALL


def load_error(write: Callable[..., Path], run: Callable[..., Result], text: str | bytes) -> str:
    """Write ``text`` as terms.yaml, search it, and give the one-line error it produced."""
    write("terms.yaml", text)
    result = run("search", "sangu")
    assert result.exit_code == 3, result.output
    assert result.stdout == ""
    assert "Traceback" not in result.stderr
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    return lines[0]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "terms:\n  - zh: 三股势力\n    en: [three evil forces\n",
            "glossary: terms.yaml:4:1: error: YAML syntax: ",
        ),
        (
            "terms:\n  - zh: 三股势力\n    en: x\n    defintion: y\n",
            "glossary: terms.yaml:4:5: error: unknown key 'defintion' in an entry; "
            "did you mean 'definition'?",
        ),
        (
            "terms:\n  - en: three evil forces\n",
            "glossary: terms.yaml:2:5: error: this entry has no 'zh'; add a line like 'zh: 三股势力'",
        ),
        (
            "terms:\n  - zh: 三股势力\n    pinyin: sān gǔ shìlì\n",
            "glossary: terms.yaml:2:5: error: 三股势力 has no 'en'; "
            "add a line like 'en: three evil forces'",
        ),
        (
            "terms:\n  - zh: 三股势力\n    en: []\n",
            "glossary: terms.yaml:3:9: error: 'en' of 三股势力 is empty",
        ),
        (
            "terms:\n  - zh: [三股势力]\n    en: x\n",
            "glossary: terms.yaml:2:9: error: expected text here, found a list or mapping",
        ),
        (
            "terms:\n  - zh: 三股势力\n    en: {a: b}\n",
            "glossary: terms.yaml:3:9: error: expected a list of text, or one text, found a mapping",
        ),
        (
            "terms:\n  - zh: 三股势力\n    en: x\n  - zh: 三股势力\n    en: y\n",
            "glossary: terms.yaml:4:5: error: duplicate headword '三股势力' (first at line 2); "
            "merge the two entries or remove one",
        ),
        (
            "terms:\n  - zh: 三股势力\n    en: x\n    en: y\n",
            "glossary: terms.yaml:4:5: error: key 'en' appears twice (first at line 3)",
        ),
        (
            "terms: three evil forces\n",
            "glossary: terms.yaml:1:8: error: 'terms' must be a list of entries, "
            "each starting with '- zh:'",
        ),
        (
            "- zh: 三股势力\n",
            "glossary: terms.yaml:1:1: error: the glossary must be a mapping of 'key: value' lines",
        ),
        (
            "title: x\n",
            "glossary: terms.yaml:1:1: error: the glossary has no 'terms:' list; "
            "add 'terms:' with entries",
        ),
        (
            "titel: x\nterms: []\n",
            "glossary: terms.yaml:1:1: error: unknown key 'titel' in the glossary; "
            "did you mean 'title'?",
        ),
        (
            "# only a comment\n\n",
            "glossary: terms.yaml:1:1: error: the glossary file is empty; "
            "start it with 'terms:' and a list of entries (see the README)",
        ),
        (
            "terms:\n  - zh: 三股势力\n    en: !!python/object:os.system x\n",
            "glossary: terms.yaml:3:9: error: unsupported YAML tag "
            "'!!python/object:os.system'; remove the tag; values are text",
        ),
        (
            "terms: []\n---\nterms: []\n",
            "glossary: terms.yaml:2:1: error: YAML syntax: ",
        ),
        (
            "title: 三股势力\nterms:\n  - zh: 特殊友军\n    en: x\n".encode("gb18030"),
            "glossary: terms.yaml:1:8: error: the file is not UTF-8 (byte 0xc8): it looks like "
            "GB18030 text; convert it to UTF-8 first: "
            "iconv -f GB18030 -t UTF-8 terms.yaml > terms.utf8.yaml",
        ),
    ],
    ids=[
        "syntax",
        "misspelt-key",
        "no-zh",
        "no-en",
        "empty-en",
        "zh-list",
        "en-mapping",
        "duplicate-headword",
        "duplicate-key",
        "terms-not-list",
        "top-is-list",
        "no-terms",
        "misspelt-top-key",
        "empty-file",
        "unsafe-tag",
        "second-document",
        "not-utf8",
    ],
)
def test_load_errors_are_located(write, run, text: str | bytes, expected: str) -> None:
    assert load_error(write, run, text).startswith(expected)


def test_missing_file(run) -> None:
    result = run("-g", "nowhere.yaml", "search", "x")
    assert result.exit_code == 3
    assert result.stderr.startswith("glossary: error: no glossary at nowhere.yaml; ")
    assert "Traceback" not in result.stderr


def test_alias_bomb_is_refused_quickly(write, run) -> None:
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 10) + "]" for i in range(1, 10)]
    text = "\n".join(lines) + "\nterms:\n  - zh: 三股势力\n    en: *a9\n"
    message = load_error(write, run, text)
    assert message.startswith("glossary: terms.yaml:1:1: error: unknown key 'a0'")


def test_alias_inside_a_list_field_is_refused(write, run) -> None:
    text = "terms:\n  - zh: 三股势力\n    en: &e [[a, b]]\n  - zh: 背靠背\n    en: *e\n"
    assert load_error(write, run, text).startswith(
        "glossary: terms.yaml:3:13: error: each item of this list must be text (and 1 more"
    )


def test_more_problems_are_counted(write, run) -> None:
    text = "terms:\n  - zh: a\n    enn: x\n  - zh: b\n"
    message = load_error(write, run, text)
    assert "(and 2 more problems in this file)" in message


def test_byte_order_mark_and_crlf_are_accepted(write) -> None:
    path = write("terms.yaml", ("\ufeff" + SMALL).replace("\n", "\r\n").encode("utf-8"))
    glossary = store.load([path])
    assert [t.zh for t in glossary] == ["三股势力", "特殊友军", "背靠背"]


def test_scalars_stay_text(write) -> None:
    path = write("terms.yaml", "terms:\n  - zh: 二零一八\n    en: 2018\n    literal: yes\n")
    (term,) = store.load([path])
    assert term.en == ("2018",)
    assert term.literal == "yes"


def test_fields_are_loaded_with_location(write) -> None:
    glossary = store.load([write("terms.yaml", SMALL)])
    first, second, third = glossary
    assert glossary.title == "Test glossary"
    assert first.en == ("three evil forces", "three forces")
    assert first.tags == ("security", "sco")
    assert second.en == ("special friendly armies",)
    assert second.key == "special-friendly-armies"
    assert third.location is not None and third.location.line == 16


def test_a_term_is_the_same_wherever_it_was_read(write) -> None:
    text = SMALL.replace("terms:\n", "terms:\n  - zh: 上海五国\n    en: Shanghai Five\n", 1)
    moved = store.load([write("moved.yaml", text)]).terms[1:]
    original = store.load([write("terms.yaml", SMALL)]).terms
    assert moved == original and hash(moved) == hash(original)
    assert [t.location for t in moved] != [t.location for t in original]
    first = original[0]
    changed = first.replace(id="sgsl")
    assert changed != first and (changed.key, changed.zh) == ("sgsl", first.zh)
    assert (changed.location, changed.locations) == (first.location, first.locations)
    with pytest.raises(AttributeError, match="cannot be changed"):
        first.zh = "三股"  # type: ignore[misc]
    assert first.zh == "三股势力"


def test_several_files_are_searched_together(write, run) -> None:
    write("a.yaml", SMALL)
    write("b.yaml", "terms:\n  - zh: 上海五国\n    pinyin: Shànghǎi Wǔguó\n    en: Shanghai Five\n")
    result = run("-g", "a.yaml", "-g", "b.yaml", "search", "shanghai")
    assert result.exit_code == 0
    assert result.stdout.startswith("上海五国\t")


def test_resolution_order(tmp_path: Path) -> None:
    local = tmp_path / "terms.yaml"
    assert paths.resolve(["x.yaml"], {"GLOSSARY_FILE": "env.yaml"}, tmp_path) == [Path("x.yaml")]
    assert paths.resolve([], {"GLOSSARY_FILE": "env.yaml"}, tmp_path) == [Path("env.yaml")]
    assert paths.resolve([], {}, tmp_path) == [paths.shipped_path()]
    local.write_text(SMALL, encoding="utf-8")
    assert paths.resolve([], {}, tmp_path) == [local]


def test_environment_variable_is_used(write, run, monkeypatch) -> None:
    path = write("elsewhere.yaml", SMALL)
    monkeypatch.setenv("GLOSSARY_FILE", str(path))
    assert run("search", "back to back").stdout.startswith("背靠背\t")


def test_shipped_glossary_is_the_repository_file() -> None:
    assert paths.shipped_path().resolve() == SHIPPED.resolve()
    assert paths.shipped_path().read_bytes() == SHIPPED.read_bytes()


def test_load_file_raises_the_first_problem(write) -> None:
    path = write("terms.yaml", "terms:\n  - zh: a\n")
    with pytest.raises(GlossaryFileError) as caught:
        store.load_file(path)
    assert str(caught.value.where) == "terms.yaml:2:5"
