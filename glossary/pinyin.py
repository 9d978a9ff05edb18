"""Pinyin: parse what is stored, normalise what is typed, generate what is missing.

The only module that imports pypinyin, and only inside :func:`generate`, so that a
search over stored pinyin never pays for pypinyin's tables.
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from functools import lru_cache
from operator import itemgetter
from typing import NamedTuple

from glossary.hanzi import HANZI_CLASS, HANZI_RANGES

# Every toneless Mandarin syllable (ü written as u, as people type it); interjections
# such as "hm" and "ng" are left out so that they never split a real word.
_SYLLABLE_TABLE = """
    a ai an ang ao ba bai ban bang bao bei ben beng bi bian biang biao bie bin bing bo
    bu ca cai can cang cao ce cei cen ceng cha chai chan chang chao che chen cheng chi
    chong chou chu chua chuai chuan chuang chui chun chuo ci cong cou cu cuan cui cun
    cuo da dai dan dang dao de dei den deng di dia dian diao die ding diu dong dou du
    duan dui dun duo e ei en eng er fa fan fang fei fen feng fiao fo fou fu ga gai gan
    gang gao ge gei gen geng gong gou gu gua guai guan guang gui gun guo ha hai han hang
    hao he hei hen heng hong hou hu hua huai huan huang hui hun huo ji jia jian jiang
    jiao jie jin jing jiong jiu ju juan jue jun ka kai kan kang kao ke kei ken keng kong
    kou ku kua kuai kuan kuang kui kun kuo la lai lan lang lao le lei leng li lia lian
    liang liao lie lin ling liu lo long lou lu luan lue lun luo ma mai man mang mao me
    mei men meng mi mian miao mie min ming miu mo mou mu na nai nan nang nao ne nei nen
    neng ni nian niang niao nie nin ning niu nong nou nu nuan nue nun nuo o ou pa pai
    pan pang pao pei pen peng pi pian piao pie pin ping po pou pu qi qia qian qiang qiao
    qie qin qing qiong qiu qu quan que qun ran rang rao re ren reng ri rong rou ru rua
    ruan rui run ruo sa sai san sang sao se sen seng sha shai shan shang shao she shei
    shen sheng shi shou shu shua shuai shuan shuang shui shun shuo si song sou su suan
    sui sun suo ta tai tan tang tao te tei teng ti tian tiao tie ting tong tou tu tuan
    tui tun tuo wa wai wan wang wei wen weng wo wu xi xia xian xiang xiao xie xin xing
    xiong xiu xu xuan xue xun ya yan yang yao ye yi yin ying yo yong you yu yuan yue yun
    za zai zan zang zao ze zei zen zeng zha zhai zhan zhang zhao zhe zhei zhen zheng zhi
    zhong zhou zhu zhua zhuai zhuan zhuang zhui zhun zhuo zi zong zou zu zuan zui zun
    zuo
