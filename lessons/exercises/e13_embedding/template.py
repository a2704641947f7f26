import numpy as np


class Embedding:
    def __init__(self, W):
        self.W = W
        self.idx = None
        self.dW = None

    def forward(self, idx):
        raise NotImplementedError("write Embedding.forward")

    def backward(self, dout):
        raise NotImplementedError("write Embedding.backward")
