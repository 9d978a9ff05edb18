"""A new glossary term made from a dictionary's entry (``glossary add --from-dict``)."""

from __future__ import annotations

import re
from collections.abc import Sequence

from glossary.model import Origin, Term
from glossary.search import alternatives

#: Glosses that are no rendering: a measure word, a cross-reference.
_NOT_RENDERINGS = ("CL:", "see ", "see also ", "variant of ", "old variant of ")


#: A measure word in brackets at the end of a gloss: "hill (CL:座[zuo4])".
_MEASURE_WORDS = re.compile(r"\s*\(CL:[^)]*\)\s*$")


def senses(entry: Term) -> list[str]:
    """Give the renderings a dictionary's entry offers, in its order: its glosses, each
    synonym of a gloss on its own, without measure words and cross-references.

    >>> senses(Term(zh="山", en=("mountain; hill (CL:座[zuo4])", "CL:座[zuo4]")))
    ['mountain', 'hill']
    """
    found: list[str] = []
    for gloss in entry.en:
        for part in alternatives(_MEASURE_WORDS.sub("", gloss)):
            if not part.startswith(_NOT_RENDERINGS) and part not in found:
                found.append(part)
    return found or list(entry.en)


def from_entry(
    zh: str, entry: Term, origin: Origin, renderings: Sequence[str], reading: str
) -> Term:
    """Give the term to add for ``zh`` from a dictionary's ``entry``: ``renderings``
    (preferred first), the dictionary's traditional form where it converts back to the
    headword (摸著石頭過河 does not, with OpenCC: left out, to be generated as for any new
    term, so that the glossary stays consistent), the reading given (the dictionary's,
    written as the glossary writes readings), its other readings as the definition, and
    the dictionary named as the source."""
    from glossary import hanzi

    traditional = entry.traditional or None
    if traditional and hanzi.to_simplified(traditional) != zh:
        traditional = None
    return Term(
        zh=zh,
        en=tuple(renderings),
        traditional=traditional,
        pinyin=reading or entry.pinyin,
        definition=entry.definition,
        source=origin.name,
        url=origin.url,
    )


def ordered(offered: Sequence[str], preferred: Sequence[str]) -> list[str]:
    """Give the renderings to keep: those given (``--en``, or chosen) first, in their
    order, then the dictionary's others.

    >>> ordered(["mountain", "hill"], ["hill"])
    ['hill', 'mountain']
    """
    return [*preferred, *(s for s in offered if s not in preferred)]
