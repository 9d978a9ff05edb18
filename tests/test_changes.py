"""Writes that respect the file: surgical, checked, atomic, serialised."""

from __future__ import annotations

import difflib
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
import yaml

from glossary.errors import GlossaryFileError, NotFoundError, UsageError
from glossary.model import Term
from glossary.termfile import changes, edit, outputs, safewrite, store

HAND_WRITTEN = textwrap.dedent(
    """\
    # My reading notes on Sino-Russian ties.
    title: 'Notes'   # quoted on purpose

    terms:
    # --- from the Stanzel article ---
    - zh: 三股势力
      # the SCO's own phrase
      pinyin: sān gǔ shìlì
      en: [three evil forces, "three forces"]
      tags: [sco]

    - zh: 特殊友军
      en:
      - special friendly armies   # the author's rendering
      definition: >
        A tie closer than
        an ordinary partnership.

    # trailing note, kept
    """
)


@pytest.fixture
def notes(tmp_path: Path) -> Path:
    path = tmp_path / "terms.yaml"
    path.write_text(HAND_WRITTEN, encoding="utf-8")
    return path


def changed_lines(before: str, after: str) -> list[str]:
    """Give the +/- lines of a diff, without the headers."""
    diff = difflib.unified_diff(before.splitlines(), after.splitlines(), lineterm="", n=0)
    return [line for line in diff if line[:1] in "+-" and line[:3] not in ("+++", "---")]


def test_add_changes_only_the_new_lines(notes: Path) -> None:
    term = Term(zh="背靠背", en=("back to back",), pinyin="bèikàobèi", tags=("military",))
    changes.add_terms(notes, [term])
    after = notes.read_text(encoding="utf-8")
    new_entry = (
        "\n- zh: 背靠背\n  pinyin: bèikàobèi\n  en:\n    - back to back\n  tags: [military]\n"
    )
    at = HAND_WRITTEN.index("\n# trailing note")
    assert after == HAND_WRITTEN[:at] + new_entry + HAND_WRITTEN[at:]
    assert [t.zh for t in store.load([notes])] == ["三股势力", "特殊友军", "背靠背"]


def test_edit_touches_only_the_changed_fields(notes: Path) -> None:
    edits = changes.Edits(set_fields={"traditional": "特殊友軍"}, add={"en": ("special friends",)})
    changes.change_term(notes, "特殊友军", edits.apply)
    after = notes.read_text(encoding="utf-8")
    assert changed_lines(HAND_WRITTEN, after) == [
        "+  traditional: 特殊友軍",
        "+  - special friends",
    ]
    term = store.load([notes]).terms[1]
    assert term.en == ("special friendly armies", "special friends")
    assert term.definition == "A tie closer than an ordinary partnership.\n"


def test_edit_rewrites_a_reordered_list_and_keeps_its_neighbours(notes: Path) -> None:
    edits = changes.Edits(prefer="three forces", remove={"tags": ("sco",)})
    changes.change_term(notes, "三股势力", edits.apply)
    after = notes.read_text(encoding="utf-8")
    assert changed_lines(HAND_WRITTEN, after) == [
        '-  en: [three evil forces, "three forces"]',
        "-  tags: [sco]",
        "+  en:",
        "+    - three forces",
        "+    - three evil forces",
    ]
    assert "  # the SCO's own phrase\n" in after


def test_remove_takes_exactly_the_entry_lines(notes: Path) -> None:
    removed = changes.remove_term(notes, "三股势力")
    assert removed.preferred == "three evil forces"
    after = notes.read_text(encoding="utf-8")
    start = HAND_WRITTEN.index("- zh: 三股势力")
    end = HAND_WRITTEN.index("\n\n- zh: 特殊友军") + 1
    assert after == HAND_WRITTEN[:start] + HAND_WRITTEN[end:]


def test_remove_between_spaced_entries_takes_one_blank_line(tmp_path: Path) -> None:
    path = tmp_path / "terms.yaml"
    path.write_text(
        "terms:\n\n  - zh: 甲\n    en: a\n\n  - zh: 乙\n    en: b\n\n  - zh: 丙\n    en: c\n"
    )
    changes.remove_term(path, "乙")
    assert path.read_text() == "terms:\n\n  - zh: 甲\n    en: a\n\n  - zh: 丙\n    en: c\n"


def test_remove_the_last_entry_keeps_trailing_comments(notes: Path) -> None:
    changes.remove_term(notes, "特殊友军")
    after = notes.read_text(encoding="utf-8")
    assert after.endswith("  tags: [sco]\n\n# trailing note, kept\n")
    assert [t.zh for t in store.load([notes])] == ["三股势力"]


def test_crlf_files_stay_crlf(tmp_path: Path) -> None:
    path = tmp_path / "terms.yaml"
    original = HAND_WRITTEN.replace("\n", "\r\n").encode("utf-8")
    path.write_bytes(original)
    changes.add_terms(path, [Term(zh="背靠背", en=("back to back",))])
    changes.change_term(path, "三股势力", changes.Edits(add={"tags": ("x",)}).apply)
    data = path.read_bytes()
    assert b"\n" not in data.replace(b"\r\n", b"")
    assert data.startswith(original[:40])


