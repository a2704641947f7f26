"""The exercises screen: each exercise's status, its task and hints, and the last check.

Checks never run in the app: a watch loop in a worker thread runs them in the sandbox, on
`c`, and whenever an exercise file in the folder is saved (by `e`, which opens $VISUAL or
$EDITOR with the app suspended, or by any other editor). `s` stops a running check.
"""

from __future__ import annotations

import contextlib
import os
import re
import shlex
import subprocess
from typing import TYPE_CHECKING

from rich.markup import escape
from rich.text import Text
from textual import work
from textual.app import ComposeResult, SuspendNotSupported
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Header, OptionList, Static
from textual.widgets.option_list import Option

from dltutor.lessons.catalog import join_cjk_lines
from dltutor.lessons.exercises import Exercise, all_exercises, exercises_for
from dltutor.lessons.exercises.texts import TEXTS
from dltutor.lessons.exercises.watch import WatchEvent, WatchLoop
from dltutor.lessons.exercises.workspace import Workspace, WorkspaceError
from dltutor.lessons.words import Words

if TYPE_CHECKING:
    from dltutor.lessons.exercises.runner import CheckReport
    from dltutor.lessons.progress.store import ProgressStore

WORDS = Words(
    "app-exercises",
    {
        "en": {
            "title": "Exercises",
            "title_lesson": "Exercises · lesson {lesson}",
            "file": "Your file: {path}",
            "no_file": "Press e to write the starting file and open it in your editor.",
            "implements": "You write: {names}",
            "hints": "Hints",
            "no_hints": "h shows a hint, one at a time.",
            "checking": "Checking {id} …",
            "not_checked": "Not checked yet: c checks your file; saving it checks it too.",
            "no_editor": "Set $VISUAL or $EDITOR to open files from here; your file is {path}",
            "editor_failed": "The editor did not start: {error}",
            "started_file": "Wrote {path}",
            "passed_next": "Passed! Choose the next exercise on the left.",
        },
        "ja": {
            "title": "演習",
            "title_lesson": "演習 · レッスン {lesson}",
            "file": "あなたのファイル：{path}",
            "no_file": "e キーで最初のファイルを作り、エディターで開きます。",
            "implements": "書くもの：{names}",
            "hints": "ヒント",
            "no_hints": "h キーでヒントを 1 つずつ表示します。",
            "checking": "{id} をチェックしています…",
            "not_checked": "まだチェックしていません。c キーでチェックします。保存してもチェックされます。",
            "no_editor": "ここからファイルを開くには $VISUAL か $EDITOR を設定してください。ファイル：{path}",
            "editor_failed": "エディターを起動できませんでした：{error}",
            "started_file": "{path} を作成しました",
            "passed_next": "合格です。左の一覧から次の演習を選びましょう。",
        },
    },
)
MARKS = {"passed": "✓", "failed": "✗", "started": "•", "new": " "}

BULLET = re.compile(r"^(\s*)[-*] ", re.MULTILINE)


def _prose(text: str, lang: str) -> str:
    """Japanese set for a terminal that wraps at spaces: lines joined, no spaces beside
    Japanese text (as the lessons are) and list items led by ・, so it folds evenly instead
    of at every Latin word."""
    if lang != "ja":
        return text
    return BULLET.sub(r"\1・", join_cjk_lines(text))


