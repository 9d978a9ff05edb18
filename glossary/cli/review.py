"""The review screen of ``glossary extract --review``: one pair at a time, with its sentence,
its status and the glossary's renderings, decided with single keys.

Built on prompt_toolkit: a full-screen application with key bindings and a one-line editor
is what it is made for, it is light to import, and it runs in any terminal, Windows' too.
The queue itself (decisions, edits, undo) is :mod:`glossary.review`; this module only draws
it and maps keys to it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from glossary.review import ACCEPT, ALTERNATIVE, REJECT, SKIP, Item, Queue

if TYPE_CHECKING:
    from prompt_toolkit.formatted_text import StyleAndTextTuples
    from prompt_toolkit.key_binding import KeyBindings, KeyPressEvent

KEYS = (
    ("a", "accept"),
    ("e", "edit English"),
    ("Tab", "other span"),
    ("h", "headword"),
    ("p", "pinyin"),
    ("+", "add to the existing entry"),
    ("s", "skip"),
    ("r", "reject"),
    ("u", "undo"),
    ("A", "accept all new"),
    ("q", "save and quit"),
    ("Ctrl-C", "quit, save nothing"),
)
_FIELDS = {"e": "English", "h": "Headword", "p": "Pinyin"}


@dataclass
class _State:
    """What the screen shows besides the queue: the field being edited, and a message."""

    editing: str | None = None
    message: str = ""
    saved: bool = False
    screen: Any = None  # the window that has the focus while browsing


def run(queue: Queue) -> bool:
    """Let the reader go through ``queue`` on the terminal; give whether to save (``q``)
    rather than abandon (Ctrl-C)."""
    from prompt_toolkit.application import Application
    from prompt_toolkit.buffer import Buffer
    from prompt_toolkit.filters import Condition
    from prompt_toolkit.layout import ConditionalContainer, HSplit, Layout, Window
    from prompt_toolkit.layout.controls import BufferControl, FormattedTextControl

    state = _State()
    field = Buffer(multiline=False)
    editing = Condition(lambda: state.editing is not None)
    editor = Window(
        BufferControl(field),
        height=1,
        get_line_prefix=lambda *_: f"{_FIELDS.get(state.editing or '', '')}: ",
    )
    screen = Window(
        FormattedTextControl(lambda: _screen(queue, state), focusable=True), wrap_lines=True
    )
    state.screen = screen
    root = HSplit([screen, ConditionalContainer(editor, filter=editing)])
    keys = _bindings(queue, state, field, editing)
    app: Application[None] = Application(
        layout=Layout(root, focused_element=screen), key_bindings=keys, full_screen=True
    )
    app.run()
    return state.saved


def _bindings(queue: Queue, state: _State, field: Any, editing: Any) -> KeyBindings:
    """Give the keys of the screen: single keys while browsing, Enter and Esc while editing."""
    from prompt_toolkit.key_binding import KeyBindings

    keys = KeyBindings()
    browsing = ~editing

    def decide(decision: str) -> Any:
        def handler(event: KeyPressEvent) -> None:
            taken = queue.decide(decision)
            state.message = "" if taken else _refusal(queue, decision)

        return handler

    for key, decision in (("a", ACCEPT), ("enter", ACCEPT), ("s", SKIP), ("r", REJECT)):
        keys.add(key, filter=browsing)(decide(decision))
    keys.add("+", filter=browsing)(decide(ALTERNATIVE))

    @keys.add("tab", filter=browsing)
    @keys.add("right", filter=browsing)
    def _next(event: KeyPressEvent) -> None:
        queue.cycle(1)

    @keys.add("s-tab", filter=browsing)
    @keys.add("left", filter=browsing)
    def _previous(event: KeyPressEvent) -> None:
        queue.cycle(-1)

    @keys.add("u", filter=browsing)
    def _undo(event: KeyPressEvent) -> None:
        state.message = "" if queue.undo() else "nothing to undo"

    @keys.add("A", filter=browsing)
    def _all(event: KeyPressEvent) -> None:
        state.message = f"accepted {queue.accept_all()} new pairs"

    @keys.add("q", filter=browsing)
    def _quit(event: KeyPressEvent) -> None:
        state.saved = True
        event.app.exit()

    @keys.add("c-c")
    def _abandon(event: KeyPressEvent) -> None:
        event.app.exit()

    _editing_keys(keys, queue, state, field, editing)
    return keys


def _editing_keys(keys: KeyBindings, queue: Queue, state: _State, field: Any, editing: Any) -> None:
    """Add the keys that open a field for editing, and Enter and Esc inside it."""

    def opener(name: str) -> Any:
        def handler(event: KeyPressEvent) -> None:
            item = queue.current
            if item is None:
                return
            state.editing, state.message = name, ""
            field.text = {"e": item.rendering, "h": item.term.zh}.get(name, item.term.pinyin or "")
            field.cursor_position = len(field.text)
            event.app.layout.focus(field)

        return handler

    for name in _FIELDS:
        keys.add(name, filter=~editing)(opener(name))

    @keys.add("enter", filter=editing)
    def _commit(event: KeyPressEvent) -> None:
        if state.editing == "e":
            queue.set_rendering(field.text)
        elif state.editing == "h" and not queue.set_headword(field.text):
            state.message = "a headword needs Chinese characters"
        elif state.editing == "p":
            queue.set_pinyin(field.text)
        _close(event, state)

    @keys.add("escape", filter=editing, eager=True)
    def _cancel(event: KeyPressEvent) -> None:
        _close(event, state)


def _close(event: KeyPressEvent, state: _State) -> None:
    """Leave the field being edited."""
    state.editing = None
    event.app.layout.focus(state.screen)


def _refusal(queue: Queue, decision: str) -> str:
    """Give why ``decision`` was not taken."""
    if queue.current is None:
        return "every pair has a decision: q saves and quits, u undoes the last"
    if decision == ALTERNATIVE:
        return "no entry holds this headword yet: a accepts it as a new entry"
    return ""


def _screen(queue: Queue, state: _State) -> StyleAndTextTuples:
    """Give the text of the screen, as (style, text) fragments."""
    counts = queue.counts()
    head = (
        f" Review {min(queue.position + 1, len(queue.items))} of {len(queue.items)}"
        f" · accepted {counts[ACCEPT] + counts[ALTERNATIVE]} · rejected {counts[REJECT]}"
        f" · skipped {counts[SKIP]}\n\n"
    )
    out: StyleAndTextTuples = [("bold", head)]
    item = queue.current
    out += _item(queue, item) if item is not None else _summary(queue)
    out.append(("", "\n"))
    for n, (key, what) in enumerate(KEYS):
        out += [("bold", f" {key}"), ("", f" {what}" + ("\n" if n in (5, len(KEYS) - 1) else ""))]
    if state.message:
        out.append(("italic", f"\n {state.message}\n"))
    return out


def _item(queue: Queue, item: Item) -> StyleAndTextTuples:
    """Give the lines that show ``item``."""
    status = queue.status(item)
    term = item.term
    reading = (term.pinyin or "") + (" (generated: check it)" if _generated(item) else "")
    spans = f"   [{item.choice + 1}/{len(item.renderings)}: Tab for another]"
    out: StyleAndTextTuples = [
        ("bold", f" {term.zh}"),
        ("", f"  {term.traditional or ''}  {reading}   "),
        ("reverse", f" {status.upper()} "),
        ("", "\n\n English   "),
        ("bold", item.rendering),
        ("", (spans if len(item.renderings) > 1 else "") + "\n"),
        ("", f" Context   {term.context or ''}\n"),
    ]
    held = queue.existing(item)
    if held is not None:
        out.append(("", f" Glossary  {'; '.join(held.en)}\n"))
    where = f" Found     {item.candidate.pattern}, line {item.candidate.line}"
    return [*out, ("", where + f", column {item.candidate.col}\n")]


def _generated(item: Item) -> bool:
    return item.candidate.pinyin_generated and not item.pinyin_checked


def _summary(queue: Queue) -> StyleAndTextTuples:
    """Give the lines shown once every pair has a decision."""
    outcome = queue.outcome()
    extra = sum(len(v) for v in outcome.renderings.values())
    return [
        ("bold", f" All {len(queue.items)} pairs reviewed.\n"),
        (
            "",
            f" To save: {len(outcome.new)} new entries, {extra} renderings for entries "
            f"already there; {len(outcome.rejected)} rejected.\n"
            " q saves and quits, u undoes the last decision, Ctrl-C quits saving nothing.\n",
        ),
    ]
