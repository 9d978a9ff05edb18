"""`glossary scan` with the dictionary beneath the glossary: the text cut into words,
your terms marked, the others glossed on request, and coverage."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import Result

pytestmark = pytest.mark.usefixtures("dictionary")

NEWS = "中俄双方在上海合作组织框架内共同打击三股势力。人权问题很重要，人权问题。我们用ABC和w。"
GLOSSARY = """\
terms:
  - zh: 三股势力
    pinyin: sān gǔ shìlì
    en: [three evil forces]
  - zh: 合作
    pinyin: hézuò
    en: [cooperation]
  - zh: 问题
    pinyin: wèntí
    en: [issue]
"""


@pytest.fixture
def news(write: Callable[..., Path]) -> Path:
    write("terms.yaml", GLOSSARY)
    return write("news.txt", NEWS)


def test_your_terms_are_found_where_the_text_has_them_as_words(
    news: Path, run: Callable[..., Result]
) -> None:
    found = run("scan", "news.txt", "-f", "plain")
    assert found.exit_code == 0, found.stderr
    # 合作 stands inside 上海合作组织, a longer word of the dictionary: not a use of it.
    assert found.stdout == (
        "三股势力\t1\t18\tsān gǔ shìlì\tthree evil forces\n问题\t2\t25\twèntí\tissue\n"
    )
    alone = run("scan", "news.txt", "-f", "plain", "--no-dict").stdout
    assert alone.startswith("合作\t1\t7\thézuò\tcooperation\n")  # without it, as before


def test_gloss_lists_every_word_with_its_source(news: Path, run: Callable[..., Result]) -> None:
    found = run("scan", "news.txt", "-f", "plain", "--gloss").stdout.splitlines()
    assert found[0] == "中俄\t1\t0\tZhōng É\tChina-Russia\tCC-CEDICT (CC BY-SA 4.0)"
    assert "三股势力\t1\t18\tsān gǔ shìlì\tthree evil forces\tyours" in found
    assert any(line.startswith("上海合作组织\t1\t5\t") for line in found)
    heads = [line.split("\t")[0] for line in found]
    assert "A" not in heads and "w" in heads  # never inside a run of Latin letters
    spans = json.loads(run("scan", "news.txt", "-f", "json", "--gloss").stdout)
    mine = [s for s in spans if s["origin"] == {"kind": "glossary"}]
    assert [s["zh"] for s in mine] == ["三股势力", "问题", "问题"]
    assert all(s["origin"]["licence"] == "CC BY-SA 4.0" for s in spans if s not in mine)
    md = run("scan", "news.txt", "-f", "md", "--gloss").stdout
    assert md.endswith("\n*Glosses from CC-CEDICT, CC BY-SA 4.0, https://cc-cedict.org/wiki/.*\n")


def test_coverage_reports_the_share_and_the_words_missing(
    news: Path, run: Callable[..., Result]
) -> None:
    found = run("scan", "news.txt", "--coverage", "-f", "plain")
    assert found.exit_code == 0, found.stderr
    assert found.stderr.startswith("glossary: your glossary covers ")
    assert "% of the text's " in found.stderr
    lines = found.stdout.splitlines()
    assert lines[0].startswith("人权\t2\trén quán\thuman rights\t")
    heads = [line.split("\t")[0] for line in lines]
    assert "问题" not in heads and "三股势力" not in heads  # yours
    assert all(len(head) > 1 for head in heads)  # words, not 的 and 在
    data = json.loads(run("scan", "news.txt", "--coverage", "-f", "json", "-n", "2").stdout)
    assert data["covered"] == 3 and len(data["missing"]) == 2
    assert 0 < data["share"] < 1


def test_coverage_pipes_into_add_from_dict(news: Path, run: Callable[..., Result]) -> None:
    listed = run("scan", "news.txt", "--coverage", "-f", "plain", "-n", "2").stdout
    added = run("add", "-", "--from-dict", input=listed)
    assert added.exit_code == 0, added.stderr
    after = run("scan", "news.txt", "--coverage", "-f", "plain").stdout
    assert not after.startswith("人权\t")


def test_gloss_and_coverage_need_the_dictionary(news: Path, run: Callable[..., Result]) -> None:
    refused = run("scan", "news.txt", "--coverage", "--no-dict")
    assert refused.exit_code == 2
    assert "--coverage needs the dictionary layer" in refused.stderr


@pytest.mark.parametrize(
    "args",
    [
        ["scan", "news.txt"],
        ["scan", "news.txt", "--gloss", "-f", "json"],
        ["scan", "news.txt", "--coverage", "-f", "plain"],
        ["scan", "news.txt", "--no-dict", "-f", "md"],
    ],
)
def test_both_routes_scan_alike(args: list[str], news: Path) -> None:
    def glossary(typer_only: bool) -> tuple[int, str, str]:
        env = {**os.environ, **({"GLOSSARY_TYPER_ONLY": "1"} if typer_only else {})}
        done = subprocess.run(
            [sys.executable, "-m", "glossary", *args],
            cwd=news.parent,
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
        )
        return done.returncode, done.stdout, done.stderr

    assert glossary(False) == glossary(True)
