"""Run the command line as ``python -m glossary``."""

from glossary.cli.entry import main

main()
