"""The lab screen: keys answer while a lab trains, stop works, runs are compared and saved.

How fast keys answer is measured by `python -m dltutor.tui.app.bench`-style benchmarks, not
here: this test checks that they answer at all while training runs in its worker."""

from __future__ import annotations

from dltutor.tui.app.app import DLTutorApp
from dltutor.tui.app.screens.lab import LabScreen


async def test_keys_are_handled_while_training() -> None:
    app = DLTutorApp(lang="en")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        app.open_lab("07-overfitting")
        await pilot.pause()
        lab = app.screen
        assert isinstance(lab, LabScreen)
        handled: list[int] = []
        original = app.action_focus_next

        def focus_next() -> None:  # records that the key's action ran
            handled.append(1)
            original()

        app.action_focus_next = focus_next  # type: ignore[method-assign]
        lab.query_one("#knob-epochs").value = "1000"  # long enough to still run after the keys
        await pilot.press("ctrl+r")
        await pilot.pause(0.3)
        assert lab.running
        for _ in range(5):
            await pilot.press("tab")
        # every key was answered, and the run is still going: the UI never waited on training
        assert len(handled) == 5
        assert lab.running, lab.query_one("#lab-status").content
        await pilot.press("ctrl+x")
        await app.workers.wait_for_complete()
        for _ in range(100):  # the worker stops at its next step
            await pilot.pause(0.05)
            if not lab.running:
                break
        assert not lab.running
        assert "stopped" in str(lab.query_one("#lab-status").content)
        assert app.store is not None and app.store.lab_runs() == []


async def test_second_run_keeps_the_first_beside_it() -> None:
    app = DLTutorApp(lang="en")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        app.open_lab("01-logic-gates")
        await pilot.pause()
        lab = app.screen
        await pilot.press("ctrl+r")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert not lab.query_one("#previous-run").display
        lab.query_one("#knob-gate").value = "and"
        await pilot.press("ctrl+r")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert lab.query_one("#previous-run").display
        previous = lab.query_one("#previous-view")
        assert previous.frame is not None
        runs = app.store.lab_runs("01-logic-gates")
        assert [r["knobs"]["gate"] for r in runs] == ["xor", "and"]


async def test_bad_knob_is_explained(notes: list[str]) -> None:
    app = DLTutorApp(lang="en")
    async with app.run_test(size=(80, 24), message_hook=notes) as pilot:
        await pilot.pause()
        app.open_lab("01-xor-boundary")
        await pilot.pause()
        lab = app.screen
        lab.query_one("#knob-epochs").value = "0"
        await pilot.press("ctrl+r")
        await pilot.pause()
        assert not lab.running
        assert any("epochs" in n for n in notes)
