from functools import partial

import numpy as np

from dltutor.engine.layers.normalization import BatchNormalization as EngineBN
from dltutor.lessons.exercises.checking import numerical_grad

EPS = 1e-7
MOMENTUM = 0.9


def _engine(gamma, beta, running_mean, running_var):
    layer = EngineBN(momentum=MOMENTUM, epsilon=EPS)
    layer.build((None, gamma.size), np.random.default_rng(0))
    layer.astype(np.float64)
    layer.params["gamma"][...] = gamma
    layer.params["beta"][...] = beta
    layer.buffers["moving_mean"][...] = running_mean
    layer.buffers["moving_variance"][...] = running_var
    return layer


def _normalised(x, gamma, beta, mean, var):
    return gamma * (x - mean) / np.sqrt(var + EPS) + beta


def _train_loss(x, gamma, beta, dout):
    layer = _engine(gamma, beta, np.zeros_like(gamma), np.zeros_like(gamma))
    return float(np.sum(layer.forward(x, training=True) * dout))


def check(ns, c):
    BN = ns["BatchNormalization"]
    n, d = 6, 4
    x = c.rng.standard_normal((n, d)) * 2 + 1
    gamma, beta = c.rng.uniform(0.5, 1.5, d), c.rng.standard_normal(d)
    rm, rv = c.rng.standard_normal(d) * 0.1, c.rng.uniform(0.5, 1.5, d)
    shown = {"x": x, "gamma": gamma, "beta": beta}
    engine = _engine(gamma, beta, rm, rv)
    want = engine.forward(x.copy(), training=True)
    with c.step(f"BatchNormalization(gamma, beta, 0.9, rm, rv).forward(x)  x: {x.shape}", hint=1):
        layer = BN(gamma.copy(), beta.copy(), MOMENTUM, rm.copy(), rv.copy())
        got = layer.forward(x.copy(), train_flg=True)
        mu, var = x.mean(axis=0), x.var(axis=0)
        like = [
            ("running-in-training", _normalised(x, gamma, beta, rm, rv)),
            (
                "running-in-training",
                _normalised(x, gamma, beta, 0.9 * rm + 0.1 * mu, 0.9 * rv + 0.1 * var),
            ),
        ]
        c.compare(got, want, inputs=shown, like=like, rtol=1e-5, atol=1e-6)
    batches = [c.rng.standard_normal((n, d)) * 3 - 2 for _ in range(3)]
    for b in batches:
        engine.forward(b.copy(), training=True)
    with c.step("forward(x, train_flg=True) × 4: running_mean, running_var", hint=1):
        layer = BN(gamma.copy(), beta.copy(), MOMENTUM, rm.copy(), rv.copy())
        for b in (x, *batches):
            layer.forward(b.copy(), train_flg=True)
        shown_r = {"running_mean (before)": rm, "running_var (before)": rv}
        c.compare(
            layer.running_mean,
            engine.buffers["moving_mean"],
            inputs=shown_r,
            like={"running-not-updated": rm},
        )
        c.compare(
            layer.running_var,
            engine.buffers["moving_variance"],
            inputs=shown_r,
            like={"running-not-updated": rv},
        )
    with c.step("forward(x, train_flg=False) after 4 training batches", hint=1):
        xt = c.rng.standard_normal((3, d))
        got = layer.forward(xt.copy(), train_flg=False)
        want_t = engine.forward(xt.copy(), training=False)
        c.compare(
            got,
            want_t,
            inputs={"x": xt},
            like={"running-not-updated": _normalised(xt, gamma, beta, rm, rv)},
            rtol=1e-5,
            atol=1e-6,
        )
    with c.step("BatchNormalization(gamma, beta).forward(x)  [running stats start at 0]", hint=1):
        layer = BN(gamma.copy(), beta.copy())
        layer.forward(x.copy(), train_flg=True)
        eng = _engine(gamma, beta, np.zeros(d), np.zeros(d))
        eng.forward(x.copy(), training=True)
        c.compare(
            layer.running_mean,
            eng.buffers["moving_mean"],
            inputs={"x": x},
            like={"running-not-updated": np.zeros(d)},
        )
        c.compare(
            layer.running_var,
            eng.buffers["moving_variance"],
            inputs={"x": x},
            like={"running-not-updated": np.zeros(d)},
        )
    dout = c.rng.standard_normal((n, d))
    eng = _engine(gamma, beta, rm, rv)
    eng.forward(x.copy(), training=True)
    dx = eng.backward(dout.copy())
    xn = (x - x.mean(axis=0)) / np.sqrt(x.var(axis=0) + EPS)
    dxn = dout * gamma
    no_mean = (dxn - xn * (dxn * xn).mean(axis=0)) / np.sqrt(x.var(axis=0) + EPS)
    shown_d = {**shown, "dout": dout}
    with c.step(f"backward(dout): dx, dgamma, dbeta  x: {x.shape}", hint=2):
        layer = BN(gamma.copy(), beta.copy(), MOMENTUM, rm.copy(), rv.copy())
        layer.forward(x.copy(), train_flg=True)
        got = layer.backward(dout.copy())
        c.compare(got, dx, inputs=shown_d, like={"no-mean-term": no_mean}, rtol=1e-5, atol=1e-6)
        c.compare(layer.dgamma, eng.grads["gamma"], inputs=shown_d, rtol=1e-5, atol=1e-6)
        c.compare(layer.dbeta, eng.grads["beta"], inputs=shown_d)
    with c.step("backward(dout): dx, dgamma, dbeta = [[numerical]]", hint=3):
        layer = BN(gamma.copy(), beta.copy(), MOMENTUM, rm.copy(), rv.copy())
        layer.forward(x.copy(), train_flg=True)
        got = layer.backward(dout.copy())
        xs, gs, bs = x.copy(), gamma.copy(), beta.copy()
        loss = partial(_train_loss, xs, gs, bs, dout)
        tol = {"rtol": 1e-4, "atol": 1e-5}
        c.compare(
            got, numerical_grad(loss, xs), inputs=shown_d, like={"no-mean-term": no_mean}, **tol
        )
        c.compare(layer.dgamma, numerical_grad(loss, gs), inputs=shown_d, **tol)
        c.compare(layer.dbeta, numerical_grad(loss, bs), inputs=shown_d, **tol)
    with c.step("forward(x), backward(dout)  x: (6, 4) float32", hint=2):
        x32, d32 = x.astype(np.float32), dout.astype(np.float32)
        layer = BN(gamma.astype(np.float32), beta.astype(np.float32), MOMENTUM)
        c.compare(
            layer.forward(x32.copy(), train_flg=True), want, inputs={"x": x32}, rtol=1e-4, atol=1e-4
        )
        c.compare(layer.backward(d32.copy()), dx, inputs={"dout": d32}, rtol=1e-3, atol=1e-4)
