"""A quiz run, UI-agnostic: `next()` a question, `answer(raw)` it, get `Feedback`, then a
`summary()`. The CLI, the Textual app and the tests drive the same object.

    session = build_quiz("07", n=10, seed=1, lang="en", store=store)
    while (shown := session.next()) is not None:
        feedback = session.answer(input(shown.prompt))   # AnswerError: ask again
        # a key-driven screen: session.answer_picks([stored indices in the order picked])
    session.summary().to_json()
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from dltutor.lessons.quiz.grading import Grade, grade
from dltutor.lessons.quiz.model import Question
from dltutor.lessons.quiz.presentation import AnswerError, Presented, present
from dltutor.lessons.quiz.strings import WORDS

if TYPE_CHECKING:
    from fsrs import Rating

    from dltutor.lessons.progress.store import ProgressStore


class QuizError(Exception):
    """A quiz that cannot be built (unknown lesson, no questions); the message says why."""


@dataclass(frozen=True)
class SectionRef:
    """Where to read again: the lesson and the section a question tests."""

    lesson: str
    slug: str
    title: str | None = None

    def describe(self, lang: str = "en") -> str:
        title = self.title or self.slug
        return WORDS.get(lang, "see_section", lesson=self.lesson, title=title) + WORDS.get(
            lang, "see_section_cmd", lesson=self.lesson
        )


@dataclass(frozen=True)
class Feedback:
    presented: Presented
    grade: Grade
    rating: int | None
    headline: str  # "Correct." / "Not quite."
    answer: str  # the right answer, as shown (letters and words, or the number)
    details: tuple[str, ...]  # partial feedback lines (picks, positions, numeric error)
    explanation: str
    section: SectionRef

    @property
    def correct(self) -> bool:
        return self.grade.correct

    @property
    def question(self) -> Question:
        return self.presented.question

    def lines(self) -> list[str]:
        """Plain text for any front end."""
        out = [self.headline]
        if not self.correct:
            out.append(WORDS.get(self.presented.lang, "answer_is", answer=self.answer))
        out += list(self.details)
        out.append(self.explanation)
        out.append(self.section.describe(self.presented.lang))
        return out


@dataclass
class Summary:
    lesson: str | None
    asked: int
    correct: int
    answers: list[dict[str, Any]] = field(default_factory=list)

    @property
    def score(self) -> float:
        return round(self.correct / self.asked, 4) if self.asked else 0.0

    def to_json(self) -> dict[str, Any]:
        return {
            "lesson": self.lesson,
            "asked": self.asked,
            "correct": self.correct,
            "score": self.score,
            "answers": self.answers,
        }


def _json_value(value: Any) -> Any:
    """A graded response as JSON keeps it: tuples as lists, whole floats as ints."""
    if isinstance(value, tuple):
        return list(value)
    if isinstance(value, float) and value.is_integer():
        return int(value) if abs(value) < 2**53 else value
    return value


def section_ref(question: Question, lang: str) -> SectionRef:
    """The section a question tests, with its heading when the lesson can be read."""
    try:
        from dltutor.lessons.catalog import get_lesson

        section = get_lesson(question.lesson, lang).section(question.section)
    except Exception:  # noqa: BLE001 - a missing or broken lesson must not break the quiz
        section = None
    title = section.title if section else None
    return SectionRef(lesson=question.lesson, slug=question.section, title=title)


class QuizSession:
    """Questions in a fixed order; answers graded, recorded and scheduled as they come."""

    def __init__(
        self,
        questions: Sequence[Question],
        *,
        lang: str = "en",
        seed: int | None = None,
        store: ProgressStore | None = None,
        lesson: str | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.questions = list(questions)
        self.lang = lang
        self.seed = seed
        self.store = store
        self.lesson = lesson
        self.clock = clock
        self.index = -1
        self.current: Presented | None = None
        self.answered = False
        self.results: list[Feedback] = []
        self._shown_at = 0.0

    @property
    def total(self) -> int:
        return len(self.questions)

    def next(self) -> Presented | None:
        """The next question (choices shuffled by the seed), or None when finished.
        An unanswered current question is skipped without being recorded."""
        if self.index + 1 >= self.total:
            self.current = None
            return None
        self.index += 1
        self.current = present(self.questions[self.index], self.lang, self.seed)
        self.answered = False
        self._shown_at = self.clock()
        return self.current

    def answer(self, raw: str, *, elapsed: float | None = None, timed: bool = True) -> Feedback:
        """Grade typed input. AnswerError (nothing recorded) when it cannot be read.
        `elapsed` defaults to the time since `next()`; `timed=False` ignores time."""
        if self.current is None:
            raise RuntimeError("no question is shown; call next() first")
        return self._finish(self.current.parse(raw), self._elapsed(elapsed, timed))

    def answer_picks(
        self, picks: Sequence[int], *, elapsed: float | None = None, timed: bool = True
    ) -> Feedback:
        """Grade the stored choice indices a learner picked, in the order picked (a key-driven
        screen). AnswerError (nothing recorded) when they do not answer the question."""
        if self.current is None:
            raise RuntimeError("no question is shown; call next() first")
        response = self.current.question.kind.from_picks(tuple(picks), self.current)
        return self._finish(response, self._elapsed(elapsed, timed))

    def _elapsed(self, elapsed: float | None, timed: bool) -> float | None:
        """The answer time: given, else the time since `next()`; None when untimed."""
        if not timed:
            return None
        return self.clock() - self._shown_at if elapsed is None else elapsed

    def skip(self, raw: str = "") -> Feedback:
        """Record the question as not answered (graded wrong): unreadable scripted input."""
        if self.current is None:
            raise RuntimeError("no question is shown; call next() first")
        q = self.current.question
        result = Grade(correct=False, given=raw or None, expected=q.answer)
        return self._record(result, None, skipped=True)

    def _finish(self, response: Any, elapsed: float | None) -> Feedback:
        """Grade a response to the shown question; `elapsed` None means untimed."""
        if self.answered:
            raise RuntimeError("this question is already answered; call next()")
        result = grade(self.current.question, response)
        return self._record(result, elapsed)

    def _record(self, result: Grade, elapsed: float | None, skipped: bool = False) -> Feedback:
        """Save the answer (and reschedule its card), then build the feedback for it."""
        from dltutor.lessons.quiz.scheduling import rating_for

        shown = self.current
        q = shown.question
        rating = rating_for(result.correct, elapsed, q, self.lang)
        if self.store is not None:
            self._save(q, result, rating, elapsed)
        feedback = Feedback(
            presented=shown,
            grade=result,
            rating=int(rating),
            headline=WORDS.get(
                self.lang, "correct" if result.correct else ("skipped" if skipped else "wrong")
            ),
            answer=q.kind.describe(shown),
            details=() if skipped else q.kind.details(shown, result),
            explanation=q.wording(self.lang).explanation,
            section=section_ref(q, self.lang),
        )
        self.results.append(feedback)
        self.answered = True
        return feedback

    def _save(self, q: Question, result: Grade, rating: Rating, elapsed: float | None) -> None:
        """One answer in the store; a bank question's FSRS card is updated with it."""
        from dltutor.lessons.progress.store import Answer, iso_utc
        from dltutor.lessons.quiz.scheduling import review

        card = None
        if not q.generated:  # generated numbers change each time: nothing to remember
            new = review(
                self.store.card(q.id),
                q.id,
                rating,
                now=datetime.now(UTC),
                duration_ms=int(elapsed * 1000) if elapsed is not None else None,
            )
            card = (new.to_json(), iso_utc(new.due))
        self.store.record_answer(
            Answer(
                question=q.id,
                lesson=q.lesson,
                type=q.type,
                given=_json_value(result.given),
                correct=result.correct,
                section=q.section,
                elapsed=elapsed,
                rating=int(rating),
                generated=q.generated,
            ),
            card=card,
        )

    def summary(self) -> Summary:
        """What was asked and how it went, for the end of a quiz and `--json`."""
        return Summary(
            lesson=self.lesson,
            asked=len(self.results),
            correct=sum(f.correct for f in self.results),
            answers=[
                {
                    "id": f.question.id,
                    "type": f.question.type,
                    "given": _json_value(f.grade.given),
                    "correct": f.correct,
                    "section": f.question.section,
                }
                for f in self.results
            ],
        )


