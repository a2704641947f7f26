"""SVG snapshots of every screen at 80×24 and 120×40 (fixed seeds, no clocks, no latencies).

Update after an intended change with `pytest tests/tui/test_snapshots.py --snapshot-update`.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Input

from dltutor.lessons.quiz import build_quiz
from dltutor.tui.app.app import DLTutorApp
from dltutor.tui.app.screens.inspector import InspectorScreen
from dltutor.tui.app.screens.models import ModelsScreen
from dltutor.tui.app.screens.playground import PlaygroundScreen
from dltutor.tui.app.screens.quiz import QuizScreen

SIZES = [pytest.param((80, 24), id="80x24"), pytest.param((120, 40), id="120x40")]


@pytest.fixture(autouse=True)
def fixed_models(no_models: Path) -> Path:
    """No models installed: the model screens look the same on every machine."""
    return no_models


def make_app() -> DLTutorApp:
    return DLTutorApp(lang="en")


async def settle(pilot) -> None:
    """Workers done, and text cursors steady: a blinking cursor would make the picture
    depend on the moment it is taken."""
    await pilot.app.workers.wait_for_complete()
    for field in pilot.app.screen.query(Input):
        field.cursor_blink = False
    await pilot.pause(0.2)


@pytest.mark.parametrize("size", SIZES)
def test_home(snap_compare, size) -> None:
    assert snap_compare(make_app(), terminal_size=size, run_before=settle)


@pytest.mark.parametrize("size", SIZES)
def test_lesson(snap_compare, size) -> None:
    async def run_before(pilot) -> None:
        pilot.app.open_lesson("03-learning")
        await settle(pilot)

    assert snap_compare(make_app(), terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", SIZES)
def test_lesson_with_contents(snap_compare, size) -> None:
    async def run_before(pilot) -> None:
        pilot.app.open_lesson("05-optimizers")
        await settle(pilot)
        await pilot.press("t")
        await settle(pilot)

    assert snap_compare(make_app(), terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", SIZES)
def test_help(snap_compare, size) -> None:
    assert snap_compare(make_app(), terminal_size=size, press=["question_mark"], run_before=settle)


def _quiz(pilot) -> QuizScreen:
    session = build_quiz("03", n=4, seed=7, generated=False, lang="en", store=pilot.app.store)
    return QuizScreen(session)


@pytest.mark.parametrize("size", SIZES)
def test_quiz_question(snap_compare, size) -> None:
    async def run_before(pilot) -> None:
        pilot.app.push_screen(_quiz(pilot))
        await settle(pilot)

    assert snap_compare(make_app(), terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", SIZES)
def test_quiz_feedback(snap_compare, size) -> None:
    async def run_before(pilot) -> None:
        quiz = _quiz(pilot)
        pilot.app.push_screen(quiz)
        await settle(pilot)
        shown = quiz.shown
        keys = (
            ["1", "enter"]
            if shown.question.type in ("numeric", "text")
            else (
                [shown.choices[0][0]]
                if shown.question.type == "single"
                else [letter for letter, _ in shown.choices] + ["enter"]
            )
        )
        await pilot.press(*keys)
        await settle(pilot)

    assert snap_compare(make_app(), terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", SIZES)
def test_lab_before_run(snap_compare, size) -> None:
    async def run_before(pilot) -> None:
        pilot.app.open_lab("05-optimizer-paths")
        await settle(pilot)

    assert snap_compare(make_app(), terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", SIZES)
def test_lab_two_runs(snap_compare, size) -> None:
    async def run_before(pilot) -> None:
        pilot.app.open_lab("01-logic-gates")
        await settle(pilot)
        await pilot.press("ctrl+r")
        await settle(pilot)
        pilot.app.screen.query_one("#knob-gate").value = "and"
        await pilot.press("ctrl+r")
        await settle(pilot)

    assert snap_compare(make_app(), terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", SIZES)
def test_models(snap_compare, size) -> None:
    async def run_before(pilot) -> None:
        pilot.app.push_screen(ModelsScreen())
        await settle(pilot)

    assert snap_compare(make_app(), terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", SIZES)
def test_playground_missing_model(snap_compare, size) -> None:
    async def run_before(pilot) -> None:
        pilot.app.push_screen(PlaygroundScreen("mnist-cnn"))
        await settle(pilot)

    assert snap_compare(make_app(), terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", SIZES)
def test_inspector_missing_model(snap_compare, size) -> None:
    async def run_before(pilot) -> None:
        pilot.app.push_screen(InspectorScreen("sst2-rnn"))
        await settle(pilot)

    assert snap_compare(make_app(), terminal_size=size, run_before=run_before)


# --- Japanese: the same screens with every word of the app in Japanese, at 80×24 ----------

JA = pytest.param((80, 24), id="ja-80x24")


@pytest.mark.parametrize("size", [JA])
def test_home_ja(snap_compare, size) -> None:
    assert snap_compare(DLTutorApp(lang="ja"), terminal_size=size, run_before=settle)


@pytest.mark.parametrize("size", [JA])
def test_lesson_ja(snap_compare, size) -> None:
    async def run_before(pilot) -> None:
        pilot.app.open_lesson("03-learning")
        await settle(pilot)

    assert snap_compare(DLTutorApp(lang="ja"), terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", [JA])
def test_quiz_feedback_ja(snap_compare, size) -> None:
    async def run_before(pilot) -> None:
        session = build_quiz("03", n=4, seed=7, generated=False, lang="ja", store=pilot.app.store)
        quiz = QuizScreen(session)
        pilot.app.push_screen(quiz)
        await settle(pilot)
        shown = quiz.shown
        kind = shown.question.type
        letters = [letter for letter, _ in shown.choices]
        keys = {
            "single": ["1"],  # numbers answer like letters
            "multi": ["1", "enter"],
            "order": [*letters, "enter"],
        }.get(kind, [*"600", "enter"])
        await pilot.press(*keys)
        await settle(pilot)

    assert snap_compare(DLTutorApp(lang="ja"), terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", [JA])
def test_lab_run_ja(snap_compare, size) -> None:
    async def run_before(pilot) -> None:
        pilot.app.open_lab("01-logic-gates")
        await settle(pilot)
        await pilot.press("ctrl+r")
        await settle(pilot)

    assert snap_compare(DLTutorApp(lang="ja"), terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", [JA])
def test_models_after_language_switch_ja(snap_compare, size) -> None:
    async def run_before(pilot) -> None:
        pilot.app.push_screen(ModelsScreen())
        await settle(pilot)
        await pilot.press("L")
        await settle(pilot)

    assert snap_compare(make_app(), terminal_size=size, run_before=run_before)
