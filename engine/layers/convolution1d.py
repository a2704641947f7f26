"""1D convolution and pooling on sequences (batch, timesteps, channels), channels-last.

Conv1D: `kernel` (kernel_size, in_channels, filters) as in Keras, `bias` (filters,).
Windows are copied once into a preallocated (N, T_out, kernel_size·C) buffer and multiplied
by the kernel reshaped to (kernel_size·C, filters): one matmul. For ONNX Conv (N, C, T)
the kernel is ``kernel.transpose(2, 1, 0)`` (filters, C, kernel_size).

Masks: Conv1D and the pooling layers drop an incoming mask (``output_mask = None``), except
the global poolings, which use it: GlobalAveragePooling1D averages over the real steps
only, GlobalMaxPooling1D ignores the padded ones.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from .base import Layer, Shape, check_positive_int


def _act(name: str | None):
    if name not in (None, "linear", "relu", "tanh"):
        raise ValueError(f"Conv1D: activation must be None, 'relu' or 'tanh', got {name!r}")
    return None if name == "linear" else name


class Conv1D(Layer):
    def __init__(
        self,
        filters: int,
        kernel_size: int,
        strides: int = 1,
        padding: str = "valid",
        activation: str | None = None,
        use_bias: bool = True,
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
        self.activation = _act(activation)
        self.use_bias = bool(use_bias)
        self.input_mask = None
        self.output_mask = None

    def build(self, input_shape: Shape, rng: np.random.Generator) -> None:
        if len(input_shape) != 3:
            raise ValueError(f"Conv1D expects (batch, timesteps, channels), got {input_shape}")
        c = int(input_shape[-1])
        fan_in, fan_out = self.kernel_size * c, self.kernel_size * self.filters
        lim = np.sqrt(6.0 / (fan_in + fan_out))
        self.add_weight("kernel", rng.uniform(-lim, lim, (self.kernel_size, c, self.filters)))
        if self.use_bias:
            self.add_weight("bias", np.zeros(self.filters))
        super().build(input_shape, rng)

    def _pads(self, t: int) -> tuple[int, int]:
        k, s = self.kernel_size, self.strides
        if self.padding == "valid":
            return 0, 0
        if self.padding == "causal":
            return k - 1, 0
        out = -(-t // s)
        total = max((out - 1) * s + k - t, 0)
        return total // 2, total - total // 2

    def _out_len(self, t: int) -> int:
        lo, hi = self._pads(t)
        return (t + lo + hi - self.kernel_size) // self.strides + 1

    def output_shape(self, input_shape: Shape) -> Shape:
        t = input_shape[1]
        return (input_shape[0], None if t is None else self._out_len(int(t)), self.filters)

    def get_config(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "filters": self.filters,
            "kernel_size": self.kernel_size,
            "strides": self.strides,
            "padding": self.padding,
            "activation": self.activation,
            "use_bias": self.use_bias,
        }

    def forward(self, x: np.ndarray, training: bool = False) -> np.ndarray:
        if not self.built:
            self.build((None, *x.shape[1:]), np.random.default_rng(0))
        if x.ndim != 3:
            raise ValueError(f"Conv1D expects (batch, timesteps, channels), got shape {x.shape}")
        n, t, c = x.shape
        k, s = self.kernel_size, self.strides
        lo, hi = self._pads(t)
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
        if self.activation == "relu":
            np.maximum(out, 0, out=out)
        elif self.activation == "tanh":
            np.tanh(out, out=out)
        self._cache = (cols, out, x.shape, lo, hi, to)
        self.output_mask = None
        return out.reshape(n, to, self.filters)

    def backward(self, dout: np.ndarray) -> np.ndarray:
        cols, out, xshape, lo, hi, to = self._cache
        n, t, c = xshape
        k, s = self.kernel_size, self.strides
        d = dout.reshape(n * to, self.filters)
        if self.activation == "relu":
            d = d * (out > 0)
        elif self.activation == "tanh":
            d = d * (1.0 - out * out)
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


class MaxPooling1D(Layer):
    """Max over windows of `pool_size` steps (default stride = pool_size), 'valid' padding."""

    def __init__(self, pool_size: int = 2, strides: int | None = None, name: str | None = None):
        super().__init__(name)
        self.pool_size = check_positive_int("pool_size", pool_size, "MaxPooling1D")
        self.strides = (
            self.pool_size
            if strides is None
            else check_positive_int("strides", strides, "MaxPooling1D")
        )
        self.input_mask = None
        self.output_mask = None

    def output_shape(self, input_shape: Shape) -> Shape:
        t = input_shape[1]
        to = None if t is None else (int(t) - self.pool_size) // self.strides + 1
        return (input_shape[0], to, input_shape[2])

    def get_config(self) -> dict[str, Any]:
        return {"name": self.name, "pool_size": self.pool_size, "strides": self.strides}

    def forward(self, x: np.ndarray, training: bool = False) -> np.ndarray:
        if x.ndim != 3:
            raise ValueError(f"MaxPooling1D expects (batch, timesteps, channels), got {x.shape}")
        p, s = self.pool_size, self.strides
        t = x.shape[1]
        to = (t - p) // s + 1
        if to < 1:
            raise ValueError(f"MaxPooling1D: {t} steps are fewer than pool_size {p}")
        views = [x[:, j : j + (to - 1) * s + 1 : s] for j in range(p)]
        out = views[0].copy()
        for v in views[1:]:
            np.maximum(out, v, out=out)
        self._cache = (x, out, to)
        self.output_mask = None
        return out

    def backward(self, dout: np.ndarray) -> np.ndarray:
        x, out, to = self._cache
        p, s = self.pool_size, self.strides
        dx = np.zeros_like(x, dtype=dout.dtype)
        taken = np.zeros(out.shape, dtype=bool)
        for j in range(p):
            hit = (x[:, j : j + (to - 1) * s + 1 : s] == out) & ~taken
            taken |= hit
            dx[:, j : j + (to - 1) * s + 1 : s] += dout * hit
        return dx


class _GlobalPool1D(Layer):
    def __init__(self, name: str | None = None) -> None:
        super().__init__(name)
        self.input_mask = None
        self.output_mask = None

    def output_shape(self, input_shape: Shape) -> Shape:
        return (input_shape[0], input_shape[2])

    def _mask(self, x: np.ndarray, mask) -> np.ndarray | None:
        if x.ndim != 3:
            raise ValueError(
                f"{type(self).__name__} expects (batch, timesteps, channels), got {x.shape}"
            )
        if mask is None:
            mask = self.input_mask
        self.output_mask = None
        if mask is None:
            return None
        mask = np.asarray(mask, dtype=bool)
        if mask.shape != x.shape[:2]:
            raise ValueError(f"mask shape {mask.shape} does not match input {x.shape[:2]}")
        return mask


class GlobalAveragePooling1D(_GlobalPool1D):
    """Mean over time (over the real steps only when a mask comes in)."""

    def forward(self, x: np.ndarray, training: bool = False, mask=None) -> np.ndarray:
        m = self._mask(x, mask)
        if m is None:
            self._cache = (x.shape, None)
            return x.mean(axis=1)
        w = m.astype(x.dtype)
        cnt = np.maximum(w.sum(axis=1, keepdims=True), 1.0)
        w = w / cnt  # (N, T) weights
        self._cache = (x.shape, w)
        return np.einsum("ntc,nt->nc", x, w, optimize=True)

    def backward(self, dout: np.ndarray) -> np.ndarray:
        shape, w = self._cache
        if w is None:
            return np.broadcast_to(dout[:, None, :] / shape[1], shape).copy()
        return dout[:, None, :] * w[:, :, None]


class GlobalMaxPooling1D(_GlobalPool1D):
    """Max over time (padded steps never win when a mask comes in)."""

    def forward(self, x: np.ndarray, training: bool = False, mask=None) -> np.ndarray:
        m = self._mask(x, mask)
        xx = x
        if m is not None:
            xx = np.where(m[:, :, None], x, -np.inf)
        idx = xx.argmax(axis=1)  # (N, C)
        out = np.take_along_axis(x, idx[:, None, :], axis=1)[:, 0, :]
        if m is not None:
            out = np.where(m.any(axis=1)[:, None], out, 0).astype(x.dtype)
        self._cache = (x.shape, idx, m)
        return out

    def backward(self, dout: np.ndarray) -> np.ndarray:
        shape, idx, m = self._cache
        dx = np.zeros(shape, dtype=dout.dtype)
        d = dout if m is None else dout * m.any(axis=1)[:, None]
        np.put_along_axis(dx, idx[:, None, :], d[:, None, :], axis=1)
        return dx
