"""The ``glossary`` Typer app with every command registered on it."""

from glossary.cli import dictionaries, exporting, reading, writing  # noqa: F401  (each registers its commands)
from glossary.cli.base import app

__all__ = ["app"]
