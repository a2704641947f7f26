"""The lesson reader: the lesson's Markdown with its table of contents."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Footer, Header, MarkdownViewer

from dltutor.lessons.catalog import get_lesson


class LessonScreen(Screen[None]):
    """Shows one lesson; Escape goes back to the course map."""

    BINDINGS = [
        Binding("escape", "app.pop_screen", "Back"),
        Binding("t", "toggle_toc", "Contents"),
        Binding("j", "scroll_down", "Down", show=False),
        Binding("k", "scroll_up", "Up", show=False),
    ]

    def __init__(self, lesson_key: str) -> None:
        super().__init__()
        self.lesson = get_lesson(lesson_key, self.app.lang)

    def compose(self) -> ComposeResult:
        yield Header()
        yield MarkdownViewer(
            f"# {self.lesson.id} · {self.lesson.title}\n\n{self.lesson.body}",
            show_table_of_contents=False,
            open_links=False,
        )
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = self.lesson.title
        self.query_one(MarkdownViewer).document.focus()

    def action_toggle_toc(self) -> None:
        viewer = self.query_one(MarkdownViewer)
        viewer.show_table_of_contents = not viewer.show_table_of_contents

    def action_scroll_down(self) -> None:
        self.query_one(MarkdownViewer).scroll_relative(y=1, animate=False)

    def action_scroll_up(self) -> None:
        self.query_one(MarkdownViewer).scroll_relative(y=-1, animate=False)
