"""Per-lesson progress figures (read, seen, accuracy, mastery, due) and the day streak."""

from __future__ import annotations

import csv
import io
import json
from datetime import UTC, date, datetime, timedelta
from typing import Any

from dltutor.lessons.progress.exercise_log import exercise_stats
from dltutor.lessons.progress.store import ProgressStore

CSV_FIELDS = (
    "answered_at",
    "lesson",
    "question",
    "type",
    "section",
    "given",
    "correct",
    "elapsed",
    "rating",
    "generated",
    "uid",
)


def _local_day(stamp: str) -> date:
    """The day a stored UTC time falls on here, for the streak."""
    return datetime.fromisoformat(stamp).astimezone().date()


def streak(store: ProgressStore, today: date | None = None) -> int:
    """Consecutive days with an answer or a lesson opened, ending today (or yesterday)."""
    days = {_local_day(a["answered_at"]) for a in store.answers()}
    for row in store.lessons().values():
        for key in ("opened_at", "finished_at"):
            if row.get(key):
                days.add(_local_day(row[key]))
    today = today or datetime.now().astimezone().date()
    day = today if today in days else today - timedelta(days=1)
    count = 0
    while day in days:
        count += 1
        day -= timedelta(days=1)
    return count


def read_state(row: dict[str, Any]) -> str:
    """A stored lesson row as "finished", "opened" or "" (not opened yet)."""
    if row.get("finished_at"):
        return "finished"
    return "opened" if row.get("opened_at") else ""


def lesson_rows(
    store: ProgressStore,
    banks: dict[str, tuple] | None = None,
    titles: dict[str, str] | None = None,
    now: datetime | None = None,
    exercises: dict[str, list[str]] | None = None,
) -> list[dict[str, Any]]:
    """One row per lesson that exists (catalog titles, banks) or has any progress.
    `exercises` maps a lesson to its exercise ids, for the exercises passed of those."""
    banks = banks or {}
    titles = titles or {}
    exercises = exercises or {}
    solved = {e for e, s in exercise_stats(store).items() if s["passes"]}
    lessons = store.lessons()
    answers = store.answers()
    due_rows = store.due(now or datetime.now(UTC))
    ids = sorted(
        set(titles) | set(banks) | set(exercises) | set(lessons) | {a["lesson"] for a in answers}
    )
    rows = []
    for lesson in ids:
        mine = [a for a in answers if a["lesson"] == lesson]
        bank_ids = {q.id for q in banks.get(lesson, ())}
        latest: dict[str, bool] = {}
        for a in mine:  # answers come in time order: the last one wins
            if a["question"] in bank_ids:
                latest[a["question"]] = a["correct"]
        rows.append(
            {
                "lesson": lesson,
                "title": titles.get(lesson, ""),
                "read": read_state(lessons.get(lesson, {})),
                "questions": len(bank_ids),
                "seen": len(latest),
                "answered": len(mine),
                "accuracy": round(sum(a["correct"] for a in mine) / len(mine), 4) if mine else None,
                "mastery": round(sum(latest.values()) / len(bank_ids), 4) if bank_ids else None,
                "due": sum(1 for r in due_rows if r["lesson"] == lesson),
                "exercises": len(exercises.get(lesson, ())),
                "exercises_passed": len(solved & set(exercises.get(lesson, ()))),
            }
        )
    return rows


def report(
    store: ProgressStore,
    banks: dict[str, tuple] | None = None,
    titles: dict[str, str] | None = None,
    now: datetime | None = None,
    exercises: dict[str, list[str]] | None = None,
) -> dict[str, Any]:
    """What `dltutor progress` shows: the lesson rows and the totals under them."""
    rows = lesson_rows(store, banks, titles, now, exercises)
    return {
        "lessons": rows,
        "streak": streak(store),
        "answered": sum(r["answered"] for r in rows),
        "due": sum(r["due"] for r in rows),
        "lab_runs": len(store.lab_runs()),
        "exercises": exercise_stats(store),
    }


def answers_csv(store: ProgressStore) -> str:
    """Every answer as CSV, one row each, for a spreadsheet."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=CSV_FIELDS, extrasaction="ignore", lineterminator="\n")
    writer.writeheader()
    for a in store.answers():
        writer.writerow(
            {
                **a,
                "given": json.dumps(a["given"], ensure_ascii=False),
                "correct": int(a["correct"]),
                "generated": int(a["generated"]),
            }
        )
    return out.getvalue()
