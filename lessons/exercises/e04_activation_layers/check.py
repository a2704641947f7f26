from functools import partial

import numpy as np

from dltutor.engine import functions as F
from dltutor.engine.layers.activations import ReLU, Sigmoid
from dltutor.lessons.exercises.checking import numerical_grad


def _weighted(f, x, dout):
    """L = Σ f(x)·dout, whose gradient backward(dout) must return."""
    return float(np.sum(f(x) * dout))


def _away_from_zero(rng, shape):
    x = rng.standard_normal(shape)
    return np.where(np.abs(x) < 0.1, 0.5, x)


def check(ns, c):
    Relu, Sig = ns["Relu"], ns["Sigmoid"]
    for shape in ((2, 5), (2, 3, 2)):
        x = _away_from_zero(c.rng, shape)
        dout = c.rng.standard_normal(shape)
        shown = {"x": x, "dout": dout}
        engine = ReLU()
        want = engine.forward(x)
        want_dx = engine.backward(dout)
        with c.step(f"Relu.forward(x), Relu.backward(dout)  x: {shape}", hint=2):
            layer = Relu()
            given = x.copy()
            out = layer.forward(given)
            c.require(np.array_equal(given, x), "changes-input", got=str(given), expected=str(x))
            c.compare(out, want, inputs=shown, like={"mask-inverted": x * (x <= 0)})
            like = {"mask-not-applied": dout, "mask-inverted": dout * (x <= 0)}
            c.compare(layer.backward(dout.copy()), want_dx, inputs=shown, like=like)
        with c.step(f"Relu.backward(dout) = [[numerical]]  x: {shape}", hint=2):
            layer = Relu()
            given = x.copy()
            layer.forward(given)
            dx = layer.backward(dout.copy())
            numeric = numerical_grad(partial(_weighted, F.relu, given, dout), given)
            c.compare(dx, numeric, inputs=shown, rtol=1e-5, atol=1e-6)
        engine = Sigmoid()
        want = engine.forward(x)
        want_dx = engine.backward(dout)
        with c.step(f"Sigmoid.forward(x), Sigmoid.backward(dout)  x: {shape}", hint=3):
            layer = Sig()
            out = layer.forward(x.copy())
            c.compare(out, want, inputs=shown)
            like = {"sigmoid-uses-x": dout * (1 - x) * x, "sigmoid-no-one-minus": dout * want}
            c.compare(layer.backward(dout.copy()), want_dx, inputs=shown, like=like)
        with c.step(f"Sigmoid.backward(dout) = [[numerical]]  x: {shape}", hint=3):
            layer = Sig()
            given = x.copy()
            layer.forward(given)
            dx = layer.backward(dout.copy())
            numeric = numerical_grad(partial(_weighted, F.sigmoid, given, dout), given)
            c.compare(dx, numeric, inputs=shown, rtol=1e-5, atol=1e-7)
