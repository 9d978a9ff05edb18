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
from glossary.model import Origin, Term
from glossary.search import Match, Query, words_with_spans

if TYPE_CHECKING:
    from glossary.dictionary.segment import Coverage
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
    sources: bool = False,
) -> None:
    """Write search results to ``out`` in ``fmt``; a table shows what ``query`` matched,
    and colours tones in ``tone_colors`` (a scheme of :mod:`glossary.tones`). With
    ``sources`` (the dictionary layer on), each result says where it comes from, and a
    dictionary's results carry its attribution."""
    if fmt == "json":
        out.write(_json([_match_data(m, sources) for m in found], indent=2) + "\n")
    elif fmt == "jsonl":
        out.writelines(_json(_match_data(m, sources)) + "\n" for m in found)
    elif fmt == "md":
        out.write("\n".join(_markdown(m.term, m.reading, m.origin) for m in found))
    elif fmt == "table":
        _matches_table(found, out, query, tone_colors, sources)
    else:
        for m in found:
            cells = [m.term.zh, m.reading, m.term.preferred]
            if sources:
                cells.append(source_label(m.origin))
            out.write("\t".join(_one_line(x) for x in cells) + "\n")


def source_label(origin: Origin | None) -> str:
    """Give the source column's text: a glossary's name, or a dictionary's with its
    licence ("CC-CEDICT (CC BY-SA 4.0)")."""
    if origin is None:
        return ""
    if origin.is_dictionary and origin.licence:
        return f"{origin.name} ({origin.licence})"
    return origin.name


def origin_data(origin: Origin) -> dict[str, Any]:
    """Give the JSON object of where a result comes from."""
    data = {"name": origin.name, "kind": origin.kind}
    return data | {k: v for k, v in (("licence", origin.licence), ("url", origin.url)) if v}


def _markdown(t: Term, reading: str, origin: Origin | None) -> str:
    """Give the Markdown snippet of a term; a dictionary's entry ends with its credit."""
    from glossary import markdown

    text = markdown.snippet(t, reading)
    if origin is None or not origin.is_dictionary:
        return text
    return text + f"\n*From {markdown.escape(origin.attribution)}.*\n"


def matched_label(m: Match) -> str:
    """Give what a result matched on: the field, and its text unless the row already shows it."""
    shown = m.field in ("zh", "pinyin", "id") or (m.field == "en" and m.text == m.term.preferred)
    return m.field if shown else f"{m.field}: {m.text}"


def _match_data(m: Match, sources: bool = False) -> dict[str, Any]:
    data = term_data(m.term, m.reading)
    data["match"] = {"field": m.field, "text": m.text, "score": round(m.score, 1)}
    if sources and m.origin is not None:
        data["origin"] = origin_data(m.origin)
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


def term(t: Term, reading: str, fmt: str, out: IO[str], origin: Origin | None = None) -> None:
    """Write one whole entry to ``out`` in ``fmt``; an entry from a dictionary (``origin``)
    says so, with the dictionary's attribution."""
    if fmt in ("json", "jsonl"):
        data = term_data(t, reading)
        if origin is not None and origin.is_dictionary:
            data["origin"] = origin_data(origin)
        out.write(_json(data, indent=2 if fmt == "json" else None) + "\n")
    elif fmt == "md":
        out.write(_markdown(t, reading, origin))
    elif fmt == "table":
        _term_table(t, reading, out, origin)
    else:
        for name, value in _labelled(t, reading, origin):
            out.write(f"{name}: {_one_line(value)}\n")


def _labelled(t: Term, reading: str, origin: Origin | None = None) -> list[tuple[str, str]]:
    """Give each non-empty field as (name, text), lists joined with '; '; for a
    dictionary's entry, a last line saying it is not in the user's glossary."""
    data = term_data(t, reading)
    rows = [(k, "; ".join(v) if isinstance(v, list) else v) for k, v in data.items()]
    if origin is not None and origin.is_dictionary:
        rows.append(("from", f"{origin.attribution} (not in your glossary)"))
    return rows


