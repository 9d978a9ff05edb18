"""Pinyin for new terms: from the dictionary's words first, pypinyin for what is left.

A term is cut into the dictionary's words: the cut with the fewest pieces (the longest
words), and of those the one whose words are commonest. Each word of two characters or
more reads as the dictionary reads it (its main reading, see
:func:`glossary.dictionary.cedict.fields`); a character standing alone reads as the
dictionary reads it when the dictionary knows one reading only (不 bù, 一 yī, in their
citation tones as the glossary writes them), else as pypinyin reads it in context.

The reading is written as the glossary's own entries are: a word's syllables joined
(with an apostrophe before a, o or e inside a word), words apart, and names capitalised
as the dictionary capitalises them (中国人民解放军: Zhōngguó Rénmín Jiěfàngjūn).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, NamedTuple

from glossary import pinyin

if TYPE_CHECKING:
    from glossary.dictionary.frequency import Frequencies
    from glossary.index import GlossaryIndex
    from glossary.model import Term

#: The longest word looked for inside a term, in characters.
_LONGEST = 12
_HANZI_RUN = re.compile(r"([\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f]+)")
_ALSO = re.compile(r"Also read ([^:(]+?)(?: \(|:)")


class Word(NamedTuple):
    """A piece of a term: its characters, and the dictionary's readings of it (the main
    one first; none for a character the dictionary does not hold)."""

    text: str
    readings: tuple[str, ...]


class Reader:
    """Reads terms with the dictionaries' words (``indexes``, top first), ordering cuts by
    ``frequencies``."""

    def __init__(self, indexes: Sequence[GlossaryIndex], frequencies: Frequencies):
        self.indexes = list(indexes)
        self.frequencies = frequencies

    def generate(self, text: str) -> str:
        """Give the pinyin of ``text``, written as the glossary writes readings.

        Text that is not hanzi (Latin letters, digits, a hyphen) is kept, joined to the
        word before it unless a space stands between.
        """
        words: list[str] = []
        for run in _HANZI_RUN.split(text):
            if not run.strip():
                continue
            if not pinyin.has_hanzi(run):
                if words and not run[0].isspace():
                    words[-1] += run.strip()
                else:
                    words.append(run.strip())
                continue
            words += self._read_run(run)
        return " ".join(words)

    def syllables(self, text: str) -> list[tuple[str, set[str]]]:
        """Give, for each hanzi of ``text``, the generated syllable and every syllable the
        dictionary allows there (tone-marked, lower case): the generated one, and the
        other readings of the dictionary word it falls in (see
        :data:`glossary.validate.Allowed`)."""
        out: list[tuple[str, set[str]]] = []
        for run in _HANZI_RUN.split(text):
            if not pinyin.has_hanzi(run):
                continue
            generated = pinyin.syllables_of(" ".join(self._read_run(run)))
            if len(generated) != len(run):
                return []
            at = 0
            for word in self.cut(run):
                for k in range(len(word.text)):
                    allowed = {generated[at + k]}
                    for reading in word.readings:
                        syllables = pinyin.syllables_of(reading)
                        if len(syllables) == len(word.text):
                            allowed.add(syllables[k])
                    out.append((generated[at + k], allowed))
                at += len(word.text)
        return out

    def cut(self, run: str, whole: bool = True) -> list[Word]:
        """Give ``run`` (hanzi only) cut into the dictionary's words: the fewest pieces,
        then the fewest single characters, then the commonest words (without ``whole``,
        never ``run`` itself as one piece)."""
        found = self._known(run)
        zipf = self.frequencies.of([*found, *run])
        n = len(run)
        # best[i]: (pieces, single characters, -commonness) of the best cut of run[:i],
        # and where its last piece starts
        worst = (n + 1, n + 1, 0.0)
        best: list[tuple[tuple[int, int, float], int]] = [((0, 0, 0.0), 0)] + [(worst, 0)] * n
        for end in range(1, n + 1):
            for start in range(max(0, end - _LONGEST), end):
                piece = run[start:end]
                if len(piece) > 1 and (piece not in found or (not whole and piece == run)):
                    continue
                (count, singles, rarity), _ = best[start]
                cost = (count + 1, singles + (len(piece) == 1), rarity - zipf.get(piece, 0.0))
                if cost < best[end][0]:
                    best[end] = (cost, start)
        pieces: list[Word] = []
        end = n
        while end > 0:
            start = best[end][1]
            piece = run[start:end]
            pieces.append(Word(piece, found.get(piece, ())))
            end = start
        return pieces[::-1]

    def _known(self, run: str) -> dict[str, tuple[str, ...]]:
        """Give the words of the dictionaries inside ``run``, each with its readings."""
        wanted = {
            run[i:j] for i in range(len(run)) for j in range(i + 1, min(len(run), i + _LONGEST) + 1)
        }
        found: dict[str, tuple[str, ...]] = {}
        for index in self.indexes:
            for term in _headwords(index, wanted - found.keys()):
                found[term.zh] = _readings(term.pinyin or "", term.definition or "")
        return found

    def _read_run(self, run: str) -> list[str]:
        """Give the words of a run of hanzi, read: the dictionary's words as it reads them,
        and each stretch of characters it holds no word for by pypinyin, in that stretch's
        own context (a lone character the dictionary reads one way only, its way)."""
        pieces = self.cut(run)
        if name := _personal_name(pieces):
            return name
        words: list[str] = []
        left: list[Word] = []
        for word in [*pieces, None]:
            if word is not None and len(word.text) == 1:
                left.append(word)
                continue
            if left:
                words += _leftover(left)
                left = []
            if word is not None:
                words += self._word(word)
        return words

    def _word(self, word: Word) -> list[str]:
        """Give a dictionary word of several characters as the glossary writes it. One of
        four characters or more (a phrase, a name of several words) is written as the
        words it is made of, where it is made of words: 为人民服务 wèi rénmín fúwù,
        中国人民解放军 Zhōngguó Rénmín Jiěfàngjūn; a shorter one is one word."""
        syllables = word.readings[0].split() if word.readings else []
        if len(syllables) != len(word.text):  # a reading that is not one syllable a hanzi
            return _written(syllables) if syllables else _pypinyin_words(word.text)
        if len(word.text) < 4:
            return _written(syllables)
        sizes = _groups([len(piece.text) for piece in self.cut(word.text, whole=False)])
        words, at = [], 0
        for size in sizes:
            words += _written(syllables[at : at + size])
            at += size
        return words


def _headwords(index: GlossaryIndex, names: set[str]) -> list[Term]:
    """Give the terms of ``index`` whose headword is one of ``names``."""
    if not names:
        return []
    ordered = sorted(names)
    ids: list[int] = []
    for at in range(0, len(ordered), 900):
        chunk = ordered[at : at + 900]
        marks = ",".join("?" * len(chunk))
        rows = index.db.execute(f"SELECT id FROM terms WHERE zh IN ({marks})", chunk)
        ids += [row[0] for row in rows]
    return list(index.terms_by_number(ids).values())


def _readings(main: str, definition: str) -> tuple[str, ...]:
    """Give a dictionary entry's readings: its main one, then those its definition's
    "Also read ..." sentences give.

    >>> _readings("kàn", "Also read kān: to look after.")
    ('kàn', 'kān')
    """
    others = [m.group(1).strip() for m in _ALSO.finditer(definition)]
    return tuple(dict.fromkeys([main, *others]))


def _written(syllables: Sequence[str]) -> list[str]:
    """Give the syllables of a dictionary word as the glossary writes them: joined, a new
    word at each capitalised syllable after the first (the dictionary capitalises each
    part of a name: Zēng Guófān, Cháng Jiāng).

    >>> _written(["Zēng", "Guó", "fān"]), _written(["Xī", "ān"]), _written(["yī", "diǎn", "r"])
    (['Zēng', 'Guófān'], ["Xī'ān"], ['yīdiǎnr'])
    """
    words: list[list[str]] = []
    for syllable in syllables:
        if not words or syllable[:1].isupper():
            words.append([syllable])
        else:
            words[-1].append(syllable)
    return [_joined(word) for word in words]


def _groups(sizes: Sequence[int]) -> list[int]:
    """Give the sizes of the words a phrase is written as, from the sizes of the pieces it
    is cut into: a single character at the end, or between words, joins the word before
    it (a suffix: 陆战队员); one at the start stands alone (为, 不); a phrase that is all
    single characters (乌鲁木齐) stays one word.

    >>> _groups([1, 2, 2]), _groups([2, 2, 1]), _groups([1, 1, 1, 1])
    ([1, 2, 2], [2, 3], [4])
    """
    if all(size == 1 for size in sizes):
        return [sum(sizes)]
    out: list[int] = []
    for n, size in enumerate(sizes):
        if size == 1 and n > 0:
            out[-1] += 1
        else:
            out.append(size)
    return out


def _joined(syllables: Sequence[str]) -> str:
    """Give syllables as one word, with an apostrophe before a, o or e after the first."""
    word = syllables[0] if syllables else ""
    for syllable in syllables[1:]:
        apostrophe = syllable[:1].lower() in _APOSTROPHE_BEFORE
        word += ("'" if apostrophe else "") + syllable
    return word


_APOSTROPHE_BEFORE = frozenset("aāáǎàoōóǒòeēéěè")


def _personal_name(pieces: Sequence[Word]) -> list[str] | None:
    """Give the reading of a person's name the dictionary does not hold, or None if the
    pieces are not one: two or three characters, none of them inside a dictionary word,
    the first read as a name (capitalised) by the dictionary, as a surname is (任 Rén,
    not rèn). The surname apart, the given name joined, both capitalised."""
    if not 2 <= len(pieces) <= 3 or any(len(p.text) > 1 for p in pieces):
        return None
    surnames = [r for r in pieces[0].readings if r[:1].isupper() and " " not in r]
    if not surnames:
        return None
    given = _pypinyin_words("".join(p.text for p in pieces[1:]))
    return [surnames[0], _joined(given).capitalize()]


def _leftover(left: Sequence[Word]) -> list[str]:
    """Give the words of a stretch of single characters: a lone one that the dictionary
    reads one way only reads that way (不 bù), anything else as pypinyin reads it."""
    if len(left) == 1:
        lower = {r for r in left[0].readings if not r[:1].isupper()}
        if len(lower) == 1:
            return [lower.pop()]
    return _pypinyin_words("".join(w.text for w in left))


def _pypinyin_words(text: str) -> list[str]:
    """Give pypinyin's reading of ``text``, in words (see :func:`glossary.pinyin.generate`)."""
    return pinyin.generate(text).split(" ")


def reader(env: Mapping[str, str], use: bool | None = None) -> Reader | None:
    """Give a reader over the dictionaries in use (CEDICT-format ones), or None when the
    dictionary layer is off (``use``: --dict/--no-dict; None: as GLOSSARY_DICT says) or
    none can be read: then pypinyin alone reads."""
    from glossary.dictionary import frequency, sources, store
    from glossary.errors import GlossaryError

    if not sources.wanted(use, env):
        return None
    indexes = []
    for dictionary in sources.in_use(env):
        if dictionary.kind != "cedict":
            continue
        try:
            indexes.append(store.open_dictionary(dictionary, env))
        except GlossaryError:
            continue  # a dictionary that cannot be read reads nothing
    if not indexes:
        return None
    return Reader(indexes, frequency.open_frequencies(env))


def generator(env: Mapping[str, str], use: bool | None = None) -> Callable[[str], str]:
    """Give what reads new terms: the dictionaries' reader if the layer is on and one can
    be read, else pypinyin alone."""
    found = reader(env, use)
    return found.generate if found is not None else pinyin.generate