"""
_SYLLABLES = frozenset(_SYLLABLE_TABLE.split())
_LONGEST = max(map(len, _SYLLABLES)) + 1  # + 1 for an erhua "r"

# A vowel with a tone mark -> (plain letter, tone). ü becomes u: people type it as u or v.
_MARKED: dict[str, tuple[str, int]] = {}
for _plain, _row in {
    "a": "āáǎà",
    "e": "ēéěè",
    "i": "īíǐì",
    "o": "ōóǒò",
    "u": "ūúǔù",
    "ü": "ǖǘǚǜ",
    "n": "\0ńňǹ",
    "m": "\0ḿ\0\0",
}.items():
    for _tone, _char in enumerate(_row, start=1):
        if _char != "\0":
            _MARKED[_char] = ("u" if _plain == "ü" else _plain, _tone)
_MARKED["ü"] = ("u", 0)

_QUERY_CHARS = re.compile(r"[a-zü:' \-0-5\u0300-\u036f" + "".join(_MARKED) + r"]+")
_TONE_DIGIT = {"1": 1, "2": 2, "3": 3, "4": 4, "5": 5, "0": 5}
_VOWELS = frozenset("aeiou")


def syllable_set() -> frozenset[str]:
    """Give every toneless Mandarin syllable (ü written as u)."""
    return _SYLLABLES


def has_hanzi(text: str) -> bool:
    """Tell whether ``text`` holds at least one Chinese character.

    >>> has_hanzi("三股势力"), has_hanzi("sangushili")
    (True, False)
    """
    if len(text) < 256:  # a query: no need to compile the pattern (a start-up cost)
        return any(a <= ord(c) <= b for c in text for a, b in HANZI_RANGES)
    return _hanzi().search(text) is not None


def count_hanzi(text: str) -> int:
    """Count the Chinese characters in ``text``.

    >>> count_hanzi("空天安全-2017")
    4
    """
    return len(_hanzi().findall(text))


@lru_cache(maxsize=1)
def _hanzi() -> re.Pattern[str]:
    """Give the pattern of one hanzi, compiled on first use: its character ranges take
    milliseconds to compile, which a lookup would feel."""
    return re.compile(HANZI_CLASS)


class Reading(NamedTuple):
    """Stored pinyin as search keys: toneless letters, a tone for each letter, syllable starts.

    ``tones[i]`` is the tone of the syllable holding letter ``i`` (1-4, 5 neutral, 0 unknown);
    ``starts`` holds the index of each syllable's first letter and ``len(letters)``;
    ``umlauts`` the index of each letter written ü (kept in ``letters`` as u).
    """

    letters: str
    tones: tuple[int, ...]
    starts: frozenset[int]
    umlauts: frozenset[int] = frozenset()

    @property
    def initials(self) -> str:
        """Give the first letter of every syllable.

        >>> parse_reading("sān gǔ shìlì").initials
        'sgsl'
        """
        return "".join(self.letters[i] for i in sorted(self.starts) if i < len(self.letters))


def _strip_marks(word: str) -> tuple[str, list[int]]:
    """Give the word's plain letters and, for each, the tone its mark shows (0 where none)."""
    letters: list[str] = []
    tones: list[int] = []
    for char in word:
        plain, tone = _MARKED.get(char, (char, 0))
        letters.append(plain)
        tones.append(tone)
    return "".join(letters), tones


@lru_cache(maxsize=4096)
def _segment(letters: str, marks: tuple[int, ...]) -> tuple[int, ...] | None:
    """Give the syllable start indexes of a run-together word; ``None`` if it is not pinyin.

    A syllable carries at most one tone mark. Of the ways to split a word, the one the
    spelling rules intend wins: no syllable inside the word starting with a, o or e (the
    rules put an apostrophe there), then the fewest syllables, then the fewest erhua.
    """
    n = len(letters)
    # best[i]: (cost, starts) of the best split of letters[i:]
    best: list[tuple[tuple[int, int, int], tuple[int, ...]] | None] = [None] * (n + 1)
    best[n] = ((0, 0, 0), ())
    for i in range(n - 1, -1, -1):
        for j in range(min(n, i + _LONGEST), i, -1):
            piece, rest = letters[i:j], best[j]
            if rest is None or not _is_syllable(piece) or sum(1 for t in marks[i:j] if t) > 1:
                continue
            (vowel_inside, count, erhua), starts = rest
            cost = (
                vowel_inside + (i > 0 and piece[0] in "aoe"),
                count + 1,
                erhua + (piece not in _SYLLABLES),
            )
            current = best[i]
            if current is None or cost < current[0]:
                best[i] = (cost, (i, *starts))
    found = best[0]
    return found[1] if found else None


def _is_syllable(piece: str) -> bool:
    return piece in _SYLLABLES or (
        len(piece) > 2 and piece.endswith("r") and piece[:-1] in _SYLLABLES
    )


def parse_reading(pinyin: str) -> Reading:
    """Give the search keys of a stored pinyin string.

    Words are split on anything that is not a letter; each word is split into syllables,
    with a tone for each from its mark (a syllable with no mark is neutral).

    >>> r = parse_reading("Zhōng-É zhànlüè")
    >>> r.letters, sorted(r.starts)
    ('zhongezhanlue', [0, 5, 6, 10, 13])
    >>> r.tones[0], r.tones[5], r.tones[6], r.tones[12]
    (1, 2, 4, 4)
    """
    letters: list[str] = []
    tones: list[int] = []
    starts: set[int] = set()
    umlauts: set[int] = set()
    offset = 0
    for word in _words(pinyin):
        plain, word_tones, cuts = _word(word)
        starts.update(offset + c for c in cuts)
        if not word.isascii():
            umlauts.update(offset + i for i, c in enumerate(word) if c in _UMLAUTS)
        letters.append(plain)
        tones.extend(word_tones)
        offset += len(plain)
    starts.add(offset)
    if not any(t != 5 for t in tones):  # written without tone marks: tones unknown
        tones = [0] * len(tones)
    return Reading("".join(letters), tuple(tones), frozenset(starts), frozenset(umlauts))


