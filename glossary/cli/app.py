"""The ``glossary`` Typer app with every command registered on it."""

# Importing a command module registers its commands on the app.
from glossary.cli import (  # noqa: F401
    browsing,
    dictionaries,
    exporting,
    reading,
    watching,
    writing,
)
from glossary.cli.base import app

__all__ = ["app"]
