"""CSV and TSV: a header row of the schema's field names, then one row per term.

What these write is exactly what ``glossary import csv`` / ``import tsv`` read back
(see :mod:`glossary.importers.tabular`): every field of the schema in schema order, a list
field's items joined with ``|``, an empty field an empty cell. Cells are quoted the usual
CSV way where needed, in TSV too: a cell holding a tab, a line break or a double quote is
written in double quotes, with quotes inside doubled. Spreadsheets and the importer read
that back exactly; tools that split lines on tabs (``cut``) do not, so keep such text out
of a TSV meant for them. Lines end with ``\\n``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from glossary.exporters import ExportOptions
from glossary.model import LIST_FIELDS, TERM_FIELDS, Term

BINARY = False
#: What separates the items of a list field; the importer splits on it.
LIST_SEPARATOR = "|"


def export_csv(terms: Sequence[Term], options: ExportOptions) -> str:
    """Give ``terms`` as comma-separated text with a header row.

    >>> print(export_csv([Term(zh="背靠背", en=("back to back", "back-to-back"))],
    ...                  ExportOptions()), end="")
    zh,traditional,pinyin,en,avoid,literal,definition,context,source,url,tags,see,id
    背靠背,,,back to back|back-to-back,,,,,,,,,
    """
    return _table(terms, ",")


def export_tsv(terms: Sequence[Term], options: ExportOptions) -> str:
    """Give ``terms`` as tab-separated text with a header row."""
    return _table(terms, "\t")


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


def _table(terms: Sequence[Term], delimiter: str) -> str:
    rows = [list(TERM_FIELDS), *(row(t) for t in terms)]
    return "".join(delimiter.join(quote(c, delimiter) for c in cells) + "\n" for cells in rows)
