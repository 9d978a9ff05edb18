"""English words as check compares them, so that a rendering matches however a draft
writes it.

A text is cut into tokens: words (Latin letters and digits), single punctuation marks, and
breaks (a blank line, hanzi or another script, or text that is not prose, which
:mod:`glossary.qa.prose` blanks out with NULs). Between two tokens of a phrase may stand
only what never changes it: spaces and a single line end, emphasis marks, link brackets,
quotes, a hyphen. Each word has a canonical form, the same whichever way English writes it:

- case-folded, a simple plural or a possessive left off ("Armies'" and "army");
- in one spelling where British and American English differ ("organisation",
  "organization"; "defence", "defense");
- a hyphenated word is also read as one word ("co-operation" as "cooperation").

An all-capital word also has an acronym form (``=PAP``), and a glossary's acronym is
matched only in that form: "PLAN" the acronym never matches the verb "plan".
"""

from __future__ import annotations

import re
from functools import lru_cache

from glossary.search import fold

#: The form of a token that no rendering holds: a phrase never runs across it.
BREAK = "\0"
_LETTERS = "0-9A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f\u1e00-\u1eff"
# A word; a run of other letters (hanzi, kana...) or of blanked-out text; one mark.
_ITEM = re.compile(
    rf"(?P<word>[{_LETTERS}]+)|(?P<other>[^\W{_LETTERS}_]+|\0+)"
    rf"|(?P<mark>[^\s*_~\[\]\"“”‘’'\-‐‑–{_LETTERS}\0])"
)
_HYPHENS = frozenset("-‐‑–")
_APOSTROPHES = frozenset("'’")
# Words that are no term's rendering alone ("at", "than", "5": a dictionary's glosses).
_FUNCTION_WORDS = frozenset(
    [
        "a",
        "an",
        "the",
        "at",
        "in",
        "on",
        "of",
        "to",
        "for",
        "from",
        "by",
        "with",
        "than",
        "because",
        "as",
        "and",
        "or",
        "but",
        "if",
        "so",
        "not",
        "no",
        "nor",
        "is",
        "are",
        "be",
        "am",
        "was",
        "were",
        "been",
        "being",
        "it",
        "this",
        "that",
        "these",
        "those",
        "he",
        "she",
        "they",
        "we",
        "you",
        "i",
        "me",
        "him",
        "them",
        "us",
        "his",
        "her",
        "their",
        "our",
        "its",
        "my",
        "your",
        "there",
        "here",
        "then",
        "when",
        "what",
        "which",
        "who",
        "whom",
        "how",
        "why",
        "very",
        "too",
        "also",
        "only",
        "just",
        "do",
        "does",
        "did",
        "has",
        "have",
        "had",
        "can",
        "may",
        "will",
        "shall",
        "would",
        "should",
        "could",
        "must",
    ]
)
# Words an acronym's letters skip: "Ministry of State Security" is MSS.
_SMALL_WORDS = frozenset({"of", "and", "the", "for", "on", "in", "to", "a", "an", "at", "by"})


class Tokens:
    """The tokens of a text, in parallel lists: where each starts and ends, its canonical
    ``form`` (a word's, a mark itself, or :data:`BREAK`), its ``surface`` (a word folded and
    without plural, spelling kept), and whether it is a word. ``acronyms`` holds the acronym
    form of all-capital words; ``joined`` the forms of hyphenated runs read as one word,
    by the token they start at: (form, surface, index after the run); ``branching`` the
    tokens that either holds."""

    __slots__ = (
        "acronyms",
        "branching",
        "ends",
        "forms",
        "joined",
        "starts",
        "surfaces",
        "text",
        "words",
    )

    def __init__(self, text: str) -> None:
        self.text = text
        self.starts: list[int] = []
        self.ends: list[int] = []
        self.forms: list[str] = []
        self.surfaces: list[str] = []
        self.words: list[bool] = []
        self.acronyms: dict[int, str] = {}
        self.joined: dict[int, list[tuple[str, str, int]]] = {}
        linked: list[int] = []  # the tokens a hyphen joins to the one before
        # Bound once: a 50-page draft has some 30,000 tokens.
        starts, ends, forms = self.starts.append, self.ends.append, self.forms.append
        surfaces, words = self.surfaces.append, self.words.append
        end = 0
        for m in _ITEM.finditer(text):
            start = m.start()
            gap = text[end:start]
            end = m.end()
            if "\n" in gap and gap.count("\n") > 1:  # a paragraph ends
                starts(start), ends(start), forms(BREAK), surfaces(BREAK), words(False)
            if m.lastgroup != "word":
                mark = m.group() if m.lastgroup == "mark" else BREAK
                starts(start), ends(end), forms(mark), surfaces(mark), words(False)
                continue
            word = m.group()
            if gap and (word == "s" or word == "S") and gap in _APOSTROPHES:
                continue  # a possessive: "PAP's" is "PAP"
            if gap and gap in _HYPHENS and self.words and self.ends[-1] == start - 1:
                linked.append(len(self.forms))
            if not word.islower():
                acronym = acronym_form(word)
                if acronym:
                    self.acronyms[len(self.forms)] = acronym
            starts(start), ends(end), forms(canonical(word)), surfaces(surface(word)), words(True)
        self._join(linked)
        #: The tokens that read more than one way.
        self.branching = self.acronyms.keys() | self.joined.keys()

    def _join(self, linked: list[int]) -> None:
        """Give each run of hyphenated words its readings as one word, from each of its
        words to each later one ("Sino-Russian" as "sinorussian")."""
        runs: list[list[int]] = []
        for k in linked:
            if runs and runs[-1][-1] == k - 1:
                runs[-1].append(k)
            else:
                runs.append([k - 1, k])
        for run in runs:
            for a, first in enumerate(run):
                for last in run[a + 1 :]:
                    raw = "".join(
                        self.text[self.starts[k] : self.ends[k]] for k in range(first, last + 1)
                    )
                    self.joined.setdefault(first, []).append(
                        (canonical(raw), surface(raw), last + 1)
                    )

    def __len__(self) -> int:
        return len(self.forms)

    def steps(self, i: int) -> list[tuple[str, int]]:
        """Give the forms a phrase may read at token ``i``, each with the token after it."""
        out = [(self.forms[i], i + 1)]
        if i in self.acronyms:
            out.append((self.acronyms[i], i + 1))
        if i in self.joined:
            out += [(form, after) for form, _, after in self.joined[i]]
        return out

    def signature(self, start: int, end: int) -> str:
        """Give the words of tokens ``start`` to ``end`` as one surface string: the same for
        two writings that differ in case, plural, possessive or hyphens only, and different
        for two spellings."""
        return "".join(
            s for s, w in zip(self.surfaces[start:end], self.words[start:end], strict=True) if w
        )


