"""The README documents every command, and its quick start is what CI runs."""

from __future__ import annotations

import re

from typer.main import get_command

from glossary.cli.app import app
from tests.conftest import REPO

README = (REPO / "README.md").read_text(encoding="utf-8")


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
