import numpy as np


def weight_decay_loss(params, lam):
    weight_decay = 0
    for key in params.keys():
        if key.startswith("W"):
            weight_decay += 0.5 * lam * np.sum(params[key] ** 2)
    return weight_decay


def weight_decay_grad(params, lam):
    grads = {}
    for key in params.keys():
        if key.startswith("W"):
            grads[key] = lam * params[key]
        else:
            grads[key] = np.zeros_like(params[key])
    return grads
