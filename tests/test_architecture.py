"""Dependencies point one way, and the search path stays light."""

from __future__ import annotations

import ast
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


#: The index's modules that build one: imported only when an index is rebuilt.
INDEX_BUILDING = {"glossary.index.build", "glossary.index.parallel", "glossary.index.rebuild"}


def test_a_warm_search_imports_nothing_that_builds_the_index(tmp_path: Path) -> None:
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "cache")}
    cold, warm = (_modules_after(SEARCH_SANGU, tmp_path, env) for _ in range(2))
    assert cold >= INDEX_BUILDING  # the cold search built the index with them
    assert not warm & INDEX_BUILDING, warm & INDEX_BUILDING


def _imported_by(module: Path) -> set[str]:
    """Give the glossary modules that ``module`` imports anywhere, lazily too."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(module.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            found.add(node.module)
            found |= {f"{node.module}.{alias.name}" for alias in node.names}
    return {name for name in found if name.startswith("glossary.")}


def test_the_index_modules_import_one_another_one_way() -> None:
    """No module of the index imports one that imports it back, even inside a function."""
    imports = {
        "glossary.index" + ("" if p.stem == "__init__" else f".{p.stem}"): _imported_by(p)
        for p in (PACKAGE / "index").glob("*.py")
    }
    assert len(imports) >= 6
    graph = {name: found & imports.keys() - {name} for name, found in imports.items()}
    taken: set[str] = set()
    while len(taken) < len(graph):  # take the modules that import only modules taken
        ready = {name for name, found in graph.items() if name not in taken and found <= taken}
        assert ready, {name: found - taken for name, found in graph.items() if name not in taken}
        taken |= ready


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


# --- The shape of the package, read from its source ----------------------------------------

MAX_LINES = 600
# What only the command line may do: print, exit, write to the standard streams.
_CLI_ONLY_CALLS = {"print", "exit", "quit", "sys.exit", "os.abort"}
_CLI_ONLY_NAMES = {"sys.stdout", "sys.stderr", "sys.__stdout__", "sys.__stderr__"}
_CLI_ONLY_PACKAGES = {"typer", "rich", "click", "prompt_toolkit"}
# A forked helper of the parallel index build ends with os._exit, so that it runs none of the
# parent's exit handlers; nothing else outside the command line ends the process.
_FORKED_EXIT = "os._exit"


def _modules() -> dict[str, Path]:
    """Give every module of the package by dotted name (a package by its own name)."""
    found = {}
    for path in PACKAGE.rglob("*.py"):
        parts = path.relative_to(PACKAGE).with_suffix("").parts
        name = ".".join(("glossary", *parts)).removesuffix(".__init__")
        found[name] = path
    return found


def _dotted(node: ast.expr) -> str:
    if isinstance(node, ast.Attribute):
        return f"{_dotted(node.value)}.{node.attr}"
    return node.id if isinstance(node, ast.Name) else ""


def _imports(name: str, path: Path, modules: dict[str, Path]) -> set[str]:
    """Give the package's modules that ``name`` imports, at the top or inside a function."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:  # relative: from . import x
                base = ".".join(
                    [*package.split(".")[: len(package.split(".")) - node.level + 1], base]
                ).rstrip(".")
            for alias in node.names:
                found.add(f"{base}.{alias.name}" if f"{base}.{alias.name}" in modules else base)
    return {m for m in found if m in modules and m != name}


def _cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """Give one import cycle of ``graph`` (a path that comes back to its start), or None."""
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    path: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        path.append(node)
        for nxt in sorted(graph[node]):
            if state.get(nxt) == 1:
                return [*path[path.index(nxt) :], nxt]
            if nxt not in state and (found := visit(nxt)):
                return found
        path.pop()
        state[node] = 2
        return None

    for start in sorted(graph):
        if start not in state and (found := visit(start)):
            return found
    return None


def test_no_import_cycle_anywhere_in_the_package() -> None:
    modules = _modules()
    graph = {name: _imports(name, path, modules) for name, path in modules.items()}
    assert sum(map(len, graph.values())) > 50  # the graph was read
    assert _cycle(graph) is None, " -> ".join(_cycle(graph) or [])


def test_the_cycle_finder_finds_a_cycle() -> None:
    assert _cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": set()}) == ["a", "b", "c", "a"]
    assert _cycle({"a": {"b"}, "b": set()}) is None


def test_no_module_is_over_600_lines() -> None:
    long = {
        name: n
        for name, path in _modules().items()
        if (n := len(path.read_text(encoding="utf-8").splitlines())) > MAX_LINES
    }
    assert not long


def _cli_only_uses(path: Path) -> list[str]:
    """Give what ``path`` does that only the command line may: print, exit, touch the
    standard streams or import typer, rich or click (each as "what at line N")."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: list[tuple[int, str]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            called = _dotted(node.func)
            forked_exit = called == _FORKED_EXIT and path.parent.name != "index"
            if called in _CLI_ONLY_CALLS or forked_exit:
                found.append((node.lineno, f"{called}() at line {node.lineno}"))
        elif isinstance(node, ast.Attribute) and _dotted(node) in _CLI_ONLY_NAMES:
            found.append((node.lineno, f"{_dotted(node)} at line {node.lineno}"))
        elif isinstance(node, ast.Import | ast.ImportFrom):
            names = (
                [a.name for a in node.names]
                if isinstance(node, ast.Import)
                else [node.module or ""]
            )
            found += [
                (node.lineno, f"import {n} at line {node.lineno}")
                for n in names
                if n.split(".")[0] in _CLI_ONLY_PACKAGES
            ]
    return [what for _, what in sorted(found)]


def test_the_core_never_prints_exits_or_imports_the_command_line_libraries() -> None:
    core = {
        n: p
        for n, p in _modules().items()
        if not n.startswith("glossary.cli") and n != "glossary.__main__"
    }
    assert "glossary.index" in core and "glossary.termfile.store" in core
    offences = {name: uses for name, path in core.items() if (uses := _cli_only_uses(path))}
    assert not offences


def test_the_core_check_catches_what_it_is_meant_to(tmp_path: Path) -> None:
    sample = tmp_path / "sample.py"
    sample.write_text(
        "import sys\nimport rich.console\n\n\ndef f():\n    print('x')\n    sys.stderr.write('y')\n"
        "    sys.exit(1)\n",
        encoding="utf-8",
    )
    assert _cli_only_uses(sample) == [
        "import rich.console at line 2",
        "print() at line 6",
        "sys.stderr at line 7",
        "sys.exit() at line 8",
    ]


def test_a_warm_search_with_the_dictionary_stays_light(dictionary: Path, tmp_path: Path) -> None:
    """With CC-CEDICT beneath the shipped glossary (its index and the word frequencies
    cached), a lookup still imports no heavy module, nothing that builds an index, and
    neither wordfreq nor the gzip reader of the dictionary's text."""
    env = {**os.environ, "XDG_CACHE_HOME": str(dictionary)}
    env.pop("GLOSSARY_DICT", None)
    env.pop("GLOSSARY_FREQUENCY", None)
    _modules_after(SEARCH_SANGU, tmp_path, env)  # the shipped glossary indexed
    warm = _modules_after(SEARCH_SANGU, tmp_path, env)
    assert "glossary.dictionary.layers" in warm  # the dictionary was looked in
    assert not _top(warm) & {*HEAVY, "wordfreq", "msgpack", "yaml", "typer", "click"}
    assert not warm & {*INDEX_BUILDING, "gzip"}
