"""`dltutor quiz / review / progress` through typer's CliRunner, with DLTUTOR_HOME in tmp."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from dltutor.lessons.quiz import bank
from dltutor.lessons.quiz.session import build_quiz
from dltutor.tui.cli.main import app

FIXTURES = Path(__file__).parents[1] / "lessons" / "fixtures" / "quizzes"
BANKS = bank.read_banks(FIXTURES)


@pytest.fixture(autouse=True)
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("DLTUTOR_HOME", str(tmp_path / "home"))
    monkeypatch.setattr(bank, "load_banks", lambda: BANKS)
    return tmp_path / "home"


runner = CliRunner()


def right_input(shown) -> str:
    q = shown.question
    if q.type in ("single", "multi", "order"):
        return ",".join(shown.letter(i) for i in ((q.answer,) if q.type == "single" else q.answer))
    return str(q.answer) if q.type == "numeric" else q.answer[0]


def scripted_lines(seed: int, wrong: str) -> tuple[list[str], list[str]]:
    """Right answers for every question, except a wrong one for `wrong`; and the id order."""
    session = build_quiz("90", n=5, seed=seed, generated=False, banks=BANKS)
    lines, ids = [], []
    while (shown := session.next()) is not None:
        ids.append(shown.question.id)
        if shown.question.id == wrong:
            lines.append("42")  # numeric question answered wrongly
        else:
            lines.append(right_input(shown))
    return lines, ids


def test_scripted_quiz_json_summary(home: Path) -> None:
    lines, ids = scripted_lines(7, wrong="90-numeric")
    result = runner.invoke(
        app,
        [
            "quiz",
            "--lesson",
            "90",
            "-n",
            "5",
            "--seed",
            "7",
            "--no-generated",
            "--json",
            "--lang",
            "en",
        ],
        input="\n".join(lines) + "\n",
    )
    assert result.exit_code == 0, result.output
    summary = json.loads(result.stdout)
    assert summary["lesson"] == "90" and summary["asked"] == 5 and summary["correct"] == 4
    assert summary["score"] == 0.8
    assert [a["id"] for a in summary["answers"]] == ids
    numeric = next(a for a in summary["answers"] if a["id"] == "90-numeric")
    assert numeric == {
        "id": "90-numeric",
        "type": "numeric",
        "given": 42,
        "correct": False,
        "section": "second",
    }
    multi = next(a for a in summary["answers"] if a["id"] == "90-multi")
    assert multi["given"] == [0, 2] and multi["correct"]
    assert (home / "progress.db").exists()


def test_eof_ends_early_with_summary() -> None:
    lines, _ = scripted_lines(3, wrong="")
    result = runner.invoke(
        app,
        ["quiz", "--lesson", "90", "-n", "5", "--seed", "3", "--no-generated", "--lang", "en"],
        input="\n".join(lines[:2]) + "\n",
    )
    assert result.exit_code == 0, result.output
    assert "Stopped early after 2 of 5 questions." in result.stdout
    assert "Score: 2/2 (100%)" in result.stdout


def test_text_mode_shows_feedback_and_section_pointer() -> None:
    result = runner.invoke(
        app,
        ["quiz", "--lesson", "90", "-n", "5", "--seed", "1", "--no-generated", "--lang", "ja"],
        input="zzz\n\n\n\n\n",
    )
    assert result.exit_code == 0, result.output
    assert "問題 1/5" in result.stdout and "復習：レッスン 90" in result.stdout
    assert "5 問中 0 問正解" in result.stdout


def test_unknown_lesson_exits_2() -> None:
    result = runner.invoke(app, ["quiz", "--lesson", "77"])
    assert result.exit_code == 2
    assert "no lesson '77'" in result.stderr and "known ids" in result.stderr
    assert "Traceback" not in result.output


def test_generated_questions_in_a_quiz() -> None:
    result = runner.invoke(
        app, ["quiz", "--lesson", "10", "-n", "3", "--seed", "1", "--json"], input="1\n2\n3\n"
    )
    assert result.exit_code == 0, result.output
    summary = json.loads(result.stdout)
    assert summary["asked"] == 3 and all(a["id"].startswith("10-gen-") for a in summary["answers"])


def test_review_and_progress(home: Path, tmp_path: Path) -> None:
    lines, _ = scripted_lines(7, wrong="90-numeric")
    runner.invoke(
        app,
        ["quiz", "--lesson", "90", "-n", "5", "--seed", "7", "--no-generated", "--json"],
        input="\n".join(lines) + "\n",
    )
    review = runner.invoke(app, ["review", "--json"], input="")
    assert review.exit_code == 0 and json.loads(review.stdout)["asked"] == 0  # nothing due yet
    text = runner.invoke(app, ["review", "--lang", "en"])
    assert "Nothing is due" in text.stdout and "Next review" in text.stdout

    shown = runner.invoke(app, ["progress", "--json"])
    data = json.loads(shown.stdout)
    row = next(r for r in data["lessons"] if r["lesson"] == "90")
    assert (
        row["seen"] == 5
        and row["questions"] == 5
        and row["accuracy"] == 0.8
        and row["mastery"] == 0.8
    )
    assert data["streak"] == 1

    out_json, out_csv = tmp_path / "p.json", tmp_path / "p.csv"
    assert runner.invoke(app, ["progress", "--export", str(out_json)]).exit_code == 0
    assert runner.invoke(app, ["progress", "--export", str(out_csv)]).exit_code == 0
    assert len(out_csv.read_text().splitlines()) == 6
    assert json.loads(out_json.read_text())["format"] == "dltutor-progress"
    merged = runner.invoke(app, ["progress", "--import", str(out_json), "--json"])
    assert merged.exit_code == 0 and "0 answers" in json.loads(merged.stdout)["notes"][0]
    table = runner.invoke(app, ["progress", "--lang", "en"])
    assert "Streak: 1 day(s) · 5 answers" in table.stdout
    bad = runner.invoke(app, ["progress", "--export", str(tmp_path / "p.txt")])
    assert bad.exit_code == 2 and ".json or .csv" in bad.stderr


def test_unwritable_home_is_one_line_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    monkeypatch.setenv("DLTUTOR_HOME", str(blocker / "inside"))
    result = runner.invoke(app, ["progress"])
    assert result.exit_code == 1
    assert result.stderr.count("\n") == 1 and "DLTUTOR_HOME" in result.stderr
