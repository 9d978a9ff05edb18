"""CSV and TSV: a header row naming the columns, then one entry per row.

The header names every column after a field of the schema (``zh``, ``traditional``,
``pinyin``, ``en``, ``avoid``, ``literal``, ``definition``, ``context``, ``source``, ``url``,
``tags``, ``see``, ``id``); case and surrounding spaces do not matter. A column the header
cannot name stops the whole import, so that a misspelt ``defintion`` never drops data
silently; ``zh`` and ``en`` columns are required.

Cells follow the usual CSV quoting: a quoted cell may hold the delimiter, line breaks and
quotes written twice (``""``). TSV is read the same way with a tab as the delimiter. A list
field (``en``, ``avoid``, ``tags``, ``see``) holds its items separated by ``|``, so a literal
``|`` cannot appear inside a list item. A row with fewer cells than the header leaves the
rest empty; blank rows are skipped. Every problem names the line where its record starts,
or the line and column of the cell at fault.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from dataclasses import dataclass

from glossary.errors import Location, did_you_mean
from glossary.exporters.tabular import restored
from glossary.importers.records import Collector, ImportResult, RawValue, lines
from glossary.model import LIST_FIELDS, REQUIRED_FIELDS, TERM_FIELDS
from glossary.pinyin import has_hanzi

_LIST_SEPARATOR = "|"
_NAMES = {",": "CSV", "\t": "TSV"}
_WIDE_HINTS = {
    ",": 'quote a cell that holds a comma, like "three evil forces, three forces"',
    "\t": "quote a cell that holds a tab, or remove the extra tab",
}
_UNCLOSED_HINT = 'end the quoted cell with a quote ("); a quote inside a cell is written twice'
_UNREADABLE_HINT = "a quote opened and never closed turns the rest of the file into one cell"
_EMPTY_HINT = "start it with a header row naming the columns, like 'zh,pinyin,en'"


def parse_csv(text: str, shown: str, *, raw: bool = False) -> ImportResult:
    """Give the terms and problems of comma-separated ``text``; with ``raw``, cells as they
    are, else with the quote an export puts before a formula-like cell taken off.

    >>> parse_csv('zh,en\\n背靠背,"back to back|back-to-back"\\n', "terms.csv").terms[0].en
    ('back to back', 'back-to-back')
    """
    return _parse(text, shown, ",", raw)


def parse_tsv(text: str, shown: str, *, raw: bool = False) -> ImportResult:
    """Give the terms and problems of tab-separated ``text`` (``raw``: see parse_csv).

    >>> parse_tsv("zh\\ten\\n特殊友军\\tspecial friendly armies\\n", "terms.tsv").terms[0].zh
    '特殊友军'
    """
    return _parse(text, shown, "\t", raw)


@dataclass(frozen=True)
class _Row:
    """One record of the table and where it lies."""

    cells: list[str]
    line: int  # the physical line it starts on
    raw: list[str]  # the physical lines it takes
    last: bool  # whether it runs to the end of the input
    error: str | None = None  # why csv could not read it

    def places(self, delimiter: str) -> tuple[list[tuple[int, int]], tuple[int, int] | None]:
        """Give the (line, column) where each cell starts, and where a quote opens a cell
        that is never closed (``None`` when every quoted cell is closed)."""
        return _scan(self.raw, self.line, delimiter)


def _parse(text: str, shown: str, delimiter: str, raw: bool) -> ImportResult:
    """Give the terms and problems of a delimited table."""
    out = Collector(shown)
    rows = (r for r in _rows(lines(text), delimiter) if r.error or any(map(str.strip, r.cells)))
    header = next(rows, None)
    if header is None:
        out.problem(out.at(1), "the file is empty", _EMPTY_HINT)
        return out.result()
    columns = _columns(header, delimiter, out)
    if columns is None:
        return out.result()
    for row in rows:
        if row.error:
            message = f"this row cannot be read as {_NAMES[delimiter]}: {row.error}"
            out.problem(out.at(row.line), message, _UNREADABLE_HINT)
            break
        _entry(row, columns, delimiter, out, raw)
    return out.result()


def _rows(physical: list[str], delimiter: str) -> Iterator[_Row]:
    """Give every record with the line it starts on; one csv cannot read ends the table."""
    reader = csv.reader(physical, delimiter=delimiter)
    done = 0  # csv's line_num counts the lines read so far, so a record starts after it
    while True:
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            yield _Row([], done + 1, physical[done : reader.line_num], True, str(exc))
            return
        end = reader.line_num
        yield _Row(cells, done + 1, physical[done:end], end == len(physical))
        done = end


def _columns(header: _Row, delimiter: str, out: Collector) -> list[str] | None:
    """Give the field each column holds, or ``None`` after recording why the header won't do."""
    if header.error:
        message = f"the header cannot be read: {header.error}"
        out.problem(out.at(header.line), message, _UNREADABLE_HINT)
        return None
    names = [cell.strip().lower() for cell in header.cells]
    starts, unclosed = header.places(delimiter)
    if unclosed:
        out.problem(out.at(*unclosed), "a quoted cell is never closed", _UNCLOSED_HINT)
        return None
    if not set(names) & set(TERM_FIELDS) and any(map(has_hanzi, header.cells)):
        hint = "add a first row naming the columns, like 'zh,pinyin,en'"
        out.problem(out.at(header.line), "the first row looks like an entry, not a header", hint)
        return None
    before = len(out.problems)
    _unknown_columns(header, names, starts, out)
    _repeated_columns(names, starts, out)
    missing = [name for name in REQUIRED_FIELDS if name not in names]
    if missing:
        message = "the header has no " + " and no ".join(repr(m) for m in missing) + " column"
        out.problem(out.at(header.line), message, "every entry needs a zh and an en column")
    if len(out.problems) == before:
        return names
    out.problems[before:] = sorted(out.problems[before:], key=lambda p: (p.where.line, p.where.col))
    return None