#: ü, with and without its tone marks.
_UMLAUTS = frozenset("üǖǘǚǜ")


def search_keys(pinyin: str) -> tuple[str, str]:
    """Give the toneless letters and the initials of a stored pinyin string: what
    :func:`parse_reading` gives as ``letters`` and ``initials``, without the tones.

    >>> search_keys("Zhōng-É zhànlüè")
    ('zhongezhanlue', 'zezl')
    """
    keys = [_word_keys(word) for word in _words(pinyin)]
    return "".join([k[0] for k in keys]), "".join([k[1] for k in keys])


def search_keys_of(pinyins: list[str]) -> tuple[list[str], list[str]]:
    """Give :func:`search_keys` of each of ``pinyins``, as two lists (letters, initials):
    all folded and cut into words at once, each word's keys looked up in C.

    >>> search_keys_of(["Zhōng-É zhànlüè", "sān gǔ shìlì"])
    (['zhongezhanlue', 'sangushili'], ['zezl', 'sgsl'])
    """
    text = _umlauts_written("\n".join(pinyins).casefold())
    if not pinyins or text.count("\n") != len(pinyins) - 1:  # none, or one of several lines
        keys = [search_keys(p) for p in pinyins]
        return [k[0] for k in keys], [k[1] for k in keys]
    if not text.isascii():
        text = unicodedata.normalize("NFC", text)
    keys = list(map(_word_keys, _LETTER_RUN_OR_BREAK.findall(text)))
    letters = "".join(map(itemgetter(0), keys)).split("\n")
    return letters, "".join(map(itemgetter(1), keys)).split("\n")


_LETTER_RUN = re.compile(r"[^\W\d_]+")
_LETTER_RUN_OR_BREAK = re.compile(r"[^\W\d_]+|\n")


def _words(pinyin: str) -> list[str]:
    """Give the runs of letters of a pinyin string, case-folded and composed (NFC), with ü
    written as ü (``v`` and ``u:`` too, as people type it).

    >>> _words("Lǜsè nv3ren2 lu:e")
    ['lǜsè', 'nü', 'ren', 'lüe']
    """
    folded = _umlauts_written(pinyin.casefold())
    if not folded.isascii():
        folded = unicodedata.normalize("NFC", folded)
    return _LETTER_RUN.findall(folded)


def _umlauts_written(folded: str) -> str:
    """Give case-folded pinyin with ü typed as ``v`` or ``u:`` written ü. (Pinyin has no v:
    a Latin word in it, such as DVD, reads as typed queries read it, dud.)"""
    if "v" in folded or "u:" in folded:
        return folded.replace("u:", "ü").replace("v", "ü")
    return folded


@lru_cache(maxsize=1 << 16)
def _word_keys(word: str) -> tuple[str, str]:
    """Give a word's plain letters and the first letter of each of its syllables (a line
    break between words of two strings is its own keys)."""
    if word == "\n":
        return word, word
    plain, _, cuts = _word(word)
    return plain, "".join(plain[c] for c in cuts)


@lru_cache(maxsize=1 << 16)
def _word(word: str) -> tuple[str, tuple[int, ...], tuple[int, ...]]:
    """Give a word's plain letters, the tone of each, and where its syllables start."""
    plain, marks = _strip_marks(word)
    cuts = _segment(plain, tuple(marks))
    if cuts is None:  # not pinyin (a Latin name, say): one unit, tone unknown
        return plain, (0,) * len(plain), (0,)
    return plain, tuple(_syllable_tones(marks, cuts)), cuts


def _syllable_tones(marks: list[int], cuts: tuple[int, ...]) -> list[int]:
    out: list[int] = []
    bounds = (*cuts, len(marks))
    for a, b in itertools.pairwise(bounds):
        tone = max(marks[a:b]) or 5
        out.extend([tone] * (b - a))
    return out


