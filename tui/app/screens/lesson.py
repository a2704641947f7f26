"""The lesson reader: Markdown with a table of contents, the scroll position remembered,
the lesson's lab (`l`) and quiz (`q`) one key away, finished when read to the end."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.binding import Binding
from textual.css.query import NoMatches
from textual.screen import Screen
from textual.widgets import Footer, Header

from dltutor.lessons.catalog import get_lesson
from dltutor.tui.app.strings import WORDS
from dltutor.tui.app.widgets.lesson_viewer import LessonViewer

if TYPE_CHECKING:
    from dltutor.lessons.progress.store import ProgressStore


class LessonScreen(Screen[None]):
    """Shows one lesson; Escape goes back to the course map."""

    BINDINGS = [
        Binding("escape", "app.pop_screen", "Back"),
        Binding("t", "toggle_toc", "Contents"),
        Binding("l", "lab", "Lab"),
        Binding("q", "quiz", "Quiz"),
        Binding("j", "scroll_down", "Down", show=False),
        Binding("k", "scroll_up", "Up", show=False),
        Binding("space", "page_down", "Page", show=False),
        Binding("L", "app.toggle_language", "Language", show=False),
    ]

    def __init__(self, lesson_key: str, section: str | None = None) -> None:
        super().__init__()
        self.lesson = get_lesson(lesson_key, self.app.lang)
        self.section = section
        self.finished = False
        self._ready = False
        self._tries = 0

    def _markdown(self) -> str:
        return f"# {self.lesson.id} · {self.lesson.title}\n\n{self.lesson.body}"

    def compose(self) -> ComposeResult:
        yield Header()
        yield LessonViewer(self._markdown(), show_table_of_contents=False, open_links=False)
        yield Footer()

    @property
    def viewer(self) -> LessonViewer:
        return self.query_one(LessonViewer)

    @property
    def store(self) -> ProgressStore | None:
        return getattr(self.app, "store", None)

    def on_mount(self) -> None:
        self.sub_title = self.lesson.title
        self.viewer.document.focus()
        if self.store is not None:
            self.store.lesson_opened(self.lesson.id)
            self.finished = bool(
                (self.store.lessons().get(self.lesson.id) or {}).get("finished_at")
            )
        self.watch(self.viewer, "scroll_y", self._scrolled, init=False)

    def on_lesson_viewer_ready(self, event: LessonViewer.Ready) -> None:
        self._tries = 0
        self.call_after_refresh(self._place)

    def _place(self) -> None:
        """Jump to the asked section, else back to where the learner stopped (once the
        layout has given the document its height: a few refreshes after loading)."""
        viewer = self.viewer
        if viewer.max_scroll_y == 0 and self._tries < 20:
            self._tries += 1
            self.set_timer(0.02, self._place)
            return
        if self.section:
            self.goto_section(self.section)
            self.section = None
        elif self.store is not None and not self._ready:
            fraction = self.store.scroll(self.lesson.id)
            if fraction > 0 and viewer.max_scroll_y > 0:
                viewer.scroll_to(y=round(fraction * viewer.max_scroll_y), animate=False)
        self._ready = True
        self._scrolled()

    def goto_section(self, slug: str) -> bool:
        """Scroll to the `##` heading of section `slug` (the quiz's "read again" link)."""
        slugs = [s.slug for s in self.lesson.sections]
        blocks = self.viewer.section_blocks()
        if slug not in slugs or slugs.index(slug) >= len(blocks):
            return False
        block = self.viewer.document.query_one(f"#{blocks[slugs.index(slug)]}")
        self.viewer.scroll_to_widget(block, top=True, animate=False)
        return True

    def _scrolled(self, *_: object) -> None:
        viewer = self.viewer
        if not self._ready or self.finished:
            return
        if viewer.scroll_y >= viewer.max_scroll_y - 1:
            self.finished = True
            if self.store is not None:
                self.store.lesson_finished(self.lesson.id)
            self.notify(WORDS.get(self.app.lang, "lesson_finished"))

    def _save_scroll(self) -> None:
        try:
            viewer = self.viewer
        except NoMatches:  # already taken down
            return
        if self.store is not None and self._ready:
            top = viewer.max_scroll_y
            self.store.set_scroll(self.lesson.id, viewer.scroll_y / top if top > 0 else 0.0)

    def on_screen_suspend(self) -> None:
        self._save_scroll()

    def on_unmount(self) -> None:
        self._save_scroll()

    def language_changed(self) -> None:
        self.lesson = get_lesson(self.lesson.key, self.app.lang)
        self.sub_title = self.lesson.title
        self._ready = False
        self.run_worker(self.viewer.show(self._markdown()), exclusive=True, group="markdown")

    def action_toggle_toc(self) -> None:
        viewer = self.viewer
        viewer.show_table_of_contents = not viewer.show_table_of_contents

    def action_scroll_down(self) -> None:
        self.viewer.scroll_relative(y=1, animate=False)

    def action_scroll_up(self) -> None:
        self.viewer.scroll_relative(y=-1, animate=False)

    def action_page_down(self) -> None:
        self.viewer.scroll_page_down(animate=False)

    def action_lab(self) -> None:
        labs = self.lesson.labs
        if not labs:
            self.notify(WORDS.get(self.app.lang, "lesson_no_lab"))
        elif len(labs) == 1:
            self.app.open_lab(labs[0])
        else:
            from dltutor.tui.app.screens.picker import LabPicker

            self.app.push_screen(LabPicker(labs), self._picked)

    def _picked(self, lab_id: str | None) -> None:
        if lab_id:
            self.app.open_lab(lab_id)

    def action_quiz(self) -> None:
        self.app.open_quiz(self.lesson.id)
