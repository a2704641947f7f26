"""The progress store: one SQLite file under the user data dir (or `$DLTUTOR_HOME`).

It keeps lessons opened and finished (with a scroll position), every answer, review
state (FSRS card JSON), lab runs and settings. Writes are short transactions in WAL mode
with a busy timeout, so two dltutor processes can share the file and a killed process
never loses a committed answer. `PRAGMA user_version` carries the schema version and
`MIGRATIONS` brings an older file up to date. A file that is not a database (or is
corrupt) is moved aside with a timestamp and a fresh one is made; an unwritable location
is a `ProgressError` with a one-line message.
"""

from __future__ import annotations

import json
import os
import sqlite3
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

DB_NAME = "progress.db"
EXPORT_FORMAT = "dltutor-progress"
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


# --- schema ---------------------------------------------------------------------------


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


ANSWER_COLUMNS = (
    "uid, question, lesson, type, section, given, correct, elapsed, rating, generated, answered_at"
)
ANSWER_PLACEHOLDERS = ", ".join("?" * len(ANSWER_COLUMNS.split(",")))

# Migration i takes user_version i to i + 1. Append, never edit a shipped one.
MIGRATIONS: list[Callable[[sqlite3.Connection], None]] = [_v1]
SCHEMA_VERSION = len(MIGRATIONS)


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
                (lesson, stamp, stamp),
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
                (lesson, stamp, stamp, stamp),
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
                (lesson, float(position), stamp),
            )

    def scroll(self, lesson: str) -> float:
        row = self.db.execute("SELECT scroll FROM lessons WHERE lesson = ?", (lesson,)).fetchone()
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
                (
                    uid,
                    answer.question,
                    answer.lesson,
                    answer.type,
                    answer.section,
                    json.dumps(answer.given, ensure_ascii=False),
                    int(bool(answer.correct)),
                    answer.elapsed,
                    answer.rating,
                    int(answer.generated),
                    at,
                ),
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

    # --- export / import -----------------------------------------------------------------

    def export(self) -> dict[str, Any]:
        answers = self.answers()
        for a in answers:
            a.pop("id", None)
        runs = self.lab_runs()
        for r in runs:
            r.pop("id", None)
        return {
            "format": EXPORT_FORMAT,
            "version": SCHEMA_VERSION,
            "exported_at": now_iso(),
            "lessons": list(self.lessons().values()),
            "answers": answers,
            "reviews": self.reviews(),
            "lab_runs": runs,
            "settings": self.settings(),
        }

    def merge(self, data: dict[str, Any]) -> dict[str, int]:
        """Merge an `export()` dict: answers and lab runs by uid (no duplicates), lessons by
        earliest open / finish, review cards by the later update, settings only if unset."""
        if not isinstance(data, dict) or data.get("format") != EXPORT_FORMAT:
            raise ProgressError(
                f'not a dltutor progress export (expected "format": "{EXPORT_FORMAT}")'
            )
        counts = {"answers": 0, "lab_runs": 0, "lessons": 0, "reviews": 0, "settings": 0}
        try:
            with self.transaction() as db:
                counts["answers"] = _merge_answers(db, data.get("answers", []))
                counts["lab_runs"] = _merge_lab_runs(db, data.get("lab_runs", []))
                counts["lessons"] = _merge_lessons(db, data.get("lessons", []))
                counts["reviews"] = _merge_reviews(db, data.get("reviews", []))
                counts["settings"] = _merge_settings(db, data.get("settings") or {})
        except (KeyError, TypeError, ValueError) as error:
            raise ProgressError(
                f"the export is missing or has a bad field ({error!r}); nothing was imported"
            ) from None
        return counts


# --- merging an export: each returns how many rows it added or changed ------------------


def _merge_answers(db: sqlite3.Connection, answers: list[dict[str, Any]]) -> int:
    """New answers by uid; one already here is left as it is."""
    added = 0
    for a in answers:
        cur = db.execute(
            f"INSERT OR IGNORE INTO answers({ANSWER_COLUMNS}) VALUES ({ANSWER_PLACEHOLDERS})",
            (
                a["uid"],
                a["question"],
                a["lesson"],
                a["type"],
                a.get("section", ""),
                json.dumps(a.get("given"), ensure_ascii=False),
                int(bool(a["correct"])),
                a.get("elapsed"),
                a.get("rating"),
                int(bool(a.get("generated", False))),
                a["answered_at"],
            ),
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
    """Lessons by the earlier of the two open and finish times (a missing one never wins)."""
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
                x["lesson"],
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
