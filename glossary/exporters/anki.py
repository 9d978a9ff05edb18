"""Anki package (.apkg): the glossary as flashcards that re-exports update, never duplicate.

One note per term, of a note type with the fields Hanzi, Traditional, Pinyin, English
(every rendering, the preferred first), Literal, Definition, Context, Source and Id (the
term's key). Its card types are "Chinese → English" and "English → Chinese"
(``--cards`` picks them).

Re-importing a later export into Anki updates the notes it made before, keeping their
cards and review history, because nothing that identifies them changes:

- note GUID: a function of the term's key only (``genanki.guid_for("glossary", key)``);
- note type id: a hash of the glossary title and :data:`NOTE_TYPE_VERSION`, not of the
  tone scheme or the card types (those change only CSS and templates);
- deck id: a hash of the deck name (``--deck``, else the title, else "Glossary").

Anki updates a note only within its own note type, and updates a note type only while its
field and template names stay the same. A change to the fields is therefore made on purpose:
bump :data:`NOTE_TYPE_VERSION` (defined in :mod:`glossary.exporters.cards`, which the text
export shares) to get a new note type, with a new id and name. Anki then reports the notes it
already holds as conflicting and leaves them as they were until they are moved to the new
note type (Browse → Notes → Change Note Type, which keeps their history); the next import
updates them. Choosing other card types later changes the templates of the same note type:
tick "Merge note types" in Anki's import dialog, or Anki keeps the old notes unchanged.

Anki updates a note only when the package's copy is newer than its own (timestamps in whole
seconds): a note edited in Anki after the export keeps the edit, and an export made in the
same second as the one it replaces changes nothing.

Tags: the term's tags (whitespace made ``_``) and ``glossary::<slug of the title>``. See
:mod:`glossary.exporters.cards` for the fields, tags and ids both Anki exports share.
"""

from __future__ import annotations

import io
import itertools
import sqlite3
import time
import zipfile
from collections.abc import Sequence
from contextlib import closing
from typing import Any

from glossary import tones
from glossary.exporters import ExportOptions, cards
from glossary.model import Term

OPTIONS = cards.OPTIONS

BINARY = True
#: Re-exported from :mod:`glossary.exporters.cards`, where it is defined (bump it there).
NOTE_TYPE_VERSION = cards.NOTE_TYPE_VERSION

# The back of both cards: everything but what the front asked for, source in small print.
_DETAILS = """\
{{#Literal}}<div class="literal"><span class="label">literally</span> {{Literal}}</div>{{/Literal}}
{{#Definition}}<div class="definition">{{Definition}}</div>{{/Definition}}
{{#Context}}<div class="context"><span class="label">context</span> {{Context}}</div>{{/Context}}
{{#Source}}<div class="source">{{Source}}</div>{{/Source}}"""

_READING = """\
{{#Traditional}}<div class="traditional">{{Traditional}}</div>{{/Traditional}}
<div class="pinyin">{{Pinyin}}</div>"""

TEMPLATES = {
    "zh-en": {
        "qfmt": '<div class="hanzi">{{Hanzi}}</div>',
        "afmt": (
            '{{FrontSide}}\n<hr id="answer">\n'
            f'{_READING}\n<div class="english">{{{{English}}}}</div>\n{_DETAILS}'
        ),
    },
    "en-zh": {
        "qfmt": '<div class="english prompt">{{English}}</div>',
        "afmt": (
            '<div class="english">{{English}}</div>\n<hr id="answer">\n'
            f'<div class="hanzi">{{{{Hanzi}}}}</div>\n{_READING}\n{_DETAILS}'
        ),
    },
}

CSS = """\
.card { font-family: "Noto Sans", "Helvetica Neue", Arial, sans-serif; font-size: 20px;
        line-height: 1.4; text-align: center; }
.hanzi { font-family: "Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC",
         "Microsoft YaHei", sans-serif; font-size: 60px; line-height: 1.2; }
.traditional { font-family: "Noto Sans CJK TC", "PingFang TC", "Microsoft JhengHei",
               sans-serif; font-size: 28px; opacity: 0.8; }
.pinyin { font-size: 26px; margin: 0.2em 0; }
.english { font-size: 22px; margin: 0.4em 0; }
.english.prompt { font-size: 30px; }
.prompt .alt { display: none; }
.literal, .definition, .context { font-size: 17px; text-align: left; max-width: 36em;
                                  margin: 0.6em auto; }
.context { font-style: italic; }
.label { font-size: 13px; font-style: normal; text-transform: uppercase;
         letter-spacing: 0.05em; opacity: 0.6; }
.source { font-size: 12px; opacity: 0.6; max-width: 40em; margin: 1.5em auto 0; }"""


def export(terms: Sequence[Term], options: ExportOptions) -> bytes:
    """Give the .apkg file of ``terms`` as bytes: one note per term, in the order given."""
    import genanki  # heavy: kept off every other path

    deck = cards.build(terms, options)
    model = genanki.Model(
        deck.note_type_id,
        deck.note_type,
        fields=[{"name": name} for name in cards.FIELDS],
        templates=[{"name": cards.CARD_TYPES[c], **TEMPLATES[c]} for c in deck.cards],
        css=css(deck.tone_colors),
        sort_field_index=0,
    )
    package_deck = genanki.Deck(deck.deck_id, deck.deck)
    for position, note in enumerate(deck.notes):
        package_deck.add_note(
            genanki.Note(
                model=model,
                fields=list(note.fields),
                sort_field=note.sort_field,
                tags=list(note.tags),
                guid=note.guid,
                due=position,  # new cards come up in glossary order
            )
        )
    return _package_bytes(genanki.Package(package_deck))


def css(scheme: str) -> str:
    """Give the note type's CSS: card styling, and the tone colours of ``scheme`` if any."""
    colours = tones.css(scheme)
    return f"{CSS}\n{colours}" if colours else CSS


def _package_bytes(package: Any) -> bytes:
    """Give the zipped package: the collection genanki fills, built in memory.

    genanki's own ``write_to_file`` builds it in the system temp folder (and leaves it
    there); a full or unwritable temp folder then broke the export. In memory, with SQLite
    told to keep its own temporary tables there too, the export needs no folder at all.
    """
    timestamp = time.time()
    with closing(sqlite3.connect(":memory:")) as db:
        db.execute("PRAGMA temp_store = MEMORY")
        package.write_to_db(db.cursor(), timestamp, itertools.count(int(timestamp * 1000)))
        db.commit()
        collection = db.serialize()
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("collection.anki2", collection)
        archive.writestr("media", "{}")
    return out.getvalue()
