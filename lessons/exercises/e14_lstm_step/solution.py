import numpy as np


def sigmoid(x):
    return 1 / (1 + np.exp(-x))


def lstm_step(x, h, c, W, U, b):
    H = h.shape[1]
    z = np.dot(x, W) + np.dot(h, U) + b
    i = sigmoid(z[:, :H])
    f = sigmoid(z[:, H : 2 * H])
    g = np.tanh(z[:, 2 * H : 3 * H])
    o = sigmoid(z[:, 3 * H :])
    c_next = f * c + i * g
    h_next = o * np.tanh(c_next)
    return h_next, c_next
