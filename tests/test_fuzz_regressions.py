"""Every input the fuzz targets (tests/fuzz/) ever crashed on, replayed through the same check.

A crashing input libFuzzer writes (``crash-*``) is kept under
``tests/fuzz/regressions/<target>/`` once the bug is fixed; each file there is one case.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from tests.fuzz.checks import check_loader, check_query

FOLDER = Path(__file__).parent / "fuzz" / "regressions"
CHECKS: dict[str, Callable[[bytes], None]] = {"loader": check_loader, "query": check_query}
CASES = sorted(p for target in CHECKS for p in (FOLDER / target).glob("*") if p.is_file())


def test_every_target_has_a_regression_folder() -> None:
    assert sorted(p.name for p in FOLDER.iterdir() if p.is_dir()) == sorted(CHECKS)


@pytest.mark.parametrize("case", CASES, ids=[f"{p.parent.name}/{p.name}" for p in CASES])
def test_a_kept_crash_is_handled(case: Path) -> None:
    CHECKS[case.parent.name](case.read_bytes())


@pytest.mark.parametrize("target", sorted(CHECKS))
def test_the_seed_corpus_passes(target: str) -> None:
    for seed in sorted((FOLDER.parent / "corpus" / target).iterdir()):
        CHECKS[target](seed.read_bytes())
