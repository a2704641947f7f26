"""One codec per layer class: `emit` writes the layer into an ONNX graph, `load_weights`
reads its weights back from the initializers, side by side.

Every layout difference between the engine and ONNX is written once here, as the forward
map; the way back is derived from it (`permute(..., inverse=True)` takes the argsort of the
same axes). The recurrent codecs are in `recurrent.py`.

| engine                          | ONNX                                                        |
|---------------------------------|-------------------------------------------------------------|
| Conv2D (+activation)            | Conv (kernel (KH, KW, C, F) → (F, C, KH, KW)), activation   |
| Conv1D (+activation)            | Transpose, Conv (kernel (K, C, F) → (F, C, K)), Transpose   |
| MaxPooling2D / AveragePooling2D | MaxPool / AveragePool                                       |
| MaxPooling1D                    | Transpose, MaxPool, Transpose                               |
| GlobalAveragePooling2D / 1D     | GlobalAveragePool + Flatten / ReduceMean over time (masked) |
| GlobalMaxPooling1D              | ReduceMax over time (padded steps set to −3e38)             |
| BatchNormalization              | BatchNormalization (images, features) or Mul + Add          |
| Flatten after an image          | Flatten; the next Dense's rows reordered (H, W, C) → (C, H, W) |
| Dense (+activation)             | Gemm (2-D) or MatMul + Add (sequences)                      |
| ReLU / LeakyReLU / Sigmoid / Tanh / Softmax | Relu / LeakyRelu / Sigmoid / Tanh / Softmax     |
| Dropout, Identity               | nothing (identity at inference)                             |
| Embedding                       | Gather (+ sequence lengths from the padding mask)           |
| TimeDistributed(layer)          | the inner layer's nodes (they act on the last axis)         |
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, ClassVar

import numpy as np

from dltutor.engine.layers import (
    AveragePooling2D,
    BatchNormalization,
    Conv1D,
    Conv2D,
    Dense,
    Dropout,
    Embedding,
    Flatten,
    GlobalAveragePooling1D,
    GlobalAveragePooling2D,
    GlobalMaxPooling1D,
    Identity,
    LeakyReLU,
    MaxPooling1D,
    MaxPooling2D,
    ReLU,
    Sigmoid,
    Softmax,
    Tanh,
    TimeDistributed,
)
from dltutor.engine.layers.base import Layer, Shape

from .graph import ExportError, Graph, Tensor, emit_activation


def permute(a: np.ndarray, perm: Sequence[int], shape=None, inverse: bool = False) -> np.ndarray:
    """`a` viewed as `shape` (default: its own) with its axes taken in the order `perm`.
    `inverse=True` undoes that for an array in the permuted layout (axes `argsort(perm)`)."""
    shape = a.shape if shape is None else tuple(shape)
    if inverse:
        return a.reshape([shape[p] for p in perm]).transpose(np.argsort(perm))
    return a.reshape(shape).transpose(perm)


CONV2D_KERNEL = (3, 2, 0, 1)  # engine (KH, KW, C, F) → ONNX (F, C, KH, KW)
CONV1D_KERNEL = (2, 1, 0)  # engine (K, C, F) → ONNX (F, C, K)
FLATTEN_ROWS = (2, 0, 1, 3)  # Dense rows after a Flatten: engine (H, W, C) → ONNX (C, H, W)


@dataclass
class Export:
    """One export in progress: the graph and what travels between layers."""

    stateful: bool = False
    half_embeddings: bool = False
    g: Graph = field(default_factory=Graph)
    state_io: list[tuple[str, str, tuple]] = field(default_factory=list)  # (in, out, shape)
    flatten_hwc: tuple[int, int, int] | None = None  # (H, W, C) a Flatten left to the Dense

    def layer(self, layer: Layer, t: Tensor, shape: Shape) -> Tensor:
        return codec_for(layer).emit(self, layer, t, shape)


@dataclass
class Import:
    """One import in progress: the initializers by name and what travels between layers."""

    inits: dict[str, np.ndarray]
    flatten_hwc: tuple[int, int, int] | None = None

    def get(self, layer: Layer, key: str) -> np.ndarray:
        return self.inits[f"{layer.name}.{key}"]

    def layer(self, layer: Layer, shape: Shape) -> None:
        codec_for(layer).load_weights(self, layer, shape)


class Codec:
    """Base: a layer without weights, emitted as nothing (identity at inference)."""

    layers: ClassVar[tuple[type[Layer], ...]] = ()
    registry: ClassVar[dict[type[Layer], Codec]] = {}

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        for layer_cls in cls.layers:
            Codec.registry[layer_cls] = cls()

    def emit(self, ex: Export, layer: Any, t: Tensor, shape: Shape) -> Tensor:
        return t

    def load_weights(self, im: Import, layer: Any, shape: Shape) -> None:
        if layer.params:
            raise ValueError(f"cannot import weights of layer {layer.name}")


def codec_for(layer: Layer) -> Codec:
    for cls in type(layer).__mro__:
        if cls in Codec.registry:
            return Codec.registry[cls]
    raise ExportError(f"layer {layer.name!r} ({type(layer).__name__}) has no ONNX mapping yet")


def _copy_in(target: np.ndarray, value: np.ndarray) -> None:
    target[...] = value.reshape(target.shape)


class Passthrough(Codec):
    layers = (Dropout, Identity)


class ActivationCodec(Codec):
    layers = (ReLU, LeakyReLU, Sigmoid, Tanh, Softmax)

    def emit(self, ex, layer, t, shape):
        return Tensor(emit_activation(ex.g, t.name, layer, layer.name), t.rank, t.seq_lens)


class Conv2DCodec(Codec):
    layers = (Conv2D,)

    def emit(self, ex, layer, t, shape):
        g = ex.g
        kernel = permute(np.asarray(layer.params["kernel"], np.float32), CONV2D_KERNEL)
        inputs = [t.name, g.const(f"{layer.name}.kernel", kernel)]
        if layer.use_bias:
            inputs.append(g.const(f"{layer.name}.bias", layer.params["bias"].astype(np.float32)))
        top, bottom, left, right = layer.pads(int(shape[2]), int(shape[3]))
        y = g.node(
            "Conv",
            inputs,
            layer.name,
            kernel_shape=list(layer.kernel_size),
            strides=list(layer.strides),
            pads=[top, left, bottom, right],
        )
        return Tensor(emit_activation(g, y, layer.activation, layer.name), 4)

    def load_weights(self, im, layer, shape):
        p = layer.params
        p["kernel"][...] = permute(im.get(layer, "kernel"), CONV2D_KERNEL, p["kernel"].shape, True)
        if layer.use_bias:
            _copy_in(p["bias"], im.get(layer, "bias"))


class Conv1DCodec(Codec):
    layers = (Conv1D,)

    def emit(self, ex, layer, t, shape):
        g = ex.g
        if layer.strides != 1 and layer.padding == "same":
            raise ExportError(f"{layer.name}: Conv1D padding='same' with strides > 1")
        lo, hi = layer.pads(shape[1] or 1)  # with stride 1 the padding ignores the length
        x = g.node("Transpose", [t.name], f"{layer.name}_nct", perm=[0, 2, 1])
        kernel = permute(np.asarray(layer.params["kernel"], np.float32), CONV1D_KERNEL)
        inputs = [x, g.const(f"{layer.name}.kernel", kernel)]
        if layer.use_bias:
            inputs.append(g.const(f"{layer.name}.bias", layer.params["bias"].astype(np.float32)))
        y = g.node(
            "Conv",
            inputs,
            f"{layer.name}_conv",
            kernel_shape=[layer.kernel_size],
            strides=[layer.strides],
            pads=[lo, hi],
        )
        y = g.node("Transpose", [y], layer.name, perm=[0, 2, 1])
        return Tensor(emit_activation(g, y, layer.activation, layer.name), 3)

    def load_weights(self, im, layer, shape):
        p = layer.params
        p["kernel"][...] = permute(im.get(layer, "kernel"), CONV1D_KERNEL, p["kernel"].shape, True)
        if layer.use_bias:
            _copy_in(p["bias"], im.get(layer, "bias"))


class Pool2DCodec(Codec):
    layers = (MaxPooling2D, AveragePooling2D)

    def emit(self, ex, layer, t, shape):
        op = "MaxPool" if isinstance(layer, MaxPooling2D) else "AveragePool"
        y = ex.g.node(
            op,
            [t.name],
            layer.name,
            kernel_shape=list(layer.pool_size),
            strides=list(layer.strides),
        )
        return Tensor(y, 4)


class MaxPooling1DCodec(Codec):
    layers = (MaxPooling1D,)

    def emit(self, ex, layer, t, shape):
        g = ex.g
        x = g.node("Transpose", [t.name], f"{layer.name}_nct", perm=[0, 2, 1])
        y = g.node(
            "MaxPool",
            [x],
            f"{layer.name}_pool",
            kernel_shape=[layer.pool_size],
            strides=[layer.strides],
        )
        return Tensor(g.node("Transpose", [y], layer.name, perm=[0, 2, 1]), 3)


class GlobalAveragePooling2DCodec(Codec):
    layers = (GlobalAveragePooling2D,)

    def emit(self, ex, layer, t, shape):
        y = ex.g.node("GlobalAveragePool", [t.name], layer.name)
        return Tensor(ex.g.node("Flatten", [y], f"{layer.name}_flat", axis=1), 2)


class GlobalAveragePooling1DCodec(Codec):
    layers = (GlobalAveragePooling1D,)

    def emit(self, ex, layer, t, shape):
        g, base = ex.g, layer.name
        if t.seq_lens is None:
            return Tensor(g.node("ReduceMean", [t.name], base, axes=[1], keepdims=0), 2)
        mask = g.node("Cast", [g.time_mask(t, base)], f"{base}_maskf", to=1)
        lens = g.node("Cast", [t.seq_lens], f"{base}_lens_f", to=1)
        lens_col = g.node("Unsqueeze", [lens, g.axes(1)], f"{base}_lens_col")
        masked = g.node("Mul", [t.name, mask], f"{base}_masked")
        summed = g.node("ReduceSum", [masked, g.axes(1)], f"{base}_sum", keepdims=0)
        one = g.const("one_f", np.array(1.0, np.float32))
        count = g.node("Max", [lens_col, one], f"{base}_cnt")
        return Tensor(g.node("Div", [summed, count], base), 2)


class GlobalMaxPooling1DCodec(Codec):
    layers = (GlobalMaxPooling1D,)

    def emit(self, ex, layer, t, shape):
        g, x = ex.g, t.name
        if t.seq_lens is not None:
            low = g.const("neg_big", np.array(-3.0e38, np.float32))
            x = g.node("Where", [g.time_mask(t, layer.name), x, low], f"{layer.name}_masked")
        return Tensor(g.node("ReduceMax", [x], layer.name, axes=[1], keepdims=0), 2)


class BatchNormalizationCodec(Codec):
    layers = (BatchNormalization,)
    keys = ("gamma", "beta", "moving_mean", "moving_variance")

    def emit(self, ex, layer, t, shape):
        g = ex.g
        gamma, beta, mean, var = (
            np.asarray({**layer.params, **layer.buffers}[k], np.float32).reshape(-1)
            for k in self.keys
        )
        if t.rank in (2, 4):
            consts = [
                g.const(f"{layer.name}.{k}", v)
                for k, v in zip(self.keys, (gamma, beta, mean, var), strict=True)
            ]
            y = g.node("BatchNormalization", [t.name, *consts], layer.name, epsilon=layer.epsilon)
            return Tensor(y, t.rank, t.seq_lens)
        scale = gamma / np.sqrt(var + layer.epsilon)
        shift = beta - mean * scale
        y = g.node("Mul", [t.name, g.const(f"{layer.name}.scale", scale)], f"{layer.name}_scale")
        y = g.node("Add", [y, g.const(f"{layer.name}.shift", shift)], layer.name)
        return Tensor(y, t.rank, t.seq_lens)

    def load_weights(self, im, layer, shape):
        for key in self.keys:
            store = layer.params if key in layer.params else layer.buffers
            _copy_in(store[key], im.get(layer, key))


class FlattenCodec(Codec):
    """After an image the engine flattens (H, W, C) but ONNX (C, H, W): instead of a runtime
    transpose, the next Dense takes its rows in ONNX's order (see `DenseCodec`)."""

    layers = (Flatten,)

    def emit(self, ex, layer, t, shape):
        if t.rank == 4:
            _, c, h, w = shape
            ex.flatten_hwc = (int(h), int(w), int(c))
        return Tensor(ex.g.node("Flatten", [t.name], layer.name, axis=1), 2)

    def load_weights(self, im, layer, shape):
        if len(shape) == 4:
            _, c, h, w = shape
            im.flatten_hwc = (int(h), int(w), int(c))


