"""Batch normalisation (Ioffe & Szegedy 2015; DLFS chapter 6).

Training: normalise with the batch mean and variance, then scale by γ (`gamma`) and shift by
β (`beta`); update running averages. Inference: use the running averages instead, so one
sample's output does not depend on the rest of its batch. Works on (N, F) features and on
(N, C, H, W) images (one γ, β per channel)."""

from __future__ import annotations

import numpy as np

from .base import Layer


class BatchNormalization(Layer):
    supports_channels_last = True

    def __init__(
        self, momentum: float = 0.99, epsilon: float = 1e-3, name: str | None = None
    ) -> None:
        super().__init__(name)
        if not 0 <= momentum < 1:
            raise ValueError(f"BatchNormalization: momentum must be in [0, 1), got {momentum!r}")
        if epsilon <= 0:
            raise ValueError(f"BatchNormalization: epsilon must be > 0, got {epsilon!r}")
        self.momentum = float(momentum)
        self.epsilon = float(epsilon)

    def build(self, input_shape, rng):
        if len(input_shape) not in (2, 4):
            raise ValueError(
                f"BatchNormalization expects (N, F) or (N, C, H, W), got {tuple(input_shape)}"
            )
        c = input_shape[1]
        self.add_weight("gamma", np.ones(c))
        self.add_weight("beta", np.zeros(c))
        self.buffers["moving_mean"] = np.zeros(c, dtype=self.dtype)
        self.buffers["moving_variance"] = np.ones(c, dtype=self.dtype)
        super().build(input_shape, rng)

    def _axes(self, ndim):
        """(reduction axes, broadcast shape for per-feature vectors)."""
        if ndim == 2:
            return (0,), (1, -1)
        if self.channels_last:
            return (0, 1, 2), (1, 1, 1, -1)
        return (0, 2, 3), (1, -1, 1, 1)

    def forward(self, x, training=False):
        axes, shape = self._axes(x.ndim)
        gamma = self.params["gamma"].reshape(shape)
        beta = self.params["beta"].reshape(shape)
        if training:
            mu = x.mean(axis=axes, keepdims=True)
            xc = x - mu
            var = np.mean(xc * xc, axis=axes, keepdims=True)
            std = np.sqrt(var + self.epsilon)
            self.xn = xc / std
            self.std = std
            mm, mv = self.buffers["moving_mean"], self.buffers["moving_variance"]
            mm *= self.momentum
            mm += (1 - self.momentum) * mu.reshape(-1)
            mv *= self.momentum
            mv += (1 - self.momentum) * var.reshape(-1)
            self.training_batch = True
            return gamma * self.xn + beta
        self.training_batch = False
        self.std = np.sqrt(self.buffers["moving_variance"].reshape(shape) + self.epsilon)
        self.xn = (x - self.buffers["moving_mean"].reshape(shape)) / self.std
        return gamma * self.xn + beta

    def backward(self, dout):
        axes, shape = self._axes(dout.ndim)
        gamma = self.params["gamma"].reshape(shape)
        np.sum(dout, axis=axes, out=self.grads["beta"])
        np.sum(dout * self.xn, axis=axes, out=self.grads["gamma"])
        dxn = dout * gamma
        if not self.training_batch:  # running statistics are constants
            return dxn / self.std
        m = dout.size // self.params["gamma"].size
        # dx = (1/std)·(dxn − mean(dxn) − xn·mean(dxn·xn)), the batch-statistics terms folded in.
        return (
            dxn
            - dxn.sum(axis=axes, keepdims=True) / m
            - self.xn * (dxn * self.xn).sum(axis=axes, keepdims=True) / m
        ) / self.std

    def get_config(self):
        return {**super().get_config(), "momentum": self.momentum, "epsilon": self.epsilon}
