"""Embedding: integer token ids (batch, timesteps) -> vectors (batch, timesteps, output_dim).

The layer is a lookup table: row k of `embeddings` is the vector of token k. Its gradient
adds each output gradient into the row of the token that produced it.

With ``mask_zero=True`` index 0 is padding: ``self.output_mask`` (bool (batch, timesteps),
True = a real token) is set in `forward` and consumed by the next layer (Sequential hands
it over as ``next_layer.input_mask``; see engine/layers/masking.py), and the gradient of
row 0 stays zero so the padding vector never moves.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from .. import initializers
from .base import Layer, Shape, check_positive_int


class Embedding(Layer):
    """Token ids → vectors; `embeddings_initializer` defaults to Keras's "uniform"
    (U(−0.05, 0.05))."""

    output_mask = None

    def __init__(
        self,
        input_dim: int,
        output_dim: int,
        mask_zero: bool = False,
        embeddings_initializer="uniform",
        name: str | None = None,
    ) -> None:
        super().__init__(name)
        self.input_dim = check_positive_int("input_dim", input_dim, "Embedding")
        self.output_dim = check_positive_int("output_dim", output_dim, "Embedding")
        self.mask_zero = bool(mask_zero)
        self.embeddings_initializer = initializers.get(embeddings_initializer)
        self._ids: np.ndarray | None = None

    def build(self, input_shape: Shape, rng: np.random.Generator) -> None:
        shape = (self.input_dim, self.output_dim)
        w = self.embeddings_initializer(shape, rng, self.input_dim, self.output_dim)
        self.add_weight("embeddings", w)
        super().build(input_shape, rng)

    def output_shape(self, input_shape: Shape) -> Shape:
        return (*input_shape, self.output_dim)

    def get_config(self) -> dict[str, Any]:
        return {
            **super().get_config(),
            "input_dim": self.input_dim,
            "output_dim": self.output_dim,
            "mask_zero": self.mask_zero,
            "embeddings_initializer": initializers.name_of(self.embeddings_initializer),
        }

    def forward(self, x: np.ndarray, training: bool = False) -> np.ndarray:
        ids = np.asarray(x)
        if ids.dtype.kind == "f":
            if not np.all(ids == np.round(ids)):
                raise ValueError("Embedding expects integer token ids, got fractional values")
            ids = ids.astype(np.int64)
        elif ids.dtype.kind not in "iu":
            raise ValueError(f"Embedding expects integer token ids, got dtype {ids.dtype}")
        if ids.size and (ids.min() < 0 or ids.max() >= self.input_dim):
            raise ValueError(
                f"Embedding: token ids must lie in [0, {self.input_dim}), "
                f"got min {ids.min()} max {ids.max()} (is the vocabulary larger than input_dim?)"
            )
        self._ids = ids
        self.output_mask = (ids != 0) if self.mask_zero else None
        return self.params["embeddings"][ids]

    def backward(self, dout: np.ndarray) -> np.ndarray:
        ids = self._ids
        g = self.grads["embeddings"]
        g[...] = 0.0
        flat = ids.reshape(-1)
        d = dout.reshape(-1, self.output_dim)
        # one sort + reduceat is much faster than np.add.at for many tokens
        order = np.argsort(flat, kind="stable")
        sids = flat[order]
        if sids.size:
            starts = np.flatnonzero(np.r_[True, sids[1:] != sids[:-1]])
            g[sids[starts]] = np.add.reduceat(d[order], starts, axis=0)
        if self.mask_zero:
            g[0] = 0.0
        # token ids have no gradient; zeros keep generic code (shapes, chains) simple
        if not self.needs_input_grad:
            return None
        return np.zeros(ids.shape, dtype=self.params["embeddings"].dtype)
