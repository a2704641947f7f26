import numpy as np

TABLE = {
    "binary": ("sigmoid", "binary_crossentropy"),
    "multiclass": ("softmax", "categorical_crossentropy"),
    "multiclass-integer": ("softmax", "sparse_categorical_crossentropy"),
    "multilabel": ("sigmoid", "binary_crossentropy"),
    "regression": (None, "mse"),
}


def _lesson_ema(values, beta):
    """Lesson 09: the first point as it is, then β·s + (1 − β)·x."""
    out, s = [], values[0]
    for x in values:
        s = beta * s + (1 - beta) * x
        out.append(s)
    return np.array(out)


def _zero_start(values, beta):
    """The average started from 0 (without the bias correction of lab 09-ema-smoothing)."""
    out, s = [], 0.0
    for x in values:
        s = beta * s + (1 - beta) * x
        out.append(s)
    return np.array(out)


def _swapped(values, beta):
    out, s = [], values[0]
    for x in values:
        s = (1 - beta) * s + beta * x
        out.append(s)
    return np.array(out)


def check(ns, c):
    ema, last_layer = ns["ema"], ns["last_layer"]
    series = (
        (np.array([1.0, 0.0, 1.0, 0.0]), 0.9),
        (c.rng.standard_normal(20) + np.linspace(2, 0, 20), 0.8),
        (np.array([5.0]), 0.9),
    )
    for values, beta in series:
        with c.step(f"ema(values, beta={beta})  values: {values.shape}", hint=1):
            like = [
                ("ema-zero-start", _zero_start(values, beta)),
                ("ema-beta-swapped", _swapped(values, beta)),
            ]
            got = ema(values.copy(), beta)
            c.compare(got, _lesson_ema(values, beta), inputs={"values": values}, like=like)
    for task, want in TABLE.items():
        with c.step(f'last_layer("{task}")', hint=3):
            got = last_layer(task)
            got = tuple(got) if isinstance(got, (list, tuple)) else got
            mistake = None
            if task == "multilabel" and isinstance(got, tuple) and got[:1] == ("softmax",):
                mistake = "multilabel-softmax"
            if task == "regression" and isinstance(got, tuple) and got[:1] != (None,):
                mistake = "regression-activation"
            c.require(got == want, mistake, got=repr(got), expected=repr(want))
    with c.step('last_layer("clustering") → ValueError', hint=2):
        try:
            got = last_layer("clustering")
        except ValueError:
            got = ValueError
        c.require(got is ValueError, got=repr(got), expected="ValueError")
