"""Coverage-guided fuzzing of the query with atheris (an optional tool: pip install atheris).

    python tests/fuzz/fuzz_query.py -max_total_time=600 tests/fuzz/corpus/query

libFuzzer's options follow the script (-timeout=SECONDS, -runs=N, -jobs=N, ...); folders
after them are corpora (the first one also receives the new inputs found). A crashing
input is written to ./crash-*: keep it under tests/fuzz/regressions/query/, where
tests/test_fuzz_regressions.py replays it. What is checked: tests/fuzz/checks.py.
"""

from __future__ import annotations

import sys
from pathlib import Path

import atheris

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

with atheris.instrument_imports(include=["glossary"]):
    import glossary.hanzi  # noqa: F401  (imported lazily by the package: instrument it)
    from tests.fuzz.checks import check_query


def main() -> None:
    """Fuzz :func:`check_query` until libFuzzer's limits stop it."""
    atheris.Setup(sys.argv, check_query)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
