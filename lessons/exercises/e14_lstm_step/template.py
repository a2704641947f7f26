import numpy as np


def sigmoid(x):
    return 1 / (1 + np.exp(-x))


def lstm_step(x, h, c, W, U, b):
    """(h_next, c_next); the gates of z = x·W + h·U + b are in the order [ i | f | g | o ]."""
    raise NotImplementedError("write lstm_step")
