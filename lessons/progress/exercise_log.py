"""Exercise progress in the progress store: every check (passed or not, the mistakes it
named), the hints used and whether the solution was shown.

The tables come from `migrate_exercises`, one entry of `schema.MIGRATIONS`; the functions
take an open `ProgressStore` and use its short write transactions.
"""

from __future__ import annotations

import json
import sqlite3
import uuid
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from dltutor.lessons.progress.store import ProgressStore


def migrate_exercises(db: sqlite3.Connection) -> None:
    """Adds the exercise tables (a schema step: append-only, never edited once shipped)."""
    db.execute(
        """
        CREATE TABLE exercise_attempts (
            id         INTEGER PRIMARY KEY AUTOINCREMENT,
            uid        TEXT NOT NULL UNIQUE,
            exercise   TEXT NOT NULL,
            lesson     TEXT NOT NULL,
            passed     INTEGER NOT NULL,
            mistakes   TEXT NOT NULL,
            checked_at TEXT NOT NULL
        )
        """
    )
    db.execute("CREATE INDEX exercise_attempts_by_exercise ON exercise_attempts(exercise)")
    db.execute(
        """
        CREATE TABLE exercise_help (
            exercise      TEXT PRIMARY KEY,
            lesson        TEXT NOT NULL,
            hints         INTEGER NOT NULL DEFAULT 0,
            solution_seen INTEGER NOT NULL DEFAULT 0,
            updated_at    TEXT NOT NULL
        )
        """
    )


def _now() -> str:
    from dltutor.lessons.progress.store import now_iso

    return now_iso()


def record_attempt(
    store: ProgressStore, exercise: str, lesson: str, passed: bool, mistakes: list[str]
) -> None:
    with store.transaction() as db:
        db.execute(
            "INSERT INTO exercise_attempts(uid, exercise, lesson, passed, mistakes, checked_at) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            (uuid.uuid4().hex, exercise, lesson, int(passed), json.dumps(mistakes), _now()),
        )


def _help(store: ProgressStore, exercise: str) -> sqlite3.Row | None:
    return store.db.execute(
        "SELECT hints, solution_seen FROM exercise_help WHERE exercise = ?", (exercise,)
    ).fetchone()


def hints_used(store: ProgressStore, exercise: str) -> int:
    row = _help(store, exercise)
    return int(row["hints"]) if row else 0


def use_hint(store: ProgressStore, exercise: str, lesson: str, available: int) -> int:
    """One more hint (never past `available`); returns how many are now shown."""
    with store.transaction() as db:
        db.execute(
            """
            INSERT INTO exercise_help(exercise, lesson, hints, updated_at) VALUES (?, ?, 1, ?)
            ON CONFLICT(exercise) DO UPDATE SET
                hints = MIN(hints + 1, ?), updated_at = excluded.updated_at
            """,
            (exercise, lesson, _now(), available),
        )
    return hints_used(store, exercise)


def saw_solution(store: ProgressStore, exercise: str, lesson: str) -> None:
    with store.transaction() as db:
        db.execute(
            """
            INSERT INTO exercise_help(exercise, lesson, solution_seen, updated_at)
            VALUES (?, ?, 1, ?)
            ON CONFLICT(exercise) DO UPDATE SET
                solution_seen = 1, updated_at = excluded.updated_at
            """,
            (exercise, lesson, _now()),
        )


def exercise_stats(store: ProgressStore) -> dict[str, dict[str, Any]]:
    """Per exercise: attempts, passes, the last result, hints used, solution shown."""
    stats: dict[str, dict[str, Any]] = {}
    rows = store.db.execute(
        "SELECT exercise, lesson, passed FROM exercise_attempts ORDER BY checked_at, id"
    ).fetchall()
    for r in rows:
        s = stats.setdefault(r["exercise"], _empty(r["lesson"]))
        s["attempts"] += 1
        s["passes"] += int(r["passed"])
        s["last_passed"] = bool(r["passed"])
    for r in store.db.execute("SELECT * FROM exercise_help").fetchall():
        s = stats.setdefault(r["exercise"], _empty(r["lesson"]))
        s["hints"] = int(r["hints"])
        s["solution_seen"] = bool(r["solution_seen"])
    return stats


def _empty(lesson: str) -> dict[str, Any]:
    return {
        "lesson": lesson,
        "attempts": 0,
        "passes": 0,
        "last_passed": None,
        "hints": 0,
        "solution_seen": False,
    }


def exercise_rows(store: ProgressStore) -> dict[str, list[dict[str, Any]]]:
    """The exercise tables as JSON-ready rows for an export (row ids left out)."""
    attempts = [
        {**dict(r), "mistakes": json.loads(r["mistakes"]), "passed": bool(r["passed"])}
        for r in store.db.execute(
            "SELECT uid, exercise, lesson, passed, mistakes, checked_at "
            "FROM exercise_attempts ORDER BY checked_at, id"
        ).fetchall()
    ]
    help_rows = [
        {**dict(r), "solution_seen": bool(r["solution_seen"])}
        for r in store.db.execute(
            "SELECT exercise, lesson, hints, solution_seen, updated_at "
            "FROM exercise_help ORDER BY exercise"
        ).fetchall()
    ]
    return {"exercise_attempts": attempts, "exercise_help": help_rows}


def merge_exercise_rows(db: sqlite3.Connection, data: dict[str, Any]) -> dict[str, int]:
    """Merge exported exercise rows inside the caller's transaction: attempts by uid (no
    duplicates), help by the larger hint count and a solution seen on either machine."""
    attempts = 0
    for a in data.get("exercise_attempts", []):
        cur = db.execute(
            "INSERT OR IGNORE INTO exercise_attempts"
            "(uid, exercise, lesson, passed, mistakes, checked_at) VALUES (?, ?, ?, ?, ?, ?)",
            (
                a["uid"],
                a["exercise"],
                a["lesson"],
                int(bool(a["passed"])),
                json.dumps(list(a.get("mistakes", []))),
                a["checked_at"],
            ),
        )
        attempts += cur.rowcount
    helped = 0
    for h in data.get("exercise_help", []):
        cur = db.execute(
            """
            INSERT INTO exercise_help(exercise, lesson, hints, solution_seen, updated_at)
            VALUES (?, ?, ?, ?, ?)
            ON CONFLICT(exercise) DO UPDATE SET
                hints = MAX(hints, excluded.hints),
                solution_seen = MAX(solution_seen, excluded.solution_seen),
                updated_at = MAX(updated_at, excluded.updated_at)
            WHERE excluded.hints > hints OR excluded.solution_seen > solution_seen
            """,
            (
                h["exercise"],
                h["lesson"],
                int(h.get("hints", 0)),
                int(bool(h.get("solution_seen", False))),
                h["updated_at"],
            ),
        )
        helped += cur.rowcount
    return {"exercise_attempts": attempts, "exercise_help": helped}
