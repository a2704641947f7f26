import copy

import numpy as np

from dltutor.engine.layers import BatchNormalization, Conv2D, Dense, Flatten
from dltutor.engine.model import Sequential
from dltutor.engine.optimizers import SGD


def _layers(rng, frozen):
    """A small conv base and dense head from the engine, grads filled with random values;
    the layers at the indices in `frozen` have trainable = False."""
    model = Sequential(
        [Conv2D(4, 3), BatchNormalization(), Flatten(), Dense(8), Dense(3)],
        input_shape=(None, 2, 6, 6),
    )
    model.astype(np.float64)
    for i, layer in enumerate(model.layers):
        layer.trainable = i not in frozen
        for key in layer.grads:
            layer.grads[key][...] = rng.standard_normal(layer.grads[key].shape)
    return model


def _flat(layers):
    return np.concatenate([p.ravel() for layer in layers for p in layer.params.values()])


def _count_like(layers):
    arrays = sum(len(layer.params) for layer in layers if layer.trainable)
    return [
        ("counts-frozen", sum(layer.count_params() for layer in layers)),
        ("counts-arrays", arrays),
        ("counts-arrays", sum(len(layer.params) for layer in layers)),
    ]


def _step_like(model, lr):
    every = copy.deepcopy(model)
    SGD(lr).step(
        [
            (p, g)
            for layer in every.layers
            for p, g in zip(layer.params.values(), layer.grads.values(), strict=True)
        ]
    )
    return [("updates-frozen", _flat(every.layers)), ("not-in-place", _flat(model.layers))]


def _described(model):
    return " ".join(
        f"{layer.name}{'' if layer.trainable else '(frozen)'}" for layer in model.layers
    )


def check(ns, c):
    count_trainable, sgd_step = ns["count_trainable"], ns["sgd_step"]
    for frozen, hint in (((), 2), ((0, 1), 1), ((3,), 1)):
        model = _layers(c.rng, frozen)
        shown = {"layers": _described(model)}
        with c.step(f"count_trainable(layers)  {len(frozen)} frozen", hint=hint):
            expected = sum(layer.count_params() for layer in model.layers if layer.trainable)
            got = count_trainable(model.layers)
            c.compare(got, expected, inputs=shown, like=_count_like(model.layers), dtype=False)
    for frozen, lr in (((), 0.1), ((0, 1), 0.01), ((3,), 0.5)):
        model = _layers(c.rng, frozen)
        shown = {"layers": _described(model), "lr": lr}
        with c.step(f"sgd_step(layers, lr={lr})  {len(frozen)} frozen", hint=3 if frozen else 2):
            expected = copy.deepcopy(model)
            SGD(lr).step(expected.params_and_grads())
            like = _step_like(model, lr)
            sgd_step(model.layers, lr)
            c.compare(_flat(model.layers), _flat(expected.layers), inputs=shown, like=like)
