"""Showing a question: choices shuffled by a seed, letters mapped back to stored indices.

Input rules (the same for the TUI, an interactive terminal and a script on stdin):
a choice letter (`b`) or its 1-based number (`2`); multi and order take comma or space
separated lists (`a,c`, `c b a`) or letters run together (`cab`); numeric takes a
number (`0.25`, `1e-3`, `1/4`, full-width digits); text takes the words.
"""

from __future__ import annotations

import random
import re
import string
import unicodedata
from dataclasses import dataclass
from fractions import Fraction
from typing import TYPE_CHECKING, Any

from dltutor.lessons.quiz.strings import WORDS

if TYPE_CHECKING:
    from dltutor.lessons.quiz.model import Question

LETTERS = string.ascii_lowercase


class AnswerError(ValueError):
    """Input that cannot be read as an answer to this question (ask again)."""


@dataclass(frozen=True)
class Presented:
    """A question as shown: the words in one language, choices in display order."""

    question: Question
    lang: str
    order: tuple[int, ...]  # display position -> stored choice index

    @property
    def prompt(self) -> str:
        return self.question.wording(self.lang).prompt

    @property
    def choices(self) -> tuple[tuple[str, str], ...]:
        """(letter, text) pairs in display order."""
        words = self.question.wording(self.lang).choices
        return tuple((LETTERS[pos], words[i]) for pos, i in enumerate(self.order))

    @property
    def hint(self) -> str:
        """One line saying how to answer."""
        return self.question.kind.hint(self)

    @property
    def last_letter(self) -> str:
        return LETTERS[len(self.order) - 1] if self.order else ""

    def letter(self, stored: int) -> str:
        """The display letter of a stored choice index."""
        return LETTERS[self.order.index(stored)]

    def letters(self, stored: tuple[int, ...] | list[int], *, sort: bool = True) -> str:
        """Display letters of stored indices, alphabetical unless `sort=False`."""
        found = [self.letter(i) for i in stored]
        return ",".join(sorted(found) if sort else found)

    def choice_text(self, stored: int) -> str:
        return self.question.wording(self.lang).choices[stored]

    def parse(self, raw: str) -> Any:
        """Map typed input to a stored response, or raise AnswerError saying what to type."""
        text = unicodedata.normalize("NFKC", raw).strip()
        if not text:
            raise AnswerError(WORDS.get(self.lang, "empty") + " " + self.hint)
        return self.question.kind.parse(text, self)

    def picks(self, text: str) -> list[int]:
        """Stored indices of the letters or numbers in `text` ("a,c", "c b a", "cab", "2")."""
        n = len(self.order)
        tokens = [tok for tok in re.split(r"[\s,;、，]+", text.lower()) if tok]
        if len(tokens) == 1 and tokens[0].isalpha() and len(tokens[0]) > 1:
            tokens = list(tokens[0])  # "cab"
        picks = []
        for tok in tokens:
            if len(tok) == 1 and tok in LETTERS[:n]:
                pos = LETTERS.index(tok)
            elif tok.isdigit() and 1 <= int(tok) <= n:
                pos = int(tok) - 1
            else:
                raise AnswerError(WORDS.get(self.lang, "bad_choice", token=tok) + " " + self.hint)
            picks.append(self.order[pos])
        return picks


def parse_number(text: str, lang: str = "en") -> float:
    """Read a number: 12, -0.5, 1e-3, 1/4, 1,000, 25%."""
    cleaned = unicodedata.normalize("NFKC", text).strip().replace("−", "-").replace(" ", "")
    if re.fullmatch(r"[-+]?\d{1,3}(,\d{3})+(\.\d*)?", cleaned):
        cleaned = cleaned.replace(",", "")
    percent = cleaned.endswith("%")
    cleaned = cleaned.removesuffix("%")
    try:
        value = float(Fraction(cleaned)) if "/" in cleaned else float(cleaned)
    except (ValueError, ZeroDivisionError):
        raise AnswerError(WORDS.get(lang, "bad_number", text=text.strip())) from None
    if value != value or value in (float("inf"), float("-inf")):
        raise AnswerError(WORDS.get(lang, "bad_number", text=text.strip()))
    return value / 100 if percent else value


def present(question: Question, lang: str = "en", seed: int | None = None) -> Presented:
    """Shuffle the choices with `seed` (never into an order that already answers it)."""
    n = question.n_choices
    order = list(range(n))
    if n:
        rng = random.Random(f"{seed}:{question.id}") if seed is not None else random.Random()
        rng.shuffle(order)
        solved = question.kind.solved_orders(question)
        for _ in range(n):  # never show an order question already solved
            if tuple(order) not in solved:
                break
            order = order[1:] + order[:1]
    return Presented(question=question, lang=lang, order=tuple(order))
