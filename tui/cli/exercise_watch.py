"""`dltutor watch` in a terminal: the watch loop, its reports printed, single keys read.

Keys (when stdin is a terminal, read in cbreak mode so no Enter is needed): r re-runs the
check, n starts the next exercise after a pass, q quits. Ctrl-C quits too, stopping a check
that is running.
"""

from __future__ import annotations

import contextlib
import sys
import threading
from collections.abc import Callable, Iterator

from dltutor.lessons.exercises import Exercise
from dltutor.lessons.exercises.watch import WatchEvent, WatchLoop
from dltutor.lessons.exercises.workspace import Workspace


@contextlib.contextmanager
def cbreak() -> Iterator[bool]:
    """Single-key input on a terminal; yields False (and changes nothing) elsewhere."""
    if not sys.stdin.isatty():
        yield False
        return
    import termios
    import tty

    fd = sys.stdin.fileno()
    saved = termios.tcgetattr(fd)
    try:
        tty.setcbreak(fd)
        yield True
    finally:
        termios.tcsetattr(fd, termios.TCSADRAIN, saved)


def read_keys(on_key: Callable[[str], bool], stop: threading.Event) -> None:
    """Call `on_key` for each key until it returns False or `stop` is set."""
    import select

    while not stop.is_set():
        ready, _, _ = select.select([sys.stdin], [], [], 0.1)
        if ready:
            key = sys.stdin.read(1)
            if not key or not on_key(key.lower()):
                return


def watch_folder(workspace: Workspace, lang: str, first: Exercise | None) -> None:
    from rich.console import Console

    from dltutor.lessons.progress.exercise_log import exercise_stats, hints_used, record_attempt
    from dltutor.tui.cli.exercises import WORDS, print_report
    from dltutor.tui.cli.quiz import open_store

    console = Console(highlight=False)

    def next_exercise() -> Exercise | None:
        with open_store() as store:
            return workspace.next_exercise(exercise_stats(store))

    def on_event(event: WatchEvent) -> None:
        exercise = event.exercise
        if event.kind == "checking":
            console.rule(WORDS.get(lang, "checking", id=exercise.id), style="dim")
        elif event.kind == "started":
            console.print(
                WORDS.get(
                    lang, "started", id=exercise.id, title=exercise.title(lang), path=event.path
                )
            )
        elif event.report is not None:
            with open_store() as store:
                record_attempt(
                    store, exercise.id, exercise.lesson, event.report.passed, event.report.mistakes
                )
            print_report(console, event.report, lang)
            if event.report.passed:
                console.print(WORDS.get(lang, "offer_next"), style="bold")

    def hints(exercise: Exercise) -> int:
        with open_store() as store:
            return hints_used(store, exercise.id)

    loop = WatchLoop(
        workspace, lang, on_event, next_exercise=next_exercise, current=first, hints_shown=hints
    )
    if first is not None and workspace.path(first).exists():
        loop.request("rerun")

    def on_key(key: str) -> bool:
        if key == "q":
            loop.stop()
            return False
        if key in ("r", "n"):
            loop.request("rerun" if key == "r" else "next")
        return True

    with cbreak() as keys:
        console.print(WORDS.get(lang, "watching" if keys else "watching_plain", dir=workspace.root))
        stop_keys = threading.Event()
        if keys:
            threading.Thread(target=read_keys, args=(on_key, stop_keys), daemon=True).start()
        try:
            loop.run()
        except KeyboardInterrupt:
            loop.stop()
        finally:
            stop_keys.set()
