"""Exercises: the learner writes each from-scratch piece of the book, dltutor checks it.

The format: one folder per exercise, `eNN_slug/` (NN the lesson), holding four files.

    e02_softmax/
      __init__.py   EXERCISE = Exercise(id="02-softmax", lesson="02",
                        implements=("softmax",), package=__name__,
                        words=Words("exercise-02-softmax", {"en": {...}, "ja": {...}}))
      template.py   the learner's starting code: imports, the signatures with the book's
                    names, bodies that raise NotImplementedError (the task is added on top
                    as the file's docstring, in the learner's language)
      solution.py   a reference solution written as the book writes it
      check.py      def check(ns, c): ...   (ns: the learner's names; c: a `Checker`)

The words table has `title`, `task` (what to write and the signature, a few lines),
`hint.1` … `hint.3` (a nudge, then more, then nearly the answer) and one `mistake.ID` per
mistake the check recognises; the message says what the mistake is and how to fix it.
Both languages define the same keys (a test checks it). Mistake ids are short slugs
(`no-max-shift`); `mistake.returned-none` is shared by every exercise (see `texts.py`).

A check (see `checking.py`) runs in the sandbox child next to the learner's code. It
calls the learner's functions and classes on seeded random and edge-case inputs, compares
with `dltutor.engine` (values, shapes, dtypes), gradient-checks backward passes, tests
properties, and names a mistake when the output matches what that mistake would give. It
must let book-style code pass (float64 or float32, 1e-7 inside the log and in the
adaptive optimizers, h = 1e-4 for numerical gradients) and make each mistake fail. A
step's name is the call it makes, as code ("softmax(a)  a: (4, 3)"); a few words of prose
go in as `[[key]]`, a `phrase.key` of `texts.py`, so the name reads in either language.
`optimizer_check.py` is the shared check of an `update(params, grads)` optimizer.
tests/lessons/exercises/test_exercise_checks.py holds, per mistake, the small edit of the
solution that makes it (MISTAKES); a new mistake needs a line there.

A new folder is found by itself (`all_exercises()` imports every `eNN_*` package), and the
tests run its solution, its template and its mistakes. Templates and solutions may keep
the book's style (unused `import numpy as np`, `params.keys()`): pyproject.toml tells ruff.

Find exercises with `all_exercises()` / `get_exercise(id)`; check a file with
`runner.check_file`; the workspace (the learner's folder) is `workspace.py`.
"""

from __future__ import annotations

import pkgutil
from functools import cache
from importlib import import_module

from dltutor.lessons.exercises.model import Exercise


class ExerciseError(Exception):
    """An unknown exercise id; the message lists what exists."""


@cache
def all_exercises() -> tuple[Exercise, ...]:
    """Every exercise, ordered by id (lesson first)."""
    found = []
    for info in pkgutil.iter_modules(__path__):
        if info.ispkg and info.name.startswith("e") and info.name[1:3].isdigit():
            found.append(import_module(f"{__name__}.{info.name}").EXERCISE)
    return tuple(sorted(found, key=lambda e: e.id))


def exercises_for(lesson: str) -> list[Exercise]:
    return [e for e in all_exercises() if e.lesson == lesson]


def get_exercise(exercise_id: str) -> Exercise:
    """The exercise `exercise_id` ("02-softmax"); a unique prefix ("02-soft") also works."""
    exercises = all_exercises()
    for e in exercises:
        if e.id == exercise_id:
            return e
    matches = [e for e in exercises if e.id.startswith(exercise_id)]
    if len(matches) == 1:
        return matches[0]
    known = ", ".join(e.id for e in exercises)
    raise ExerciseError(f"no exercise {exercise_id!r}; the exercises are: {known}")


__all__ = ["Exercise", "ExerciseError", "all_exercises", "exercises_for", "get_exercise"]
