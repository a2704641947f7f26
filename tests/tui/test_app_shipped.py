"""The model screens with the shipped models: the inspector's graph table, the sentiment
demo, streamed generation with its temperature and seed, and the digit canvas."""

from __future__ import annotations

import pytest
from textual.widgets import DataTable

from dltutor.tui.app.app import DLTutorApp
from dltutor.tui.app.data.models import model_status
from dltutor.tui.app.screens.inspector import InspectorScreen
from dltutor.tui.app.screens.playground import PlaygroundScreen
from dltutor.tui.app.widgets.canvas import DrawingCanvas


def need(name: str) -> None:
    if model_status(name) == "missing":
        pytest.skip(f"{name} is not built in models_onnx/")


async def settle(pilot) -> None:
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def test_inspector_lists_every_op_with_shapes_and_parameters() -> None:
    need("digits-cnn")
    import onnx

    from dltutor.engine.inference.cards import load_card, model_path

    card = load_card("digits-cnn")
    graph = onnx.load(str(model_path(card))).graph
    app = DLTutorApp(lang="en")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        app.push_screen(InspectorScreen("digits-cnn"))
        await settle(pilot)
        table = app.screen.query_one(DataTable)
        rows = [[str(cell) for cell in table.get_row_at(i)] for i in range(table.row_count)]
        assert [r[0] for r in rows] == [node.op_type for node in graph.node]
        conv = rows[0]
        assert conv[0] == "Conv" and conv[2].startswith("(") and conv[2].endswith(", 8, 8)")
        assert rows[-1][2].endswith(", 10)")  # the classes
        total = sum(int(r[3].replace(",", "")) for r in rows if r[3])
        assert total == card["params"]  # learned weights only, like the card
        summary = str(app.screen.query_one("#graph-summary").content)
        assert f"{len(graph.node)} nodes · {card['params']:,} trainable parameters" in summary
        assert "batch-norm statistics" in summary and "✓" in summary
        # columns are as wide as their contents: nothing cut short
        shot = app.export_screenshot().replace("&#160;", " ")
        assert "BatchNormalization" in shot
        assert "data set" in str(app.screen.query_one("#card-view").content)


@pytest.mark.parametrize(
    ("sentence", "label"),
    [
        ("a wonderful, moving and beautifully acted film", "positive"),
        ("a dull, boring and painfully bad movie", "negative"),
    ],
)
async def test_sentiment_demo_labels_a_clear_sentence(sentence: str, label: str) -> None:
    need("sst2-rnn")
    app = DLTutorApp(lang="en")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = PlaygroundScreen("sst2-rnn")
        app.push_screen(screen)
        await pilot.pause()
        screen.query_one("#sentence").value = sentence
        for _ in range(50):  # the demo waits for typing to pause before it classifies
            await pilot.pause(0.05)
            await settle(pilot)
            if screen.shown is not None:
                break
        assert screen.shown is not None and screen.shown.result is not None
        assert screen.shown.result["label"] == label
        assert str(screen.query_one("#play-result").content).startswith(label) or label in (
            app.export_screenshot()
        )


async def generate(pilot, screen: PlaygroundScreen, temperature: str, seed: str) -> str:
    screen.query_one("#prompt").value = "ROMEO:"
    screen.query_one("#temperature").value = temperature
    screen.query_one("#length").value = "80"
    screen.query_one("#seed").value = seed
    screen.query_one("#prompt").focus()
    await pilot.press("enter")
    await settle(pilot)
    return screen.generated


async def test_generation_streams_reproducibly_and_temperature_matters(monkeypatch) -> None:
    need("shakespeare-char")
    arrived: list[str] = []
    original = PlaygroundScreen.on_playground_screen_generated

    def record(self: PlaygroundScreen, message: PlaygroundScreen.Generated) -> None:
        arrived.append(message.text)
        original(self, message)

    monkeypatch.setattr(PlaygroundScreen, "on_playground_screen_generated", record)
    app = DLTutorApp(lang="en")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = PlaygroundScreen("shakespeare-char")
        app.push_screen(screen)
        await pilot.pause()
        first = await generate(pilot, screen, "0.8", "3")
        assert first.startswith("ROMEO:") and len(first) == len("ROMEO:") + 80
        assert "".join(arrived) == first[len("ROMEO:") :]  # every character came as a message
        assert str(screen.query_one("#play-result").content) == first
        status = str(screen.query_one("#play-status").content)
        assert "80 characters" in status and "seed 3" in status
        assert await generate(pilot, screen, "0.8", "3") == first  # same seed, same text
        assert await generate(pilot, screen, "0.8", "4") != first
        assert await generate(pilot, screen, "2.0", "3") != first  # hotter: other picks
        await pilot.press("ctrl+o")  # not an image model: the key does nothing
        assert not screen.query("#file-tree")


def seven_keys(left: int, top: int) -> list[str]:
    """Keys that draw a 7 from the cursor at (left, top): a bar, then a slanted stem."""
    bar = ["space"] + ["right", "space"] * 12
    stem = []
    for step in range(18):  # down 18 pixels, 8 to the left
        stem += ["down", "space"] + (["left", "space"] if step % 9 in (1, 3, 5, 7) else [])
    return bar + stem


async def test_drawing_a_one_and_a_seven_is_classified_live() -> None:
    """A 1 drawn with the mouse and a 7 drawn with the keys, on the 28x28 canvas."""
    need("mnist-cnn")
    app = DLTutorApp(lang="en")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        screen = PlaygroundScreen("mnist-cnn")
        app.push_screen(screen)
        await pilot.pause()
        canvas = screen.query_one(DrawingCanvas)
        assert (canvas.size.width, canvas.size.height) == (28, 14)  # half blocks: 2 rows a cell
        await pilot.mouse_down(canvas, offset=(15, 2))
        for row in range(3, 12):  # a slightly slanted stroke, top to bottom
            await pilot.hover(canvas, offset=(15 - row // 5, row))
        await pilot.mouse_up(canvas, offset=(13, 12))
        await settle(pilot)
        assert canvas.pixels.max() == 1.0
        soft = (canvas.pixels > 0) & (canvas.pixels < 1)
        assert soft.any()  # the brush has a soft rim
        result = screen.shown.result if screen.shown else None
        assert result is not None and result["label"] == "1", result
        shot = app.export_screenshot().replace("&#160;", " ")
        assert "latency" in shot and "model input 28×28" in shot

        canvas.focus()
        await pilot.press("c")
        await settle(pilot)
        assert canvas.pixels.sum() == 0 and screen.shown is None
        canvas.cursor = (6, 4)
        await pilot.press(*seven_keys(6, 4))
        await settle(pilot)
        result = screen.shown.result if screen.shown else None
        assert result is not None and result["label"] == "7", result


async def test_model_screens_switch_to_japanese() -> None:
    need("digits-cnn")
    app = DLTutorApp(lang="en")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("m")
        await pilot.pause()
        await pilot.press("L")
        await pilot.pause()
        assert "モデルを試す" in str(app.screen.query_one("#model-help").content)
        await pilot.press("down", "i")
        await settle(pilot)
        assert isinstance(app.screen, InspectorScreen)
        assert "学習するパラメータ" in str(app.screen.query_one("#graph-summary").content)
        await pilot.press("L")
        await pilot.pause()
        assert "trainable parameters" in str(app.screen.query_one("#graph-summary").content)
        footer = app.export_screenshot().replace("&#160;", " ")
        assert "Back" in footer
        await pilot.press("L")
        await pilot.pause()
        assert "戻る" in app.export_screenshot().replace("&#160;", " ")
