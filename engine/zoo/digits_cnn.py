"""Recipe for `digits-cnn`: a small CNN on scikit-learn's 8x8 digits (>= 98% hold-out accuracy).

Data: `sklearn.datasets.load_digits` (1,797 images, values 0..16). A seeded stratified 20%
is the test hold-out (360 images, used once by `publish`); a stratified 15% of the rest is
the validation split that picks the epoch kept.

    conv 32 3x3 same -> BN -> ReLU -> conv 32 3x3 same -> ReLU -> max-pool 2   8x8 -> 4x4
    flatten -> dense 64 ReLU -> dropout 0.3 -> dense 10
"""

from __future__ import annotations

from typing import Any

import numpy as np

from dltutor.engine.zoo.events import say

NAME = "digits-cnn"
LABELS = [str(i) for i in range(10)]
HYPER = {"epochs": 40, "batch_size": 32, "lr": 2e-3, "shift": 1}


def load(seed: int = 0) -> dict[str, np.ndarray]:
    """The digits as (N, 8, 8) float32 in [0, 1], split into train / val / test (stratified)."""
    from sklearn.datasets import load_digits
    from sklearn.model_selection import train_test_split

    digits = load_digits()
    x = digits.images.astype(np.float32) / np.float32(16.0)
    y = digits.target.astype(np.int64)
    x_rest, x_test, y_rest, y_test = train_test_split(
        x, y, test_size=0.2, stratify=y, random_state=seed
    )
    x_train, x_val, y_train, y_val = train_test_split(
        x_rest, y_rest, test_size=0.15, stratify=y_rest, random_state=seed + 1
    )
    return {
        "train_x": x_train,
        "train_y": y_train,
        "val_x": x_val,
        "val_y": y_val,
        "test_x": x_test,
        "test_y": y_test,
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
            BatchNormalization(),
            ReLU(),
            Conv2D(32, 3, padding="same", kernel_initializer="he_normal"),
            ReLU(),
            MaxPooling2D(2),
            Flatten(),
            Dense(64, activation="relu", kernel_initializer="he_normal"),
            Dropout(0.3),
            Dense(10),
        ],
        seed=seed,
        name=NAME,
    )
    model.build((None, 1, 8, 8))
    return model


def card_fields() -> dict[str, Any]:
    from dltutor.engine.zoo._image_training import image_card_fields

    return image_card_fields(
        LABELS,
        8,
        margin=0.0,  # the 8x8 digits touch the frame
        description="grey, light digit on black, cropped to the digit, padded to a "
        "square, area-averaged down to 8x8, values in [0, 1] (sklearn's 0..16 / 16)",
    )


def train(
    data_dir=None, out_dir=".", seed: int = 0, quick: bool = False, progress=None, **overrides
) -> dict:
    from dltutor.engine.zoo._image_training import train_images
    from dltutor.engine.zoo.publish import publish

    hyper = {**HYPER, **overrides}
    say(progress, "data", "loading the scikit-learn digits")
    d = load(seed)  # bundled with scikit-learn: `data_dir` is not needed
    if quick:
        hyper.update(epochs=1)
        d = {**d, "train_x": d["train_x"][:200], "train_y": d["train_y"][:200]}
    x = {k: v[:, None, :, :] if k.endswith("_x") else v for k, v in d.items()}
    model = build_model(seed)
    summary = train_images(
        NAME,
        model,
        x["train_x"],
        x["train_y"],
        x["val_x"],
        x["val_y"],
        epochs=hyper["epochs"],
        batch_size=hyper["batch_size"],
        lr=hyper["lr"],
        shift=hyper["shift"],
        seed=seed,
        progress=progress,
        max_steps=4 if quick else None,
    )
    return publish(
        NAME,
        model,
        out_dir,
        **card_fields(),
        dataset={
            "name": "UCI optical recognition of handwritten digits (scikit-learn load_digits)",
            "split": f"stratified 20% hold-out (random_state={seed})",
            "n": int(len(x["test_x"])),
            "source": "sklearn.datasets.load_digits",
            "licence": "CC BY 4.0 (UCI); scikit-learn BSD-3-Clause",
            "validation": "stratified 15% of the remaining 80%",
        },
        eval_x=x["test_x"],
        eval_y=x["test_y"],
        metric="accuracy",
        parity_x=x["test_x"][:64],
        seed=seed,
        quick=quick,
        progress=progress,
        training=summary,
    )
