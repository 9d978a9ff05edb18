"""A web page: one HTML file (or, with ``--layout folder``, a folder) that searches the
glossary offline in any browser.

The page searches as ``glossary search`` does (hanzi, pinyin in any form, initials, English
with typos, ``tag:``), shows entries with tone colours, links ``see`` entries and prints as
a clean document. It makes no network request: its script, style and data are inline, and a
Content-Security-Policy lets nothing else run. :mod:`.data` works out the search keys,
:mod:`.page` writes the page; the script and style are the package files beside them.

The folder layout is for large glossaries: ``index.html`` opens at once and loads the data
from ``data-N.js`` files beside it, so the page shell shows while they arrive.
"""

from __future__ import annotations

from collections.abc import Sequence

from glossary import tones
from glossary.errors import UsageError
from glossary.exporters import ExportOptions, Option
from glossary.exporters.html import data, page
from glossary.model import Term

BINARY = False
LAYOUTS = ("file", "folder")
#: Entries per data file of the folder layout.
PART_SIZE = 20_000

OPTIONS = (
    Option(
        "tone_colors",
        "Tone colours the page opens with: pleco, mdbg or none (a reader can change them).",
        "SCHEME",
        "pleco",
    ),
    Option("ruby", "Open with the pinyin over the hanzi.", "", False, kind=bool),
    Option(
        "layout",
        "file (one HTML file) or folder (index.html and data files, for large glossaries).",
        "LAYOUT",
        "file",
    ),
)


def export(terms: Sequence[Term], options: ExportOptions) -> str | dict[str, bytes]:
    """Give the page for ``terms``: its HTML, or for the folder layout its files by name."""
    if options.tone_colors not in tones.CHOICES:
        raise UsageError(
            f"unknown tone colours {options.tone_colors!r}",
            hint="use " + ", ".join(tones.CHOICES),
        )
    if options.layout not in LAYOUTS:
        raise UsageError(f"unknown layout {options.layout!r}", hint="use file or folder")
    content = data.payload(terms, options.title, options.tone_colors, options.ruby)
    title = content["title"]
    if options.layout == "file":
        inline = data.to_json(content)
        element = f'<script id="glossary-data" type="application/json">{inline}</script>\n'
        return page.document(title, len(terms), options.tone_colors, element)
    return _folder(content, title, len(terms), options.tone_colors)


def _folder(
    content: dict[str, object], title: str, count: int, tone_colors: str
) -> dict[str, bytes]:
    """Give the folder layout's files: the page and its data, cut into parts that the page
    loads (each a script that hands its part to the page)."""
    entries = content.pop("entries")
    assert isinstance(entries, list)
    parts = [entries[i : i + PART_SIZE] for i in range(0, len(entries), PART_SIZE)] or [[]]
    files: dict[str, bytes] = {}
    for number, part in enumerate(parts):
        body = {"part": number, "parts": len(parts), "entries": part}
        if number == 0:
            body["head"] = content
        files[f"data-{number}.js"] = f"glossaryPart({data.to_json(body)});\n".encode()
    # The page asks for every part at once: the browser reads them side by side.
    listed = data.to_json({"parts": len(parts)})
    element = f'<script id="glossary-parts" type="application/json">{listed}</script>\n'
    files["index.html"] = page.document(title, count, tone_colors, element).encode("utf-8")
    return files
