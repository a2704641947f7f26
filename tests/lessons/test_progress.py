"""The progress store: schema, writes, crash safety, recovery, export/import."""

from __future__ import annotations

import json
import signal
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from dltutor.lessons.progress.report import answers_csv, report, streak
from dltutor.lessons.progress.schema import SCHEMA_VERSION
from dltutor.lessons.progress.store import (
    Answer,
    ProgressError,
    ProgressStore,
    default_path,
)
from dltutor.lessons.progress.sync import export_progress, merge_progress


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "dltutor-home"
    monkeypatch.setenv("DLTUTOR_HOME", str(folder))
    return folder


def answer(qid: str = "07-a", correct: bool = True, **kw) -> Answer:
    return Answer(
        question=qid, lesson=qid[:2], type="single", given=1, correct=correct, section="s", **kw
    )


def test_location_schema_and_wal(home: Path) -> None:
    assert default_path() == home / "progress.db"
    with ProgressStore.open() as store:
        assert store.path == home / "progress.db"
        assert store.db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert store.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert store.db.execute("PRAGMA busy_timeout").fetchone()[0] >= 5000
        assert store.warnings == []


def test_everything_round_trips(home: Path) -> None:
    with ProgressStore.open() as store:
        store.lesson_opened("07")
        store.set_scroll("07", 0.42)
        store.lesson_finished("07")
        store.record_answer(
            answer("07-a", True, elapsed=3.5, rating=3),
            card=('{"card": 1}', "2030-01-01T00:00:00.000000+00:00"),
        )
        store.record_answer(answer("07-b", False))
        store.record_lab_run("07-dropout", {"rate": 0.5}, {"test_acc": 0.91})
        store.set_setting("language", "ja")
        store.set_setting("theme", "dark")
    with ProgressStore.open() as store:
        assert store.scroll("07") == pytest.approx(0.42) and store.scroll("99") == 0
        info = store.lessons()["07"]
        assert info["opened_at"] and info["finished_at"]
        rows = store.answers()
        assert [(a["question"], a["correct"], a["given"]) for a in rows] == [
            ("07-a", True, 1),
            ("07-b", False, 1),
        ]
        assert store.card("07-a") == '{"card": 1}' and store.card("07-b") is None
        assert store.lab_runs("07-dropout")[0]["metrics"] == {"test_acc": 0.91}
        assert store.get_setting("language") == "ja" and store.get_setting("nope", "x") == "x"
        assert store.settings() == {"language": "ja", "theme": "dark"}
        assert len(store.due()) == 0
        summary = report(store, {}, {"07": "Overfitting"})
        row = summary["lessons"][0]
        assert row["read"] == "finished" and row["answered"] == 2 and row["accuracy"] == 0.5
        assert summary["streak"] == streak(store) == 1
        assert answers_csv(store).splitlines()[0].startswith("answered_at,lesson,question")


def test_failed_transaction_rolls_back(home: Path) -> None:
    with ProgressStore.open() as store:
        with pytest.raises(RuntimeError), store.transaction() as db:
            db.execute("INSERT INTO settings(key, value) VALUES ('a', 'b')")
            raise RuntimeError("boom")
        assert store.get_setting("a") is None


CHILD = textwrap.dedent(
    """
    import sys
    from dltutor.lessons.progress.store import Answer, ProgressStore
    store = ProgressStore.open()
    i = 0
    while True:
        uid = store.record_answer(Answer(question=f"07-q{i}", lesson="07", type="numeric",
                                         given=i, correct=i % 2 == 0, section="s"),
                                  card=('{"n": %d}' % i, "2030-01-01T00:00:00.000000+00:00"))
        print(uid, flush=True)
        i += 1
    """
)


def test_kill_9_keeps_every_committed_answer(home: Path) -> None:
    child = subprocess.Popen([sys.executable, "-c", CHILD], stdout=subprocess.PIPE, text=True)
    committed = []
    try:
        while len(committed) < 150:
            line = child.stdout.readline()
            assert line, "the writer died"
            committed.append(line.strip())
    finally:
        child.send_signal(signal.SIGKILL)
        child.wait()
    assert child.returncode == -signal.SIGKILL
    with ProgressStore.open() as store:
        assert store.warnings == []
        uids = {a["uid"] for a in store.answers()}
        assert set(committed) <= uids
        assert store.db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert len(store.reviews()) >= len(committed)


