import numpy as np


class RNNCell:
    def __init__(self, W, U, b):
        self.W = W
        self.U = U
        self.b = b
        self.cache = None
        self.dW = None
        self.dU = None
        self.db = None

    def forward(self, x, h_prev):
        t = np.dot(x, self.W) + np.dot(h_prev, self.U) + self.b
        h_next = np.tanh(t)
        self.cache = (x, h_prev, h_next)
        return h_next

    def backward(self, dh_next):
        x, h_prev, h_next = self.cache
        dt = dh_next * (1 - h_next**2)
        self.db = np.sum(dt, axis=0)
        self.dW = np.dot(x.T, dt)
        self.dU = np.dot(h_prev.T, dt)
        dx = np.dot(dt, self.W.T)
        dh_prev = np.dot(dt, self.U.T)
        return dx, dh_prev
