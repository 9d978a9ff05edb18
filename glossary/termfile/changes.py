"""Add, change and remove terms in a glossary file: checked, surgical, atomic.

Each operation reads the file under a lock, plans splices of its text (``edit``), checks
that the new text reads back as intended, and only then replaces the file (``safewrite``).
A file under ``WHOLE_CHECK_BYTES`` is parsed whole before and after; a larger one is
checked where it changes, so that an edit stays fast on a 120,000-entry termbase.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from glossary import hanzi, pinyin
from glossary.errors import NotFoundError, UsageError, display_path
from glossary.model import LIST_FIELDS, TERM_FIELDS, Term
from glossary.termfile import edit, links, outputs, safewrite, store, yamltext

WHOLE_CHECK_BYTES = 1_000_000


@dataclass
class _Text:
    """One reading of the file inside a change: its text, layout and (if small) its terms."""

    text: str
    shown: str
    layout: edit.Layout
    terms: tuple[Term, ...] | None

    @classmethod
    def read(cls, text: str, shown: str) -> _Text:
        layout = edit.scan(text, shown)
        terms = None
        if len(text) < WHOLE_CHECK_BYTES:
            parsed = store.parse_text(text, shown)
            if parsed.problems:
                error = parsed.problems[0].error()
                error.hint = "fix this first (glossary validate lists every problem)"
                raise error
            terms = parsed.terms
        return cls(text, shown, layout, terms)

    def entry(self, zh: str) -> edit.Span:
        found = self.layout.find(zh)
        if found is None:
            raise NotFoundError(
                f"no term {zh!r} in {self.shown}",
                hint="give the simplified headword exactly (glossary search finds it)",
            )
        return found

    def check(self, new_text: str, whole: list[Term], piece: str, in_piece: list[Term]) -> None:
        """Raise unless the new text reads as ``whole`` (a small file) or, for a large file,
        the changed ``piece`` reads as ``in_piece``."""
        if self.terms is not None:
            edit.verify(new_text, self.shown, lambda got: list(got) == whole)
        elif piece:
            edit.verify_items(piece, self.shown, lambda got: list(got) == in_piece)


def add_terms(path: Path, terms: Sequence[Term], *, dry_run: bool = False) -> None:
    """Append ``terms`` to the glossary at ``path``; refuse headwords it already has. With
    ``dry_run``, check all that and write nothing (``add --dry-run``)."""
    _refuse_repeats(terms)

    def change(text: str) -> str:
        current = _Text.read(text, display_path(path))
        for term in terms:
            if current.layout.find(term.zh) is not None:
                raise UsageError(
                    f"{term.zh} is already in {current.shown}; nothing was added",
                    hint=f"change it with: glossary edit {term.zh} ...",
                )
        splices = edit.add(current.layout, terms)
        new_text = edit.apply(text, splices)
        old = list(current.terms or ())
        current.check(new_text, [*old, *terms], splices[0].new, list(terms))
        return new_text

    safewrite.update(path, change, dry_run=dry_run)


def add_and_extend(
    path: Path, terms: Sequence[Term], renderings: Mapping[str, Sequence[str]]
) -> None:
    """Append ``terms`` and give entries already there more English renderings (headword →
    renderings), in one checked, atomic change; refuse a new headword the glossary has, and
    a rendering for one it lacks."""
    _refuse_repeats(terms)

    def change(text: str) -> str:
        current = _Text.read(text, display_path(path))
        for term in terms:
            if current.layout.find(term.zh) is not None:
                raise UsageError(f"{term.zh} is already in {current.shown}; nothing was added")
        expected = list(current.terms) if current.terms is not None else None
        splices: list[edit.Splice] = []
        for zh, extra in renderings.items():
            span = current.entry(zh)
            before = current.layout.parse(span)
            if before is None:
                continue
            after = before.replace(en=(*before.en, *(e for e in extra if e not in before.en)))
            if after != before:
                splices += edit.change(current.layout, span, after)
                if expected is not None:
                    expected[current.layout.index(span)] = after
        if terms:
            splices += edit.add(current.layout, terms)
        new_text = edit.apply(text, splices)
        if expected is not None:
            edit.verify(new_text, current.shown, lambda got: list(got) == [*expected, *terms])
        else:
            edit.verify(new_text, current.shown, lambda got: True)
        return new_text

    safewrite.update(path, change)


def change_term(path: Path, zh: str, update: Callable[[Term], Term]) -> tuple[Term, Term] | None:
    """Apply ``update`` to the term ``zh`` in the glossary at ``path``.

    Give (before, after), or ``None`` when ``update`` left the term as it was.
    """
    changed = change_terms(path, update, only=zh)
    return changed[0] if changed else None


def change_terms(
    path: Path, update: Callable[[Term], Term], only: str | None = None
) -> list[tuple[Term, Term]]:
    """Apply ``update`` to every term (or the one headword ``only``); give what changed.

    Each term is rewritten field by field, and only where ``update`` changed it. When
    ``only`` is renamed, the ``see`` links of other entries follow it, in the same write:
    their changes come after its own in what is given.
    """
    changed: list[tuple[Term, Term]] = []

    def change(text: str) -> str:
        current = _Text.read(text, display_path(path))
        spans = [current.entry(only)] if only else current.layout.spans()
        old = list(current.terms) if current.terms is not None else None
        new = list(old) if old is not None else None
        splices: list[edit.Splice] = []
        changed.clear()
        for span in spans:
            before = current.layout.parse(span)
            if before is None:
                continue
            after = update(before)
            if after == before:
                continue
            if after.zh != before.zh and current.layout.find(after.zh) is not None:
                raise UsageError(f"{after.zh} is already in {current.shown}; nothing was changed")
            changed.append((before, after))
            splices += edit.change(current.layout, span, after)
            if new is not None:
                new[current.layout.index(span)] = after
        if only and changed and changed[0][1].zh != only:
            for span, term in links.linking(current.layout, only):
                linked = links.relinked(term, only, changed[0][1].zh)
                changed.append((term, linked))
                splices += edit.change(current.layout, span, linked)
                if new is not None:
                    new[current.layout.index(span)] = linked
        new_text = edit.apply(text, splices)
        if new is not None:
            current.check(new_text, new, "", [])
        elif only and len(changed) == 1:
            span = spans[0]
            grown = sum(len(s.new) - (s.end - s.start) for s in splices)
            piece = new_text[span.start : span.end + grown]
            current.check(new_text, [], piece, [changed[0][1]])
        elif changed:
            edit.verify(new_text, current.shown, lambda got: True)
        return new_text

    safewrite.update(path, change)
    return changed


def remove_term(path: Path, zh: str) -> Term:
    """Remove the term ``zh`` from the glossary at ``path``; give the term removed."""
    return remove_linked(path, zh, unlink=False)[0]


def remove_linked(path: Path, zh: str, unlink: bool) -> tuple[Term, list[str]]:
    """Remove the term ``zh`` from the glossary at ``path``; give the term removed and the
    headwords of the entries whose ``see`` names it. With ``unlink``, those links are
    removed in the same write."""
    removed: list[Term] = []
    linked: list[str] = []

    def change(text: str) -> str:
        current = _Text.read(text, display_path(path))
        span = current.entry(zh)
        term = current.layout.parse(span)
        assert term is not None
        removed[:] = [term]
        splices = edit.remove(current.layout, span)
        new = list(current.terms or ())
        found = links.linking(current.layout, zh)
        linked[:] = [other.zh for _, other in found]
        for other_span, other in found if unlink else ():
            splices += edit.change(current.layout, other_span, links.relinked(other, zh, None))
            if new:
                new[current.layout.index(other_span)] = links.relinked(other, zh, None)
        new_text = edit.apply(text, splices)
        index = current.layout.index(span) if new else 0
        if current.terms is not None:
            current.check(new_text, new[:index] + new[index + 1 :], "", [])
        elif unlink and found:
            edit.verify(new_text, current.shown, lambda got: True)
        return new_text

    safewrite.update(path, change)
    return removed[0], linked


def _refuse_repeats(terms: Sequence[Term]) -> None:
    seen: set[str] = set()
    for term in terms:
        if term.zh in seen:
            raise UsageError(f"{term.zh} is given twice; nothing was added")
        seen.add(term.zh)


def fill_missing(
    term: Term, read: Callable[[str], str] = pinyin.generate
) -> tuple[Term, tuple[str, ...]]:
    """Give ``term`` with pinyin and traditional generated where missing, and which were.

    Generated values are a best guess, for a person to check: the pinyin ``read`` gives
    (pypinyin's unless told; the command line passes the dictionary's reader), and
    OpenCC's traditional form.
    """
    generated: list[str] = []
    if not term.pinyin and pinyin.has_hanzi(term.zh):
        term = term.replace(pinyin=read(term.zh))
        generated.append("pinyin")
    if not term.traditional and pinyin.has_hanzi(term.zh):
        term = term.replace(traditional=hanzi.to_traditional(term.zh))
        generated.append("traditional")
    return term, tuple(generated)


def follow_rename(before: Term, after: Term, given: Collection[str]) -> Term:
    """Give ``after`` (``before`` edited) with its pinyin and traditional form made anew
    for a new headword where they were the generated reading of the old one (and were not
    ``given`` in the edit); a reading a person wrote is kept, and :func:`reading_notes`
    says it may no longer fit."""
    if after.zh == before.zh or not pinyin.has_hanzi(after.zh):
        return after
    values: dict[str, str] = {}
    old_pinyin, old_traditional = before.pinyin, before.traditional
    if (
        "pinyin" not in given
        and old_pinyin
        and after.pinyin == old_pinyin
        and _bare(old_pinyin) == _bare(pinyin.generate(before.zh))
    ):
        values["pinyin"] = pinyin.generate(after.zh)
    if (
        "traditional" not in given
        and old_traditional
        and after.traditional == old_traditional
        and old_traditional == hanzi.to_traditional(before.zh)
    ):
        values["traditional"] = hanzi.to_traditional(after.zh)
    out: Term = after.replace(**values)
    return out


def reading_notes(before: Term, after: Term, given: Collection[str]) -> list[str]:
    """Give what a rename did to the readings: made anew (to check), or kept (and may no
    longer fit the new headword)."""
    notes: list[str] = []
    for name in ("pinyin", "traditional") if after.zh != before.zh else ():
        old, new = getattr(before, name), getattr(after, name)
        if name in given or not old:
            continue
        if new != old:
            notes.append(f"{after.zh}: {name} generated, please check: {new}")
        else:
            notes.append(
                f"{after.zh}: {name} {old} kept; it may not fit the new headword "
                f"(set it with --{name})"
            )
    return notes


def _bare(reading: str) -> str:
    """Give a pinyin reading without spaces, apostrophes or capitals, to compare two."""
    return "".join(c for c in reading.casefold() if c not in " '’-")


def simplified_headword(term: Term) -> tuple[Term, bool]:
    """Give ``term`` with a simplified headword (OpenCC) when its headword is written in
    traditional characters, that form kept as its traditional one; and whether it was.

    The headword is what search, scan and every change look up, in simplified characters;
    a traditional headword would leave the term unfound by its simplified form.
    """
    if not pinyin.has_hanzi(term.zh):
        return term, False
    simplified = hanzi.to_simplified(term.zh)
    if simplified in (term.zh, unicodedata.normalize("NFKC", term.zh)):
        return term, False  # simplified already, or only a compatibility ideograph folded
    return term.replace(zh=simplified, traditional=term.traditional or term.zh), True


def tidied(term: Term) -> Term:
    """Give ``term`` with spaces trimmed from every value and empty list items dropped."""
    values: dict[str, Any] = {}
    for name in TERM_FIELDS:
        value = getattr(term, name)
        if name in LIST_FIELDS:
            values[name] = tuple(v.strip() for v in value if v.strip())
        elif isinstance(value, str):
            values[name] = value.strip() or None
    out: Term = term.replace(**values)
    return out


def fixed(term: Term, read: Callable[[str], str] = pinyin.generate) -> Term:
    """Give ``term`` as ``validate --fix`` leaves it: tidied, missing readings generated
    (pinyin by ``read``)."""
    return fill_missing(tidied(term), read)[0]


@dataclass(frozen=True)
class Edits:
    """What ``glossary edit`` asks for: fields to set ("" clears one) and list changes."""

    set_fields: dict[str, str] = field(default_factory=dict)
    add: dict[str, tuple[str, ...]] = field(default_factory=dict)
    remove: dict[str, tuple[str, ...]] = field(default_factory=dict)
    prefer: str | None = None

    def is_empty(self) -> bool:
        """Tell whether these edits ask for nothing."""
        lists = (*self.add.values(), *self.remove.values())
        return not (self.set_fields or self.prefer or any(lists))

    def apply(self, term: Term) -> Term:
        """Give ``term`` with these edits made; raise a usage error for one that cannot be."""
        # Values are trimmed as ``add`` trims them: the file could not hold "" or " x " as
        # given (the writer would drop or trim them), and the read-back check would refuse.
        values: dict[str, Any] = {k: v.strip() or None for k, v in self.set_fields.items()}
        for name, given in self.add.items():
            if any(not text.strip() for text in given):
                flag = "--add-" + ("tag" if name == "tags" else name)
                raise UsageError(f"{flag} needs a value; an empty one adds nothing")
        if self.prefer is not None and not self.prefer.strip():
            raise UsageError("--prefer needs a rendering; an empty one is not one")
        for name in LIST_FIELDS:
            items = list(getattr(term, name))
            for text in self.remove.get(name, ()):
                if text not in items:
                    raise UsageError(
                        f"{term.zh} has no {name} {text!r}",
                        hint=f"its {name}: " + ("; ".join(items) or "(none)"),
                    )
                items.remove(text)
            items += [
                t
                for t in dict.fromkeys(a.strip() for a in self.add.get(name, ()))
                if t not in items
            ]
            if name == "en" and self.prefer:
                prefer = self.prefer.strip()
                items = [prefer] + [t for t in items if t != prefer]
            values[name] = tuple(items)
        if not values.get("zh", term.zh):
            raise UsageError("the headword cannot be empty")
        if not values["en"]:
            raise UsageError(
                f"{term.zh} would have no English rendering left",
                hint="add one with --add-en before removing the last",
            )
        out: Term = term.replace(**values)
        return out


def merge_plan(
    existing: Sequence[Term], incoming: Sequence[Term]
) -> tuple[list[Term], list[Term], list[tuple[Term, Term]]]:
    """Give what a merge does: (terms to add, already there alike, conflicts).

    A conflict is a headword already in the glossary with another preferred rendering;
    it is reported, never overwritten.
    """
    known = {t.zh: t for t in existing}
    new: list[Term] = []
    same: list[Term] = []
    conflicts: list[tuple[Term, Term]] = []
    for term in incoming:
        old = known.get(term.zh)
        if old is None:
            new.append(term)
            known[term.zh] = term
        elif old.preferred.casefold() == term.preferred.casefold():
            same.append(term)
        else:
            conflicts.append((old, term))
    return new, same, conflicts


def new_term(
    zh: str,
    en: Sequence[str],
    tags: Sequence[str],
    see: Sequence[str],
    fields: dict[str, str | None],
) -> Term:
    """Give the term ``glossary add`` describes, tidied; raise a usage error if it is not one."""
    if not zh.strip():
        raise UsageError(
            "the headword is empty", hint="give it first, e.g. glossary add 背对背 ..."
        )
    given: dict[str, Any] = {k: v for k, v in fields.items() if v}
    term = tidied(Term(zh=zh, en=tuple(en), tags=tuple(tags), see=tuple(see), **given))
    if not term.en:
        raise UsageError(f"{zh} needs an English rendering", hint="add --en TEXT")
    return term


#: What ``import --merge`` does with a conflict: keep ours, take theirs, or add theirs.
ON_CONFLICT = ("keep", "replace", "add")


@dataclass(frozen=True)
class MergeReport:
    """What a merge did: terms added, terms already there alike, and conflicts (ours,
    theirs), each with what it became: ours after the merge, in the same order."""

    added: list[Term]
    same: list[Term]
    conflicts: list[tuple[Term, Term]]
    outcomes: list[Term] = field(default_factory=list)


def resolved(ours: Term, theirs: Term, on_conflict: str) -> Term:
    """Give ``ours`` as a conflict with ``theirs`` leaves it: as it is (``keep``), with
    their renderings instead of ours (``replace``), or with theirs that it lacks added
    after its own, as alternatives (``add``). Other fields stay ours."""
    if on_conflict == "replace":
        out: Term = ours.replace(en=theirs.en)
        return out
    if on_conflict == "add":
        known = {rendering.casefold() for rendering in ours.en}
        extra = [r for r in dict.fromkeys(theirs.en) if r.casefold() not in known]
        out = ours.replace(en=(*ours.en, *extra))
        return out
    return ours


def merge_terms(path: Path, incoming: Sequence[Term], on_conflict: str = "keep") -> MergeReport:
    """Add the terms of ``incoming`` that ``path`` lacks; settle each conflict as
    ``on_conflict`` says (see :func:`resolved`); change nothing else."""
    if on_conflict not in ON_CONFLICT:
        raise UsageError(f"unknown --on-conflict {on_conflict!r}", hint="give keep, replace or add")
    report = MergeReport([], [], [])

    def change(text: str) -> str:
        existing = store.parse_text(text, display_path(path))
        if existing.problems:
            raise existing.problems[0].error()
        new, same, conflicts = merge_plan(existing.terms, incoming)
        # A headword given twice in the input settles against what the first made of it.
        now = {t.zh: t for t in new}
        outcomes: list[Term] = []
        for ours, theirs in conflicts:
            now[ours.zh] = resolved(now.get(ours.zh, ours), theirs, on_conflict)
            outcomes.append(now[ours.zh])
        report.added[:], report.same[:], report.conflicts[:] = new, same, conflicts
        report.outcomes[:] = outcomes
        new = [now[t.zh] for t in new]
        old = list(existing.terms)
        current = _Text(text, display_path(path), edit.scan(text, display_path(path)), None)
        splices: list[edit.Splice] = []
        for index, term in enumerate(old):
            if term.zh in now and now[term.zh] != term:
                span = current.entry(term.zh)
                splices += edit.change(current.layout, span, now[term.zh])
                old[index] = now[term.zh]
        if new:
            splices += edit.add(current.layout, new)
        if not splices:
            return text
        new_text = edit.apply(text, splices)
        edit.verify(new_text, current.shown, lambda got: list(got) == [*old, *new])
        return new_text

    safewrite.update(path, change)
    return report


def write_glossary(
    path: Path,
    title: str | None,
    terms: Sequence[Term],
    *,
    in_use: Sequence[Path] = (),
    force: bool = False,
) -> None:
    """Write ``terms`` as a new glossary file at ``path``, checked before it is written;
    never over a glossary ``in_use``, nor over a file already there unless ``force``."""
    text = glossary_text(path, title, terms)
    outputs.write_file(path, text, in_use=in_use, force=force)


def glossary_text(path: Path, title: str | None, terms: Sequence[Term]) -> str:
    """Give the text of a new glossary of ``terms``, checked to read back as them (``path``:
    where it goes, for messages)."""
    text = yamltext.document(title, terms)
    edit.verify(text, display_path(path), lambda got: list(got) == list(terms))
    return text
