"""The contract every layer follows, after the DLFS `common/layers.py` pattern.

A layer validates its arguments in `__init__` (`check_positive_int`, `pair`) and resolves
initialisers and activations by name (`initializers.get`, `get_activation`). It is built
lazily: the first call (`Layer.__call__`, or `Sequential.build`) runs `build(input_shape,
rng)`, which creates `params` and the matching `grads` (same keys, same shapes, written in
place by `backward`). `forward` caches what `backward` needs; `backward(dout)` returns the
gradient with respect to the input and never modifies `dout`. Shapes include the batch axis
as None. `get_config` returns the constructor arguments; `to_config` / `from_config` wrap
them with the class name (`{"class_name": ..., "config": ...}`).

Masks (bool (N, T), True = a real step; see masking.py): before `forward` the model sets
`input_mask`; the next layer receives `output_mask`, which by default is the incoming mask
unchanged. A layer that makes or drops a mask declares `output_mask = None` as a class
attribute and assigns it in `forward`.

Image layout. The public layout is (N, C, H, W). Layers that work on images can also run
channels-last, (N, H, W, C), which is faster in NumPy; `Sequential` switches a run of such
layers to channels-last (`channels_last = True`) and transposes once at the edges, so a
layer used on its own always speaks (N, C, H, W). `output_shape` is always the public shape.

Precision. Parameters are float32; `astype(np.float64)` casts parameters and gradients
(used by gradient checks). Layers compute in the dtype of their parameters.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from typing import Any

import numpy as np

Shape = tuple[int | None, ...]


class Layer(ABC):
    """Base class: parameters, gradients, lazy build and a config for saving.

    Subclasses define `forward(x, training=False)` and `backward(dout)`.

    Class attributes a subclass may set:
    - `supports_channels_last`: True when the layer implements the (N, H, W, C) path
      (checked via `self.channels_last`), "any" when layout does not matter (element-wise
      layers), False when it needs the public (N, C, H, W) layout.
    """

    supports_channels_last: bool | str = False
    #: A layer's own weight penalty (Dense, Conv2D take `kernel_regularizer=`); None: the
    #: model's `weight_decay`, if any, applies to `regularization_keys()`.
    kernel_regularizer: Any = None
    _registry: dict[str, type[Layer]] = {}

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        if not cls.__name__.startswith("_"):
            Layer._registry[cls.__name__] = cls

    def __init__(self, name: str | None = None) -> None:
        self.name = name or type(self).__name__.lower()
        self.params: dict[str, np.ndarray] = {}
        self.grads: dict[str, np.ndarray] = {}
        # Non-trainable state that is saved with the weights (BatchNorm's running averages).
        self.buffers: dict[str, np.ndarray] = {}
        self.built = False
        self.trainable = True
        self.dtype: type = np.float32
        # Set by Sequential: a run of image layers may go channels-last internally.
        self.channels_last = False
        # Set by Sequential for the first layer: nobody needs dL/dx there.
        self.needs_input_grad = True
        self.input_shape: Shape | None = None
        self.input_mask: np.ndarray | None = None

    @property
    def output_mask(self) -> np.ndarray | None:
        """The mask the next layer receives: the incoming one, unless the layer sets its own."""
        return self.input_mask

    # -- building -------------------------------------------------------------------
    def build(self, input_shape: Shape, rng: np.random.Generator) -> None:
        """Create parameters for `input_shape`; layers without weights keep the default."""
        self.rng = rng
        self.input_shape = tuple(input_shape)
        self.built = True

    def add_weight(self, key: str, value: np.ndarray) -> np.ndarray:
        """Register a parameter (in the layer's dtype) and its zeroed gradient buffer."""
        value = np.ascontiguousarray(value, dtype=self.dtype)
        self.params[key] = value
        self.grads[key] = np.zeros_like(value)
        return value

    def astype(self, dtype: Any) -> Layer:
        """Cast parameters and gradient buffers (in place of the dicts) to `dtype`."""
        self.dtype = np.dtype(dtype).type
        for key in list(self.params):
            self.params[key] = np.ascontiguousarray(self.params[key], dtype=self.dtype)
            self.grads[key] = np.zeros_like(self.params[key])
        for key in list(self.buffers):
            self.buffers[key] = np.ascontiguousarray(self.buffers[key], dtype=self.dtype)
        return self

    # -- shapes and bookkeeping -----------------------------------------------------
    def output_shape(self, input_shape: Shape) -> Shape:
        return input_shape

    def count_params(self) -> int:
        return int(sum(p.size for p in self.params.values()))

    def regularization_keys(self) -> tuple[str, ...]:
        """Parameters a weight penalty applies to (kernels, never biases)."""
        return ()

    def get_config(self) -> dict[str, Any]:
        """Constructor arguments, enough to rebuild the layer (weights are saved apart);
        subclasses extend this dict."""
        return {"name": self.name}

    def to_config(self) -> dict[str, Any]:
        """The layer as `{"class_name": ..., "config": get_config()}`."""
        return {"class_name": type(self).__name__, "config": self.get_config()}

    @classmethod
    def from_config(cls, config: dict[str, Any]) -> Layer:
        """The layer `get_config` describes (wrappers rebuild their inner layer first)."""
        return cls(**config)

    @abstractmethod
    def forward(self, x: np.ndarray, training: bool = False) -> np.ndarray: ...

    @abstractmethod
    def backward(self, dout: np.ndarray) -> np.ndarray: ...

    def __call__(self, x: np.ndarray, training: bool = False, **kwargs: Any) -> Any:
        """Build on the first input (the one place a layer builds lazily), then `forward`."""
        if not self.built:
            self.build((None, *np.shape(x)[1:]), np.random.default_rng(0))
        return self.forward(x, training=training, **kwargs)

    def __repr__(self) -> str:
        args = ", ".join(f"{k}={v!r}" for k, v in self.get_config().items() if k != "name")
        return f"{type(self).__name__}({args})"


def check_positive_int(name: str, value: Any, layer: str) -> int:
    """Validate a positive integer argument, naming the layer and what it got."""
    if isinstance(value, bool) or not isinstance(value, (int, np.integer)) or value <= 0:
        raise ValueError(f"{layer}: {name} must be a positive integer, got {value!r}")
    return int(value)


def pair(name: str, value: Any, layer: str) -> tuple[int, int]:
    """An int or a pair of ints, as Keras accepts for kernel_size / strides / pool_size."""
    if isinstance(value, (int, np.integer)) and not isinstance(value, bool):
        value = (value, value)
    if (
        not isinstance(value, (tuple, list))
        or len(value) != 2
        or not all(
            isinstance(v, (int, np.integer)) and not isinstance(v, bool) and v > 0 for v in value
        )
    ):
        raise ValueError(f"{layer}: {name} must be a positive int or a pair of them, got {value!r}")
    return int(value[0]), int(value[1])


def layer_from_config(entry: dict[str, Any]) -> Layer:
    """The layer a `to_config()` dict describes."""
    name = entry["class_name"]
    cls = Layer._registry.get(name)
    if cls is None:
        raise ValueError(f"unknown layer class {name!r} in the model config")
    return cls.from_config(dict(entry.get("config") or {}))


class WithActivation(Layer):
    """A layer followed by an optional built-in activation (Keras's `activation=`).

    forward = activation(forward_linear(x)). `forward_linear` / `backward_linear` are the
    layer without its activation: a model whose loss applies that activation itself (softmax
    cross-entropy after a softmax layer) runs them as a separate step and feeds the loss the
    logits."""

    activation: Layer | None = None

    @abstractmethod
    def forward_linear(self, x: np.ndarray, training: bool = False) -> np.ndarray: ...

    @abstractmethod
    def backward_linear(self, dout: np.ndarray) -> np.ndarray | None: ...

    def forward(self, x, training=False):
        out = self.forward_linear(x, training)
        return out if self.activation is None else self.activation.forward(out, training)

    def backward(self, dout):
        if self.activation is not None:
            dout = self.activation.backward(dout)
        return self.backward_linear(dout)
