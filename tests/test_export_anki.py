"""Anki exports: the .apkg read back with sqlite3, the text-import file, and both read by Anki.

The tests that need Anki's own library (the ``anki`` package on PyPI) skip when it cannot be
imported; everything else reads the real files directly.
"""

from __future__ import annotations

import dataclasses
import json
import sqlite3
import tempfile
import time
import warnings
import zipfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from glossary import tones
from glossary.errors import GlossaryFileError, UsageError
from glossary.exporters import ExportOptions, anki, anki_tsv, cards, find
from glossary.model import Glossary, Term
from glossary.termfile import store
from tests.conftest import SHIPPED

TITLE = "Sino-Russian military cooperation"
GLOSSARY_TAG = "glossary::sino-russian-military-cooperation"
SANGU = "三股势力"
SANGU_SOURCE = (
    "Angela Stanzel, &quot;China Trends #3 – China and Russia: Brothers-In-Arms?&quot;, "
    "Institut Montaigne, 2019; Wang Haiyun, &quot;Military relations reflect the 70 years "
    "of China-Russia diplomatic relations&quot;, Global Times, 3 June 2019"
)
SANGU_PINYIN_PLECO = (
    '<span class="tone1">sān</span> <span class="tone3">gǔ</span> '
    '<span class="tone4">shì</span><span class="tone4">lì</span>'
)


@dataclass(frozen=True)
class Row:
    """A note as the package's collection stores it."""

    guid: str
    fields: dict[str, str]
    tags: set[str]
    card_ords: list[int]


@dataclass(frozen=True)
class Package:
    """What an .apkg holds: notes by Id field, note types and decks by id."""

    files: list[str]
    notes: dict[str, Row]
    models: dict[int, dict[str, Any]]
    decks: dict[int, dict[str, Any]]

    @property
    def model(self) -> dict[str, Any]:
        (model,) = self.models.values()
        return model

    def deck_named(self, name: str) -> int:
        return next(i for i, d in self.decks.items() if d["name"] == name)


@pytest.fixture(scope="module")
def shipped() -> Glossary:
    return store.load([SHIPPED])


def options(**given: Any) -> ExportOptions:
    given.setdefault("title", TITLE)
    return ExportOptions(**given)


def open_package(data: bytes, folder: Path) -> Package:
    """Write ``data`` as an .apkg in ``folder`` and read its collection with sqlite3."""
    folder.mkdir(parents=True, exist_ok=True)
    apkg = folder / "deck.apkg"
    apkg.write_bytes(data)
    with zipfile.ZipFile(apkg) as archive:
        files = archive.namelist()
        name = "collection.anki21" if "collection.anki21" in files else "collection.anki2"
        db_path = Path(archive.extract(name, folder))
    db = sqlite3.connect(db_path)
    try:
        models_json, decks_json = db.execute("SELECT models, decks FROM col").fetchone()
        models = {int(k): v for k, v in json.loads(models_json).items()}
        (model,) = models.values()
        names = [f["name"] for f in sorted(model["flds"], key=lambda f: f["ord"])]
        notes: dict[str, Row] = {}
        for nid, guid, flds, tags in db.execute("SELECT id, guid, flds, tags FROM notes"):
            ords = [
                o for (o,) in db.execute("SELECT ord FROM cards WHERE nid = ? ORDER BY ord", (nid,))
            ]
            fields = dict(zip(names, flds.split("\x1f"), strict=True))
            notes[fields["Id"]] = Row(guid, fields, set(tags.split()), ords)
    finally:
        db.close()
    return Package(files, notes, models, {int(k): v for k, v in json.loads(decks_json).items()})


def export_package(terms: Sequence[Term], folder: Path, **given: Any) -> Package:
    return open_package(anki.export(list(terms), options(**given)), folder)


def replace_rendering(terms: Sequence[Term], zh: str, index: int, text: str) -> list[Term]:
    """Give ``terms`` with one rendering of the term ``zh`` changed."""
    out = []
    for term in terms:
        if term.zh == zh:
            en = list(term.en)
            en[index] = text
            term = term.replace(en=tuple(en))
        out.append(term)
    return out


