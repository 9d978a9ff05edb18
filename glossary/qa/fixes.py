"""Fixes of findings: the replacement cased for where it stands, the text with the fixes
applied, and the change shown as a unified diff."""

from __future__ import annotations

from collections.abc import Sequence

from glossary.lint import Finding


def cased(said: str, rendering: str, sentence_start: bool) -> str:
    """Give ``rendering`` cased to replace ``said``: in capitals if ``said`` is in capitals
    (a heading), with a capital first letter at a sentence start, else as the glossary
    writes it.

    >>> cased("THREE EVILS", "three evil forces", False)
    'THREE EVIL FORCES'
    >>> cased("Three evils", "three evil forces", True)
    'Three evil forces'
    >>> cased("Three Evils", "three evil forces", False)
    'three evil forces'
    """
    if len(said) > 1 and said.isupper():
        return rendering.upper()
    if sentence_start and said[:1].isupper():
        return rendering[:1].upper() + rendering[1:]
    return rendering


def fixed(text: str, findings: Sequence[Finding]) -> str:
    """Give ``text`` with the fixes of ``findings`` applied; of two fixes that overlap, the
    first one stands.

    >>> from glossary.errors import Location
    >>> f = Finding(Location("-"), "warning", "", "GL001", "three evil forces", 4, 15)
    >>> fixed("The three evils.", [f])
    'The three evil forces.'
    """
    out = []
    pos = 0
    for f in sorted((f for f in findings if f.fix is not None), key=lambda f: f.start):
        if f.start < pos:
            continue
        out += [text[pos : f.start], f.fix or ""]
        pos = f.end
    out.append(text[pos:])
    return "".join(out)


def diff(before: str, after: str, shown: str) -> str:
    """Give the change from ``before`` to ``after`` as a unified diff of the file ``shown``
    (empty when nothing changes).

    >>> print(diff("a\\nthe three evils\\n", "a\\nthe three evil forces\\n", "d.md"), end="")
    --- a/d.md
    +++ b/d.md
    @@ -1,2 +1,2 @@
     a
    -the three evils
    +the three evil forces
    """
    import difflib

    lines = difflib.unified_diff(
        before.splitlines(keepends=True),
        after.splitlines(keepends=True),
        f"a/{shown}",
        f"b/{shown}",
    )
    return "".join(
        line if line.endswith("\n") else line + "\n\\ No newline at end of file\n" for line in lines
    )
