"""The progress store: one SQLite file under the user data dir (or `$DLTUTOR_HOME`).

It keeps lessons opened and finished (with a scroll position), every answer, review
state (FSRS card JSON), lab runs and settings. Writes are short transactions in WAL mode
with a busy timeout, so two dltutor processes can share the file and a killed process
never loses a committed answer. `PRAGMA user_version` carries the schema version and
`schema.MIGRATIONS` brings an older file up to date. A file that is not a database (or is
corrupt) is moved aside with a timestamp and a fresh one is made; an unwritable location
is a `ProgressError` with a one-line message. Export and import live in `sync.py`.
"""

from __future__ import annotations

import json
import os
import sqlite3
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from dltutor.lessons.progress.schema import MIGRATIONS, SCHEMA_VERSION, lesson_id

DB_NAME = "progress.db"
BUSY_TIMEOUT_MS = 10_000


class ProgressError(Exception):
    """The progress store cannot be used; the message says what to do."""


def iso_utc(moment: datetime) -> str:
    """One fixed text form for times, so that SQL compares them correctly as strings."""
    return moment.astimezone(UTC).isoformat(timespec="microseconds")


def now_iso() -> str:
    """The current time in the store's text form."""
    return iso_utc(datetime.now(UTC))


def data_dir() -> Path:
    """`$DLTUTOR_HOME` when set, else the platform's user data dir for dltutor."""
    home = os.environ.get("DLTUTOR_HOME")
    if home:
        return Path(home).expanduser()
    from platformdirs import user_data_dir

    return Path(user_data_dir("dltutor", appauthor=False))


def default_path() -> Path:
    """Where the progress database lives unless a path is given."""
    return data_dir() / DB_NAME


ANSWER_COLUMNS = (
    "uid, question, lesson, type, section, given, correct, elapsed, rating, generated, answered_at"
)
ANSWER_PLACEHOLDERS = ", ".join("?" * len(ANSWER_COLUMNS.split(",")))


@dataclass(frozen=True)
class Answer:
    question: str
    lesson: str
    type: str
    given: Any
    correct: bool
    section: str = ""
    elapsed: float | None = None
    rating: int | None = None
    generated: bool = False
    answered_at: str = ""
    uid: str = ""

    def row(self) -> tuple[Any, ...]:
        """The values of `ANSWER_COLUMNS`, in order (uid and time must be set)."""
        return (
            self.uid,
            self.question,
            self.lesson,
            self.type,
            self.section,
            json.dumps(self.given, ensure_ascii=False),
            int(bool(self.correct)),
            self.elapsed,
            self.rating,
            int(bool(self.generated)),
            self.answered_at,
        )


def _is_corrupt(error: sqlite3.DatabaseError) -> bool:
    name = getattr(error, "sqlite_errorname", "") or ""
    if name.startswith(("SQLITE_NOTADB", "SQLITE_CORRUPT")):
        return True
    text = str(error).lower()
    return "not a database" in text or "malformed" in text


def _is_unwritable(error: sqlite3.Error) -> bool:
    name = getattr(error, "sqlite_errorname", "") or ""
    text = str(error).lower()
    return name.startswith(
        ("SQLITE_READONLY", "SQLITE_CANTOPEN", "SQLITE_PERM", "SQLITE_IOERR")
    ) or any(s in text for s in ("readonly", "unable to open", "disk i/o"))


