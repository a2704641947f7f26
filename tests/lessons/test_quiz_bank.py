"""Quiz banks: loading from package data, validation errors that name file and question."""

from __future__ import annotations

from pathlib import Path

import pytest

from dltutor.lessons.quiz.bank import (
    BankError,
    find_question,
    load_banks,
    parse_bank,
    questions_for,
    read_banks,
)

FIXTURES = Path(__file__).parent / "fixtures" / "quizzes"

GOOD = """
lesson = "07"
[[question]]
id = "07-a"
type = "single"
section = "dropout"
answer = 1
en = { prompt = "p", choices = ["x", "y"], explanation = "e" }
ja = { prompt = "p", choices = ["x", "y"], explanation = "e" }
"""


def test_fixture_banks_load_every_type() -> None:
    banks = read_banks(FIXTURES)
    assert list(banks) == ["90", "91"]
    kinds = {q.type for q in banks["90"]}
    assert kinds == {"single", "multi", "order", "numeric", "text"}
    multi = next(q for q in banks["90"] if q.type == "multi")
    assert multi.answer == (0, 2)
    assert banks["91"][0].tolerance == 0.001
    assert banks["90"][3].tolerance == 0.01  # the default
    assert all(q.source == "90-fixture.toml" for q in banks["90"])


def test_questions_for_accepts_id_forms() -> None:
    banks = read_banks(FIXTURES)
    assert len(questions_for("90", banks)) == 5
    assert questions_for("90-fixture", banks) == questions_for("90", banks)
    assert questions_for("91", banks)[0].id == "91-pi"
    assert questions_for("42", banks) == ()
    assert find_question("90-order", banks).type == "order"


def test_shipped_banks_are_valid() -> None:
    banks = load_banks()  # raises BankError naming the file if a content writer broke one
    for lesson, questions in banks.items():
        assert questions and all(q.lesson == lesson for q in questions)
        assert all(q.wording("ja").prompt and q.wording("en").explanation for q in questions)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (("answer = 1", "answer = 5"), "answer 5 is out of range"),
        (('type = "single"', 'type = "essay"'), "type must be one of"),
        (('id = "07-a"', 'id = "08-a"'), "must start with the lesson id"),
        (
            ('ja = { prompt = "p", choices = ["x", "y"], explanation = "e" }', ""),
            "missing the 'ja' table",
        ),
        (
            (
                'ja = { prompt = "p", choices = ["x", "y"],',
                'ja = { prompt = "p", choices = ["x", "y", "z"],',
            ),
            "en has 2 choices but ja has 3",
        ),
        (('section = "dropout"', 'section = "Drop Out"'), "section must be a section slug"),
        (
            ('explanation = "e" }\nja', 'explanation = "" }\nja'),
            "en.explanation is missing or empty",
        ),
        (("answer = 1", 'answer = 1\ncolour = "red"'), "unknown key(s): colour"),
    ],
)
def test_errors_name_file_and_question(change: tuple[str, str], message: str) -> None:
    text = GOOD.replace(*change)
    with pytest.raises(BankError) as err:
        parse_bank(text, "07-overfitting.toml")
    assert "07-overfitting.toml" in str(err.value)
    assert message in str(err.value)
    if "must start" not in message:
        assert "'07-a'" in str(err.value)


def test_type_specific_answer_checks() -> None:
    multi = GOOD.replace('type = "single"', 'type = "multi"').replace(
        "answer = 1", "answer = [1, 1]"
    )
    with pytest.raises(BankError, match="repeats an index"):
        parse_bank(multi, "07-x.toml")
    order = GOOD.replace('type = "single"', 'type = "order"').replace("answer = 1", "answer = [1]")
    with pytest.raises(BankError, match="every choice index once"):
        parse_bank(order, "07-x.toml")
    text = (
        GOOD.replace('type = "single"', 'type = "text"')
        .replace("answer = 1", 'answer = ["ソフトマックス"]')
        .replace(', choices = ["x", "y"]', "")
    )
    with pytest.raises(BankError, match="not ASCII"):
        parse_bank(text, "07-x.toml")
    numeric = GOOD.replace('type = "single"', 'type = "numeric"').replace(
        "answer = 1", 'answer = "3"'
    )
    with pytest.raises(BankError, match="takes no choices|finite number"):
        parse_bank(numeric, "07-x.toml")


def test_file_level_errors(tmp_path: Path) -> None:
    with pytest.raises(BankError, match=r"08-x.toml: file name says lesson 08"):
        parse_bank(GOOD, "08-x.toml")
    with pytest.raises(BankError, match="not valid TOML"):
        parse_bank("lesson = ", "07-x.toml")
    (tmp_path / "07-a.toml").write_text(GOOD, "utf-8")
    (tmp_path / "07-b.toml").write_text(GOOD, "utf-8")
    with pytest.raises(BankError, match="07-b.toml: lesson 07 already has a bank, 07-a.toml"):
        read_banks(tmp_path)
    twice = GOOD + GOOD.split("\n", 2)[2]
    with pytest.raises(BankError, match="'07-a': duplicate id"):
        parse_bank(twice, "07-x.toml")


ORDER = """
lesson = "07"
[[question]]
id = "07-a"
type = "order"
section = "dropout"
answer = [0, 1, 2]
alternatives = ALT
en = { prompt = "p", choices = ["x", "y", "z"], explanation = "e" }
ja = { prompt = "p", choices = ["x", "y", "z"], explanation = "e" }
"""


@pytest.mark.parametrize(
    ("alternatives", "message"),
    [
        ("[[1, 0]]", "every choice index once"),
        ("[[0, 1, 2]]", "repeats an accepted order"),
        ("[[1, 0, 2], [1, 0, 2]]", "repeats an accepted order"),
        ("[[1, 0, 5]]", "out of range"),
        ("[]", "non-empty list of orders"),
    ],
)
def test_order_alternatives_are_checked(alternatives: str, message: str) -> None:
    with pytest.raises(BankError, match=message) as err:
        parse_bank(ORDER.replace("ALT", alternatives), "07-x.toml")
    assert "'07-a'" in str(err.value)


def test_order_alternatives_load_and_belong_to_order_questions() -> None:
    _, (q,) = parse_bank(ORDER.replace("ALT", "[[1, 0, 2]]"), "07-x.toml")
    assert q.answer == (0, 1, 2) and q.alternatives == ((1, 0, 2),)
    single = GOOD.replace("answer = 1", "answer = 1\nalternatives = [[1, 0]]")
    with pytest.raises(BankError, match="alternatives is only for order questions"):
        parse_bank(single, "07-x.toml")
