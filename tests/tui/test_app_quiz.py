"""Quiz and review screens: every question type answered by keys, feedback, section jump,
summary, and the review of due cards."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from textual.widgets import Input

from dltutor.lessons.quiz import build_quiz, build_review, load_banks
from dltutor.tui.app.app import DLTutorApp
from dltutor.tui.app.screens.home import HomeScreen
from dltutor.tui.app.screens.lesson import LessonScreen
from dltutor.tui.app.screens.quiz import QuizScreen


def right_keys(shown) -> list[str]:
    """The keys of the right answer, read from the question itself."""
    q = shown.question
    if q.type == "single":
        return [shown.letter(q.answer)]
    if q.type == "multi":
        return [shown.letter(i) for i in q.answer] + ["enter"]
    if q.type == "order":
        return [shown.letter(i) for i in q.answer] + ["enter"]
    if q.type == "numeric":
        return [*f"{q.answer:g}", "enter"]
    return [*q.answer[0], "enter"]


def lesson_with_types() -> str:
    """A lesson whose bank holds choice, order and number questions."""
    for lesson, questions in sorted(load_banks().items()):
        if {"single", "multi", "order", "numeric"} <= {q.type for q in questions}:
            return lesson
    return sorted(load_banks())[0]


async def test_every_question_type_by_keys_then_summary() -> None:
    app = DLTutorApp(lang="en")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        lesson = lesson_with_types()
        session = build_quiz(lesson, n=30, seed=3, generated=False, lang="en", store=app.store)
        app.push_screen(QuizScreen(session))
        await pilot.pause()
        quiz = app.screen
        seen = set()
        while quiz.mode != "summary":
            shown = quiz.shown
            seen.add(shown.question.type)
            if shown.question.type in ("numeric", "text"):
                assert isinstance(quiz.focused, Input)
            await pilot.press(*right_keys(shown))
            await pilot.pause()
            assert quiz.mode == "feedback", shown.question.id
            assert quiz.feedback.correct, shown.question.id
            await pilot.press("enter")
            await pilot.pause()
        assert {"single", "multi", "order"} <= seen
        summary = session.summary()
        assert summary.correct == summary.asked == session.total
        assert f"{summary.correct}/{summary.asked}" in str(quiz.query_one("#prompt").content)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)


async def test_wrong_answer_feedback_jumps_to_the_section() -> None:
    app = DLTutorApp(lang="en")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        session = build_quiz("03", n=5, seed=1, generated=False, lang="en", store=app.store)
        app.push_screen(QuizScreen(session))
        await pilot.pause()
        quiz = app.screen
        while quiz.shown.question.type != "single":
            await pilot.press(*right_keys(quiz.shown), "enter")
            await pilot.pause()
        shown = quiz.shown
        wrong = next(
            letter for letter, _ in shown.choices if letter != shown.letter(shown.question.answer)
        )
        await pilot.press(wrong)
        await pilot.pause()
        assert not quiz.feedback.correct
        text = str(quiz.query_one("#feedback").content)
        assert quiz.feedback.answer in text
        await pilot.press("g")
        await pilot.pause(0.5)
        lesson = app.screen
        assert isinstance(lesson, LessonScreen)
        assert (
            lesson.viewer.scroll_y > 0
            or quiz.feedback.section.slug == lesson.lesson.sections[0].slug
        )


async def test_unreadable_answer_is_a_warning(notes: list[str]) -> None:
    app = DLTutorApp(lang="en")
    async with app.run_test(size=(80, 24), message_hook=notes) as pilot:
        await pilot.pause()
        numeric = [q for qs in load_banks().values() for q in qs if q.type == "numeric"][:1]
        from dltutor.lessons.quiz import QuizSession

        app.push_screen(QuizScreen(QuizSession(numeric, lang="en", store=app.store)))
        await pilot.pause()
        await pilot.press(*"abc", "enter")
        await pilot.pause()
        assert app.screen.mode == "ask"
        assert any("number" in n.lower() for n in notes)


async def test_review_of_due_cards() -> None:
    app = DLTutorApp(lang="en")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("r")  # nothing due yet: a notification
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        session = build_quiz("02", n=3, seed=2, generated=False, lang="en", store=app.store)
        while session.next() is not None:
            session.skip()  # recorded as wrong: each card is due again soon
        later = datetime.now(UTC) + timedelta(days=60)
        review = build_review(app.store, lang="en", now=later)
        assert review.total >= 1
        app.push_screen(QuizScreen(review, review=True))
        await pilot.pause()
        quiz = app.screen
        assert "Review" in str(quiz.query_one("#quiz-progress").content)
        await pilot.press(*right_keys(quiz.shown))
        await pilot.pause()
        assert quiz.feedback.correct
