"""The model playground: classify images (a file or a drawn digit), classify the sentiment
of a sentence, or stream generated text; the provider and the measured latency are shown. A
missing model says how to get it."""

from __future__ import annotations

import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rich.console import Group
from rich.table import Table
from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.message import Message
from textual.screen import Screen
from textual.widgets import DirectoryTree, Footer, Header, Input, Label, Select, Static
from textual.worker import get_current_worker

from dltutor.tui.app.data.models import model_status, models_folder
from dltutor.tui.app.strings import WORDS, one_line

if TYPE_CHECKING:
    from dltutor.tui.app.widgets.canvas import DrawingCanvas

GENERATE_FLUSH_S = 0.05  # streamed characters are sent in small batches, not one message each
DRAW_DEBOUNCE_S = 0.12  # a mouse stroke changes the canvas many times: classify its last state
CANVAS_MODEL = "mnist-cnn"  # the model that has the drawing canvas


def topk_table(top: list[dict[str, Any]], width: int = 24) -> Table:
    """Top-k classes as bars with the probability written out (readable without colour)."""
    table = Table.grid(padding=(0, 1))
    for row in top:
        filled = round(row["prob"] * width)
        table.add_row(
            Text(str(row["label"])[:16], no_wrap=True),
            Text("█" * filled + "·" * (width - filled), style="green"),
            Text(f"{row['prob']:6.1%}"),
        )
    return table


