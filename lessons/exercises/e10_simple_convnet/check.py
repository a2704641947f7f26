from functools import partial

import numpy as np

from dltutor.engine import functions as F
from dltutor.engine.data import load_mnist
from dltutor.engine.layers.convolution import Conv2D
from dltutor.lessons.exercises.checking import numerical_grad

KEYS = ("W1", "b1", "W2", "b2", "W3", "b3")
CONV = {"filter_num": 8, "filter_size": 5, "pad": 0, "stride": 1}
EPOCHS, BATCH, LR, INIT_STD, THRESHOLD = 3, 100, 0.2, 0.1, 0.80
TINY = {
    "input_dim": (1, 6, 6),
    "conv_param": {"filter_num": 2, "filter_size": 3, "pad": 0, "stride": 1},
    "hidden_size": 4,
    "output_size": 3,
    "weight_init_std": 0.3,
}


def _conv(x, W, b):
    layer = Conv2D(W.shape[0], W.shape[2:])
    layer.build((None, *x.shape[1:]), np.random.default_rng(0))
    layer.astype(np.float64)
    layer.params["kernel"][...] = W.transpose(2, 3, 1, 0)
    layer.params["bias"][...] = b
    return layer.forward(x)


def _pool(x):
    n, c, h, w = x.shape
    return x.reshape(n, c, h // 2, 2, w // 2, 2).max(axis=(3, 5))


def _predict(params, x):
    h = _pool(F.relu(_conv(x, params["W1"], params["b1"]))).reshape(len(x), -1)
    return F.relu(h @ params["W2"] + params["b2"]) @ params["W3"] + params["b3"]


def _loss(params, x, t):
    return float(F.cross_entropy_error(F.softmax(_predict(params, x)), t))


def _float_params(net):
    return {k: np.array(net.params[k], dtype=np.float64) for k in KEYS}


def check(ns, c):
    SimpleConvNet = ns["SimpleConvNet"]
    with c.step("SimpleConvNet(conv_param=8 filters 5×5, hidden_size=50).params: shapes", hint=1):
        np.random.seed(0)
        net = SimpleConvNet(
            input_dim=(1, 28, 28), conv_param=dict(CONV), hidden_size=50, output_size=10
        )
        shapes = {k: tuple(np.shape(net.params.get(k))) for k in KEYS}
        want = {
            "W1": (8, 1, 5, 5),
            "b1": (8,),
            "W2": (1152, 50),
            "b2": (50,),
            "W3": (50, 10),
            "b3": (10,),
        }
        mistake = "pool-output-size" if shapes["W2"][:1] == (144,) else None
        c.require(shapes == want, mistake, kind="property", got=shapes, expected=want)
    x = c.rng.standard_normal((2, 1, 6, 6))
    t = np.array([0, 2])
    with c.step(
        "SimpleConvNet(input_dim=(1, 6, 6), 2 filters 3×3, hidden 4, 3 outputs): predict(x), loss(x, t)",
        hint=1,
    ):
        np.random.seed(1)
        net = SimpleConvNet(**TINY)
        params = _float_params(net)
        c.compare(net.predict(x.copy()), _predict(params, x), inputs={"x": x})
        c.compare(
            net.loss(x.copy(), t.copy()),
            _loss(params, x, t),
            inputs={"x": x, "t": t},
            rtol=1e-5,
            atol=1e-6,
        )
    with c.step('net.params["W3"] += 1 (in place), then predict(x): the layers see it', hint=2):
        np.random.seed(1)
        net = SimpleConvNet(**TINY)
        before = np.array(net.predict(x.copy()), dtype=np.float64)
        net.params["W3"] += 1.0
        got = net.predict(x.copy())
        c.compare(
            got,
            _predict(_float_params(net), x),
            inputs={"x": x},
            like={"params-not-shared": before},
        )
    with c.step("gradient(x, t) = [[numerical]]  SimpleConvNet(input_dim=(1, 6, 6), …)", hint=3):
        np.random.seed(2)
        net = SimpleConvNet(**TINY)
        params = _float_params(net)
        grads = net.gradient(x.copy(), t.copy())
        loss = partial(_loss, params, x, t)
        for key in KEYS:
            want = numerical_grad(loss, params[key])
            c.compare(grads[key], want, inputs={"key": key}, rtol=1e-4, atol=1e-6)
    if not all(r["passed"] for r in c.results):
        return  # training takes seconds; it runs once the parts above are right
    with c.step(
        f"SGD lr={LR}, batch {BATCH}, {EPOCHS} epochs on MNIST train (3,500), 8 filters 5×5, "
        f"hidden 50, weight_init_std={INIT_STD}: accuracy on test (1,000) ≥ {THRESHOLD:.0%}",
        hint=3,
    ):
        x_train, t_train = load_mnist("train")
        x_test, t_test = load_mnist("test")
        np.random.seed(0)
        net = SimpleConvNet(
            input_dim=(1, 28, 28),
            conv_param=dict(CONV),
            hidden_size=50,
            output_size=10,
            weight_init_std=INIT_STD,
        )
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
