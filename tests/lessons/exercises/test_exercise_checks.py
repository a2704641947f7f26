"""Every reference solution passes its check, every untouched template fails, and each
recognised mistake (a small edit of the solution) fails with its own message.

The checks run in this process through `child.run` (fast and deterministic); the sandbox
path itself is tested in test_sandbox.py and test_exercise_runner.py.
"""

from __future__ import annotations

from pathlib import Path

import mistakes_00_05
import mistakes_06_16
import pytest

from dltutor.lessons.exercises import all_exercises, get_exercise
from dltutor.lessons.exercises.child import run
from dltutor.lessons.exercises.runner import payload_for, report_from
from dltutor.lessons.sandbox import SandboxResult

MISTAKES = mistakes_00_05.MISTAKES + mistakes_06_16.MISTAKES
IDS = [e.id for e in all_exercises()]


def _check(exercise_id: str, code: str, tmp_path: Path, lang: str = "en"):
    exercise = get_exercise(exercise_id)
    path = tmp_path / exercise.filename
    path.write_text(code, encoding="utf-8")
    value = run(payload_for(exercise, path))
    return report_from(exercise, lang, SandboxResult("ok", value=value))


@pytest.mark.parametrize("exercise_id", IDS)
def test_reference_solution_passes(exercise_id: str, tmp_path: Path) -> None:
    report = _check(exercise_id, get_exercise(exercise_id).solution_code, tmp_path)
    assert report.passed, [i.message for i in report.failed]
    assert len(report.items) >= 3
    in_japanese = _check(exercise_id, get_exercise(exercise_id).solution_code, tmp_path, "ja")
    assert not any("[[" in item.name for item in in_japanese.items)


@pytest.mark.parametrize("exercise_id", IDS)
def test_untouched_template_fails(exercise_id: str, tmp_path: Path) -> None:
    exercise = get_exercise(exercise_id)
    for lang in ("en", "ja"):
        report = _check(exercise_id, exercise.template(lang), tmp_path, lang)
        assert not report.passed
        assert "NotImplementedError" in report.failed[0].message


@pytest.mark.parametrize(
    ("exercise_id", "mistake", "edits"), MISTAKES, ids=[f"{e}:{m}" for e, m, _ in MISTAKES]
)
def test_mistake_is_named(exercise_id: str, mistake: str, edits, tmp_path: Path) -> None:
    exercise = get_exercise(exercise_id)
    code = exercise.solution_code
    for old, new in edits:
        assert old in code, f"the solution no longer contains {old!r}"
        code = code.replace(old, new)
    for lang in ("en", "ja"):
        report = _check(exercise_id, code, tmp_path, lang)
        assert not report.passed
        first = report.failed[0]
        assert first.mistake == mistake, first.message
        assert exercise.text(lang, f"mistake.{mistake}") in first.message


def test_every_listed_mistake_has_a_case_and_every_core_exercise_two() -> None:
    covered = {(e, m) for e, m, _ in MISTAKES}
    for exercise in all_exercises():
        assert {(exercise.id, m) for m in exercise.mistakes} <= covered, exercise.id
        assert len(exercise.mistakes) >= 2, exercise.id


def test_a_failure_shows_input_and_expected_against_got(tmp_path: Path) -> None:
    code = get_exercise("02-softmax").solution_code.replace("np.exp(a - c)", "np.exp(a)")
    message = _check("02-softmax", code, tmp_path).failed[0].message
    assert "input: a = [1010. 1000.  990.]" in message
    assert "expected 0.999955, got nan" in message
    assert "def check" not in message and "F.softmax" not in message


def test_a_shape_failure_reports_the_shape_first(tmp_path: Path) -> None:
    code = get_exercise("04-affine").solution_code.replace("np.sum(dout, axis=0)", "dout")
    message = _check("04-affine", code, tmp_path, "ja").failed[0].message
    assert message.splitlines()[0] == "形状：期待 (2,)、実際 (3, 2)"


def test_template_carries_the_task_in_the_learner_language() -> None:
    exercise = get_exercise("02-softmax")
    assert exercise.template("ja").startswith(
        '"""02-softmax · オーバーフローしないソフトマックス関数'
    )
    assert "dltutor exercise check 02-softmax" in exercise.template("en")
    compile(exercise.template("ja"), "x.py", "exec")


def test_step_names_read_in_the_learner_language(tmp_path: Path) -> None:
    names = [
        i.name
        for i in _check(
            "02-softmax", get_exercise("02-softmax").solution_code, tmp_path, "ja"
        ).items
    ]
    assert "softmax(a + 1000): 有限で、各行の和が 1" in names


def test_a_missing_return_is_named(tmp_path: Path) -> None:
    code = get_exercise("04-affine").solution_code.replace("        return dx\n", "")
    report = _check("04-affine", code, tmp_path)
    assert report.failed[0].mistake == "returned-none"
    assert "is a `return` missing?" in report.failed[0].message


def test_a_later_hint_is_pointed_to_not_given_away(tmp_path: Path) -> None:
    exercise = get_exercise("04-affine")
    path = tmp_path / exercise.filename
    path.write_text(exercise.template("en"))
    value = run(payload_for(exercise, path))
    early = report_from(exercise, "en", SandboxResult("ok", value=value), hints_shown=0)
    later = next(i.message for i in early.failed if "Hint 3 fits this" in i.message)
    assert exercise.hints("en")[2] not in later
    full = report_from(exercise, "en", SandboxResult("ok", value=value), hints_shown=3)
    assert any(exercise.hints("en")[2] in i.message for i in full.failed)
