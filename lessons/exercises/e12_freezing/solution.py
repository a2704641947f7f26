import numpy as np


def count_trainable(layers):
    total = 0
    for layer in layers:
        if not layer.trainable:
            continue
        for p in layer.params.values():
            total += p.size
    return total


def sgd_step(layers, lr):
    for layer in layers:
        if not layer.trainable:
            continue
        for key in layer.params.keys():
            layer.params[key] -= lr * layer.grads[key]