def _console(out: IO[str]) -> Any:
    from rich.console import Console

    return Console(file=out, no_color="NO_COLOR" in os.environ, highlight=False)


_HIGHLIGHT = "bold underline"


def _matches_table(
    found: Sequence[Match], out: IO[str], query: Query | None, scheme: str, sources: bool
) -> None:
    from rich.table import Table
    from rich.text import Text

    credits = dict.fromkeys(m.origin for m in found if m.origin and m.origin.is_dictionary)
    caption = "\n".join(f"From {o.attribution}" for o in credits if o) or None
    table = Table(show_edge=False, pad_edge=False, header_style="bold", caption=caption)
    names = ("Chinese", "Pinyin", "English", "Matched", *(("Source",) if sources else ()))
    for name in names:
        table.add_column(name, overflow="fold")
    for m in found:
        cells = [*match_cells(m, query, scheme), Text(matched_label(m), style="dim")]
        if sources:
            mine = m.origin is None or not m.origin.is_dictionary
            cells.append(Text(m.origin.name if m.origin else "", style="green" if mine else ""))
        table.add_row(*cells)
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


def _term_table(t: Term, reading: str, out: IO[str], origin: Origin | None) -> None:
    from rich.table import Table
    from rich.text import Text

    table = Table(show_header=False, show_edge=False, box=None, pad_edge=False)
    table.add_column(style="bold dim", no_wrap=True)
    table.add_column(overflow="fold")
    for name, value in _labelled(t, reading, origin):
        style = {"zh": "bold", "pinyin": "cyan", "en": "green", "from": "yellow"}.get(name, "")
        table.add_row(name, Text(value, style=style))
    _console(out).print(table)


def dictionaries(rows: Sequence[dict[str, Any]], fmt: str, out: IO[str]) -> None:
    """Write the dictionaries in use (``glossary dict list``), top first."""
    if fmt == "json":
        out.write(_json(list(rows), indent=2) + "\n")
        return
    columns = ("name", "kind", "licence", "path")
    if fmt == "plain":
        out.writelines("\t".join(str(row[c]) for c in columns) + "\n" for row in rows)
        return
    from rich.table import Table

    table = Table(show_edge=False, pad_edge=False, header_style="bold")
    for name in ("Name", "Kind", "Licence", "File"):
        table.add_column(name, overflow="fold")
    for row in rows:
        table.add_row(*(str(row[c]) for c in columns))
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


def scanned(
    text: str, spans: Sequence[Span], fmt: str, out: IO[str], sources: bool = False
) -> None:
    """Write what ``scan`` found: the text marked up, counts, JSON spans or a footnoted
    text. With ``sources`` (the dictionary's words glossed too), each word says where it
    comes from, and the dictionaries are credited."""
    from glossary import scan

    readings = {s.term.zh: s.term.pinyin or "" for s in spans}
    if fmt == "json":
        _scanned_json(spans, out, sources)
    elif fmt == "md":
        out.write(scan.footnoted(text, spans, readings))
        out.writelines(f"\n*Glosses from {o.attribution}.*\n" for o in _credits(spans))
    elif fmt == "plain":
        origins = {s.term: s.origin for s in spans}
        for term, count, first in scan.summary(spans):
            cells = [term.zh, str(count), str(first), term.pinyin or "", term.preferred]
            if sources:
                cells.append(source_label(origins[term]) or "yours")
            out.write("\t".join(_one_line(c) for c in cells) + "\n")
    else:
        _scanned_terminal(text, spans, out, sources)


def _credits(spans: Sequence[Span]) -> list[Origin]:
    """Give the dictionaries the spans come from, in order of first appearance."""
    return list(dict.fromkeys(s.origin for s in spans if s.origin and s.origin.is_dictionary))


