"""The fast path (quick reader) gives what the locating loader gives: the same terms, the
same locations, and so the same exports and the same validate findings, byte for byte."""

from __future__ import annotations

from pathlib import Path

import pytest

from glossary import exporters, validate
from glossary.exporters import MODULES
from glossary.lint import ERROR, Finding
from glossary.termfile import fastload, store

from .conftest import SHIPPED
from .test_export_anki import open_package

ENTRY = "title: T\nterms:\n  - zh: 三股势力\n    en: three evil forces\n"


@pytest.fixture(scope="module")
def sample(cedict_glossary: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The first 10,000 entries of the CC-CEDICT import."""
    head, *entries = cedict_glossary.read_text(encoding="utf-8").split("\n  - ")
    path = tmp_path_factory.mktemp("sample") / "cedict-10000.yaml"
    path.write_text("\n  - ".join([head, *entries[:10_000]]) + "\n", encoding="utf-8")
    return path


def _same_reading(path: Path) -> store.ParsedFile:
    """Check that both paths read ``path`` alike, locations included; give the fast one."""
    full, fast = store.parse_file(path), fastload.parse_file(path)
    assert fast.problems == () and full.problems == ()
    assert (fast.title, fast.terms) == (full.title, full.terms)
    for a, b in zip(full.terms, fast.terms, strict=True):
        assert (a.location, dict(a.locations)) == (b.location, dict(b.locations))
    return fast


@pytest.mark.parametrize(
    "text",
    [
        ENTRY,
        ENTRY + "    tags: [a, b]  # two\n    avoid:\n      - 'x'\n      - y\n",
        ENTRY + "    avoid:  # a comment\n\n      # another\n      - x\n    id: 'q'\n",
        'terms:\n- zh: 三股势力\n  en:\n  - three evil forces\n  pinyin: "sān"\n',
        ENTRY.replace("\n", "\r\n"),
        "\ufeff" + ENTRY + "title2: no\n",
    ],
)
def test_hand_written_layouts_are_located_alike(text: str, tmp_path: Path) -> None:
    path = tmp_path / "terms.yaml"
    path.write_bytes(text.encode("utf-8"))
    if "title2" in text:  # an unknown key: the quick reader declines, the loader locates
        assert fastload.parse_file(path) == store.parse_file(path)
        assert fastload.parse_file(path).problems
    else:
        _same_reading(path)


def test_the_shipped_glossary_and_cc_cedict_are_read_alike(sample: Path) -> None:
    for path in (SHIPPED, sample):
        assert len(_same_reading(path).terms) == len(store.parse_file(path).terms)


@pytest.mark.parametrize("name", list(MODULES))
def test_every_export_is_the_same_through_the_fast_path(
    name: str, sample: Path, tmp_path: Path
) -> None:
    fmt = exporters.find(name)
    for path in (SHIPPED, sample):
        full, fast = store.load([path]), fastload.load([path])
        outputs = [
            fmt.export(list(g.terms), exporters.ExportOptions(title=g.title)) for g in (full, fast)
        ]
        if name == "anki":  # the collection holds times and ids: compare the notes
            folder = tmp_path / path.stem
            outputs = [open_package(o, folder / str(i)) for i, o in enumerate(outputs)]
            outputs = [(p.files, p.notes) for p in outputs]
        assert outputs[0] == outputs[1], name


def test_validate_finds_the_same_through_the_fast_path(sample: Path) -> None:
    for path in (SHIPPED, sample):
        parsed = store.parse_file(path)
        before = [Finding(p.where, ERROR, p.message) for p in parsed.problems]
        assert validate.validate_file(path) == before + validate.check_terms(parsed.terms)


def test_a_file_with_a_problem_is_located_by_the_loader(tmp_path: Path) -> None:
    path = tmp_path / "terms.yaml"
    path.write_text(ENTRY + "  - zh: 三股势力\n    en: again\n", encoding="utf-8")
    with pytest.raises(Exception) as fast:
        fastload.load([path])
    with pytest.raises(Exception) as full:
        store.load([path])
    assert str(fast.value) == str(full.value) and "terms.yaml:5:5" in str(fast.value)


def test_a_file_read_in_stretches_is_read_alike(
    sample: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(fastload, "_STRETCH", 100_000)  # sixteen stretches, not one
    _same_reading(sample)
    text = sample.read_text(encoding="utf-8")
    first = text.split("\n  - ")[1].split("\n")[0]  # "zh: ..." of the first entry
    path = tmp_path / "twice.yaml"
    path.write_text(text + f"  - {first}\n    en: again, far from the first\n", encoding="utf-8")
    assert fastload.parse_file(path) == store.parse_file(path)
    assert "duplicate headword" in fastload.parse_file(path).problems[0].message
