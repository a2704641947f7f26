"""The dltutor Textual application: screens for the course, labs, quizzes and models."""

from __future__ import annotations

from textual.app import App
from textual.binding import Binding

from dltutor.tui.app.screens.help import HelpScreen
from dltutor.tui.app.screens.home import HomeScreen


class DLTutorApp(App[None]):
    """Keyboard-first deep-learning tutor."""

    CSS_PATH = "app.tcss"
    TITLE = "dltutor"
    BINDINGS = [
        Binding("question_mark", "help", "Help"),
        Binding("ctrl+q", "quit", "Quit", show=False, priority=True),
    ]

    def __init__(self, lang: str = "en") -> None:
        super().__init__()
        self.lang = lang

    def on_mount(self) -> None:
        self.push_screen(HomeScreen())

    def action_help(self) -> None:
        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())
