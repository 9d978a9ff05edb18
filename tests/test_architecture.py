"""Dependencies point one way, and the search path stays light."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import glossary

PACKAGE = Path(glossary.__file__).parent
CORE = sorted(
    "glossary." + ".".join(p.relative_to(PACKAGE).with_suffix("").parts).removesuffix(".__init__")
    for p in PACKAGE.rglob("*.py")
    if p.relative_to(PACKAGE).parts[0] not in ("cli", "__main__.py")
)
HEAVY = ("pypinyin", "ruamel", "genanki", "opencc")


# A search as the command line runs it, in the process that imports what it needs.
SEARCH_SANGU = (
    "from glossary.cli.entry import main\n"
    "try:\n"
    "    main(['search', 'sangu'])\n"
    "except SystemExit:\n"
    "    pass\n"
)


def _modules_after(code: str, cwd: Path, env: dict[str, str] | None = None) -> set[str]:
    """Give every module loaded once ``code`` has run in a fresh interpreter."""
    script = f"import sys, json\n{code}\nprint(json.dumps(sorted(sys.modules)))"
    out = subprocess.run(
        [sys.executable, "-c", script],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    ).stdout
    return set(json.loads(out.splitlines()[-1]))


def _top(modules: set[str]) -> set[str]:
    return {m.split(".")[0] for m in modules}


def test_core_imports_neither_typer_nor_rich(tmp_path: Path) -> None:
    assert len(CORE) >= 6
    imports = "\n".join(f"import {m}" for m in CORE)
    loaded = _top(_modules_after(imports, tmp_path))
    assert "typer" not in loaded
    assert "rich" not in loaded
    assert "click" not in loaded


def test_search_on_the_shipped_glossary_loads_no_heavy_module(tmp_path: Path) -> None:
    loaded = _top(_modules_after(SEARCH_SANGU, tmp_path))
    assert "glossary" in loaded
    assert not loaded & set(HEAVY), loaded & set(HEAVY)
    assert "rich" not in loaded  # piped: plain text, no table
    assert not loaded & {"typer", "click", "pydantic"}  # a plain search skips the framework
    # Nor what would take a tenth of its time to import, for records it can write plainly.
    assert not loaded & {"dataclasses", "inspect", "difflib"}


def test_show_loads_no_heavy_module(tmp_path: Path) -> None:
    code = "from glossary.cli.app import app\napp(['show', '三股势力'], standalone_mode=False)\n"
    assert not _top(_modules_after(code, tmp_path)) & set(HEAVY)


def test_a_warm_search_reads_no_yaml(tmp_path: Path) -> None:
    """Once the index is cached, a lookup needs no YAML parser; a plainly written glossary
    (as the shipped one is) needs none even to build the index."""
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "cache")}
    cold, warm = (_top(_modules_after(SEARCH_SANGU, tmp_path, env)) for _ in range(2))
    assert "glossary" in cold
    assert "yaml" not in cold | warm
    assert not warm & set(HEAVY)
    # A block scalar: the quick reader declines the file, and the full loader reads it, once.
    (tmp_path / "terms.yaml").write_text(
        "terms:\n  - zh: 三股势力\n    en: [three evil forces]\n    context: |\n      two\n"
        "      lines\n",
        encoding="utf-8",
    )
    code = SEARCH_SANGU.replace("['search',", "['-g', 'terms.yaml', 'search',")
    cold, warm = (_top(_modules_after(code, tmp_path, env)) for _ in range(2))
    assert "yaml" in cold
    assert "yaml" not in warm


def test_a_plain_scan_skips_the_framework_too(tmp_path: Path) -> None:
    (tmp_path / "news.txt").write_text("中俄双方共同打击三股势力。", encoding="utf-8")
    code = (
        "from glossary.cli.entry import main\n"
        "try:\n"
        "    main(['scan', 'news.txt', '-f', 'plain'])\n"
        "except SystemExit:\n"
        "    pass\n"
    )
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "cache")}
    cold, warm = (_top(_modules_after(code, tmp_path, env)) for _ in range(2))
    assert "glossary" in warm
    assert not (cold | warm) & {"typer", "click", "pydantic"}
    assert not warm & {"yaml", *HEAVY} - {"opencc"}  # OpenCC folds the text's hanzi
