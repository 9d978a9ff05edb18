"""The README and docs/ document every command, their examples run, and their links resolve;
the README's quick start is what CI runs."""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest
from typer.main import get_command

from glossary.cli.app import app
from tests.conftest import REPO

README = (REPO / "README.md").read_text(encoding="utf-8")
PAGES = [REPO / "README.md", *sorted((REPO / "docs").glob("*.md"))]
LINKED = [*PAGES, REPO / "bench" / "README.md"]
COMMANDS = sorted(get_command(app).commands)  # type: ignore[attr-defined]


def test_every_command_has_help_and_a_readme_section() -> None:
    group = get_command(app)
    names = sorted(group.commands)  # type: ignore[attr-defined]
    assert names
    for name in names:
        command = group.commands[name]  # type: ignore[attr-defined]
        assert command.help, f"{name} has no help text"
        assert f"### `glossary {name}" in README, f"{name} is not in the README"


def test_quick_start_is_two_commands_and_ci_runs_the_second() -> None:
    section = README.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    blocks = re.findall(r"```sh\n(.*?)```", section, re.S)
    assert len(blocks) == 2
    install, tests = (b.strip() for b in blocks)
    assert "\n" not in install and "glossary search" in install
    assert "\n" not in tests and "pytest" in tests
    ci = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    assert tests in ci.splitlines()


def test_every_exit_code_is_documented() -> None:
    table = README.split("## Errors and exit codes", 1)[1]
    for code in ("0", "1", "2", "3"):
        assert f"| {code} |" in table


# --- docs/ ---------------------------------------------------------------------------------


def test_the_docs_pages_are_there() -> None:
    names = {p.name for p in PAGES}
    for page in ("commands.md", "file-format.md", "robustness.md", "speed.md", "architecture.md"):
        assert page in names, f"docs/{page} is missing"


@pytest.mark.parametrize("name", COMMANDS)
def test_every_command_has_a_heading_in_the_reference(name: str) -> None:
    reference = (REPO / "docs" / "commands.md").read_text(encoding="utf-8")
    heading = re.compile(rf"^#+ `glossary {re.escape(name)}(?=[ `])", re.M)
    assert heading.search(reference), f"docs/commands.md has no heading for {name}"


def _sh_lines(path: Path) -> list[str]:
    """Give the lines of the ```sh blocks of a Markdown file."""
    blocks = re.findall(r"^```sh\n(.*?)^```", path.read_text(encoding="utf-8"), re.S | re.M)
    return [line.strip() for block in blocks for line in block.splitlines()]


# A pipe, a redirection or a chain: the line needs a shell, or files the page only imagines.
_SHELL = re.compile(r"[|<>;&]")
# A placeholder the reader fills in: FILE, QUERY, TERM, ...
_PLACEHOLDER = re.compile(r"^[A-Z][A-Z_]+$")


def _lookup_examples() -> list[tuple[str, list[str]]]:
    """Give every `glossary search` or `show` example of the README and docs/ that runs on
    the shipped glossary as written: (where, arguments)."""
    found = []
    for path in PAGES:
        for line in _sh_lines(path):
            if not line.startswith("glossary ") or _SHELL.search(line.split(" #")[0]):
                continue
            words = shlex.split(line, comments=True)
            if words[1] not in ("search", "show") or any(_PLACEHOLDER.match(w) for w in words):
                continue
            found.append((f"{path.relative_to(REPO)}: {shlex.join(words)}", words[1:]))
    return found


EXAMPLES = _lookup_examples()


def test_the_pages_have_lookup_examples() -> None:
    assert len(EXAMPLES) >= 20
    assert {args[0] for _, args in EXAMPLES} == {"search", "show"}


@pytest.fixture(scope="module")
def shared_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One search cache for every example, so the shipped glossary is indexed once."""
    return tmp_path_factory.mktemp("cache")


@pytest.mark.parametrize(("where", "args"), EXAMPLES, ids=[w for w, _ in EXAMPLES])
def test_lookup_examples_run(where: str, args: list[str], shared_cache: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k != "GLOSSARY_FILE"}
    env["XDG_CACHE_HOME"] = str(shared_cache)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO), env.get("PYTHONPATH")]))
    done = subprocess.run(
        [sys.executable, "-m", "glossary", *args],
        cwd=Path.cwd(),  # an empty folder (conftest): the shipped glossary is used
        env=env,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=60,
        check=False,
    )
    assert done.returncode in (0, 1), f"{where}: exit {done.returncode}\n{done.stderr}"
    assert "Traceback" not in done.stderr, f"{where}:\n{done.stderr}"


def _outside_code(path: Path) -> str:
    """Give the text of a Markdown file without its fenced code blocks."""
    return re.sub(r"^```.*?^```", "", path.read_text(encoding="utf-8"), flags=re.S | re.M)


def _links(path: Path) -> list[str]:
    """Give the targets of the Markdown links of a file, outside code."""
    text = re.sub(r"`[^`\n]*`", "", _outside_code(path))
    return re.findall(r"\]\(([^)\s]+)\)", text)


def _anchors(path: Path) -> set[str]:
    """Give the anchors GitHub makes for the headings of a Markdown file."""
    headings = re.findall(r"^#+ (.+)$", _outside_code(path), re.M)
    return {re.sub(r"[^\w\- ]", "", h.lower()).replace(" ", "-") for h in headings}


@pytest.mark.parametrize("page", LINKED, ids=lambda p: str(p.relative_to(REPO)))
def test_relative_links_point_at_files(page: Path) -> None:
    for target in _links(page):
        if re.match(r"[a-z]+:", target):
            continue  # a web address
        name, _, anchor = target.partition("#")
        file = (page.parent / name).resolve() if name else page
        assert file.exists(), f"{page.relative_to(REPO)} links to {target}, which is not there"
        if anchor and file.suffix == ".md":
            assert anchor in _anchors(file), f"{page.relative_to(REPO)}: no heading for {target}"
