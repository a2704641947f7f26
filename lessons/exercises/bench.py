"""Median check time per exercise, the reference solution checked in the sandbox.

    python -m dltutor.lessons.exercises.bench [--runs 5] [--id 02-softmax ...]

Each run is a full check as the learner gets it: a fresh child process (Python, NumPy and
the engine imported), the learner's file loaded, every step of the check. A benchmark, not
a test: the figures depend on the machine.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

from dltutor.lessons.exercises import all_exercises, get_exercise
from dltutor.lessons.exercises.runner import check_file


def median_seconds(exercise_id: str, runs: int, code: str | None = None) -> tuple[float, bool]:
    """Median wall time of `runs` checks of `code` (the reference solution by default), and
    whether all passed."""
    exercise = get_exercise(exercise_id)
    times, passed = [], True
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / exercise.filename
        path.write_text(exercise.solution_code if code is None else code, encoding="utf-8")
        for _ in range(runs):
            started = time.perf_counter()
            report = check_file(exercise, path)
            times.append(time.perf_counter() - started)
            passed = passed and report.passed
    return statistics.median(times), passed


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="checks per exercise (default 5)")
    parser.add_argument("--id", action="append", help="only these exercises")
    args = parser.parse_args(argv)
    ids = args.id or [e.id for e in all_exercises()]
    print(f"{'exercise':<24} {'median s':>9}  passed   ({args.runs} runs each)")
    # the fixed cost: a child that starts, loads an empty file and finds no names to check
    start_only, _ = median_seconds(ids[0], args.runs, code="")
    print(f"{'(child start only)':<24} {start_only:>9.2f}")
    for exercise_id in ids:
        seconds, passed = median_seconds(exercise_id, args.runs)
        print(f"{exercise_id:<24} {seconds:>9.2f}  {'yes' if passed else 'NO'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
