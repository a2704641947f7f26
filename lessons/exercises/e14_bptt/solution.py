import numpy as np


def rnn_forward(x, W, U, b):
    N, T, D = x.shape
    H = W.shape[1]
    h = np.zeros((N, H))
    hs = np.zeros((N, T, H))
    for t in range(T):
        h = np.tanh(np.dot(x[:, t], W) + np.dot(h, U) + b)
        hs[:, t] = h
    return hs


def rnn_backward(dhs, x, hs, W, U):
    N, T, H = hs.shape
    dx = np.zeros(x.shape)
    dW = np.zeros_like(W)
    dU = np.zeros_like(U)
    db = np.zeros(H)
    dh_next = np.zeros((N, H))
    for t in reversed(range(T)):
        dh = dhs[:, t] + dh_next
        dt = dh * (1 - hs[:, t] ** 2)
        h_prev = hs[:, t - 1] if t > 0 else np.zeros((N, H))
        dW += np.dot(x[:, t].T, dt)
        dU += np.dot(h_prev.T, dt)
        db += np.sum(dt, axis=0)
        dx[:, t] = np.dot(dt, W.T)
        dh_next = np.dot(dt, U.T)
    return dx, dW, dU, db
