import numpy as np

from dltutor.engine import functions as F

LABEL_ERRORS = {"broadcast": "labels-unsupported", "shapes": "labels-unsupported"}


def _probabilities(rng, n, k):
    return F.softmax(rng.standard_normal((n, k)))


def check(ns, c):
    mse, cee = ns["mean_squared_error"], ns["cross_entropy_error"]
    t = np.array([0, 0, 1, 0, 0, 0, 0, 0, 0, 0], dtype=float)
    y = np.array([0.1, 0.05, 0.6, 0.0, 0.05, 0.1, 0.0, 0.1, 0.0, 0.0])
    with c.step("mean_squared_error(y, t)  y, t: (10,)", hint=1):
        d = y - t
        like = {"mse-no-half": np.sum(d**2), "mse-mean": np.mean(d**2)}
        c.compare(
            mse(y.copy(), t.copy()), F.sum_squared_error(y, t), inputs={"y": y, "t": t}, like=like
        )
    with c.step("mean_squared_error(y, t)  y, t: (2, 3)", hint=1):
        a, b = c.rng.random((2, 3)), c.rng.random((2, 3))
        d = a - b
        like = {"mse-no-half": np.sum(d**2), "mse-mean": np.mean(d**2)}
        c.compare(
            mse(a.copy(), b.copy()), F.sum_squared_error(a, b), inputs={"y": a, "t": b}, like=like
        )
    with c.step("cross_entropy_error(y, t)  y, t: (10,) [[one-hot]]", hint=2):
        c.compare(cee(y.copy(), t.copy()), F.cross_entropy_error(y, t), inputs={"y": y, "t": t})
    yb = _probabilities(c.rng, 4, 5)
    labels = np.array([1, 0, 4, 2])
    onehot = np.eye(5)[labels]
    with c.step("cross_entropy_error(y, t)  y: (4, 5), t: (4, 5) [[one-hot]]", hint=2):
        want = F.cross_entropy_error(yb, onehot)
        like = {"no-batch-mean": want * 4}
        c.compare(cee(yb.copy(), onehot.copy()), want, inputs={"y": yb, "t": onehot}, like=like)
    with c.step(
        "cross_entropy_error(y, t)  y: (4, 5), t: (4,) [[labels]]", hint=3, errors=LABEL_ERRORS
    ):
        want = F.cross_entropy_error(yb, labels)
        got = cee(yb.copy(), labels.copy())
        like = {
            "no-batch-mean": want * 4,
            "labels-unsupported": -np.sum(labels[:, None] * np.log(yb + 1e-7)) / 4,
        }
        c.compare(got, want, inputs={"y": yb, "t": labels}, like=like)
    with c.step("cross_entropy_error(t, t) ≈ 0  [[perfect]]", hint=2):
        c.compare(
            cee(onehot.copy(), onehot.copy()), 0.0, inputs={"y": onehot, "t": onehot}, atol=1e-6
        )
    with c.step("cross_entropy_error(y, t): [[zero-at-answer]]", hint=3):
        y0 = np.array([[0.0, 1.0, 0.0], [0.5, 0.0, 0.5]])
        t0 = np.array([[1.0, 0.0, 0.0], [1.0, 0.0, 0.0]])
        got = cee(y0.copy(), t0.copy())
        c.compare(
            got, F.cross_entropy_error(y0, t0), inputs={"y": y0, "t": t0}, like={"no-delta": np.inf}
        )