@lru_cache(maxsize=1 << 16)
def surface(word: str) -> str:
    """Give ``word`` folded and without a simple plural: its spelling kept.

    >>> surface("Organisations"), surface("armies"), surface("prizes"), surface("taxes")
    ('organisation', 'army', 'prize', 'tax')
    """
    word = fold(word)
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 4 and word.endswith(("sses", "shes", "ches", "xes", "zzes")):
        return word[:-2]
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


@lru_cache(maxsize=1 << 16)
def canonical(word: str) -> str:
    """Give the form ``word`` is matched in: :func:`surface`, in one spelling.

    >>> canonical("Organisations") == canonical("organization")
    True
    >>> canonical("defence") == canonical("Defense"), canonical("grey") == canonical("gray")
    (True, True)
    >>> canonical("travelled") == canonical("traveled"), canonical("centres")
    (True, 'center')
    """
    word = surface(word)
    return _WHOLE_WORDS.get(word) or _by_ending(word)


# Where British and American spelling differ word by word: both map to one form.
_WHOLE_WORDS = {
    "grey": "gray",
    "defence": "defense",
    "offence": "offense",
    "licence": "license",
    "pretence": "pretense",
    "programme": "program",
    "judgement": "judgment",
    "acknowledgement": "acknowledgment",
    "ageing": "aging",
    "aluminium": "aluminum",
    "plough": "plow",
    "sceptic": "skeptic",
    "sceptical": "skeptical",
    "mould": "mold",
    "enrolment": "enrollment",
    "fulfilment": "fulfillment",
    "instalment": "installment",
    "skilful": "skillful",
    "wilful": "willful",
    "catalogue": "catalog",
    "dialogue": "dialog",
    "analogue": "analog",
    "manoeuvre": "maneuver",
    "paediatric": "pediatric",
    "encyclopaedia": "encyclopedia",
    "foetus": "fetus",
    "jewellery": "jewelry",
    "cheque": "check",
    "tyre": "tire",
    "kerb": "curb",
}
# -tre words: "centre" and "center".
_TRE = frozenset(
    [
        "centre",
        "theatre",
        "metre",
        "litre",
        "fibre",
        "calibre",
        "sabre",
        "sombre",
        "spectre",
        "meagre",
        "lustre",
        "mitre",
        "sceptre",
        "ochre",
    ]
)
# Verbs that double their l before an ending in British spelling: "travelled", "traveled".
_DOUBLED_L = frozenset(
    [
        "travel",
        "model",
        "cancel",
        "label",
        "fuel",
        "signal",
        "level",
        "channel",
        "counsel",
        "marshal",
        "tunnel",
        "total",
        "dial",
        "equal",
        "jewel",
        "rival",
        "quarrel",
        "duel",
        "pencil",
        "shovel",
        "funnel",
        "panel",
        "spiral",
        "initial",
    ]
)
_L_ENDINGS = ("ed", "ing", "er", "or")
# -ise and -ize, -yse and -yze, with their endings; -our and -or.
_ISE = re.compile(r"(?<=\w{3})([iy])[sz](e|ed|ing|ation|er|ement)$")
_OUR = re.compile(
    r"(?<=\w{2})our(ed|ing|able|ably|al|ally|ite|ful|less|er|ism|ist|y|hood|ly|liness)?$"
)