def test_two_processes_write_at_once(home: Path) -> None:
    writer = textwrap.dedent(
        """
        import sys
        from dltutor.lessons.progress.store import Answer, ProgressStore
        store = ProgressStore.open()
        for i in range(100):
            store.record_answer(Answer(question=f"07-{sys.argv[1]}-{i}", lesson="07", type="single",
                                       given=0, correct=True, section="s"))
        """
    )
    ProgressStore.open().close()
    procs = [subprocess.Popen([sys.executable, "-c", writer, tag]) for tag in ("x", "y")]
    assert all(p.wait(timeout=60) == 0 for p in procs)
    with ProgressStore.open() as store:
        assert len(store.answers()) == 200


def test_garbage_file_is_moved_aside(home: Path) -> None:
    home.mkdir(parents=True)
    (home / "progress.db").write_bytes(b"this is not a database at all\x00" * 200)
    with ProgressStore.open() as store:
        assert len(store.warnings) == 1 and "moved to progress.db.corrupt-" in store.warnings[0]
        store.record_answer(answer())
        assert len(store.answers()) == 1
    aside = list(home.glob("progress.db.corrupt-*"))
    assert len(aside) == 1 and aside[0].read_bytes().startswith(b"this is not")


def test_truncated_database_is_recovered(home: Path) -> None:
    with ProgressStore.open() as store:
        for i in range(300):
            store.record_answer(answer(f"07-{i}"))
        store.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    path = home / "progress.db"
    data = path.read_bytes()
    path.write_bytes(data[:4096] + b"\xff" * 4096 + data[8192:])  # clobber a page
    with ProgressStore.open() as store:
        assert store.warnings and "corrupt-" in store.warnings[0]
        store.record_answer(answer())


def test_unwritable_location_is_a_clear_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    monkeypatch.setenv("DLTUTOR_HOME", str(blocker / "sub"))
    with pytest.raises(ProgressError, match="DLTUTOR_HOME") as err:
        ProgressStore.open()
    assert "\n" not in str(err.value)


def test_newer_schema_is_refused(home: Path) -> None:
    ProgressStore.open().close()
    db = sqlite3.connect(home / "progress.db")
    db.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 5}")
    db.close()
    with pytest.raises(ProgressError, match="newer dltutor"):
        ProgressStore.open()


def test_old_schema_is_migrated(home: Path) -> None:
    home.mkdir(parents=True)
    sqlite3.connect(home / "progress.db").close()  # an empty v0 file
    with ProgressStore.open() as store:
        assert store.db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        store.record_answer(answer())