# --- the .apkg -------------------------------------------------------------------------


def test_the_registry_finds_both_anki_formats() -> None:
    assert (find("anki").export, find("anki").binary) == (anki.export, True)
    assert (find("anki-tsv").export, find("anki-tsv").binary) == (anki_tsv.export, False)


def test_package_holds_one_note_per_term_with_its_fields(shipped: Glossary, tmp_path: Path) -> None:
    package = export_package(shipped, tmp_path)

    assert "collection.anki2" in package.files
    assert len(package.notes) == len(shipped) == 53
    note = package.notes[SANGU]
    assert note.fields == {
        "Hanzi": "三股势力",
        "Traditional": "三股勢力",
        "Pinyin": "sān gǔ shìlì",
        "English": 'three evil forces<span class="alt">; three forces</span>',
        "Literal": "three strands of forces",
        "Definition": "Terrorism, separatism and extremism, treated as one combined threat in "
        "the SCO&#x27;s 2001 Shanghai Convention and in its security cooperation since.",
        "Context": "Wang links SCO cooperation against the &quot;three evil forces&quot; to the "
        "deepening of Sino-Russian military relations.",
        "Source": SANGU_SOURCE,
        "Id": SANGU,
    }
    assert [f["name"] for f in package.model["flds"]] == list(cards.FIELDS)
    assert package.model["name"] == f"Glossary term v1 ({TITLE})"
    assert package.model["sortf"] == 0


def test_guids_are_a_function_of_the_key_only(shipped: Glossary, tmp_path: Path) -> None:
    package = export_package(shipped, tmp_path)

    for term in shipped:
        assert package.notes[term.key].guid == cards.note_guid(term.key)
    assert package.notes[SANGU].guid == "QR;05&Zmp9"  # genanki.guid_for("glossary", "三股势力")
    assert len({n.guid for n in package.notes.values()}) == len(shipped)


def test_tags_are_the_terms_and_the_glossarys(shipped: Glossary, tmp_path: Path) -> None:
    odd = Term(zh="背靠背", en=("back to back",), tags=("war on terror", 'say "hi"', "sco"))
    package = export_package([*shipped.terms[:3], odd], tmp_path, title=TITLE)
    full = export_package(shipped, tmp_path / "full")

    assert full.notes[SANGU].tags == {"security", "sco", GLOSSARY_TAG}
    assert all(GLOSSARY_TAG in n.tags for n in full.notes.values())
    assert package.notes["背靠背"].tags == {"war_on_terror", "say_hi_", "sco", GLOSSARY_TAG}


def test_untitled_glossary_gets_deck_glossary_and_tag_glossary(tmp_path: Path) -> None:
    term = Term(zh="背靠背", en=("back to back",))
    package = export_package([term], tmp_path, title=None)

    assert package.notes["背靠背"].tags == {"glossary"}
    assert package.model["name"] == "Glossary term v1"
    assert package.deck_named("Glossary") == cards.deck_id("Glossary")


def test_deck_is_named_by_the_option_else_the_title(shipped: Glossary, tmp_path: Path) -> None:
    titled = export_package(shipped, tmp_path / "a")
    named = export_package(shipped, tmp_path / "b", deck="Chinese::Security")

    assert titled.deck_named(TITLE) == cards.deck_id(TITLE)
    assert named.deck_named("Chinese::Security") == cards.deck_id("Chinese::Security")
    # the note type belongs to the glossary, whatever deck it goes to
    assert titled.model["id"] == named.model["id"]


def test_two_cards_per_note_by_default_and_one_when_asked(
    shipped: Glossary, tmp_path: Path
) -> None:
    both = export_package(shipped, tmp_path / "both")
    zh_en = export_package(shipped, tmp_path / "zh-en", cards=("zh-en",))
    en_zh = export_package(shipped, tmp_path / "en-zh", cards=("en-zh",))

    assert [t["name"] for t in both.model["tmpls"]] == ["Chinese → English", "English → Chinese"]
    assert all(n.card_ords == [0, 1] for n in both.notes.values())
    assert [t["name"] for t in zh_en.model["tmpls"]] == ["Chinese → English"]
    assert all(n.card_ords == [0] for n in zh_en.notes.values())
    assert [t["name"] for t in en_zh.model["tmpls"]] == ["English → Chinese"]
    assert all(n.card_ords == [0] for n in en_zh.notes.values())
    # the same note type (id) whichever cards are made: Anki can merge them
    assert both.model["id"] == zh_en.model["id"] == en_zh.model["id"]


