"""The lesson reader: Markdown with a table of contents, the scroll position remembered,
the lesson's lab (`l`) and quiz (`q`) one key away, finished when read to the end.

Its Python blocks run like notebook cells in the lesson's own kernel (a child process,
started at the first run and ended when the reader closes); a thread worker feeds the
kernel and posts what it prints, and the cells show it."""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
from typing import TYPE_CHECKING

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.css.query import NoMatches
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Footer, Header

from dltutor.lessons.catalog import get_lesson
from dltutor.lessons.page import lesson_page
from dltutor.lessons.runner import edits
from dltutor.lessons.runner.blocks import CodeBlock
from dltutor.lessons.runner.cell import BlockResult, run_cell
from dltutor.lessons.runner.kernel import Kernel, KernelError
from dltutor.tui.app.strings import WORDS
from dltutor.tui.app.widgets.code_cell import WORDS as CODE_WORDS
from dltutor.tui.app.widgets.code_cell import CodeCell
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
        Binding("x", "exercises", "Exercises"),
        Binding("j", "scroll_down", "Down", show=False),
        Binding("k", "scroll_up", "Up", show=False),
        Binding("space", "page_down", "Page", show=False),
        Binding("c", "next_cell", "Code"),
        Binding("R", "restart_kernel", "Restart", show=False),
        Binding("L", "app.toggle_language", "Language", show=False),
    ]

    class CellOutput(Message):
        """Text a running block printed."""

        def __init__(self, index: int, text: str) -> None:
            super().__init__()
            self.index, self.text = index, text

    class CellStarted(Message):
        def __init__(self, index: int) -> None:
            super().__init__()
            self.index = index

    class CellFinished(Message):
        def __init__(self, result: BlockResult) -> None:
            super().__init__()
            self.result = result

    class RunEnded(Message):
        """The worker is done with the kernel (or could not start it: `error`)."""

        def __init__(self, error: str | None = None) -> None:
            super().__init__()
            self.error = error

    def __init__(self, lesson_key: str, section: str | None = None) -> None:
        super().__init__()
        self.lesson = get_lesson(lesson_key, self.app.lang)
        self.section = section
        self.finished = False
        self._ready = False
        self._tries = 0
        self.kernel: Kernel | None = None
        self.running = False
        self._stop = False
        self._cells: dict[int, CodeCell] = {}

    def _markdown(self) -> str:
        return lesson_page(self.lesson)

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
        lang = self.app.lang
        self._cells = {cell.index: cell for cell in self.viewer.document.cells()}
        for cell in self._cells.values():
            copy = edits.edited(self.lesson.id, lang, cell.index)
            cell.show_code(copy or cell.lesson_code, edited=copy is not None)
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
        if self.kernel is not None:
            self.kernel.close()

    # Running blocks -------------------------------------------------------------------

    def on_code_cell_run(self, message: CodeCell.Run) -> None:
        if self.running:
            self.notify(CODE_WORDS.get(self.app.lang, "busy"))
            return
        last = message.cell.index
        chosen = (
            [self._cells[i] for i in sorted(self._cells) if i <= last]
            if message.upto
            else [message.cell]
        )
        for cell in chosen:
            cell.start(waiting=cell is not chosen[0])
        self.running, self._stop = True, False
        self._run_blocks([CodeBlock(cell.index, cell.code) for cell in chosen])

    @work(thread=True, exclusive=True, group="code")
    def _run_blocks(self, blocks: list[CodeBlock]) -> None:
        """Feed the kernel one block at a time; never touches a widget."""
        if self.kernel is None:
            self.kernel = Kernel()
        error = None
        try:
            for block in blocks:
                if self._stop:
                    break
                self.post_message(self.CellStarted(block.index))
                for item in run_cell(
                    self.kernel, block, f"lesson {self.lesson.id} block {block.index}"
                ):
                    if isinstance(item, BlockResult):
                        self.post_message(self.CellFinished(item))
                        self._stop = self._stop or not item.ok
                    else:
                        self.post_message(self.CellOutput(block.index, item))
        except KernelError as failure:
            error = str(failure)
        self.post_message(self.RunEnded(error))

    def on_lesson_screen_cell_started(self, message: CellStarted) -> None:
        if cell := self._cells.get(message.index):
            cell.start()

    def on_lesson_screen_cell_output(self, message: CellOutput) -> None:
        if cell := self._cells.get(message.index):
            cell.append(message.text)

    def on_lesson_screen_cell_finished(self, message: CellFinished) -> None:
        if cell := self._cells.get(message.result.index):
            cell.finish(message.result, self.kernel.time_limit if self.kernel else 0.0)

    def on_lesson_screen_run_ended(self, message: RunEnded) -> None:
        self.running = False
        for cell in self._cells.values():
            cell.cancel_waiting()
        if message.error:
            self.notify(
                CODE_WORDS.get(self.app.lang, "kernel_failed", error=message.error),
                severity="error",
            )

    def on_code_cell_stop(self, message: CodeCell.Stop) -> None:
        self._stop = True
        if self.kernel is not None:
            self.kernel.interrupt()

    def on_code_cell_edit(self, message: CodeCell.Edit) -> None:
        cell, lang = message.cell, self.app.lang
        if self.running:
            self.notify(CODE_WORDS.get(lang, "busy"))
            return
        path = edits.prepare(self.lesson.id, lang, cell.index, cell.code)
        editor = (
            os.environ.get("VISUAL")
            or os.environ.get("EDITOR")
            or shutil.which("nano")
            or shutil.which("vi")
        )
        if not editor:
            self.notify(CODE_WORDS.get(lang, "no_editor"), severity="error")
            return
        try:
            with self.app.suspend():
                subprocess.run([*shlex.split(editor), str(path)], check=False)
        except Exception:  # noqa: BLE001 — headless or unsupported terminals cannot suspend
            self.notify(CODE_WORDS.get(lang, "no_suspend", path=path), severity="warning")
            return
        cell.show_code(
            edits.edited(self.lesson.id, lang, cell.index) or cell.lesson_code, edited=True
        )
        cell.action_run()

    def on_code_cell_reset(self, message: CodeCell.Reset) -> None:
        cell = message.cell
        edits.reset(self.lesson.id, self.app.lang, cell.index)
        cell.show_code(cell.lesson_code, edited=False)

    def action_next_cell(self) -> None:
        """Focus the next Python block below the focused one (or below the top of the view)."""
        cells = [self._cells[i] for i in sorted(self._cells)]
        focused = self.focused
        if isinstance(focused, CodeCell) and focused in cells:
            later = cells[cells.index(focused) + 1 :]
        else:
            top = self.viewer.scroll_y
            later = [c for c in cells if c.virtual_region.y >= top]
        if later:
            later[0].focus()
            self.viewer.scroll_to_widget(later[0], top=True, animate=False)

    def action_restart_kernel(self) -> None:
        if self.kernel is not None:
            self._stop = True
            self.kernel.close()
            self.kernel = None
        self.notify(CODE_WORDS.get(self.app.lang, "kernel_restarted"))

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

    def action_exercises(self) -> None:
        self.app.open_exercises(self.lesson.id)
