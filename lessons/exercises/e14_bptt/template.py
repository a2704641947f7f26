import numpy as np


def rnn_forward(x, W, U, b):
    """hs (N, T, H): h_t = tanh(x_t·W + h_(t−1)·U + b) for t = 0 … T−1, h_0 = 0."""
    raise NotImplementedError("write rnn_forward")


def rnn_backward(dhs, x, hs, W, U):
    """(dx, dW, dU, db) from dhs = dL/dhs, going back through time."""
    raise NotImplementedError("write rnn_backward")