def test_templates_hide_empty_fields_and_the_other_renderings_on_the_english_front(
    shipped: Glossary, tmp_path: Path
) -> None:
    templates = {t["name"]: t for t in export_package(shipped, tmp_path).model["tmpls"]}
    zh_en, en_zh = templates["Chinese → English"], templates["English → Chinese"]

    assert "{{Hanzi}}" in zh_en["qfmt"] and "English" not in zh_en["qfmt"]
    assert "{{English}}" in en_zh["qfmt"] and "Hanzi" not in en_zh["qfmt"]
    assert 'class="english prompt"' in en_zh["qfmt"]
    assert ".prompt .alt { display: none; }" in anki.CSS
    for template in (zh_en, en_zh):
        for optional in ("Traditional", "Literal", "Definition", "Context", "Source"):
            assert f"{{{{#{optional}}}}}" in template["afmt"]
            assert f"{{{{/{optional}}}}}" in template["afmt"]


@pytest.mark.parametrize("choice", [("zh-en", "xx"), ("both",), ()])
def test_unknown_or_no_card_type_is_a_usage_error(
    shipped: Glossary, choice: tuple[str, ...]
) -> None:
    with pytest.raises(UsageError) as caught:
        anki.export(list(shipped), options(cards=choice))
    assert caught.value.hint == "use zh-en, en-zh or both: --cards zh-en,en-zh"
    with pytest.raises(UsageError):
        anki_tsv.export(list(shipped), options(cards=choice))


def test_unknown_tone_scheme_is_a_usage_error(shipped: Glossary) -> None:
    with pytest.raises(UsageError, match="unknown tone colour scheme 'rainbow'"):
        anki.export(list(shipped), options(tone_colors="rainbow"))


def test_two_terms_with_one_key_are_refused() -> None:
    terms = [
        Term(zh="三股势力", en=("three evil forces",)),
        Term(zh="三股势力", en=("three evils",)),
    ]
    with pytest.raises(GlossaryFileError, match="two terms share the key '三股势力'"):
        anki.export(terms, options())


def test_reexport_after_an_edit_keeps_every_id(shipped: Glossary, tmp_path: Path) -> None:
    before = export_package(shipped, tmp_path / "before")
    edited = replace_rendering(shipped.terms, SANGU, 1, "three forces of evil")
    after = export_package(edited, tmp_path / "after")

    assert {k: n.guid for k, n in before.notes.items()} == {
        k: n.guid for k, n in after.notes.items()
    }
    assert before.models.keys() == after.models.keys()
    assert before.deck_named(TITLE) == after.deck_named(TITLE)
    changed = {k for k in before.notes if before.notes[k].fields != after.notes[k].fields}
    assert changed == {SANGU}
    assert after.notes[SANGU].fields["English"] == (
        'three evil forces<span class="alt">; three forces of evil</span>'
    )
    unchanged = {k: dataclasses.replace(v, fields={}) for k, v in before.notes.items()}
    assert unchanged == {k: dataclasses.replace(v, fields={}) for k, v in after.notes.items()}


