"""Grading the five question types against stored (language-independent) answers.

`grade(question, response)` takes a response already mapped to stored indices (see
`presentation.py` for letters → indices) and returns a `Grade` with the detail a learner
needs: which picks were right, wrong or missed; which positions of an order were right;
how far a number was off.
"""

from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any

from dltutor.lessons.quiz.model import Question


@dataclass(frozen=True)
class Grade:
    correct: bool
    given: Any
    expected: Any
    # multi: stored indices picked and right / picked but wrong / right but not picked
    right: tuple[int, ...] = ()
    wrong: tuple[int, ...] = ()
    missed: tuple[int, ...] = ()
    # order: for each position, whether it holds the right choice
    positions: tuple[bool, ...] = field(default=())
    # numeric: |given - expected|
    error: float | None = None

    @property
    def partial(self) -> float:
        """A 0..1 share of credit for feedback (grading itself is all-or-nothing)."""
        if self.correct:
            return 1.0
        if self.positions:
            return sum(self.positions) / len(self.positions)
        total = len(self.right) + len(self.wrong) + len(self.missed)
        return len(self.right) / total if total else 0.0


def normalise_text(text: str) -> str:
    """Fold width and case, treat `-`, `_` and runs of spaces alike, drop end punctuation."""
    text = unicodedata.normalize("NFKC", text).casefold()
    text = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    text = re.sub(r"[\s_\-]+", " ", text).strip()
    return text.strip(" .!?\"'`")


def numbers_close(given: float, expected: float, tolerance: float) -> bool:
    return math.isfinite(given) and abs(given - expected) <= tolerance + 1e-12 * max(
        1.0, abs(expected)
    )


def grade(question: Question, response: Any) -> Grade:
    """Grade a response given in stored terms (index, indices, number or string)."""
    kind, expected = question.type, question.answer
    if kind == "single":
        return Grade(correct=response == expected, given=response, expected=expected)
    if kind == "multi":
        picked = tuple(sorted(set(response)))
        right = tuple(i for i in picked if i in expected)
        wrong = tuple(i for i in picked if i not in expected)
        missed = tuple(i for i in expected if i not in picked)
        return Grade(
            correct=not wrong and not missed,
            given=picked,
            expected=expected,
            right=right,
            wrong=wrong,
            missed=missed,
        )
    if kind == "order":
        given = tuple(response)
        positions = tuple(i < len(given) and given[i] == want for i, want in enumerate(expected))
        return Grade(
            correct=given == tuple(expected), given=given, expected=expected, positions=positions
        )
    if kind == "numeric":
        value = float(response)
        error = abs(value - expected) if math.isfinite(value) else math.inf
        return Grade(
            correct=numbers_close(value, expected, question.tolerance),
            given=value,
            expected=expected,
            error=error,
        )
    if kind == "text":
        given = str(response)
        accepted = {normalise_text(s) for s in expected}
        return Grade(correct=normalise_text(given) in accepted, given=given, expected=expected)
    raise ValueError(f"unknown question type {kind!r}")
