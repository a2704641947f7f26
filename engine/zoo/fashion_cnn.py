"""Recipe for `fashion-cnn`: a small VGG-style CNN on Fashion-MNIST (>= 92% test accuracy).

Data: the official 60k/10k split; 5,000 training images (seeded) are held out for
validation, which picks the epoch kept; the test split is used once, by `publish`.
Architecture (about 6 M multiply-adds per image, so it trains on 2 CPU cores):

    conv 32 3x3 same -> max-pool 2 -> BN -> ReLU          28x28 -> 14x14
    conv 64 3x3 same -> max-pool 2 -> BN -> ReLU          14x14 -> 7x7
    conv 64 3x3 same -> BN -> ReLU                        7x7
    flatten -> dense 128 ReLU -> dropout 0.4 -> dense 10

Pooling comes before batch norm (normalising a quarter of the values is cheaper). Adam
(lr 2e-3, batch 256) with the learning rate cosine-decayed to 5% over 10 epochs; every
epoch sees the training images shifted at random by up to 1 pixel. About 20-45 minutes on
2 shared CPU cores (single-threaded BLAS is faster there: OPENBLAS_NUM_THREADS=1).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np

from dltutor.engine.data.fashion import CLASS_NAMES
from dltutor.engine.zoo.events import say

NAME = "fashion-cnn"
LABELS = list(CLASS_NAMES)
HYPER = {"epochs": 10, "batch_size": 256, "lr": 2e-3, "shift": 1, "n_val": 5000}


def load(data_dir: str | Path | None = None) -> dict[str, np.ndarray]:
    """Fashion-MNIST as uint8 (N, 28, 28) images and int64 labels (the engine's loader)."""
    from dltutor.engine.data import load_fashion_mnist

    (xtr, ytr), (xte, yte) = load_fashion_mnist(data_dir=data_dir, normalize=False)
    u8 = lambda a: np.asarray(a).reshape(-1, 28, 28).astype(np.uint8)  # noqa: E731
    return {
        "train_x": u8(xtr),
        "train_y": np.asarray(ytr, np.int64),
        "test_x": u8(xte),
        "test_y": np.asarray(yte, np.int64),
    }


def build_model(seed: int = 0):
    from dltutor.engine.layers import (
        BatchNormalization,
        Conv2D,
        Dense,
        Dropout,
        Flatten,
        MaxPooling2D,
        ReLU,
    )
    from dltutor.engine.model import Sequential

    model = Sequential(
        [
            Conv2D(32, 3, padding="same", kernel_initializer="he_normal"),
            MaxPooling2D(2),
            BatchNormalization(),
            ReLU(),
            Conv2D(64, 3, padding="same", kernel_initializer="he_normal"),
            MaxPooling2D(2),
            BatchNormalization(),
            ReLU(),
            Conv2D(64, 3, padding="same", kernel_initializer="he_normal"),
            BatchNormalization(),
            ReLU(),
            Flatten(),
            Dense(128, activation="relu", kernel_initializer="he_normal"),
            Dropout(0.4),
            Dense(10),
        ],
        seed=seed,
        name=NAME,
    )
    model.build((None, 1, 28, 28))
    return model


def to_input(images_u8: np.ndarray) -> np.ndarray:
    """uint8 (N, 28, 28) -> the model's float32 (N, 1, 28, 28) in [0, 1]."""
    return (images_u8.astype(np.float32) / np.float32(255.0))[:, None, :, :]


def split(data: dict[str, np.ndarray], seed: int, n_val: int):
    rng = np.random.default_rng(seed)
    order = rng.permutation(len(data["train_x"]))
    val, train = order[:n_val], order[n_val:]
    return (
        to_input(data["train_x"][train]),
        data["train_y"][train],
        to_input(data["train_x"][val]),
        data["train_y"][val],
    )


def card_fields() -> dict[str, Any]:
    from dltutor.engine.zoo._image_training import image_card_fields

    return image_card_fields(
        LABELS,
        28,
        margin=0.04,
        description="grey, light object on a black background, cropped to the object, "
        "padded to a square with a 4% margin, resized to 28x28, values in [0, 1] (pixel / 255)",
    )


def train(
    data_dir=None, out_dir=".", seed: int = 0, quick: bool = False, progress=None, **overrides
) -> dict:
    from dltutor.engine.zoo._image_training import train_images

    hyper = {**HYPER, **overrides}
    say(progress, "data", "loading Fashion-MNIST")
    data = load(data_dir)
    if quick:
        rng = np.random.default_rng(seed)
        pick = rng.permutation(len(data["train_x"]))[:600]
        data = {
            **data,
            "train_x": data["train_x"][pick],
            "train_y": data["train_y"][pick],
            "test_x": data["test_x"][:200],
            "test_y": data["test_y"][:200],
        }
        hyper.update(epochs=1, n_val=100, batch_size=50)
    x_train, y_train, x_val, y_val = split(data, seed, hyper["n_val"])
    model = build_model(seed)
    summary = train_images(
        NAME,
        model,
        x_train,
        y_train,
        x_val,
        y_val,
        epochs=hyper["epochs"],
        batch_size=hyper["batch_size"],
        lr=hyper["lr"],
        shift=hyper["shift"],
        seed=seed,
        progress=progress,
        max_steps=4 if quick else None,
    )
    return publish_model(
        model, data, out_dir, seed=seed, quick=quick, progress=progress, training=summary
    )


def publish_model(model, data, out_dir, *, seed=0, quick=False, progress=None, training=None):
    from dltutor.engine.zoo.publish import publish

    x_test = to_input(data["test_x"])
    return publish(
        NAME,
        model,
        out_dir,
        **card_fields(),
        dataset={
            "name": "Fashion-MNIST",
            "split": "test (official t10k)",
            "n": int(len(x_test)),
            "source": "github.com/zalandoresearch/fashion-mnist (Debian package "
            "dataset-fashion-mnist)",
            "licence": "MIT",
            "validation": "5,000 seeded images held out of train",
        },
        eval_x=x_test,
        eval_y=data["test_y"],
        metric="accuracy",
        parity_x=x_test[:64],
        seed=seed,
        quick=quick,
        progress=progress,
        training=training,
    )
