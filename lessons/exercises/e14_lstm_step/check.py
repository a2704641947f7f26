from itertools import permutations

import numpy as np

from dltutor.engine.layers import LSTM

# the blocks a swapped order reads i, f, g, o from (DLFS's f g i o, CS231n's i f o g, ONNX's
# i o f c, ...): every order but the right one
ORDERS = tuple(p for p in permutations(range(4)) if p != (0, 1, 2, 3))


def _engine(x, h, c, W, U, b):
    """One step of the engine's LSTM from state (h, c): (h_next, c_next)."""
    layer = LSTM(h.shape[1], return_state=True)
    layer.build((None, 1, x.shape[1]), np.random.default_rng(0))
    layer.astype(np.float64)
    layer.params["kernel"][...] = W
    layer.params["recurrent_kernel"][...] = U
    layer.params["bias"][...] = b
    _, h_next, c_next = layer.forward(x[:, None].astype(np.float64), initial_state=[h, c])
    return h_next, c_next


def _step(x, h, c, W, U, b, order=(0, 1, 2, 3), forget=True, tanh_c=True, g_sigmoid=False):
    """lstm_step as a mistake computes it; order gives the block each gate is read from."""
    n = h.shape[1]
    z = x @ W + h @ U + b
    zi, zf, zg, zo = (z[:, k * n : (k + 1) * n] for k in order)

    def sig(a):
        return 1 / (1 + np.exp(-a))

    i, f, o = sig(zi), sig(zf), sig(zo)
    g = sig(zg) if g_sigmoid else np.tanh(zg)
    c_next = (f * c if forget else c) + i * g
    return (o * np.tanh(c_next) if tanh_c else o * c_next), c_next


def _like(*args):
    wrong = [("gate-order", _step(*args, order=o)) for o in ORDERS]
    wrong += [
        ("no-forget", _step(*args, forget=False)),
        ("no-tanh-c", _step(*args, tanh_c=False)),
        ("candidate-sigmoid", _step(*args, g_sigmoid=True)),
    ]
    return [[(m, out[k]) for m, out in wrong] for k in (0, 1)]


def check(ns, c):
    lstm_step = ns["lstm_step"]
    for n, d, units, hint in ((2, 3, 4, 1), (3, 2, 5, 2), (1, 4, 2, 2)):
        x, h = c.rng.standard_normal((n, d)), c.rng.standard_normal((n, units)) * 0.5
        cell = c.rng.standard_normal((n, units))
        W = c.rng.standard_normal((d, 4 * units)) * 0.7
        U = c.rng.standard_normal((units, 4 * units)) * 0.7
        b = c.rng.standard_normal(4 * units) * 0.3
        args = (x, h, cell, W, U, b)
        shown = {"x": x, "h": h, "c": cell, "W": W, "U": U, "b": b}
        with c.step(f"lstm_step(x, h, c, W, U, b)  x: {x.shape}, h: {h.shape}", hint=hint):
            got = lstm_step(*(a.copy() for a in args))
            c.require(
                isinstance(got, tuple) and len(got) == 2,
                kind="property",
                got=type(got).__name__,
                expected="(h_next, c_next)",
            )
            h_next, c_next = _engine(*args)
            like = _like(*args)
            c.compare(got[1], c_next, inputs=shown, like=like[1])
            c.compare(got[0], h_next, inputs=shown, like=like[0])
    x = c.rng.standard_normal((2, 3)).astype(np.float32)
    h = np.zeros((2, 2), dtype=np.float32)
    cell = np.full((2, 2), 3.0, dtype=np.float32)
    W = c.rng.standard_normal((3, 8)).astype(np.float32)
    U = c.rng.standard_normal((2, 8)).astype(np.float32)
    b = np.zeros(8, dtype=np.float32)
    args = (x, h, cell, W, U, b)
    with c.step("lstm_step(x, h, c, W, U, b)  float32, h = 0, c = 3", hint=3):
        got = lstm_step(*(a.copy() for a in args))
        h_next, c_next = _engine(*(a.astype(np.float64) for a in args))
        like = _like(*(a.astype(np.float64) for a in args))
        shown = {"x": x, "c": cell, "W": W, "U": U}
        c.compare(got[1], c_next, inputs=shown, like=like[1], rtol=1e-4, atol=1e-5)
        c.compare(got[0], h_next, inputs=shown, like=like[0], rtol=1e-4, atol=1e-5)