def _by_ending(word: str) -> str:
    if word in _TRE:
        return word[:-2] + "er"
    for ending in _L_ENDINGS:
        if word.endswith("ll" + ending) and word[: -len(ending) - 1] in _DOUBLED_L:
            return word[: -len(ending) - 1] + ending
    if len(word) > 4:
        word = _ISE.sub(_ize, word)
    return _OUR.sub(r"or\1", word)


def _ize(m: re.Match[str]) -> str:
    return m.group(1) + "z" + m.group(2)


def acronym_form(word: str) -> str:
    """Give the acronym form of an all-capital word (a plural "s" left off), or "".

    >>> acronym_form("PAP"), acronym_form("NGOs"), acronym_form("Plan"), acronym_form("A")
    ('=PAP', '=NGO', '', '')
    """
    if len(word) >= 2 and word.isupper():
        return "=" + word
    if len(word) >= 3 and word.endswith("s") and word[:-1].isupper():
        return "=" + word[:-1]
    return ""


@lru_cache(maxsize=1 << 12)
def is_acronym(rendering: str) -> bool:
    """Tell whether ``rendering`` is an acronym or a short form like one: one word (maybe
    hyphenated) of capitals and digits, two or more, with no more small letters than
    capitals.

    >>> is_acronym("SCO"), is_acronym("Shanghai Five"), is_acronym("G20"), is_acronym("e-CNY")
    (True, False, True, True)
    >>> is_acronym("Vostok-2018"), is_acronym("PhD")
    (False, True)
    """
    text = rendering.strip()
    if not text or len(text) > 12 or any(c.isspace() for c in text):
        return False
    upper = sum(c.isupper() for c in text)
    lower = sum(c.islower() for c in text)
    digits = sum(c.isdigit() for c in text)
    return upper >= 1 and upper + digits >= 2 and upper >= lower


@lru_cache(maxsize=1 << 12)
def initials(rendering: str) -> str:
    """Give the acronym a rendering's words would make: their first letters, small words
    left out.

    >>> initials("Ministry of State Security"), initials("People's Armed Police")
    ('MSS', 'PAP')
    """
    found = Tokens(rendering)
    letters = [
        rendering[s]
        for s, w, f in zip(found.starts, found.words, found.forms, strict=True)
        if w and f not in _SMALL_WORDS
    ]
    return "".join(letters).upper()


_NOTE = re.compile(r"\s*[(\[][^()\[\]]*[)\]]")


def plain(rendering: str) -> str:
    """Give a rendering without the notes in brackets that a dictionary adds to it.

    >>> plain("Shanghai Cooperation Organisation (SCO)"), plain("to take (a photo)")
    ('Shanghai Cooperation Organisation', 'to take')
    """
    return _NOTE.sub("", rendering).strip()


@lru_cache(maxsize=1 << 12)
def keys(rendering: str) -> tuple[str, ...]:
    """Give the keys a rendering is found by in a draft's tokens: its forms, a space
    between tokens; a second key reads its hyphenated words as one word. Notes in brackets
    are left out (see :func:`plain`); a rendering with hanzi in it, or with no word but
    small words and numbers, has no key.

    >>> keys("Sino-Russian Treaty of Good-Neighbourliness")
    ('sino russian treaty of good neighborliness', 'sinorussian treaty of goodneighborliness')
    >>> keys("SCO"), keys("to take (a photo)"), keys("CL:個|个[ge4]"), keys("at"), keys("5")
    (('=SCO',), ('to take',), (), (), ())
    """
    rendering = plain(rendering)
    found = Tokens(rendering)
    kept = [k for k in range(len(found)) if found.forms[k] != BREAK]
    if len(kept) != len(found) or any(found.forms[k] in "()[]{}|" for k in kept):
        return ()
    while kept and not found.words[kept[0]]:
        kept.pop(0)
    while kept and not found.words[kept[-1]]:
        kept.pop()
    if not kept or all(
        not found.words[k] or found.forms[k] in _FUNCTION_WORDS or found.forms[k].isdigit()
        for k in kept
    ):
        return ()  # no word that could be a term's: "at", "5"
    capitals = len(kept) == 1 or any(c.islower() for c in rendering)
    split = [found.acronyms.get(k, found.forms[k]) if capitals else found.forms[k] for k in kept]
    out = [" ".join(split)]
    joined, k = [], kept[0]
    while k <= kept[-1]:
        runs = found.joined.get(k)
        if runs:
            form, _, after = max(runs, key=lambda r: r[2])
            joined.append(form)
            k = after
        else:
            joined.append(split[k - kept[0]])
            k += 1
    if joined != split:
        out.append(" ".join(joined))
    return tuple(out)


@lru_cache(maxsize=1 << 12)
def signature(rendering: str) -> str:
    """Give a rendering's words as one surface string (see :meth:`Tokens.signature`).

    >>> signature("co-operation") == signature("Cooperation")
    True
    >>> signature("Organisation") == signature("Organization")
    False
    """
    found = Tokens(rendering)
    return found.signature(0, len(found))
