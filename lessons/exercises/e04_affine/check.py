from functools import partial

import numpy as np

from dltutor.engine.layers.core import Dense
from dltutor.lessons.exercises.checking import numerical_grad

ERRORS = {"not aligned": "no-flatten", "mismatch in its core dimension": "no-flatten"}


def _affine_loss(x, W, b, dout):
    return float(np.sum((x.reshape(x.shape[0], -1) @ W + b) * dout))


def _engine(W, b, x, dout):
    """The engine's Dense with these weights: (out, dx, dW, db)."""
    layer = Dense(W.shape[1])
    layer.build((None, W.shape[0]), np.random.default_rng(0))
    layer.astype(np.float64)
    layer.params["kernel"][...] = W
    layer.params["bias"][...] = b
    out = layer.forward(x.reshape(x.shape[0], -1))
    dx = layer.backward(dout)
    return out, dx.reshape(x.shape), layer.grads["kernel"].copy(), layer.grads["bias"].copy()


def check(ns, c):
    Affine = ns["Affine"]
    for shape, m in (((3, 4), 2), ((2, 2, 3, 1), 4)):
        n, d = shape[0], int(np.prod(shape[1:]))
        W, b = c.rng.standard_normal((d, m)), c.rng.standard_normal(m)
        x, dout = c.rng.standard_normal(shape), c.rng.standard_normal((n, m))
        shown = {"x": x, "W": W, "b": b, "dout": dout}
        out, dx, dW, db = _engine(W, b, x, dout)
        with c.step(
            f"Affine(W, b).forward(x), .backward(dout)  x: {shape}, W: {W.shape}",
            hint=2,
            errors=ERRORS,
        ):
            layer = Affine(W.copy(), b.copy())
            c.compare(layer.forward(x.copy()), out, inputs=shown)
            got = layer.backward(dout.copy())
            c.compare(got, dx, inputs=shown, like={"dx-not-reshaped": dx.reshape(n, -1)})
            c.compare(layer.dW, dW, inputs=shown, like={"dw-transposed": dW.T})
            c.compare(layer.db, db, inputs=shown, like={"db-not-summed": dout})
        with c.step(
            f"Affine.backward(dout): dx, dW, db = [[numerical]]  x: {shape}", hint=3, errors=ERRORS
        ):
            layer = Affine(W.copy(), b.copy())
            xs = x.copy()
            layer.forward(xs)
            got = layer.backward(dout.copy())

            loss = partial(_affine_loss, xs, W, b, dout)

            c.compare(
                got,
                numerical_grad(loss, xs),
                inputs=shown,
                like={"dx-not-reshaped": dx.reshape(n, -1)},
            )
            c.compare(layer.dW, numerical_grad(loss, W), inputs=shown, like={"dw-transposed": dW.T})
            c.compare(layer.db, numerical_grad(loss, b), inputs=shown, like={"db-not-summed": dout})
