"""`dltutor lab ID` runs a live lab; `dltutor lab --list` lists the labs and their knobs.

In a terminal the run is drawn with a rich `Live` display that refreshes at most 8 times a
second from its own thread, while the lab's generator runs in a worker thread — drawing never
waits on training and training never waits on drawing. Ctrl-C stops the run after the current
frame and still prints what it reached. `--json` prints the final metrics and curves instead.
"""

from __future__ import annotations

import contextlib
import threading
import time
from typing import Annotated, Any

import typer

from dltutor.lessons.words import Words
from dltutor.tui.cli.common import Json, Lang, emit_json, fail, resolve_lang

app = typer.Typer(add_completion=False)

FPS = 8
WORDS = Words(
    "cli-lab",
    {
        "en": {
            "stopped": "Stopped early at {step}/{total}; results so far:",
            "done": "Finished in {secs:.1f} s.",
            "knobs": "knobs",
            "lab": "lab",
            "title": "title",
            "set_hint": (
                "Set a knob with --set NAME=VALUE; `dltutor lab --list --json` gives ranges "
                "and help."
            ),
        },
        "ja": {
            "stopped": "{step}/{total} で中断しました。ここまでの結果：",
            "done": "{secs:.1f} 秒で完了しました。",
            "knobs": "設定",
            "lab": "ラボ",
            "title": "タイトル",
            "set_hint": (
                "設定は --set NAME=VALUE で変えられます。範囲と説明は "
                "`dltutor lab --list --json` で確認できます。"
            ),
        },
    },
)


def parse_settings(lab, sets: list[str], common: dict[str, Any]) -> dict[str, Any]:
    """`--set name=value` pairs plus the named common options, checked against the knobs."""
    from dltutor.lessons.labs import KnobError

    raw: dict[str, Any] = {}
    for item in sets:
        name, sep, value = item.partition("=")
        if not sep or not name.strip():
            raise KnobError(f"--set takes name=value, got {item!r}")
        raw[name.strip().replace("-", "_")] = value.strip()
    for name, value in common.items():
        if value is None:
            continue
        if lab.knob(name) is None:
            names = ", ".join(k.name for k in lab.knobs) or "none"
            raise KnobError(f"lab {lab.id} has no --{name} setting; its knobs: {names}")
        raw[name] = value
    lab.resolve(raw)  # validates every value, raises KnobError with the reason
    return raw


def result_json(lab, values, seed, frame, stopped: bool, elapsed: float) -> dict[str, Any]:
    """The `--json` result: settings, where the run got to, its last metrics and curves."""
    from dltutor.lessons.labs.base import json_value

    return {
        "lab": lab.id,
        "seed": seed,
        "knobs": values,
        "stopped": stopped,
        "step": frame.step if frame else 0,
        "total": frame.total if frame else 0,
        "elapsed_s": round(elapsed, 3),
        "metrics": {k: json_value(v) for k, v in (frame.metrics if frame else {}).items()},
        "history": frame.history() if frame else {},
        "message": frame.message if frame else "",
    }


def _record(lab_id: str, values: dict[str, Any], seed: int, metrics: dict[str, Any]) -> None:
    """Remember the run in the progress store; never fails the command."""
    from dltutor.lessons.labs.runs import record_run
    from dltutor.lessons.progress.store import ProgressStore

    try:
        with ProgressStore.open() as store:
            record_run(store, lab_id, values, seed, metrics)
    except Exception:  # noqa: BLE001 - a progress problem must not spoil a finished lab
        return


class Runner:
    """Consumes a lab's frames in a worker thread; the latest frame is always readable."""

    def __init__(self, frames) -> None:
        self.frames = frames
        self.frame = None
        self.error: BaseException | None = None
        self.stop = threading.Event()
        self.done = threading.Event()
        self.thread = threading.Thread(target=self._work, name="lab", daemon=True)

    def _work(self) -> None:
        try:
            for frame in self.frames:
                self.frame = frame
                if self.stop.is_set():
                    break
        except BaseException as error:  # noqa: BLE001 - handed to the main thread
            self.error = error
        finally:
            try:
                self.frames.close()
            except BaseException as error:  # noqa: BLE001
                self.error = self.error or error
            self.done.set()

    def start(self) -> Runner:
        self.thread.start()
        return self

    def wait(self) -> None:
        """Block until the worker ends, in short waits so Ctrl-C reaches the main thread."""
        while not self.done.wait(0.1):
            pass

    def wait_or_stop(self) -> bool:
        """Wait; on Ctrl-C ask the worker to stop after its frame. True when stopped early."""
        try:
            self.wait()
        except KeyboardInterrupt:
            self.stop.set()
            with contextlib.suppress(KeyboardInterrupt):
                self.wait()
            return True
        return False


def _list(lang: str, as_json: bool) -> None:
    """The labs with their knobs' defaults (or, with --json, ranges and help too)."""
    from dltutor.lessons.labs import all_labs

    labs = all_labs()
    if as_json:
        emit_json([lab.to_dict(lang) for lab in labs])
        return
    from rich.console import Console
    from rich.table import Table

    table = Table(
        WORDS.get(lang, "lab"),
        WORDS.get(lang, "title"),
        WORDS.get(lang, "knobs"),
        box=None,
        header_style="bold",
        show_lines=False,
    )
    for lab in labs:
        knobs = " ".join(f"{k.name}={k.default}" for k in lab.knobs)
        table.add_row(lab.id, lab.title(lang), knobs or "-")
    console = Console()
    console.print(table)
    console.print(WORDS.get(lang, "set_hint"), style="dim")