class ExercisesScreen(Screen[None]):
    """A list on the left, the selected exercise and its last check on the right."""

    BINDINGS = [
        Binding("escape", "app.pop_screen", "Back"),
        Binding("c", "check", "Check"),
        Binding("e", "edit", "Edit"),
        Binding("h", "hint", "Hint"),
        Binding("s", "stop", "Stop", show=False),
        Binding("L", "app.toggle_language", "Language", show=False),
    ]

    def __init__(self, lesson: str | None = None, workspace: Workspace | None = None) -> None:
        super().__init__()
        self.lesson = lesson
        self.exercises = exercises_for(lesson) if lesson else list(all_exercises())
        self.workspace = workspace or Workspace()
        self.reports: dict[str, CheckReport] = {}
        self.checking: str | None = None
        self.loop = WatchLoop(
            self.workspace, self.app.lang, self._from_loop, hints_shown=self._hints_used
        )

    @property
    def store(self) -> ProgressStore | None:
        return getattr(self.app, "store", None)

    @property
    def selected(self) -> Exercise:
        index = self.query_one("#exercise-list", OptionList).highlighted or 0
        return self.exercises[index]

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal():
            yield OptionList(id="exercise-list")
            with VerticalScroll(id="exercise-detail"):
                yield Static(id="exercise-task")
                yield Static(id="exercise-result")
        yield Footer()

    def on_mount(self) -> None:
        self.refresh_list()
        self.query_one("#exercise-list", OptionList).focus()
        self._watch()

    def on_unmount(self) -> None:
        self.loop.stop()

    @work(thread=True, exclusive=True, group="exercise-watch")
    def _watch(self) -> None:
        self.loop.run()

    def language_changed(self) -> None:
        self.loop.lang = self.app.lang
        self.refresh_list()

    # --- drawing --------------------------------------------------------------------------

    def _stats(self) -> dict:
        from dltutor.lessons.progress.exercise_log import exercise_stats

        try:
            return exercise_stats(self.store) if self.store is not None else {}
        except Exception:  # a locked store must not stop the screen
            return {}

    def refresh_list(self) -> None:
        lang = self.app.lang
        self.title = (
            WORDS.get(lang, "title_lesson", lesson=self.lesson)
            if self.lesson
            else WORDS.get(lang, "title")
        )
        stats = self._stats()
        listing = self.query_one("#exercise-list", OptionList)
        highlighted = listing.highlighted
        listing.clear_options()
        for e in self.exercises:
            status = self.workspace.status(e, stats)
            line = Text(f"{MARKS[status]} {e.id}  ", style="green" if status == "passed" else "")
            line.append(_prose(e.title(lang), lang), style="bold" if status != "passed" else "")
            listing.add_option(Option(line, id=e.id))
        listing.highlighted = highlighted or 0
        self.show_selected()

    def show_selected(self) -> None:
        lang, exercise = self.app.lang, self.selected
        path = self.workspace.path(exercise)
        shown = self._hints_used(exercise)
        lines = [
            f"[b]{escape(exercise.id)} · {escape(exercise.title(lang))}[/b]",
            "",
            escape(exercise.task(lang)),
            "",
            TEXTS.get(lang, f"status.{self.workspace.status(exercise, self._stats())}"),
            WORDS.get(lang, "implements", names=", ".join(exercise.implements)),
            escape(
                WORDS.get(lang, "file", path=path) if path.exists() else WORDS.get(lang, "no_file")
            ),
            "",
            f"[b]{WORDS.get(lang, 'hints')}[/b]",
        ]
        hints = exercise.hints(lang)[:shown]
        lines += [f"{n}. {escape(h)}" for n, h in enumerate(hints, 1)] or [
            WORDS.get(lang, "no_hints")
        ]
        self.query_one("#exercise-task", Static).update("\n".join(_prose(x, lang) for x in lines))
        self._show_result(exercise)

    def _show_result(self, exercise: Exercise) -> None:
        lang = self.app.lang
        widget = self.query_one("#exercise-result", Static)
        if self.checking == exercise.id:
            widget.update(WORDS.get(lang, "checking", id=exercise.id))
            return
        report = self.reports.get(exercise.id)
        if report is None:
            widget.update(WORDS.get(lang, "not_checked"))
            return
        lines = []
        for item in report.items:
            mark = "[green]✓[/]" if item.passed else "[red]✗[/]"
            lines.append(f"{mark} {escape(item.name)}")
            lines += [f"    {escape(line)}" for line in item.message.splitlines()]
        style = "green" if report.passed else "red"
        lines.append(f"[b {style}]{escape(report.summary(lang))}[/]")
        if report.passed:
            lines.append(WORDS.get(lang, "passed_next"))
        widget.update("\n".join(lines))

    def on_option_list_option_highlighted(self, _event: OptionList.OptionHighlighted) -> None:
        self.show_selected()

    def on_option_list_option_selected(self, _event: OptionList.OptionSelected) -> None:
        self.action_check()

    # --- checks (run by the watch loop's thread; results come back here) --------------------

    def _from_loop(self, event: WatchEvent) -> None:
        with contextlib.suppress(RuntimeError):  # the app closed while a check ran
            self.app.call_from_thread(self._loop_event, event)

    def _loop_event(self, event: WatchEvent) -> None:
        exercise = event.exercise
        if event.kind == "checking":
            self.checking = exercise.id
        elif event.report is not None:
            self.checking = None
            self.reports[exercise.id] = event.report
            self._record(exercise, event.report)
        if exercise in self.exercises:
            self.query_one("#exercise-list", OptionList).highlighted = self.exercises.index(
                exercise
            )
        self.refresh_list()

    def _record(self, exercise: Exercise, report: CheckReport) -> None:
        from dltutor.lessons.progress.exercise_log import record_attempt

        if self.store is None or report.items[0].name == "stopped":
            return
        try:
            record_attempt(self.store, exercise.id, exercise.lesson, report.passed, report.mistakes)
        except Exception as error:  # the check still shows when the store refuses a write
            self.notify(str(error), severity="warning")

    def _hints_used(self, exercise: Exercise) -> int:
        from dltutor.lessons.progress.exercise_log import hints_used

        try:
            return hints_used(self.store, exercise.id) if self.store is not None else 0
        except Exception:
            return 0

    def action_check(self) -> None:
        exercise = self.selected
        if not self.workspace.path(exercise).exists():
            self.notify(WORDS.get(self.app.lang, "no_file"))
            return
        self.loop.check(exercise)

    def action_stop(self) -> None:
        self.loop.stop_check()

    def action_hint(self) -> None:
        from dltutor.lessons.progress.exercise_log import use_hint

        exercise = self.selected
        if self.store is not None:
            use_hint(self.store, exercise.id, exercise.lesson, len(exercise.hints("en")))
        self.show_selected()

    def action_edit(self) -> None:
        """Open the file in the learner's editor with the app suspended; check on return."""
        lang, exercise = self.app.lang, self.selected
        try:
            started = self.workspace.start(exercise, lang)
        except WorkspaceError as error:
            self.notify(str(error), severity="error")
            return
        editor = os.environ.get("VISUAL") or os.environ.get("EDITOR")
        if not editor:
            self.notify(WORDS.get(lang, "no_editor", path=started.path), timeout=10)
            self.refresh_list()
            return
        try:
            with self.app.suspend():
                subprocess.run([*shlex.split(editor), str(started.path)], check=False)
        except (OSError, ValueError, SuspendNotSupported) as error:
            self.notify(WORDS.get(lang, "editor_failed", error=error), severity="error")
            return
        self.loop.check(exercise)
