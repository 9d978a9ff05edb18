"""The general dictionary beneath the user's glossary: lookups, labels, attribution, and
dictionaries added, removed, missing or damaged."""

from __future__ import annotations

import gzip
import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import Result

from .conftest import SMALL, cedict_lines

pytestmark = pytest.mark.usefixtures("dictionary")

CREDIT = "CC-CEDICT (CC BY-SA 4.0)"


def _glossary(*args: str, cwd: Path, env: dict[str, str] | None = None) -> tuple[int, str, str]:
    """Run the installed command as a user does (the fast path included)."""
    done = subprocess.run(
        [sys.executable, "-m", "glossary", *args],
        cwd=cwd,
        env={**os.environ, **(env or {})},
        capture_output=True,
        text=True,
        timeout=120,
    )
    return done.returncode, done.stdout, done.stderr


def test_a_word_outside_the_glossary_is_answered_from_cc_cedict(tmp_path: Path) -> None:
    code, out, err = _glossary("search", "人权", "-n", "3", cwd=tmp_path)
    assert code == 0, err
    first = out.splitlines()[0].split("\t")
    assert first == ["人权", "rén quán", "human rights", CREDIT]
    assert all(line.endswith(CREDIT) for line in out.splitlines())


def test_toneless_pinyin_of_an_idiom_finds_it(tmp_path: Path) -> None:
    code, out, _ = _glossary("search", "taoguangyanghui", cwd=tmp_path)
    assert code == 0
    assert out.startswith("韬光养晦\ttāo guāng yǎng huì\tto conceal one's strengths")


def test_show_of_a_dictionary_word_says_where_it_comes_from(run: Callable[..., Result]) -> None:
    shown = run("show", "韬光养晦", "-f", "plain")
    assert shown.exit_code == 0
    assert "zh: 韬光养晦\n" in shown.stdout
    assert shown.stdout.endswith(
        "from: CC-CEDICT, CC BY-SA 4.0, https://cc-cedict.org/wiki/ (not in your glossary)\n"
    )
    md = run("show", "韬光养晦", "-f", "md").stdout
    assert md.startswith("**韬光养晦** (韜光養晦) *tāo guāng yǎng huì*")
    assert md.endswith("*From CC-CEDICT, CC BY-SA 4.0, https://cc-cedict.org/wiki/.*\n")
    data = json.loads(run("show", "taoguangyanghui", "-f", "json").stdout)
    assert data["zh"] == "韬光养晦"
    assert data["origin"] == {
        "name": "CC-CEDICT",
        "kind": "dictionary",
        "licence": "CC BY-SA 4.0",
        "url": "https://cc-cedict.org/wiki/",
    }


def test_every_json_result_carries_its_source(run: Callable[..., Result]) -> None:
    found = json.loads(run("search", "sangu", "-f", "json", "-n", "5").stdout)
    assert found[0]["zh"] == "三股势力"
    assert found[0]["origin"] == {"name": "terms.yaml", "kind": "glossary"}
    rest = found[1:]
    assert rest and all(item["origin"]["licence"] == "CC BY-SA 4.0" for item in rest)
    lines = run("search", "人权", "-f", "jsonl", "-n", "2").stdout.splitlines()
    assert [json.loads(line)["origin"]["name"] for line in lines] == ["CC-CEDICT"] * 2


def test_the_table_has_a_source_column_and_credits_the_dictionary(
    run: Callable[..., Result],
) -> None:
    table = run("search", "sangu", "-f", "table", "-n", "3").stdout
    header = [cell.strip() for cell in table.splitlines()[0].split("┃")]
    assert header == ["Chinese", "Pinyin", "English", "Matched", "Source"]
    assert "terms.yaml" in table.splitlines()[2]
    assert "From CC-CEDICT, CC BY-SA 4.0, https://cc-cedict.org/wiki/" in table


