"""How a generator is declared: once, with the decorator that registers it.

    @generator("10-gen-conv-output", lesson="10", section="padding-and-stride",
               summary="conv output size")
    def conv_output(rng) -> Draft:
        ...
        return numeric(oh, en={...}, ja={...})

The function draws its numbers from `rng` (a `numpy.random.Generator`) and returns a
`Draft`: the answer and its words. The decorator adds who it is (id, lesson, section), so
the identity is written in one place.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from dltutor.lessons.quiz.model import Question, Wording


@dataclass(frozen=True)
class Draft:
    """A drawn question before it is named: its kind, answer and words in both languages."""

    type: str
    answer: Any
    en: Wording
    ja: Wording
    tolerance: float = 0.0


def numeric(answer: float, *, en: dict, ja: dict, tolerance: float = 0.0) -> Draft:
    """A number to type; `en`/`ja` hold the prompt and the worked explanation."""
    return Draft(
        "numeric", float(answer), Wording.set("en", **en), Wording.set("ja", **ja), tolerance
    )


def single(right: str, others: list[str], *, en: dict, ja: dict) -> Draft:
    """One right choice among distinct distractors, all named by language-free keys.

    `en["choices"]` and `ja["choices"]` map each key to its words; the stored order is the
    keys sorted (the session shuffles what the learner sees).
    """
    keys = sorted({right, *others})
    if len(keys) != len(others) + 1:
        raise ValueError(f"distractors repeat or equal the answer: {right!r}, {others!r}")
    words = {}
    for lang, table in (("en", en), ("ja", ja)):
        choices = table["choices"]
        words[lang] = Wording.set(
            lang, table["prompt"], table["explanation"], [choices[k] for k in keys]
        )
    return Draft("single", keys.index(right), words["en"], words["ja"])


@dataclass(frozen=True)
class QuestionGenerator:
    id: str
    lesson: str
    section: str
    summary: str
    build: Callable[[Any], Draft]

    def make(self, rng: Any) -> Question:
        """A fresh question drawn with `rng` (a `numpy.random.Generator`)."""
        draft = self.build(rng)
        return Question(
            id=self.id,
            lesson=self.lesson,
            type=draft.type,
            section=self.section,
            answer=draft.answer,
            text={"en": draft.en, "ja": draft.ja},
            tolerance=draft.tolerance,
            generated=True,
            source="generator",
        )


REGISTRY: list[QuestionGenerator] = []


def generator(
    gen_id: str, *, lesson: str, section: str, summary: str
) -> Callable[[Callable[[Any], Draft]], Callable[[Any], Draft]]:
    """Register the decorated draw function as generator `gen_id` ("NN-gen-name")."""
    if not gen_id.startswith(f"{lesson}-gen-"):
        raise ValueError(f"generator id {gen_id!r} must start with '{lesson}-gen-'")

    def register(build: Callable[[Any], Draft]) -> Callable[[Any], Draft]:
        if any(g.id == gen_id for g in REGISTRY):
            raise ValueError(f"generator {gen_id!r} is declared twice")
        REGISTRY.append(QuestionGenerator(gen_id, lesson, section, summary, build))
        return build

    return register


def pick(rng: Any, values: list | tuple) -> Any:
    return values[int(rng.integers(len(values)))]


def signed(x: float, digits: int = 4) -> str:
    """A factor inside a product: negative numbers in parentheses, "(-0.5)"."""
    return f"({fmt(x, digits)})" if x < 0 else fmt(x, digits)


def fmt(x: float, digits: int = 4) -> str:
    """A number as a learner writes it: at most `digits` decimals, no trailing zeros."""
    text = f"{x:.{digits}f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text
