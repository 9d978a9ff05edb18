"""CSV and TSV: a header row of the schema's field names, then one row per term.

What these write is exactly what ``glossary import csv`` / ``import tsv`` read back
(see :mod:`glossary.importers.tabular`): every field of the schema in schema order, a list
field's items joined with ``|``, an empty field an empty cell. Cells are quoted the usual
CSV way where needed, in TSV too: a cell holding a tab, a line break or a double quote is
written in double quotes, with quotes inside doubled. Spreadsheets and the importer read
that back exactly; tools that split lines on tabs (``cut``) do not, so keep such text out
of a TSV meant for them. Lines end with ``\\n``.

A spreadsheet runs a cell that starts like a formula (``=HYPERLINK(...)`` opens a link,
others fetch data or worse), so such cells are written neutralised (:func:`neutral`): with
a leading ``'``, as OWASP advises. The importer takes exactly that quote off again
(:func:`restored`), so a round trip gives back what was stored. ``--raw`` writes the
cells as stored, for programs that need the bytes.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from glossary.exporters import ExportOptions, Option
from glossary.model import LIST_FIELDS, TERM_FIELDS, Term

BINARY = False
#: What separates the items of a list field; the importer splits on it.
LIST_SEPARATOR = "|"
OPTIONS = (
    Option(
        "raw",
        "Write cells as stored: no ' before a cell that a spreadsheet would run as a formula.",
        "",
        default=False,
        kind=bool,
    ),
)
#: What a spreadsheet takes as the start of a formula (OWASP's =, +, -, @, tab and CR,
#: and their full-width forms, which some spreadsheets read alike).
_FORMULA_START = "=+\\-@\t\r\uff1d\uff0b\uff0d\uff20"
#: A cell to neutralise: a formula start, after any number of quotes (one more quote
#: keeps a stored "'=x" apart from a neutralised "=x").
_RUNNABLE = re.compile(f"'*[{_FORMULA_START}]")
#: A neutralised cell: what ``_RUNNABLE`` matched, after the quote added.
_NEUTRALISED = re.compile(f"'+[{_FORMULA_START}]")


def neutral(cell: str) -> str:
    """Give ``cell`` as a spreadsheet will show it as text: with a ``'`` before it when it
    starts like a formula, or with quotes and then so.

    >>> neutral("=HYPERLINK(1)"), neutral("-ism"), neutral("'=x"), neutral("a=b")
    ("'=HYPERLINK(1)", "'-ism", "''=x", 'a=b')
    """
    return "'" + cell if _RUNNABLE.match(cell) else cell


def restored(cell: str) -> str:
    """Give the cell :func:`neutral` was given: one quote off a neutralised cell.

    >>> [restored(neutral(c)) for c in ("=1+1", "'=x", "''@y", "'plain", "-")]
    ['=1+1', "'=x", "''@y", "'plain", '-']
    """
    return cell[1:] if _NEUTRALISED.match(cell) else cell


def export_csv(terms: Sequence[Term], options: ExportOptions) -> str:
    """Give ``terms`` as comma-separated text with a header row.

    >>> print(export_csv([Term(zh="背靠背", en=("back to back", "back-to-back"))],
    ...                  ExportOptions()), end="")
    zh,traditional,pinyin,en,avoid,literal,definition,context,source,url,tags,see,id
    背靠背,,,back to back|back-to-back,,,,,,,,,
    """
    return _table(terms, ",", options.raw)


def export_tsv(terms: Sequence[Term], options: ExportOptions) -> str:
    """Give ``terms`` as tab-separated text with a header row."""
    return _table(terms, "\t", options.raw)


#: Format name -> export function; both formats live in this module.
FORMATS: dict[str, Callable[[Sequence[Term], ExportOptions], str]] = {
    "csv": export_csv,
    "tsv": export_tsv,
}


def row(term: Term) -> list[str]:
    """Give the cells of one term, in schema order.

    >>> row(Term(zh="三股势力", en=("three evil forces", "three forces"), tags=("sco",)))[:5]
    ['三股势力', '', '', 'three evil forces|three forces', '']
    """
    cells: list[str] = []
    for name in TERM_FIELDS:
        value = getattr(term, name)
        if name in LIST_FIELDS:
            cells.append(LIST_SEPARATOR.join(value))
        else:
            cells.append(value or "")
    return cells


def quote(cell: str, delimiter: str) -> str:
    r"""Give a cell as written in the table: in double quotes when it needs them.

    >>> quote('the "three evils" here', ","), quote("a, b", "\t"), quote("a\tb", "\t")
    ('"the ""three evils"" here"', 'a, b', '"a\tb"')
    """
    # Python's csv writer leaves a lone \r unquoted when lines end with \n, and the
    # importer would then end the row there; so the quoting is done here.
    if any(c in cell for c in (delimiter, '"', "\n", "\r")):
        return '"' + cell.replace('"', '""') + '"'
    return cell


def _table(terms: Sequence[Term], delimiter: str, raw: bool) -> str:
    rows = [list(TERM_FIELDS), *(row(t) for t in terms)]
    safe = (lambda cell: cell) if raw else neutral
    return "".join(
        delimiter.join(quote(safe(c), delimiter) for c in cells) + "\n" for cells in rows
    )
