"""The Textual app walked with Pilot as a new learner would: course map, lesson, lab, quiz."""

from __future__ import annotations

import json
from pathlib import Path

from textual.widgets import OptionList

from dltutor.lessons.progress.store import ProgressStore
from dltutor.tui.app.app import DLTutorApp
from dltutor.tui.app.screens.help import HelpScreen
from dltutor.tui.app.screens.home import HomeScreen
from dltutor.tui.app.screens.lab import LabScreen
from dltutor.tui.app.screens.lesson import LessonScreen
from dltutor.tui.app.screens.picker import LabPicker
from dltutor.tui.app.screens.quiz import QuizScreen


def answer_keys(shown) -> list[str]:
    """Keys that give a well-formed (not necessarily right) answer to any question type."""
    kind = shown.question.type
    letters = [letter for letter, _ in shown.choices]
    if kind == "single":
        return [letters[0]]
    if kind == "multi":
        return [letters[0], "enter"]
    if kind == "order":
        return [*letters, "enter"]
    return ["1", "enter"]


async def test_new_learner_walk(dltutor_home: Path) -> None:
    app = DLTutorApp(lang="en")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        # the course map starts at the first lesson
        listing = app.screen.query_one(OptionList)
        assert listing.highlighted == 0
        await pilot.press("down", "enter")
        await pilot.pause()
        assert isinstance(app.screen, LessonScreen)
        assert app.screen.lesson.key == "01-perceptron"
        await pilot.press("t")
        assert app.screen.viewer.show_table_of_contents
        await pilot.press("t")
        # the lesson has two labs: a picker, then the lab screen
        await pilot.press("l")
        await pilot.pause()
        assert isinstance(app.screen, LabPicker)
        await pilot.press("down", "enter")
        await pilot.pause()
        assert isinstance(app.screen, LabScreen)
        assert app.screen.lab.id == "01-xor-boundary"
        app.screen.query_one("#knob-epochs").value = "20"
        await pilot.press("ctrl+r")
        await app.workers.wait_for_complete()
        await pilot.pause()
        lab = app.screen
        assert not lab.running
        assert lab.frames_drawn >= 1
        assert "20/20" in str(lab.query_one("#lab-status").content)
        await pilot.press("escape")
        await pilot.pause()
        # back in the lesson: its quiz
        await pilot.press("q")
        await pilot.pause()
        quiz = app.screen
        assert isinstance(quiz, QuizScreen)
        assert quiz.shown is not None
        await pilot.press(*answer_keys(quiz.shown))
        await pilot.pause()
        assert quiz.mode == "feedback"
        assert quiz.feedback is not None
        assert quiz.feedback.explanation in str(quiz.query_one("#feedback").content)
        await pilot.press("escape", "escape")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        await pilot.press("q")
    assert app.return_code == 0
    store = ProgressStore.open(dltutor_home / "progress.db")
    try:
        assert set(store.lessons()) == {"01"}
        runs = store.lab_runs("01-xor-boundary")
        assert len(runs) == 1 and runs[0]["knobs"]["epochs"] == 20
        assert len(store.answers()) == 1
    finally:
        store.close()


async def test_help_opens_and_closes() -> None:
    app = DLTutorApp(lang="ja")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)


async def test_language_and_theme_are_remembered(dltutor_home: Path) -> None:
    app = DLTutorApp()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert app.lang == "en"
        await pilot.press("L", "t")
        await pilot.pause()
        assert app.lang == "ja"
        assert "レッスン" in str(app.screen.query_one("#status").content) or "ここから" in str(
            app.screen.query_one("#status").content
        )
        theme = app.theme
    again = DLTutorApp()
    async with again.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert again.lang == "ja"
        assert again.theme == theme


async def test_lesson_scroll_is_remembered_and_end_finishes_it(dltutor_home: Path) -> None:
    app = DLTutorApp(lang="en")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        app.open_lesson("02-neural-networks")
        await pilot.pause(0.3)
        lesson = app.screen
        assert isinstance(lesson, LessonScreen)
        assert not lesson.finished
        lesson.viewer.scroll_to(y=lesson.viewer.max_scroll_y // 2, animate=False)
        await pilot.pause()
        middle = lesson.viewer.scroll_y / lesson.viewer.max_scroll_y
        await pilot.press("escape")
        await pilot.pause()
        # the course map offers to continue there
        await pilot.press("c")
        await pilot.pause(0.3)
        again = app.screen
        assert isinstance(again, LessonScreen) and again.lesson.key == "02-neural-networks"
        assert abs(again.viewer.scroll_y / again.viewer.max_scroll_y - middle) < 0.05
        await pilot.press("end")
        await pilot.pause()
        assert again.finished
    store = ProgressStore.open(dltutor_home / "progress.db")
    try:
        assert store.lessons()["02"]["finished_at"]
    finally:
        store.close()


async def test_command_palette_lists_screens() -> None:
    from dltutor.tui.app.commands import DLTutorCommands

    app = DLTutorApp(lang="en")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        names = [name for name, _, _ in DLTutorCommands(app.screen)._commands()]
        for wanted in (
            "Course map",
            "Review due questions",
            "Model playground",
            "Model inspector",
            "Help: keys",
            "Lesson 03: Learning from data",
            "Lab 05-optimizer-paths",
        ):
            assert any(n.startswith(wanted) for n in names), wanted
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"Help: keys")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)


async def test_missing_lab_is_a_notification_not_a_crash(notes: list[str]) -> None:
    app = DLTutorApp(lang="en")
    async with app.run_test(size=(80, 24), message_hook=notes) as pilot:
        await pilot.pause()
        app.open_lab("no-such-lab")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert any("unknown lab" in note for note in notes)


async def test_unwritable_home_still_opens(tmp_path: Path, monkeypatch, notes: list[str]) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("DLTUTOR_HOME", str(blocker / "sub"))
    app = DLTutorApp(lang="en")
    async with app.run_test(size=(80, 24), message_hook=notes) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert app.store is None
        assert any("DLTUTOR_HOME" in note for note in notes)
        await pilot.press("r")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)


async def test_a_lesson_read_in_the_app_shows_in_dltutor_progress() -> None:
    from typer.testing import CliRunner

    from dltutor.lessons.catalog import lessons
    from dltutor.tui.cli.main import app as cli

    app = DLTutorApp(lang="en")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        app.open_lesson("04-backprop")
        await pilot.pause(0.3)
        assert isinstance(app.screen, LessonScreen)
        await pilot.press("escape")
        await pilot.pause()
    result = CliRunner().invoke(cli, ["progress", "--json", "--lang", "en"])
    assert result.exit_code == 0, result.output
    rows = json.loads(result.output)["lessons"]
    assert [row["lesson"] for row in rows] == [x.id for x in lessons("en")]
    assert {row["lesson"]: row["read"] for row in rows if row["read"]} == {"04": "opened"}


async def test_footer_words_survive_two_language_toggles() -> None:
    """ "Quit" and "Leave" are both 終了 in Japanese: toggling back must not mix them up."""
    app = DLTutorApp(lang="en")

    def footer() -> dict[str, str]:
        return {k: b.binding.description for k, b in app.screen.active_bindings.items()}

    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert footer()["q"] == "Quit" and footer()["L"] == "日本語"
        await pilot.press("L")
        await pilot.pause()
        assert footer()["q"] == "終了" and footer()["L"] == "English"
        await pilot.press("L")
        await pilot.pause()
        assert footer()["q"] == "Quit" and footer()["L"] == "日本語"