def test_your_own_entries_come_first_and_hide_the_dictionarys(
    write: Callable[..., Path], run: Callable[..., Result]
) -> None:
    write(
        "terms.yaml",
        "terms:\n  - zh: 人权\n    pinyin: rénquán\n    en: [human rights (our house style)]\n"
        "  - zh: 人权观察\n    pinyin: Rénquán Guānchá\n    en: [HRW]\n",
    )
    lines = run("search", "renquan", "-f", "plain", "-n", "4").stdout.splitlines()
    assert lines[0] == "人权\trénquán\thuman rights (our house style)\tterms.yaml"
    assert lines[1].startswith("人权观察\tRénquán Guānchá\tHRW\tterms.yaml")
    assert all(line.endswith(CREDIT) for line in lines[2:])
    assert not any(line.startswith("人权\t") for line in lines[1:])  # hidden beneath yours
    shown = run("show", "人权", "-f", "plain").stdout
    assert "en: human rights (our house style)" in shown and "from:" not in shown


@pytest.mark.parametrize(
    "how", [["--no-dict"], ["GLOSSARY_DICT=none"], ["GLOSSARY_DICT=none", "--no-dict"]]
)
def test_no_dict_and_glossary_dict_none_turn_the_layer_off(how: list[str], tmp_path: Path) -> None:
    flags = [h for h in how if h.startswith("--")]
    env = dict(h.split("=") for h in how if "=" in h)
    code, out, err = _glossary("search", "人权", *flags, cwd=tmp_path, env=env)
    assert (code, out, err) == (1, "", "glossary: nothing matches '人权'\n")
    code, out, _ = _glossary("search", "sangu", *flags, cwd=tmp_path, env=env)
    assert out == "三股势力\tsān gǔ shìlì\tthree evil forces\n"  # no source column


def test_dict_turns_it_on_against_the_environment(tmp_path: Path) -> None:
    code, out, _ = _glossary(
        "search", "人权", "--dict", "-n", "1", cwd=tmp_path, env={"GLOSSARY_DICT": "none"}
    )
    assert (code, out) == (0, f"人权\trén quán\thuman rights\t{CREDIT}\n")


@pytest.mark.parametrize(
    "args",
    [
        ["search", "人权", "-n", "3"],
        ["search", "renquan", "--no-dict"],
        ["search", "shi", "--dict", "-f", "json", "-n", "2"],
        ["-g", "small.yaml", "search", "back", "-n", "3"],
    ],
)
def test_both_routes_say_the_same_with_the_dictionary(args: list[str], tmp_path: Path) -> None:
    (tmp_path / "small.yaml").write_text(SMALL, encoding="utf-8")
    lean = _glossary(*args, cwd=tmp_path)
    typer = _glossary(*args, cwd=tmp_path, env={"GLOSSARY_TYPER_ONLY": "1"})
    assert lean == typer


def _newer_release(folder: Path) -> Path:
    """Write a small CEDICT file of real CC-CEDICT lines, one gloss changed, as a newer
    release would change it."""
    lines = cedict_lines("人权", "韬光养晦").replace("/human rights/", "/human rights (2025)/")
    path = folder / "cedict-2025.u8"
    path.write_text(
        "#! license=https://creativecommons.org/licenses/by-sa/4.0/\n" + lines, encoding="utf-8"
    )
    return path


def test_an_added_dictionary_sits_above_the_built_in_one(
    tmp_path: Path, run: Callable[..., Result]
) -> None:
    newer = _newer_release(tmp_path)
    added = run("dict", "add", str(newer), "--name", "CEDICT-2025")
    assert added.exit_code == 0, added.stderr
    assert "added the dictionary CEDICT-2025" in added.stderr
    listed = run("dict", "list", "-f", "plain").stdout.splitlines()
    assert [line.split("\t")[0] for line in listed] == ["CEDICT-2025", "CC-CEDICT"]
    assert listed[0].split("\t")[2] == "https://creativecommons.org/licenses/by-sa/4.0/"
    found = run("search", "人权", "-f", "plain", "-n", "2").stdout.splitlines()
    assert found[0].startswith("人权\trén quán\thuman rights (2025)\tCEDICT-2025")
    assert found[1].endswith(CREDIT)  # 人权法 and the rest: from the built-in one
    assert run("dict", "remove", "CEDICT-2025").exit_code == 0
    found = run("search", "人权", "-f", "plain", "-n", "1").stdout
    assert found == f"人权\trén quán\thuman rights\t{CREDIT}\n"


