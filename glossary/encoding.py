"""Bytes to text for every file and stream the glossary reads, refusing what would garble.

A glossary file must be UTF-8; a byte-order mark is dropped. The other inputs (what
``import``, ``extract``, ``scan`` and ``check`` read, from a file or stdin) may also be
UTF-16 or UTF-32 with a byte-order mark, as Windows tools save "Unicode text"; they are
decoded and the mark dropped. Nothing is ever decoded by guesswork: text in a legacy
Chinese encoding (GB18030, which covers GBK and GB2312, or Big5) or UTF-16 without a
byte-order mark is refused at the first byte that is not UTF-8, with the encoding it looks
like and the ``iconv`` command that converts it. An input holding a NUL character (a binary
file) is refused at that place as well.

Every input is read through :func:`read_bounded`, which refuses one over the size limit
(see :mod:`glossary.limits`) before it takes the memory.
"""

from __future__ import annotations

import codecs
import os
import stat
from typing import BinaryIO

from glossary import limits
from glossary.errors import GlossaryFileError, Location

#: Byte-order marks an input may start with: (mark, codec without the mark, name shown).
#: UTF-32 LE comes before UTF-16 LE, whose mark is its prefix.
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le", "UTF-32"),
    (codecs.BOM_UTF32_BE, "utf-32-be", "UTF-32"),
    (codecs.BOM_UTF16_LE, "utf-16-le", "UTF-16"),
    (codecs.BOM_UTF16_BE, "utf-16-be", "UTF-16"),
)
_SAVE_HINT = "save it as UTF-8 (most editors offer this under 'Save with encoding')"
#: How much of a stream (a pipe, a device) is read at a time.
_BLOCK = 1 << 20


def read_bounded(handle: BinaryIO, shown: str, limit: int) -> bytes:
    """Give the bytes ``handle`` holds; refuse more than ``limit`` of them.

    A regular file over the limit is refused unread. A stream (a pipe, a terminal, a
    device) is read a block at a time until it ends or passes the limit, and reading stops
    after the first block that holds a NUL byte: the input is refused at that NUL anyway
    (:func:`decode_input`), and one such as ``/dev/zero`` never ends. UTF-16 and UTF-32,
    which hold NUL bytes, are told by their byte-order mark and read on.
    """
    try:
        st: os.stat_result | None = os.fstat(handle.fileno())
    except (OSError, ValueError):  # no descriptor: an in-memory stream in tests
        st = None
    if st is not None and stat.S_ISREG(st.st_mode):
        if st.st_size > limit:
            raise limits.too_large(shown, st.st_size, limit)
        data = handle.read(limit + 1)
        if len(data) > limit:  # it grew while read
            raise limits.too_large(shown, None, limit)
        return data
    blocks: list[bytes] = []
    size = 0
    while block := handle.read(_BLOCK):
        size += len(block)
        if size > limit:
            raise limits.too_large(shown, None, limit)
        blocks.append(block)
        if b"\0" in block and not blocks[0].startswith(tuple(bom for bom, _, _ in _BOMS)):
            return _whole_characters(b"".join(blocks))
    return b"".join(blocks)


def _whole_characters(data: bytes) -> bytes:
    """Give ``data`` without a UTF-8 sequence cut short at its end (where reading stopped),
    so that decoding finds the input's first problem, not the cut.

    >>> _whole_characters("a背".encode()[:-1]), _whole_characters("a背".encode())
    (b'a', b'a\\xe8\\x83\\x8c')
    """
    for back in range(1, min(4, len(data)) + 1):
        byte = data[-back]
        if byte < 0x80:
            return data
        if byte >= 0xC0:  # the first byte of a sequence: whole if it has all it needs
            need = 2 if byte < 0xE0 else 3 if byte < 0xF0 else 4
            return data if back >= need else data[:-back]
    return data


def decode(data: bytes, shown: str) -> str:
    """Give the text of a glossary file: UTF-8 only, a byte-order mark dropped.

    >>> decode(b"\\xef\\xbb\\xbfterms: []", "t.yaml")
    'terms: []'
    """
    for bom, _, name in _BOMS:
        if data.startswith(bom):
            raise GlossaryFileError(
                f"the file is {name}, not UTF-8 (it starts with a {name} byte-order mark)",
                where=Location(shown),
                hint=_convert(name, shown),
            )
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise _not_utf8(data, exc.start, shown) from None
    if "\0" in text and (guess := _utf16_without_bom(data)):
        raise _looks_utf16(text, guess, shown)
    return text


def decode_input(data: bytes, shown: str) -> str:
    """Give the text of an input: UTF-8, or UTF-16 or UTF-32 with a byte-order mark; the
    mark dropped. Refuse any other encoding, and a NUL character, at its place.

    >>> decode_input("背靠背".encode("utf-16"), "<stdin>")
    '背靠背'
    """
    for bom, codec, name in _BOMS:
        if data.startswith(bom):
            text = _decode_marked(data[len(bom) :], codec, name, shown)
            break
    else:
        text = decode(data, shown)
    nul = text.find("\0")
    if nul >= 0:
        raise GlossaryFileError(
            "the input holds a NUL character (U+0000): it is not a text file",
            where=_place(text, nul, shown),
            hint="give a text file (UTF-8); remove the NUL characters if the rest is text",
        )
    return text


