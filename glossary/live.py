"""Search as you type, for ``glossary browse``: a query read in the chosen mode, its last
word taken as one still being typed, and lookups that keep up with the typing.

``glossary search`` takes a word of one or two letters as a whole word (as a prefix it
would match too much to be useful). Typing, "three ev" is on its way to "three evil":
:func:`search_as_typed` also looks up the words before it, and keeps those of their
entries where a rendering has a word that starts so.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Callable, Sequence
from typing import Generic, TypeVar

from glossary import layers, search
from glossary.errors import UsageError
from glossary.layers import Layer, Result

#: The query modes, each with the field prefix it stands for ("all": none).
MODES = {"all": "", "hanzi": "zh:", "pinyin": "py:", "English": "en:"}

T = TypeVar("T")
#: A field prefix typed in the query, which wins over the mode.
_FIELD = re.compile(r"(zh|py|pinyin|en):", re.I)


def next_mode(mode: str) -> str:
    """Give the mode after ``mode``, round again after the last.

    >>> next_mode("all"), next_mode("English")
    ('hanzi', 'all')
    """
    names = list(MODES)
    return names[(names.index(mode) + 1) % len(names)]


def query_for(text: str, mode: str = "all", tags: Sequence[str] = ()) -> search.Query | None:
    """Give the query ``text`` stands for in ``mode``, narrowed to ``tags``; None while it
    holds nothing to look for (nothing typed yet, or only punctuation).

    >>> query_for("sangu", "pinyin").field
    'pinyin'
    >>> query_for("", "all", ["sco"]).tags, query_for("  ") is None
    (('sco',), True)
    """
    tag_words = [w for w in text.split() if w[:4].casefold() == "tag:"]
    rest = " ".join(w for w in text.split() if w[:4].casefold() != "tag:")
    prefix = MODES[mode] if rest and not _FIELD.match(rest) else ""
    typed = " ".join([*tag_words, *(f"tag:{t}" for t in tags), prefix + rest]).strip()
    if not typed:
        return None
    try:
        return search.parse_query(typed)
    except UsageError:
        return None


def search_as_typed(
    sources: Sequence[Layer], text: str, mode: str, tags: Sequence[str], limit: int
) -> list[Result]:
    """Give the entries ``text`` finds, typed so far: those of the query as it stands,
    then, while its last word is one or two letters, those of the words before it with a
    rendering word starting with it."""
    query = query_for(text, mode, tags)
    if query is None:
        return []
    found = layers.look_up(sources, query, limit)
    head, last = _unfinished(text, query)
    if not last:
        return found
    before = query_for(head, mode, tags)
    if before is None:
        return found
    have = {(r.term.zh, r.source) for r in found}
    more = [
        r
        for r in layers.look_up(sources, before, limit * 4)
        if (r.term.zh, r.source) not in have and _starts_a_word(r, last)
    ]
    return (found + more)[:limit]


def _unfinished(text: str, query: search.Query) -> tuple[str, str]:
    """Give the words before the last, and the last word when it is one or two letters
    of English still being typed (else '').

    >>> _unfinished("three ev", search.parse_query("three ev"))
    ('three', 'ev')
    >>> _unfinished("three ev ", search.parse_query("three ev "))
    ('three ev ', '')
    """
    words = text.split()
    if text.endswith(" ") or len(words) < 2 or not query.words or query.phrase:
        return text, ""
    last = words[-1]
    if not (last.isascii() and last.isalpha() and len(last) <= 2):
        return text, ""
    return " ".join(words[:-1]), last.casefold()


def _starts_a_word(result: Result, start: str) -> bool:
    term = result.term
    return any(word.startswith(start) for text in term.en for word in search.words(text))


class Latest(Generic[T]):
    """Runs ``work`` on the newest request only, one at a time, in a thread of its own:
    a request that comes while one runs replaces any still waiting, so that a quick
    typist's keystrokes never queue up lookups nobody will see. Each answer goes to
    ``deliver`` with its request, in that thread."""

    def __init__(self, work: Callable[[T], object], deliver: Callable[[T, object], None]):
        self._work = work
        self._deliver = deliver
        self._wanted: list[T] = []
        self._ready = threading.Condition()
        self._stopped = False
        self._thread = threading.Thread(target=self._run, name="lookups", daemon=True)
        self._thread.start()

    def ask(self, request: T) -> None:
        """Have ``request`` done next, in place of any request still waiting."""
        with self._ready:
            self._wanted[:] = [request]
            self._ready.notify()

    def stop(self) -> None:
        """Do no more requests; wait for the one running, if any."""
        with self._ready:
            self._stopped = True
            self._ready.notify()
        self._thread.join(timeout=5)

    def _run(self) -> None:
        while True:
            with self._ready:
                while not self._wanted and not self._stopped:
                    self._ready.wait()
                if self._stopped:
                    return
                request = self._wanted.pop()
            try:
                answer: object = self._work(request)
            except Exception as exc:  # handed over: the caller shows what went wrong
                answer = exc
            self._deliver(request, answer)
