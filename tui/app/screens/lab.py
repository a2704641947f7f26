"""The lab screen: the lab's knobs, start/stop, live charts fed by a training worker, the
run saved to progress, and the previous run's final charts kept beside the current one."""

from __future__ import annotations

import copy
import dataclasses
import time
from typing import TYPE_CHECKING, Any

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.message import Message
from textual.reactive import reactive
from textual.screen import Screen
from textual.widgets import Button, Footer, Header, Input, Label, Select, Static, Switch
from textual.worker import get_current_worker

from dltutor.tui.app.strings import WORDS
from dltutor.tui.app.widgets.run_view import RunView

if TYPE_CHECKING:
    from textual.app import App

    from dltutor.lessons.labs import Knob, Lab

FRAME_INTERVAL_S = 0.1  # at most ten redraws a second; the last frame always gets through


def load_lab(app: App, lab_id: str) -> Lab | None:
    """The lab, or None after a notification that says why it cannot open."""
    try:
        from dltutor.lessons.labs import LabError, get_lab
    except Exception as error:  # the engine itself failed to import
        app.notify(WORDS.get(app.lang, "lab_cannot_load", error=error), severity="error")
        return None
    try:
        return get_lab(lab_id)
    except LabError as error:
        app.notify(
            WORDS.get(app.lang, "lab_unknown", error=str(error).split(";")[0]), severity="error"
        )
    except ImportError:
        app.notify(WORDS.get(app.lang, "lab_unavailable", lab=lab_id), severity="error")
    return None


def _snapshot(frame: Any) -> Any:
    """A copy the UI thread can draw while the worker goes on changing its own arrays."""
    return dataclasses.replace(
        frame, plots=copy.deepcopy(frame.plots), metrics=dict(frame.metrics), record=None
    )


