"""The glossary file itself: reading it, locating its problems, and changing it safely.

- :mod:`~glossary.termfile.store`: the loader that reads any glossary and locates every
  problem (file:line:col).
- :mod:`~glossary.termfile.layout`: where the ``terms:`` list and each entry lie in the
  text, for the quick reader and the editor alike.
- :mod:`~glossary.termfile.quickyaml`: a fast reader for plainly written glossaries, used
  to build the search index; it declines anything else.
- :mod:`~glossary.termfile.fastload`: whole glossaries by the quick reader where it reads
  them, else by the locating loader (exports, ``validate``).
- :mod:`~glossary.termfile.yamltext`: YAML text for new entries and new files.
- :mod:`~glossary.termfile.edit`: surgical splices of an entry's lines.
- :mod:`~glossary.termfile.changes`: add, change, remove and merge terms, checked.
- :mod:`~glossary.termfile.safewrite`: lock, temporary file, atomic rename.
"""
