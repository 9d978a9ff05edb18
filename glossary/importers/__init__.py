"""Import parsers: turn CSV, TSV, JSON Lines or CC-CEDICT text into terms, locating every problem.

Each parser takes the text and the name to show in messages and gives an
:class:`ImportResult`; none raises for bad content and none prints. Parsers are looked up
by format name in :data:`IMPORTERS`, usually through :func:`parse`.
"""

from __future__ import annotations

from glossary.errors import UsageError
from glossary.importers.cedict import parse_cedict
from glossary.importers.jsonfile import parse_json
from glossary.importers.jsonl import parse_jsonl
from glossary.importers.pleco import parse_pleco
from glossary.importers.records import ImportResult, Parser, lines
from glossary.importers.tabular import parse_csv, parse_tsv
from glossary.importers.tbx import parse_tbx

__all__ = ["IMPORTERS", "ImportResult", "Parser", "parse"]


def parse(
    fmt: str, text: str, shown: str, *, strict: bool = False, raw: bool = False
) -> ImportResult:
    """Give the terms and problems of ``text`` read as ``fmt``; with ``strict``, only the
    terms before the first problem, and that problem alone. With ``raw`` (CSV and TSV),
    cells are taken as they are, the quote that neutralises a formula left on.

    Raise :class:`UsageError` when ``fmt`` is not a known format.
    """
    try:
        parser = IMPORTERS[fmt]
    except KeyError:
        known = ", ".join(IMPORTERS)
        raise UsageError(f"unknown import format {fmt!r}", hint=f"use one of: {known}") from None
    if raw:
        if fmt not in RAW_IMPORTERS:
            raise UsageError(f"--raw is for csv and tsv, not {fmt}", hint="leave it out")
        parser = RAW_IMPORTERS[fmt]
    result = parser(text, shown)
    if not strict or not result.problems:
        return result
    return _until_first_problem(parser, text, shown, result)


def _until_first_problem(
    parser: Parser, text: str, shown: str, result: ImportResult
) -> ImportResult:
    """Give ``result`` cut at its first problem, as if the input had ended there."""
    first = min(result.problems, key=lambda p: (p.where.line, p.where.col))
    # Parse again what comes before the problem, so that nothing after it (a CC-CEDICT
    # reading merged into an earlier entry, say) leaks into the terms kept.
    before = "".join(lines(text)[: first.where.line - 1])
    again = parser(before, shown) if before else ImportResult((), ())
    # A record spanning several lines may be cut in two; keep only entries that were
    # sound in the whole input as well.
    sound = {t.location for t in result.terms if t.location and t.location.line < first.where.line}
    terms = tuple(t for t in again.terms if t.location in sound)
    return ImportResult(terms, (first,), again.merged)


#: Every import format, by the name the command line uses.
IMPORTERS: dict[str, Parser] = {
    "csv": parse_csv,
    "tsv": parse_tsv,
    "json": parse_json,
    "jsonl": parse_jsonl,
    "pleco": parse_pleco,
    "tbx": parse_tbx,
    "cedict": parse_cedict,
}
#: The formats whose cells an export neutralises, read with the cells as they are.
RAW_IMPORTERS: dict[str, Parser] = {
    "csv": lambda text, shown: parse_csv(text, shown, raw=True),
    "tsv": lambda text, shown: parse_tsv(text, shown, raw=True),
}
