"""The question record shared by quiz banks and generators.

Answers are language-independent and stored in a fixed order; only the words differ per
language. `type` is the kind's name as banks and stored answers spell it; `kind` is the
object that grades and shows it (see `kinds.py`). Normalised answer forms:

- single: `int` index into the stored choices
- multi: `tuple[int, ...]`, sorted, the indices of every right choice
- order: `tuple[int, ...]`, the stored indices in the right order (`alternatives` holds
  further orders that are just as right)
- numeric: `float`, graded with an absolute `tolerance`
- text: `tuple[str, ...]`, accepted spellings (ASCII, compared case-insensitively)
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from dltutor.lessons.catalog import join_cjk_lines
from dltutor.lessons.quiz.kinds import DEFAULT_TOLERANCE, KINDS, Kind


@dataclass(frozen=True)
class Wording:
    """The words of a question in one language."""

    prompt: str
    explanation: str
    choices: tuple[str, ...] = ()

    @classmethod
    def set(cls, lang: str, prompt: str, explanation: str, choices=()) -> Wording:
        """Words as a terminal shows them: Japanese joined and without spaces beside Japanese
        text, as the lessons are, so it wraps evenly instead of at every Latin word."""
        fit = join_cjk_lines if lang == "ja" else str
        return cls(fit(prompt.strip()), fit(explanation.strip()), tuple(fit(c) for c in choices))


@dataclass(frozen=True)
class Question:
    id: str
    lesson: str
    type: str
    section: str
    answer: Any
    text: dict[str, Wording] = field(repr=False)
    tolerance: float = DEFAULT_TOLERANCE
    generated: bool = False
    source: str = ""
    alternatives: tuple[tuple[int, ...], ...] = ()

    def wording(self, lang: str) -> Wording:
        """The words in `lang`, else English."""
        return self.text.get(lang) or self.text["en"]

    @property
    def kind(self) -> Kind:
        return KINDS[self.type]

    @property
    def n_choices(self) -> int:
        return len(self.text["en"].choices)

    @property
    def has_choices(self) -> bool:
        return self.kind.has_choices
