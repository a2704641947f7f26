"""How `Sequential` runs its layers: a plan of steps, each with forward and backward.

A step is one layer (`_Single`), a layout change (`Transpose`), the conv → ReLU → max-pool
fast path (`ConvReluPool`), or a layer without its built-in activation (`Linear`, when the
loss applies that activation itself). `make_steps` builds the plan; `loss_steps` derives
the plan that ends where the loss's own activation would begin.
"""

from __future__ import annotations

import numpy as np

from .layers.activations import ReLU, Sigmoid, Softmax
from .layers.base import Layer, Shape, WithActivation
from .layers.convolution import Conv2D
from .layers.pooling import MaxPooling2D

#: The activation layer a loss applies itself, by the loss's `activation` name.
LOSS_ACTIVATIONS: dict[str, type[Layer]] = {"softmax": Softmax, "sigmoid": Sigmoid}


def make_steps(layers: list[Layer], input_shape: Shape, fuse: bool) -> list[Step]:
    """The plan: a step per layer (or per fused conv → ReLU → max-pool group), with a
    transpose wherever a run of image layers enters or leaves channels-last."""
    steps: list[Step] = []
    shape, channels_last = input_shape, False
    i = 0
    while i < len(layers):
        layer = layers[i]
        if len(shape) == 4:
            support = layer.supports_channels_last
            if support is True and not channels_last:
                steps.append(Transpose((0, 2, 3, 1)))
                channels_last = True
            elif support is False and channels_last:
                steps.append(Transpose((0, 3, 1, 2)))
                channels_last = False
        else:
            channels_last = False
        if layer.supports_channels_last is True:
            layer.channels_last = channels_last and len(shape) == 4
        group = (
            ConvReluPool.match(layers, i) if fuse and channels_last and len(shape) == 4 else None
        )
        if group:
            for member in layers[i : i + group]:
                if member.supports_channels_last is True:
                    member.channels_last = True
            steps.append(ConvReluPool(layers[i : i + group]))
        else:
            group = 1
            steps.append(_Single(layer))
        for member in layers[i : i + group]:
            shape = member.output_shape(shape)
        steps[-1].channels_last_out = channels_last and len(shape) == 4
        i += group
    if channels_last and len(shape) == 4:
        steps.append(Transpose((0, 3, 1, 2)))
    return steps


def loss_steps(steps: list[Step], activation: str | None) -> list[Step]:
    """`steps` ending before the activation the loss applies itself (`activation`: the
    loss's "softmax" / "sigmoid"), so the loss reads logits: a last activation layer of that
    type is left out, a last layer with that built-in activation runs without it."""
    k = len(steps) - 1
    while k >= 0 and isinstance(steps[k], Transpose):  # a layout change back to (N, C, H, W)
        k -= 1
    if activation is None or k < 0 or not isinstance(steps[k], _Single):
        return steps
    last, wanted = steps[k].layer, LOSS_ACTIVATIONS[activation]
    if type(last) is wanted:
        return [*steps[:k], *steps[k + 1 :]]
    if isinstance(last, WithActivation) and type(last.activation) is wanted:
        return [*steps[:k], Linear(last), *steps[k + 1 :]]
    return steps


class Step:
    """How a mask travels: steps other than a single layer (layout changes, fused image
    groups) never see sequences, so they pass it through unchanged."""

    def receive_mask(self, mask):
        return mask

    def pass_mask(self, mask):
        return mask


class Transpose(Step):
    """A layout change between layers (channels-first ↔ channels-last)."""

    channels_last_out = False

    def __init__(self, axes: tuple[int, ...]) -> None:
        self.axes = axes
        self.inverse = tuple(int(a) for a in np.argsort(axes))

    def forward(self, x, training):
        return x.transpose(self.axes)

    def backward(self, dout):
        return dout.transpose(self.inverse)


class _Single(Step):
    """One layer. Masks follow the convention in `layers/masking.py`: the layer reads the
    current mask as `input_mask`; one that sets `output_mask` replaces it for the next."""

    def __init__(self, layer: Layer) -> None:
        self.layer = layer

    def receive_mask(self, mask):
        self.layer.input_mask = mask
        return mask

    def pass_mask(self, mask):
        return self.layer.output_mask

    def forward(self, x, training):
        return self.layer.forward(x, training)

    def backward(self, dout):
        return self.layer.backward(dout)


class ConvReluPool(Step):
    """Conv2D → ReLU → MaxPooling2D run as Conv2D (no bias) → max-pool → + bias → ReLU.

    Max-pooling commutes with adding a per-channel constant and with ReLU (both are
    monotonic), so the result is bit-for-bit the same, but the bias and the ReLU touch a
    quarter of the values (for 2×2 pooling), and max-pool's backward receives the gradient
    already masked by the ReLU. Matches Conv2D(activation="relu") → MaxPooling2D and
    Conv2D → ReLU() → MaxPooling2D, all channels-last.
    """

    def __init__(self, layers: list[Layer]) -> None:
        self.conv, self.pool = layers[0], layers[-1]

    @staticmethod
    def match(layers: list[Layer], i: int) -> int:
        """How many layers from `i` form a fusable group (0 when none)."""
        conv = layers[i]
        if type(conv) is not Conv2D:
            return 0
        rest = layers[i + 1 : i + 3]
        if type(conv.activation) is ReLU and rest and type(rest[0]) is MaxPooling2D:
            return 2
        if (
            conv.activation is None
            and len(rest) == 2
            and type(rest[0]) is ReLU
            and type(rest[1]) is MaxPooling2D
        ):
            return 3
        return 0

    def forward(self, x, training):
        conv, pool = self.conv, self.pool
        oh, ow = conv.output_shape((None, None, x.shape[1], x.shape[2]))[2:]
        ph, pw = pool.pool_size
        self.stacked = pool.strides == pool.pool_size and oh % ph == 0 and ow % pw == 0
        if self.stacked:  # windows tile the map: conv writes them as contiguous blocks
            pooled = pool.forward_stacked(
                conv.forward_nhwc(x, add_bias=False, pool_phases=(ph, pw))
            )
        else:
            pooled = pool.forward_nhwc(conv.forward_nhwc(x, add_bias=False))
        if conv.use_bias:
            pooled = pooled + conv.params["bias"]
            self.out = np.maximum(pooled, 0, out=pooled)
        else:
            self.out = np.maximum(pooled, 0)
        return self.out

    def backward(self, dout):
        d = dout * (self.out > 0)
        if self.conv.use_bias:
            np.sum(d, axis=(0, 1, 2), out=self.conv.grads["bias"])
        dz = self.pool.backward_stacked(d) if self.stacked else self.pool.backward_nhwc(d)
        return self.conv.backward_nhwc(dz, bias_grad=False)


class Linear(_Single):
    """A layer without its built-in activation (the loss applies it)."""

    def forward(self, x, training):
        return self.layer.forward_linear(x, training)

    def backward(self, dout):
        return self.layer.backward_linear(dout)
