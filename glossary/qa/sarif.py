"""Findings as a SARIF 2.1.0 log (OASIS Static Analysis Results Interchange Format), the
form code-review tools read to show findings beside the lines they are on.

One run, its tool ``glossary`` with the rules of check; a result a finding, located by
line and column counted in code points (the run's ``columnKind``), its fix as a
replacement of the offending text. tests/test_check_output.py validates the log against the
OASIS schema.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any
from urllib.parse import quote

from glossary import __version__
from glossary.lint import Finding
from glossary.qa.rules import RULES

SCHEMA = (
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
)


def log(findings: Sequence[Finding]) -> dict[str, Any]:
    """Give the SARIF log of ``findings``.

    >>> from glossary.errors import Location
    >>> f = Finding(Location("d.md", 2, 5), "warning", "avoid", "GL001", "x", 0, 3,
    ...             "avoid-rendering", "三股势力", "abc")
    >>> result = log([f])["runs"][0]["results"][0]
    >>> result["ruleId"], result["locations"][0]["physicalLocation"]["region"]["endColumn"]
    ('GL001', 8)
    """
    codes = list(RULES)
    rules = [
        {
            "id": rule.code,
            "name": rule.name,
            "shortDescription": {"text": rule.summary},
            "defaultConfiguration": {"level": "warning"},
        }
        for rule in RULES.values()
    ]
    return {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {"driver": {"name": "glossary", "version": __version__, "rules": rules}},
                "columnKind": "unicodeCodePoints",
                "results": [_result(f, codes) for f in findings],
            }
        ],
    }


def _result(finding: Finding, codes: list[str]) -> dict[str, Any]:
    location = {"uri": _uri(finding.where.path)}
    region = _region(finding)
    result: dict[str, Any] = {
        "ruleId": finding.code,
        "level": "warning",
        "message": {"text": finding.message},
        "locations": [{"physicalLocation": {"artifactLocation": location, "region": region}}],
        "properties": {"term": finding.term, **({"unit": finding.unit} if finding.unit else {})},
    }
    if finding.code in codes:
        result["ruleIndex"] = codes.index(finding.code)
    if finding.fix is not None:
        result["fixes"] = [
            {
                "description": {"text": f'Write "{finding.fix}"'},
                "artifactChanges": [
                    {
                        "artifactLocation": location,
                        "replacements": [
                            {"deletedRegion": region, "insertedContent": {"text": finding.fix}}
                        ],
                    }
                ],
            }
        ]
    return result


def _region(finding: Finding) -> dict[str, Any]:
    """Give the region of the offending text: where it starts, and the column after it."""
    said = finding.text
    breaks = said.count("\n")
    end_col = len(said) - said.rfind("\n") if breaks else finding.col + len(said)
    return {
        "startLine": finding.line,
        "startColumn": finding.col,
        "endLine": finding.line + breaks,
        "endColumn": end_col,
        "snippet": {"text": said},
    }


def _uri(path: str) -> str:
    """Give a file's URI reference: relative as shown, or a file URI for an absolute path."""
    if Path(path).is_absolute():
        return Path(path).as_uri()
    return quote(path.replace("\\", "/"), safe="/")