# --- building sessions ---------------------------------------------------------------------


def _known_lessons(banks: dict[str, tuple[Question, ...]]) -> dict[str, str]:
    """Lesson id -> key for every lesson that exists in the catalog or has a bank."""
    known = {lesson: lesson for lesson in banks}
    try:
        from dltutor.lessons.catalog import lessons

        known.update({x.id: x.key for x in lessons("en")})
    except Exception:
        pass
    from dltutor.lessons.quiz.generators import GENERATORS

    for g in GENERATORS:
        known.setdefault(g.lesson, g.lesson)
    return dict(sorted(known.items()))


def resolve_lesson(ref: str, banks: dict[str, tuple[Question, ...]] | None = None) -> str:
    """A lesson id for `ref` ("7", "07", "07-slug", "slug"), or QuizError naming the known ids."""
    from dltutor.lessons.quiz.bank import lesson_id, load_banks

    banks = load_banks() if banks is None else banks
    known = _known_lessons(banks)
    found = lesson_id(ref, known.values())
    if found is None or found not in known:
        raise QuizError(
            f"no lesson {ref!r}; known ids: {', '.join(known) or 'none'} (try `dltutor lessons`)"
        )
    return found


def build_quiz(
    lesson: str | None = None,
    *,
    n: int = 10,
    seed: int | None = None,
    generated: bool = True,
    lang: str = "en",
    store: ProgressStore | None = None,
    banks: dict[str, tuple[Question, ...]] | None = None,
) -> QuizSession:
    """Pick `n` questions: a lesson's bank (or all banks) plus fresh generated ones.

    With generators available about one question in five is generated, more when the bank
    is too small for `n`. The seed fixes the pick, the order, the shuffles and the numbers.
    """
    from dltutor.lessons.quiz.bank import load_banks
    from dltutor.lessons.quiz.generators import generators_for

    if n < 1:
        raise QuizError("the number of questions must be at least 1")
    banks = load_banks() if banks is None else banks
    lesson_id = resolve_lesson(lesson, banks) if lesson is not None else None
    pool = list(banks.get(lesson_id, ())) if lesson_id else [q for qs in banks.values() for q in qs]
    makers = generators_for(lesson_id) if generated else []
    rng = random.Random(seed)
    rng.shuffle(pool)
    if store is not None and pool:  # unseen questions first, then the rest as shuffled
        seen = {a["question"] for a in store.answers(lesson_id)}
        pool.sort(key=lambda q: q.id in seen)
    n_gen = 0
    if makers:
        n_gen = min(n, max(n - len(pool), round(n / 5) if len(pool) else n))
    chosen = pool[: n - n_gen]
    if makers and n_gen:
        chosen += _generate(makers, n_gen, rng)
    if not chosen:
        where = f"lesson {lesson_id}" if lesson_id else "the course"
        raise QuizError(f"{where} has no quiz questions yet")
    rng.shuffle(chosen)
    return QuizSession(chosen, lang=lang, seed=seed, store=store, lesson=lesson_id)