def test_the_built_in_dictionary_can_be_removed_and_brought_back(
    run: Callable[..., Result],
) -> None:
    assert run("dict", "remove", "CC-CEDICT").exit_code == 0
    assert run("search", "人权").exit_code == 1
    assert run("dict", "list", "-f", "plain").stdout == ""
    assert run("dict", "add", "--builtin").exit_code == 0
    assert run("search", "人权").exit_code == 0


def test_a_glossary_file_can_be_a_lower_layer(
    write: Callable[..., Path], run: Callable[..., Result]
) -> None:
    team = write("team.yaml", SMALL.replace("special friendly armies", "friendly special forces"))
    write("terms.yaml", "terms:\n  - zh: 背靠背\n    pinyin: bèikàobèi\n    en: [back-to-back]\n")
    assert run("dict", "add", str(team), "--name", "team").exit_code == 0
    found = run("search", "teshu youjun", "-f", "plain", "-n", "1").stdout
    assert found == "特殊友军\ttèshū yǒujūn\tfriendly special forces\tteam\n"
    found = run("search", "beikaobei", "-f", "plain", "-n", "1").stdout
    assert found == "背靠背\tbèikàobèi\tback-to-back\tterms.yaml\n"


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("garbage.u8", b"\x00\x01\xfe\xff" * 100, "the dictionary garbage cannot be read"),
        ("cut.u8.gz", gzip.compress(b"x" * 10_000)[:40], "the dictionary cut cannot be read"),
        ("prose.txt", "这不是词典。\n" * 50, "not a CEDICT line: '这不是词典。'"),
        ("empty.u8", "# only comments\n", "no CEDICT entries in it"),
    ],
)
def test_a_file_that_is_no_dictionary_is_refused_clearly(
    name: str,
    content: str | bytes,
    message: str,
    write: Callable[..., Path],
    run: Callable[..., Result],
) -> None:
    bad = write(name, content)
    added = run("dict", "add", str(bad))
    assert added.exit_code == 3
    assert message in added.stderr
    assert "Traceback" not in added.stderr
    assert added.stderr.splitlines()[-1].startswith(f"glossary: {name}:")  # one line, located
    listed = run("dict", "list", "-f", "plain").stdout.splitlines()
    assert [line.split("\t")[0] for line in listed] == ["CC-CEDICT"]  # not listed


def test_a_missing_file_is_refused(run: Callable[..., Result]) -> None:
    added = run("dict", "add", "nowhere.u8")
    assert added.exit_code == 3
    assert (
        added.stderr
        == "glossary: error: no dictionary at nowhere.u8; give a CEDICT-format or glossary file\n"
    )


def test_a_dictionary_gone_missing_never_breaks_your_own_lookups(
    tmp_path: Path, run: Callable[..., Result]
) -> None:
    newer = _newer_release(tmp_path)
    assert run("dict", "add", str(newer), "--name", "newer").exit_code == 0
    newer.unlink()
    code, out, err = _glossary("search", "sangu", "-n", "1", cwd=tmp_path)
    assert (code, out) == (0, "三股势力\tsān gǔ shìlì\tthree evil forces\tterms.yaml\n")
    assert err.startswith("glossary: warning: cedict-2025.u8:1:1: cannot read the dictionary newer")
    assert err.endswith("; left out of this lookup\n")
    code, out, _ = _glossary("search", "人权", "-n", "1", cwd=tmp_path)
    assert (code, out) == (
        0,
        f"人权\trén quán\thuman rights\t{CREDIT}\n",
    )  # the others still answer
    code, out, err = _glossary("search", "qqqxqqq", cwd=tmp_path)
    assert code == 3 and out == ""
    assert err.startswith("glossary: cedict-2025.u8:1:1: error: cannot read the dictionary newer")


