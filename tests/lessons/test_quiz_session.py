"""QuizSession end to end, and FSRS scheduling through the fsrs library."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from fsrs import Card, Rating

from dltutor.lessons.progress.store import ProgressStore
from dltutor.lessons.quiz.bank import read_banks
from dltutor.lessons.quiz.presentation import AnswerError
from dltutor.lessons.quiz.scheduling import rating_for, review
from dltutor.lessons.quiz.session import QuizError, build_quiz, build_review

BANKS = read_banks(Path(__file__).parent / "fixtures" / "quizzes")
RIGHT = {"90-single": 2, "90-multi": (0, 2), "90-order": (1, 3, 0, 2)}


@pytest.fixture
def store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("DLTUTOR_HOME", str(tmp_path / "home"))
    with ProgressStore.open() as opened:
        yield opened


def right_input(shown) -> str:
    q = shown.question
    if q.type in ("single", "multi", "order"):
        answer = (q.answer,) if q.type == "single" else q.answer
        return ",".join(shown.letter(i) for i in answer)
    if q.type == "numeric":
        return str(q.answer)
    return q.answer[0].lower()


def test_full_session_records_answers_and_cards(store: ProgressStore) -> None:
    session = build_quiz("90", n=5, seed=4, generated=False, lang="en", store=store, banks=BANKS)
    assert session.total == 5 and session.lesson == "90"
    feedbacks = []
    while (shown := session.next()) is not None:
        assert shown.prompt and shown.hint
        if shown.question.id == "90-multi":
            with pytest.raises(AnswerError):
                session.answer("q")  # unreadable: nothing recorded, ask again
            feedbacks.append(session.answer(shown.letter(0), elapsed=10))  # misses one pick
        else:
            feedbacks.append(session.answer(right_input(shown), elapsed=10))
    summary = session.summary().to_json()
    assert summary["asked"] == 5 and summary["correct"] == 4 and summary["score"] == 0.8
    assert {a["id"] for a in summary["answers"]} == {q.id for q in BANKS["90"]}
    multi = next(f for f in feedbacks if f.question.id == "90-multi")
    assert not multi.correct and any("missed" in line for line in multi.details)
    assert multi.section.lesson == "90" and multi.section.slug == "first"
    assert multi.explanation in multi.lines()
    assert len(store.answers()) == 5
    assert len(store.reviews()) == 5
    assert build_review(store, banks=BANKS).total == 0  # just reviewed: nothing due now
    later = datetime.now(UTC) + timedelta(days=400)
    assert build_review(store, banks=BANKS, now=later).total == 5


def test_languages_and_order_feedback() -> None:
    session = build_quiz("90", n=5, seed=1, generated=False, lang="ja", banks=BANKS)
    while (shown := session.next()) is not None:
        if shown.question.type == "order":
            letters = [shown.letter(i) for i in (1, 3, 2, 0)]
            fb = session.answer(",".join(letters))
            assert not fb.correct and "4 個中 2 個" in fb.details[0]
            assert fb.headline == "不正解です。"
            return
        q = shown.question
        if q.has_choices:
            picks = (q.answer,) if isinstance(q.answer, int) else q.answer
            assert session.answer_picks(picks).correct
        else:
            assert session.answer(str(q.answer if q.type == "numeric" else q.answer[0])).correct
    pytest.fail("no order question")


def test_generated_questions_mix_in_and_unknown_lessons() -> None:
    session = build_quiz("10", n=4, seed=2, banks=BANKS)  # the fixtures have no lesson-10 bank
    assert session.total == 4 and all(q.generated for q in session.questions)
    mixed = build_quiz(None, n=10, seed=2, banks=BANKS)
    assert sum(q.generated for q in mixed.questions) >= 1
    with pytest.raises(QuizError, match="no lesson '42'"):
        build_quiz("42", banks=BANKS)
    assert len(build_quiz("90", n=3, seed=9, generated=False, banks=BANKS).questions) == 3


def test_seed_reproducible() -> None:
    a = build_quiz("90", n=5, seed=11, generated=False, banks=BANKS)
    b = build_quiz("90", n=5, seed=11, generated=False, banks=BANKS)
    assert [q.id for q in a.questions] == [q.id for q in b.questions]
    assert a.next().order == b.next().order


def test_ratings_from_correctness_and_time() -> None:
    q = BANKS["90"][0]
    assert rating_for(False, 1.0, q) == Rating.Again
    assert rating_for(True, 1.0, q) == Rating.Easy
    assert rating_for(True, 10.0, q) == Rating.Good
    assert rating_for(True, 300.0, q) == Rating.Hard
    assert rating_for(True, None, q) == Rating.Good


def test_fsrs_success_pushes_due_later_and_failure_sooner() -> None:
    now = datetime(2025, 1, 1, 12, tzinfo=UTC)
    card = None
    for day in range(4):  # graduate the card with a few good reviews
        at = now + timedelta(days=day * 10)
        card = review(card.to_json() if card else None, "90-single", Rating.Good, now=at)
    at = now + timedelta(days=60)
    good = review(card.to_json(), "90-single", Rating.Good, now=at)
    again = review(card.to_json(), "90-single", Rating.Again, now=at)
    easy = review(card.to_json(), "90-single", Rating.Easy, now=at)
    assert again.due < good.due <= easy.due
    assert good.due - at > timedelta(days=1)
    assert again.due - at < timedelta(days=1)
    first = review(None, "90-single", Rating.Good, now=now)
    assert isinstance(Card.from_json(first.to_json()), Card) and first.due > now
