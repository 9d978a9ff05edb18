"""Output: rich tables on a terminal, plain text in a pipe, JSON and Markdown on request.

The only module beside ``cli`` that uses rich, and it imports rich only when it draws a
table, so piped output never pays for it.
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from typing import IO, TYPE_CHECKING, Any

from glossary import pinyin, tones
from glossary.errors import UsageError
from glossary.model import Term
from glossary.search import Match, Query, words_with_spans

if TYPE_CHECKING:
    from glossary.extract import Candidate
    from glossary.lint import Finding
    from glossary.scan import Span

FORMATS = ("table", "plain", "tsv", "json", "jsonl", "md")


def choose_format(requested: str | None, stdout: IO[str]) -> str:
    """Give the output format: as asked, else a table on a terminal and plain text in a pipe."""
    if requested is None:
        return "table" if is_terminal(stdout) else "plain"
    fmt = requested.lower()
    if fmt not in FORMATS:
        raise UsageError(f"unknown format {requested!r}", hint="use one of: " + ", ".join(FORMATS))
    return "plain" if fmt == "tsv" else fmt


def choose_among(requested: str | None, allowed: tuple[str, ...], stdout: IO[str]) -> str:
    """Give the output format: as asked (one of ``allowed``), else the first of them on a
    terminal and the second in a pipe."""
    if requested is None:
        return allowed[0] if is_terminal(stdout) else allowed[1]
    if requested.lower() not in allowed:
        raise UsageError(f"unknown format {requested!r}", hint="use one of: " + ", ".join(allowed))
    return requested.lower()


def choose_tone_colors(requested: str | None, env: Mapping[str, str]) -> str:
    """Give the tone colour scheme: as asked, else Pleco's, or none when NO_COLOR is set."""
    if requested is None:
        return tones.NONE if "NO_COLOR" in env else "pleco"
    if requested.lower() not in tones.CHOICES:
        raise UsageError(
            f"unknown tone colour scheme {requested!r}",
            hint="use one of: " + ", ".join(tones.CHOICES),
        )
    return requested.lower()


def is_terminal(stream: IO[str]) -> bool:
    """Tell whether ``stream`` is a terminal (a person is reading or typing)."""
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


def term_data(term: Term, reading: str) -> dict[str, Any]:
    """Give the JSON object of a term: its stored fields, with pinyin filled in if it had none."""
    return (term if term.pinyin else term.replace(pinyin=reading or None)).to_dict()


def _one_line(text: str) -> str:
    return " ".join(text.split())


def matches(
    found: Sequence[Match],
    fmt: str,
    out: IO[str],
    query: Query | None = None,
    tone_colors: str = "none",
) -> None:
    """Write search results to ``out`` in ``fmt``; a table shows what ``query`` matched,
    and colours tones in ``tone_colors`` (a scheme of :mod:`glossary.tones`)."""
    if fmt == "json":
        out.write(_json([_match_data(m) for m in found], indent=2) + "\n")
    elif fmt == "jsonl":
        out.writelines(_json(_match_data(m)) + "\n" for m in found)
    elif fmt == "md":
        from glossary import markdown

        out.write("\n".join(markdown.snippet(m.term, m.reading) for m in found))
    elif fmt == "table":
        _matches_table(found, out, query, tone_colors)
    else:
        for m in found:
            out.write(
                "\t".join(_one_line(x) for x in (m.term.zh, m.reading, m.term.preferred)) + "\n"
            )


def matched_label(m: Match) -> str:
    """Give what a result matched on: the field, and its text unless the row already shows it."""
    shown = m.field in ("zh", "pinyin", "id") or (m.field == "en" and m.text == m.term.preferred)
    return m.field if shown else f"{m.field}: {m.text}"


def _match_data(m: Match) -> dict[str, Any]:
    data = term_data(m.term, m.reading)
    data["match"] = {"field": m.field, "text": m.text, "score": round(m.score, 1)}
    return data


def json_line(data: object) -> str:
    """Give ``data`` as one line of JSON (of a JSON Lines stream)."""
    return _json(data) + "\n"


