import numpy as np


def weight_decay_loss(params, lam):
    """λ/2 · Σ W² over the weights W1, W2, … (not the biases)."""
    raise NotImplementedError("write weight_decay_loss")


def weight_decay_grad(params, lam):
    """{key: λ·W for a weight, zeros for a bias}."""
    raise NotImplementedError("write weight_decay_grad")
