"""The five question kinds, one object each: everything that differs between them lives here.

A bank's `type = "order"` (and the type stored with every answer) stays a plain string;
`KINDS[type]` resolves it to its kind. A kind knows how to

- validate a bank entry's answer (`validate`), with any fields only it accepts;
- say how to answer (`hint`) and read typed input (`parse`) for a shown question;
- turn picked choices into a response (`pick`, `from_picks`, `mark`) for a key-driven screen;
- grade a response (`grade`) and describe the right answer and a wrong one (`describe`,
  `details`);
- weigh its extra thinking time for spaced repetition (`review_weight`).

Adding a kind is one class here plus its tests.
"""

from __future__ import annotations

import math
from abc import ABC, abstractmethod
from typing import TYPE_CHECKING, Any, ClassVar

from dltutor.lessons.quiz.grading import Grade, normalise_text, numbers_close
from dltutor.lessons.quiz.presentation import AnswerError, parse_number
from dltutor.lessons.quiz.strings import WORDS

if TYPE_CHECKING:
    from dltutor.lessons.quiz.model import Question
    from dltutor.lessons.quiz.presentation import Presented

DEFAULT_TOLERANCE = 0.01


class EntryError(ValueError):
    """A bank entry's answer that a kind cannot accept; the bank adds the file and id."""


def _number(x: float) -> str:
    return f"{x:.6g}"


def _index(value: Any, n: int, what: str = "answer") -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise EntryError(f"{what} must be a choice index (an integer), got {value!r}")
    if not 0 <= value < n:
        raise EntryError(f"{what} {value} is out of range; there are {n} choices (0..{n - 1})")
    return value


def _indices(raw: Any, n: int, name: str, what: str = "answer") -> list[int]:
    if not isinstance(raw, list) or not raw:
        raise EntryError(f"a {name} {what} must be a non-empty list of choice indices")
    picks = [_index(v, n, what) for v in raw]
    if len(set(picks)) != len(picks):
        raise EntryError(f"the {name} {what} repeats an index: {raw}")
    return picks


class Kind(ABC):
    """What every kind offers; the choice kinds share the pick machinery."""

    name: ClassVar[str]
    has_choices: ClassVar[bool] = True
    extra_keys: ClassVar[frozenset[str]] = frozenset()  # bank keys only this kind takes
    review_weight: ClassVar[float] = 0.0  # seconds of thinking beyond reading
    submits_on_pick: ClassVar[bool] = False  # one key answers (single choice)

    @abstractmethod
    def validate(self, entry: dict[str, Any], n: int) -> dict[str, Any]:
        """The Question fields (answer and kind-specific ones) from a bank entry."""

    def hint(self, shown: Presented) -> str:
        """One line saying how to answer."""
        return WORDS.get(shown.lang, f"hint_{self.name}", last=shown.last_letter)

    def parse(self, text: str, shown: Presented) -> Any:
        """Typed input (already normalised, not empty) as a response in stored terms."""
        return self.from_picks(shown.picks(text), shown)

    def from_picks(self, picks: list[int] | tuple[int, ...], shown: Presented) -> Any:
        """Stored choice indices picked by the learner as a response; AnswerError if unfit."""
        raise TypeError(f"a {self.name} question is answered by typing, not by picking")

    def pick(self, picks: tuple[int, ...], index: int) -> tuple[int, ...]:
        """The picks after pressing the key of stored choice `index`."""
        return (index,)

    @property
    def collects_picks(self) -> bool:
        """Picks gather until the learner submits them (multi, order)."""
        return self.has_choices and not self.submits_on_pick

    def mark(self, picks: tuple[int, ...], index: int) -> str:
        """Three columns before a choice's letter while picking (a box, a position)."""
        return "   "

    def picked(self, shown: Presented, picks: tuple[int, ...]) -> str:
        """The picks so far as display letters."""
        return shown.letters(picks)

    def solved_orders(self, question: Question) -> tuple[tuple[int, ...], ...]:
        """Display orders that would give the answer away (an order question's answers)."""
        return ()

    @abstractmethod
    def grade(self, question: Question, response: Any) -> Grade:
        """A response in stored terms against the question's answer."""

    @abstractmethod
    def describe(self, shown: Presented) -> str:
        """The right answer as the learner saw it."""

    def details(self, shown: Presented, result: Grade) -> tuple[str, ...]:
        """Lines on what was partly right in a wrong answer."""
        return ()

    @staticmethod
    def _refuse(shown: Presented, key: str, **values: object) -> AnswerError:
        """Input that does not answer the question: what was wrong, then how to answer."""
        return AnswerError(WORDS.get(shown.lang, key, **values) + " " + shown.hint)


