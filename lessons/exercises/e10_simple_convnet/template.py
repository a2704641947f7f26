from collections import OrderedDict

import numpy as np

# Paste your im2col and col2im (10-im2col), Convolution (10-convolution), Pooling
# (10-pooling), Relu (04-activation-layers), Affine (04-affine) and SoftmaxWithLoss with its
# softmax and cross_entropy_error (04-softmax-with-loss) here, in place of these stubs.


class Convolution:
    def __init__(self, W, b, stride=1, pad=0):
        self.W = W
        self.b = b
        self.stride = stride
        self.pad = pad

    def forward(self, x):
        raise NotImplementedError("paste your Convolution")

    def backward(self, dout):
        raise NotImplementedError("paste your Convolution")


class Pooling:
    def __init__(self, pool_h, pool_w, stride=1, pad=0):
        self.pool_h = pool_h
        self.pool_w = pool_w
        self.stride = stride
        self.pad = pad

    def forward(self, x):
        raise NotImplementedError("paste your Pooling")

    def backward(self, dout):
        raise NotImplementedError("paste your Pooling")


class Relu:
    def forward(self, x):
        raise NotImplementedError("paste your Relu")

    def backward(self, dout):
        raise NotImplementedError("paste your Relu")


class Affine:
    def __init__(self, W, b):
        self.W = W
        self.b = b

    def forward(self, x):
        raise NotImplementedError("paste your Affine")

    def backward(self, dout):
        raise NotImplementedError("paste your Affine")


class SoftmaxWithLoss:
    def forward(self, x, t):
        raise NotImplementedError("paste your SoftmaxWithLoss")

    def backward(self, dout=1):
        raise NotImplementedError("paste your SoftmaxWithLoss")


class SimpleConvNet:
    def __init__(
        self,
        input_dim=(1, 28, 28),
        conv_param=None,
        hidden_size=100,
        output_size=10,
        weight_init_std=0.01,
    ):
        """conv_param: {"filter_num": 30, "filter_size": 5, "pad": 0, "stride": 1} when None."""
        raise NotImplementedError("write SimpleConvNet.__init__")

    def predict(self, x):
        raise NotImplementedError("write SimpleConvNet.predict")

    def loss(self, x, t):
        raise NotImplementedError("write SimpleConvNet.loss")

    def accuracy(self, x, t, batch_size=100):
        raise NotImplementedError("write SimpleConvNet.accuracy")

    def gradient(self, x, t):
        raise NotImplementedError("write SimpleConvNet.gradient")
