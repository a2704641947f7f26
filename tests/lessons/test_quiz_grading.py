"""Grading of every question type, and input parsing through the shuffled presentation."""

from __future__ import annotations

from pathlib import Path

import pytest

from dltutor.lessons.quiz.bank import read_banks
from dltutor.lessons.quiz.grading import grade, normalise_text
from dltutor.lessons.quiz.presentation import AnswerError, parse_number, present

BANK = {q.id: q for q in read_banks(Path(__file__).parent / "fixtures" / "quizzes")["90"]}


def test_single() -> None:
    q = BANK["90-single"]
    assert grade(q, 2).correct
    assert not grade(q, 1).correct


def test_multi_is_all_or_nothing_with_partial_feedback() -> None:
    q = BANK["90-multi"]  # answer [0, 2]
    assert grade(q, (2, 0)).correct
    partial = grade(q, (0, 1))
    assert not partial.correct
    assert partial.right == (0,) and partial.wrong == (1,) and partial.missed == (2,)
    assert partial.partial == pytest.approx(1 / 3)
    subset = grade(q, (0,))
    assert not subset.correct and subset.missed == (2,) and subset.wrong == ()


def test_order_reports_positions() -> None:
    q = BANK["90-order"]  # answer [1, 3, 0, 2]
    assert grade(q, (1, 3, 0, 2)).correct
    swapped = grade(q, (1, 3, 2, 0))
    assert not swapped.correct
    assert swapped.positions == (True, True, False, False)
    assert swapped.partial == 0.5


def test_numeric_tolerance() -> None:
    q = BANK["90-numeric"]  # 5, default tolerance 0.01
    assert grade(q, 5.0).correct and grade(q, 5.009).correct
    wrong = grade(q, 5.02)
    assert not wrong.correct and wrong.error == pytest.approx(0.02)
    assert not grade(q, float("nan")).correct


def test_text_normalised_ascii() -> None:
    q = BANK["90-text"]
    for given in ("relu", " ReLU ", "ＲｅＬＵ", "Rectified-Linear  unit", "relu."):
        assert grade(q, given).correct, given
    assert not grade(q, "sigmoid").correct
    assert normalise_text("Leaky_ReLU") == "leaky relu"


def test_presentation_shuffles_by_seed_and_maps_letters_back() -> None:
    q = BANK["90-single"]
    orders = {present(q, "en", seed).order for seed in range(20)}
    assert len(orders) > 1  # shuffled
    assert present(q, "en", 7).order == present(q, "en", 7).order  # reproducible
    shown = present(q, "en", 7)
    right = shown.letter(2)
    assert shown.parse(right) == 2
    assert shown.parse(right.upper()) == 2
    assert shown.parse(str(shown.order.index(2) + 1)) == 2  # its number
    assert dict(shown.choices)[right] == "sigmoid"
    assert q.text["en"].choices == ("relu", "softmax", "sigmoid", "tanh")  # stored order untouched


def test_parse_lists_for_multi_and_order() -> None:
    shown = present(BANK["90-order"], "ja", 3)
    letters = [shown.letter(i) for i in (1, 3, 0, 2)]
    for raw in (",".join(letters), " ".join(letters), "".join(letters), "、".join(letters)):
        assert shown.parse(raw) == (1, 3, 0, 2)
    with pytest.raises(AnswerError, match="4"):
        shown.parse(",".join(letters[:3]))
    multi = present(BANK["90-multi"], "en", 3)
    assert multi.parse(f"{multi.letter(2)},{multi.letter(0)}") == (0, 2)
    with pytest.raises(AnswerError):
        multi.parse("a,a")
    with pytest.raises(AnswerError, match="not one of the choices"):
        multi.parse("z")


def test_order_question_never_shown_solved() -> None:
    q = BANK["90-order"]
    assert all(present(q, "en", s).order != q.answer for s in range(200))


def test_parse_numbers() -> None:
    assert parse_number("0.25") == 0.25
    assert parse_number("1/4") == 0.25
    assert parse_number("1e-3") == 0.001
    assert parse_number("１２") == 12
    assert parse_number("1,000") == 1000
    assert parse_number("25%") == 0.25
    for bad in ("abc", "1/0", "nan", ""):
        with pytest.raises(AnswerError):
            parse_number(bad)
    shown = present(BANK["90-numeric"], "en", 1)
    with pytest.raises(AnswerError, match="not a number"):
        shown.parse("five")


def test_order_accepts_every_listed_order_and_compares_with_the_nearest() -> None:
    from dltutor.lessons.quiz.bank import find_question

    q = find_question("05-adam-order")  # m and v may be updated in either order
    assert q.alternatives == ((0, 2, 3, 1),)
    assert grade(q, q.answer).correct and grade(q, (0, 2, 3, 1)).correct
    wrong = grade(q, (0, 2, 1, 3))  # correction after the weights: two places off
    assert not wrong.correct
    assert wrong.expected == (0, 2, 3, 1) and wrong.positions == (True, True, False, False)
    for seed in range(30):  # never shown already solved, in either accepted order
        assert present(q, seed=seed).order not in ((2, 0, 3, 1), (0, 2, 3, 1))


def test_alternative_orders_through_the_shown_letters() -> None:
    from dltutor.lessons.quiz.bank import find_question

    q = find_question("10-cnn-order")  # Conv → Pool → ReLU is as right as Conv → ReLU → Pool
    shown = present(q, "ja", seed=4)
    for accepted in (q.answer, *q.alternatives):
        assert grade(q, shown.parse(shown.letters(accepted, sort=False))).correct