def _decode_marked(data: bytes, codec: str, name: str, shown: str) -> str:
    """Give ``data`` decoded as ``codec``; raise, located, where it is not."""
    try:
        return data.decode(codec)
    except UnicodeDecodeError as exc:
        good = data[: exc.start].decode(codec, "replace")
        raise GlossaryFileError(
            f"the file starts with a {name} byte-order mark but is not {name} from here",
            where=_place(good, len(good), shown),
            hint=_SAVE_HINT,
        ) from None


def _place(text: str, at: int, shown: str) -> Location:
    """Give the line and column of offset ``at`` in ``text`` (lines end at LF, CRLF or CR)."""
    before = text[:at].replace("\r\n", "\n").replace("\r", "\n")
    line_start = before.rfind("\n") + 1
    return Location(shown, before.count("\n") + 1, len(before) - line_start + 1)


def _not_utf8(data: bytes, start: int, shown: str) -> GlossaryFileError:
    """Give the error for ``data``, which stops being UTF-8 at byte ``start``."""
    good = data[:start].decode("utf-8", "replace")
    where = _place(good, len(good), shown)
    message = f"the file is not UTF-8 (byte 0x{data[start]:02x})"
    guess = _utf16_without_bom(data) or _legacy_chinese(data)
    if guess is None:
        return GlossaryFileError(message, where=where, hint=_SAVE_HINT)
    return GlossaryFileError(
        f"{message}: it looks like {guess} text",
        where=where,
        hint=_convert(guess, shown),
    )


def _looks_utf16(text: str, guess: str, shown: str) -> GlossaryFileError:
    return GlossaryFileError(
        f"the file holds NUL characters: it looks like {guess} text without a byte-order mark",
        where=_place(text, text.find("\0"), shown),
        hint=_convert(guess, shown),
    )


def _convert(encoding: str, shown: str) -> str:
    """Give the hint naming the command that converts ``shown`` from ``encoding``.

    >>> _convert("GB18030", "terms.csv")
    'convert it to UTF-8 first: iconv -f GB18030 -t UTF-8 terms.csv > terms.utf8.csv'
    """
    codec = encoding.split()[0].upper()
    if shown.startswith("<"):  # stdin
        return f"convert it to UTF-8 first: pipe it through iconv -f {codec} -t UTF-8"
    stem, dot, suffix = shown.rpartition(".")
    target = f"{stem}.utf8.{suffix}" if dot and "/" not in suffix else f"{shown}.utf8"
    return f"convert it to UTF-8 first: iconv -f {codec} -t UTF-8 {shown} > {target}"


def _utf16_without_bom(data: bytes) -> str | None:
    """Give "UTF-16LE" or "UTF-16BE" when ``data`` reads as UTF-16 text without a byte-order
    mark (every other byte NUL, as ASCII is in UTF-16), else ``None``.

    >>> _utf16_without_bom("zh,en\\n".encode("utf-16-le")), _utf16_without_bom(b"zh,en")
    ('UTF-16LE', None)
    """
    sample = data[:4096]
    pairs = len(sample) // 2
    if pairs < 2:
        return None
    even = sample[0::2].count(0)
    odd = sample[1::2].count(0)
    if odd >= pairs * 0.3 and even * 10 <= odd:
        return "UTF-16LE"
    if even >= pairs * 0.3 and odd * 10 <= even:
        return "UTF-16BE"
    return None


def _legacy_chinese(data: bytes) -> str | None:
    """Give "GB18030" or "Big5" when ``data`` reads as Chinese in that encoding, else ``None``.

    Most bytes read both ways; Big5 tells itself by second bytes from 0x40 to 0x7E, which
    about two Big5 characters in five have and GB2312 characters never do.

    >>> _legacy_chinese("中华人民".encode("gb18030")), _legacy_chinese("中華人民".encode("big5"))
    ('GB18030', 'Big5')
    """
    fits = []
    for codec, name in (("gb18030", "GB18030"), ("big5", "Big5")):
        try:
            data.decode(codec)
        except UnicodeDecodeError:
            continue
        fits.append(name)
    if len(fits) < 2:
        return fits[0] if fits else None
    low_trail = 0
    at = 0
    while at < len(data) - 1:
        if data[at] < 0x80:
            at += 1
            continue
        second = data[at + 1]
        if 0x30 <= second <= 0x39:  # a four-byte GB18030 sequence: Big5 has none
            return "GB18030"
        low_trail += 0x40 <= second <= 0x7E
        at += 2
    return "Big5" if low_trail else "GB18030"
