"""Anki notes for glossary terms: what the .apkg and the text-import exports share.

Both exports give every term the same note: the same fields (HTML-escaped, tone-coloured
when asked), the same tags and the same GUID, so that a deck made from either one is
updated, not duplicated, by the other.

Identity (what makes a re-import update instead of add):

- **Note GUID**: ``genanki.guid_for("glossary", term.key)``, a function of the term's key
  (its ``id``, else its headword) and nothing else. Editing any other field keeps the GUID;
  changing ``id`` or, with no ``id``, the headword makes a new note.
- **Note type id**: a hash of :data:`NOTE_TYPE_VERSION` and the glossary title. The tone
  scheme and the card types chosen do not change it (they change only the CSS and the
  templates). Anki updates notes only within the same note type and a note type only while
  its field and template names stay the same, so a later change to :data:`FIELDS` must bump
  :data:`NOTE_TYPE_VERSION`: that gives a new note type, deliberately.
- **Deck id**: a hash of the deck name (``--deck``, else the title, else "Glossary"). Anki
  matches decks by name when it imports; the id is stable so that older importers agree.

Tags: each term tag with whitespace and quotes turned into ``_`` (Anki tags cannot hold
them), plus one tag for the glossary, ``glossary::<slug of the title>`` (``glossary``
when there is no title): a hierarchical tag that groups every glossary under one node of
Anki's browser.
"""

from __future__ import annotations

import hashlib
import html
import re
from collections.abc import Sequence
from dataclasses import dataclass

from glossary import pinyin, tones
from glossary.errors import GlossaryFileError, UsageError
from glossary.exporters import ExportOptions, Option
from glossary.model import Term

#: Bump when FIELDS or the template names change: the note type then gets a new id.
NOTE_TYPE_VERSION = 1

#: The note type's fields, in order. ``Id`` holds the term's key.
FIELDS = (
    "Hanzi",
    "Traditional",
    "Pinyin",
    "English",
    "Literal",
    "Definition",
    "Context",
    "Source",
    "Id",
)

#: Card type option -> template name, in the order the templates are made.
CARD_TYPES = {"zh-en": "Chinese → English", "en-zh": "English → Chinese"}

DEFAULT_DECK = "Glossary"
#: The options of both Anki exports.
OPTIONS = (
    Option("cards", "zh-en, en-zh or both.", "A,B", "zh-en,en-zh", listed=True),
    Option("deck", "The deck name (default: the glossary's title).", "NAME"),
    Option(
        "tone_colors", "Tone colours of hanzi and pinyin: pleco, mdbg or none.", "SCHEME", "none"
    ),
)
GLOSSARY_TAG = "glossary"

# The range genanki's README draws model and deck ids from: [2**30, 2**31).
_ID_LOW, _ID_HIGH = 1 << 30, 1 << 31

# Characters that would break a field, the template language or a text-import line.
_INERT = str.maketrans(
    {
        "{": "&#123;",
        "}": "&#125;",
        "\t": " ",
        "\n": "<br>",
        "\x1f": " ",  # Anki's field separator inside the collection
        **{chr(c): " " for c in range(32) if chr(c) not in "\t\n\x1f"},
        "\x7f": " ",
    }
)
_TAG_BAD = re.compile(r'[\s"\x00-\x1f\x7f]+')
_SLUG_BAD = re.compile(r"[\W_]+")


@dataclass(frozen=True)
class Note:
    """One term as an Anki note: GUID, field HTML in :data:`FIELDS` order, tags."""

    guid: str
    fields: tuple[str, ...]
    tags: tuple[str, ...]
    #: The headword as plain escaped text, for Anki's sort column.
    sort_field: str


@dataclass(frozen=True)
class Deck:
    """Everything an Anki export writes: names, ids, card types, CSS scheme and notes."""

    note_type: str
    note_type_id: int
    deck: str
    deck_id: int
    #: Card type options in template order, e.g. ("zh-en", "en-zh").
    cards: tuple[str, ...]
    tone_colors: str
    notes: tuple[Note, ...]


