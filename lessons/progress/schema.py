"""The progress database's schema: how a file at any older version is brought up to date.

`PRAGMA user_version` holds how many of `MIGRATIONS` have run; migration i takes version i
to i + 1. Append a migration, never edit a shipped one.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Callable
from typing import Any

from dltutor.lessons.progress.exercise_log import migrate_exercises

LESSON_KEY = re.compile(r"(\d+)-.+")


def lesson_id(name: str) -> str:
    """The lesson id a name stands for: a key "04-backprop" becomes "04", an id stays.

    Reading state, answers and review cards are all stored under the id, the name
    `dltutor progress` and the quiz banks use; callers may still pass the key.
    """
    match = LESSON_KEY.fullmatch(name)
    return match.group(1) if match else name


def _script(db: sqlite3.Connection, sql: str) -> None:
    """Run DDL statements one by one inside the caller's transaction (`executescript`
    would COMMIT first and break the migration's atomicity)."""
    for statement in sql.split(";"):
        if statement.strip():
            db.execute(statement)


def _v1(db: sqlite3.Connection) -> None:
    _script(
        db,
        """
        CREATE TABLE lessons (
            lesson      TEXT PRIMARY KEY,
            opened_at   TEXT,
            finished_at TEXT,
            scroll      REAL NOT NULL DEFAULT 0,
            updated_at  TEXT NOT NULL
        );
        CREATE TABLE answers (
            id          INTEGER PRIMARY KEY AUTOINCREMENT,
            uid         TEXT NOT NULL UNIQUE,
            question    TEXT NOT NULL,
            lesson      TEXT NOT NULL,
            type        TEXT NOT NULL,
            section     TEXT NOT NULL DEFAULT '',
            given       TEXT NOT NULL,
            correct     INTEGER NOT NULL,
            elapsed     REAL,
            rating      INTEGER,
            generated   INTEGER NOT NULL DEFAULT 0,
            answered_at TEXT NOT NULL
        );
        CREATE INDEX answers_by_question ON answers(question, answered_at);
        CREATE INDEX answers_by_lesson ON answers(lesson);
        CREATE TABLE reviews (
            question   TEXT PRIMARY KEY,
            lesson     TEXT NOT NULL,
            card       TEXT NOT NULL,
            due        TEXT NOT NULL,
            updated_at TEXT NOT NULL
        );
        CREATE INDEX reviews_by_due ON reviews(due);
        CREATE TABLE lab_runs (
            id       INTEGER PRIMARY KEY AUTOINCREMENT,
            uid      TEXT NOT NULL UNIQUE,
            lab      TEXT NOT NULL,
            knobs    TEXT NOT NULL,
            metrics  TEXT NOT NULL,
            ran_at   TEXT NOT NULL
        );
        CREATE TABLE settings (
            key   TEXT PRIMARY KEY,
            value TEXT NOT NULL
        );
        """,
    )


def _v2(db: sqlite3.Connection) -> None:
    """Reading state was once stored under the lesson key ("04-backprop") while answers
    used the id ("04"): fold every key row into its id row, keeping the earliest open and
    finish, the latest update, and the scroll position of the row updated last."""
    rows = db.execute(
        "SELECT lesson, opened_at, finished_at, scroll, updated_at FROM lessons"
    ).fetchall()
    groups: dict[str, list[tuple[Any, ...]]] = {}
    for row in rows:
        groups.setdefault(lesson_id(row[0]), []).append(tuple(row))
    for lesson, group in groups.items():
        if [row[0] for row in group] == [lesson]:
            continue
        opened = [row[1] for row in group if row[1]]
        finished = [row[2] for row in group if row[2]]
        last = max(group, key=lambda row: row[4])
        db.execute(
            f"DELETE FROM lessons WHERE lesson IN ({', '.join('?' * len(group))})",
            [row[0] for row in group],
        )
        db.execute(
            "INSERT INTO lessons(lesson, opened_at, finished_at, scroll, updated_at) "
            "VALUES (?, ?, ?, ?, ?)",
            (lesson, min(opened, default=None), min(finished, default=None), last[3], last[4]),
        )


MIGRATIONS: list[Callable[[sqlite3.Connection], None]] = [_v1, _v2, migrate_exercises]
SCHEMA_VERSION = len(MIGRATIONS)
