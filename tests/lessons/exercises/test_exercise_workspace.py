"""The learner's folder (never overwritten without --reset), exercise progress in the store,
and the watch loop that re-checks on save."""

from __future__ import annotations

import threading
import time
from pathlib import Path

from dltutor.lessons.exercises import all_exercises, get_exercise
from dltutor.lessons.exercises.watch import WatchEvent, WatchLoop
from dltutor.lessons.exercises.workspace import Workspace
from dltutor.lessons.progress.exercise_log import (
    exercise_stats,
    record_attempt,
    saw_solution,
    use_hint,
)
from dltutor.lessons.progress.report import report
from dltutor.lessons.progress.store import ProgressStore

SOFTMAX = get_exercise("02-softmax")


def test_start_never_overwrites_a_changed_file_and_reset_keeps_a_backup(tmp_path: Path) -> None:
    ws = Workspace(tmp_path / "ex")
    first = ws.start(SOFTMAX, "ja")
    assert first.action == "created" and first.path.read_text() == SOFTMAX.template("ja")
    assert ws.start(SOFTMAX, "en").action == "unchanged"
    first.path.write_text("# my work\n")
    kept = ws.start(SOFTMAX, "en")
    assert kept.action == "kept" and first.path.read_text() == "# my work\n"
    reset = ws.start(SOFTMAX, "en", reset=True)
    assert reset.action == "reset" and reset.backup is not None
    assert reset.backup.read_text() == "# my work\n"
    assert first.path.read_text() == SOFTMAX.template("en")


def test_status_follows_the_file_and_the_checks(tmp_path: Path) -> None:
    ws = Workspace(tmp_path)
    with ProgressStore.open(tmp_path / "p.db") as store:
        assert ws.status(SOFTMAX, exercise_stats(store)) == "new"
        ws.start(SOFTMAX, "en")
        assert ws.status(SOFTMAX, exercise_stats(store)) == "started"
        record_attempt(store, SOFTMAX.id, "02", False, ["no-max-shift"])
        assert ws.status(SOFTMAX, exercise_stats(store)) == "failed"
        record_attempt(store, SOFTMAX.id, "02", True, [])
        record_attempt(store, SOFTMAX.id, "02", False, [])
        assert ws.status(SOFTMAX, exercise_stats(store)) == "passed"
        assert ws.next_exercise(exercise_stats(store)) == all_exercises()[0]


def test_hints_and_attempts_are_counted_in_the_store(tmp_path: Path) -> None:
    with ProgressStore.open(tmp_path / "p.db") as store:
        assert [use_hint(store, SOFTMAX.id, "02", 3) for _ in range(4)] == [1, 2, 3, 3]
        saw_solution(store, SOFTMAX.id, "02")
        record_attempt(store, SOFTMAX.id, "02", True, [])
        stats = exercise_stats(store)[SOFTMAX.id]
        assert stats == {
            "lesson": "02",
            "attempts": 1,
            "passes": 1,
            "last_passed": True,
            "hints": 3,
            "solution_seen": True,
        }
        row = next(
            r
            for r in report(store, exercises={"02": ["02-activations", "02-softmax"]})["lessons"]
            if r["lesson"] == "02"
        )
        assert (row["exercises_passed"], row["exercises"]) == (1, 2)


def _wait_for(events: list[WatchEvent], count: int, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while sum(e.kind == "report" for e in events) < count:
        assert time.monotonic() < deadline, [e.kind for e in events]
        time.sleep(0.05)


def test_watch_rechecks_on_save_and_keeps_a_save_made_during_a_check(tmp_path: Path) -> None:
    ws = Workspace(tmp_path)
    path = ws.start(SOFTMAX, "en").path
    events: list[WatchEvent] = []
    loop = WatchLoop(ws, "en", events.append, debounce_ms=50)
    thread = threading.Thread(target=loop.run)
    thread.start()
    try:
        time.sleep(0.5)
        marker = tmp_path / "running"
        slow = f"import time\nopen({str(marker)!r}, 'w').close()\ntime.sleep(1.5)\n"
        path.write_text(slow + SOFTMAX.template("en"))
        deadline = time.monotonic() + 10
        while not marker.exists():  # the first check is running the learner's file
            assert time.monotonic() < deadline
            time.sleep(0.02)
        path.write_text(SOFTMAX.solution_code)  # saved while the first check runs
        _wait_for(events, 2)
        reports = [e.report for e in events if e.kind == "report"]
        assert [r.passed for r in reports] == [False, True]
        loop.request("rerun")
        _wait_for(events, 3)
    finally:
        loop.stop()
        thread.join(15)
    assert not thread.is_alive()
    assert all(e.exercise == SOFTMAX for e in events)


def test_watch_next_starts_the_following_exercise(tmp_path: Path) -> None:
    ws = Workspace(tmp_path)
    events: list[WatchEvent] = []
    following = get_exercise("03-losses")
    loop = WatchLoop(ws, "ja", events.append, next_exercise=lambda: following, current=SOFTMAX)
    thread = threading.Thread(target=loop.run)
    thread.start()
    try:
        loop.request("next")
        deadline = time.monotonic() + 10
        while not events:
            assert time.monotonic() < deadline
            time.sleep(0.02)
    finally:
        loop.stop()
        thread.join(15)
    assert events[0].kind == "started" and events[0].exercise == following
    assert ws.path(following).read_text() == following.template("ja")
    assert loop.current == following
