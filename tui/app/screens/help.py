"""The help screen: every key the app answers to."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Markdown

from dltutor.tui.app.strings import HELP


class HelpScreen(ModalScreen[None]):
    """A modal table of keys in the app's language."""

    BINDINGS = [Binding("escape,question_mark,q", "dismiss", "Close")]

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help"):
            yield Markdown(HELP.get(self.app.lang, "keys"))

    def language_changed(self) -> None:
        self.query_one(Markdown).update(HELP.get(self.app.lang, "keys"))
