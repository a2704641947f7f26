"""Pooling: no parameters, channels unchanged, robust to small shifts.

Max pooling takes `np.maximum` over the pool_h·pool_w strided views of the input (for 2×2,
four views) instead of a `max` over a tiny axis; backward sends each output's gradient to the
first input in its window that held the maximum (products with masks, no boolean writes).
"""

from __future__ import annotations

import numpy as np

from .base import Layer, pair
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
        return {"name": self.name, "pool_size": list(self.pool_size), "strides": list(self.strides)}


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
