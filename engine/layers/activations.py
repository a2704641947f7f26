"""Activation layers: forward and backward side by side (DLFS chapter 5)."""

from __future__ import annotations

import numpy as np

from ..functions import sigmoid, softmax
from .base import Layer


class ReLU(Layer):
    """max(0, x); backward passes dout where x > 0."""

    supports_channels_last = "any"

    def forward(self, x, training=False):
        self.out = np.maximum(x, 0)
        return self.out

    def backward(self, dout):
        # Multiply by the mask instead of writing through it: no boolean-mask writes.
        return dout * (self.out > 0)


class LeakyReLU(Layer):
    """x if x > 0 else alpha·x."""

    supports_channels_last = "any"

    def __init__(self, alpha: float = 0.01, name: str | None = None) -> None:
        super().__init__(name)
        if not 0 <= alpha < 1:
            raise ValueError(f"LeakyReLU: alpha must be in [0, 1), got {alpha!r}")
        self.alpha = float(alpha)

    def forward(self, x, training=False):
        self.slope = np.where(x > 0, 1.0, self.alpha).astype(x.dtype)
        return x * self.slope

    def backward(self, dout):
        return dout * self.slope

    def get_config(self):
        return {**super().get_config(), "alpha": self.alpha}


class Sigmoid(Layer):
    """1 / (1 + exp(-x)); backward dout·y(1 − y)."""

    supports_channels_last = "any"

    def forward(self, x, training=False):
        self.out = sigmoid(x)
        return self.out

    def backward(self, dout):
        return dout * self.out * (1 - self.out)


class Tanh(Layer):
    """tanh(x); backward dout·(1 − y²)."""

    supports_channels_last = "any"

    def forward(self, x, training=False):
        self.out = np.tanh(x)
        return self.out

    def backward(self, dout):
        return dout * (1 - self.out * self.out)


class Softmax(Layer):
    """Softmax over the last axis (max subtracted first, so exp never overflows)."""

    def forward(self, x, training=False):
        self.out = softmax(x)
        return self.out

    def backward(self, dout):
        y = self.out
        return y * (dout - (dout * y).sum(axis=-1, keepdims=True))


class Identity(Layer):
    supports_channels_last = "any"

    def forward(self, x, training=False):
        return x

    def backward(self, dout):
        return dout


ACTIVATIONS: dict[str, type[Layer]] = {
    "relu": ReLU,
    "leaky_relu": LeakyReLU,
    "sigmoid": Sigmoid,
    "tanh": Tanh,
    "softmax": Softmax,
    "linear": Identity,
}


def get_activation(activation: str | Layer | None) -> Layer | None:
    """Resolve a Keras activation name ('relu', 'softmax', …) to a layer; None stays None."""
    if activation is None or isinstance(activation, Layer):
        return activation
    if isinstance(activation, str) and activation.lower() in ACTIVATIONS:
        if activation.lower() == "linear":
            return None
        return ACTIVATIONS[activation.lower()]()
    raise ValueError(f"unknown activation {activation!r}; use one of {sorted(ACTIVATIONS)} or None")


def activation_name(layer: Layer | None) -> str | None:
    if layer is None:
        return None
    for name, cls in ACTIVATIONS.items():
        if type(layer) is cls:
            return name
    return type(layer).__name__.lower()
