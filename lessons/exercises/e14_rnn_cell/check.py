import numpy as np

from dltutor.lessons.exercises.checking import numerical_grad
from dltutor.lessons.exercises.rnn_reference import engine_rnn


def _like(x, h_prev, W, U, b, dh):
    """What each mistake gives for (dx, dh_prev, dW, dU, db)."""
    h = np.tanh(x @ W + h_prev @ U + b)
    dt = dh * (1 - h**2)
    return {
        "dx": {"no-tanh-grad": dh @ W.T},
        "dh_prev": [("no-tanh-grad", dh @ U.T), ("u-not-transposed", dt @ U)],
        "dW": {"no-tanh-grad": x.T @ dh},
        "dU": {"no-tanh-grad": h_prev.T @ dh},
        "db": [("db-not-summed", dt), ("no-tanh-grad", dh.sum(axis=0))],
    }


def _inputs(rng, n, d, h):
    return (
        rng.standard_normal((n, d)),
        rng.standard_normal((n, h)) * 0.5,
        rng.standard_normal((d, h)) * 0.5,
        rng.standard_normal((h, h)) * 0.5,
        rng.standard_normal(h) * 0.1,
        rng.standard_normal((n, h)),
    )


def check(ns, c):
    RNNCell = ns["RNNCell"]
    for n, d, h in ((3, 4, 5), (2, 3, 3)):
        x, h_prev, W, U, b, dh = _inputs(c.rng, n, d, h)
        hs, dx, dW, dU, db, dh0 = engine_rnn(W, U, b, x[:, None], h_prev, dh[:, None])
        shown = {"x": x, "h_prev": h_prev, "W": W, "U": U, "b": b}
        label = f"x: {x.shape}, h_prev: {h_prev.shape}"
        with c.step(f"RNNCell(W, U, b).forward(x, h_prev)  {label}", hint=1):
            got = RNNCell(W.copy(), U.copy(), b.copy()).forward(x.copy(), h_prev.copy())
            c.compare(got, hs[:, 0], inputs=shown)
        with c.step(f"RNNCell.backward(dh_next)  {label}", hint=3):
            cell = RNNCell(W.copy(), U.copy(), b.copy())
            cell.forward(x.copy(), h_prev.copy())
            got = cell.backward(dh.copy())
            shown = {**shown, "dh_next": dh}
            like = _like(x, h_prev, W, U, b, dh)
            c.require(
                isinstance(got, tuple) and len(got) == 2,
                kind="property",
                got=type(got).__name__,
                expected="(dx, dh_prev)",
            )
            c.compare(got[0], dx[:, 0], inputs=shown, like=like["dx"])
            c.compare(got[1], dh0, inputs=shown, like=like["dh_prev"])
            c.compare(cell.dW, dW, inputs=shown, like=like["dW"])
            c.compare(cell.dU, dU, inputs=shown, like=like["dU"])
            c.compare(cell.db, db, inputs=shown, like=like["db"])
    x, h_prev, W, U, b, dh = _inputs(c.rng, 2, 3, 4)
    with c.step("RNNCell.backward(dh_next): dx, dh_prev = [[numerical]]", hint=2):
        cell = RNNCell(W.copy(), U.copy(), b.copy())
        cell.forward(x.copy(), h_prev.copy())
        got_dx, got_dh = cell.backward(dh.copy())

        def loss():
            return float(np.sum(np.tanh(x @ W + h_prev @ U + b) * dh))

        like = _like(x, h_prev, W, U, b, dh)
        shown = {"x": x, "h_prev": h_prev, "dh_next": dh}
        c.compare(got_dx, numerical_grad(loss, x), inputs=shown, like=like["dx"])
        c.compare(got_dh, numerical_grad(loss, h_prev), inputs=shown, like=like["dh_prev"])
