"""General dictionaries beneath the user's glossaries, and what they know about words.

Here, each module importing only those above it:

- ``cedict``: CEDICT-format text (CC-CEDICT, HanDeDict, CFDICT) read into entries;
- ``sources``: which dictionaries are in use (CC-CEDICT out of the box, others added),
  where they are listed, and their attribution;
- ``frequency``: how common each word is, cached from a word-frequency list;
- ``store``: a dictionary's search index, built once into the user's cache;
- ``layers``: lookups over the glossaries first and the dictionaries beneath them;
- ``readings``: pinyin for new terms, from dictionary words first;
- ``segment``: a Chinese text cut into words over the glossaries and dictionaries.

Kept light: a lookup imports this package, so nothing here is imported until used.
"""
