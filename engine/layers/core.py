"""Dense (Affine), Flatten and Dropout."""

from __future__ import annotations

import numpy as np

from .. import initializers, regularizers
from .activations import activation_name, get_activation
from .base import Layer, WithActivation, check_positive_int


class Dense(WithActivation):
    """Y = X·W + b (DLFS's Affine), with an optional activation after it (Keras's Dense).

    backward: dX = dY·Wᵀ, dW = Xᵀ·dY, db = Σ dY over the batch axis.
    Weights: `kernel` (in_features, units) and `bias` (units,).
    """

    def __init__(
        self,
        units: int,
        activation: str | None = None,
        use_bias: bool = True,
        kernel_initializer="glorot_uniform",
        bias_initializer="zeros",
        kernel_regularizer=None,
        name: str | None = None,
    ) -> None:
        super().__init__(name)
        self.units = check_positive_int("units", units, "Dense")
        self.activation = get_activation(activation)
        self.use_bias = bool(use_bias)
        self.kernel_initializer = initializers.get(kernel_initializer)
        self.bias_initializer = initializers.get(bias_initializer)
        self.kernel_regularizer = regularizers.get(kernel_regularizer)

    def build(self, input_shape, rng):
        if len(input_shape) != 2:
            raise ValueError(
                f"Dense expects (batch, features) inputs, got shape {tuple(input_shape)}; "
                "put a Flatten() before it"
            )
        fan_in = int(input_shape[-1])
        self.add_weight(
            "kernel", self.kernel_initializer((fan_in, self.units), rng, fan_in, self.units)
        )
        if self.use_bias:
            self.add_weight("bias", self.bias_initializer((self.units,), rng, fan_in, self.units))
        super().build(input_shape, rng)

    def forward_linear(self, x, training=False):
        self.x = x
        out = x @ self.params["kernel"]
        if self.use_bias:
            out += self.params["bias"]
        return out

    def backward_linear(self, dout):
        np.matmul(self.x.T, dout, out=self.grads["kernel"])
        if self.use_bias:
            np.sum(dout, axis=0, out=self.grads["bias"])
        if not self.needs_input_grad:
            return None
        return dout @ self.params["kernel"].T

    def output_shape(self, input_shape):
        return (*input_shape[:-1], self.units)

    def regularization_keys(self):
        return ("kernel",)

    def get_config(self):
        return {
            **super().get_config(),
            "units": self.units,
            "activation": activation_name(self.activation),
            "use_bias": self.use_bias,
            "kernel_initializer": initializers.name_of(self.kernel_initializer),
            "bias_initializer": initializers.name_of(self.bias_initializer),
            "kernel_regularizer": (
                self.kernel_regularizer.get_config() if self.kernel_regularizer else None
            ),
        }


Affine = Dense


class Flatten(Layer):
    """(N, d1, d2, …) → (N, d1·d2·…).

    Images are flattened in channels-last order, (H, W, C), as Keras does; for a
    (N, C, H, W) input the layer transposes first. A Dense after a Flatten therefore sees
    the same feature order whether `Sequential` ran the image layers channels-last or not.
    """

    supports_channels_last = True

    def forward(self, x, training=False):
        self.in_shape = x.shape
        if x.ndim == 4 and not self.channels_last:
            x = x.transpose(0, 2, 3, 1)
        return x.reshape(x.shape[0], -1)

    def backward(self, dout):
        if len(self.in_shape) == 4 and not self.channels_last:
            n, c, h, w = self.in_shape
            return dout.reshape(n, h, w, c).transpose(0, 3, 1, 2)
        return dout.reshape(self.in_shape)

    def output_shape(self, input_shape):
        return (input_shape[0], int(np.prod(input_shape[1:])))


class Dropout(Layer):
    """Inverted dropout: in training each unit is kept with probability 1 − rate and scaled by
    1 / (1 − rate); at inference the layer is the identity (nothing to rescale)."""

    supports_channels_last = "any"

    def __init__(self, rate: float, name: str | None = None, seed: int | None = None) -> None:
        super().__init__(name)
        if isinstance(rate, bool) or not isinstance(rate, (int, float)) or not 0 <= rate < 1:
            raise ValueError(f"Dropout: rate must be in [0, 1), got {rate!r}")
        self.rate = float(rate)
        self.seed = seed
        self.mask = None

    def build(self, input_shape, rng):
        super().build(input_shape, rng)
        if self.seed is not None:
            self.rng = np.random.default_rng(self.seed)

    def forward(self, x, training=False):
        if not training or self.rate == 0:
            self.mask = None
            return x
        keep = 1.0 - self.rate
        self.mask = (
            self.rng.random(x.shape, dtype=np.float64 if x.dtype == np.float64 else np.float32)
            < keep
        )
        self.mask = self.mask.astype(x.dtype) / keep
        return x * self.mask

    def backward(self, dout):
        if self.mask is None:
            return dout
        return dout * self.mask

    def get_config(self):
        return {**super().get_config(), "rate": self.rate, "seed": self.seed}
