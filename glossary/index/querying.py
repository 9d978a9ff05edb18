"""Lookups in an open index: a query's candidates, and their entries read back.

A lookup finds candidates in the index: headwords and pinyin in its key lines (searched
with ``bytes.find``, or by SQLite where very many hold the text), English words and their
typos in posting lists. Only those candidates are ranked in Python, their entries read
back from the glossary file at the places the index recorded. The matcher of
``scan`` is saved beside the index.
"""

from __future__ import annotations

import contextlib
import sqlite3
from array import array
from bisect import bisect_right
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from glossary import __version__
from glossary.errors import GlossaryFileError, Location
from glossary.index.cache import Stamp, _write_atomically
from glossary.index.schema import _NOTES_RANK, SCHEMA
from glossary.model import LIST_FIELDS, Term
from glossary.search import Match, Query, allowed_edits, near_words, rank

T = TypeVar("T")

if TYPE_CHECKING:
    from glossary.scan import Scanner


#: The most candidates one kind of match may hand to the ranking; the closest come first.
CANDIDATES = 500
#: How far a posting of a near word (a typo's correction, a longer word) ranks after the
#: word itself: half a word (a line's rank grows by ten a word).
_NEAR_RANK = 5
#: How many keys holding a text are looked at in Python before SQLite is asked instead.
_FOUND_IN_PYTHON = 4 * CANDIDATES
#: What :meth:`GlossaryIndex._keyed` gives, asked of SQLite (?1: the text, ?2: how many).
_KEYED_SQL = {
    "letters": "SELECT id FROM terms WHERE instr(letters, ?1)"
    " ORDER BY instr(letters, ?1) > 1, length(letters), id LIMIT ?2",
    "initials": "SELECT id FROM terms WHERE substr(initials, 1, length(?1)) = ?1"
    " ORDER BY length(initials), id LIMIT ?2",
    "hanzi": "SELECT id FROM terms WHERE instr(zh, ?1) OR instr(trad, ?1) ORDER BY"
    " min(CASE WHEN instr(zh, ?1) THEN length(zh) ELSE 1e9 END,"
    " CASE WHEN instr(trad, ?1) THEN length(trad) ELSE 1e9 END), id LIMIT ?2",
}


