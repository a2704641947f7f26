import numpy as np

from dltutor.engine import functions as F


def _naive(x):
    e = np.exp(x)
    return e / e.sum(axis=-1, keepdims=True)


def check(ns, c):
    softmax = ns["softmax"]
    errors = {"out of bounds": "batch-only"}
    with c.step("softmax(a)  a: (5,) float64", hint=1, errors=errors):
        a = c.rng.standard_normal(5)
        c.compare(softmax(a.copy()), F.softmax(a), inputs={"a": a})
    with c.step("softmax(a)  a: (4, 3) float64, [[per-row]]", hint=2, errors=errors):
        a = c.rng.standard_normal((4, 3))
        e, shifted = np.exp(a), np.exp(a - a.max(axis=-1, keepdims=True))
        like = [("sum-over-batch", e / e.sum()), ("sum-over-batch", shifted / shifted.sum())]
        c.compare(softmax(a.copy()), F.softmax(a), inputs={"a": a}, like=like)
    with c.step("softmax(a + 1000): [[finite-sum-one]]", hint=1, errors=errors):
        a = np.array([1010.0, 1000.0, 990.0])
        c.compare(
            softmax(a.copy()), F.softmax(a), inputs={"a": a}, like={"no-max-shift": _naive(a)}
        )
    with c.step("softmax(a)  a: (2, 3), [[rows-apart]]", hint=2, errors=errors):
        a = np.array([[1000.0, 1001.0, 999.0], [-3.0, 0.5, 2.0]])
        got = softmax(a.copy())
        c.compare(got, F.softmax(a), inputs={"a": a}, like={"no-max-shift": _naive(a)})
    with c.step("softmax(a)  a: (3,) float32 → float32", hint=1, errors=errors):
        a = np.array([0.5, -1.0, 2.0], dtype=np.float32)
        got = softmax(a.copy())
        c.compare(got, F.softmax(a), inputs={"a": a}, rtol=1e-5, atol=1e-6)
        c.require(
            np.asarray(got).dtype == np.float32,
            kind="dtype",
            expected_dtype="float32",
            got_dtype=str(np.asarray(got).dtype),
        )
