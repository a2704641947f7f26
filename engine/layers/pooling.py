"""Pooling over images (N, C, H, W) and sequences (N, T, C): no parameters, channels
unchanged, robust to small shifts.

Max pooling takes `np.maximum` over the pool_h·pool_w strided views of the input (for 2×2,
four views) instead of a `max` over a tiny axis; backward sends each output's gradient to the
first input in its window that held the maximum (products with masks, no boolean writes).
"""

from __future__ import annotations

from typing import Any

import numpy as np

from .base import Layer, Shape, check_positive_int, pair
from .convolution import _BufferCache


class _Pool2D(Layer):
    supports_channels_last = True

    def __init__(self, pool_size=2, strides=None, name: str | None = None) -> None:
        super().__init__(name)
        cls = type(self).__name__
        self.pool_size = pair("pool_size", pool_size, cls)
        self.strides = pair("strides", strides if strides is not None else self.pool_size, cls)

    def _out_hw(self, h, w):
        (ph, pw), (sh, sw) = self.pool_size, self.strides
        return (h - ph) // sh + 1, (w - pw) // sw + 1

    def output_shape(self, input_shape):
        n, c, h, w = input_shape
        return (n, c, *self._out_hw(h, w))

    def build(self, input_shape, rng):
        if len(input_shape) != 4:
            raise ValueError(
                f"{type(self).__name__} expects (N, C, H, W) inputs, got {tuple(input_shape)}"
            )
        oh, ow = self._out_hw(input_shape[2], input_shape[3])
        if oh < 1 or ow < 1:
            raise ValueError(
                f"{type(self).__name__}: pool {self.pool_size} is larger than the "
                f"{input_shape[2]}×{input_shape[3]} input"
            )
        super().build(input_shape, rng)

    def _views(self, x):
        """Index tuples of the strided views, one per position in the window (channels-last x)."""
        (ph, pw), (sh, sw) = self.pool_size, self.strides
        oh, ow = self._out_hw(x.shape[1], x.shape[2])
        for i in range(ph):
            for j in range(pw):
                yield slice(None), slice(i, i + sh * oh, sh), slice(j, j + sw * ow, sw)

    def _overlapping(self):
        return self.strides[0] < self.pool_size[0] or self.strides[1] < self.pool_size[1]

    def forward(self, x, training=False):
        if not self.channels_last:
            x = x.transpose(0, 2, 3, 1)
        out = self.forward_nhwc(x)
        return out if self.channels_last else out.transpose(0, 3, 1, 2)

    def backward(self, dout):
        if not self.channels_last:
            dout = dout.transpose(0, 2, 3, 1)
        dx = self.backward_nhwc(dout)
        return dx if self.channels_last else dx.transpose(0, 3, 1, 2)

    def get_config(self):
        return {
            **super().get_config(),
            "pool_size": list(self.pool_size),
            "strides": list(self.strides),
        }


class MaxPooling2D(_Pool2D):
    def __init__(self, pool_size=2, strides=None, name: str | None = None) -> None:
        super().__init__(pool_size, strides, name)
        self._dx = _BufferCache(keep=2)

    def forward_nhwc(self, x):
        self.x = x
        self._inputs = [x[view] for view in self._views(x)]
        self.out = max_of(self._inputs)
        return self.out

    def backward_nhwc(self, dout):
        x, out = self.x, self.out
        overlap = self._overlapping()
        (ph, pw) = self.pool_size
        tiled = not overlap and x.shape[1] == ph * out.shape[1] and x.shape[2] == pw * out.shape[2]
        # When the windows tile the input exactly every element is written below. Inside a
        # Sequential (channels-last) the gradient goes straight to the layer below, so a
        # reused buffer is safe; on its own the layer returns a fresh array.
        if self.channels_last:
            dx = self._dx.get(x.shape, x.dtype, zero=not tiled)
        else:
            dx = np.empty_like(x) if tiled else np.zeros_like(x)
        route_max_gradient(self._inputs, out, dout, [dx[view] for view in self._views(x)], overlap)
        return dx

    # The same pooling when the caller has already laid the window positions out as a stack
    # (see Conv2D.forward_nhwc's `pool_phases`): zs[k] holds position k of every window.
    def forward_stacked(self, zs):
        self._inputs = list(zs)
        self.out = max_of(self._inputs)
        return self.out

    def backward_stacked(self, dout):
        dzs = self._dx.get((len(self._inputs), *dout.shape), dout.dtype)
        route_max_gradient(self._inputs, self.out, dout, list(dzs), accumulate=False)
        return dzs