class ProgressStore:
    """Open with `ProgressStore.open()`; `warnings` lists what happened on the way (a file
    moved aside), for the caller to show."""

    def __init__(self, db: sqlite3.Connection, path: Path, warnings: list[str]) -> None:
        self.db = db
        self.path = path
        self.warnings = warnings

    # --- opening -------------------------------------------------------------------------

    @classmethod
    def open(cls, path: str | Path | None = None) -> ProgressStore:
        path = Path(path) if path is not None else default_path()
        warnings: list[str] = []
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise ProgressError(
                f"cannot create the progress folder {path.parent} ({error.strerror or error}); "
                "set DLTUTOR_HOME to a writable folder"
            ) from None
        try:
            db = cls._connect(path)
        except sqlite3.DatabaseError as error:
            if not _is_corrupt(error):
                raise cls._error(path, error) from None
            moved = cls._move_aside(path)
            warnings.append(
                f"the progress database {path} was unreadable ({error}); it was moved to "
                f"{moved.name} and a fresh one was started"
            )
            try:
                db = cls._connect(path)
            except sqlite3.Error as again:
                raise cls._error(path, again) from None
        return cls(db, path, warnings)

    @staticmethod
    def _error(path: Path, error: sqlite3.Error) -> ProgressError:
        if _is_unwritable(error):
            return ProgressError(
                f"cannot write the progress database {path} ({error}); "
                "set DLTUTOR_HOME to a writable folder"
            )
        return ProgressError(f"cannot use the progress database {path} ({error})")

    @staticmethod
    def _connect(path: Path) -> sqlite3.Connection:
        db = sqlite3.connect(
            path, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None, check_same_thread=False
        )
        try:
            db.row_factory = sqlite3.Row
            db.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            version = db.execute("PRAGMA user_version").fetchone()[0]  # reads the header
            mode = db.execute("PRAGMA journal_mode = WAL").fetchone()[0]
            if str(mode).lower() != "wal":
                db.execute("PRAGMA journal_mode = DELETE")
            db.execute("PRAGMA synchronous = NORMAL")
            db.execute("PRAGMA foreign_keys = ON")
            if version:
                check = db.execute("PRAGMA quick_check").fetchone()[0]
                if check != "ok":
                    raise sqlite3.DatabaseError(f"database disk image is malformed: {check}")
            ProgressStore._migrate(db, path, version)
            return db
        except BaseException:
            db.close()
            raise

    @staticmethod
    def _migrate(db: sqlite3.Connection, path: Path, version: int) -> None:
        if version > SCHEMA_VERSION:
            raise ProgressError(
                f"{path} was written by a newer dltutor (schema {version}, this one knows "
                f"{SCHEMA_VERSION}); upgrade dltutor or set DLTUTOR_HOME to another folder"
            )
        if version == SCHEMA_VERSION:
            return
        db.execute("BEGIN IMMEDIATE")
        try:
            # re-read under the write lock: another process may have migrated meanwhile
            version = db.execute("PRAGMA user_version").fetchone()[0]
            for step in MIGRATIONS[version:]:
                step(db)
            db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
            db.execute("COMMIT")
        except BaseException:
            db.execute("ROLLBACK")
            raise

    @staticmethod
    def _move_aside(path: Path) -> Path:
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
        target = path.with_name(f"{path.name}.corrupt-{stamp}")
        n = 1
        while target.exists():
            target = path.with_name(f"{path.name}.corrupt-{stamp}-{n}")
            n += 1
        os.replace(path, target)
        for suffix in ("-wal", "-shm", "-journal"):
            side = path.with_name(path.name + suffix)
            if side.exists():
                os.replace(side, target.with_name(target.name + suffix))
        return target

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> ProgressStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """One write transaction (BEGIN IMMEDIATE … COMMIT); rolled back on error."""
        try:
            self.db.execute("BEGIN IMMEDIATE")
        except sqlite3.Error as error:
            raise self._error(self.path, error) from None
        try:
            yield self.db
        except BaseException:
            self.db.execute("ROLLBACK")
            raise
        try:
            self.db.execute("COMMIT")
        except sqlite3.Error as error:
            self.db.execute("ROLLBACK")
            raise self._error(self.path, error) from None

    # --- lessons -------------------------------------------------------------------------

    # Each takes the lesson id or key and stores under the id (see `lesson_id`).

    def lesson_opened(self, lesson: str) -> None:
        stamp = now_iso()
        with self.transaction() as db:
            db.execute(
                """
                INSERT INTO lessons(lesson, opened_at, updated_at) VALUES (?, ?, ?)
                ON CONFLICT(lesson) DO UPDATE SET
                    opened_at = COALESCE(opened_at, excluded.opened_at),
                    updated_at = excluded.updated_at
                """,
                (lesson_id(lesson), stamp, stamp),
            )

    def lesson_finished(self, lesson: str) -> None:
        stamp = now_iso()
        with self.transaction() as db:
            db.execute(
                """
                INSERT INTO lessons(lesson, opened_at, finished_at, updated_at) VALUES (?, ?, ?, ?)
                ON CONFLICT(lesson) DO UPDATE SET
                    finished_at = COALESCE(finished_at, excluded.finished_at),
                    opened_at = COALESCE(opened_at, excluded.opened_at),
                    updated_at = excluded.updated_at
                """,
                (lesson_id(lesson), stamp, stamp, stamp),
            )

    def set_scroll(self, lesson: str, position: float) -> None:
        stamp = now_iso()
        with self.transaction() as db:
            db.execute(
                """
                INSERT INTO lessons(lesson, scroll, updated_at) VALUES (?, ?, ?)
                ON CONFLICT(lesson) DO UPDATE SET
                    scroll = excluded.scroll,
                    updated_at = excluded.updated_at
                """,
                (lesson_id(lesson), float(position), stamp),
            )

    def scroll(self, lesson: str) -> float:
        row = self.db.execute(
            "SELECT scroll FROM lessons WHERE lesson = ?", (lesson_id(lesson),)
        ).fetchone()
        return float(row["scroll"]) if row else 0.0

    def lessons(self) -> dict[str, dict[str, Any]]:
        rows = self.db.execute("SELECT * FROM lessons ORDER BY lesson").fetchall()
        return {r["lesson"]: dict(r) for r in rows}

    # --- answers -------------------------------------------------------------------------

    def record_answer(self, answer: Answer, card: tuple[str, str] | None = None) -> str:
        """Store one answer (and, in the same transaction, the question's new FSRS card
        JSON and due time). Returns the answer's uid."""
        uid = answer.uid or uuid.uuid4().hex
        at = answer.answered_at or now_iso()
        with self.transaction() as db:
            db.execute(
                f"INSERT INTO answers({ANSWER_COLUMNS}) VALUES ({ANSWER_PLACEHOLDERS})",
                replace(answer, uid=uid, answered_at=at).row(),
            )
            if card is not None:
                card_json, due = card
                db.execute(
                    """
                    INSERT INTO reviews(question, lesson, card, due, updated_at)
                    VALUES (?, ?, ?, ?, ?)
                    ON CONFLICT(question) DO UPDATE SET
                        card = excluded.card,
                        due = excluded.due,
                        lesson = excluded.lesson,
                        updated_at = excluded.updated_at
                    """,
                    (answer.question, answer.lesson, card_json, due, at),
                )
        return uid

    def answers(self, lesson: str | None = None) -> list[dict[str, Any]]:
        sql = "SELECT * FROM answers"
        args: tuple[Any, ...] = ()
        if lesson is not None:
            sql += " WHERE lesson = ?"
            args = (lesson,)
        rows = self.db.execute(sql + " ORDER BY answered_at, id", args).fetchall()
        return [
            {
                **dict(r),
                "given": json.loads(r["given"]),
                "correct": bool(r["correct"]),
                "generated": bool(r["generated"]),
            }
            for r in rows
        ]

    # --- review state --------------------------------------------------------------------

    def card(self, question: str) -> str | None:
        row = self.db.execute("SELECT card FROM reviews WHERE question = ?", (question,)).fetchone()
        return row["card"] if row else None

    def due(self, now: datetime | None = None, lesson: str | None = None) -> list[dict[str, Any]]:
        """Review rows due at `now`, most overdue first. `due` is compared as UTC ISO text."""
        stamp = iso_utc(now or datetime.now(UTC))
        sql = "SELECT question, lesson, card, due FROM reviews WHERE due <= ?"
        args: list[Any] = [stamp]
        if lesson is not None:
            sql += " AND lesson = ?"
            args.append(lesson)
        return [dict(r) for r in self.db.execute(sql + " ORDER BY due", args).fetchall()]

    def reviews(self) -> list[dict[str, Any]]:
        return [
            dict(r) for r in self.db.execute("SELECT * FROM reviews ORDER BY question").fetchall()
        ]

    # --- labs ----------------------------------------------------------------------------

    def record_lab_run(
        self, lab: str, knobs: dict[str, Any], metrics: dict[str, Any], ran_at: str | None = None
    ) -> str:
        uid = uuid.uuid4().hex
        with self.transaction() as db:
            db.execute(
                "INSERT INTO lab_runs(uid, lab, knobs, metrics, ran_at) VALUES (?, ?, ?, ?, ?)",
                (
                    uid,
                    lab,
                    json.dumps(knobs, sort_keys=True),
                    json.dumps(metrics, sort_keys=True),
                    ran_at or now_iso(),
                ),
            )
        return uid

    def lab_runs(self, lab: str | None = None) -> list[dict[str, Any]]:
        sql, args = "SELECT * FROM lab_runs", ()
        if lab is not None:
            sql, args = sql + " WHERE lab = ?", (lab,)
        rows = self.db.execute(sql + " ORDER BY ran_at, id", args).fetchall()
        return [
            {**dict(r), "knobs": json.loads(r["knobs"]), "metrics": json.loads(r["metrics"])}
            for r in rows
        ]

    # --- settings ------------------------------------------------------------------------

    def get_setting(self, key: str, default: str | None = None) -> str | None:
        row = self.db.execute("SELECT value FROM settings WHERE key = ?", (key,)).fetchone()
        return row["value"] if row else default

    def set_setting(self, key: str, value: str) -> None:
        with self.transaction() as db:
            db.execute(
                "INSERT INTO settings(key, value) VALUES (?, ?) "
                "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                (key, str(value)),
            )

    def settings(self) -> dict[str, str]:
        return {r["key"]: r["value"] for r in self.db.execute("SELECT key, value FROM settings")}
