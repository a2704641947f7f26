import numpy as np


class Embedding:
    def __init__(self, W):
        self.W = W
        self.idx = None
        self.dW = None

    def forward(self, idx):
        self.idx = idx
        out = self.W[idx]
        return out

    def backward(self, dout):
        self.dW = np.zeros_like(self.W)
        np.add.at(self.dW, self.idx, dout)
