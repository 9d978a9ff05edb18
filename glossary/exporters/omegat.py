"""OmegaT glossary: tab-separated lines of source term, target term and comment.

One line per acceptable rendering, preferred first: every ``en`` of a term, never an
``avoid``. The comment is the pinyin (generated when the term stores none) and the
definition, joined by `` — ``. No field holds a tab or a line break (every run of
whitespace becomes one space), so each line is one entry.

Save the file as UTF-8 with the extension ``.utf8`` (or ``.txt``, which OmegaT also reads
as UTF-8) in the project's ``glossary`` folder; a ``.tab`` file is read in the system's
encoding, which may garble Chinese.
"""

from __future__ import annotations

from collections.abc import Sequence

from glossary import pinyin
from glossary.exporters import ExportOptions
from glossary.model import Term

BINARY = False
COMMENT_SEPARATOR = " — "


def export(terms: Sequence[Term], options: ExportOptions) -> str:
    """Give the OmegaT glossary of ``terms``, one line per rendering."""
    return "".join(f"{line}\n" for term in terms for line in lines(term))


def lines(term: Term) -> list[str]:
    r"""Give a term's glossary lines, one per rendering.

    >>> lines(Term(zh="背靠背", en=("back to back", "back-to-back"), pinyin="bèikàobèi"))
    ['背靠背\tback to back\tbèikàobèi', '背靠背\tback-to-back\tbèikàobèi']
    """
    source = _one_line(term.zh)
    note = comment(term)
    tail = f"\t{note}" if note else ""
    return [f"{source}\t{_one_line(rendering)}{tail}" for rendering in term.en]


def comment(term: Term) -> str:
    """Give the comment column: the pinyin, then the definition.

    >>> comment(Term(zh="五国两方", en=("five states, two sides",), pinyin="wǔguó liǎngfāng",
    ...              definition="Format of the post-Soviet border talks."))
    'wǔguó liǎngfāng — Format of the post-Soviet border talks.'
    """
    reading = term.pinyin or pinyin.generate(term.zh)
    parts = (_one_line(p) for p in (reading, term.definition or ""))
    return COMMENT_SEPARATOR.join(p for p in parts if p)


def _one_line(text: str) -> str:
    return " ".join(text.split())