def width(text: str) -> int:
    """Give how many columns ``text`` takes on a terminal: hanzi and other wide
    characters two, combining marks none.

    >>> width("三股 ab"), width("sān")
    (7, 3)
    """
    import unicodedata

    return sum(
        0 if unicodedata.combining(c) else 2 if unicodedata.east_asian_width(c) in "WF" else 1
        for c in text
    )


def pad(text: str, columns: int) -> str:
    """Give ``text`` padded with spaces to ``columns`` columns."""
    return text + " " * max(0, columns - width(text))


def _json(data: object, indent: int | None = None) -> str:
    import json  # only for the formats that are JSON: a lookup's start-up is felt

    return json.dumps(data, ensure_ascii=False, indent=indent)


def term(t: Term, reading: str, fmt: str, out: IO[str]) -> None:
    """Write one whole entry to ``out`` in ``fmt``."""
    if fmt in ("json", "jsonl"):
        out.write(_json(term_data(t, reading), indent=2 if fmt == "json" else None) + "\n")
    elif fmt == "md":
        from glossary import markdown

        out.write(markdown.snippet(t, reading))
    elif fmt == "table":
        _term_table(t, reading, out)
    else:
        for name, value in _labelled(t, reading):
            out.write(f"{name}: {_one_line(value)}\n")


def _labelled(t: Term, reading: str) -> list[tuple[str, str]]:
    """Give each non-empty field as (name, text), lists joined with '; '."""
    data = term_data(t, reading)
    return [(k, "; ".join(v) if isinstance(v, list) else v) for k, v in data.items()]


def _console(out: IO[str]) -> Any:
    from rich.console import Console

    return Console(file=out, no_color="NO_COLOR" in os.environ, highlight=False)


_HIGHLIGHT = "bold underline"


def _matches_table(found: Sequence[Match], out: IO[str], query: Query | None, scheme: str) -> None:
    from rich.table import Table
    from rich.text import Text

    table = Table(show_edge=False, pad_edge=False, header_style="bold")
    for name in ("Chinese", "Pinyin", "English", "Matched"):
        table.add_column(name, overflow="fold")
    for m in found:
        table.add_row(*match_cells(m, query, scheme), Text(matched_label(m), style="dim"))
    _console(out).print(table)


def match_cells(m: Match, query: Query | None, scheme: str) -> tuple[Any, Any, Any]:
    """Give rich Text of a result's headword, pinyin and preferred rendering: tones in the
    colours of ``scheme``, what ``query`` matched underlined."""
    from rich.text import Text

    zh = _toned(tones.hanzi_tones(m.term.zh, m.reading), scheme, "bold")
    reading = _toned(tones.syllables(m.reading), scheme, "cyan")
    english = Text(m.term.preferred)
    if query is not None:
        _highlight(zh, reading, english, m, query)
    return zh, reading, english


def toned_headword(zh: str, reading: str, scheme: str) -> Any:
    """Give rich Text of a headword, each character in its tone's colour in ``scheme``."""
    return _toned(tones.hanzi_tones(zh, reading), scheme, "bold")


def toned_reading(reading: str, scheme: str) -> Any:
    """Give rich Text of a pinyin reading, each syllable in its tone's colour in ``scheme``."""
    return _toned(tones.syllables(reading), scheme, "cyan")


def _toned(pieces: Sequence[tuple[str, int]], scheme: str, plain: str) -> Any:
    """Give rich Text of ``pieces``, each syllable in its tone's colour (or ``plain``)."""
    from rich.text import Text

    colours = tones.SCHEMES.get(scheme, {})
    text = Text(style=plain if not colours else "")
    for piece, tone in pieces:
        text.append(piece, style=colours.get(tone, plain) if colours else "")
    return text


