"""Moving progress between machines: a JSON export, and merging one into this store.

Merging never loses anything: answers, lab runs and exercise checks by uid (no duplicates),
lessons by the earliest open and finish, review cards by the later update, exercise hints by
the larger count, settings only where unset.
"""

from __future__ import annotations

import json
import sqlite3
from typing import Any

from dltutor.lessons.progress.exercise_log import exercise_rows, merge_exercise_rows
from dltutor.lessons.progress.schema import SCHEMA_VERSION, lesson_id
from dltutor.lessons.progress.store import (
    ANSWER_COLUMNS,
    ANSWER_PLACEHOLDERS,
    Answer,
    ProgressError,
    ProgressStore,
    now_iso,
)

EXPORT_FORMAT = "dltutor-progress"


def export_progress(store: ProgressStore) -> dict[str, Any]:
    """Everything in the store as one JSON-ready dict (row ids left out)."""
    answers = store.answers()
    for a in answers:
        a.pop("id", None)
    runs = store.lab_runs()
    for r in runs:
        r.pop("id", None)
    return {
        "format": EXPORT_FORMAT,
        "version": SCHEMA_VERSION,
        "exported_at": now_iso(),
        "lessons": list(store.lessons().values()),
        "answers": answers,
        "reviews": store.reviews(),
        "lab_runs": runs,
        "settings": store.settings(),
        **exercise_rows(store),
    }


def merge_progress(store: ProgressStore, data: dict[str, Any]) -> dict[str, int]:
    """Merge an `export_progress` dict in one transaction; how many rows each part added."""
    if not isinstance(data, dict) or data.get("format") != EXPORT_FORMAT:
        raise ProgressError(f'not a dltutor progress export (expected "format": "{EXPORT_FORMAT}")')
    counts = {"answers": 0, "lab_runs": 0, "lessons": 0, "reviews": 0, "settings": 0}
    try:
        with store.transaction() as db:
            counts["answers"] = _merge_answers(db, data.get("answers", []))
            counts["lab_runs"] = _merge_lab_runs(db, data.get("lab_runs", []))
            counts["lessons"] = _merge_lessons(db, data.get("lessons", []))
            counts["reviews"] = _merge_reviews(db, data.get("reviews", []))
            counts["settings"] = _merge_settings(db, data.get("settings") or {})
            counts.update(merge_exercise_rows(db, data))
    except (KeyError, TypeError, ValueError) as error:
        raise ProgressError(
            f"the export is missing or has a bad field ({error!r}); nothing was imported"
        ) from None
    return counts


# --- each returns how many rows it added or changed --------------------------------------


def _merge_answers(db: sqlite3.Connection, answers: list[dict[str, Any]]) -> int:
    """New answers by uid; one already here is left as it is."""
    added = 0
    for a in answers:
        row = Answer(
            question=a["question"],
            lesson=a["lesson"],
            type=a["type"],
            given=a.get("given"),
            correct=a["correct"],
            section=a.get("section", ""),
            elapsed=a.get("elapsed"),
            rating=a.get("rating"),
            generated=a.get("generated", False),
            answered_at=a["answered_at"],
            uid=a["uid"],
        ).row()
        cur = db.execute(
            f"INSERT OR IGNORE INTO answers({ANSWER_COLUMNS}) VALUES ({ANSWER_PLACEHOLDERS})", row
        )
        added += cur.rowcount
    return added


def _merge_lab_runs(db: sqlite3.Connection, runs: list[dict[str, Any]]) -> int:
    """New lab runs by uid; one already here is left as it is."""
    added = 0
    for r in runs:
        cur = db.execute(
            "INSERT OR IGNORE INTO lab_runs(uid, lab, knobs, metrics, ran_at) "
            "VALUES (?, ?, ?, ?, ?)",
            (
                r["uid"],
                r["lab"],
                json.dumps(r.get("knobs", {}), sort_keys=True),
                json.dumps(r.get("metrics", {}), sort_keys=True),
                r["ran_at"],
            ),
        )
        added += cur.rowcount
    return added


def _merge_lessons(db: sqlite3.Connection, lessons: list[dict[str, Any]]) -> int:
    """Lessons by the earlier of the two open and finish times (a missing one never wins),
    under the lesson id even when an older export named them by key."""
    changed = 0
    for x in lessons:
        cur = db.execute(
            """
            INSERT INTO lessons(lesson, opened_at, finished_at, scroll, updated_at)
            VALUES (?, ?, ?, ?, ?)
            ON CONFLICT(lesson) DO UPDATE SET
                opened_at = MIN(COALESCE(opened_at, excluded.opened_at),
                                COALESCE(excluded.opened_at, opened_at)),
                finished_at = MIN(COALESCE(finished_at, excluded.finished_at),
                                  COALESCE(excluded.finished_at, finished_at))
            WHERE opened_at IS NOT excluded.opened_at OR finished_at IS NOT excluded.finished_at
            """,
            (
                lesson_id(x["lesson"]),
                x.get("opened_at"),
                x.get("finished_at"),
                float(x.get("scroll", 0) or 0),
                x.get("updated_at") or now_iso(),
            ),
        )
        changed += cur.rowcount
    return changed


def _merge_reviews(db: sqlite3.Connection, reviews: list[dict[str, Any]]) -> int:
    """Review cards by the later update."""
    changed = 0
    for c in reviews:
        cur = db.execute(
            """
            INSERT INTO reviews(question, lesson, card, due, updated_at) VALUES (?, ?, ?, ?, ?)
            ON CONFLICT(question) DO UPDATE SET
                card = excluded.card,
                due = excluded.due,
                updated_at = excluded.updated_at
            WHERE excluded.updated_at > reviews.updated_at
            """,
            (c["question"], c["lesson"], c["card"], c["due"], c["updated_at"]),
        )
        changed += cur.rowcount
    return changed


def _merge_settings(db: sqlite3.Connection, settings: dict[str, Any]) -> int:
    """Settings only where this machine has none: its own choices win."""
    added = 0
    for key, value in settings.items():
        cur = db.execute(
            "INSERT OR IGNORE INTO settings(key, value) VALUES (?, ?)", (key, str(value))
        )
        added += cur.rowcount
    return added
