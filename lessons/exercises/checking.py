"""The toolkit a `check.py` uses; it runs in the sandbox child, next to the learner's code.

    def check(ns, c):                                   # ns: the learner's names
        softmax = ns["softmax"]
        with c.step("softmax(x)  x: (4, 5)", hint=1):
            x = c.rng.standard_normal((4, 5))
            c.compare(softmax(x.copy()), F.softmax(x), inputs={"x": x},
                      like={"sum-over-batch": x_exp / x_exp.sum()})

Each `step` is one named result. Inside it, `compare` checks type, shape, dtype and values
(in that order) and fails with the index of the largest difference; `like` maps a mistake id
(or a list of (id, output) pairs, several outputs per mistake) to what that mistake would
produce, so a match names the mistake. `fail(mistake=...)` names
one directly. An exception from the learner's code fails the step with their traceback;
`errors` maps a phrase of the exception's message to a mistake id. Results are plain dicts:
the parent turns them into words in the learner's language.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from typing import Any

import numpy as np

from dltutor.lessons.sandbox import learner_traceback

RTOL = 1e-5
ATOL = 1e-7


class CheckFailed(Exception):
    """A step found a difference; `detail` says what (kind, shapes, input, values…)."""

    def __init__(self, **detail: Any) -> None:
        super().__init__(detail.get("kind", "failed"))
        self.detail = detail


def show(value: Any) -> str:
    """A short, readable form of an input or output for the report."""
    if isinstance(value, np.ndarray):
        text = np.array2string(value, precision=4, suppress_small=True, threshold=30, edgeitems=2)
        return f"{text}  {value.shape} {value.dtype}" if value.ndim else text
    if isinstance(value, float):
        return f"{value:.6g}"
    return repr(value)


class Checker:
    """Collects one result per step; `rng` is seeded so a failing case is the same next time."""

    def __init__(self, files: Sequence[str], seed: int = 0) -> None:
        self.files = list(files)
        self.rng = np.random.default_rng(seed)
        self.results: list[dict[str, Any]] = []

    @contextmanager
    def step(
        self, name: str, hint: int | None = None, errors: Mapping[str, str] | None = None
    ) -> Iterator[None]:
        try:
            yield
        except CheckFailed as failed:
            self.results.append({"name": name, "passed": False, "hint": hint, **failed.detail})
        except (MemoryError, RecursionError):
            raise
        except Exception as error:  # noqa: BLE001 - the learner's code may raise anything
            text = str(error)
            mistake = next((m for phrase, m in (errors or {}).items() if phrase in text), None)
            self.results.append(
                {
                    "name": name,
                    "passed": False,
                    "hint": hint,
                    "kind": "error",
                    "mistake": mistake,
                    "traceback": learner_traceback(error, self.files),
                }
            )
        else:
            self.results.append({"name": name, "passed": True})

    def fail(self, mistake: str | None = None, **detail: Any) -> None:
        raise CheckFailed(mistake=mistake, kind=detail.pop("kind", "values"), **detail)

    def compare(
        self,
        got: Any,
        expected: Any,
        inputs: Mapping[str, Any] | None = None,
        like: Mapping[str, Any] | Sequence[tuple[str, Any]] | None = None,
        rtol: float = RTOL,
        atol: float = ATOL,
        dtype: bool = True,
    ) -> None:
        """Fail unless `got` matches `expected` in shape, dtype kind and value."""
        shown = {k: show(v) for k, v in (inputs or {}).items()}
        if got is None and expected is not None:
            self.fail("returned-none", kind="none", inputs=shown)
        want = np.asarray(expected)
        try:
            have = np.asarray(got)
        except Exception:  # noqa: BLE001 - a ragged or odd object is reported as a type
            self.fail(kind="type", inputs=shown, got=type(got).__name__)
        mistake = self._which(have, like, rtol, atol)
        if have.shape != want.shape:
            self.fail(
                mistake,
                kind="shape",
                inputs=shown,
                expected_shape=list(want.shape),
                got_shape=list(have.shape),
                got=show(got),
            )
        if dtype and want.dtype.kind == "f" and have.dtype.kind not in "f":
            self.fail(
                mistake,
                kind="dtype",
                inputs=shown,
                expected_dtype=str(want.dtype),
                got_dtype=str(have.dtype),
                got=show(got),
            )
        if have.dtype.kind not in "biuf":
            self.fail(mistake, kind="type", inputs=shown, got=show(got))
        a, b = have.astype(np.float64), want.astype(np.float64)
        if np.allclose(a, b, rtol=rtol, atol=atol):
            return
        diff = np.abs(a - b)
        diff = np.where(np.isfinite(diff), diff, np.inf)
        index = tuple(int(i) for i in np.unravel_index(int(np.argmax(diff)), diff.shape))
        self.fail(
            mistake,
            kind="values",
            inputs=shown,
            index=list(index),
            expected=show(b[index].item()),
            got=show(a[index].item()),
            max_diff=show(float(diff[index])),
            expected_all=show(want),
            got_all=show(have),
        )

    @staticmethod
    def _which(
        have: np.ndarray,
        like: Mapping[str, Any] | Sequence[tuple[str, Any]] | None,
        rtol: float,
        atol: float,
    ) -> str | None:
        """The mistake whose output `have` matches, if any."""
        pairs = like.items() if isinstance(like, Mapping) else (like or ())
        for mistake, wrong in pairs:
            wrong = np.asarray(wrong)
            if wrong.shape != have.shape or have.dtype.kind not in "biuf":
                continue
            if np.allclose(
                have.astype(np.float64),
                wrong.astype(np.float64),
                rtol=rtol,
                atol=atol,
                equal_nan=True,
            ):
                return mistake
        return None

    def require(self, condition: bool, mistake: str | None = None, **detail: Any) -> None:
        """Fail with `mistake` unless `condition` holds (a property, not a value)."""
        if not condition:
            self.fail(mistake, kind=detail.pop("kind", "property"), **detail)


def numerical_grad(f: Callable[[], float], x: np.ndarray, h: float = 1e-5) -> np.ndarray:
    """∂f/∂x by central differences, float64, x changed in place and restored."""
    grad = np.zeros_like(x, dtype=np.float64)
    flat, gflat = x.reshape(-1), grad.reshape(-1)
    for i in range(flat.size):
        keep = flat[i]
        flat[i] = keep + h
        plus = f()
        flat[i] = keep - h
        minus = f()
        flat[i] = keep
        gflat[i] = (plus - minus) / (2 * h)
    return grad