class DenseCodec(Codec):
    layers = (Dense,)

    @staticmethod
    def _rows(hwc: tuple[int, int, int] | None) -> Callable[..., np.ndarray]:
        """The row reorder after a Flatten of an image (identity otherwise)."""
        if hwc is None:
            return lambda k, inverse=False: k

        def reorder(k: np.ndarray, inverse: bool = False) -> np.ndarray:
            units = k.shape[-1]
            return permute(k, FLATTEN_ROWS, (*hwc, units), inverse).reshape(-1, units)

        return reorder

    def emit(self, ex, layer, t, shape):
        g = ex.g
        k = self._rows(ex.flatten_hwc)(np.asarray(layer.params["kernel"], np.float32))
        ex.flatten_hwc = None
        kernel = g.const(f"{layer.name}.kernel", k)
        bias = None
        if layer.use_bias:
            bias = g.const(f"{layer.name}.bias", layer.params["bias"].astype(np.float32))
        if t.rank == 2:
            y = g.node("Gemm", [t.name, kernel, *([bias] if bias else [])], layer.name)
        else:
            y = g.node("MatMul", [t.name, kernel], f"{layer.name}_mm")
            if bias:
                y = g.node("Add", [y, bias], layer.name)
        y = emit_activation(g, y, layer.activation, layer.name)
        return Tensor(y, t.rank, t.seq_lens)

    def load_weights(self, im, layer, shape):
        p = layer.params
        p["kernel"][...] = self._rows(im.flatten_hwc)(im.get(layer, "kernel"), inverse=True)
        im.flatten_hwc = None
        if layer.use_bias:
            _copy_in(p["bias"], im.get(layer, "bias"))


