import numpy as np


def check(ns, c):
    differences, center_columns, Counter = ns["differences"], ns["center_columns"], ns["Counter"]
    for a in (c.rng.standard_normal(6), np.array([3, 1, 4, 1, 5]), np.array([2.0, 7.0])):
        with c.step(f"differences(a)  a: {a.shape} {a.dtype}", hint=1):
            c.compare(
                differences(a.copy()), np.diff(a), inputs={"a": a}, like={"reversed": -np.diff(a)}
            )
    for X in (c.rng.standard_normal((4, 3)) + [[1.0, -5.0, 10.0]], c.rng.standard_normal((1, 5))):
        with c.step(f"center_columns(X)  X: {X.shape}", hint=2):
            like = {
                "row-means": X - X.mean(axis=1, keepdims=True),
                "overall-mean": X - X.mean(),
            }
            c.compare(center_columns(X.copy()), X - X.mean(axis=0), inputs={"X": X}, like=like)
    with c.step('Counter().add("a"), .add("b"), .add("a"); .count("a"), .count("z")', hint=3):
        counter = Counter()
        for item in ("a", "b", "a"):
            counter.add(item)
        got = (counter.count("a"), counter.count("b"), counter.count("z"))
        c.require(got == (2, 1, 0), kind="property", got=got, expected=(2, 1, 0))
    with c.step("one, two = Counter(), Counter(); one.add(7); two.count(7)", hint=2):
        one, two = Counter(), Counter()
        one.add(7)
        got = (one.count(7), two.count(7))
        c.require(got[1] == 0, "shared-counts", kind="property", got=got, expected=(1, 0))
        c.require(got == (1, 0), kind="property", got=got, expected=(1, 0))
