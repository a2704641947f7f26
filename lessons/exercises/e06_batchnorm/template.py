import numpy as np


class BatchNormalization:
    def __init__(self, gamma, beta, momentum=0.9, running_mean=None, running_var=None):
        self.gamma = gamma
        self.beta = beta
        self.momentum = momentum
        self.running_mean = running_mean
        self.running_var = running_var
        self.dgamma = None
        self.dbeta = None

    def forward(self, x, train_flg=True):
        raise NotImplementedError("write BatchNormalization.forward")

    def backward(self, dout):
        raise NotImplementedError("write BatchNormalization.backward")
