import numpy as np


class Affine:
    def __init__(self, W, b):
        self.W = W
        self.b = b
        self.x = None
        self.original_x_shape = None
        self.dW = None
        self.db = None

    def forward(self, x):
        raise NotImplementedError("write Affine.forward")

    def backward(self, dout):
        raise NotImplementedError("write Affine.backward")
