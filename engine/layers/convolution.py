"""Conv2D by im2col (DLFS chapter 7), run channels-last for speed.

im2col lays every receptive field out as one row, so the whole convolution is one matrix
product: (N·OH·OW, KH·KW·C) @ (KH·KW·C, F). Channels-last (N, H, W, C) makes each row a
run of contiguous pixels; the rows are written once into a preallocated buffer
(KH·KW strided slice copies, no Python loop over pixels).

Weights: `kernel` (KH, KW, C_in, filters) as in Keras, `bias` (filters,); the ONNX codec
(engine/onnx/codecs.py) holds the transpose to ONNX's (F, C, KH, KW).
"""

from __future__ import annotations

import numpy as np

from .. import initializers, regularizers
from .activations import activation_name, get_activation
from .base import WithActivation, check_positive_int, pair


def conv_output_length(size: int, kernel: int, stride: int, pad_total: int) -> int:
    """OH = (H + 2P − FH) // S + 1 (P on both sides: pad_total = 2P)."""
    return (size + pad_total - kernel) // stride + 1


def same_padding(size: int, kernel: int, stride: int) -> tuple[int, int]:
    """Keras 'same': output = ceil(size / stride), extra padding at the end when odd."""
    out = -(-size // stride)
    total = max((out - 1) * stride + kernel - size, 0)
    return total // 2, total - total // 2


class _BufferCache:
    """A few preallocated work arrays, keyed by shape (training and inference batch sizes)."""

    def __init__(self, keep: int = 4) -> None:
        self.keep = keep
        self.arrays: dict[tuple, np.ndarray] = {}

    def get(self, shape: tuple, dtype, zero: bool = False) -> np.ndarray:
        key = (shape, np.dtype(dtype).str)
        buf = self.arrays.get(key)
        if buf is None:
            if len(self.arrays) >= self.keep:
                self.arrays.pop(next(iter(self.arrays)))
            buf = self.arrays[key] = (np.zeros if zero else np.empty)(shape, dtype)
        elif zero:
            buf.fill(0)
        return buf

    def __deepcopy__(self, memo):
        return _BufferCache(self.keep)

    def __getstate__(self):
        return {"keep": self.keep, "arrays": {}}


class Conv2D(WithActivation):
    """2-D convolution: `filters` kernels of `kernel_size`, `strides`, `padding`
    ('valid', 'same' or an int P added on every side)."""

    supports_channels_last = True

    def __init__(
        self,
        filters: int,
        kernel_size,
        strides=1,
        padding="valid",
        activation=None,
        use_bias: bool = True,
        kernel_initializer="glorot_uniform",
        bias_initializer="zeros",
        kernel_regularizer=None,
        name: str | None = None,
    ) -> None:
        super().__init__(name)
        self.filters = check_positive_int("filters", filters, "Conv2D")
        self.kernel_size = pair("kernel_size", kernel_size, "Conv2D")
        self.strides = pair("strides", strides, "Conv2D")
        if isinstance(padding, str):
            if padding.lower() not in ("valid", "same"):
                raise ValueError(
                    f"Conv2D: padding must be 'valid', 'same' or an int, got {padding!r}"
                )
            padding = padding.lower()
        elif isinstance(padding, bool) or not isinstance(padding, (int, np.integer)) or padding < 0:
            raise ValueError(
                f"Conv2D: padding must be 'valid', 'same' or an int >= 0, got {padding!r}"
            )
        self.padding = padding
        self.activation = get_activation(activation)
        self.use_bias = bool(use_bias)
        self.kernel_initializer = initializers.get(kernel_initializer)
        self.bias_initializer = initializers.get(bias_initializer)
        self.kernel_regularizer = regularizers.get(kernel_regularizer)
        self._buffers = _BufferCache()

    # -- geometry ------------------------------------------------------------------
    def pads(self, h: int, w: int) -> tuple[int, int, int, int]:
        """(top, bottom, left, right) zero rows and columns around an h×w input."""
        (kh, kw), (sh, sw) = self.kernel_size, self.strides
        if self.padding == "valid":
            return 0, 0, 0, 0
        if self.padding == "same":
            return (*same_padding(h, kh, sh), *same_padding(w, kw, sw))
        p = int(self.padding)
        return p, p, p, p

    def _out_hw(self, h: int, w: int) -> tuple[int, int]:
        (kh, kw), (sh, sw) = self.kernel_size, self.strides
        top, bottom, left, right = self.pads(h, w)
        return (
            conv_output_length(h, kh, sh, top + bottom),
            conv_output_length(w, kw, sw, left + right),
        )

    def output_shape(self, input_shape):
        n, _, h, w = input_shape
        oh, ow = self._out_hw(h, w)
        return (n, self.filters, oh, ow)

    def build(self, input_shape, rng):
        if len(input_shape) != 4:
            raise ValueError(f"Conv2D expects (N, C, H, W) inputs, got shape {tuple(input_shape)}")
        _, c, h, w = input_shape
        oh, ow = self._out_hw(h, w)
        if oh < 1 or ow < 1:
            raise ValueError(
                f"Conv2D: kernel {self.kernel_size} with padding {self.padding!r} does not fit a "
                f"{h}×{w} input"
            )
        kh, kw = self.kernel_size
        fan_in, fan_out = kh * kw * c, kh * kw * self.filters
        shape = (kh, kw, c, self.filters)
        self.add_weight("kernel", self.kernel_initializer(shape, rng, fan_in, fan_out))
        if self.use_bias:
            self.add_weight("bias", self.bias_initializer((self.filters,), rng, fan_in, fan_out))
        super().build(input_shape, rng)

    # -- forward / backward --------------------------------------------------------
    def _channels_last(self, x, fn):
        """fn on channels-last values; transposed in and out unless the model already runs
        this layer channels-last. The activation acts there too (a softmax is over filters)."""
        if self.channels_last:
            return fn(x)
        out = fn(x.transpose(0, 2, 3, 1))
        return None if out is None else out.transpose(0, 3, 1, 2)

    def forward_linear(self, x, training=False):
        return self._channels_last(x, self.forward_nhwc)

    def forward(self, x, training=False):
        if self.activation is None:
            return self.forward_linear(x, training)
        return self._channels_last(
            x, lambda z: self.activation.forward(self.forward_nhwc(z), training)
        )

    def forward_nhwc(self, x, add_bias: bool = True, pool_phases: tuple[int, int] = (1, 1)):
        """Convolution of a channels-last batch (N, H, W, C) → (N, OH, OW, F).

        With `pool_phases=(ph, pw)` (a ph×pw max-pool follows) the im2col rows are grouped by
        their position inside the pooling window and the result is a stack
        (ph·pw, N, OH/ph, OW/pw, F): the pool then takes np.maximum over contiguous blocks and
        its backward writes contiguous blocks too. Same products, different row order."""
        n, h, w, c = x.shape
        kh, kw = self.kernel_size
        ph, pw = pool_phases
        top, bottom, left, right = self.pads(h, w)
        oh, ow = self._out_hw(h, w)
        qh, qw = oh // ph, ow // pw
        if top or bottom or left or right:
            xp = self._buffers.get((n, h + top + bottom, w + left + right, c), x.dtype, zero=True)
            xp[:, top : top + h, left : left + w, :] = x
        else:
            xp = x
        col = self._buffers.get((ph, pw, n, qh, qw, kh, kw, c), x.dtype)
        for a, b, i, j, rows, cols in self._patches(ph, pw, qh, qw):
            col[a, b, :, :, :, i, j, :] = xp[:, rows, cols, :]
        self.col = col.reshape(-1, kh * kw * c)
        self.x_shape = (n, h, w, c)
        self.phases = (ph, pw, qh, qw)
        out = self.col @ self.params["kernel"].reshape(-1, self.filters)
        if add_bias and self.use_bias:
            out += self.params["bias"]
        if pool_phases == (1, 1):
            return out.reshape(n, oh, ow, self.filters)
        return out.reshape(ph * pw, n, qh, qw, self.filters)

    def _patches(self, ph, pw, qh, qw):
        """For each pool phase (a, b) and kernel offset (i, j): the input rows and columns
        that output positions (a + ph·t, b + pw·u) read at that offset."""
        (kh, kw), (sh, sw) = self.kernel_size, self.strides
        for a in range(ph):
            for b in range(pw):
                for i in range(kh):
                    for j in range(kw):
                        r0, c0 = a * sh + i, b * sw + j
                        yield (
                            a,
                            b,
                            i,
                            j,
                            slice(r0, r0 + ph * sh * qh, ph * sh),
                            slice(c0, c0 + pw * sw * qw, pw * sw),
                        )

    def backward_linear(self, dout):
        return self._channels_last(dout, self.backward_nhwc)

    def backward(self, dout):
        if self.activation is None:
            return self.backward_linear(dout)
        return self._channels_last(dout, lambda d: self.backward_nhwc(self.activation.backward(d)))

    def backward_nhwc(self, dout, bias_grad: bool = True):
        """dout shaped like forward_nhwc's result (plain or pool-phase stack)."""
        n, h, w, c = self.x_shape
        (kh, kw) = self.kernel_size
        d2 = dout.reshape(-1, self.filters)
        np.matmul(self.col.T, d2, out=self.grads["kernel"].reshape(-1, self.filters))
        if bias_grad and self.use_bias:
            np.sum(d2, axis=0, out=self.grads["bias"])
        if not self.needs_input_grad:
            return None
        ph, pw, qh, qw = self.phases
        dcol = (d2 @ self.params["kernel"].reshape(-1, self.filters).T).reshape(
            ph, pw, n, qh, qw, kh, kw, c
        )
        top, bottom, left, right = self.pads(h, w)
        dxp = np.zeros((n, h + top + bottom, w + left + right, c), dtype=dout.dtype)
        for a, b, i, j, rows, cols in self._patches(ph, pw, qh, qw):
            dxp[:, rows, cols, :] += dcol[a, b, :, :, :, i, j, :]
        return dxp[:, top : top + h, left : left + w, :]

    def regularization_keys(self):
        return ("kernel",)

    def get_config(self):
        return {
            **super().get_config(),
            "filters": self.filters,
            "kernel_size": list(self.kernel_size),
            "strides": list(self.strides),
            "padding": self.padding,
            "activation": activation_name(self.activation),
            "use_bias": self.use_bias,
            "kernel_initializer": initializers.name_of(self.kernel_initializer),
            "bias_initializer": initializers.name_of(self.bias_initializer),
            "kernel_regularizer": (
                self.kernel_regularizer.get_config() if self.kernel_regularizer else None
            ),
        }
