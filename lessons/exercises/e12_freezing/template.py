import numpy as np


def count_trainable(layers):
    """The number of weights in the layers whose `trainable` is True."""
    raise NotImplementedError("write count_trainable")


def sgd_step(layers, lr):
    """params −= lr · grads, in place, for trainable layers only."""
    raise NotImplementedError("write sgd_step")