@app.command("lab")
def lab(
    lab_id: Annotated[
        str | None,
        typer.Argument(metavar="ID", help="Lab id, e.g. 05-optimizer-paths (see --list)."),
    ] = None,
    list_: Annotated[bool, typer.Option("--list", help="List the labs and their knobs.")] = False,
    sets: Annotated[
        list[str] | None,
        typer.Option("--set", "-s", metavar="NAME=VALUE", help="Set a knob (repeatable)."),
    ] = None,
    epochs: Annotated[int | None, typer.Option(help="Epochs (labs that train).")] = None,
    optimizer: Annotated[
        str | None, typer.Option(help="Optimizer name (labs that have one).")
    ] = None,
    lr: Annotated[float | None, typer.Option(help="Learning rate (labs that have one).")] = None,
    seed: Annotated[
        int, typer.Option(min=0, help="Random seed: the same seed gives the same run.")
    ] = 0,
    quick: Annotated[
        bool, typer.Option("--quick", help="Use the lab's small, fast settings.")
    ] = False,
    lang: Lang = None,
    as_json: Json = False,
) -> None:
    """Run a live lab (a NumPy experiment drawn as it learns), or list the labs."""
    from dltutor.lessons.labs import LabError, get_lab

    language = resolve_lang(lang)
    if list_:
        _list(language, as_json)
        return
    if lab_id is None:
        fail("give a lab id (dltutor lab --list shows them)", code=2)
    try:
        chosen = get_lab(lab_id)
        raw = dict(chosen.quick) if quick else {}
        raw.update(
            parse_settings(chosen, sets or [], {"epochs": epochs, "optimizer": optimizer, "lr": lr})
        )
        values = chosen.resolve(raw)
    except LabError as error:  # an unknown id, knob or value (KnobError is one)
        fail(str(error), code=2)
    frames = chosen.run(values, seed, language)
    started = time.perf_counter()
    if as_json:
        _run_json(chosen, values, seed, frames, started)
        return
    _run_live(chosen, values, seed, frames, started, language)


def _failure(error: BaseException) -> str:
    """One line for a run that failed: the message alone when it is one a user can act on."""
    from dltutor.lessons.labs import LabError

    if isinstance(error, LabError | ArithmeticError | ValueError | OSError):
        return str(error)
    return f"the lab failed: {type(error).__name__}: {error}"


def _run_json(chosen, values, seed, frames, started) -> None:
    """Run to the end (or Ctrl-C) without drawing, then print the result as JSON."""
    frame, stopped = None, False
    try:
        for frame in frames:  # noqa: B007 - the last frame is the result
            pass
    except KeyboardInterrupt:
        stopped = True
        frames.close()
    except Exception as error:  # noqa: BLE001 - shown as one line
        fail(_failure(error), code=1)
    if frame is not None and not stopped:
        _record(chosen.id, values, seed, frame.metrics)
    emit_json(
        result_json(
            chosen,
            values,
            seed,
            frame,
            stopped or not (frame and frame.final),
            time.perf_counter() - started,
        )
    )


def _run_live(chosen, values, seed, frames, started, lang: str) -> None:
    """Draw the run live in a terminal (else just wait), then print the final frame."""
    from rich.console import Console, Group
    from rich.live import Live
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeElapsedColumn,
        TimeRemainingColumn,
    )
    from rich.text import Text

    from dltutor.tui.render import FrameView

    console = Console()
    title = f"{chosen.id} · {chosen.title(lang)}"
    runner = Runner(frames).start()
    if console.is_terminal:
        progress = Progress(
            TextColumn("[bold]{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            TextColumn("ETA"),
            TimeRemainingColumn(),
            console=console,
            auto_refresh=False,
        )
        task = progress.add_task(chosen.id, total=None)

        def view():
            frame = runner.frame
            if frame is None:
                return Group(progress, Text(chosen.summary(lang), style="dim"))
            progress.update(task, completed=frame.step, total=max(frame.total, 1))
            return Group(
                progress,
                FrameView(frame, compact=True, show_metrics=True, summaries=False, lang=lang),
            )

        with Live(
            get_renderable=view,
            console=console,
            refresh_per_second=FPS,
            transient=True,
            vertical_overflow="crop",
            redirect_stdout=False,
        ):
            stopped = runner.wait_or_stop()
    else:
        stopped = runner.wait_or_stop()
    frame = runner.frame
    if runner.error is not None and not isinstance(runner.error, KeyboardInterrupt):
        if frame is not None:
            console.print(FrameView(frame, title=title, lang=lang))
        fail(_failure(runner.error), code=1)
    if frame is None:
        fail("the lab stopped before its first frame", code=1)
    stopped = stopped or not frame.final
    console.print(FrameView(frame, title=title, lang=lang))
    if stopped:
        console.print(
            Text(WORDS.get(lang, "stopped", step=frame.step, total=frame.total), style="yellow")
        )
    else:
        _record(chosen.id, values, seed, frame.metrics)
        console.print(
            Text(WORDS.get(lang, "done", secs=time.perf_counter() - started), style="dim")
        )