class GlossaryIndex:
    """An open index of one glossary file."""

    def __init__(
        self,
        db: sqlite3.Connection,
        shown: str,
        cached: Path | None = None,
        stamp: str = "",
        payload: str = "json",
        source: Stamp | None = None,
    ):
        self.db = db
        self.shown = shown
        self.cached = cached  # the cache file, if the index is one
        self.stamp = stamp  # what identifies the glossary's state it was built from
        self.payload = payload  # how entries are kept (see the schema)
        self.source = source  # the glossary's state it was built from
        #: The most candidates one kind of match hands to the ranking. A dictionary's index
        #: lists its commonest words first, so it can take fewer (see glossary.dictionary).
        self.candidates = CANDIDATES

    def scanner(self, shortest: int = 1) -> Scanner:
        """Give a scanner of the glossary's terms (see :mod:`glossary.scan`): the one saved
        beside the cached index if it is current, else one built (and saved if possible).
        With ``shortest``, only of headwords of at least that many characters."""
        from glossary.scan import Scanner

        def build() -> Scanner:
            rows = self.db.execute(
                "SELECT id, zh, trad FROM terms WHERE length(zh) >= ? ORDER BY id", (shortest,)
            )
            return Scanner.of_forms(rows, self._scanned)

        suffix = ".scanner" if shortest == 1 else f".scanner{shortest}"
        return self.saved(
            suffix, build, Scanner.dump, lambda data: Scanner.load(data, self._scanned)
        )

    def saved(
        self,
        suffix: str,
        build: Callable[[], T],
        dump: Callable[[T], bytes],
        load: Callable[[bytes], T],
    ) -> T:
        """Give what ``build`` makes of this glossary: as saved beside the cached index (in
        the file of this ``suffix``) if it was saved whole from this very glossary state and
        ``load`` takes it, else built, and saved there where possible. ``load`` raises
        ValueError for data it cannot take."""
        import hashlib

        saved = self.cached.with_suffix(suffix) if self.cached else None
        header = f"{SCHEMA} {__version__} {self.stamp}\n".encode()
        if saved is not None:
            with contextlib.suppress(OSError, ValueError):
                data = saved.read_bytes()
                digest, body = data[len(header) : len(header) + 32], data[len(header) + 32 :]
                if data.startswith(header) and hashlib.sha256(body).digest() == digest:
                    return load(body)
        made = build()
        if saved is not None:
            body = dump(made)
            with contextlib.suppress(OSError):
                _write_atomically(saved, header + hashlib.sha256(body).digest() + body)
        return made

    def renderings(self) -> Iterator[tuple[int, list[str], list[str]]]:
        """Give each term's number with its renderings and its renderings to avoid, in row
        order: every entry is read, so this is for what is built once per glossary state."""
        rows = self.db.execute(
            "SELECT e.id, e.line, e.start, e.size, e.text, t.zh FROM entries AS e"
            " JOIN terms AS t ON t.id = e.id ORDER BY e.id"
        ).fetchall()
        for at in range(0, len(rows), 4096):
            chunk = rows[at : at + 4096]
            for row, data in zip(chunk, self._fields(chunk), strict=True):
                yield row[0], data.get("en", []), data.get("avoid", [])

    def single_characters(self) -> dict[str, int]:
        """Give the number of each headword (and traditional form) of one character."""
        rows = self.db.execute(
            "SELECT id, zh, trad FROM terms WHERE length(zh) = 1 ORDER BY id DESC"
        ).fetchall()
        found = {trad: i for i, _, trad in rows if trad}
        found.update((zh, i) for i, zh, _ in rows)  # a headword before a traditional form
        return found

    def terms_by_number(self, numbers: Iterable[int]) -> dict[int, Term]:
        """Give the terms with these numbers (rows of the index)."""
        return dict(self._rows(set(numbers)))

    def _scanned(self, numbers: Iterable[int]) -> dict[int, Term]:
        """Give the terms a scan found. They are read after the index was opened: should the
        glossary change meanwhile (or the cache be damaged), say so, and leave no index
        behind for the next run."""
        try:
            return self.terms_by_number(numbers)
        except _DAMAGED:
            if self.cached is not None:
                with contextlib.suppress(OSError):
                    self.cached.unlink()
            raise GlossaryFileError(
                "the glossary changed while the text was scanned",
                where=Location(self.shown),
                hint="run the command again",
            ) from None

    def named(self, name: str) -> Term | None:
        """Give the first term whose headword or traditional form is ``name``."""
        row = self.db.execute(
            "SELECT id FROM terms WHERE zh = ?1 OR trad = ?1 ORDER BY id LIMIT 1", (name,)
        ).fetchone()
        return self.terms_by_number([row[0]]).get(row[0]) if row else None

    def search(self, query: Query, limit: int | None) -> list[Match]:
        """Give the terms matching ``query``, best first."""
        return rank(self._terms(self._candidates(query)), query, limit)

    def _candidates(self, query: Query) -> set[int]:
        if query.pattern is not None:
            glob = query.pattern.replace("[", "[[]").replace("?", "[?]")
            sql = "SELECT id FROM terms WHERE zh GLOB ?1 OR trad GLOB ?1 OR letters GLOB ?1"
            return self._ids(sql + " ORDER BY length(zh) LIMIT ?2", glob)
        ids: set[int] = set()
        for form in query.hanzi:
            ids |= self._keyed("hanzi", form)
            if query.field is None:
                ids |= self._ids("SELECT id FROM notes WHERE instr(text, ?1) LIMIT ?2", form)
        if query.hanzi:
            return ids or self._near_hanzi(query.hanzi[0])
        sql = "SELECT id FROM terms WHERE ident = ?1 AND ident != '' LIMIT ?2"  # (its index)
        ids |= self._ids(sql, query.text.casefold())
        if query.reading is not None:
            ids |= self._keyed("letters", query.reading.letters)
            if query.reading.is_initials:
                ids |= self._keyed("initials", query.reading.letters)
        if query.words:
            ids |= self._word_candidates(query.words)
        if not (query.reading or query.words) and query.tags:
            tag = f"\n{query.tags[0].casefold()}\n"
            # Every term carrying the tag: no cap on candidates, the ranking keeps them all.
            rows = self.db.execute("SELECT id FROM terms WHERE instr(tags, ?)", (tag,))
            ids |= {row[0] for row in rows}
        return ids

    def _keyed(self, name: str, text: str) -> set[int]:
        """Give the terms whose key ``name`` holds ``text``: for "letters", those starting
        with it first, then the shortest; for "initials", the shortest of those starting
        with it; for "hanzi", those whose shortest headword holding it (simplified or
        traditional) is shortest. Ties: the first term first. At most ``candidates``.

        The keys are searched in Python, where a text found in few of them is found at
        once; one found in very many (a syllable, a common character) is left to SQLite,
        which sorts them faster.
        """
        needle = text.encode()  # looked for in UTF-8: only the lines found are decoded
        found: list[tuple[bool, int, int]] = []  # (not at the start, length, term)
        rows = self.db.execute("SELECT lines, runs FROM keys WHERE name = ?", (name,))
        for lines, runs in rows:
            starts = array("I")
            starts.frombytes(runs)
            if len(starts) % 2 or (starts and starts[0] != 0):  # (none: a part with no terms)
                raise ValueError("runs of terms that are not pairs from the first line")
            run_lines = starts[::2]
            line = before = 0
            if name == "initials":
                places = _lines_starting(lines, needle)
            else:
                places = _lines_holding(lines, needle)
            for start, hit, end in places:
                line += lines.count(b"\n", before, start)
                before = start
                run = bisect_right(run_lines, line) - 1
                term = starts[2 * run + 1] + line - run_lines[run]
                key = lines[start:end].decode()
                if name == "hanzi":  # the shorter form holding it
                    length = min(len(form) for form in key.split("\t") if text in form)
                else:
                    length = len(key)
                found.append((hit > start and name == "letters", length, term))
                if len(found) > _FOUND_IN_PYTHON:
                    return self._ids(_KEYED_SQL[name], text)
        return {term for *_, term in sorted(found)[: self.candidates]}

    def _near_hanzi(self, text: str) -> set[int]:
        """Give terms close to hanzi that no headword holds (one character wrong or extra):
        those sharing characters with it that the ranking would take."""
        from rapidfuzz import fuzz

        chars = list(dict.fromkeys(text))[:8]
        where = " OR ".join(["instr(zh, ?) OR instr(trad, ?)"] * len(chars))
        rows = self.db.execute(
            f"SELECT id, zh, trad FROM terms WHERE {where} ORDER BY length(zh) LIMIT 5000",
            [c for c in chars for _ in (0, 1)],
        )
        scored = [
            (-max(fuzz.ratio(text, zh), fuzz.ratio(text, trad or "")), i) for i, zh, trad in rows
        ]
        return {i for score, i in sorted(scored)[: self.candidates] if score <= -60}

    def _ids(self, sql: str, *args: object) -> set[int]:
        return {row[0] for row in self.db.execute(sql, (*args, self.candidates))}

    def _word_candidates(self, query_words: tuple[str, ...]) -> set[int]:
        """Give terms holding every query word (as a word, the start of one, or with typos),
        those where the first word is most prominent first."""
        best: dict[int, int] = {}
        for n, word in enumerate(dict.fromkeys(query_words)):
            forms = [word]
            if edits := allowed_edits(word):
                forms += near_words(word, self._vocabulary(len(word) - edits, len(word) + edits))
            ranks = self._postings(forms, prefix=len(word) >= 3)
            best = ranks if n == 0 else {i: r for i, r in best.items() if i in ranks}
        return set(sorted(best, key=lambda i: (best[i], i))[: self.candidates])

    def _postings(self, forms: list[str], prefix: bool) -> dict[int, int]:
        """Give the terms holding any of ``forms`` (or a word starting with the first), each
        with its best rank. A form after the first (a typo's correction) or a longer word
        ranks after the first word itself, by half a word's length: of many terms, the
        ones that hold what was typed come first."""
        found: dict[int, int] = {}
        for (part,) in self.db.execute("SELECT part FROM parts").fetchall():
            exact = [span for span in [self._span(part, forms[0])] if span]
            near = [span for form in forms[1:] if (span := self._span(part, form))]
            if prefix:
                near += self._spans_after(part, forms[0])
            for ranges, extra in ((exact, 0), (near, _NEAR_RANK)):
                for term, place in self._postings_of(part, ranges):
                    place = place + extra if place < _NOTES_RANK else place
                    if place < found.get(term, _NOTES_RANK + 1):
                        found[term] = place
        return found

    def _page(self, part: int, word: str, after: bool = False) -> str:
        """Give the page of a part's words where ``word`` is, or would be (``after``: the
        page after the one ``word`` starts); "" if there is none."""
        sql = (
            "SELECT lines FROM words WHERE part = ? AND first > ? ORDER BY first LIMIT 1"
            if after
            else "SELECT lines FROM words WHERE part = ? AND first <= ? ORDER BY first DESC LIMIT 1"
        )
        row = self.db.execute(sql, (part, word)).fetchone()
        return str(row[0]) if row else ""

    def _span(self, part: int, word: str) -> tuple[int, int] | None:
        """Give where the postings of ``word`` start and stop in a part, if it has it."""
        page = self._page(part, word)
        found, start, stop = _page_line(page, _first_line(page, word))
        return (start, stop) if found == word else None

    def _spans_after(self, part: int, prefix: str) -> list[tuple[int, int]]:
        """Give where the postings of the part's words that start with ``prefix`` and are
        longer start and stop."""
        spans: list[tuple[int, int]] = []
        page = self._page(part, prefix) or self._page(part, "", after=True)
        at = _first_line(page, prefix)
        while page:
            while at < len(page):
                word, start, stop = _page_line(page, at)
                if not word.startswith(prefix):
                    return spans
                if word != prefix:
                    spans.append((start, stop))
                at = page.find("\n", at) + 1 or len(page)
            last = page[page.rfind("\n") + 1 :].partition(" ")[0]
            page, at = self._page(part, last, after=True), 0
        return spans

    def _postings_of(self, part: int, ranges: list[tuple[int, int]]) -> Iterator[tuple[int, int]]:
        """Give the postings of a part of the index from ``ranges`` of its arrays."""
        if not ranges:  # the part holds none of the words
            return
        with (
            self.db.blobopen("parts", "terms", part, readonly=True) as terms,
            self.db.blobopen("parts", "ranks", part, readonly=True) as ranks,
        ):
            for start, stop in ranges:
                held, places = array("I"), array("I")
                terms.seek(start * 4)
                held.frombytes(terms.read((stop - start) * 4))
                ranks.seek(start * 4)
                places.frombytes(ranks.read((stop - start) * 4))
                if len(held) != stop - start or len(places) != len(held):
                    raise ValueError("postings beyond the end of an index's part")
                yield from zip(held, places, strict=True)

    def _vocabulary(self, shortest: int, longest: int) -> list[str]:
        """Give the English words of the glossary from ``shortest`` to ``longest`` letters."""
        rows = self.db.execute(
            "SELECT value FROM meta WHERE key BETWEEN ? AND ?",
            (f"words/{shortest:03d}", f"words/{longest:03d}"),
        )
        return [word for (value,) in rows for word in value.split("\n")]

    def _terms(self, ids: set[int]) -> list[Term]:
        return [term for _, term in self._rows(ids)]

    def _rows(self, ids: set[int]) -> list[tuple[int, Term]]:
        """Give the terms with these row numbers, in row order."""
        out: list[tuple[int, Term]] = []
        ordered = sorted(ids)
        for at in range(0, len(ordered), 900):
            chunk = ordered[at : at + 900]
            marks = ",".join("?" * len(chunk))
            rows = self.db.execute(
                "SELECT e.id, e.line, e.start, e.size, e.text, t.zh FROM entries AS e"
                f" JOIN terms AS t ON t.id = e.id WHERE e.id IN ({marks}) ORDER BY e.id",
                chunk,
            ).fetchall()
            fields = self._fields(rows)
            out += [
                (row[0], _term(data, row[1], self.shown))
                for row, data in zip(rows, fields, strict=True)
            ]
        return out

    def _fields(self, rows: list[tuple[Any, ...]]) -> list[dict[str, Any]]:
        """Give the fields of the entries of ``rows`` (id, line, start, size, text, zh).
        Raise ValueError where they cannot be had: a damaged cache, or a glossary file that
        changed since it was indexed."""
        kind, _, columns = self.payload.partition(" ")
        if kind == "cedict":  # a dictionary's lines; ``columns`` names the dictionary
            from glossary.dictionary import cedict

            known: dict[str, str] = {}  # syllables given tone marks, for all the entries
            return [cedict.fields(row[4].split("\n"), columns, known) for row in rows]
        if kind == "json":
            import json  # only for a glossary the full loader read

            return [json.loads(row[4]) for row in rows]
        from glossary.termfile import quickyaml

        if kind != "file":
            return quickyaml.parse_texts([row[4] for row in rows], columns)
        fields = quickyaml.parse_texts(self._read_entries(rows), columns)
        if any(data["zh"] != row[5] for row, data in zip(rows, fields, strict=True)):
            raise ValueError("the glossary changed since it was indexed")
        return fields

    def _read_entries(self, rows: list[tuple[Any, ...]]) -> list[str]:
        """Read the texts of entries from the glossary file, which must be as indexed."""
        source = self.source
        if source is None:
            raise ValueError("no glossary file to read entries from")
        try:
            with open(source.path, "rb") as glossary:
                # Checked after opening: a file replaced or changed since shows here.
                if Stamp.of(Path(source.path)) != source:
                    raise ValueError("the glossary changed since it was indexed")
                texts = []
                for row in rows:
                    glossary.seek(row[2])
                    texts.append(glossary.read(row[3]).decode("utf-8"))
                return texts
        except (OSError, UnicodeDecodeError) as exc:
            raise ValueError(f"cannot read the glossary's entries: {exc}") from exc


