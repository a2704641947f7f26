"""`dltutor exercises`, `dltutor exercise start|check|hint|solution` through CliRunner."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from dltutor.lessons.exercises import all_exercises, exercises_for, get_exercise
from dltutor.tui.cli.main import app

runner = CliRunner()
GATES = get_exercise("01-gates")


def _run(*args: str, input: str | None = None):
    return runner.invoke(app, list(args), input=input)


def test_every_command_has_help() -> None:
    for args in (["exercises"], ["exercise", "start"], ["exercise", "check"], ["watch"]):
        result = _run(*args, "--help")
        assert result.exit_code == 0 and "--lang" in result.output, args


def test_list_shows_every_exercise_with_its_status(dltutor_home: Path) -> None:
    result = _run("exercises", "--json")
    assert result.exit_code == 0
    rows = json.loads(result.output)
    assert [r["id"] for r in rows] == [e.id for e in all_exercises()]
    gates = next(r for r in rows if r["id"] == "01-gates")
    assert gates["status"] == "new" and gates["implements"] == ["AND", "NAND", "OR", "XOR"]
    assert gates["path"] == str(dltutor_home / "exercises" / "01-gates.py")
    ja = _run("exercises", "--lesson", "2", "--lang", "ja")
    assert ja.exit_code == 0 and "オーバーフローしないソフトマックス関数" in ja.output
    assert "01-gates" not in ja.output
    assert _run("exercises", "--lesson", "99").exit_code == 2


def test_start_check_pass_and_progress(tmp_path: Path) -> None:
    folder = tmp_path / "mine"
    first = all_exercises()[0]
    started = _run("exercise", "start", "--dir", str(folder), "--json")
    assert started.exit_code == 0
    assert json.loads(started.output) == {
        "id": first.id,
        "path": str(folder / first.filename),
        "action": "created",
        "backup": None,
    }
    failed = _run("exercise", "check", first.id, "--dir", str(folder), "--json")
    assert failed.exit_code == 1
    data = json.loads(failed.output)
    assert data["id"] == first.id and data["passed"] is False
    assert {"name", "passed", "message"} == set(data["checks"][0])
    (folder / first.filename).write_text(first.solution_code)
    passed = _run("exercise", "check", first.id, "--dir", str(folder), "--json")
    assert passed.exit_code == 0 and json.loads(passed.output)["passed"] is True
    listed = json.loads(_run("exercises", "--dir", str(folder), "--json").output)
    assert listed[0]["status"] == "passed"
    progress = json.loads(_run("progress", "--json").output)
    row = next(r for r in progress["lessons"] if r["lesson"] == first.lesson)
    assert (row["exercises_passed"], row["exercises"]) == (1, len(exercises_for(first.lesson)))
    assert progress["exercises"][first.id]["attempts"] == 2
    following = json.loads(_run("exercise", "start", "--dir", str(folder), "--json").output)
    assert following["id"] == all_exercises()[1].id


def test_start_keeps_changes_and_reset_backs_up(tmp_path: Path) -> None:
    folder = tmp_path / "mine"
    _run("exercise", "start", "02-softmax", "--dir", str(folder))
    (folder / "02-softmax.py").write_text("# mine\n")
    kept = _run("exercise", "start", "02-softmax", "--dir", str(folder))
    assert kept.exit_code == 0 and "was kept" in kept.output
    assert (folder / "02-softmax.py").read_text() == "# mine\n"
    reset = json.loads(
        _run("exercise", "start", "02-softmax", "--dir", str(folder), "--reset", "--json").output
    )
    assert reset["action"] == "reset" and Path(reset["backup"]).read_text() == "# mine\n"


def test_a_failed_check_names_the_mistake_in_japanese(tmp_path: Path) -> None:
    folder = tmp_path / "mine"
    _run("exercise", "start", "02-softmax", "--dir", str(folder))
    code = get_exercise("02-softmax").solution_code.replace("np.exp(a - c)", "np.exp(a)")
    (folder / "02-softmax.py").write_text(code)
    result = _run("exercise", "check", "02-softmax", "--dir", str(folder), "--lang", "ja")
    assert result.exit_code == 1
    assert "よくある間違い：大きな入力で exp がオーバーフローしています" in result.output


def test_hints_come_one_level_at_a_time() -> None:
    first = json.loads(_run("exercise", "hint", "01-gates", "--json").output)
    assert first["level"] == 1 and first["hints"] == GATES.hints("en")[:1]
    _run("exercise", "hint", "01-gates")
    last = _run("exercise", "hint", "01-gates", "--lang", "ja")
    assert "ヒント 3/3" in last.output and "dltutor exercise solution 01-gates" in last.output
    assert json.loads(_run("exercise", "hint", "01-gates", "--json").output)["level"] == 3


def test_solution_needs_a_pass_or_a_confirmation() -> None:
    refused = _run("exercise", "solution", "01-gates", input="n\n")
    assert refused.exit_code == 1
    shown = _run("exercise", "solution", "01-gates", "--yes", "--json")
    assert shown.exit_code == 0
    assert json.loads(shown.output)["solution"] == GATES.solution_code


def test_bad_input_is_a_short_error() -> None:
    unknown = _run("exercise", "check", "99-nothing")
    assert unknown.exit_code == 2 and "no exercise '99-nothing'" in unknown.output
    assert "Traceback" not in unknown.output
    missing = _run("exercise", "check", "01-gates")
    assert missing.exit_code == 1 and "dltutor exercise start 01-gates" in missing.output