def test_a_damaged_dictionary_file_never_breaks_your_own_lookups(
    tmp_path: Path, run: Callable[..., Result]
) -> None:
    newer = _newer_release(tmp_path)
    assert run("dict", "add", str(newer), "--name", "newer").exit_code == 0
    newer.write_bytes(b"\x00garbage\xff" * 1000)
    code, out, err = _glossary("show", "三股势力", "-f", "plain", cwd=tmp_path)
    assert code == 0 and out.startswith("zh: 三股势力\n")
    code, out, err = _glossary("show", "qqqxqqq", cwd=tmp_path)
    assert code == 3
    assert "the dictionary newer cannot be read" in err


def test_a_damaged_list_of_dictionaries_is_an_error_that_says_what_to_do(
    tmp_path: Path, run: Callable[..., Result]
) -> None:
    config = tmp_path / ".config" / "glossary" / "dictionaries.json"
    config.parent.mkdir(parents=True)
    config.write_text("{not json", encoding="utf-8")
    found = run("search", "sangu")
    assert found.exit_code == 3
    assert "the list of dictionaries is damaged" in found.stderr
    assert "fix or delete the file" in found.stderr


def test_a_damaged_dictionary_index_is_built_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, run: Callable[..., Result]
) -> None:
    from glossary.dictionary import sources, store

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "own-cache"))
    assert run("dict", "remove", "CC-CEDICT").exit_code == 0  # only the small one here
    small = tmp_path / "small.u8"
    small.write_text(cedict_lines("人权", "人权法", "韬光养晦"), encoding="utf-8")
    assert run("dict", "add", str(small), "--name", "small").exit_code == 0
    cached = store.cache_file(sources.Dictionary("small", small.resolve(), "cedict"), os.environ)
    assert cached.is_file()
    cached.write_bytes(cached.read_bytes()[:2048])  # cut short: no longer an index
    found = run("search", "人权法", "-f", "plain")
    assert found.exit_code == 0, found.stderr
    assert found.stdout.startswith("人权法\trén quán fǎ\t")
    assert "indexing the dictionary small" in found.stderr  # built again, and said so
    assert run("search", "人权法", "-f", "plain").stderr == ""  # and kept


def test_an_index_built_by_several_processes_is_the_one_built_by_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import sqlite3

    from glossary.dictionary import sources, store
    from glossary.index import rebuild

    text = cedict_lines(
        *[
            "人",
            "权",
            "人权",
            "人权法",
            "韬光养晦",
            "山",
            "水",
            "是",
            "十",
            "事",
            "时",
            "中国",
            "北京",
            "大学",
            "北京大学",
        ]
    )
    source = tmp_path / "small.u8"
    source.write_text(text, encoding="utf-8")
    small = sources.Dictionary("small", source.resolve(), "cedict")
    tables = {}
    for workers in (1, 2):
        monkeypatch.setattr(rebuild, "_workers", lambda size, n=workers: n)
        env = {"XDG_CACHE_HOME": str(tmp_path / f"cache-{workers}"), "GLOSSARY_FREQUENCY": "none"}
        opened = store.open_dictionary(small, env)
        assert opened.cached is not None
        db = sqlite3.connect(opened.cached)
        tables[workers] = {
            name: sorted(db.execute(f"SELECT * FROM {name}").fetchall())
            for name in ("terms", "notes", "entries")
        }
        # Each part lists its own words: a word may stand in both parts' lists.
        tables[workers]["words"] = sorted(
            {
                line.split(" ")[0]
                for (page,) in db.execute("SELECT lines FROM words")
                for line in page.split("\n")
            }
        )
    assert tables[1] == tables[2]
    assert len(tables[1]["terms"]) == 15