def _unknown_columns(
    header: _Row, names: list[str], starts: list[tuple[int, int]], out: Collector
) -> None:
    """Record one problem naming every column the header cannot name."""
    for index, name in enumerate(names):
        if not name:
            message = f"column {index + 1} of the header has no name"
            out.problem(out.at(*starts[index]), message, "name it after a field, or delete it")
    unknown = [i for i, name in enumerate(names) if name and name not in TERM_FIELDS]
    if not unknown:
        return
    shown = [header.cells[i].strip() for i in unknown]
    hints = [did_you_mean(names[i], TERM_FIELDS, "columns") for i in unknown]
    if len(unknown) == 1:
        message, hint = f"unknown column {shown[0]!r}", hints[0]
    else:
        message = "unknown columns " + ", ".join(repr(s) for s in shown)
        hint = "; ".join(f"{s!r}: {h}" for s, h in zip(shown, hints, strict=True))
    out.problem(out.at(*starts[unknown[0]]), message, hint)


def _repeated_columns(names: list[str], starts: list[tuple[int, int]], out: Collector) -> None:
    """Record a problem for every column that names a field named before."""
    first: dict[str, int] = {}
    for index, name in enumerate(names):
        if name in first and name in TERM_FIELDS:
            message = f"the header names {name!r} twice (columns {first[name] + 1} and {index + 1})"
            out.problem(out.at(*starts[index]), message, "merge the two columns or remove one")
        first.setdefault(name, index)


def _entry(row: _Row, columns: list[str], delimiter: str, out: Collector, raw: bool) -> None:
    """Keep the row as a term, or record why it cannot be one."""
    unclosed = row.places(delimiter)[1] if row.last else None  # only the last can run on
    if unclosed:
        out.problem(out.at(*unclosed), "a quoted cell is never closed", _UNCLOSED_HINT)
        return
    if len(row.cells) > len(columns):
        extra = row.places(delimiter)[0][len(columns)]
        message = f"this row has {len(row.cells)} cells but the header names {len(columns)}"
        out.problem(out.at(*extra), message, _WIDE_HINTS[delimiter])
        return
    cells = row.cells if raw else [restored(cell) for cell in row.cells]
    values: dict[str, RawValue] = {
        name: cell.split(_LIST_SEPARATOR) if name in LIST_FIELDS else cell
        for name, cell in zip(columns, cells, strict=False)  # a short row: the rest is empty
    }

    def locate(name: str) -> Location:
        index = columns.index(name)
        if index >= len(row.cells):
            return out.at(row.line)
        return out.at(*row.places(delimiter)[0][index])

    out.add(values, out.at(row.line), locate)


_START, _PLAIN, _QUOTED, _QUOTE = range(4)  # where the scan is within a cell


def _scan(
    raw: list[str], first_line: int, delimiter: str
) -> tuple[list[tuple[int, int]], tuple[int, int] | None]:
    """Give where each cell of a record starts and where an unclosed quoted cell opens.

    Follows the csv module's default dialect: a quote opens a quoted cell only as the
    cell's first character, and a quote inside one is written twice.

    >>> _scan(['a,"b,""c"\\n', 'd",e\\n'], 3, ",")
    ([(3, 1), (3, 3), (4, 4)], None)
    >>> _scan(['a,"b\\n'], 1, ",")
    ([(1, 1), (1, 3)], (1, 3))
    """
    starts = [(first_line, 1)]
    state, opened = _START, (first_line, 1)
    for number, text in enumerate(raw, first_line):
        for col, char in enumerate(text, 1):
            if state == _QUOTED:
                state = _QUOTE if char == '"' else _QUOTED
            elif state == _QUOTE and char == '"':
                state = _QUOTED
            elif char == delimiter:
                starts.append((number, col + 1))
                state = _START
            elif state == _START and char == '"':
                state, opened = _QUOTED, (number, col)
            elif char not in "\r\n":
                state = _PLAIN
    return starts, opened if state == _QUOTED else None