class EmbeddingCodec(Codec):
    layers = (Embedding,)

    def emit(self, ex, layer, t, shape):
        g, base, ids = ex.g, layer.name, t.name
        w = np.asarray(layer.params["embeddings"], np.float32)
        if ex.half_embeddings:  # stored as float16 (half the file), cast after the lookup
            table = g.const(f"{base}.embeddings", w.astype(np.float16))
            y = g.node("Gather", [table, ids], f"{base}_f16", axis=0)
            y = g.node("Cast", [y], base, to=1)
        else:
            y = g.node("Gather", [g.const(f"{base}.embeddings", w), ids], base, axis=0)
        seq_lens = None
        if layer.mask_zero:
            pad = g.const("pad_id", np.array(0, np.int64))
            is_pad = g.node("Equal", [ids, pad], f"{base}_is_pad")
            real = g.node("Not", [is_pad], f"{base}_real")
            real32 = g.node("Cast", [real], f"{base}_real_i32", to=6)
            seq_lens = g.node("ReduceSum", [real32, g.axes(1)], f"{base}_seq_lens", keepdims=0)
        return Tensor(y, 3, seq_lens)

    def load_weights(self, im, layer, shape):
        _copy_in(layer.params["embeddings"], im.get(layer, "embeddings"))


class TimeDistributedCodec(Codec):
    """The inner layer's own codec: its nodes act on the last axis, its weights keep the
    inner layer's name."""

    layers = (TimeDistributed,)

    def emit(self, ex, layer, t, shape):
        return ex.layer(layer.layer, t, shape)

    def load_weights(self, im, layer, shape):
        im.layer(layer.layer, (None, shape[-1]))
