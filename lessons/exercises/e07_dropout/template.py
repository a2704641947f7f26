import numpy as np


class Dropout:
    def __init__(self, dropout_ratio=0.5):
        self.dropout_ratio = dropout_ratio
        self.mask = None

    def forward(self, x, train_flg=True):
        raise NotImplementedError("write Dropout.forward")

    def backward(self, dout):
        raise NotImplementedError("write Dropout.backward")
