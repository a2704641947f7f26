from functools import partial

import numpy as np

from dltutor.engine import functions as F
from dltutor.engine.data import load_mnist
from dltutor.lessons.exercises.checking import numerical_grad

KEYS = ("W1", "b1", "W2", "b2")
EPOCHS, BATCH, LR, THRESHOLD = 10, 100, 0.2, 0.85


def _predict(params, x):
    return F.relu(x @ params["W1"] + params["b1"]) @ params["W2"] + params["b2"]


def _loss(params, x, t):
    return float(F.cross_entropy_error(F.softmax(_predict(params, x)), t))


def _float_params(net):
    return {k: np.array(net.params[k], dtype=np.float64) for k in KEYS}


def check(ns, c):
    TwoLayerNet = ns["TwoLayerNet"]
    with c.step(
        "TwoLayerNet(784, 50, 10).params: W1 (784, 50), b1 (50,), W2 (50, 10), b2 (10,)", hint=1
    ):
        np.random.seed(0)
        net = TwoLayerNet(784, 50, 10)
        shapes = {k: tuple(np.shape(net.params.get(k))) for k in KEYS}
        want = {"W1": (784, 50), "b1": (50,), "W2": (50, 10), "b2": (10,)}
        c.require(shapes == want, kind="property", got=shapes, expected=want)
        std = float(np.std(net.params["W1"]))
        c.require(
            0.008 < std < 0.012,
            kind="property",
            got=f"std(W1) = {std:.4g}",
            expected="std(W1) ≈ 0.01",
        )
    x = c.rng.standard_normal((5, 4))
    t = c.rng.integers(0, 3, 5)
    with c.step(
        "TwoLayerNet(4, 6, 3, weight_init_std=0.3): predict(x), loss(x, t)  x: (5, 4)", hint=1
    ):
        np.random.seed(1)
        net = TwoLayerNet(4, 6, 3, weight_init_std=0.3)
        params = _float_params(net)
        c.compare(net.predict(x.copy()), _predict(params, x), inputs={"x": x})
        c.compare(
            net.loss(x.copy(), t.copy()),
            _loss(params, x, t),
            inputs={"x": x, "t": t},
            rtol=1e-5,
            atol=1e-6,
        )
    with c.step('net.params["W2"] += 1 (in place), then predict(x): the layers see it', hint=2):
        np.random.seed(1)
        net = TwoLayerNet(4, 6, 3, weight_init_std=0.3)
        before = np.array(net.predict(x.copy()), dtype=np.float64)
        net.params["W2"] += 1.0
        net.params["b2"] += 1.0
        got = net.predict(x.copy())
        c.compare(
            got,
            _predict(_float_params(net), x),
            inputs={"x": x},
            like={"params-not-shared": before},
        )
    one_hot_error = {"could not be broadcast": "accuracy-one-hot"}
    with c.step("accuracy(x, t) with labels and with one-hot t", hint=2, errors=one_hot_error):
        np.random.seed(2)
        net = TwoLayerNet(4, 6, 3, weight_init_std=0.3)
        xs = c.rng.standard_normal((40, 4))
        ts = c.rng.integers(0, 3, 40)
        want = float(np.mean(np.argmax(_predict(_float_params(net), xs), axis=1) == ts))
        c.compare(net.accuracy(xs.copy(), ts.copy()), want, inputs={"t": ts})
        one_hot = np.eye(3)[ts]
        got = net.accuracy(xs.copy(), one_hot)
        c.require(np.isclose(float(got), want), "accuracy-one-hot", got=got, expected=want)
    with c.step("gradient(x, t) = [[numerical]]  TwoLayerNet(4, 6, 3), x: (5, 4)", hint=3):
        np.random.seed(3)
        net = TwoLayerNet(4, 6, 3, weight_init_std=0.3)
        params = _float_params(net)
        grads = net.gradient(x.copy(), t.copy())
        loss = partial(_loss, params, x, t)
        for key in KEYS:
            want = numerical_grad(loss, params[key])
            c.compare(grads[key], want, inputs={"key": key}, rtol=1e-4, atol=1e-6)
    if not all(r["passed"] for r in c.results):
        return  # training takes seconds; it runs once the parts above are right
    with c.step(
        f"SGD lr={LR}, batch {BATCH}, {EPOCHS} epochs on MNIST train (3,500): "
        f"accuracy on test (1,000) ≥ {THRESHOLD:.0%}",
        hint=3,
    ):
        x_train, t_train = load_mnist("train", flatten=True)
        x_test, t_test = load_mnist("test", flatten=True)
        np.random.seed(0)
        net = TwoLayerNet(784, 50, 10)
        for _ in range(EPOCHS):
            order = c.rng.permutation(len(x_train))
            for i in range(0, len(order), BATCH):
                batch = order[i : i + BATCH]
                grads = net.gradient(x_train[batch], t_train[batch])
                for key in KEYS:
                    net.params[key] -= LR * grads[key]
        acc = float(net.accuracy(x_test, t_test))
        c.require(
            acc >= THRESHOLD, kind="property", got=f"{acc:.1%}", expected=f"≥ {THRESHOLD:.0%}"
        )
