"""One lint finding, the kind that ``validate`` (of a glossary) and ``check`` (of a draft)
both give: where, how bad, what, and the fix where there is one."""

from __future__ import annotations

from typing import Any, NamedTuple

from glossary.errors import Location

ERROR = "error"
WARNING = "warning"


class Finding(NamedTuple):
    """One problem found in a file.

    ``code`` names the rule of a check (GL001...) and ``rule`` its name; a glossary's
    findings have neither and are told by ``severity``. ``start`` and ``end`` are offsets
    into the text checked, where the ``fix`` (a replacement for that stretch) goes. A
    check's finding also names its ``term`` (the headword), the offending ``text``, and in
    a bilingual file the ``unit`` (its id, or its row).
    """

    where: Location
    severity: str
    message: str
    code: str = ""
    fix: str | None = None
    start: int = 0
    end: int = 0
    rule: str = ""
    term: str = ""
    text: str = ""
    unit: str = ""

    @property
    def line(self) -> int:
        """Give the 1-based line."""
        return self.where.line

    @property
    def col(self) -> int:
        """Give the 1-based column."""
        return self.where.col

    def __str__(self) -> str:
        """Give the finding as a linter's line: ``FILE:LINE:COL: CODE message``, or
        ``FILE:LINE:COL: severity: message`` for a finding without a code.

        >>> str(Finding(Location("terms.yaml", 4, 13), WARNING, "no pinyin"))
        'terms.yaml:4:13: warning: no pinyin'
        >>> str(Finding(Location("draft.md", 3, 30), WARNING, "avoid it", "GL001"))
        'draft.md:3:30: GL001 avoid it'
        """
        if self.code:
            return f"{self.where}: {self.code} {self.message}"
        return f"{self.where}: {self.severity}: {self.message}"

    def data(self) -> dict[str, Any]:
        """Give the finding as JSON data: file, line, col, then for a check's finding its
        code (the rule's id), rule, term, text, message and fix, and its unit in a
        bilingual file; for a glossary's finding, severity and message."""
        where: dict[str, Any] = {"file": self.where.path, "line": self.line, "col": self.col}
        if not self.code:
            return {**where, "severity": self.severity, "message": self.message}
        found = {
            **where,
            "code": self.code,
            "rule": self.rule or self.code,
            "term": self.term,
            "text": self.text,
            "message": self.message,
            "fix": self.fix,
        }
        return {**found, "unit": self.unit} if self.unit else found
