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
        raise NotImplementedError("write RNNCell.forward")

    def backward(self, dh_next):
        raise NotImplementedError("write RNNCell.backward")
