"""The full-screen app of ``glossary browse``: a query line, the results as you type, the
selected entry in full, and keys to act on it.

Lookups run in a thread of their own (:class:`glossary.live.Latest`), so that typing never
waits for them; each answer is drawn when it comes, and a query typed meanwhile replaces
any not yet begun. What to look up and how is in :mod:`glossary.live` and
:mod:`glossary.layers`; what a row and an entry look like, in
:mod:`glossary.cli.browse_view`.
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any, ClassVar, NamedTuple

from textual import events
from textual.app import App, ComposeResult, SuspendNotSupported
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Footer, Input, Label, OptionList, Static

from glossary import live
from glossary.cli import browse_view, editor
from glossary.errors import GlossaryError, display_path
from glossary.layers import GLOSSARY, Layer, Result
from glossary.search import Query

#: How many results are listed for a query.
LIMIT = 50
#: Below this width the entry goes under the list rather than beside it.
NARROW = 100
#: How many answers are kept for queries typed again (a backspace is shown at once).
_KEPT = 500
#: What the keys of the result list do to the selected result.
_ENTRY_ACTIONS = ("edit", "copy_markdown", "copy_rendering", "add")


class Request(NamedTuple):
    """A lookup to do: the text typed, the mode and the tags."""

    text: str
    mode: str
    tags: tuple[str, ...]


class Asked(NamedTuple):
    """A request, numbered in the order the lookups were asked for."""

    number: int
    request: Request


class Answer(NamedTuple):
    """What a lookup found: the query it read, and the results, best first."""

    query: Query | None
    results: list[Result]


class QueryLine(Input):
    """The query line: typing goes here; arrows move through the results meanwhile."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("down", "app.move(1)", "Select", key_display="↓↑"),
        Binding("up", "app.move(-1)", show=False),
        Binding("pagedown", "app.move(10)", show=False),
        Binding("pageup", "app.move(-10)", show=False),
        Binding("enter,tab", "app.to_results", "Keys", key_display="⏎"),
        Binding("ctrl+t", "app.tag", "Tag"),
        Binding("ctrl+o", "app.mode", "Mode"),
        Binding("escape", "app.quit", "Quit", key_display="Esc"),
    ]

    def on_mount(self) -> None:
        # A steady cursor: a blinking one redraws the line twice a second, all day long,
        # over SSH too.
        self.cursor_blink = False


class ResultList(OptionList):
    """The results: once here, single keys act on the selected one."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("e", "app.edit", "Edit"),
        Binding("c", "app.copy_markdown", "Copy md"),
        Binding("y", "app.copy_rendering", "Copy en"),
        Binding("a", "app.add", "Add"),
        Binding("t", "app.tag", "Tag"),
        Binding("m", "app.mode", "Mode"),
        Binding("slash,tab", "app.to_query", "Search", key_display="/"),
        Binding("q,escape", "app.quit", "Quit", key_display="q"),
    ]

    def on_key(self, event: events.Key) -> None:
        """Send a character no key is bound to back to the query line, as typed there."""
        bound = {k for b in self.BINDINGS if isinstance(b, Binding) for k in b.key.split(",")}
        if event.is_printable and event.character and event.key not in bound:
            event.stop()
            line = self.app.query_one(QueryLine)
            line.insert_text_at_cursor(event.character)
            line.focus()


class TagScreen(ModalScreen[str | None]):
    """Asks for the tag to filter by (empty: none)."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, current: str):
        super().__init__()
        self.current = current

    def compose(self) -> ComposeResult:
        yield Label("Only terms with the tag (empty: all):")
        yield Input(self.current, id="tag")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.dismiss(event.value.strip())

    def action_cancel(self) -> None:
        self.dismiss(None)


