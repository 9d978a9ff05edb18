"""The review queue: its decisions on their own, and `glossary extract --review` driven through a
real pseudo-terminal (pexpect), its screen read by a terminal emulator (pyte)."""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

import pexpect
import pyte
import pytest

from glossary.extract import extract
from glossary.extract.rejections import beside
from glossary.model import Term
from glossary.review import ACCEPT, ALTERNATIVE, REJECT, SKIP, Queue
from glossary.termfile import store
from tests.conftest import SMALL

REPO = Path(__file__).resolve().parent.parent

TWENTY = [
    ("Shanghai Five", "上海五国"),
    ("Belt and Road Initiative", "一带一路"),
    ("Eastern Theater Command", "东部战区"),
    ("Central Military Commission", "中央军事委员会"),
    ('"three warfares"', "三种战法"),
    ("military-civil fusion", "军民融合"),
    ("dual circulation strategy", "双循环战略"),
    ('"Joint Sea"', "海上联合"),
    ('"Peace Mission"', "和平使命"),
    ("common prosperity", "共同富裕"),
    ("wolf warrior diplomacy", "战狼外交"),
    ("targeted poverty alleviation", "精准扶贫"),
    ("rural revitalisation", "乡村振兴"),
    ("high-quality development", "高质量发展"),
    ("new quality productive forces", "新质生产力"),
    ("Third Plenum", "三中全会"),
    ("whole-process people's democracy", "全过程人民民主"),
    ("grid management", "网格化管理"),
    ('"lying flat"', "躺平"),
    ("Foreign Minister Wang Yi", "王毅"),
]


def article() -> str:
    return "".join(
        f"Line {n}: the report discusses the {en} ({zh}) at length.\n"
        for n, (en, zh) in enumerate(TWENTY, 1)
    )


# --- the queue on its own --------------------------------------------------------------------


def queue(text: str, known: dict[str, Term] | None = None) -> Queue:
    return Queue(extract(text, "test"), known or {})


def test_decisions_add_up_to_new_entries_renderings_and_rejections() -> None:
    known = {"三股势力": Term("三股势力", ("three evil forces",))}
    q = queue(
        "The Shanghai Five (上海五国), the three dark forces (三股势力), the former Joint "
        "Sea (海上联合) and the Peace Mission (和平使命).",
        known,
    )
    assert [q.status(i) for i in q.items] == ["new", "conflict", "new", "new"]
    assert q.decide(ACCEPT) and q.decide(ALTERNATIVE) and q.decide(REJECT) and q.decide(SKIP)
    assert q.current is None
    out = q.outcome()
    assert [(t.zh, t.en) for t in out.new] == [("上海五国", ("Shanghai Five",))]
    assert out.renderings == {"三股势力": ["three dark forces"]}
    assert out.rejected == [("海上联合", "Joint Sea")]


def test_an_alternative_needs_an_entry_that_holds_the_headword() -> None:
    q = queue("The Shanghai Five (上海五国) met.")
    assert not q.decide(ALTERNATIVE)
    assert q.current is q.items[0]


def test_undo_takes_back_one_decision_or_a_whole_accept_all() -> None:
    q = queue(
        "The Shanghai Five (上海五国), the Joint Sea (海上联合), the Peace Mission (和平使命)."
    )
    q.decide(SKIP)
    assert q.accept_all() == 2 and q.current is None
    assert q.undo() and q.position == 1
    assert [i.decision for i in q.items] == [SKIP, None, None]
    assert q.undo() and q.position == 0 and not q.undo()


def test_edits_of_rendering_headword_and_pinyin() -> None:
    q = queue("Analysts discuss the dual circulation strategy (双循环战略) at length.")
    q.cycle(1)
    assert q.current is not None and q.current.rendering == "circulation strategy"
    q.set_rendering("dual circulation")
    assert q.current.rendering == "dual circulation"
    assert not q.set_headword("no hanzi")
    assert q.set_headword("雙循環")
    assert (q.current.term.zh, q.current.term.traditional) == ("双循环", "雙循環")
    q.set_pinyin("shuāng xúnhuán")
    q.decide(ACCEPT)
    (term,) = q.outcome().new
    assert (term.zh, term.en, term.pinyin) == ("双循环", ("dual circulation",), "shuāng xúnhuán")


