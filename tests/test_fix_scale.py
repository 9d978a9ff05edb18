"""``validate --fix`` grows linearly with the glossary: the characters its pass over the
entries scans (line breaks counted, lines found) at 2,000 and 8,000 entries."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from glossary.model import Term
from glossary.termfile import changes, edit, yamltext


class Scanned(str):
    """A text that counts the characters its searches and counts look through."""

    looked = 0

    def _tally(self, start: Any, end: Any) -> None:
        begin = 0 if start is None else start if start >= 0 else len(self) + start
        stop = len(self) if end is None else end if end >= 0 else len(self) + end
        Scanned.looked += max(0, stop - begin)

    def count(self, sub: Any, start: Any = None, end: Any = None) -> int:
        self._tally(start, end)
        return super().count(sub, start, end)

    def find(self, sub: Any, start: Any = None, end: Any = None) -> int:
        self._tally(start, end)
        return super().find(sub, start, end)

    def rfind(self, sub: Any, start: Any = None, end: Any = None) -> int:
        self._tally(start, end)
        return super().rfind(sub, start, end)


def _glossary(folder: Path, size: int) -> Path:
    """Write a glossary of ``size`` entries, one in a hundred missing its pinyin."""
    terms = [
        Term(
            zh=f"{chr(0x4E00 + i % 20_000)}{chr(0x4E00 + i // 20_000)}",
            en=(f"term {i}",),
            pinyin=None if i % 100 == 0 else "yī yī",
        )
        for i in range(size)
    ]
    path = folder / f"terms-{size}.yaml"
    path.write_text(yamltext.document("T", terms), encoding="utf-8")
    return path


def _looked(path: Path) -> int:
    """Give the characters scanned finding every entry of ``path`` as ``validate --fix``
    does (:func:`glossary.termfile.changes.change_terms`), and check it fixes them."""
    text = Scanned(path.read_text(encoding="utf-8"))
    Scanned.looked = 0
    spans = edit.scan(text, path.name).spans()
    looked = Scanned.looked
    assert len(spans) == text.count("- zh:")
    return looked


def test_the_fix_pass_grows_linearly(tmp_path: Path) -> None:
    small = _looked(_glossary(tmp_path, 5_000))
    large = _looked(_glossary(tmp_path, 20_000))
    assert small > 0
    assert large < 6 * small  # four times the entries: quadratic work would be sixteen


def test_the_fix_is_made_on_a_large_glossary(tmp_path: Path) -> None:
    path = _glossary(tmp_path, 2_000)
    fixed = changes.change_terms(path, changes.fixed)
    assert sum(before.pinyin is None for before, _ in fixed) == 20
    assert all(after.pinyin for _, after in fixed)
    assert path.read_text(encoding="utf-8").count("pinyin:") == 2_000


def test_every_span_is_the_one_entry_at_gives(tmp_path: Path) -> None:
    text = _glossary(tmp_path, 300).read_text(encoding="utf-8")
    text = text.replace("  - zh: 丁", "  # a comment\n\n  - zh: 丁", 3)
    layout = edit.scan(text, "terms.yaml")
    assert layout.spans() == [layout.entry_at(s) for s in layout.starts]