class LabScreen(Screen[None]):
    """Runs one lab in a thread worker; keys stay live while it trains."""

    BINDINGS = [
        Binding("escape", "leave", "Back"),
        Binding("ctrl+r", "run", "Run", priority=True),
        Binding("ctrl+x", "stop", "Stop", priority=True),  # over Input's cut
        Binding("L", "app.toggle_language", "Language", show=False),
    ]

    running = reactive(False)

    class Progress(Message):
        """A frame to draw (bursts are collapsed in the worker)."""

        def __init__(self, frame: Any, run: int) -> None:
            super().__init__()
            self.frame = frame
            self.run = run

    class Ended(Message):
        """The run is over: `frame` is the last one seen; `error` when it failed."""

        def __init__(
            self,
            frame: Any,
            knobs: dict[str, Any],
            seed: int,
            cancelled: bool,
            run: int,
            error: str = "",
        ) -> None:
            super().__init__()
            self.run = run
            self.frame = frame
            self.knobs = knobs
            self.seed = seed
            self.cancelled = cancelled
            self.error = error

    def __init__(self, lab: Lab, seed: int = 0) -> None:
        super().__init__()
        self.lab = lab
        self.seed = seed
        self.last: tuple[dict[str, Any], Any] | None = None  # knobs and final frame of the last run
        self.previous: tuple[dict[str, Any], Any] | None = None  # the run shown beside it
        self._status: tuple[str, dict[str, Any]] = ("lab_ready", {})
        self.frames_drawn = 0
        self.run_id = 0  # frames from a stopped run that arrive late are dropped

    @property
    def words(self) -> dict[str, str]:
        return WORDS.of(self.app.lang)

    def compose(self) -> ComposeResult:
        lang = self.app.lang
        words = self.words
        yield Header()
        with Horizontal(id="lab-body"):
            with VerticalScroll(id="lab-side"):
                with Horizontal(id="lab-buttons"):
                    yield Button(words["lab_run"], id="run", variant="primary", compact=True)
                    yield Button(words["lab_stop"], id="stop", disabled=True, compact=True)
                for knob in self.lab.knobs:
                    yield Label(self._knob_label(knob))
                    yield self._knob_widget(knob, lang)
                yield Label(words["lab_seed"], id="seed-label")
                yield Input(str(self.seed), id="knob-seed", type="integer", compact=True)
            with Vertical(id="lab-main"):
                yield Static(self.lab.summary(lang), id="lab-summary")
                yield Static(words["lab_ready"], id="lab-status")
                with Horizontal(id="lab-charts"):
                    with VerticalScroll(classes="run-view"):
                        yield RunView(words["lab_nothing"], id="current-run")
                    with VerticalScroll(classes="run-view", id="previous-run"):
                        yield RunView(id="previous-view")
        yield Footer()

    @staticmethod
    def _knob_label(knob: Knob) -> str:
        """The name and, for numbers, the range (a select shows its own choices)."""
        if knob.type in ("int", "float"):
            return f"{knob.name} ({knob.describe().split(' ', 1)[1]})"
        return knob.name

    def _knob_widget(self, knob: Knob, lang: str) -> Switch | Select | Input:
        """The input that fits the knob's type, its help as the tooltip."""
        wid = f"knob-{knob.name}"
        if knob.type == "bool":
            widget: Switch | Select | Input = Switch(value=bool(knob.default), id=wid)
        elif knob.type == "choice":
            widget = Select(
                [(c, c) for c in knob.choices],
                value=knob.default,
                allow_blank=False,
                id=wid,
                compact=True,
            )
        else:
            widget = Input(
                f"{knob.default:g}" if knob.type == "float" else str(knob.default),
                id=wid,
                type="integer" if knob.type == "int" else "number",
                compact=True,
            )
        widget.tooltip = self.lab.help(knob, lang)
        return widget

    def on_mount(self) -> None:
        self.sub_title = self.lab.title(self.app.lang)
        self.query_one("#previous-run").display = False
        self.query_one("#run", Button).focus()

    # --- knobs --------------------------------------------------------------------------

    def read_knobs(self) -> tuple[dict[str, Any], int] | None:
        """The knob values as typed, checked by the lab; None after saying what is wrong."""
        from dltutor.lessons.labs import KnobError

        raw: dict[str, Any] = {}
        for knob in self.lab.knobs:
            widget = self.query_one(f"#knob-{knob.name}")
            raw[knob.name] = widget.value
        try:
            values = self.lab.resolve(raw)
        except KnobError as error:
            self.notify(str(error), title=self.lab.id, severity="error")
            return None
        seed_text = self.query_one("#knob-seed", Input).value.strip() or "0"
        try:
            seed = int(seed_text)
        except ValueError:
            self.notify(WORDS.get(self.app.lang, "lab_bad_seed", value=seed_text), severity="error")
            return None
        return values, seed

    # --- running ------------------------------------------------------------------------

    def watch_running(self, running: bool) -> None:
        self.query_one("#run", Button).disabled = running
        self.query_one("#stop", Button).disabled = not running

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "run":
            self.action_run()
        elif event.button.id == "stop":
            self.action_stop()

    def action_run(self) -> None:
        if self.running:
            return
        read = self.read_knobs()
        if read is None:
            return
        knobs, seed = read
        if self.last is not None:  # keep the last run's final charts beside the new one
            old_knobs, old_frame = self.last
            self.previous = self.last
            self.query_one("#previous-run").display = True
            self.query_one("#previous-view", RunView).show(
                old_frame, self.words["lab_previous"].format(knobs=self._describe(old_knobs))
            )
        self.running = True
        self.frames_drawn = 0
        self._set_status("lab_running", step=0, total="?")
        self.run_id += 1
        self.train(knobs, seed, self.run_id, self.app.lang)

    def _describe(self, knobs: dict[str, Any]) -> str:
        changed = {
            k: v for k, v in knobs.items() if self.lab.knob(k) and self.lab.knob(k).default != v
        }
        return ", ".join(f"{k}={v}" for k, v in changed.items()) or self.words["lab_defaults"]

    def action_stop(self) -> None:
        """Ask the worker to stop; it does at its next step, and `Ended` says where."""
        if self.running:
            self.workers.cancel_group(self, "lab")
            self._set_status("lab_stopping")

    @work(thread=True, exclusive=True, group="lab")
    def train(self, knobs: dict[str, Any], seed: int, run: int, lang: str) -> None:
        """Consume the lab's generator; never touch widgets, post at most ten frames a second."""
        worker = get_current_worker()
        frames = self.lab.run(knobs, seed, lang)
        last = None
        posted_at = 0.0
        try:
            for frame in frames:
                last = frame
                if worker.is_cancelled:
                    break
                now = time.monotonic()
                if frame.final or now - posted_at >= FRAME_INTERVAL_S:
                    posted_at = now
                    self.post_message(self.Progress(_snapshot(frame), run))
        except Exception as error:  # a lab's own error, shown as a notification
            self.post_message(
                self.Ended(last and _snapshot(last), knobs, seed, True, run, str(error))
            )
            return
        finally:
            frames.close()
        self.post_message(
            self.Ended(last and _snapshot(last), knobs, seed, worker.is_cancelled, run)
        )

    def on_lab_screen_progress(self, message: Progress) -> None:
        if message.run != self.run_id or not self.running:
            return
        frame = message.frame
        self.frames_drawn += 1
        self._set_status("lab_running", step=frame.step, total=frame.total)
        self.query_one("#current-run", RunView).show(frame, self.words["lab_current"])

    def on_lab_screen_ended(self, message: Ended) -> None:
        if message.run != self.run_id:
            return
        self.running = False
        frame = message.frame
        words = self.words
        if message.error:
            self._set_status("lab_failed", error=message.error)
            self.notify(message.error, title=self.lab.id, severity="error")
            return
        if frame is None:
            self._set_status("lab_stopped", step=0, total="?")
            return
        self.query_one("#current-run", RunView).show(frame, words["lab_current"])
        if message.cancelled:
            self._set_status("lab_stopped", step=frame.step, total=frame.total)
            return
        self.last = (message.knobs, frame)
        store = getattr(self.app, "store", None)
        if store is not None:
            from dltutor.lessons.labs.runs import record_run

            record_run(store, self.lab.id, message.knobs, message.seed, frame.metrics)
        self._set_status("lab_done", step=frame.step, total=frame.total)

    def _set_status(self, key: str, **values: Any) -> None:
        """Show a status line and keep its key, so a language switch can redraw it."""
        self._status = (key, values)
        self.query_one("#lab-status", Static).update(WORDS.get(self.app.lang, key, **values))

    def language_changed(self) -> None:
        lang = self.app.lang
        self.sub_title = self.lab.title(lang)
        self.query_one("#run", Button).label = WORDS.get(lang, "lab_run")
        self.query_one("#stop", Button).label = WORDS.get(lang, "lab_stop")
        self.query_one("#seed-label", Label).update(WORDS.get(lang, "lab_seed"))
        self.query_one("#lab-summary", Static).update(self.lab.summary(lang))
        for knob in self.lab.knobs:
            self.query_one(f"#knob-{knob.name}").tooltip = self.lab.help(knob, lang)
        key, values = self._status
        self._set_status(key, **values)
        current = self.query_one("#current-run", RunView)
        if current.frame is not None:
            current.show(current.frame, WORDS.get(lang, "lab_current"))
        else:
            current.clear(WORDS.get(lang, "lab_nothing"))
        if self.previous is not None:
            old_knobs, old_frame = self.previous
            self.query_one("#previous-view", RunView).show(
                old_frame, WORDS.get(lang, "lab_previous", knobs=self._describe(old_knobs))
            )

    def action_leave(self) -> None:
        self.action_stop()
        self.app.pop_screen()
