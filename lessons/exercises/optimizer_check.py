"""The shared check of an optimizer exercise: the learner's `update(params, grads)` against
the engine's optimizer, update by update, on a small dict of parameters.

A mistake is named when the learner's parameters follow the path of a small mistaken
version (`wrong`: mistake id -> a class with the book's `update(params, grads)`).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

import numpy as np

from dltutor.lessons.exercises.checking import Checker

Params = dict[str, np.ndarray]


def problem(rng: np.random.Generator, steps: int = 5) -> tuple[Params, list[Params]]:
    """Starting parameters and a sequence of gradients, seeded."""
    params = {"W": rng.standard_normal((2, 3)), "b": rng.standard_normal(3)}
    grads = [{k: rng.standard_normal(v.shape) for k, v in params.items()} for _ in range(steps)]
    return params, grads


def _copy(params: Mapping[str, np.ndarray]) -> Params:
    return {k: np.array(v, dtype=np.float64, copy=True) for k, v in params.items()}


def path(
    update: Callable[[Params, Params], Any], params: Params, grads: list[Params]
) -> list[Params]:
    """Parameters after each update (update works in place, as in the book)."""
    params = _copy(params)
    out = []
    for g in grads:
        update(params, _copy(g))
        out.append(_copy(params))
    return out


def engine_path(optimizer, params: Params, grads: list[Params]) -> list[Params]:
    def update(p: Params, g: Params) -> None:
        optimizer.step((p[k], g[k]) for k in p)

    return path(update, params, grads)


def check_optimizer(
    c: Checker,
    label: str,
    make: Callable[[], Any],
    engine_optimizer,
    wrong: Mapping[str, Callable[[], Any]],
    hint: int,
    steps: int = 5,
    rtol: float = 1e-6,
) -> None:
    """One step: `make()` is the learner's optimizer; compare after every update."""
    params, grads = problem(c.rng, steps)
    with c.step(
        f"{label}: {steps} × update(params, grads)  params: {{'W': (2, 3), 'b': (3,)}}", hint=hint
    ):
        want = engine_path(engine_optimizer, params, grads)
        alternatives = {m: path(factory().update, params, grads) for m, factory in wrong.items()}
        alternatives["not-in-place"] = [_copy(params)] * steps
        got = path(make().update, params, grads)
        for i, (mine, theirs) in enumerate(zip(got, want, strict=True)):
            for key in theirs:
                like = [(m, alt[i][key]) for m, alt in alternatives.items()]
                shown = {
                    "update": i + 1,
                    f"params['{key}'] before": params[key] if i == 0 else want[i - 1][key],
                    f"grads['{key}']": grads[i][key],
                }
                c.compare(mine[key], theirs[key], inputs=shown, like=like, rtol=rtol, atol=1e-8)
