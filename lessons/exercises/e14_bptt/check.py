import numpy as np

from dltutor.lessons.exercises.checking import numerical_grad
from dltutor.lessons.exercises.rnn_reference import engine_rnn

NAMES = ("dx", "dW", "dU", "db")


def _bptt(dhs, x, hs, W, U, carry=True, accumulate=True, wrap=False):
    """BPTT as each mistake does it: (dx, dW, dU, db)."""
    n, t_len, h = hs.shape
    dx, dW, dU, db = np.zeros(x.shape), np.zeros_like(W), np.zeros_like(U), np.zeros(h)
    dh_next = np.zeros((n, h))
    for t in reversed(range(t_len)):
        dt = (dhs[:, t] + (dh_next if carry else 0)) * (1 - hs[:, t] ** 2)
        h_prev = hs[:, t - 1] if t > 0 or wrap else np.zeros((n, h))
        grads = (x[:, t].T @ dt, h_prev.T @ dt, dt.sum(axis=0))
        if accumulate:
            dW, dU, db = dW + grads[0], dU + grads[1], db + grads[2]
        else:
            dW, dU, db = grads
        dx[:, t] = dt @ W.T
        dh_next = dt @ U.T
    return dx, dW, dU, db


def _like(dhs, x, hs, W, U):
    wrong = {
        "no-carry": _bptt(dhs, x, hs, W, U, carry=False),
        "grads-overwritten": _bptt(dhs, x, hs, W, U, accumulate=False),
        "wraps-around": _bptt(dhs, x, hs, W, U, wrap=True),
    }
    return [[(m, grads[i]) for m, grads in wrong.items()] for i in range(4)]


def _inputs(rng, n, t, d, h):
    return (
        rng.standard_normal((n, t, d)),
        rng.standard_normal((d, h)) * 0.5,
        rng.standard_normal((h, h)) * 0.5,
        rng.standard_normal(h) * 0.1,
        rng.standard_normal((n, t, h)),
    )


def check(ns, c):
    rnn_forward, rnn_backward = ns["rnn_forward"], ns["rnn_backward"]
    for n, t, d, h in ((2, 5, 3, 4), (3, 3, 2, 2)):
        x, W, U, b, dhs = _inputs(c.rng, n, t, d, h)
        hs, dx, dW, dU, db, _ = engine_rnn(W, U, b, x, np.zeros((n, h)), dhs)
        shown = {"x": x, "W": W, "U": U, "b": b}
        with c.step(f"rnn_forward(x, W, U, b)  x: {x.shape}, W: {W.shape}", hint=1):
            c.compare(rnn_forward(x.copy(), W.copy(), U.copy(), b.copy()), hs, inputs=shown)
        with c.step(f"rnn_backward(dhs, x, hs, W, U)  x: {x.shape}, W: {W.shape}", hint=2):
            got = rnn_backward(dhs.copy(), x.copy(), hs.copy(), W.copy(), U.copy())
            c.require(
                isinstance(got, tuple) and len(got) == 4,
                kind="property",
                got=type(got).__name__,
                expected="(dx, dW, dU, db)",
            )
            like = _like(dhs, x, hs, W, U)
            shown = {**shown, "dhs": dhs}
            for i, expected in enumerate((dx, dW, dU, db)):
                c.compare(got[i], expected, inputs=shown, like=like[i])
    x, W, U, b, dhs = _inputs(c.rng, 2, 4, 2, 3)
    with c.step("rnn_backward(dhs, x, hs, W, U): dW, dU = [[numerical]]", hint=3):
        hs = rnn_forward(x.copy(), W.copy(), U.copy(), b.copy())
        got = rnn_backward(dhs.copy(), x.copy(), np.asarray(hs).copy(), W.copy(), U.copy())

        def loss():
            return float(np.sum(engine_rnn(W, U, b, x, np.zeros((2, 3)), dhs)[0] * dhs))

        like = _like(dhs, x, engine_rnn(W, U, b, x, np.zeros((2, 3)), dhs)[0], W, U)
        shown = {"x": x, "W": W, "U": U, "dhs": dhs}
        c.compare(got[1], numerical_grad(loss, W), inputs=shown, like=like[1], rtol=1e-5, atol=1e-6)
        c.compare(got[2], numerical_grad(loss, U), inputs=shown, like=like[2], rtol=1e-5, atol=1e-6)
