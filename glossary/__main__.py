"""Run the command line as ``python -m glossary``."""

from glossary.cli import app

app(prog_name="glossary")
