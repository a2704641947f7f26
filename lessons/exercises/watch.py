"""Watch the exercise folder and re-check the exercise being edited on every save.

`WatchLoop.run()` blocks; it tells its caller what happens through `on_event` (called from
the loop's thread). A save while a check runs is remembered and checked when the running one
ends, so no save is lost; `request("rerun")` checks again by hand, `request("next")` starts
the next exercise after a pass. `stop()` ends the loop (and a running check) from any thread.
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from dltutor.lessons.exercises.model import Exercise
from dltutor.lessons.exercises.runner import CheckJob, CheckReport
from dltutor.lessons.exercises.workspace import Workspace
from dltutor.lessons.sandbox import Limits

Kind = Literal["checking", "report", "started"]
Request = Literal["rerun", "next"]


@dataclass(frozen=True)
class WatchEvent:
    kind: Kind
    exercise: Exercise
    report: CheckReport | None = None
    path: Path | None = None


class WatchLoop:
    def __init__(
        self,
        workspace: Workspace,
        lang: str,
        on_event: Callable[[WatchEvent], None],
        next_exercise: Callable[[], Exercise | None] | None = None,
        current: Exercise | None = None,
        limits: Limits | None = None,
        debounce_ms: int = 300,
        hints_shown: Callable[[Exercise], int] | None = None,
    ) -> None:
        self.workspace, self.lang, self.on_event = workspace, lang, on_event
        self.next_exercise = next_exercise
        self.current = current
        self.limits = limits
        self.debounce_ms = debounce_ms
        self.hints_shown = hints_shown or (lambda _exercise: 1)
        self._requests: queue.SimpleQueue[Request] = queue.SimpleQueue()
        self._stop = threading.Event()
        self._job: CheckJob | None = None

    def request(self, what: Request) -> None:
        self._requests.put(what)

    def check(self, exercise: Exercise) -> None:
        """Check `exercise` now (or as soon as the running check ends)."""
        self.current = exercise
        self.request("rerun")

    def stop_check(self) -> None:
        """End the running check, if any; the loop goes on watching."""
        if self._job is not None:
            self._job.stop()

    def stop(self) -> None:
        self._stop.set()
        if self._job is not None:
            self._job.stop()

    def _check(self, exercise: Exercise) -> CheckReport:
        self._job = CheckJob(exercise, self.workspace.path(exercise), self.limits)
        return self._job.wait(self.lang, self.hints_shown(exercise))

    def _handle(self, request: Request) -> bool:
        """True when a check should run now."""
        if request == "next" and self.next_exercise is not None:
            following = self.next_exercise()
            if following is None:
                return False
            started = self.workspace.start(following, self.lang)
            self.current = following
            self.on_event(WatchEvent("started", following, path=started.path))
            return False  # the learner has not written anything yet
        return self.current is not None

    def run(self) -> None:
        from watchfiles import watch

        self.workspace.root.mkdir(parents=True, exist_ok=True)
        pending = False
        running: Future[CheckReport] | None = None
        running_exercise: Exercise | None = None
        with ThreadPoolExecutor(1, thread_name_prefix="dltutor-check") as pool:
            try:
                for changes in watch(
                    self.workspace.root,
                    debounce=self.debounce_ms,
                    step=50,
                    rust_timeout=100,
                    yield_on_timeout=True,
                    stop_event=self._stop,
                    watch_filter=lambda _change, name: name.endswith(".py"),
                ):
                    for _change, name in changes:
                        exercise = self.workspace.exercise_for(Path(name))
                        if exercise is not None and Path(name).exists():
                            self.current, pending = exercise, True
                    while not self._requests.empty():
                        pending = self._handle(self._requests.get()) or pending
                    if running is not None and running.done():
                        if not self._stop.is_set():
                            self.on_event(WatchEvent("report", running_exercise, running.result()))
                        running = None
                    if pending and running is None and self.current is not None:
                        pending, running_exercise = False, self.current
                        self.on_event(WatchEvent("checking", running_exercise))
                        running = pool.submit(self._check, running_exercise)
            except BaseException:  # Ctrl-C: stop the running check before the pool waits on it
                self.stop()
                raise
