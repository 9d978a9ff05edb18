"""A Yomitan dictionary (.zip): the glossary as pop-up definitions on Chinese web pages,
beside CC-CEDICT.

Yomitan's dictionary format 3: ``index.json``, ``tag_bank_1.json`` and
``term_bank_N.json`` files of at most :data:`TERMS_PER_BANK` rows, all at the archive's root.
Each term is a row under its headword and, where it has one, another under its traditional
form (the same sequence number, so that Yomitan can merge the two), both read as its
tone-marked pinyin. The definition is structured content: renderings (preferred first, in
bold), renderings to avoid (struck through), literal gloss, definition, context, source
(with its link, when that is http or https) and see-also links that look the named term up
in Yomitan. The term's tags are the definition's tags.

Yomitan lists a word's entries from the dictionary highest in its list first, so readers put
this one above CC-CEDICT there (docs/browser.md says how); the archive cannot rank itself.
"""

from __future__ import annotations

import hashlib
import io
import json
import re
import zipfile
from collections.abc import Sequence
from typing import Any
from urllib.parse import quote

from glossary import pinyin
from glossary.exporters import ExportOptions
from glossary.exporters.html.data import safe_url
from glossary.model import Term

BINARY = True
FORMAT = 3
TERMS_PER_BANK = 10_000
#: Yomitan tags are space-separated words: a tag's runs of spaces become one underscore.
_TAG_GAPS = re.compile(r"\s+")
#: A fixed time for every member, so that the same glossary gives the same archive.
_ZIP_TIME = (1980, 1, 1, 0, 0, 0)

Content = str | list[Any] | dict[str, Any]


def export(terms: Sequence[Term], options: ExportOptions) -> bytes:
    """Give the dictionary archive of ``terms``."""
    rows: list[list[Any]] = []
    tags: dict[str, None] = {}
    for sequence, term in enumerate(terms, start=1):
        term_tags = [tag_name(t) for t in term.tags if tag_name(t)]
        tags.update(dict.fromkeys(term_tags))
        reading = term.pinyin or pinyin.generate(term.zh)
        definition = {"type": "structured-content", "content": content(term)}
        for headword in dict.fromkeys(h for h in (term.zh, term.traditional) if h):
            rows.append([headword, reading, " ".join(term_tags), "", 0, [definition], sequence, ""])
    banks = {
        f"term_bank_{n + 1}.json": _json(rows[i : i + TERMS_PER_BANK])
        for n, i in enumerate(range(0, len(rows), TERMS_PER_BANK))
    }
    banks["tag_bank_1.json"] = _json([[name, "", 0, f"tag: {name}", 0] for name in tags])
    title = " ".join((options.title or "Glossary").split())
    digest = hashlib.sha256(b"".join(banks[name] for name in sorted(banks))).hexdigest()
    index = {
        "title": title,
        "revision": digest[:12],
        "format": FORMAT,
        "sequenced": True,
        "sourceLanguage": "zh",
        "targetLanguage": "en",
        "description": f"{title}: a Chinese-English terminology glossary of {len(terms)} terms,"
        " exported by glossary.",
    }
    return _archive({"index.json": _json(index), **banks})


def tag_name(tag: str) -> str:
    """Give a glossary tag as one Yomitan tag: no spaces.

    >>> tag_name("think tank"), tag_name(" sco ")
    ('think_tank', 'sco')
    """
    return _TAG_GAPS.sub("_", tag.strip())


def content(term: Term) -> list[Content]:
    """Give the structured content of a term's definition (Yomitan draws it as text: no
    markup in a term reaches the page as HTML)."""
    out: list[Content] = [
        _block(
            "renderings",
            [_item(text, bold=i == 0) for i, text in enumerate(term.en)],
            tag="ol",
        )
    ]
    if term.avoid:
        struck = [
            {"tag": "span", "style": {"textDecorationLine": "line-through"}, "content": text}
            for text in term.avoid
        ]
        out.append(_block("avoid", ["Avoid: ", *_joined(struck, "; ")]))
    for field, label in (("literal", "Literally"), ("definition", None), ("context", "Context")):
        text = getattr(term, field)
        if text:
            out.append(_block(field, [f"{label}: {text}" if label else text], pre=True))
    url = safe_url(term.url)
    if term.source or url:
        link: list[Content] = [{"tag": "a", "href": url, "content": url}] if url else []
        out.append(
            _block("source", ["Source: ", *([term.source, " "] if term.source else []), *link])
        )
    if term.see:
        links = [
            {"tag": "a", "href": _lookup(name), "content": name, "lang": "zh"} for name in term.see
        ]
        out.append(_block("see", ["See: ", *_joined(links, ", ")]))
    return out


def _lookup(name: str) -> str:
    """Give the Yomitan link that looks ``name`` up in its own dictionaries."""
    return f"?query={quote(name, safe='')}&wildcards=off"


def _item(text: str, bold: bool) -> dict[str, Any]:
    item: dict[str, Any] = {"tag": "li", "content": text}
    if bold:
        item["style"] = {"fontWeight": "bold"}
    return item


def _block(
    name: str, children: list[Content], tag: str = "div", pre: bool = False
) -> dict[str, Any]:
    """Give a block of a definition, named by its ``data-glossary`` attribute (which a
    reader's Yomitan style sheet may use)."""
    block: dict[str, Any] = {"tag": tag, "data": {"glossary": name}, "content": children}
    if name != "see":
        block["lang"] = "en"
    if pre:
        block["style"] = {"whiteSpace": "pre-line"}
    return block


def _joined(items: list[dict[str, Any]], between: str) -> list[Content]:
    out: list[Content] = []
    for i, item in enumerate(items):
        out += [between, item] if i else [item]
    return out


def _json(data: object) -> bytes:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def _archive(files: dict[str, bytes]) -> bytes:
    """Give ``files`` as a zip archive, every member at its root, compressed as far as it goes."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for name, body in files.items():
            member = zipfile.ZipInfo(name, date_time=_ZIP_TIME)
            member.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(member, body, compresslevel=9)
    return buffer.getvalue()
