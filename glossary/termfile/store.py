"""Find glossary files and load them into a :class:`Glossary`, locating every problem.

Loading composes the YAML into nodes (which carry line and column) with PyYAML's safe
parser and builds terms from the nodes itself: no tag is ever constructed, and aliases
are never expanded, so neither arbitrary objects nor an alias bomb can get through.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from glossary import encoding, memory
from glossary.errors import GlossaryFileError, Location, did_you_mean, display_path
from glossary.model import (
    LIST_FIELDS,
    REQUIRED_FIELDS,
    TERM_FIELDS,
    TOP_FIELDS,
    Glossary,
    Term,
)

_STR = "tag:yaml.org,2002:str"
# Scalars YAML would read as numbers, booleans or dates are kept as the text written:
# a glossary field is always text (`en: 2018` means "2018").
_PLAIN_SCALAR_TAGS = frozenset(
    f"tag:yaml.org,2002:{t}" for t in ("str", "int", "float", "bool", "timestamp")
)
_NULL = "tag:yaml.org,2002:null"
_SEQ = "tag:yaml.org,2002:seq"
_MAP = "tag:yaml.org,2002:map"
_TAG_HINT = "remove the tag; values are text"
#: The longest text a field may hold (a hundred pages or so): a longer value is a mistake,
#: such as a whole book pasted in, and would make every search slow.
MAX_TEXT = 100_000
SAFE_PARSER: type[Any] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def load(paths: Sequence[Path]) -> Glossary:
    """Give the terms of every file in ``paths``, in order; raise on the first problem."""
    terms: list[Term] = []
    title: str | None = None
    for path in paths:
        parsed = load_file(path)
        terms.extend(parsed.terms)
        title = title or parsed.title
    return Glossary(tuple(terms), title, tuple(str(p) for p in paths))


@dataclass(frozen=True)
class Problem:
    """Something wrong in a glossary file, located."""

    where: Location
    message: str
    hint: str | None = None

    def error(self) -> GlossaryFileError:
        """Give the problem as the error loading raises."""
        return GlossaryFileError(self.message, where=self.where, hint=self.hint)


@dataclass(frozen=True)
class ParsedFile:
    """What a file yields: its title, the terms that are sound, and every problem found."""

    title: str | None
    terms: tuple[Term, ...]
    problems: tuple[Problem, ...]


def load_file(path: Path) -> ParsedFile:
    """Give the sound terms of one file; raise the first problem if there is any."""
    parsed = parse_file(path)
    if parsed.problems:
        first = parsed.problems[0]
        more = len(parsed.problems) - 1
        err = first.error()
        if more:
            err.message += f" (and {more} more problem{'s' if more > 1 else ''} in this file)"
        raise err
    return parsed


def parse_file(path: Path) -> ParsedFile:
    """Give everything found in one file, problems included; raise only if it cannot be read."""
    shown = display_path(path)
    return parse_text(read_text(path), shown)


def read_text(path: Path) -> str:
    """Give the text of a glossary file; raise, saying why, where it cannot be read."""
    shown = display_path(path)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise GlossaryFileError(
            f"no glossary at {shown}",
            hint="check the path, or create one (see the README's terms.yaml section)",
        ) from None
    except IsADirectoryError:
        raise GlossaryFileError(f"{shown} is a folder, not a glossary file") from None
    except OSError as exc:
        raise GlossaryFileError(f"cannot read {shown}: {exc.strerror}") from None
    return decode(data, shown)


def decode(data: bytes, shown: str) -> str:
    """Give the UTF-8 text of ``data`` (a byte-order mark is dropped); raise where it is not,
    naming the encoding it looks like (see :mod:`glossary.encoding`)."""
    return encoding.decode(data, shown)


def parse_text(text: str, shown: str) -> ParsedFile:
    """Give the title, sound terms and problems of a glossary's text."""
    with memory.collector_paused():
        return _parse_text(text, shown)


def _parse_text(text: str, shown: str) -> ParsedFile:
    root = _compose(text, shown, 1)
    if isinstance(root, Problem):
        return ParsedFile(None, (), (root,))
    return _Builder(shown).glossary(root)


def parse_items(text: str, shown: str, first_line: int = 1) -> ParsedFile:
    """Give the terms of a piece of a glossary: entries of the ``terms:`` list, on their own.

    ``first_line`` is the line of the file where ``text`` starts, so problems point at the
    file, not at the piece.
    """
    root = _compose(text, shown, first_line)
    if isinstance(root, Problem):
        return ParsedFile(None, (), (root,))
    builder = _Builder(shown, first_line)
    if root is None:
        return ParsedFile(None, (), ())
    return ParsedFile(None, tuple(builder.terms(root, root)), tuple(builder.problems))