class PlaygroundScreen(Screen[None]):
    """Try one model; inference runs in a thread worker and posts its result."""

    BINDINGS = [
        Binding("escape", "app.pop_screen", "Back"),
        Binding("ctrl+o", "toggle_files", "Open file"),
    ]

    class Result(Message):
        """A finished inference: `result` dict (or `error`), the latency and the provider."""

        def __init__(
            self,
            result: dict[str, Any] | None,
            latency_ms: float,
            provider: str,
            error: str = "",
            original: Any = None,
        ) -> None:
            super().__init__()
            self.result = result
            self.latency_ms = latency_ms
            self.provider = provider
            self.error = error
            self.original = original

    class Generated(Message):
        """A batch of streamed characters (`done` on the last one)."""

        def __init__(self, text: str, done: bool = False, error: str = "") -> None:
            super().__init__()
            self.text = text
            self.done = done
            self.error = error

    def __init__(self, name: str) -> None:
        super().__init__()
        from dltutor.engine.zoo import MODELS

        self.model_name = name
        self.model_task = MODELS[name].task
        self.generated = ""
        self.generation: dict[str, Any] = {}  # temperature and seed of the text shown
        self.generating = False
        self.shown: PlaygroundScreen.Result | None = None  # redrawn on a language switch

    def _labels(self) -> list[tuple[str, str]]:
        """The side labels, by widget id, with the string key each shows."""
        labels = [("label-provider", "provider")]
        if self.model_task == "image-classification":
            labels.append(("label-image", "image_file"))
            if self.model_name == CANVAS_MODEL:
                labels.append(("label-canvas", "draw_digit"))
        elif self.model_task == "text-classification":
            labels.append(("label-sentence", "sentence"))
        else:
            labels += [
                ("label-prompt", "prompt"),
                ("label-temperature", "temperature"),
                ("label-length", "length"),
                ("label-seed", "gen_seed"),
            ]
        return labels

    def compose(self) -> ComposeResult:
        lang = self.app.lang
        words = dict(self._labels())

        def label(wid: str) -> Label:
            return Label(WORDS.get(lang, words[wid]), id=wid)

        yield Header()
        with Horizontal(id="play-body"):
            with VerticalScroll(id="play-side"):
                yield label("label-provider")
                yield Select(
                    [("auto", "auto"), ("CPU", "cpu"), ("CUDA", "cuda")],
                    value="auto",
                    allow_blank=False,
                    id="provider",
                    compact=True,
                )
                if self.model_task == "image-classification":
                    yield label("label-image")
                    yield Input(
                        placeholder=WORDS.get(lang, "image_placeholder"),
                        id="image-path",
                        compact=True,
                    )
                    if self.model_name == CANVAS_MODEL:
                        from dltutor.tui.app.widgets.canvas import DrawingCanvas

                        yield label("label-canvas")
                        yield DrawingCanvas(28, id="canvas")
                elif self.model_task == "text-classification":
                    yield label("label-sentence")
                    yield Input(
                        placeholder=WORDS.get(lang, "sentence_placeholder"),
                        id="sentence",
                        compact=True,
                    )
                else:
                    yield label("label-prompt")
                    yield Input("ROMEO:", id="prompt", compact=True)
                    yield label("label-temperature")
                    yield Input("0.8", id="temperature", type="number", compact=True)
                    yield label("label-length")
                    yield Input("200", id="length", type="integer", compact=True)
                    yield label("label-seed")
                    yield Input("", id="seed", type="integer", compact=True)
            with VerticalScroll(id="play-main"):
                yield Static(id="play-result")
                yield Static(id="play-status")
        yield Footer()

    def _browse_root(self) -> Path:
        samples = models_folder() / "samples"
        return samples if samples.is_dir() else Path.cwd()

    def on_mount(self) -> None:
        self.sub_title = self.model_name
        self._show_intro()
        first = self.query("#image-path, #sentence, #prompt").first()
        first.focus()
        self._check_cuda()

    def _show_intro(self) -> None:
        result = self.query_one("#play-result", Static)
        if model_status(self.model_name) == "missing":
            result.update(
                Text(WORDS.get(self.app.lang, "missing_model", name=self.model_name), style="bold")
            )
        else:
            result.update(self._intro())

    def _intro(self) -> str:
        lang = self.app.lang
        if self.model_task == "image-classification":
            return WORDS.get(
                lang, "intro_digits" if self.model_name == CANVAS_MODEL else "intro_image"
            )
        if self.model_task == "text-classification":
            return WORDS.get(lang, "intro_text")
        return WORDS.get(lang, "intro_generate")

    def language_changed(self) -> None:
        lang = self.app.lang
        for wid, key in self._labels():
            self.query_one(f"#{wid}", Label).update(WORDS.get(lang, key))
        if self.shown is not None:
            self.on_playground_screen_result(self.shown)
        elif self.generation:
            self._generation_status()
        else:
            self._show_intro()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Ctrl+O is only for image models: hidden from the footer elsewhere."""
        if action == "toggle_files":
            return self.model_task == "image-classification"
        return True

    def _check_cuda(self) -> None:
        """Offer CUDA only where ONNX Runtime has it."""
        try:
            from dltutor.engine.inference.runtime import available_providers

            has_cuda = "CUDAExecutionProvider" in available_providers()
        except Exception:
            has_cuda = False
        if not has_cuda:
            self.query_one("#provider", Select).set_options([("auto", "auto"), ("CPU", "cpu")])
            self.query_one("#provider", Select).value = "auto"

    @property
    def provider(self) -> str:
        value = self.query_one("#provider", Select).value
        return value if isinstance(value, str) else "auto"

    # --- images -------------------------------------------------------------------------

    def action_toggle_files(self) -> None:
        if self.model_task != "image-classification":
            return
        found = self.query("#file-tree")
        if found:  # the tree keeps a loader worker alive: it exists only while browsing
            found.remove()
            self.query_one("#image-path", Input).focus()
            return
        tree = DirectoryTree(self._browse_root(), id="file-tree")
        self.query_one("#play-side").mount(tree, after=self.query_one("#image-path"))
        tree.focus()

    def on_directory_tree_file_selected(self, event: DirectoryTree.FileSelected) -> None:
        self.query_one("#image-path", Input).value = str(event.path)
        self.query("#file-tree").remove()
        self.query_one("#image-path", Input).focus()
        self.classify_image(str(event.path), self.provider)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if event.input.id == "image-path" and event.value.strip():
            self.classify_image(event.value.strip(), self.provider)
        elif event.input.id == "sentence":
            self.classify_text(event.value, self.provider)
        elif event.input.id in ("prompt", "temperature", "length", "seed"):
            self.start_generation()

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id == "sentence" and event.value.strip():
            self.classify_text(event.value, self.provider)

    def on_drawing_canvas_changed(self, event: DrawingCanvas.Changed) -> None:
        if event.pixels.any():
            self.classify_drawing(event.pixels)
        else:  # cleared: the old answer no longer belongs to the drawing
            self.workers.cancel_group(self, "infer")
            self.shown = None
            self._show_intro()

    def classify_drawing(self, pixels: Any) -> None:
        from PIL import Image

        image = Image.fromarray((pixels * 255).astype("uint8"), mode="L")
        self.classify_image(image, self.provider, original=pixels, wait=DRAW_DEBOUNCE_S)

    @work(thread=True, exclusive=True, group="infer")
    def classify_image(
        self, source: Any, provider: str, original: Any = None, wait: float = 0.0
    ) -> None:
        """Classify a path or a PIL image; the provider is read on the UI thread. With
        `wait`, a newer request (the next change of a drawing) replaces this one."""
        from dltutor.engine.inference.predict import classify_images

        if wait:
            time.sleep(wait)
            if get_current_worker().is_cancelled:
                return
        if original is None and isinstance(source, str):
            original = _load_grey(source)
        try:
            start = time.perf_counter()
            result = classify_images(
                [source], model=self.model_name, provider=provider, top_k=5, keep_arrays=True
            )[0]
            latency = (time.perf_counter() - start) * 1000
        except Exception as error:  # a missing model, a provider: one line for the learner
            self.post_message(self.Result(None, 0.0, provider, one_line(error)))
            return
        if not get_current_worker().is_cancelled:
            self.post_message(self.Result(result, latency, provider, original=original))

    @work(thread=True, exclusive=True, group="infer")
    def classify_text(self, text: str, provider: str) -> None:
        from dltutor.engine.inference.predict import classify_texts

        time.sleep(0.15)  # typing bursts: only the last text of a burst is classified
        if get_current_worker().is_cancelled:
            return
        try:
            start = time.perf_counter()
            result = classify_texts([text], model=self.model_name, provider=provider)[0]
            latency = (time.perf_counter() - start) * 1000
        except Exception as error:
            self.post_message(self.Result(None, 0.0, provider, one_line(error)))
            return
        if not get_current_worker().is_cancelled:
            self.post_message(self.Result(result, latency, provider))

    def on_playground_screen_result(self, message: Result) -> None:
        lang = self.app.lang
        view = self.query_one("#play-result", Static)
        if message.error:
            view.update(Text(message.error))
            if message is not self.shown:
                self.notify(message.error, severity="error")
            self.shown = message
            return
        result = message.result or {}
        if result.get("error"):
            view.update(Text(result["error"]))
            if message is not self.shown:
                self.notify(result["error"], severity="warning")
            self.shown = message
            return
        self.shown = message
        parts: list[Any] = []
        array = result.get("array")
        if array is not None:
            from dltutor.tui.render import ImageGrid

            h, w = array.shape[-2:]
            images = [(WORDS.get(lang, "model_input", h=h, w=w), array)]
            if message.original is not None:
                images.insert(0, (WORDS.get(lang, "original"), message.original))
            parts.append(ImageGrid(images, size=28, show_summary=True))
        parts.append(Text(f"{result['label']}  ({result['prob']:.1%})", style="bold"))
        parts.append(topk_table(result.get("top") or []))
        for note in result.get("notes") or []:
            parts.append(Text(WORDS.get(lang, "note", note=note), style="dim"))
        if result.get("unknown_tokens"):
            parts.append(
                Text(
                    WORDS.get(
                        lang,
                        "unknown_words",
                        unknown=result["unknown_tokens"],
                        tokens=result["tokens"],
                    ),
                    style="dim",
                )
            )
        parts.append(
            Text(
                WORDS.get(lang, "latency", ms=message.latency_ms, provider=message.provider),
                style="dim",
            )
        )
        view.update(Group(*parts))

    # --- generation ---------------------------------------------------------------------

    def start_generation(self) -> None:
        seed_text = self.query_one("#seed", Input).value.strip()
        try:
            temperature = float(self.query_one("#temperature", Input).value)
            length = int(self.query_one("#length", Input).value)
            seed = int(seed_text) if seed_text else None
        except ValueError:
            self.notify(WORDS.get(self.app.lang, "bad_numbers"), severity="error")
            return
        if temperature <= 0 or length < 1:
            self.notify(WORDS.get(self.app.lang, "bad_range"), severity="error")
            return
        if seed is None:  # a fresh seed, shown, so a text worth keeping can be made again
            seed = int(time.time_ns() % 100_000)
        self.generated = self.query_one("#prompt", Input).value
        self.generation = {"temperature": temperature, "seed": seed, "start": len(self.generated)}
        self.generating = True
        self.query_one("#play-result", Static).update(Text(self.generated))
        self._generation_status()
        self.generate(self.generated, temperature, min(length, 2000), seed, self.provider)

    def _generation_status(self) -> None:
        lang = self.app.lang
        n = len(self.generated) - self.generation.get("start", 0)
        if self.generating:
            line = WORDS.get(lang, "generating", n=n)
        else:
            line = WORDS.get(
                lang,
                "generated",
                n=n,
                temperature=self.generation["temperature"],
                seed=self.generation["seed"],
            )
        self.query_one("#play-status", Static).update(Text(line, style="dim"))

    @work(thread=True, exclusive=True, group="infer")
    def generate(
        self, prompt: str, temperature: float, length: int, seed: int, provider: str
    ) -> None:
        from dltutor.engine.inference.predict import generate

        worker = get_current_worker()
        batch, sent_at = "", time.monotonic()
        try:
            for char in generate(
                prompt or "\n",
                length=length,
                temperature=temperature,
                seed=seed,
                model=self.model_name,
                provider=provider,
            ):
                if worker.is_cancelled:
                    return
                batch += char
                if time.monotonic() - sent_at >= GENERATE_FLUSH_S:
                    self.post_message(self.Generated(batch))
                    batch, sent_at = "", time.monotonic()
        except Exception as error:
            self.post_message(self.Generated(batch, done=True, error=one_line(error)))
            return
        self.post_message(self.Generated(batch, done=True))

    def on_playground_screen_generated(self, message: Generated) -> None:
        self.generated += message.text
        view = self.query_one("#play-result", Static)
        if message.done:
            self.generating = False
        if message.error:
            self.notify(message.error, severity="error")
            view.update(Text(message.error))
            return
        view.update(Text(self.generated))
        self._generation_status()


def _load_grey(path: str) -> Any:
    """The file as a grey [0, 1] array for display (None when it cannot be read)."""
    try:
        import numpy as np
        from PIL import Image

        with Image.open(path) as im:
            im = im.convert("L")
            im.thumbnail((56, 56))
            return np.asarray(im, dtype=np.float32) / 255.0
    except Exception:
        return None