def test_empty_list_and_template(tmp_path: Path) -> None:
    from glossary.termfile import yamltext

    path = tmp_path / "terms.yaml"
    path.write_text(yamltext.template("T"), encoding="utf-8")
    changes.add_terms(path, [Term(zh="甲", en=("a",))])
    changes.add_terms(path, [Term(zh="乙", en=("b",))])
    text = path.read_text(encoding="utf-8")
    assert text.endswith(
        "title: T\nterms:\n  - zh: 甲\n    en:\n      - a\n  - zh: 乙\n    en:\n      - b\n"
    )


def test_what_is_written_loads_the_same_with_both_loaders(notes: Path) -> None:
    tricky = Term(
        zh="中俄对话:2018 模式",
        en=("Russia China Dialogue: 2018 Modus operandi", "yes", "why?", "a #b", "- dash"),
        definition="Line one\nline two",
        tags=("a, b", "[x]"),
        see=("三股势力",),
    )
    changes.add_terms(notes, [tricky])
    text = notes.read_text(encoding="utf-8")
    fast = yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    assert fast == yaml.load(text, Loader=yaml.SafeLoader)
    assert store.load([notes]).terms[-1] == tricky


def test_duplicate_is_refused_and_the_file_is_untouched(notes: Path) -> None:
    before = notes.read_bytes()
    with pytest.raises(UsageError, match="already in"):
        changes.add_terms(notes, [Term(zh="三股势力", en=("x",))])
    with pytest.raises(UsageError, match="given twice"):
        changes.add_terms(notes, [Term(zh="甲", en=("x",)), Term(zh="甲", en=("y",))])
    assert notes.read_bytes() == before


def test_unknown_headword(notes: Path) -> None:
    with pytest.raises(NotFoundError):
        changes.change_term(notes, "不存在", lambda t: t)
    with pytest.raises(NotFoundError):
        changes.remove_term(notes, "三股")


def test_a_broken_file_is_not_edited(tmp_path: Path) -> None:
    path = tmp_path / "terms.yaml"
    path.write_text("terms:\n  - zh: 甲\n    en: a\n    defintion: x\n", encoding="utf-8")
    before = path.read_bytes()
    with pytest.raises(GlossaryFileError, match="unknown key"):
        changes.add_terms(path, [Term(zh="乙", en=("b",))])
    assert path.read_bytes() == before


def test_interrupted_change_leaves_the_file_and_no_leftovers(notes: Path) -> None:
    before = notes.read_bytes()

    def interrupted(text: str) -> str:
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        safewrite.update(notes, interrupted)
    assert notes.read_bytes() == before
    assert sorted(p.name for p in notes.parent.iterdir()) == [".terms.yaml.lock", "terms.yaml"]


def test_a_file_changed_meanwhile_is_not_overwritten(notes: Path) -> None:
    def meanwhile(text: str) -> str:
        notes.write_text(text + "# an editor saved this\n", encoding="utf-8")
        return text + "# ours\n"

    with pytest.raises(GlossaryFileError, match="changed on disk"):
        safewrite.update(notes, meanwhile)
    assert notes.read_text(encoding="utf-8").endswith("# an editor saved this\n")


def test_a_held_lock_times_out_cleanly(notes: Path) -> None:
    before = notes.read_bytes()
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys, time, filelock\n"
            f"with filelock.FileLock({str(notes.with_name('.terms.yaml.lock'))!r}):\n"
            "    print('held', flush=True)\n"
            "    time.sleep(30)\n",
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline() == "held\n"
        with pytest.raises(GlossaryFileError, match="another command has been writing"):
            safewrite.update(notes, lambda text: text + "# x\n", timeout=0.3)
    finally:
        holder.kill()
        holder.wait()
    assert notes.read_bytes() == before


def test_a_full_disk_leaves_the_file_as_it_was(notes: Path) -> None:
    """A write that fails half-way (here: a file-size limit, as a full disk would) changes nothing."""
    before = notes.read_bytes()
    script = (
        "import resource, signal, sys\n"
        "from pathlib import Path\n"
        "from glossary.termfile import changes\n"
        "from glossary.model import Term\n"
        "signal.signal(signal.SIGXFSZ, signal.SIG_IGN)\n"
        "resource.setrlimit(resource.RLIMIT_FSIZE, (100, 100))\n"
        f"changes.add_terms(Path({str(notes)!r}), [Term(zh='背靠背', en=('back to back',))])\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=60, check=False
    )
    assert result.returncode != 0
    assert "GlossaryFileError" in result.stderr and "nothing was changed" in result.stderr
    assert notes.read_bytes() == before
    assert [p.name for p in notes.parent.iterdir() if p.suffix == ".tmp"] == []