class Single(Kind):
    name = "single"
    submits_on_pick = True

    def validate(self, entry: dict[str, Any], n: int) -> dict[str, Any]:
        return {"answer": _index(entry["answer"], n)}

    def from_picks(self, picks: list[int] | tuple[int, ...], shown: Presented) -> int:
        if not picks:
            raise self._refuse(shown, "empty")
        if len(picks) != 1:
            raise self._refuse(shown, "one_choice")
        return picks[0]

    def grade(self, question: Question, response: Any) -> Grade:
        expected = question.answer
        return Grade(correct=response == expected, given=response, expected=expected)

    def describe(self, shown: Presented) -> str:
        answer = shown.question.answer
        return f"{shown.letter(answer)}) {shown.choice_text(answer)}"


class Multi(Kind):
    name = "multi"
    review_weight = 5.0

    def validate(self, entry: dict[str, Any], n: int) -> dict[str, Any]:
        return {"answer": tuple(sorted(_indices(entry["answer"], n, self.name)))}

    def from_picks(self, picks: list[int] | tuple[int, ...], shown: Presented) -> tuple[int, ...]:
        if not picks:
            raise self._refuse(shown, "empty")
        if len(set(picks)) != len(picks):
            raise AnswerError(WORDS.get(shown.lang, "repeated"))
        return tuple(sorted(picks))

    def pick(self, picks: tuple[int, ...], index: int) -> tuple[int, ...]:
        return tuple(i for i in picks if i != index) if index in picks else (*picks, index)

    def mark(self, picks: tuple[int, ...], index: int) -> str:
        return "[x]" if index in picks else "[ ]"

    def grade(self, question: Question, response: Any) -> Grade:
        expected = question.answer
        picked = tuple(sorted(set(response)))
        return Grade(
            correct=set(picked) == set(expected),
            given=picked,
            expected=expected,
            right=tuple(i for i in picked if i in expected),
            wrong=tuple(i for i in picked if i not in expected),
            missed=tuple(i for i in expected if i not in picked),
        )

    def describe(self, shown: Presented) -> str:
        picks = sorted(shown.question.answer, key=shown.order.index)
        return "; ".join(f"{shown.letter(i)}) {shown.choice_text(i)}" for i in picks)

    def details(self, shown: Presented, result: Grade) -> tuple[str, ...]:
        if result.correct:
            return ()
        lang = shown.lang
        none = WORDS.get(lang, "none")
        return (
            WORDS.get(lang, "multi_right", x=shown.letters(result.right) or none),
            WORDS.get(lang, "multi_wrong", x=shown.letters(result.wrong) or none),
            WORDS.get(lang, "multi_missed", x=shown.letters(result.missed) or none),
        )


class Order(Kind):
    """Every choice once, in order. Steps that may be swapped are listed as `alternatives`:
    further orders that are just as right (the stored `answer` is the one shown as the key)."""

    name = "order"
    review_weight = 8.0
    extra_keys = frozenset({"alternatives"})

    def validate(self, entry: dict[str, Any], n: int) -> dict[str, Any]:
        answer = tuple(_indices(entry["answer"], n, self.name))
        if sorted(answer) != list(range(n)):
            raise EntryError(f"an order answer must list every choice index once (0..{n - 1})")
        alternatives = entry.get("alternatives", [])
        if not isinstance(alternatives, list) or ("alternatives" in entry and not alternatives):
            raise EntryError("alternatives must be a non-empty list of orders")
        accepted = [answer]
        for raw in alternatives:
            order = tuple(_indices(raw, n, self.name, "alternative"))
            if sorted(order) != list(range(n)):
                raise EntryError(f"an alternative must list every choice index once: {raw}")
            if order in accepted:
                raise EntryError(f"alternative {raw} repeats an accepted order")
            accepted.append(order)
        return {"answer": answer, "alternatives": tuple(accepted[1:])}

    def from_picks(self, picks: list[int] | tuple[int, ...], shown: Presented) -> tuple[int, ...]:
        n = len(shown.order)
        if not picks:
            raise self._refuse(shown, "empty")
        if len(picks) != n or len(set(picks)) != n:
            raise self._refuse(shown, "order_all", n=n)
        return tuple(picks)

    def solved_orders(self, question: Question) -> tuple[tuple[int, ...], ...]:
        return (tuple(question.answer), *question.alternatives)

    def pick(self, picks: tuple[int, ...], index: int) -> tuple[int, ...]:
        return picks if index in picks else (*picks, index)

    def mark(self, picks: tuple[int, ...], index: int) -> str:
        return f" {picks.index(index) + 1}." if index in picks else "   "

    def picked(self, shown: Presented, picks: tuple[int, ...]) -> str:
        return shown.letters(picks, sort=False)

    def grade(self, question: Question, response: Any) -> Grade:
        given = tuple(response)
        accepted = (tuple(question.answer), *question.alternatives)

        def positions(want: tuple[int, ...]) -> tuple[bool, ...]:
            return tuple(i < len(given) and given[i] == w for i, w in enumerate(want))

        nearest = max(accepted, key=lambda want: sum(positions(want)))
        return Grade(
            correct=given in accepted,
            given=given,
            expected=nearest,
            positions=positions(nearest),
        )

    def describe(self, shown: Presented) -> str:
        return "; ".join(
            f"{shown.letter(i)}) {shown.choice_text(i)}" for i in shown.question.answer
        )

    def details(self, shown: Presented, result: Grade) -> tuple[str, ...]:
        if result.correct:
            return ()
        marks = " ".join(
            f"{pos + 1}:{shown.letter(given)}{'✓' if ok else '✗'}"
            for pos, (given, ok) in enumerate(zip(result.given, result.positions, strict=False))
        )
        right, n = sum(result.positions), len(result.positions)
        return (WORDS.get(shown.lang, "order_positions", x=right, n=n), marks)