class PinyinQuery(NamedTuple):
    """Typed pinyin: toneless letters plus what the typing pins down.

    ``tone_at`` pairs a letter index with the tone that letter's syllable must have;
    ``breaks`` are indexes where a syllable must start (after a space, apostrophe or
    tone number); ``umlauts`` are the indexes of letters typed as ü (``ü``, ``v`` or
    ``u:``; kept in ``letters`` as u), which must be ü.
    """

    letters: str
    tone_at: tuple[tuple[int, int], ...] = ()
    breaks: tuple[int, ...] = ()
    umlauts: tuple[int, ...] = ()

    @property
    def is_initials(self) -> bool:
        """Tell whether the query is a run of syllable initials, such as ``sgsl``."""
        return len(self.letters) >= 2 and not (_VOWELS & set(self.letters)) and not self.tone_at


def parse_query(text: str) -> PinyinQuery | None:
    """Give the pinyin reading of a typed query, or ``None`` when it cannot be pinyin.

    Tone marks, tone numbers (0 or 5 for the neutral tone), no tones, spaces, apostrophes,
    and ü typed as ``ü``, ``v`` or ``u:`` are all accepted.

    >>> parse_query("san1 gu3")
    PinyinQuery(letters='sangu', tone_at=((2, 1), (4, 3)), breaks=(3,), umlauts=())
    >>> parse_query("lv4se4").umlauts
    (1,)
    >>> parse_query("xi'an").breaks
    (2,)
    >>> parse_query("three evil") is not None, parse_query("三股") is None
    (True, True)
    """
    text = unicodedata.normalize("NFC", text.strip().casefold()).replace("u:", "ü")
    if not text or not _QUERY_CHARS.fullmatch(text):
        return None
    letters: list[str] = []
    tone_at: list[tuple[int, int]] = []
    breaks: list[int] = []
    umlauts: list[int] = []
    for char in text:
        if char in _TONE_DIGIT and letters:
            tone_at.append((len(letters) - 1, _TONE_DIGIT[char]))
            breaks.append(len(letters))
        elif char in " '-":
            breaks.append(len(letters))
        elif char.isalpha():
            plain, tone = _MARKED.get(char, ("u" if char == "v" else char, 0))
            if tone:
                tone_at.append((len(letters), tone))
            if char == "v" or char in _UMLAUTS:
                umlauts.append(len(letters))
            letters.append(plain)
        else:
            return None
    if not letters:
        return None
    n = len(letters)
    inner = tuple(sorted({b for b in breaks if 0 < b < n}))
    return PinyinQuery("".join(letters), tuple(tone_at), inner, tuple(umlauts))


def match_at(reading: Reading, query: PinyinQuery, offset: int) -> bool:
    """Tell whether ``query`` fits ``reading`` starting at letter ``offset``.

    The match must begin at a syllable; every break must fall on a syllable start, every
    tone the query gives must be the tone of that syllable, and every ü it types must be
    a ü (where the reading is written with marks at all: plain pinyin may write u for ü).
    """
    if offset not in reading.starts:
        return False
    if any(offset + b not in reading.starts for b in query.breaks):
        return False
    if any(reading.tones) and any(offset + i not in reading.umlauts for i in query.umlauts):
        return False
    for index, tone in query.tone_at:
        have = reading.tones[offset + index]
        if have and have != tone:
            return False
    return True


def find(reading: Reading, query: PinyinQuery) -> int | None:
    """Give the first letter offset where ``query`` fits ``reading``, or ``None``.

    >>> find(parse_reading("sān gǔ shìlì"), parse_query("sangushili"))
    0
    >>> find(parse_reading("sān gǔ shìlì"), parse_query("shi4li4"))
    5
    >>> find(parse_reading("sān gǔ shìlì"), parse_query("san3")) is None
    True
    """
    start = reading.letters.find(query.letters)
    while start != -1:
        if match_at(reading, query, start):
            return start
        start = reading.letters.find(query.letters, start + 1)
    return None


def generate(hanzi: str) -> str:
    """Give a tone-marked pinyin reading of ``hanzi`` from pypinyin.

    Syllables are joined into words where pypinyin's phrase data knows the word (with an
    apostrophe before a, o or e inside a word); other syllables stand alone. Text that is
    not hanzi is kept as it is. Only for terms that store no pinyin: a stored pinyin
    always wins, and a generated one should be checked by a person.

    >>> generate("背对背")
    'bèi duì bèi'
    """
    from pypinyin import Style, lazy_pinyin  # heavy: about 0.15 s of phrase tables
    from pypinyin.seg.mmseg import seg

    words: list[str] = []
    for run in re.split(f"({HANZI_CLASS}+)", hanzi):
        if not run.strip():
            continue
        if not has_hanzi(run):  # Latin letters, digits, punctuation: kept, joined on
            if words and not run[0].isspace():
                words[-1] += run.strip()
            else:
                words.append(run.strip())
            continue
        for piece in seg.cut(run):
            syllables = lazy_pinyin(piece, style=Style.TONE)
            word = syllables[0]
            for syllable in syllables[1:]:
                word += ("'" if syllable[:1] in _APOSTROPHE_BEFORE else "") + syllable
            words.append(word)
    return " ".join(words)