#: What reading a damaged cache can raise: SQLite's own complaint, or contents that do not
#: decode (a posting list of odd length, a payload that is not a term's JSON, runs of terms
#: that lead outside their array).
_DAMAGED = (sqlite3.DatabaseError, ValueError, TypeError, KeyError, IndexError)


def _first_line(page: str, key: str) -> int:
    """Give where the first line of a page (sorted lines, each a word, a space and more)
    whose word is not before ``key`` starts; the end of the page if there is none."""
    low, high = 0, len(page)  # each the start of a line, or the end
    while low < high:
        at = page.rfind("\n", low, (low + high) // 2) + 1 or low  # the line holding the middle
        if page[at : page.find(" ", at)] < key:
            low = page.find("\n", at) + 1 or len(page)
        else:
            high = at
    return low


def _page_line(page: str, at: int) -> tuple[str, int, int]:
    """Give the word of the line of a page starting at ``at``, and where its postings start
    and stop ("" past the end of the page)."""
    if at >= len(page):
        return "", 0, 0
    end = page.find("\n", at)
    word, start, stop = page[at : end if end >= 0 else len(page)].split(" ")
    return word, int(start), int(stop)


def _lines_holding(lines: bytes, needle: bytes) -> Iterator[tuple[int, int, int]]:
    """Give, for each line of ``lines`` holding ``needle`` (which holds no line break),
    where it starts, where ``needle`` first is in it, and where it ends."""
    at = 0
    while (hit := lines.find(needle, at)) >= 0:
        end = _line_end(lines, hit)
        yield lines.rfind(b"\n", 0, hit) + 1, hit, end
        at = end + 1


def _lines_starting(lines: bytes, needle: bytes) -> Iterator[tuple[int, int, int]]:
    """Give, as :func:`_lines_holding` does, the lines starting with ``needle``."""
    at = 0
    if lines.startswith(needle):
        at = _line_end(lines, 0)
        yield 0, 0, at
    while (hit := lines.find(b"\n" + needle, at)) >= 0:
        at = _line_end(lines, hit + 1)
        yield hit + 1, hit + 1, at


def _line_end(lines: bytes, at: int) -> int:
    """Give where the line of ``lines`` holding ``at`` ends."""
    end = lines.find(b"\n", at)
    return len(lines) if end < 0 else end


def _term(data: dict[str, Any], line: int, shown: str) -> Term:
    fields = {
        k: tuple(v) if k in LIST_FIELDS and isinstance(v, list) else v for k, v in data.items()
    }
    return Term(**fields, location=Location(shown, line) if line else None)  # type: ignore[arg-type]