class Numeric(Kind):
    name = "numeric"
    has_choices = False
    review_weight = 10.0
    extra_keys = frozenset({"tolerance"})

    def validate(self, entry: dict[str, Any], n: int) -> dict[str, Any]:
        raw = entry["answer"]
        if isinstance(raw, bool) or not isinstance(raw, int | float) or not math.isfinite(raw):
            raise EntryError(f"a numeric answer must be a finite number, got {raw!r}")
        tolerance = entry.get("tolerance", DEFAULT_TOLERANCE)
        if isinstance(tolerance, bool) or not isinstance(tolerance, int | float) or tolerance < 0:
            raise EntryError(f"tolerance must be a number >= 0, got {tolerance!r}")
        return {"answer": float(raw), "tolerance": float(tolerance)}

    def hint(self, shown: Presented) -> str:
        return WORDS.get(shown.lang, "hint_numeric")

    def parse(self, text: str, shown: Presented) -> float:
        return parse_number(text, shown.lang)

    def grade(self, question: Question, response: Any) -> Grade:
        value = float(response)
        expected = question.answer
        return Grade(
            correct=numbers_close(value, expected, question.tolerance),
            given=value,
            expected=expected,
            error=abs(value - expected) if math.isfinite(value) else math.inf,
        )

    def describe(self, shown: Presented) -> str:
        q = shown.question
        tol = WORDS.get(shown.lang, "tolerance", tol=_number(q.tolerance)) if q.tolerance else ""
        return _number(q.answer) + tol

    def details(self, shown: Presented, result: Grade) -> tuple[str, ...]:
        if result.correct or result.error is None:
            return ()
        return (
            WORDS.get(
                shown.lang,
                "numeric_off",
                given=_number(result.given),
                error=_number(result.error),
            ),
        )


class Text(Kind):
    name = "text"
    has_choices = False

    def validate(self, entry: dict[str, Any], n: int) -> dict[str, Any]:
        raw = entry["answer"]
        spellings = [raw] if isinstance(raw, str) else raw
        if (
            not isinstance(spellings, list)
            or not spellings
            or not all(isinstance(s, str) and s.strip() for s in spellings)
        ):
            raise EntryError("a text answer must be a list of accepted spellings")
        for s in spellings:
            if not s.isascii():
                raise EntryError(
                    f"text answer {s!r} is not ASCII (Japanese input is unreliable in terminals)"
                )
        return {"answer": tuple(spellings)}

    def hint(self, shown: Presented) -> str:
        return WORDS.get(shown.lang, "hint_text")

    def parse(self, text: str, shown: Presented) -> str:
        return text

    def grade(self, question: Question, response: Any) -> Grade:
        given = str(response)
        accepted = {normalise_text(s) for s in question.answer}
        return Grade(
            correct=normalise_text(given) in accepted, given=given, expected=question.answer
        )

    def describe(self, shown: Presented) -> str:
        return " / ".join(shown.question.answer)


KINDS: dict[str, Kind] = {k.name: k for k in (Single(), Multi(), Order(), Numeric(), Text())}