def test_export_import_merges_without_duplicates(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DLTUTOR_HOME", str(tmp_path / "one"))
    with ProgressStore.open() as one:
        one.lesson_opened("07")
        one.record_answer(answer("07-a"), card=('{"a": 1}', "2030-01-01T00:00:00.000000+00:00"))
        one.record_lab_run("07-dropout", {"rate": 0.5}, {"acc": 0.9})
        one.set_setting("language", "ja")
        exported = json.loads(json.dumps(export_progress(one)))
    monkeypatch.setenv("DLTUTOR_HOME", str(tmp_path / "two"))
    with ProgressStore.open() as two:
        two.record_answer(answer("07-b", False))
        two.set_setting("language", "en")
        first = merge_progress(two, exported)
        again = merge_progress(two, exported)
        assert first["answers"] == 1 and first["lab_runs"] == 1 and first["reviews"] == 1
        assert again["answers"] == 0 and again["lab_runs"] == 0 and again["reviews"] == 0
        assert sorted(a["question"] for a in two.answers()) == ["07-a", "07-b"]
        assert two.get_setting("language") == "en"  # local settings win
        assert two.lessons()["07"]["opened_at"] == exported["lessons"][0]["opened_at"]
        with pytest.raises(ProgressError, match="not a dltutor progress export"):
            merge_progress(two, {"answers": []})


def _stamp(day: int) -> str:
    return f"2026-01-{day:02d}T00:00:00.000000+00:00"


def test_reading_rows_stored_by_lesson_key_fold_into_the_id(home: Path) -> None:
    """Earlier versions stored reading state under "NN-slug"; opening such a file moves it
    to "NN": earliest open and finish, latest update, the last-updated row's scroll."""
    from dltutor.lessons.progress.schema import MIGRATIONS

    home.mkdir(parents=True)
    db = sqlite3.connect(home / "progress.db")
    db.execute("BEGIN")
    MIGRATIONS[0](db)
    db.executemany(
        "INSERT INTO lessons(lesson, opened_at, finished_at, scroll, updated_at) "
        "VALUES (?, ?, ?, ?, ?)",
        [
            ("04-backprop", _stamp(2), None, 0.7, _stamp(5)),
            ("04", _stamp(3), _stamp(4), 0.2, _stamp(4)),
            ("07-regularization", _stamp(1), None, 0.3, _stamp(1)),
            ("02", _stamp(6), None, 0.1, _stamp(6)),
        ],
    )
    db.execute("PRAGMA user_version = 1")
    db.execute("COMMIT")
    db.close()
    with ProgressStore.open() as store:
        rows = store.lessons()
        assert set(rows) == {"02", "04", "07"}
        assert rows["04"] == {
            "lesson": "04",
            "opened_at": _stamp(2),
            "finished_at": _stamp(4),
            "scroll": 0.7,
            "updated_at": _stamp(5),
        }
        assert rows["07"]["opened_at"] == _stamp(1) and rows["07"]["scroll"] == 0.3
        assert rows["02"]["updated_at"] == _stamp(6)
        summary = report(store, {}, {"02": "b", "04": "d", "07": "g"})
        read = {row["lesson"]: row["read"] for row in summary["lessons"]}
        assert read == {"02": "opened", "04": "finished", "07": "opened"}


def test_the_lesson_key_and_id_name_the_same_row(home: Path) -> None:
    with ProgressStore.open() as store:
        store.lesson_opened("04-backprop")
        store.set_scroll("04-backprop", 0.5)
        store.lesson_finished("04")
        assert set(store.lessons()) == {"04"}
        assert store.scroll("04") == store.scroll("04-backprop") == 0.5
        exported = export_progress(store)
    exported["lessons"] = [{**row, "lesson": "04-backprop"} for row in exported["lessons"]]
    with ProgressStore.open(home / "other.db") as other:
        assert merge_progress(other, exported)["lessons"] == 1
        assert set(other.lessons()) == {"04"}
        assert other.lessons()["04"]["finished_at"] == exported["lessons"][0]["finished_at"]


def test_exercise_checks_and_hints_travel_with_an_export(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from dltutor.lessons.progress.exercise_log import (
        exercise_stats,
        record_attempt,
        saw_solution,
        use_hint,
    )

    monkeypatch.setenv("DLTUTOR_HOME", str(tmp_path / "one"))
    with ProgressStore.open() as one:
        record_attempt(one, "02-softmax", "02", False, ["no-max-shift"])
        record_attempt(one, "02-softmax", "02", True, [])
        use_hint(one, "02-softmax", "02", available=3)
        use_hint(one, "02-softmax", "02", available=3)
        saw_solution(one, "04-affine", "04")
        exported = json.loads(json.dumps(export_progress(one)))
        wanted = exercise_stats(one)
    assert exported["exercise_attempts"][0]["mistakes"] == ["no-max-shift"]
    monkeypatch.setenv("DLTUTOR_HOME", str(tmp_path / "two"))
    with ProgressStore.open() as two:
        use_hint(two, "04-affine", "04", available=3)
        first = merge_progress(two, exported)
        again = merge_progress(two, exported)
        stats = exercise_stats(two)
    assert first["exercise_attempts"] == 2 and first["exercise_help"] == 2
    assert again["exercise_attempts"] == 0 and again["exercise_help"] == 0
    assert stats["02-softmax"] == wanted["02-softmax"]
    assert stats["04-affine"]["hints"] == 1 and stats["04-affine"]["solution_seen"] is True
