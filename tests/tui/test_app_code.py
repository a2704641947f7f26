"""Running a lesson's blocks in the reader, at 80×24: output under the block, stated outputs
matched, an endless loop stopped, an edited copy kept and reset."""

from __future__ import annotations

from pathlib import Path

from dltutor.lessons.runner import edits
from dltutor.tui.app.app import DLTutorApp
from dltutor.tui.app.screens.lesson import LessonScreen
from dltutor.tui.app.widgets.code_cell import CodeCell


async def _open(app: DLTutorApp, pilot, key: str) -> list[CodeCell]:
    app.open_lesson(key)
    for _ in range(100):
        await pilot.pause(0.05)
        if isinstance(app.screen, LessonScreen) and app.screen._cells:
            return [app.screen._cells[i] for i in sorted(app.screen._cells)]
    raise AssertionError("the lesson's cells never appeared")


async def _wait_idle(app: DLTutorApp, pilot, seconds: float = 30.0) -> None:
    for _ in range(int(seconds / 0.05)):
        await pilot.pause(0.05)
        if not app.screen.running:
            return
    raise AssertionError("the run did not end")


def _output(cell: CodeCell) -> str:
    return str(cell.query_one("#cell-output").render())


async def test_a_block_runs_where_it_is_read() -> None:
    app = DLTutorApp(lang="en")
    async with app.run_test(size=(80, 24)) as pilot:
        cells = await _open(app, pilot, "04-backprop")
        await pilot.press("c")
        assert app.focused is cells[0]
        await pilot.press("r")
        await _wait_idle(app, pilot)
        assert "20.0 4.0 4.0 5.0" in _output(cells[0])
        assert "✓ matches" in _output(cells[0])
        assert not cells[0].has_class("-failed")


async def test_run_all_up_to_here_runs_the_blocks_above_first() -> None:
    app = DLTutorApp(lang="en")
    async with app.run_test(size=(80, 24)) as pilot:
        cells = await _open(app, pilot, "02-neural-networks")
        cells[2].focus()
        await pilot.press("a")
        await _wait_idle(app, pilot)
        assert all(_output(cell) for cell in cells[:3])
        assert not _output(cells[3])
        assert not any(cell.has_class("-failed") for cell in cells[:3])


async def test_an_endless_loop_is_stopped_and_the_edit_can_be_reset(dltutor_home: Path) -> None:
    edits.prepare("00", "en", 1, "print('looping')\nwhile True:\n    pass\n")
    app = DLTutorApp(lang="en")
    async with app.run_test(size=(80, 24)) as pilot:
        cells = await _open(app, pilot, "00-welcome")
        cells[0].focus()
        assert "while True" in cells[0].code
        await pilot.press("r")
        for _ in range(100):
            await pilot.pause(0.05)
            if "looping" in _output(cells[0]):
                break
        assert app.screen.running
        await pilot.press("s")
        await _wait_idle(app, pilot, 10.0)
        assert "stopped" in _output(cells[0])
        await pilot.press("z")
        assert cells[0].code == cells[0].lesson_code
        assert edits.edited("00", "en", 1) is None
        await pilot.press("r")
        await _wait_idle(app, pilot)
        assert "✓" in _output(cells[0]) and not cells[0].has_class("-failed")
