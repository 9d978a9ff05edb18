"""glossary: a bilingual Chinese–English terminology glossary for the terminal."""

__version__ = "0.1.0"
