"""``validate --summary`` counts findings by rule; ``--limit`` caps what is printed; the
exit code and the closing count are those of the whole check either way."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from typer.testing import Result

TEXT = """terms:
  - zh: 三股势力
    pinyin: sān gǔ
    en: three evil forces
  - zh: 势力
    pinyin: shì
    en: three evil forces
  - zh: 股
    en: [share]
    see: [没有]
"""


def test_summary_counts_each_rule(run: Callable[..., Result], write: Callable[..., Path]) -> None:
    write("terms.yaml", TEXT)
    full = run("validate")
    summed = run("validate", "--summary")
    assert summed.exit_code == full.exit_code == 0
    lines = full.stdout.splitlines()
    assert len(lines) == 4
    assert summed.stdout.splitlines() == [
        "       2  warning: syllables",
        "       1  warning: see",
        "       1  warning: shared-preferred",
    ]
    rows = json.loads(run("validate", "--summary", "-f", "json").stdout)
    assert sum(r["count"] for r in rows) == len(lines)


def test_limit_caps_the_findings_shown(
    run: Callable[..., Result], write: Callable[..., Path]
) -> None:
    write("terms.yaml", TEXT)
    full = run("validate").stdout.splitlines()
    limited = run("validate", "--limit", "1")
    assert limited.stdout.splitlines() == full[:1]
    assert "showing 1 of 4 findings" in limited.stderr and "4 warnings" in limited.stderr
    assert run("validate", "--strict", "--limit", "0").exit_code == 1
