"""The ``glossary`` Typer app with every command registered on it."""

# Importing a command module registers its commands on the app.
from glossary.cli import browsing, exporting, reading, watching, writing  # noqa: F401
from glossary.cli.base import app

__all__ = ["app"]