def test_twenty_concurrent_adds_all_land(notes: Path) -> None:
    procs = [
        subprocess.Popen(
            [
                sys.executable,
                "-m",
                "glossary",
                "-g",
                str(notes),
                "add",
                f"词{i}",
                "--en",
                f"word {i}",
                "--pinyin",
                "cí",
                "--traditional",
                f"詞{i}",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
        for i in range(20)
    ]
    for proc in procs:
        _, err = proc.communicate(timeout=120)
        assert proc.returncode == 0, err
    headwords = [t.zh for t in store.load([notes])]
    assert sorted(headwords[2:]) == sorted(f"词{i}" for i in range(20))
    assert headwords[:2] == ["三股势力", "特殊友军"]


def test_symlinked_glossary_is_written_through(tmp_path: Path, notes: Path) -> None:
    link = tmp_path / "link.yaml"
    link.symlink_to(notes)
    changes.add_terms(link, [Term(zh="背靠背", en=("back to back",))])
    assert link.is_symlink()
    assert "背靠背" in notes.read_text(encoding="utf-8")


def test_large_files_are_checked_where_they_change(tmp_path: Path, monkeypatch) -> None:
    """Above the whole-file threshold, add/edit/remove parse only the entries they touch."""
    monkeypatch.setattr(changes, "WHOLE_CHECK_BYTES", 0)
    path = tmp_path / "terms.yaml"
    path.write_text(HAND_WRITTEN, encoding="utf-8")
    changes.add_terms(path, [Term(zh="背靠背", en=("back to back",))])
    with pytest.raises(UsageError):
        changes.add_terms(path, [Term(zh="特殊友军", en=("x",))])
    changes.change_term(path, "特殊友军", changes.Edits(add={"tags": ("x",)}).apply)
    changes.remove_term(path, "三股势力")
    assert [t.zh for t in store.load([path])] == ["特殊友军", "背靠背"]
    assert store.load([path]).terms[0].tags == ("x",)


def test_layout_of_an_unusual_file(tmp_path: Path) -> None:
    text = "terms:\n    -   zh: 甲\n        en: a\ntitle: after the list\n"
    layout = edit.scan(text, "t.yaml")
    assert layout.item_indent == "    "
    assert layout.block_end == text.index("title:")
    found = layout.find("甲")
    assert found is not None
    assert (found.start, found.end, found.line) == (7, text.index("title:"), 2)
    assert layout.starts == (7,)


def test_flow_style_terms_are_refused_with_a_hint(tmp_path: Path) -> None:
    path = tmp_path / "terms.yaml"
    path.write_text("terms: [{zh: 甲, en: a}]\n", encoding="utf-8")
    with pytest.raises(GlossaryFileError, match="block list"):
        changes.add_terms(path, [Term(zh="乙", en=("b",))])


def test_merge_plan_reports_conflicts() -> None:
    old = [Term(zh="甲", en=("a",)), Term(zh="乙", en=("b",))]
    new, same, conflicts = changes.merge_plan(
        old, [Term(zh="甲", en=("A",)), Term(zh="乙", en=("c",)), Term(zh="丙", en=("d",))]
    )
    assert [t.zh for t in new] == ["丙"]
    assert [t.zh for t in same] == ["甲"]
    assert [(o.zh, n.preferred) for o, n in conflicts] == [("乙", "c")]


def test_edits_that_cannot_be_made() -> None:
    term = Term(zh="甲", en=("a",))
    with pytest.raises(UsageError, match="no English rendering left"):
        changes.Edits(remove={"en": ("a",)}).apply(term)
    with pytest.raises(UsageError, match="has no en 'b'"):
        changes.Edits(remove={"en": ("b",)}).apply(term)
    assert (
        changes.Edits(set_fields={"definition": ""})
        .apply(Term(zh="甲", en=("a",), definition="x"))
        .definition
        is None
    )


def test_fill_missing_marks_what_it_generated() -> None:
    term, generated = changes.fill_missing(Term(zh="背对背", en=("back to back",)))
    assert generated == ("pinyin", "traditional")
    assert (term.pinyin, term.traditional) == ("bèi duì bèi", "背對背")
    kept, none = changes.fill_missing(
        Term(zh="空地", en=("x",), pinyin="kōngdì", traditional="空地")
    )
    assert none == () and kept.pinyin == "kōngdì"


@pytest.mark.parametrize(
    "text",
    [
        "terms:\n- zh: 甲\n  en: a\n- zh: 乙\n  en: b\ntitle: t\n",
        "title: t\nterms:\n\n  # note\n  - zh: 甲\n    en: a\n\n  -\n    zh: 乙\n    en: b\n",
        "terms:\n  - zh: 甲\n    en: a\n    definition: |\n      - not an item\n      -x\n  - zh: 乙\n    en: b\n",
    ],
    ids=["flush-left", "dash-alone", "block-scalar"],
)
def test_layout_finds_every_entry(text: str) -> None:
    layout = edit.scan(text, "t.yaml")
    spans = layout.spans()
    assert len(spans) == 2
    for span, zh in zip(spans, ["甲", "乙"], strict=True):
        term = layout.parse(span)
        assert term is not None and term.zh == zh
        assert layout.find(zh) == span


def test_new_files_get_the_usual_permissions(tmp_path: Path) -> None:
    path = tmp_path / "out.md"
    outputs.write_file(path, "x")
    mask = os.umask(0)
    os.umask(mask)
    assert path.stat().st_mode & 0o777 == 0o666 & ~mask
