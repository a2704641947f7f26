"""The Textual app walked with Pilot: open a lesson, go back, quit."""

from __future__ import annotations

from textual.widgets import MarkdownViewer, OptionList

from dltutor.tui.app.app import DLTutorApp
from dltutor.tui.app.screens.help import HelpScreen
from dltutor.tui.app.screens.home import HomeScreen
from dltutor.tui.app.screens.lesson import LessonScreen


async def test_open_lesson_go_back_and_quit() -> None:
    app = DLTutorApp(lang="en")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        app.screen.query_one(OptionList).focus()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, LessonScreen)
        assert app.screen.lesson.key == "00-welcome"
        assert app.screen.query_one(MarkdownViewer)
        await pilot.press("t")
        assert app.screen.query_one(MarkdownViewer).show_table_of_contents
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        await pilot.press("q")
    assert app.return_code == 0


async def test_help_opens_and_closes() -> None:
    app = DLTutorApp(lang="ja")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