class Browser(App[int]):
    """``glossary browse``."""

    CSS_PATH = "browse.tcss"
    ENABLE_COMMAND_PALETTE = False
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+c", "quit", "Quit", priority=True, show=False),
    ]

    def __init__(
        self,
        sources: Sequence[Layer],
        scheme: str,
        env: Mapping[str, str],
        *,
        writable: Path | None,
        mode: str = "all",
        tags: Sequence[str] = (),
    ):
        super().__init__()
        self.sources = list(sources)
        self.scheme = scheme
        self.env = env
        self.writable = writable  # where a dictionary word is added
        self.mode = mode
        self.tags = tuple(tags)
        self.results: list[Result] = []
        self.shown = Request("", mode, self.tags)  # what the results on screen are for
        self.messages: list[str] = []  # what the app has told, latest last
        self._entry_shown: Result | None = None
        self._asked = self._shown_number = 0  # numbers of the last request asked, shown
        self._answers: dict[Request, Answer] = {}  # kept while the sources do not change
        self._answers_state: tuple[object, ...] = ()
        self._keys_shown: tuple[bool | None, ...] = ()
        self._clipboard: Any = None
        self._lookups = live.Latest(self._look_up, self._answered)

    def compose(self) -> ComposeResult:
        with Horizontal(id="bar"):
            yield Label(self._mode_label(), id="mode")
            yield QueryLine(placeholder="hanzi, pinyin or English", id="query")
        yield Label(browse_view.status(0, self.mode, self.tags, ""), id="status")
        with Horizontal(id="main"):
            yield ResultList(id="results")
            with VerticalScroll(id="entry"):
                yield Static(id="detail")
        yield Footer(show_command_palette=False)

    def on_mount(self) -> None:
        self.query_one(QueryLine).focus()
        self._fit(self.size.width)
        if self.tags:
            self._ask()

    def on_resize(self, event: events.Resize) -> None:
        self._fit(event.size.width)

    def _fit(self, width: int) -> None:
        self.query_one("#main").set_class(width < NARROW, "narrow")

    def on_unmount(self) -> None:
        self._lookups.stop()

    # --- Lookups ---------------------------------------------------------------------

    def on_input_changed(self, event: Input.Changed) -> None:
        if isinstance(event.input, QueryLine):
            self._ask()

    def _ask(self) -> None:
        """Look up what the query line, the mode and the tags ask for now: at once if it
        was looked up before (a backspace), else in the lookup thread."""
        self._asked += 1
        asked = Asked(self._asked, Request(self.query_one(QueryLine).value, self.mode, self.tags))
        state = tuple(layer.state() for layer in self.sources)
        if state != self._answers_state:
            self._answers.clear()
            self._answers_state = state
        kept = self._answers.get(asked.request)
        if kept is not None:
            self._show(asked, kept)
        else:
            self._lookups.ask(asked)

    def _look_up(self, asked: Asked) -> Answer:
        request = asked.request
        query = live.query_for(request.text, request.mode, request.tags)
        found = live.search_as_typed(self.sources, *request, LIMIT)
        return Answer(query, [browse_view.safe_result(r) for r in found])

    def _answered(self, asked: Asked, answer: object) -> None:
        if self.is_running:
            self.call_from_thread(self._show, asked, answer)

    def _show(self, asked: Asked, answer: object) -> None:
        """Draw the answer to ``asked``, unless a later request's is drawn already."""
        if asked.number < self._shown_number:
            return
        if isinstance(answer, GlossaryError):
            self._say(str(answer), error=True)
            answer = Answer(None, [])
        if not isinstance(answer, Answer):
            raise answer if isinstance(answer, BaseException) else TypeError(answer)
        if len(self._answers) >= _KEPT:
            self._answers.clear()
        self._answers[asked.request] = answer
        self._shown_number = asked.number
        with self.batch_update():  # the list, the status and the entry in one frame
            self._draw(asked.request, answer)

    def _draw(self, request: Request, answer: Answer) -> None:
        self.results = answer.results
        listing = self.query_one(ResultList)
        listing.set_options(browse_view.rows(answer.results, answer.query, self.scheme))
        if answer.results:
            listing.highlighted = 0
        self.shown = request
        status = browse_view.status(len(answer.results), request.mode, request.tags, request.text)
        self.query_one("#status", Label).update(status)
        self._show_entry()

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        self._show_entry()

    def _show_entry(self) -> None:
        """Show the selected entry, and the keys that act on it, where they changed (each
        redraw is a frame more to send to the terminal)."""
        chosen = self.selected()
        if chosen != self._entry_shown:
            detail = browse_view.entry(chosen, self.scheme) if chosen else ""
            self.query_one("#detail", Static).update(detail)
            self._entry_shown = chosen
        keys = tuple(self.check_action(a, ()) for a in _ENTRY_ACTIONS)
        if keys != self._keys_shown:
            self._keys_shown = keys
            self.refresh_bindings()

    def selected(self) -> Result | None:
        """Give the result the list has selected, if any."""
        at = self.query_one(ResultList).highlighted
        return self.results[at] if at is not None and at < len(self.results) else None

    # --- Keys ------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Show the keys of what cannot be done to the selected result as disabled."""
        chosen = self.selected()
        if action in _ENTRY_ACTIONS and chosen is None:
            return None
        if action == "edit" and chosen is not None:
            return (chosen.source.kind == GLOSSARY and chosen.source.writable) or None
        if action == "add" and chosen is not None:
            return chosen.source.kind != GLOSSARY or None
        return True

    def action_move(self, by: int) -> None:
        listing = self.query_one(ResultList)
        if self.results:
            at = (listing.highlighted or 0) + by
            listing.highlighted = max(0, min(len(self.results) - 1, at))

    def action_to_results(self) -> None:
        if self.results:
            self.query_one(ResultList).focus()

    def action_to_query(self) -> None:
        self.query_one(QueryLine).focus()

    def action_mode(self) -> None:
        self.mode = live.next_mode(self.mode)
        self.query_one("#mode", Label).update(self._mode_label())
        self._ask()

    def _mode_label(self) -> str:
        return f"{self.mode} ›"

    def action_tag(self) -> None:
        def chosen(tag: str | None) -> None:
            if tag is not None:
                self.tags = tuple(tag.split()) if tag else ()
                self._ask()

        self.push_screen(TagScreen(" ".join(self.tags)), chosen)

    def action_copy_markdown(self) -> None:
        if chosen := self.selected():
            self._copy(browse_view.term_markdown(chosen), "the entry as Markdown")

    def action_copy_rendering(self) -> None:
        if chosen := self.selected():
            self._copy(chosen.term.preferred, repr(chosen.term.preferred))

    def _copy(self, text: str, what: str) -> None:
        from glossary.cli.clipboard import open_clipboard

        try:
            if self._clipboard is None:
                self._clipboard = open_clipboard(self.env)
            self._clipboard.copy(text)
        except GlossaryError as exc:
            # No clipboard tool here (over SSH, say): the terminal may take it (OSC 52).
            self.copy_to_clipboard(text)
            self._say(f"copied {what} through the terminal ({exc.message})")
            return
        self._say(f"copied {what}")

    def action_edit(self) -> None:
        chosen = self.selected()
        if chosen is None or chosen.source.path is None:
            return
        command = editor.command(self.env, chosen.source.path, chosen.line)
        try:
            with self.suspend():
                subprocess.run(command, check=False)
        except OSError as exc:
            self._say(f"cannot run {command[0]}: {exc.strerror}", error=True)
        except SuspendNotSupported:
            self._say("this terminal cannot hand over to an editor", error=True)
        self._ask()  # the entry may have changed

    def action_add(self) -> None:
        chosen = self.selected()
        if chosen is None or chosen.source.kind == GLOSSARY:
            return
        from glossary.termfile import changes

        try:
            if self.writable is None:
                raise GlossaryError("no glossary of yours to add to; create one: glossary init")
            changes.add_terms(self.writable, [changes.fill_missing(chosen.term)[0]])
        except GlossaryError as exc:
            self._say(str(exc), error=True)
            return
        self._say(f"added {chosen.term.zh} to {display_path(self.writable)}")
        self._ask()

    def _say(self, message: str, *, error: bool = False) -> None:
        self.messages.append(message)
        self.notify(message, severity="error" if error else "information", timeout=3)


def run(
    files: Sequence[Path],
    scheme: str,
    *,
    writable: Path | None,
    mode: str,
    tags: Sequence[str],
) -> int:
    """Run the app on the glossaries ``files`` until it is quit; give its exit code."""
    from glossary.layers import Glossaries

    app = Browser(
        [Glossaries(files, os.environ)],
        scheme,
        os.environ,
        writable=writable,
        mode=mode,
        tags=tags,
    )
    return app.run() or 0
