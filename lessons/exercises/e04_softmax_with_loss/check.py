from functools import partial

import numpy as np

from dltutor.engine import functions as F
from dltutor.engine.losses import SoftmaxCrossEntropy
from dltutor.lessons.exercises.checking import numerical_grad

ERRORS = {"broadcast": "labels-unsupported"}


def _loss(x, t):
    return SoftmaxCrossEntropy().forward(x, t)


def check(ns, c):
    Layer = ns["SoftmaxWithLoss"]
    n, k = 4, 3
    x = c.rng.standard_normal((n, k)) * 2
    labels = np.array([0, 2, 1, 2])
    onehot = np.eye(k)[labels]
    for name, t in (("[[one-hot]] (4, 3)", onehot), ("[[labels]] (4,)", labels)):
        engine = SoftmaxCrossEntropy()
        engine.forward(x, t)
        want_loss = F.cross_entropy_error(F.softmax(x), t)  # the book's δ = 1e-7 inside the log
        want_dx = engine.backward()
        probs = engine.probs
        per_sample = -np.log(probs[np.arange(n), labels] + 1e-7)
        shown = {"x": x, "t": t}
        with c.step(f"SoftmaxWithLoss.forward(x, t)  x: (4, 3), t: {name}", hint=1):
            got = Layer().forward(x.copy(), t.copy())
            c.compare(got, want_loss, inputs=shown, like={"loss-not-mean": per_sample})
        with c.step(f"SoftmaxWithLoss.backward()  x: (4, 3), t: {name}", hint=3, errors=ERRORS):
            layer = Layer()
            layer.forward(x.copy(), t.copy())
            like = {"not-divided-by-batch": want_dx * n, "backward-sign": -want_dx}
            c.compare(layer.backward(), want_dx, inputs=shown, like=like)
        with c.step(
            f"SoftmaxWithLoss.backward() = [[numerical]]  t: {name}",
            hint=2,
            errors=ERRORS,
        ):
            layer = Layer()
            xs = x.copy()
            layer.forward(xs, t.copy())
            got = layer.backward(1)

            loss = partial(_loss, xs, t)

            like = {"not-divided-by-batch": want_dx * n, "backward-sign": -want_dx}
            c.compare(got, numerical_grad(loss, xs), inputs=shown, like=like, rtol=1e-5, atol=1e-6)
