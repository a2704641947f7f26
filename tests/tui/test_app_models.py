"""Model playground and inspector: missing models explained, bundled samples classified,
the drawing canvas read as an image."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from dltutor.tui.app.app import DLTutorApp
from dltutor.tui.app.data.models import model_status
from dltutor.tui.app.screens.inspector import InspectorScreen
from dltutor.tui.app.screens.models import ModelsScreen
from dltutor.tui.app.screens.playground import PlaygroundScreen
from dltutor.tui.app.widgets.canvas import DrawingCanvas

SAMPLES = Path(__file__).resolve().parents[2] / "models_onnx" / "samples"


async def test_missing_model_says_how_to_get_it(no_models: Path, notes: list[str]) -> None:
    app = DLTutorApp(lang="en")
    async with app.run_test(size=(80, 24), message_hook=notes) as pilot:
        await pilot.press("m")
        await pilot.pause()
        assert isinstance(app.screen, ModelsScreen)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, PlaygroundScreen)
        text = str(app.screen.query_one("#play-result").content)
        assert "dltutor models train fashion-cnn" in text
        app.screen.query_one("#image-path").value = str(SAMPLES / "fashion-bag.png")
        app.screen.query_one("#image-path").focus()
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert any("fashion-cnn" in note for note in notes)
        await pilot.press("escape", "i")
        await pilot.pause()
        assert isinstance(app.screen, InspectorScreen)
        assert "dltutor models train" in str(app.screen.query_one("#card-view").content)


@pytest.mark.parametrize(
    ("model", "sample", "label"),
    [
        ("fashion-cnn", "fashion-trouser.png", "trouser"),
        ("digits-cnn", "digit-7.png", "7"),
    ],
)
async def test_classify_a_bundled_sample(model: str, sample: str, label: str) -> None:
    if model_status(model) == "missing" or not (SAMPLES / sample).is_file():
        pytest.skip(f"{model} or {sample} is not built yet")
    app = DLTutorApp(lang="en")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        app.push_screen(PlaygroundScreen(model))
        await pilot.pause()
        screen = app.screen
        screen.query_one("#image-path").value = str(SAMPLES / sample)
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        shot = app.export_screenshot().replace("&#160;", " ")
        assert "latency" in shot
        size = "8×8" if model == "digits-cnn" else "28×28"
        assert f"model input {size}" in shot
        top = screen.query_one("#play-result").content
        assert f"{label}" in shot.lower(), top


def pen_keys(cells: list[tuple[int, int]], start: tuple[int, int]) -> list[str]:
    """Keys that move the canvas cursor from `start` through `cells` (x, y), inking each."""
    keys, (x, y) = [], start
    for tx, ty in cells:
        keys += ["right" if tx > x else "left"] * abs(tx - x)
        keys += ["down" if ty > y else "up"] * abs(ty - y)
        keys.append("space")
        x, y = tx, ty
    return keys


DRAWN_DIGITS = {  # pixels of the 28x28 canvas
    "1": [(14, y) for y in range(4, 24)],
    "7": [(x, 4) for x in range(6, 22)] + [(21 - i // 2, 5 + i) for i in range(19)],
    "4": [(8, y) for y in range(4, 16)]
    + [(x, 16) for x in range(8, 24)]
    + [(18, y) for y in range(8, 26)],
}


@pytest.mark.skipif(model_status("mnist-cnn") == "missing", reason="mnist-cnn is not built yet")
@pytest.mark.parametrize("digit", sorted(DRAWN_DIGITS))
async def test_drawing_a_digit_classifies_it(digit: str) -> None:
    app = DLTutorApp(lang="en")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        app.push_screen(PlaygroundScreen("mnist-cnn"))
        await pilot.pause()
        canvas = app.screen.query_one(DrawingCanvas)
        canvas.focus()
        await pilot.press(*pen_keys(DRAWN_DIGITS[digit], canvas.cursor))
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.screen.shown.result["label"] == digit
        shot = app.export_screenshot().replace("&#160;", " ")
        assert "latency" in shot and f"{digit}  (" in shot


async def test_canvas_draws_with_keys_and_clears() -> None:
    app = DLTutorApp(lang="en")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        canvas = DrawingCanvas()
        await app.screen.mount(canvas)
        canvas.focus()
        await pilot.pause()
        assert canvas.pixels.shape == (28, 28)
        assert (canvas.size.width, canvas.size.height) == (28, 14)
        await pilot.press("space")
        one = float(canvas.pixels.sum())
        assert canvas.pixels.max() == 1.0 and 3 < one < 6  # a round dab, about 3 px across
        await pilot.press("right", "right", "right", "right", "right", "space")
        assert canvas.pixels.sum() == pytest.approx(2 * one)  # two dabs, not overlapping
        assert canvas.pixels.dtype == np.float32
        await pilot.press("x")
        assert canvas.pixels.sum() == pytest.approx(one)  # the second dab erased
        await pilot.press("c")
        assert canvas.pixels.sum() == 0
