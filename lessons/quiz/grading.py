"""What a graded answer holds, and the comparisons the kinds grade with.

`grade(question, response)` takes a response already mapped to stored indices (see
`presentation.py` for letters → indices); the question's kind (`kinds.py`) returns a `Grade`
with the detail a learner needs: which picks were right, wrong or missed; which positions of
an order were right; how far a number was off.
"""

from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
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
    return question.kind.grade(question, response)
