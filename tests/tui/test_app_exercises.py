"""The exercises screen: reached from the course map and from a lesson, runs a check in the
sandbox from a worker thread, shows the failing case, hints, and re-checks on save."""

from __future__ import annotations

import contextlib
import time
from pathlib import Path

from textual.widgets import OptionList, Static

from dltutor.lessons.exercises import all_exercises, exercises_for, get_exercise
from dltutor.lessons.exercises.workspace import Workspace
from dltutor.lessons.progress.exercise_log import exercise_stats
from dltutor.tui.app.app import DLTutorApp
from dltutor.tui.app.screens.exercises import ExercisesScreen
from dltutor.tui.app.screens.lesson import LessonScreen


async def _until(pilot, condition, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline
        await pilot.pause(0.1)


def _text(screen, selector: str) -> str:
    return str(screen.query_one(selector, Static).render())


async def test_course_map_opens_every_exercise(dltutor_home: Path) -> None:
    app = DLTutorApp(lang="ja")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("x")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ExercisesScreen)
        assert screen.query_one(OptionList).option_count == len(all_exercises())
        # Japanese is shown as the lessons are: no spaces beside Japanese text
        assert all_exercises()[0].title("ja").replace(" ", "") in _text(screen, "#exercise-task")
        await pilot.press("escape")


async def test_a_lesson_opens_its_own_exercises(dltutor_home: Path) -> None:
    app = DLTutorApp(lang="en")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        app.push_screen(LessonScreen("02"))
        await pilot.pause()
        await pilot.press("x")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ExercisesScreen) and screen.lesson == "02"
        assert [e.id for e in screen.exercises] == [e.id for e in exercises_for("02")]
        assert {e.lesson for e in screen.exercises} == {"02"}


async def test_check_from_the_app_shows_the_failing_case_then_a_save_passes(
    dltutor_home: Path, monkeypatch
) -> None:
    monkeypatch.delenv("VISUAL", raising=False)
    monkeypatch.delenv("EDITOR", raising=False)
    softmax = get_exercise("02-softmax")
    workspace = Workspace(dltutor_home / "exercises")
    app = DLTutorApp(lang="en")
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        screen = ExercisesScreen("02", workspace=workspace)
        app.push_screen(screen)
        await pilot.pause()
        for _ in range([e.id for e in exercises_for("02")].index(softmax.id)):
            await pilot.press("down")  # to 02-softmax
        await pilot.press("e")  # no editor set: writes the file and says where it is
        await pilot.pause()
        path = workspace.path(softmax)
        assert path.read_text() == softmax.template("en")
        path.write_text(softmax.solution_code.replace("np.exp(a - c)", "np.exp(a)"))
        await pilot.press("c")
        await _until(
            pilot,
            lambda: (
                screen.checking is None
                and "no-max-shift" in getattr(screen.reports.get(softmax.id), "mistakes", [])
            ),
        )
        result = _text(screen, "#exercise-result")
        assert "input: a = [1010. 1000.  990.]" in result
        assert "Likely mistake: exp overflows for large inputs" in result
        await pilot.press("h")
        await pilot.pause()
        assert softmax.hints("en")[0] in _text(screen, "#exercise-task")
        path.write_text(softmax.solution_code)  # a save from another editor
        await _until(pilot, lambda: screen.checking is None and screen.reports[softmax.id].passed)
        assert "All 5 checks passed." in _text(screen, "#exercise-result")
        stats = exercise_stats(app.store)[softmax.id]
        assert stats["attempts"] >= 2 and stats["passes"] >= 1 and stats["hints"] == 1


async def test_edit_opens_the_editor_and_checks_on_return(dltutor_home: Path, monkeypatch) -> None:
    gates = get_exercise("01-gates")
    solution = dltutor_home.parent / "solution.py"
    solution.write_text(gates.solution_code)
    monkeypatch.delenv("VISUAL", raising=False)
    monkeypatch.setenv("EDITOR", f"cp {solution}")  # an "editor" that writes a solution
    # the headless test driver cannot suspend; a terminal can (the app hands it over)
    monkeypatch.setattr(DLTutorApp, "suspend", lambda self: contextlib.nullcontext())
    workspace = Workspace(dltutor_home / "exercises")
    app = DLTutorApp(lang="en")
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        screen = ExercisesScreen("01", workspace=workspace)
        app.push_screen(screen)
        await pilot.pause()
        await pilot.press("e")
        await _until(pilot, lambda: screen.checking is None and gates.id in screen.reports)
        assert screen.reports[gates.id].passed
        assert workspace.path(gates).read_text() == gates.solution_code
