"""Tests on short pieces of text: a Chinese term, pinyin, garbled text, usable English."""

from __future__ import annotations

import re

from glossary import pinyin
from glossary.extract.romanise import letters
from glossary.hanzi import HANZI_CHARS

# Quotes of every kind, and the title marks 《》〈〉 that Chinese puts around a work's name.
QUOTES = "\"'“”‘’「」『』«»《》〈〉"
_HANZI_TERM = re.compile(rf"[{HANZI_CHARS}0-9A-Za-z\-:·、/ ]+")
# UTF-8 read as Latin-1 or Windows-1252: "三" shows as "ä¸‰"; U+FFFD where bytes were lost.
_MOJIBAKE = re.compile(r"[\u00c0-\u00ff][\u0080-\u00bf\u2018-\u203a\u0152-\u0192]|\ufffd|â€")
_QUOTATION_SIGNS = re.compile(r"[，。！？；：“”]|我|你|您|[吗呢吧]$")
_TONE_NUMBERED = re.compile(r"[A-Za-zü:]+[1-5]")
_ENGLISH_WORD = re.compile(r"[A-Za-z][A-Za-z'\-]*")
# A word of Latin letters, accented or not (pinyin's tone marks), or IPA's ɡ.
_LATIN_WORD = re.compile(r"[A-Za-z\u00c0-\u024f\u0261\u1e00-\u1eff\u0300-\u036f]+")


def strip_quotes(text: str) -> str:
    """Give ``text`` without surrounding whitespace and quotes of any kind."""
    return text.strip().strip(QUOTES).strip()


def is_mojibake(text: str) -> bool:
    """Tell whether ``text`` holds the marks of text decoded with the wrong encoding."""
    return _MOJIBAKE.search(text) is not None


def is_chinese_term(text: str) -> bool:
    """Tell whether ``text`` reads as a Chinese term rather than a quotation or noise."""
    return (
        pinyin.has_hanzi(text)
        and _HANZI_TERM.fullmatch(text) is not None
        and pinyin.count_hanzi(text) <= 24
        and _QUOTATION_SIGNS.search(text) is None
    )


def is_pinyin(text: str) -> bool:
    """Tell whether every word of ``text`` splits into Mandarin syllables: tone marks or
    numbers, ü or v, and look-alike letters (IPA ɡ) allowed."""
    words = [w for w in re.split(r"[\s'’\-0-9:]+", text) if w]
    if not words or any(_LATIN_WORD.fullmatch(w) is None for w in words):
        return False
    return all(_segments(letters(w)) for w in words)


def _segments(letters: str) -> bool:
    """Tell whether ``letters`` split into toneless syllables, one after another."""
    syllables = pinyin.syllable_set()
    ok = [False] * (len(letters) + 1)
    ok[0] = True
    for end in range(1, len(letters) + 1):
        ok[end] = any(ok[s] and letters[s:end] in syllables for s in range(max(0, end - 6), end))
    return bool(letters) and ok[-1]


def fitting_pinyin(text: str, zh: str) -> str | None:
    """Give ``text`` as pinyin for ``zh`` when it has one syllable per hanzi, else ``None``."""
    text = strip_quotes(text)
    if not text or not is_pinyin(text) or _syllable_count(text) != pinyin.count_hanzi(zh):
        return None
    return _marked(text)


def _syllable_count(text: str) -> int:
    """Count the syllables of pinyin ``text``, tone-numbered or marked."""
    return len(pinyin.parse_reading(_marked(text)).starts) - 1


def _marked(text: str) -> str:
    """Give tone-numbered pinyin ("san1 gu3") with tone marks; marked pinyin unchanged."""
    return _TONE_NUMBERED.sub(lambda m: pinyin.numbered_to_marked(m.group(0)), text)


def good_english(en: str) -> bool:
    """Tell whether ``en`` can be a rendering: English words, not too many, no Chinese."""
    words = _ENGLISH_WORD.findall(en)
    if not words or is_mojibake(en) or pinyin.has_hanzi(en):
        return False
    return len(words) <= 20 and len(en) <= 160


def clean_english(text: str) -> str:
    """Give ``text`` without quotes, trailing punctuation or a leading article."""
    text = strip_quotes(text.strip().rstrip(".,;"))
    return re.sub(r"^(?:the|a|an)\s+", "", text, flags=re.I).strip()
