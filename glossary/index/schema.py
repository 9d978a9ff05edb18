"""The index's tables, as SQLite holds them, and the version of their layout.

An index's English words and keys are kept by part, each part built by one process (see
:mod:`glossary.index.parallel`).
"""

#: The version of the layout below: a cache of another version is rebuilt.
SCHEMA = "9"
#: The rank of a word met only in a term's notes (literal, definition, context).
_NOTES_RANK = 1_000_000
_SCHEMA_SQL = """
PRAGMA journal_mode = OFF;
PRAGMA synchronous = OFF;
CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT) WITHOUT ROWID;
-- What lookups scan, kept narrow so that a scan reads few pages.
CREATE TABLE terms(
    id INTEGER PRIMARY KEY, zh TEXT, trad TEXT, letters TEXT, initials TEXT, ident TEXT,
    tags TEXT);
-- literal, definition and context, for hanzi queries; only terms that have some.
CREATE TABLE notes(id INTEGER PRIMARY KEY, text TEXT);
-- Each term's line, and its entry, read again for the candidates only. Meta "payload"
-- tells how it is kept: "file COLUMNS", where its text is in the glossary file (start
-- and size in bytes); "text COLUMNS", its text as written; "json", its fields as JSON.
CREATE TABLE entries(id INTEGER PRIMARY KEY, line INTEGER, start INTEGER, size INTEGER,
    text TEXT);
-- English words, by part of the index (each built by one process). A part's postings,
-- word after word: each a term holding the word, and its rank there: 0 for a word of a
-- one-word rendering, growing with the rendering's length and place; words met only in
-- notes come after every rendering. (Arrays of unsigned 32-bit integers, read a slice
-- at a time.)
CREATE TABLE parts(part INTEGER PRIMARY KEY, terms BLOB, ranks BLOB);
-- Each part's words, sorted, with where their postings start and stop there: a line
-- each ("army 120 131"), in pages of a few hundred lines, each under its first word.
CREATE TABLE words(part INTEGER, first TEXT, lines TEXT, PRIMARY KEY (part, first))
    WITHOUT ROWID;
-- Each part's keys that lookups search for a substring or a start, a line for each of
-- its terms, in UTF-8: under "hanzi", the headword, a tab and the traditional form; the
-- pinyin "letters"; its "initials". Beside them, where the part's runs of terms numbered
-- one after the other start: line and term, line and term... (unsigned 32-bit integers).
CREATE TABLE keys(part INTEGER, name TEXT, lines BLOB, runs BLOB);
"""


#: The tables each part of an index fills.
_TABLES = ("terms", "notes", "entries", "parts", "words", "keys")
