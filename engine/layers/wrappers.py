"""Layers that wrap another layer: Bidirectional (a recurrent layer run both ways) and
TimeDistributed (a 2-D layer applied at every step)."""

from __future__ import annotations

import copy
from typing import Any

import numpy as np

from .base import Layer, Shape, layer_from_config
from .recurrent import Recurrent


class Bidirectional(Layer):
    """Runs `layer` forwards and a clone of it backwards; merges with concat or sum.

    Params are the two sets prefixed ``forward_`` and ``backward_``; the reverse layer's
    outputs are put back in time order (see recurrent.py)."""

    output_mask = None  # the recurrent layer's

    def __init__(self, layer: Recurrent, merge_mode: str = "concat", name: str | None = None):
        super().__init__(name)
        if not isinstance(layer, Recurrent):
            raise TypeError(
                f"Bidirectional wraps SimpleRNN, LSTM or GRU, got {type(layer).__name__}"
            )
        if merge_mode not in ("concat", "sum"):
            raise ValueError(f"merge_mode must be 'concat' or 'sum', got {merge_mode!r}")
        if layer.return_state:
            raise ValueError("Bidirectional does not support return_state=True")
        if layer.built:
            raise ValueError("wrap a layer that has not been built yet")
        self.merge_mode = merge_mode
        self.forward_layer = layer
        self.backward_layer = copy.deepcopy(layer)
        self.forward_layer.go_backwards = False
        self.backward_layer.go_backwards = True
        self.forward_layer.name = "forward_" + layer.name
        self.backward_layer.name = "backward_" + layer.name
        self.return_sequences = layer.return_sequences
        self.units = layer.units

    def build(self, input_shape: Shape, rng: np.random.Generator) -> None:
        self.forward_layer.dtype = self.backward_layer.dtype = self.dtype
        self.forward_layer.build(input_shape, rng)
        self.backward_layer.build(input_shape, rng)
        self.forward_layer.rng = rng
        self.backward_layer.rng = rng
        for prefix, sub in (("forward_", self.forward_layer), ("backward_", self.backward_layer)):
            for key in sub.params:
                self.params[prefix + key] = sub.params[key]
                self.grads[prefix + key] = sub.grads[key]
        super().build(input_shape, rng)

    def _sync(self) -> None:
        """Point the two sub-layers at our arrays (in case a loader replaced them)."""
        for prefix, sub in (("forward_", self.forward_layer), ("backward_", self.backward_layer)):
            for key in list(sub.params):
                sub.params[key] = self.params[prefix + key]
                sub.grads[key] = self.grads[prefix + key]

    def output_shape(self, input_shape: Shape) -> Shape:
        out = self.forward_layer.output_shape(input_shape)
        if self.merge_mode == "concat":
            return (*out[:-1], 2 * self.units)
        return out

    def get_config(self) -> dict[str, Any]:
        inner = self.forward_layer.to_config()
        inner["config"].update(name=self.forward_layer.name[len("forward_") :], go_backwards=False)
        return {**super().get_config(), "merge_mode": self.merge_mode, "layer": inner}

    @classmethod
    def from_config(cls, config: dict[str, Any]) -> Layer:
        return cls(**{**config, "layer": layer_from_config(config["layer"])})

    def forward(self, x, training=False, mask=None):
        self._sync()
        if mask is None:
            mask = self.input_mask
        self.forward_layer.input_mask = None
        self.backward_layer.input_mask = None
        yf = self.forward_layer.forward(x, training=training, mask=mask)
        yb = self.backward_layer.forward(x, training=training, mask=mask)
        self.output_mask = self.forward_layer.output_mask
        if self.merge_mode == "concat":
            return np.concatenate([yf, yb], axis=-1)
        return yf + yb

    def backward(self, dout):
        self._sync()
        self.forward_layer.needs_input_grad = self.needs_input_grad
        self.backward_layer.needs_input_grad = self.needs_input_grad
        u = self.units
        if self.merge_mode == "concat":
            dxf = self.forward_layer.backward(dout[..., :u])
            dxb = self.backward_layer.backward(dout[..., u:])
        else:
            dxf = self.forward_layer.backward(dout)
            dxb = self.backward_layer.backward(dout)
        if dxf is None:
            return None
        dxf += dxb
        return dxf


class TimeDistributed(Layer):
    """Applies a 2D layer (e.g. Dense) to every step: (N, T, F) -> (N, T, units).

    The wrapped layer sees (N·T, F); its params keep their own names (`kernel`, `bias`).
    A mask passes through unchanged.
    """

    def __init__(self, layer: Layer, name: str | None = None) -> None:
        super().__init__(name)
        if not isinstance(layer, Layer):
            raise TypeError(f"TimeDistributed wraps a Layer, got {type(layer).__name__}")
        self.layer = layer

    def build(self, input_shape: Shape, rng: np.random.Generator) -> None:
        if len(input_shape) != 3:
            raise ValueError(
                f"TimeDistributed expects (batch, timesteps, features), got {input_shape}"
            )
        self.layer.dtype = self.dtype
        self.layer.build((None, input_shape[-1]), rng)
        self.params = self.layer.params
        self.grads = self.layer.grads
        super().build(input_shape, rng)

    def astype(self, dtype: Any) -> Layer:
        self.dtype = np.dtype(dtype).type
        self.layer.astype(dtype)
        self.params = self.layer.params
        self.grads = self.layer.grads
        return self

    def output_shape(self, input_shape: Shape) -> Shape:
        inner = self.layer.output_shape((None, input_shape[-1]))
        return (input_shape[0], input_shape[1], *inner[1:])

    def regularization_keys(self) -> tuple[str, ...]:
        return self.layer.regularization_keys()

    def get_config(self) -> dict[str, Any]:
        return {**super().get_config(), "layer": self.layer.to_config()}

    @classmethod
    def from_config(cls, config: dict[str, Any]) -> Layer:
        return cls(**{**config, "layer": layer_from_config(config["layer"])})

    def forward(self, x, training=False):
        self.layer.params, self.layer.grads = self.params, self.grads
        n, t = x.shape[:2]
        y = self.layer.forward(x.reshape(n * t, -1), training=training)
        self._nt = (n, t)
        return y.reshape(n, t, *y.shape[1:])

    def backward(self, dout):
        n, t = self._nt
        self.layer.needs_input_grad = self.needs_input_grad
        dx = self.layer.backward(dout.reshape(n * t, *dout.shape[2:]))
        return None if dx is None else dx.reshape(n, t, -1)