def _highlight(zh: Any, reading: Any, english: Any, m: Match, query: Query) -> None:
    """Underline what the query matched: hanzi, pinyin syllables or English words."""
    for form in query.hanzi:
        at = m.term.zh.find(form)
        if at >= 0:
            zh.stylize(_HIGHLIGHT, at, at + len(form))
            return
    if m.field == "pinyin" and query.reading is not None:
        span = pinyin.span_in_text(m.reading, query.reading)
        if span:
            reading.stylize(_HIGHLIGHT, *span)
    if m.field == "en" and m.text == m.term.preferred and query.words:
        for start, end, word in words_with_spans(m.term.preferred):
            if any(word.startswith(q) or q.startswith(word) for q in query.words):
                english.stylize(_HIGHLIGHT, start, end)


def _term_table(t: Term, reading: str, out: IO[str]) -> None:
    from rich.table import Table
    from rich.text import Text

    table = Table(show_header=False, show_edge=False, box=None, pad_edge=False)
    table.add_column(style="bold dim", no_wrap=True)
    table.add_column(overflow="fold")
    for name, value in _labelled(t, reading):
        style = {"zh": "bold", "pinyin": "cyan", "en": "green"}.get(name, "")
        table.add_row(name, Text(value, style=style))
    _console(out).print(table)


LINT_FORMATS = ("text", "json")
#: What ``check`` writes its findings as: ``validate``'s formats, and SARIF.
CHECK_FORMATS = (*LINT_FORMATS, "sarif")


def findings(
    found: Sequence[Finding], fmt: str, out: IO[str], allowed: Sequence[str] = LINT_FORMATS
) -> None:
    """Write lint findings, of ``validate`` or ``check``: one ``FILE:LINE:COL`` line each
    (see :class:`glossary.lint.Finding`), a JSON list, or a SARIF log (``allowed`` says
    which of these may be asked for)."""
    if fmt not in allowed:
        raise UsageError(f"unknown format {fmt!r}", hint="use " + " or ".join(allowed))
    if fmt == "json":
        out.write(_json([f.data() for f in found], indent=2) + "\n")
    elif fmt == "sarif":
        from glossary.qa import sarif

        out.write(_json(sarif.log(found), indent=2) + "\n")
    else:
        out.writelines(visible(f"{f}") + "\n" for f in found)


def rule_counts(counted: Sequence[tuple[str, str, int]], fmt: str, out: IO[str]) -> None:
    """Write how many findings each rule made (``validate --summary``): a ``COUNT
    SEVERITY RULE`` line each, or a JSON list."""
    if fmt not in ("text", "json"):
        raise UsageError(f"unknown format {fmt!r}", hint="use text or json")
    if fmt == "json":
        rows = [{"rule": r, "severity": s, "count": n} for s, r, n in counted]
        out.write(_json(rows, indent=2) + "\n")
    else:
        out.writelines(f"{n:>8}  {s}: {r}\n" for s, r, n in counted)


def visible(text: str) -> str:
    """Give ``text`` on one line with its control and format characters (an escape
    sequence, a bidi override) written as escapes, so that none acts on a terminal.

    >>> visible("a\\x1b[31mb\\u202ec\\nd")
    'a\\\\x1b[31mb\\\\u202ec\\\\nd'
    """
    import unicodedata

    return "".join(
        c if c == " " or unicodedata.category(c) not in ("Cc", "Cf", "Zl", "Zp") else _escape(c)
        for c in text
    )


def _escape(char: str) -> str:
    return repr(char)[1:-1]


def candidates(
    found: Sequence[Candidate],
    statuses: Sequence[str],
    fmt: str,
    out: IO[str],
    known: Mapping[str, Term] | None = None,
) -> None:
    """Write extracted term pairs: a table, YAML safe to give to ``add -``, or JSON."""
    if fmt == "json":
        data = [
            {
                **c.term.to_dict(),
                "pinyin_generated": c.pinyin_generated,
                "pattern": c.pattern,
                "line": c.line,
                "col": c.col,
                "status": state,
            }
            for c, state in zip(found, statuses, strict=True)
        ]
        out.write(_json(data, indent=2) + "\n")
    elif fmt == "yaml":
        _candidates_yaml(found, statuses, out, known or {})
    else:
        _candidates_table(found, statuses, out)


