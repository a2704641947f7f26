"""Spaced repetition through the `fsrs` library: each bank question is one card.

The rating comes from correctness and answer time: wrong → Again, right but slow → Hard,
right → Good, right and fast → Easy. "Slow" and "fast" scale with how much there is to
read, so a long multi-choice question is not punished for its length.
"""

from __future__ import annotations

import zlib
from datetime import UTC, datetime

from fsrs import Card, Rating, Scheduler

from dltutor.lessons.quiz.model import Question

_SCHEDULER: Scheduler | None = None


def scheduler() -> Scheduler:
    """One FSRS scheduler, made on first use."""
    global _SCHEDULER
    if _SCHEDULER is None:
        _SCHEDULER = Scheduler()
    return _SCHEDULER


def expected_seconds(question: Question, lang: str = "en") -> float:
    """A typical answer time: reading the prompt and choices plus a little thinking."""
    words = question.wording(lang)
    chars = len(words.prompt) + sum(len(c) for c in words.choices)
    per_char = 0.08 if lang == "ja" else 0.05  # Japanese packs more per character
    return 4.0 + chars * per_char + question.kind.review_weight


def rating_for(
    correct: bool, elapsed: float | None, question: Question, lang: str = "en"
) -> Rating:
    """The FSRS rating of an answer, from whether it was right and how long it took."""
    if not correct:
        return Rating.Again
    if elapsed is None:
        return Rating.Good
    typical = expected_seconds(question, lang)
    if elapsed > 2.5 * typical:
        return Rating.Hard
    if elapsed < 0.5 * typical:
        return Rating.Easy
    return Rating.Good


def new_card(question_id: str, now: datetime | None = None) -> Card:
    """A fresh card with an id derived from the question id (stable across machines)."""
    return Card(card_id=zlib.crc32(question_id.encode()) or 1, due=now or datetime.now(UTC))


def review(
    card_json: str | None,
    question_id: str,
    rating: Rating,
    now: datetime | None = None,
    duration_ms: int | None = None,
) -> Card:
    """Review a card (new if `card_json` is None) and return the updated card."""
    now = now or datetime.now(UTC)
    card = Card.from_json(card_json) if card_json else new_card(question_id, now)
    card, _log = scheduler().review_card(
        card, rating, review_datetime=now, review_duration=duration_ms
    )
    return card