def test_a_headword_accepted_twice_is_one_entry_with_both_renderings() -> None:
    q = queue("The Shanghai Five (上海五国) and the Five of Shanghai (上海五国).")
    assert q.status(q.items[1]) == "new"
    q.decide(ACCEPT)
    assert q.status(q.items[1]) == "conflict"
    q.decide(ACCEPT)
    (term,) = q.outcome().new
    assert term.en == ("Shanghai Five", "Five of Shanghai")


# --- the real command on a pseudo-terminal ---------------------------------------------------


class Terminal:
    """`glossary` run on a pseudo-terminal, its screen kept by a terminal emulator."""

    def __init__(self, *args: str, cwd: Path) -> None:
        self.screen = pyte.Screen(110, 32)
        self.stream = pyte.ByteStream(self.screen)
        env = {**os.environ, "TERM": "xterm", "PYTHONPATH": str(REPO)}
        self.child = pexpect.spawn(
            sys.executable, ["-m", "glossary", *args], cwd=str(cwd), env=env, dimensions=(32, 110)
        )

    def text(self) -> str:
        return "\n".join(line.rstrip() for line in self.screen.display)

    def wait_for(self, wanted: str, timeout: float = 20) -> str:
        """Read the program's output until the screen shows ``wanted``; give the screen."""
        end = time.monotonic() + timeout
        while wanted not in self.text():
            if time.monotonic() > end:
                raise AssertionError(f"{wanted!r} never shown; the screen:\n{self.text()}")
            try:
                self.stream.feed(self.child.read_nonblocking(65536, timeout=0.2))
            except pexpect.TIMEOUT:
                continue
            except pexpect.EOF:
                break
        assert wanted in self.text(), self.text()
        return self.text()

    def press(self, keys: str, then: str) -> str:
        """Type ``keys`` and wait for the screen to show ``then``."""
        self.child.send(keys)
        return self.wait_for(then)

    def finish(self) -> tuple[int | None, str]:
        """Wait for the program to end; give its exit status and the rest of its output."""
        rest = self.child.read()  # up to EOF
        self.child.close()
        return self.child.exitstatus, rest.decode("utf-8", "replace")


def test_review_twenty_correct_two_reject_one_and_quit(tmp_path: Path, run) -> None:
    assert run("init").exit_code == 0
    (tmp_path / "article.txt").write_text(article(), encoding="utf-8")
    term = Terminal("extract", "article.txt", "--review", cwd=tmp_path)
    term.wait_for("Review 1 of 20")
    for n, (_, zh) in enumerate(TWENTY, 1):
        screen = term.wait_for(f"Review {n} of 20")
        assert zh in screen and "NEW" in screen and "Line " in screen  # the pair, its context
        if zh == "东部战区":  # correct one by typing the rendering
            term.press("e", "English: Eastern Theater Command")
            term.press("\x15Eastern Theatre Command\r", "Eastern Theatre Command")
        if zh == "双循环战略":  # and one by taking another span the extractor considered
            term.press("\t", "[2/")
            assert "circulation strategy" in term.text()
        key = {"战狼外交": "r", "网格化管理": "s"}.get(zh, "a")
        term.press(key, "All 20 pairs reviewed" if n == 20 else f"Review {n + 1} of 20")
    screen = term.wait_for("18 new entries")
    assert "1 rejected" in screen
    term.child.send("q")
    status, said = term.finish()
    assert status == 0, said
    assert "added 18 terms and 0 renderings to terms.yaml; 1 pair rejected" in said

    glossary = {t.zh: t for t in store.load([tmp_path / "terms.yaml"])}
    assert set(glossary) == {zh for _, zh in TWENTY} - {"战狼外交", "网格化管理"}
    assert glossary["东部战区"].en == ("Eastern Theatre Command",)
    assert glossary["双循环战略"].en == ("circulation strategy",)
    assert glossary["王毅"].en == ("Wang Yi",)
    assert (
        glossary["三种战法"].context
        == 'Line 5: the report discusses the "three warfares" (三种战法) at length.'
    )
    assert (
        beside(tmp_path / "terms.yaml")
        .read_text(encoding="utf-8")
        .endswith("战狼外交\twolf warrior diplomacy\n")
    )
    # The rejected pair is never proposed again; the skipped one is, as new.
    again = run("extract", "article.txt", "--format", "json")
    assert "1 pair rejected earlier left out" in again.stderr
    assert "战狼外交" not in again.stdout
    assert '"status": "new"' in again.stdout and again.stdout.count('"status": "new"') == 1