def _generate(makers: Sequence[Any], count: int, rng: random.Random) -> list[Question]:
    """`count` fresh questions, taking the generators in turn in a shuffled order."""
    import numpy as np

    np_rng = np.random.default_rng(rng.randrange(2**63))
    order = list(makers)
    rng.shuffle(order)
    return [order[i % len(order)].make(np_rng) for i in range(count)]


def build_review(
    store: ProgressStore,
    *,
    n: int | None = None,
    lang: str = "en",
    seed: int | None = None,
    now: datetime | None = None,
    banks: dict[str, tuple[Question, ...]] | None = None,
) -> QuizSession:
    """The bank questions whose FSRS card is due, most overdue first (may be empty)."""
    from dltutor.lessons.quiz.bank import find_question, load_banks

    banks = load_banks() if banks is None else banks
    questions = []
    for row in store.due(now):
        q = find_question(row["question"], banks)
        if q is not None:  # a question removed from the banks is silently dropped
            questions.append(q)
    if n is not None:
        questions = questions[:n]
    return QuizSession(questions, lang=lang, seed=seed, store=store, lesson=None)


__all__ = [
    "AnswerError",
    "Feedback",
    "QuizError",
    "QuizSession",
    "SectionRef",
    "Summary",
    "build_quiz",
    "build_review",
    "resolve_lesson",
]