def test_note_type_id_follows_title_and_version_not_tone_scheme(
    shipped: Glossary, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    plain = export_package(shipped, tmp_path / "plain")
    pleco = export_package(shipped, tmp_path / "pleco", tone_colors="pleco")
    other = export_package(shipped, tmp_path / "other", title="Another glossary")

    assert int(plain.model["id"]) == int(pleco.model["id"]) == cards.note_type_id(TITLE)
    assert int(other.model["id"]) != int(plain.model["id"])
    assert plain.models.keys() == {cards.note_type_id(TITLE)}
    assert 1 << 30 <= cards.note_type_id(TITLE) < 1 << 31
    assert anki.NOTE_TYPE_VERSION == cards.NOTE_TYPE_VERSION == 1
    monkeypatch.setattr(cards, "NOTE_TYPE_VERSION", 2)
    bumped = export_package(shipped, tmp_path / "bumped")
    assert int(bumped.model["id"]) != int(plain.model["id"])
    assert bumped.model["name"] == f"Glossary term v2 ({TITLE})"


def test_field_text_is_escaped_and_inert(tmp_path: Path) -> None:
    term = Term(
        zh="背靠背",
        en=("<b>", "a & b {{Hanzi}}"),
        context="first line\nsecond\tline",
        source="[sound:x.mp3]",
    )
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # genanki warns about unescaped HTML
        note = export_package([term], tmp_path).notes["背靠背"]

    assert note.fields["English"] == (
        '&lt;b&gt;<span class="alt">; a &amp; b &#123;&#123;Hanzi&#125;&#125;</span>'
    )
    assert note.fields["Context"] == "first line<br>second line"
    assert note.fields["Source"] == "&#91;sound:x.mp3]"


def test_pleco_tone_colours_colour_pinyin_and_hanzi(shipped: Glossary, tmp_path: Path) -> None:
    package = export_package(shipped, tmp_path, tone_colors="pleco")
    fields = package.notes[SANGU].fields

    assert fields["Pinyin"] == SANGU_PINYIN_PLECO
    assert fields["Hanzi"] == (
        '<span class="tone1">三</span><span class="tone3">股</span>'
        '<span class="tone4">势</span><span class="tone4">力</span>'
    )
    assert fields["Traditional"].startswith('<span class="tone1">三</span>')
    for tone, colour in tones.SCHEMES["pleco"].items():
        assert f".tone{tone} {{ color: {colour}; }}" in package.model["css"]
    assert ".hanzi {" in package.model["css"]


def test_mdbg_tone_colours_bring_their_own_css(shipped: Glossary, tmp_path: Path) -> None:
    package = export_package(shipped, tmp_path, tone_colors="mdbg")

    assert package.notes[SANGU].fields["Pinyin"] == SANGU_PINYIN_PLECO
    assert tones.css("mdbg") in package.model["css"]
    assert tones.SCHEMES["pleco"][1] not in package.model["css"]


def test_no_tone_colours_means_no_spans(shipped: Glossary, tmp_path: Path) -> None:
    package = export_package(shipped, tmp_path, tone_colors="none")

    assert package.notes[SANGU].fields["Pinyin"] == "sān gǔ shìlì"
    assert not any(
        '<span class="tone' in v for n in package.notes.values() for v in n.fields.values()
    )
    assert ".tone1" not in package.model["css"]


def test_missing_pinyin_is_generated(tmp_path: Path) -> None:
    note = export_package([Term(zh="背对背", en=("back to back",))], tmp_path).notes["背对背"]
    assert note.fields["Pinyin"] == "bèi duì bèi"


def test_export_leaves_no_temporary_file(
    shipped: Glossary, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    scratch = tmp_path / "scratch"
    scratch.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(scratch))

    data = anki.export(list(shipped), options())

    assert data.startswith(b"PK")
    assert list(scratch.iterdir()) == []


# --- the text-import file --------------------------------------------------------------


def test_tsv_header_lines(shipped: Glossary) -> None:
    text = anki_tsv.export(list(shipped), options())

    assert text.splitlines()[:7] == [
        "#separator:tab",
        "#html:true",
        f"#notetype:Glossary term v1 ({TITLE})",
        f"#deck:{TITLE}",
        "#columns:Hanzi\tTraditional\tPinyin\tEnglish\tLiteral\tDefinition\tContext\tSource\tId\tGUID\tTags",
        "#guid column:10",
        "#tags column:11",
    ]
    assert (
        anki_tsv.export(list(shipped), options(deck="Chinese")).splitlines()[3] == "#deck:Chinese"
    )


def test_tsv_has_the_packages_notes_line_by_line(shipped: Glossary, tmp_path: Path) -> None:
    text = anki_tsv.export(list(shipped), options(tone_colors="pleco"))
    package = export_package(shipped, tmp_path, tone_colors="pleco")

    assert text.endswith("\n")
    rows = [line.split("\t") for line in text.splitlines()[7:]]
    assert len(rows) == len(shipped)
    assert {len(row) for row in rows} == {11}
    for row in rows:
        note = package.notes[row[8]]
        assert row[:9] == list(note.fields.values())
        assert row[9] == note.guid
        assert set(row[10].split(" ")) == note.tags
    sangu = next(row for row in rows if row[8] == SANGU)
    assert sangu[2] == SANGU_PINYIN_PLECO
    assert sangu[10] == f"security sco {GLOSSARY_TAG}"


def test_tsv_fields_never_break_a_line(tmp_path: Path) -> None:
    terms = [
        Term(zh="#标签", en=("a\tb", "c\nd"), context="one\r\ntwo\tthree", tags=("x y",)),
        Term(zh="三股势力", en=("three evil forces",), definition='say "hi"'),
    ]
    lines = anki_tsv.export(terms, options()).splitlines()

    assert len(lines) == 7 + 2
    first, second = (line.split("\t") for line in lines[7:])
    assert len(first) == len(second) == 11
    assert first[0] == "&#35;标签"  # a leading "#" would make the line a comment
    assert first[3] == 'a b<span class="alt">; c<br>d</span>'
    assert first[6] == "one<br>two three"
    assert first[10] == "x_y glossary::sino-russian-military-cooperation"
    assert second[5] == "say &quot;hi&quot;"


# --- read back by Anki itself ----------------------------------------------------------


@pytest.fixture
def anki_lib() -> ModuleType:
    """Give ``anki.collection``; skip when Anki's library cannot be imported here."""
    try:  # not importorskip: a wheel that will not load raises ImportError, not "not found"
        from anki import collection
    except ImportError as exc:
        pytest.skip(f"Anki's library (the 'anki' package) cannot be imported: {exc}")
    return collection


@pytest.fixture
def new_collection(anki_lib: ModuleType, tmp_path: Path) -> Iterator[Any]:
    """Give a function making fresh, empty Anki collections in the test's folder."""
    opened: list[Any] = []

    def make(name: str = "collection") -> Any:
        col = anki_lib.Collection(str(tmp_path / f"{name}.anki2"))
        opened.append(col)
        return col

    yield make
    for col in opened:
        col.close()


def import_package(anki_lib: ModuleType, col: Any, data: bytes, path: Path, **given: Any) -> Any:
    path.write_bytes(data)
    request = anki_lib.ImportAnkiPackageRequest(
        package_path=str(path), options=anki_lib.ImportAnkiPackageOptions(**given)
    )
    return col.import_anki_package(request).log


def import_text(anki_lib: ModuleType, col: Any, text: str, path: Path) -> Any:
    path.write_text(text, encoding="utf-8")
    metadata = col.get_csv_metadata(str(path), None)
    return col.import_csv(anki_lib.ImportCsvRequest(path=str(path), metadata=metadata)).log


def notes_by_key(col: Any) -> dict[str, Any]:
    notes = (col.get_note(nid) for nid in col.find_notes(""))
    return {note["Id"]: note for note in notes}


def wait_for_the_next_second(since: float) -> None:
    """Anki updates a note only if the package's copy is newer, in whole seconds."""
    while int(time.time()) <= int(since):
        time.sleep(0.02)


def review(col: Any, card_id: int) -> None:
    """Answer a card "easy" through Anki's scheduler, as a learner would: it gets an interval."""
    card = col.get_card(card_id)
    card.start_timer()
    col.sched.answerCard(card, 4)


def test_anki_imports_the_package_and_updates_it_on_reimport(
    anki_lib: ModuleType, new_collection: Any, shipped: Glossary, tmp_path: Path
) -> None:
    col = new_collection()
    first = anki.export(list(shipped), options())
    exported_at = time.time()

    log = import_package(anki_lib, col, first, tmp_path / "first.apkg")
    assert len(log.new) == len(shipped)
    assert col.note_count() == len(shipped)
    assert col.card_count() == 2 * len(shipped)
    assert col.models.by_name(f"Glossary term v1 ({TITLE})") is not None
    assert col.decks.id_for_name(TITLE) is not None
    sangu = notes_by_key(col)[SANGU]
    assert sangu.guid == cards.note_guid(SANGU)
    assert set(sangu.tags) == {"security", "sco", GLOSSARY_TAG}

    card_id = sangu.card_ids()[0]
    review(col, card_id)
    reviewed = col.get_card(card_id)
    assert (reviewed.reps, reviewed.type) == (1, 2) and reviewed.ivl > 0  # a review card
    fields_before = {k: list(n.fields) for k, n in notes_by_key(col).items()}

    wait_for_the_next_second(exported_at)
    edited = replace_rendering(shipped.terms, SANGU, 0, "three evils of terrorism")
    second = anki.export(edited, options())
    log = import_package(anki_lib, col, second, tmp_path / "second.apkg")

    assert (len(log.new), len(log.updated), len(log.conflicting)) == (0, len(shipped), 0)
    assert col.note_count() == len(shipped)
    assert col.card_count() == 2 * len(shipped)
    after = notes_by_key(col)
    assert after[SANGU]["English"].startswith("three evils of terrorism<span")
    assert {k: list(n.fields) for k, n in after.items() if k != SANGU} == {
        k: v for k, v in fields_before.items() if k != SANGU
    }
    kept = col.get_card(card_id)
    assert (kept.type, kept.queue, kept.ivl, kept.due, kept.reps) == (
        reviewed.type,
        reviewed.queue,
        reviewed.ivl,
        reviewed.due,
        reviewed.reps,
    )
    assert col.db.scalar("SELECT count() FROM revlog WHERE cid = ?", card_id) == 1


def test_anki_merges_the_note_type_when_card_types_change(
    anki_lib: ModuleType, new_collection: Any, shipped: Glossary, tmp_path: Path
) -> None:
    col = new_collection()
    import_package(
        anki_lib, col, anki.export(list(shipped), options(cards=("zh-en",))), tmp_path / "a.apkg"
    )
    exported_at = time.time()
    assert col.card_count() == len(shipped)

    wait_for_the_next_second(exported_at)
    both = anki.export(list(shipped), options())
    log = import_package(anki_lib, col, both, tmp_path / "b.apkg", merge_notetypes=True)

    assert len(log.new) == 0
    assert col.note_count() == len(shipped)
    assert col.card_count() == 2 * len(shipped)


def test_anki_imports_the_text_file_into_a_fresh_collection(
    anki_lib: ModuleType, new_collection: Any, shipped: Glossary, tmp_path: Path
) -> None:
    col = new_collection()
    log = import_text(anki_lib, col, anki_tsv.export(list(shipped), options()), tmp_path / "a.txt")

    # no note type of that name yet: Anki falls back to its own, keeping GUIDs and tags
    assert len(log.new) == len(shipped)
    assert col.note_count() == len(shipped)
    guids = {col.get_note(nid).guid for nid in col.find_notes("")}
    assert guids == {cards.note_guid(t.key) for t in shipped}
    assert col.decks.id_for_name(TITLE) is not None


def test_anki_updates_package_notes_from_the_text_file(
    anki_lib: ModuleType, new_collection: Any, shipped: Glossary, tmp_path: Path
) -> None:
    col = new_collection()
    import_package(anki_lib, col, anki.export(list(shipped), options()), tmp_path / "a.apkg")
    exported_at = time.time()

    wait_for_the_next_second(exported_at)
    edited = replace_rendering(shipped.terms, SANGU, 0, "three evils of terrorism")
    log = import_text(anki_lib, col, anki_tsv.export(edited, options()), tmp_path / "b.txt")

    assert (len(log.new), len(log.updated)) == (0, 1)
    assert col.note_count() == len(shipped)
    assert col.card_count() == 2 * len(shipped)
    assert notes_by_key(col)[SANGU]["English"].startswith("three evils of terrorism<span")