def build(terms: Sequence[Term], options: ExportOptions) -> Deck:
    """Give the Anki deck for ``terms``; raise on unknown options or two terms sharing a key."""
    cards = card_types(options.cards)
    scheme = tone_scheme(options.tone_colors)
    deck = deck_name(options)
    _check_unique_keys(terms)
    return Deck(
        note_type=note_type_name(options.title),
        note_type_id=note_type_id(options.title),
        deck=deck,
        deck_id=deck_id(deck),
        cards=cards,
        tone_colors=scheme,
        notes=tuple(note(term, options.title, scheme) for term in terms),
    )


def card_types(names: Sequence[str]) -> tuple[str, ...]:
    """Give the card types asked for in template order; raise on an unknown or empty choice.

    >>> card_types(["en-zh", "zh-en", "en-zh"])
    ('zh-en', 'en-zh')
    """
    unknown = [n for n in names if n not in CARD_TYPES]
    if unknown or not names:
        what = f"unknown card type {unknown[0]!r}" if unknown else "no card type chosen"
        raise UsageError(what, hint="use zh-en, en-zh or both: --cards zh-en,en-zh")
    return tuple(n for n in CARD_TYPES if n in names)


def tone_scheme(name: str) -> str:
    """Give the tone colour scheme ``name`` if it is known; raise otherwise."""
    if name not in tones.CHOICES:
        raise UsageError(
            f"unknown tone colour scheme {name!r}", hint="use one of: " + ", ".join(tones.CHOICES)
        )
    return name


def deck_name(options: ExportOptions) -> str:
    """Give the deck name: ``--deck``, else the glossary title, else "Glossary"."""
    return (options.deck or "").strip() or (options.title or "").strip() or DEFAULT_DECK


def note_type_name(title: str | None) -> str:
    """Give the note type's name, which names the glossary and the note type version.

    >>> note_type_name("Sino-Russian military cooperation")
    'Glossary term v1 (Sino-Russian military cooperation)'
    """
    base = f"Glossary term v{NOTE_TYPE_VERSION}"
    title = (title or "").strip()
    return f"{base} ({title})" if title else base


def stable_id(*parts: str) -> int:
    """Give a fixed number in genanki's id range, a hash of ``parts``."""
    digest = hashlib.sha256("\x1f".join(parts).encode("utf-8")).digest()
    return _ID_LOW + int.from_bytes(digest[:8], "big") % (_ID_HIGH - _ID_LOW)


def note_type_id(title: str | None) -> int:
    """Give the note type id: the note type version and the title, hashed."""
    return stable_id("glossary note type", str(NOTE_TYPE_VERSION), (title or "").strip())


def deck_id(name: str) -> int:
    """Give the deck id: the deck name, hashed."""
    return stable_id("glossary deck", name)


def note_guid(key: str) -> str:
    """Give the GUID of the note for the term whose key is ``key``.

    >>> note_guid("三股势力") == note_guid("三股势力") != note_guid("three-evil-forces")
    True
    """
    import genanki  # heavy; a runtime dependency

    return str(genanki.guid_for(GLOSSARY_TAG, key))


def note_tags(term: Term, title: str | None) -> tuple[str, ...]:
    """Give the note's tags: the term's (made safe for Anki) and the glossary's.

    >>> term = Term(zh="三股势力", en=("three evil forces",), tags=("sco", "war on terror"))
    >>> note_tags(term, "SCO")
    ('sco', 'war_on_terror', 'glossary::sco')
    """
    tags = [_TAG_BAD.sub("_", t.strip()) for t in term.tags]
    tags.append(glossary_tag(title))
    return tuple(dict.fromkeys(t for t in tags if t.strip("_")))