_APOSTROPHE_BEFORE = frozenset("aāáǎàoōóǒòeēéěè")


def syllables_of(reading: str) -> list[str]:
    """Give each syllable of a tone-marked reading, lower case, as written.

    >>> syllables_of("Xī'ān zhànlüè")
    ['xī', 'ān', 'zhàn', 'lüè']
    """
    text = unicodedata.normalize("NFC", reading).lower()
    letters = [c for c in text if c.isalpha()]
    cuts = sorted(parse_reading(text).starts)
    return ["".join(letters[a:b]) for a, b in itertools.pairwise(cuts)]


def readings(hanzi: str) -> tuple[frozenset[str], ...]:
    """Give every toneless reading of each hanzi of ``hanzi`` (ü as u), from pypinyin;
    what is not a hanzi is left out.

    >>> [sorted(r) for r in readings("曾军")]
    [['ceng', 'zeng'], ['jun']]
    """
    from pypinyin import Style, pinyin  # heavy: about 0.15 s of phrase tables

    chars = [c for c in hanzi if has_hanzi(c)]
    found = pinyin("".join(chars), style=Style.NORMAL, heteronym=True, errors="ignore")
    return tuple(frozenset(r.replace("v", "u") for r in options) for options in found)


_MARK_TABLE = {
    v: row
    for v, row in (
        ("a", "āáǎà"),
        ("e", "ēéěè"),
        ("i", "īíǐì"),
        ("o", "ōóǒò"),
        ("u", "ūúǔù"),
        ("ü", "ǖǘǚǜ"),
    )
}
_NUMBERED = re.compile(r"([a-zü]+?)(r?)([1-5])$", re.IGNORECASE)


def numbered_to_marked(syllable: str) -> str:
    """Give a tone-numbered syllable (CC-CEDICT style) with its tone mark instead.

    The mark goes on a or e, else on the o of ou, else on the last vowel; ``u:`` and ``v``
    are ü; tone 5 (neutral) has no mark. Anything that is not a numbered syllable comes
    back as it is.

    >>> [numbered_to_marked(s) for s in ["zhan4", "lu:e4", "Xi1", "gou3", "de5", "nv3", "C"]]
    ['zhàn', 'lüè', 'Xī', 'gǒu', 'de', 'nǚ', 'C']
    """
    text = syllable.replace("u:", "ü").replace("U:", "Ü")
    match = _NUMBERED.fullmatch(text)
    if not match:
        return syllable
    body, erhua, tone = match.group(1), match.group(2), int(match.group(3))
    body = body.replace("v", "ü").replace("V", "Ü")
    if tone == 5:
        return body + erhua
    lower = body.lower()
    if "a" in lower or "e" in lower:
        at = lower.index("a") if "a" in lower else lower.index("e")
    elif "ou" in lower:
        at = lower.index("o")
    else:
        at = max(lower.rfind(v) for v in "iouü")
        if at < 0:
            return body + erhua
    marked = _MARK_TABLE[lower[at]][tone - 1]
    if body[at].isupper():
        marked = marked.upper()
    return body[:at] + marked + body[at + 1 :] + erhua


def span_in_text(text: str, query: PinyinQuery) -> tuple[int, int] | None:
    """Give where in the pinyin ``text`` the ``query`` fits, as character offsets.

    >>> span_in_text("sān gǔ shìlì", parse_query("gushi"))
    (4, 10)
    """
    reading = parse_reading(text)
    at = find(reading, query)
    if at is None and query.breaks:
        at = find(reading, query._replace(breaks=()))
    if at is None:
        return None
    positions = [i for i, c in enumerate(unicodedata.normalize("NFC", text)) if _is_letter(c)]
    end = at + len(query.letters)
    if end > len(positions):
        return None
    return positions[at], positions[end - 1] + 1


def _is_letter(char: str) -> bool:
    return char.isalpha()