def _scanned_json(spans: Sequence[Span], out: IO[str], sources: bool) -> None:
    """Write the spans as one ``json.dumps(indent=2)`` of the whole list would, a span at a
    time (a long text holds hundreds of thousands): each value is encoded by the JSON
    module's C encoder, a term's once, and laid out here, where the indenting encoder is
    pure Python and took most of a scan's time. With ``sources``, each span's origin too."""
    from json.encoder import encode_basestring

    quoted: dict[str, str] = {}
    origins: dict[Origin | None, str] = {}

    def text(value: str | None) -> str:
        if value is None:
            return "null"
        got = quoted.get(value)
        if got is None:
            got = quoted[value] = encode_basestring(value)
        return got

    def origin(value: Origin | None) -> str:
        got = origins.get(value)
        if got is None:
            data = origin_data(value) if value else {"kind": "glossary"}
            got = origins[value] = _json(data, indent=2).replace("\n", "\n    ")
        return got

    out.write("[" if spans else "[]\n")
    for n, s in enumerate(spans):
        t = s.term
        tail = f',\n    "origin": {origin(s.origin)}' if sources else ""
        out.write(
            f'{"," if n else ""}\n  {{\n    "start": {s.start},\n    "end": {s.end},'
            f'\n    "text": {text(s.text)},\n    "zh": {text(t.zh)},'
            f'\n    "pinyin": {text(t.pinyin)},\n    "en": {text(t.preferred)}{tail}\n  }}'
        )
    if spans:
        out.write("\n]\n")


def _scanned_terminal(text: str, spans: Sequence[Span], out: IO[str], sources: bool) -> None:
    from rich.table import Table
    from rich.text import Text

    from glossary import scan

    marked = Text(text)
    for s in spans:
        mine = s.origin is None or not s.origin.is_dictionary
        marked.stylize("bold underline cyan" if mine else "underline", s.start, s.end)
    console = _console(out)
    console.print(marked)
    caption = "\n".join(f"From {o.attribution}" for o in _credits(spans)) or None
    table = Table(show_edge=False, pad_edge=False, header_style="bold", caption=caption)
    names = ("Chinese", "Count", "First at", "Pinyin", "English", *(("Source",) * sources))
    for name in names:
        table.add_column(name, overflow="fold")
    origins = {s.term: s.origin for s in spans}
    for term, count, first in scan.summary(spans):
        cells = [term.zh, str(count), str(first), term.pinyin or "", term.preferred]
        if sources:
            origin = origins[term]
            cells.append(origin.name if origin else "yours")
        table.add_row(*cells)
    console.print(table)


def coverage(
    report: Coverage, rows: Sequence[tuple[Term, int, Origin | None]], fmt: str, out: IO[str]
) -> None:
    """Write what ``scan --coverage`` found: the words the glossary misses most, with
    their count, reading and the dictionary's gloss (plain: one a line, the headword
    first, ready for ``glossary add - --from-dict``)."""
    if fmt == "json":
        data = {
            "words": report.words,
            "covered": report.covered,
            "share": round(report.share, 4),
            "distinct": report.distinct,
            "distinct_covered": report.distinct_covered,
            "missing": [
                {"zh": t.zh, "count": n, "pinyin": t.pinyin, "en": t.preferred}
                | ({"origin": origin_data(o)} if o else {})
                for t, n, o in rows
            ],
        }
        out.write(_json(data, indent=2) + "\n")
        return
    if fmt == "plain":
        for t, n, o in rows:
            cells = [t.zh, str(n), t.pinyin or "", t.preferred, source_label(o)]
            out.write("\t".join(_one_line(c) for c in cells) + "\n")
        return
    from rich.table import Table

    credits = dict.fromkeys(o for _, _, o in rows if o)
    caption = "\n".join(f"From {o.attribution}" for o in credits) or None
    title = f"Your glossary covers {100 * report.share:.1f} % of the text's {report.words:,} words"
    table = Table(
        show_edge=False, pad_edge=False, header_style="bold", title=title, caption=caption
    )
    for name in ("Not in your glossary", "Count", "Pinyin", "English"):
        table.add_column(name, overflow="fold")
    for t, n, _ in rows:
        table.add_row(t.zh, str(n), t.pinyin or "", t.preferred)
    _console(out).print(table)