def test_review_adds_to_an_entry_undoes_and_accepts_all(tmp_path: Path, write) -> None:
    write("terms.yaml", SMALL)
    write(
        "article.txt",
        "They fought the three dark forces (三股势力). The Joint Sea (海上联合) drills. "
        "The Peace Mission (和平使命) drills. The Shanghai Spirit (上海精神) lives.\n",
    )
    term = Terminal("extract", "article.txt", "--review", cwd=tmp_path)
    screen = term.wait_for("CONFLICT")
    assert "Glossary  three evil forces; three forces" in screen
    term.press("+", "Review 2 of 4")
    term.press("a", "Review 3 of 4")
    term.press("u", "Review 2 of 4")  # the Joint Sea again
    assert "海上联合" in term.text()
    term.press("s", "Review 3 of 4")
    term.press("A", "All 4 pairs reviewed")
    term.child.send("q")
    status, said = term.finish()
    assert status == 0, said
    glossary = {t.zh: t for t in store.load([tmp_path / "terms.yaml"])}
    assert glossary["三股势力"].en == ("three evil forces", "three forces", "three dark forces")
    assert "海上联合" not in glossary
    assert glossary["和平使命"].en == ("Peace Mission",) and "上海精神" in glossary


def test_review_quit_with_ctrl_c_writes_nothing(tmp_path: Path, write) -> None:
    path = write("terms.yaml", SMALL)
    before = path.read_bytes()
    write("article.txt", "The Shanghai Spirit (上海精神) and the Joint Sea (海上联合).\n")
    term = Terminal("extract", "article.txt", "--review", cwd=tmp_path)
    term.wait_for("Review 1 of 2")
    term.press("a", "Review 2 of 2")
    term.press("r", "All 2 pairs reviewed")
    term.child.send("\x03")
    status, said = term.finish()
    assert status == 0 and "nothing was written" in said
    assert path.read_bytes() == before
    assert not beside(path).exists()


def test_review_quit_halfway_saves_what_was_accepted(tmp_path: Path, write) -> None:
    path = write("terms.yaml", SMALL)
    write("article.txt", "The Shanghai Spirit (上海精神) and the Joint Sea (海上联合).\n")
    term = Terminal("extract", "article.txt", "--review", cwd=tmp_path)
    term.wait_for("Review 1 of 2")
    term.press("h", "Headword: 上海精神")
    term.press("\x15上海精神論\r", "上海精神论")  # a traditional headword typed: simplified
    term.press("p", "Pinyin:")
    term.press("\x15shànghǎi jīngshén lùn\r", "shànghǎi jīngshén lùn")
    term.press("a", "Review 2 of 2")
    term.child.send("q")
    status, said = term.finish()
    assert status == 0, said
    added = store.load([path]).terms[-1]
    assert (added.zh, added.traditional, added.pinyin, added.en) == (
        "上海精神论",
        "上海精神論",
        "shànghǎi jīngshén lùn",
        ("Shanghai Spirit",),
    )
    assert "海上联合" not in {t.zh for t in store.load([path])}


@pytest.mark.parametrize("flag", ["--review", "--interactive", "-i"])
def test_review_refuses_without_a_terminal(run, write, flag: str) -> None:
    path = write("terms.yaml", SMALL)
    before = path.read_bytes()
    write("article.txt", "The Shanghai Spirit (上海精神).\n")
    result = run("extract", "article.txt", flag)
    assert result.exit_code == 2
    assert result.stderr.endswith(
        "error: --review needs a terminal; use --add, or --format yaml piped to add -\n"
    )
    assert path.read_bytes() == before
