"""1D convolution on sequences (batch, timesteps, channels), channels-last.

Conv1D: `kernel` (kernel_size, in_channels, filters) as in Keras, `bias` (filters,).
Windows are copied once into a preallocated (N, T_out, kernel_size·C) buffer and multiplied
by the kernel reshaped to (kernel_size·C, filters): one matmul. The ONNX codec
(engine/onnx/codecs.py) holds the transpose to ONNX Conv's (filters, C, kernel_size).

Masks: Conv1D drops an incoming mask (``output_mask = None``): its steps are new windows.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from .. import initializers
from .activations import activation_name, get_activation
from .base import Shape, WithActivation, check_positive_int


class Conv1D(WithActivation):
    output_mask = None

    def __init__(
        self,
        filters: int,
        kernel_size: int,
        strides: int = 1,
        padding: str = "valid",
        activation: str | None = None,
        use_bias: bool = True,
        kernel_initializer="glorot_uniform",
        bias_initializer="zeros",
        name: str | None = None,
    ) -> None:
        super().__init__(name)
        self.filters = check_positive_int("filters", filters, "Conv1D")
        self.kernel_size = check_positive_int("kernel_size", kernel_size, "Conv1D")
        self.strides = check_positive_int("strides", strides, "Conv1D")
        if padding not in ("valid", "same", "causal"):
            raise ValueError(
                f"Conv1D: padding must be 'valid', 'same' or 'causal', got {padding!r}"
            )
        self.padding = padding
        self.activation = get_activation(activation)
        self.use_bias = bool(use_bias)
        self.kernel_initializer = initializers.get(kernel_initializer)
        self.bias_initializer = initializers.get(bias_initializer)

    def build(self, input_shape: Shape, rng: np.random.Generator) -> None:
        if len(input_shape) != 3:
            raise ValueError(f"Conv1D expects (batch, timesteps, channels), got {input_shape}")
        c = int(input_shape[-1])
        fan_in, fan_out = self.kernel_size * c, self.kernel_size * self.filters
        shape = (self.kernel_size, c, self.filters)
        self.add_weight("kernel", self.kernel_initializer(shape, rng, fan_in, fan_out))
        if self.use_bias:
            self.add_weight("bias", self.bias_initializer((self.filters,), rng, fan_in, fan_out))
        super().build(input_shape, rng)

    def pads(self, t: int) -> tuple[int, int]:
        """(before, after) zero steps around a t-step input."""
        k, s = self.kernel_size, self.strides
        if self.padding == "valid":
            return 0, 0
        if self.padding == "causal":
            return k - 1, 0
        out = -(-t // s)
        total = max((out - 1) * s + k - t, 0)
        return total // 2, total - total // 2

    def _out_len(self, t: int) -> int:
        lo, hi = self.pads(t)
        return (t + lo + hi - self.kernel_size) // self.strides + 1

    def output_shape(self, input_shape: Shape) -> Shape:
        t = input_shape[1]
        return (input_shape[0], None if t is None else self._out_len(int(t)), self.filters)

    def get_config(self) -> dict[str, Any]:
        return {
            **super().get_config(),
            "filters": self.filters,
            "kernel_size": self.kernel_size,
            "strides": self.strides,
            "padding": self.padding,
            "activation": activation_name(self.activation),
            "use_bias": self.use_bias,
            "kernel_initializer": initializers.name_of(self.kernel_initializer),
            "bias_initializer": initializers.name_of(self.bias_initializer),
        }

    def forward_linear(self, x: np.ndarray, training: bool = False) -> np.ndarray:
        if x.ndim != 3:
            raise ValueError(f"Conv1D expects (batch, timesteps, channels), got shape {x.shape}")
        n, t, c = x.shape
        k, s = self.kernel_size, self.strides
        lo, hi = self.pads(t)
        if lo or hi:
            xp = np.zeros((n, t + lo + hi, c), dtype=self.params["kernel"].dtype)
            xp[:, lo : lo + t] = x
        else:
            xp = x
        to = (t + lo + hi - k) // s + 1
        if to < 1:
            raise ValueError(f"Conv1D: {t} steps are fewer than kernel_size {k}")
        cols = np.empty((n, to, k, c), dtype=self.params["kernel"].dtype)
        for j in range(k):
            cols[:, :, j, :] = xp[:, j : j + (to - 1) * s + 1 : s, :]
        cols = cols.reshape(n * to, k * c)
        w = self.params["kernel"].reshape(k * c, self.filters)
        out = cols @ w
        if self.use_bias:
            out += self.params["bias"]
        self._cache = (cols, x.shape, lo, hi, to)
        return out.reshape(n, to, self.filters)

    def backward_linear(self, dout: np.ndarray) -> np.ndarray | None:
        cols, xshape, lo, hi, to = self._cache
        n, t, c = xshape
        k, s = self.kernel_size, self.strides
        d = dout.reshape(n * to, self.filters)
        self.grads["kernel"][...] = (cols.T @ d).reshape(k, c, self.filters)
        if self.use_bias:
            self.grads["bias"][...] = d.sum(axis=0)
        if not self.needs_input_grad:
            return None
        dcols = (d @ self.params["kernel"].reshape(k * c, self.filters).T).reshape(n, to, k, c)
        dxp = np.zeros((n, t + lo + hi, c), dtype=dcols.dtype)
        for j in range(k):
            dxp[:, j : j + (to - 1) * s + 1 : s, :] += dcols[:, :, j, :]
        return dxp[:, lo : lo + t] if (lo or hi) else dxp
