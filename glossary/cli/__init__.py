"""The command line: the only part of the package that prints, exits, or imports typer or rich.

- :mod:`~glossary.cli.entry`: the ``glossary`` console entry; a plain search or scan runs
  there without Typer, everything else goes to the Typer app.
- :mod:`~glossary.cli.boundary`: the one error boundary, shared by both routes.
- :mod:`~glossary.cli.runners`: the search and scan that both routes run.
- :mod:`~glossary.cli.streams`: stdin, stdout and stderr as the commands use them.
- :mod:`~glossary.cli.base`: the Typer app, its shared options and state.
- :mod:`~glossary.cli.reading`, :mod:`~glossary.cli.writing`,
  :mod:`~glossary.cli.exporting`: the commands, grouped by what they do.
- :mod:`~glossary.cli.app`: the app with every command registered.
- :mod:`~glossary.cli.render`: tables, plain text, JSON and Markdown output.

This module imports nothing, so that the fast path loads only what it uses.
"""