def parse_entries(text: str, shown: str) -> ParsedFile:
    """Give the terms of YAML written by a person for ``glossary add -``: a whole glossary,
    a list of entries, or one entry."""
    root = _compose(text, shown, 1)
    if isinstance(root, Problem):
        return ParsedFile(None, (), (root,))
    builder = _Builder(shown)
    if root is None:
        return builder.glossary(None)
    if isinstance(root, yaml.SequenceNode):
        return ParsedFile(None, tuple(builder.terms(root, root)), tuple(builder.problems))
    is_glossary = isinstance(root, yaml.MappingNode) and any(
        isinstance(k, yaml.ScalarNode) and k.value in TOP_FIELDS for k, _ in root.value
    )
    if is_glossary:
        return builder.glossary(root)
    term = builder.term(root)
    return ParsedFile(None, (term,) if term else (), tuple(builder.problems))


def _compose(text: str, shown: str, first_line: int) -> yaml.Node | Problem | None:
    """Give the YAML node tree of ``text``, or the syntax problem that stops it."""
    try:
        return yaml.compose(text, Loader=SAFE_PARSER)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = Location(shown, mark.line + first_line, mark.column + 1) if mark else None
        what = exc.problem or exc.context or "invalid YAML"
        if what == "but found another document":
            return Problem(where or Location(shown), _SECOND_DOCUMENT, _SECOND_DOCUMENT_HINT)
        return Problem(where or Location(shown), f"YAML syntax: {what}", _SYNTAX_HINT)
    except yaml.reader.ReaderError as exc:
        return _unreadable_character(text, shown, first_line, exc)
    except yaml.YAMLError as exc:
        return Problem(Location(shown), f"YAML: {str(exc).splitlines()[0]}", _SYNTAX_HINT)


def _unreadable_character(
    text: str, shown: str, first_line: int, exc: yaml.reader.ReaderError
) -> Problem:
    """Locate a character YAML refuses anywhere (a control character, U+FFFE), on one line.

    PyYAML gives its offset in UTF-8 bytes (C parser) or in characters (pure Python); the
    character itself is the first of its kind in the text, since the reader stops there.
    """
    code = exc.character if isinstance(exc.character, int) else ord(str(exc.character)[:1] or "?")
    at = text.find(chr(code))
    at = at if at >= 0 else min(exc.position, len(text))
    line = text.count("\n", 0, at) + first_line
    col = at - (text.rfind("\n", 0, at) + 1) + 1
    return Problem(
        Location(shown, line, col),
        f"the character U+{code:04X} is not allowed in YAML, even inside quotes",
        f"delete it, or write it as \\u{code:04x} inside double quotes",
    )


_SECOND_DOCUMENT = "YAML syntax: a second YAML document starts here; a glossary is one document"
_SECOND_DOCUMENT_HINT = "remove the '---' line, or move what follows it into another file"
_SYNTAX_HINT = "fix the YAML at that place (a missing quote, colon or indent is the usual cause)"