def glossary_tag(title: str | None) -> str:
    """Give the tag every note of the glossary carries.

    >>> glossary_tag("Sino-Russian military cooperation")
    'glossary::sino-russian-military-cooperation'
    >>> glossary_tag(None)
    'glossary'
    """
    slug = _SLUG_BAD.sub("-", (title or "").casefold()).strip("-")
    return f"{GLOSSARY_TAG}::{slug}" if slug else GLOSSARY_TAG


def note(term: Term, title: str | None, scheme: str = tones.NONE) -> Note:
    """Give the Anki note for ``term``, tone-coloured in ``scheme`` ("none": plain)."""
    reading = term.pinyin or pinyin.generate(term.zh)
    fields = {
        "Hanzi": hanzi_html(term.zh, reading, scheme),
        "Traditional": hanzi_html(term.traditional, reading, scheme) if term.traditional else "",
        "Pinyin": pinyin_html(reading, scheme),
        "English": english_html(term.en),
        "Literal": escape(term.literal or ""),
        "Definition": escape(term.definition or ""),
        "Context": escape(term.context or ""),
        "Source": escape(term.source or ""),
        "Id": escape(term.key),
    }
    return Note(
        guid=note_guid(term.key),
        fields=tuple(fields[name] for name in FIELDS),
        tags=note_tags(term, title),
        sort_field=escape(term.zh),
    )


def escape(text: str) -> str:
    """Give ``text`` as inert field HTML: markup, template braces, tabs and newlines disarmed.

    >>> escape("a & b <b> {{Hanzi}}")
    'a &amp; b &lt;b&gt; &#123;&#123;Hanzi&#125;&#125;'
    >>> escape("line one\\nline\\ttwo")
    'line one<br>line two'
    """
    text = html.escape(text.replace("\r\n", "\n").replace("\r", "\n")).translate(_INERT)
    # "[sound:x]" would play a file; a leading "#" makes a text-import line a comment.
    text = text.replace("[sound:", "&#91;sound:")
    return "&#35;" + text[1:] if text.startswith("#") else text


def _coloured(pieces: Sequence[tuple[str, int]]) -> str:
    return "".join(
        f'<span class="tone{tone}">{escape(text)}</span>' if tone else escape(text)
        for text, tone in pieces
    )


def pinyin_html(reading: str, scheme: str) -> str:
    """Give the pinyin field: a ``toneN`` span per syllable, or plain text for "none".

    >>> pinyin_html("sān gǔ", "pleco")
    '<span class="tone1">sān</span> <span class="tone3">gǔ</span>'
    """
    if scheme == tones.NONE:
        return escape(reading)
    return _coloured(tones.syllables(reading))


def hanzi_html(hanzi: str, reading: str, scheme: str) -> str:
    """Give a hanzi field: a ``toneN`` span per character when tones are known and asked for.

    >>> hanzi_html("背靠背", "bèikàobèi", "mdbg").count('class="tone4"')
    3
    """
    if scheme == tones.NONE:
        return escape(hanzi)
    return _coloured(tones.hanzi_tones(hanzi, reading))


def english_html(renderings: Sequence[str]) -> str:
    """Give the English field: the preferred rendering, then the others in an ``alt`` span.

    The English → Chinese card hides ``.alt`` on its front, so it asks for the preferred
    rendering only.

    >>> english_html(["three evil forces", "three forces"])
    'three evil forces<span class="alt">; three forces</span>'
    """
    first, *rest = [escape(r) for r in renderings] or [""]
    return first + (f'<span class="alt">; {"; ".join(rest)}</span>' if rest else "")


def _check_unique_keys(terms: Sequence[Term]) -> None:
    seen: set[str] = set()
    for term in terms:
        if term.key in seen:
            raise GlossaryFileError(
                f"two terms share the key {term.key!r}, so Anki would see one note",
                where=term.location,
                hint="give one of them a distinct 'id:'",
            )
        seen.add(term.key)