def max_of(views):
    """Element-wise maximum over the window positions: np.maximum, one view at a time."""
    if len(views) == 1:
        return views[0].copy()
    out = np.maximum(views[0], views[1])
    for v in views[2:]:
        np.maximum(out, v, out=out)
    return out


def route_max_gradient(inputs, out, dout, targets, accumulate: bool) -> None:
    """Send each window's gradient to the first position that holds its maximum (ties:
    exactly one winner). Masks are multiplied in, never used to index."""
    taken = None
    for src, dst in zip(inputs, targets, strict=True):
        hit = src == out
        if taken is None:
            taken = hit
        else:
            np.greater(hit, taken, out=hit)  # a max here and none taken before
            np.logical_or(taken, hit, out=taken)
        if accumulate:
            dst += dout * hit
        else:
            np.multiply(dout, hit, out=dst)


class AveragePooling2D(_Pool2D):
    def forward_nhwc(self, x):
        self.x_shape = x.shape
        out = None
        for view in self._views(x):
            out = x[view].copy() if out is None else np.add(out, x[view], out=out)
        out *= 1.0 / (self.pool_size[0] * self.pool_size[1])
        return out

    def backward_nhwc(self, dout):
        dx = np.zeros(self.x_shape, dtype=dout.dtype)
        share = dout * (1.0 / (self.pool_size[0] * self.pool_size[1]))
        for view in self._views(dx):
            dx[view] += share
        return dx


class GlobalAveragePooling2D(Layer):
    """(N, C, H, W) → (N, C): the mean of each feature map."""

    supports_channels_last = True

    def output_shape(self, input_shape):
        return (input_shape[0], input_shape[1])

    def build(self, input_shape, rng):
        if len(input_shape) != 4:
            raise ValueError(
                f"GlobalAveragePooling2D expects (N, C, H, W) inputs, got {tuple(input_shape)}"
            )
        super().build(input_shape, rng)

    def forward(self, x, training=False):
        self.x_shape = x.shape
        axes = (1, 2) if self.channels_last else (2, 3)
        return x.mean(axis=axes)

    def backward(self, dout):
        if self.channels_last:
            n, h, w, c = self.x_shape
            return np.broadcast_to((dout / (h * w))[:, None, None, :], self.x_shape).copy()
        n, c, h, w = self.x_shape
        return np.broadcast_to((dout / (h * w))[:, :, None, None], self.x_shape).copy()


# -- sequences ------------------------------------------------------------------------
class MaxPooling1D(Layer):
    """Max over windows of `pool_size` steps (default stride = pool_size), 'valid' padding.
    Drops an incoming mask: its steps are new windows."""

    output_mask = None

    def __init__(self, pool_size: int = 2, strides: int | None = None, name: str | None = None):
        super().__init__(name)
        self.pool_size = check_positive_int("pool_size", pool_size, "MaxPooling1D")
        self.strides = (
            self.pool_size
            if strides is None
            else check_positive_int("strides", strides, "MaxPooling1D")
        )

    def output_shape(self, input_shape: Shape) -> Shape:
        t = input_shape[1]
        to = None if t is None else (int(t) - self.pool_size) // self.strides + 1
        return (input_shape[0], to, input_shape[2])

    def get_config(self) -> dict[str, Any]:
        return {**super().get_config(), "pool_size": self.pool_size, "strides": self.strides}

    def forward(self, x: np.ndarray, training: bool = False) -> np.ndarray:
        if x.ndim != 3:
            raise ValueError(f"MaxPooling1D expects (batch, timesteps, channels), got {x.shape}")
        p, s = self.pool_size, self.strides
        t = x.shape[1]
        to = (t - p) // s + 1
        if to < 1:
            raise ValueError(f"MaxPooling1D: {t} steps are fewer than pool_size {p}")
        out = max_of([x[:, j : j + (to - 1) * s + 1 : s] for j in range(p)])
        self._cache = (x, out, to)
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
    """Pooling over the whole time axis; an incoming mask says which steps count, and no
    mask goes on (the time axis is gone)."""

    output_mask = None

    def output_shape(self, input_shape: Shape) -> Shape:
        return (input_shape[0], input_shape[2])

    def _mask(self, x: np.ndarray, mask) -> np.ndarray | None:
        if x.ndim != 3:
            raise ValueError(
                f"{type(self).__name__} expects (batch, timesteps, channels), got {x.shape}"
            )
        if mask is None:
            mask = self.input_mask
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
