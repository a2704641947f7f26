"""The question kinds: the type string resolves to one object that owns the kind's rules."""

from __future__ import annotations

from pathlib import Path

import pytest

from dltutor.lessons.quiz.bank import read_banks
from dltutor.lessons.quiz.kinds import KINDS
from dltutor.lessons.quiz.presentation import AnswerError, present
from dltutor.lessons.quiz.scheduling import expected_seconds
from dltutor.lessons.quiz.session import QuizSession

BANK = {q.id: q for q in read_banks(Path(__file__).parent / "fixtures" / "quizzes")["90"]}


def test_every_stored_type_resolves_to_its_kind() -> None:
    assert set(KINDS) == {"single", "multi", "order", "numeric", "text"}
    for q in BANK.values():
        assert q.kind is KINDS[q.type] and q.kind.name == q.type
        assert q.has_choices == bool(q.n_choices)


def test_picking_keys_per_kind() -> None:
    single, multi, order = KINDS["single"], KINDS["multi"], KINDS["order"]
    assert single.submits_on_pick and not single.collects_picks
    assert single.pick((1,), 3) == (3,)
    assert multi.pick(multi.pick((), 2), 0) == (2, 0)
    assert multi.pick((2, 0), 2) == (0,)  # pressing again un-picks
    assert order.pick((2, 0), 2) == (2, 0)  # a step is placed once
    assert multi.mark((2,), 2) == "[x]" and multi.mark((2,), 1) == "[ ]"
    assert order.mark((3, 1), 1) == " 2." and order.mark((3, 1), 0) == "   "
    assert not KINDS["numeric"].has_choices and not KINDS["text"].collects_picks


def test_answer_picks_checks_them_before_recording() -> None:
    session = QuizSession([BANK["90-order"], BANK["90-multi"]], lang="en")
    shown = session.next()
    with pytest.raises(AnswerError, match="List all 4 choices"):
        session.answer_picks(shown.order[:2])
    assert session.results == []
    assert session.answer_picks((1, 3, 0, 2)).correct
    session.next()
    with pytest.raises(AnswerError, match="No answer given"):
        session.answer_picks(())
    feedback = session.answer_picks((0, 1))
    assert not feedback.correct and len(feedback.details) == 3


def test_picks_and_typed_letters_give_the_same_response() -> None:
    for q in BANK.values():
        if not q.has_choices:
            continue
        shown = present(q, "ja", seed=2)
        picks = tuple(shown.order[:2]) if q.type == "multi" else tuple(shown.order)
        if q.type == "single":
            picks = picks[:1]
        typed = shown.parse(shown.letters(picks, sort=False))
        assert q.kind.from_picks(picks, shown) == typed


def test_review_time_adds_the_kind_s_thinking_time() -> None:
    q = BANK["90-order"]
    reading = 4.0 + (len(q.wording("en").prompt) + sum(map(len, q.wording("en").choices))) * 0.05
    assert expected_seconds(q) == pytest.approx(reading + 8.0)
    weights = {name: kind.review_weight for name, kind in KINDS.items()}
    assert weights == {"single": 0.0, "multi": 5.0, "order": 8.0, "numeric": 10.0, "text": 0.0}
