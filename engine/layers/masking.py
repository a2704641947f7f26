"""How masks travel through a model, and the `Masking` layer that makes one.

Convention: before a layer's `forward` the model sets ``layer.input_mask`` (bool (N, T),
True = a real step) to the current mask and afterwards hands ``layer.output_mask`` to the
next layer. `Layer.output_mask` is the incoming mask by default (Dropout, activations pass
it on); a layer that makes, changes or drops a mask declares ``output_mask = None`` on its
class and assigns it in `forward`. Consumers (recurrent layers, global poolings) read
``input_mask`` (None goes on when the time axis is gone).

`Sequential` carries masks by that rule. `Masking` makes a mask from feature vectors equal
to `mask_value` (for float inputs that were padded without an Embedding).
"""

from __future__ import annotations

from typing import Any

import numpy as np

from .base import Layer


class Masking(Layer):
    """Masks the steps whose features all equal `mask_value`; passes x through."""

    supports_channels_last = "any"
    output_mask = None

    def __init__(self, mask_value: float = 0.0, name: str | None = None) -> None:
        super().__init__(name)
        self.mask_value = float(mask_value)

    def get_config(self) -> dict[str, Any]:
        return {**super().get_config(), "mask_value": self.mask_value}

    def forward(self, x: np.ndarray, training: bool = False) -> np.ndarray:
        if x.ndim != 3:
            raise ValueError(f"Masking expects (batch, timesteps, features), got {x.shape}")
        self.output_mask = np.any(x != self.mask_value, axis=-1)
        self._m = self.output_mask[:, :, None].astype(x.dtype)
        return x * self._m

    def backward(self, dout: np.ndarray) -> np.ndarray:
        return dout * self._m
