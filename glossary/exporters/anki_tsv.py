"""Anki text import (tab-separated): the same notes as the .apkg, as a file Anki imports.

Header lines tell Anki's importer everything (File → Import picks them up)::

    #separator:tab
    #html:true
    #notetype:Glossary term v1 (Sino-Russian military cooperation)
    #deck:Sino-Russian military cooperation
    #columns:Hanzi<TAB>Traditional<TAB>...<TAB>Id<TAB>GUID<TAB>Tags
    #guid column:10
    #tags column:11

then one line per term: the fields exactly as the .apkg holds them (HTML-escaped, tone
spans when asked for), the note's GUID (the same as the .apkg's, so either export updates
notes the other made) and its tags, space-separated.

Anki finds the note type by name, so import the .apkg once first (or make a note type of
that name with these fields); without one it falls back to its current note type. Field
text holds no tab or newline (newlines become ``<br>``, tabs spaces) and no double quote
(escaped as ``&quot;``), so every line is one note.
"""

from __future__ import annotations

from collections.abc import Sequence

from glossary.exporters import ExportOptions, cards
from glossary.model import Term

OPTIONS = cards.OPTIONS

BINARY = False

#: The columns after the note type's fields.
META_COLUMNS = ("GUID", "Tags")
COLUMNS = (*cards.FIELDS, *META_COLUMNS)
GUID_COLUMN = COLUMNS.index("GUID") + 1
TAGS_COLUMN = COLUMNS.index("Tags") + 1


def export(terms: Sequence[Term], options: ExportOptions) -> str:
    """Give the text-import file of ``terms``: header lines, then one line per term."""
    deck = cards.build(terms, options)
    lines = [*header(deck.note_type, deck.deck)]
    lines.extend("\t".join((*note.fields, note.guid, " ".join(note.tags))) for note in deck.notes)
    return "\n".join(lines) + "\n"


def header(note_type: str, deck: str) -> list[str]:
    """Give the header lines that tell Anki how to read the file.

    >>> for line in header("Glossary term v1", "Glossary"):
    ...     print(line.replace("\\t", ","))
    #separator:tab
    #html:true
    #notetype:Glossary term v1
    #deck:Glossary
    #columns:Hanzi,Traditional,Pinyin,English,Literal,Definition,Context,Source,Id,GUID,Tags
    #guid column:10
    #tags column:11
    """
    return [
        "#separator:tab",
        "#html:true",
        f"#notetype:{_one_line(note_type)}",
        f"#deck:{_one_line(deck)}",
        "#columns:" + "\t".join(COLUMNS),
        f"#guid column:{GUID_COLUMN}",
        f"#tags column:{TAGS_COLUMN}",
    ]


def _one_line(text: str) -> str:
    return " ".join(text.split())
