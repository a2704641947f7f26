"""Quizzes that teach: banks, generators, grading, feedback and spaced repetition.

The API a front end needs (all UI-agnostic):

    from dltutor.lessons.quiz import build_quiz, build_review, AnswerError
    session = build_quiz("07", n=10, seed=1, lang="ja", store=store)  # QuizError if unknown
    shown = session.next()            # Presented: prompt, choices [(letter, text)], hint;
                                      #   None at the end
    fb = session.answer("b")          # Feedback: correct, headline, answer, details, explanation,
                                      #   section (SectionRef: lesson, slug, title), lines()
                                      #   AnswerError (nothing recorded) if the input can't be read
    fb = session.answer_picks([2])    # the same from a key-driven screen: stored indices
    session.summary().to_json()       # {lesson, asked, correct, score, answers: [...]}

Lower layers: `kinds.KINDS` (what each question type does), `bank.load_banks()` /
`questions_for()`, `grading.grade()`, `presentation.present()`, `generators.GENERATORS`,
`scheduling.rating_for()` / `review()`.
"""

from dltutor.lessons.quiz.bank import BankError, load_banks, questions_for
from dltutor.lessons.quiz.model import Question, Wording
from dltutor.lessons.quiz.presentation import AnswerError, Presented, present
from dltutor.lessons.quiz.session import (
    Feedback,
    QuizError,
    QuizSession,
    SectionRef,
    Summary,
    build_quiz,
    build_review,
    resolve_lesson,
)

__all__ = [
    "AnswerError",
    "BankError",
    "Feedback",
    "Presented",
    "Question",
    "QuizError",
    "QuizSession",
    "SectionRef",
    "Summary",
    "Wording",
    "build_quiz",
    "build_review",
    "load_banks",
    "present",
    "questions_for",
    "resolve_lesson",
]
