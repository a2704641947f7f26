"""Parametric questions: fresh numbers each time (a seeded `numpy.random.Generator`), a
worked explanation in English and Japanese, and the answer computed by the engine where it
can (shapes, parameter counts, softmax and its gradient, optimizer steps, dropout,
initialisation, K-fold, temperature). Each generator makes the same `Question` objects as
the banks, of type numeric or single, with `generated=True` and a stable id `NN-gen-name`.

A generator is declared once, with `@generator(...)` (see `base.py`), in the module of its
lesson group; importing this package registers them all.
"""

from __future__ import annotations

from dltutor.lessons.quiz.generators import (  # noqa: F401 - importing registers
    basics,
    evaluation,
    learning,
    optimizers,
    sequences,
    vision,
)
from dltutor.lessons.quiz.generators.base import REGISTRY, QuestionGenerator

GENERATORS: tuple[QuestionGenerator, ...] = tuple(sorted(REGISTRY, key=lambda g: g.id))


def generators_for(lesson: str | None) -> list[QuestionGenerator]:
    """The generators of one lesson id ("07"), or all of them for None."""
    return [g for g in GENERATORS if lesson is None or g.lesson == lesson]


def by_id(gen_id: str) -> QuestionGenerator:
    """One generator by its id; KeyError naming the known ids."""
    for g in GENERATORS:
        if g.id == gen_id:
            return g
    raise KeyError(f"no generator {gen_id!r}; known: {', '.join(g.id for g in GENERATORS)}")
