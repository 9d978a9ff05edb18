"""JSON and JSON Lines: each term as an object whose keys are the schema's field names.

Keys come in schema order and empty fields are left out (:meth:`Term.to_dict`); list
fields are always lists. Chinese is written as it is, not as ``\\u`` escapes. ``json`` is
one list, indented by two spaces; ``jsonl`` is one object per line. Both read back with
``glossary import json`` / ``import jsonl``.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence

from glossary.exporters import ExportOptions
from glossary.model import Term

BINARY = False


def export_json(terms: Sequence[Term], options: ExportOptions) -> str:
    """Give ``terms`` as one JSON list of objects.

    >>> print(export_json([Term(zh="背靠背", en=("back to back",))], ExportOptions()), end="")
    [
      {
        "zh": "背靠背",
        "en": [
          "back to back"
        ]
      }
    ]
    """
    return json.dumps([t.to_dict() for t in terms], indent=2, ensure_ascii=False) + "\n"


def export_jsonl(terms: Sequence[Term], options: ExportOptions) -> str:
    """Give ``terms`` as JSON Lines, one object per line.

    >>> print(export_jsonl([Term(zh="背靠背", en=("back to back",))], ExportOptions()), end="")
    {"zh": "背靠背", "en": ["back to back"]}
    """
    return "".join(json.dumps(t.to_dict(), ensure_ascii=False) + "\n" for t in terms)


#: Format name -> export function; both formats live in this module.
FORMATS: dict[str, Callable[[Sequence[Term], ExportOptions], str]] = {
    "json": export_json,
    "jsonl": export_jsonl,
}
