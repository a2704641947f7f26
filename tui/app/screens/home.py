"""The home screen: the course map, from which every lesson opens."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Footer, Header, OptionList, Static
from textual.widgets.option_list import Option

from dltutor.lessons.catalog import lessons
from dltutor.tui.app.screens.lesson import LessonScreen


class HomeScreen(Screen[None]):
    """Lists the lessons; Enter opens one."""

    BINDINGS = [
        Binding("q", "app.quit", "Quit"),
        Binding("j", "cursor_down", "Down", show=False),
        Binding("k", "cursor_up", "Up", show=False),
    ]

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(self._intro(), id="intro")
        yield OptionList(
            *(
                Option(f"{x.id}  {x.title}  [dim]({x.minutes} min)[/dim]", id=x.key)
                for x in lessons(self.app.lang)
            ),
            id="lesson-list",
        )
        yield Footer()

    def _intro(self) -> str:
        if self.app.lang == "ja":
            return "レッスンを選んで Enter。? でヘルプ、q で終了。"
        return "Pick a lesson and press Enter. ? for help, q to quit."

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.app.push_screen(LessonScreen(event.option.id or ""))

    def action_cursor_down(self) -> None:
        self.query_one(OptionList).action_cursor_down()

    def action_cursor_up(self) -> None:
        self.query_one(OptionList).action_cursor_up()
