"""Ready-made architectures used by the benchmark, tests and labs."""

from __future__ import annotations

from .layers import Conv2D, Dense, Flatten, MaxPooling2D, ReLU
from .model import Sequential


def simple_convnet(
    input_shape=(1, 28, 28),
    classes: int = 10,
    filters: int = 30,
    kernel_size: int = 5,
    hidden: int = 100,
    seed: int = 0,
) -> Sequential:
    """DLFS's SimpleConvNet: conv 30×5×5 → ReLU → max-pool 2 → dense 100 → ReLU → dense 10
    (logits; pair with softmax cross-entropy)."""
    return Sequential(
        [
            Conv2D(filters, kernel_size, kernel_initializer="he_normal", name="conv"),
            ReLU(name="relu"),
            MaxPooling2D(2, name="pool"),
            Flatten(name="flatten"),
            Dense(hidden, activation="relu", kernel_initializer="he_normal", name="hidden"),
            Dense(classes, kernel_initializer="he_normal", name="logits"),
        ],
        input_shape=input_shape,
        seed=seed,
        name="simple_convnet",
    )
