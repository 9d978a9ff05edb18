"""The Yomitan export: an archive whose files validate against Yomitan's dictionary format.

The schemas in tests/data/yomitan/ are written from Yomitan's documented format 3 (its
index, term bank and tag bank), including the structured content its definitions may hold.
"""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft7Validator

from glossary import exporters
from glossary.exporters import yomitan
from glossary.model import Term
from glossary.termfile import store
from tests.conftest import SHIPPED
from tests.test_html_page import HOSTILE

SCHEMAS = Path(__file__).parent / "data" / "yomitan"


def _validator(name: str) -> Draft7Validator:
    schema = json.loads((SCHEMAS / f"{name}.schema.json").read_text(encoding="utf-8"))
    Draft7Validator.check_schema(schema)
    return Draft7Validator(schema)


VALIDATORS = {
    "index.json": _validator("index"),
    "term_bank_": _validator("term-bank-v3"),
    "tag_bank_": _validator("tag-bank-v3"),
}


def _files(archive: bytes) -> dict[str, Any]:
    with zipfile.ZipFile(io.BytesIO(archive)) as opened:
        assert opened.testzip() is None
        return {name: json.loads(opened.read(name)) for name in opened.namelist()}


def _invalid(files: dict[str, Any]) -> list[str]:
    """Give every schema error in the archive's files, each with the file it is in."""
    errors = []
    for name, content in files.items():
        prefix = next(p for p in VALIDATORS if name.startswith(p))
        errors += [f"{name}: {e.message}" for e in VALIDATORS[prefix].iter_errors(content)]
    return errors


def _export(terms: list[Term] | tuple[Term, ...], title: str = "Test") -> dict[str, Any]:
    return _files(yomitan.export(terms, exporters.ExportOptions(title=title)))


@pytest.fixture(scope="module")
def shipped() -> dict[str, Any]:
    glossary = store.load([SHIPPED])
    return _export(glossary.terms, glossary.title or "")


def test_the_shipped_glossary_validates_against_the_format(shipped: dict[str, Any]) -> None:
    assert sorted(shipped) == ["index.json", "tag_bank_1.json", "term_bank_1.json"]
    assert _invalid(shipped) == []
    index = shipped["index.json"]
    assert (index["format"], index["sourceLanguage"], index["targetLanguage"]) == (3, "zh", "en")
    assert index["title"] == "Sino-Russian military cooperation"


def test_the_schemas_catch_what_the_format_forbids(shipped: dict[str, Any]) -> None:
    """The checks can fail: rows of the wrong shape, a bad link and a missing field."""
    row = shipped["term_bank_1.json"][0]
    bad_link = json.loads(json.dumps(row).replace('"?query=', '"javascript:'))
    broken = {
        "index.json": {"title": "x", "revision": "1"},
        "term_bank_1.json": [row[:7], [*row[:4], "high", *row[5:]], bad_link],
        "tag_bank_1.json": [["sco", "", 0, ""]],
    }
    errors = _invalid(broken)
    assert len(errors) == 5, errors


def test_each_term_is_found_by_its_headword_and_traditional_form(shipped: dict[str, Any]) -> None:
    rows = {row[0]: row for row in shipped["term_bank_1.json"]}
    simplified, traditional = rows["三股势力"], rows["三股勢力"]
    assert simplified[1] == "sān gǔ shìlì" and simplified[1:] == traditional[1:]  # one sequence
    assert simplified[2] == "security sco"
    blocks = {b["data"]["glossary"]: b for b in simplified[5][0]["content"]}
    assert [li["content"] for li in blocks["renderings"]["content"]] == [
        "three evil forces",
        "three forces",
    ]
    see = [part for part in blocks["see"]["content"] if isinstance(part, dict)]
    assert see[0] == {
        "tag": "a",
        "href": "?query=%E4%B8%8A%E6%B5%B7%E5%90%88%E4%BD%9C%E7%BB%84%E7%BB%87&wildcards=off",
        "content": "上海合作组织",
        "lang": "zh",
    }
    assert {tag[0] for tag in shipped["tag_bank_1.json"]} >= {"security", "sco"}


def test_hostile_text_stays_text_and_no_script_link_is_made() -> None:
    """A javascript: URL makes no link; a see naming one is a lookup inside Yomitan."""
    files = _export(HOSTILE)
    assert _invalid(files) == []
    first = files["term_bank_1.json"][0]
    assert [a["href"][:8] for a in _links([first])] == ["?query=j", "?query=%"]
    renderings = first[5][0]["content"][0]["content"]
    assert [li["content"] for li in renderings] == list(HOSTILE[0].en)
    assert len(first[2].split()) == len(HOSTILE[0].tags)  # one Yomitan tag each


def _links(rows: list[list[Any]]) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = []

    def walk(node: Any) -> None:
        if isinstance(node, list):
            for child in node:
                walk(child)
        elif isinstance(node, dict):
            if node.get("tag") == "a":
                found.append(node)
            walk(node.get("content"))

    for row in rows:
        walk([d["content"] for d in row[5]])
    return found


def test_large_glossaries_are_cut_into_banks(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(yomitan, "TERMS_PER_BANK", 2)
    terms = [Term(zh=f"词{i}", en=(f"word {i}",), pinyin="cí") for i in range(5)]
    files = _export(terms)
    assert sorted(n for n in files if n.startswith("term_bank")) == [
        "term_bank_1.json",
        "term_bank_2.json",
        "term_bank_3.json",
    ]
    assert [row[0] for n in sorted(files) if n.startswith("term") for row in files[n]] == [
        t.zh for t in terms
    ]
    assert _invalid(files) == []


def test_the_same_glossary_gives_the_same_archive() -> None:
    terms = store.load([SHIPPED]).terms
    options = exporters.ExportOptions(title="T")
    assert yomitan.export(terms, options) == yomitan.export(terms, options)


def test_export_yomitan_writes_an_archive(run, tmp_path: Path) -> None:
    result = run("-g", str(SHIPPED), "export", "yomitan", "-o", "terms.zip")
    assert result.exit_code == 0, result.output
    files = _files((tmp_path / "terms.zip").read_bytes())
    assert _invalid(files) == []
    assert len({row[6] for row in files["term_bank_1.json"]}) == 53
