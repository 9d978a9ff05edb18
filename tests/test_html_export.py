"""The web page as written: its size, its policy, its data and the command that writes it.

What the page does in a browser is tested in tests/test_html_page.py.
"""

from __future__ import annotations

import html.parser
import json
from pathlib import Path

from glossary import exporters, pinyin
from glossary.exporters.html import data, page
from glossary.model import Term
from glossary.termfile import store
from tests.conftest import SHIPPED
from tests.test_html_page import HOSTILE


class _Page(html.parser.HTMLParser):
    """The parts of a page the tests look at: its policy, scripts and style."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.policy = ""
        self.scripts: list[tuple[dict[str, str | None], str]] = []
        self.styles: list[str] = []
        self._open: str | None = None
        self._attrs: dict[str, str | None] = {}
        self._text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag == "meta" and found.get("http-equiv") == "Content-Security-Policy":
            self.policy = found.get("content") or ""
        if tag in ("script", "style"):
            self._open, self._attrs, self._text = tag, found, []

    def handle_data(self, text: str) -> None:
        if self._open:
            self._text.append(text)

    def handle_endtag(self, tag: str) -> None:
        if tag == self._open == "script":
            self.scripts.append((self._attrs, "".join(self._text)))
        elif tag == self._open == "style":
            self.styles.append("".join(self._text))
        self._open = None


def _page(terms: list[Term] | tuple[Term, ...], **options: object) -> str:
    chosen = exporters.ExportOptions(title="Test", **options)  # type: ignore[arg-type]
    return str(exporters.find("html").export(terms, chosen))


def _parsed(text: str) -> _Page:
    parser = _Page()
    parser.feed(text)
    return parser


def test_the_shipped_glossary_makes_a_page_under_200_kb() -> None:
    text = _page(store.load([SHIPPED]).terms)
    assert len(text.encode("utf-8")) < 200_000


def test_the_policy_allows_the_pages_own_script_and_style_and_nothing_else() -> None:
    parsed = _parsed(_page(HOSTILE))
    code = [text for attrs, text in parsed.scripts if attrs.get("type") is None]
    assert len(code) == 1 and len(parsed.styles) == 1
    rules = dict(rule.strip().split(" ", 1) for rule in parsed.policy.split(";"))
    assert rules["default-src"] == "'none'"
    assert rules["script-src"] == page.digest(code[0])
    assert rules["style-src"] == page.digest(parsed.styles[0])


def test_hostile_text_stays_inside_the_data() -> None:
    parsed = _parsed(_page(HOSTILE))
    assert [attrs.get("id") for attrs, _ in parsed.scripts] == ["glossary-data", None]
    content = json.loads(parsed.scripts[0][1])
    first = content["entries"][0]
    assert first["z"] == HOSTILE[0].zh and first["e"] == list(HOSTILE[0].en)
    assert "u" not in first and "u" not in content["entries"][1]  # javascript: is no link
    assert [pair[1] for pair in first["r"]] == ["", ""]  # nor is a see that names no entry


def test_entries_carry_the_keys_the_search_reads() -> None:
    term = Term(
        zh="战略",
        en=("Strategic mutual trust", "strategy"),
        pinyin="zhànlüè",
        definition="Armies",
        tags=("military",),
        see=("战略互信",),
    )
    other = Term(zh="战略互信", en=("x",), id="trust")
    content = data.payload([term, other], "T", "pleco", ruby=False)
    entry = content["entries"][0]
    assert entry["k"] == "zhan4 lve4"
    assert entry["p"] == [["zhàn", 4], ["lüè", 4]]
    assert [[content["words"][i] for i in ids] for ids in entry["w"]] == [
        ["strategic", "mutual", "trust"],
        ["strategy"],
        ["army"],
    ]
    assert entry["r"] == [["战略互信", "trust"]]
    assert content["simplified"] == {"戰": "战"}  # from OpenCC: neither stores a form
    assert content["entries"][1]["n"] == "trust"


def test_a_reading_key_holds_what_the_search_parses() -> None:
    """The page rebuilds letters, syllable starts, tones and ü's from the key alone."""
    for text in ("Zhōng-É zhànlüè", "sān gǔ shìlì", "nǚ'ér", "DVD jī", "bei kao bei"):
        reading = pinyin.parse_reading(text)
        key = data.reading_key(reading)
        letters = key.replace(" ", "").translate(str.maketrans("", "", "012345"))
        assert letters.replace("v", "u") == reading.letters, text
        starts, at = {len(reading.letters)}, 0
        for syllable in key.split():
            starts.add(at)
            at += len(syllable) - 1
        assert starts == set(reading.starts), text


def test_export_html_writes_a_page(run, tmp_path: Path) -> None:
    result = run("-g", str(SHIPPED), "export", "html", "-o", "g.html", "--ruby")
    assert result.exit_code == 0, result.output
    written = (tmp_path / "g.html").read_text(encoding="utf-8")
    assert written.startswith("<!DOCTYPE html>")
    content = json.loads(_parsed(written).scripts[0][1])
    assert (content["tones"], content["ruby"], len(content["entries"])) == ("pleco", True, 53)


def test_export_html_refuses_unknown_choices(run) -> None:
    for option, value in (("--tone-colors", "rainbow"), ("--layout", "zip")):
        result = run("-g", str(SHIPPED), "export", "html", option, value, "-o", "g.html")
        assert result.exit_code == 2, result.output
        assert value in result.output


def test_the_folder_layout_needs_a_folder_and_writes_one(run, tmp_path: Path) -> None:
    refused = run("-g", str(SHIPPED), "export", "html", "--layout", "folder")
    assert refused.exit_code == 2
    result = run("-g", str(SHIPPED), "export", "html", "--layout", "folder", "-o", "site")
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in (tmp_path / "site").iterdir()) == ["data-0.js", "index.html"]
    index = (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    assert "'strict-dynamic'" in _parsed(index).policy
    scripts = _parsed(index).scripts
    assert [(attrs.get("id"), text) for attrs, text in scripts[:1]] == [
        ("glossary-parts", '{"parts":1}')  # no data inline: how many files hold it
    ]