def _candidates_yaml(
    found: Sequence[Candidate], statuses: Sequence[str], out: IO[str], known: Mapping[str, Term]
) -> None:
    """Write the new pairs as entries (one per headword, its renderings merged) and the known
    and conflicting ones as comments: the text can go to ``add -`` as it is, and never adds
    a headword twice."""
    from glossary.extract import new_entries
    from glossary.termfile import yamltext

    entries = {t.zh: t for t in new_entries(found, statuses)}
    for c, state in zip(found, statuses, strict=True):
        term = c.term
        if state == "new":
            entry = entries.pop(term.zh, None)
            if entry is not None:  # else merged into the entry written above
                note = "  # new" + (" (pinyin generated: check it)" if c.pinyin_generated else "")
                out.write(note + "\n" + "\n".join(yamltext.entry_lines(entry)) + "\n")
            continue
        line = f"{state}: {term.zh} = {term.preferred}"
        if state == "conflict" and term.zh in known:
            line += " (the glossary has: " + "; ".join(known[term.zh].en) + ")"
        out.write("  # " + _one_line(line) + "\n")


def _candidates_table(found: Sequence[Candidate], statuses: Sequence[str], out: IO[str]) -> None:
    from rich.table import Table

    table = Table(show_edge=False, pad_edge=False, header_style="bold")
    for name in ("Chinese", "Pinyin", "English", "Status", "Where"):
        table.add_column(name, overflow="fold")
    for c, state in zip(found, statuses, strict=True):
        reading = (c.term.pinyin or "") + (" *" if c.pinyin_generated else "")
        style = {"new": "green", "conflict": "yellow"}.get(state, "dim")
        table.add_row(
            c.term.zh, reading, c.term.preferred, f"[{style}]{state}[/]", f"{c.line}:{c.col}"
        )
    _console(out).print(table)


def scanned(text: str, spans: Sequence[Span], fmt: str, out: IO[str]) -> None:
    """Write what ``scan`` found: the text marked up, counts, JSON spans or a footnoted text."""
    from glossary import scan

    readings = {s.term.zh: s.term.pinyin or "" for s in spans}
    if fmt == "json":
        _scanned_json(spans, out)
    elif fmt == "md":
        out.write(scan.footnoted(text, spans, readings))
    elif fmt == "plain":
        for term, count, first in scan.summary(spans):
            out.write(f"{term.zh}\t{count}\t{first}\t{term.pinyin or ''}\t{term.preferred}\n")
    else:
        _scanned_terminal(text, spans, out)


def _scanned_json(spans: Sequence[Span], out: IO[str]) -> None:
    """Write the spans as one ``json.dumps(indent=2)`` of the whole list would, a span at a
    time (a long text holds hundreds of thousands): each value is encoded by the JSON
    module's C encoder, a term's once, and laid out here, where the indenting encoder is
    pure Python and took most of a scan's time."""
    from json.encoder import encode_basestring

    quoted: dict[str, str] = {}

    def text(value: str | None) -> str:
        if value is None:
            return "null"
        got = quoted.get(value)
        if got is None:
            got = quoted[value] = encode_basestring(value)
        return got

    out.write("[" if spans else "[]\n")
    for n, s in enumerate(spans):
        t = s.term
        out.write(
            f'{"," if n else ""}\n  {{\n    "start": {s.start},\n    "end": {s.end},'
            f'\n    "text": {text(s.text)},\n    "zh": {text(t.zh)},'
            f'\n    "pinyin": {text(t.pinyin)},\n    "en": {text(t.preferred)}\n  }}'
        )
    if spans:
        out.write("\n]\n")


def _scanned_terminal(text: str, spans: Sequence[Span], out: IO[str]) -> None:
    from rich.table import Table
    from rich.text import Text

    from glossary import scan

    marked = Text(text)
    for s in spans:
        marked.stylize("bold underline cyan", s.start, s.end)
    console = _console(out)
    console.print(marked)
    table = Table(show_edge=False, pad_edge=False, header_style="bold")
    for name in ("Chinese", "Count", "First at", "Pinyin", "English"):
        table.add_column(name, overflow="fold")
    for term, count, first in scan.summary(spans):
        table.add_row(term.zh, str(count), str(first), term.pinyin or "", term.preferred)
    console.print(table)
