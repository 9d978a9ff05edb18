"""Run the command line as ``python -m glossary``."""

from glossary.lookup import main

main()