class _Builder:
    """Turns composed YAML nodes into terms, collecting problems instead of stopping."""

    def __init__(self, shown: str, first_line: int = 1):
        self.shown = shown
        self.first_line = first_line
        self.problems: list[Problem] = []

    def at(self, node: yaml.Node) -> Location:
        mark = node.start_mark
        return Location(self.shown, mark.line + self.first_line, mark.column + 1)

    def problem(self, node: yaml.Node, message: str, hint: str | None = None) -> None:
        self.problems.append(Problem(self.at(node), message, hint))

    def glossary(self, root: yaml.Node | None) -> ParsedFile:
        if root is None:
            where = Location(self.shown)
            hint = "start it with 'terms:' and a list of entries (see the README)"
            return ParsedFile(None, (), (Problem(where, "the glossary file is empty", hint),))
        top = self.mapping(root, "the glossary", TOP_FIELDS)
        if top is None:
            return ParsedFile(None, (), tuple(self.problems))
        title = self.text(top["title"]) if "title" in top else None
        terms = self.terms(top.get("terms"), root)
        return ParsedFile(title, tuple(terms), tuple(self.problems))

    def terms(self, node: yaml.Node | None, root: yaml.Node) -> list[Term]:
        if node is None:
            self.problem(root, "the glossary has no 'terms:' list", "add 'terms:' with entries")
            return []
        if not isinstance(node, yaml.SequenceNode):
            self.problem(node, "'terms' must be a list of entries, each starting with '- zh:'")
            return []
        out: list[Term] = []
        first_line: dict[str, int] = {}
        for item in node.value:
            term = self.term(item)
            if term is None:
                continue
            if term.zh in first_line:
                self.problem(
                    item,
                    f"duplicate headword {term.zh!r} (first at line {first_line[term.zh]})",
                    "merge the two entries or remove one",
                )
                continue
            first_line[term.zh] = self.at(item).line
            out.append(term)
        return out

    def term(self, node: yaml.Node) -> Term | None:
        fields = self.mapping(node, "an entry", TERM_FIELDS)
        if fields is None:
            return None
        before = len(self.problems)
        values: dict[str, Any] = {}
        locations = {name: self.at(value) for name, value in fields.items()}
        broken: set[str] = set()
        for name, value in fields.items():
            seen = len(self.problems)
            got = self.strings(value) if name in LIST_FIELDS else self.text(value)
            if got:
                values[name] = tuple(got) if name in LIST_FIELDS else got
            if len(self.problems) > seen:
                broken.add(name)
        for name in REQUIRED_FIELDS:
            if name not in values and name not in broken:
                zh = values.get("zh", "this entry")
                label = zh if zh.isprintable() else repr(zh)  # one line, whatever it holds
                example = "zh: 三股势力" if name == "zh" else "en: three evil forces"
                if name in fields:
                    message = f"{name!r} of {label} is empty"
                    self.problem(fields[name], message, f"fill it in, like '{example}'")
                else:
                    self.problem(node, f"{label} has no {name!r}", f"add a line like '{example}'")
        if len(self.problems) > before:
            return None
        return Term(**values, location=self.at(node), locations=locations)

    def foreign_tag(self, node: yaml.Node, usual: str) -> bool:
        """Record a problem and give ``True`` if ``node`` carries a tag of its own
        (``!!python/object``, ``!!set``, ``!custom``): no tag is ever constructed."""
        if node.tag == usual:
            return False
        tag = node.tag.replace("tag:yaml.org,2002:", "!!")
        self.problem(node, f"unsupported YAML tag {tag!r}", _TAG_HINT)
        return True

    def mapping(
        self, node: yaml.Node, what: str, allowed: Sequence[str]
    ) -> dict[str, yaml.Node] | None:
        if isinstance(node, yaml.MappingNode) and self.foreign_tag(node, _MAP):
            return None
        if isinstance(node, yaml.SequenceNode) and self.foreign_tag(node, _SEQ):
            return None
        if not isinstance(node, yaml.MappingNode):
            self.problem(node, f"{what} must be a mapping of 'key: value' lines", _MAPPING_HINT)
            return None
        out: dict[str, yaml.Node] = {}
        for key_node, value in node.value:
            key = key_node.value if isinstance(key_node, yaml.ScalarNode) else None
            if not isinstance(key, str) or key_node.tag != _STR:
                self.problem(key_node, f"a key of {what} must be a plain word", _MAPPING_HINT)
            elif key not in allowed:
                self.problem(
                    key_node,
                    f"unknown key {key!r} in {what}",
                    did_you_mean(key, allowed, "keys"),
                )
            elif key in out:
                line = self.at(out[key]).line
                message = f"key {key!r} appears twice (first at line {line})"
                self.problem(key_node, message, "keep one of them")
            else:
                out[key] = value
        return out

    def text(self, node: yaml.Node) -> str | None:
        if not isinstance(node, yaml.ScalarNode):
            usual = _MAP if isinstance(node, yaml.MappingNode) else _SEQ
            if not self.foreign_tag(node, usual):
                self.problem(node, "expected text here, found a list or mapping", _TEXT_HINT)
            return None
        if node.tag == _NULL and node.value in ("", "~", "null", "Null", "NULL"):
            return None
        if node.tag not in _PLAIN_SCALAR_TAGS:
            self.foreign_tag(node, _STR)
            return None
        if len(node.value) > MAX_TEXT:
            self.problem(node, too_long(len(node.value)), _TOO_LONG_HINT)
            return None
        return str(node.value)

    def strings(self, node: yaml.Node) -> list[str]:
        if isinstance(node, yaml.ScalarNode):
            one = self.text(node)
            return [one] if one else []
        if self.foreign_tag(node, _SEQ if isinstance(node, yaml.SequenceNode) else _MAP):
            return []
        if not isinstance(node, yaml.SequenceNode):
            self.problem(node, "expected a list of text, or one text, found a mapping", _LIST_HINT)
            return []
        out = []
        for item in node.value:
            if isinstance(item, yaml.ScalarNode):
                value = self.text(item)
                if value:
                    out.append(value)
            else:
                self.problem(item, "each item of this list must be text", _LIST_HINT)
        return out


_MAPPING_HINT = "write 'key: value' lines here, as in the README's terms.yaml section"
_TEXT_HINT = "write one text; quote it if it holds ': ' or starts with [ or {"
_LIST_HINT = "write a list of texts, like [three evil forces, three forces]"
_TOO_LONG_HINT = "keep a summary here and the full text elsewhere (give its address as url)"


def too_long(size: int) -> str:
    """Give the message for a value of ``size`` characters, over :data:`MAX_TEXT`.

    >>> too_long(123_456)
    'this value is 123,456 characters long; a field holds at most 100,000'
    """
    return f"this value is {size:,} characters long; a field holds at most {MAX_TEXT:,}"
