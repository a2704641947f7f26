"""What the image recipes (fashion-cnn, digits-cnn, mnist-cnn) share: training loop, card.

Consumes the engine's `fit` generator one epoch at a time so that each epoch can see
freshly shifted (or, given `augment`, freshly augmented) copies of the training images,
keeps the weights of the epoch with the best validation accuracy, checkpoints every epoch,
and forwards every record to `progress`. The test split is never looked at here.
"""

from __future__ import annotations

import math
import os
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np

from dltutor.engine.zoo.events import say


def random_shift(x: np.ndarray, max_shift: int, rng: np.random.Generator) -> np.ndarray:
    """Each (C, H, W) image moved by up to `max_shift` pixels (zero fill), in one pass."""
    if max_shift <= 0:
        return x
    n, _, h, w = x.shape
    m = max_shift
    padded = np.zeros((n, x.shape[1], h + 2 * m, w + 2 * m), dtype=x.dtype)
    padded[:, :, m : m + h, m : m + w] = x
    dy = rng.integers(0, 2 * m + 1, n)
    dx = rng.integers(0, 2 * m + 1, n)
    out = np.empty_like(x)
    for oy in range(2 * m + 1):  # group by offset: (2m+1)^2 vectorised copies
        for ox in range(2 * m + 1):
            idx = np.flatnonzero((dy == oy) & (dx == ox))
            if idx.size:
                out[idx] = padded[idx, :, oy : oy + h, ox : ox + w]
    return out


def image_card_fields(
    labels: list[str], size: int, margin: float, description: str
) -> dict[str, Any]:
    """The card fields of a grey (1, size, size) image classifier fed values in [0, 1];
    `margin` and `size` tell `prepare_image` how to make a photo look like the data."""
    return {
        "task": "image-classification",
        "labels": labels,
        "input_spec": {
            "name": "image",
            "dtype": "float32",
            "shape": ["batch", 1, size, size],
            "layout": "NCHW",
            "range": [0.0, 1.0],
        },
        "preprocessing": {
            "kind": "image",
            "size": [size, size],
            "channels": 1,
            "margin": margin,
            "invert": "auto",
            "scale": 1.0,
            "shift": 0.0,
            "description": description,
        },
    }


def checkpoint_dir(name: str) -> Path:
    root = os.environ.get("DLTUTOR_CHECKPOINT_DIR") or os.path.join(
        tempfile.gettempdir(), "dltutor-checkpoints"
    )
    path = Path(root) / name
    path.mkdir(parents=True, exist_ok=True)
    return path


def train_images(
    name: str,
    model: Any,
    x_train: np.ndarray,
    y_train: np.ndarray,
    x_val: np.ndarray,
    y_val: np.ndarray,
    *,
    epochs: int,
    batch_size: int,
    lr: float,
    shift: int,
    seed: int,
    progress: Any = None,
    max_steps: int | None = None,
    min_lr_fraction: float = 0.05,
    augment: Callable[[np.ndarray, np.random.Generator], np.ndarray] | None = None,
    augmentation: str | None = None,
) -> dict[str, Any]:
    """Train with Adam + cosine decay of the learning rate; returns a training summary."""
    from dltutor.engine.optimizers import Adam
    from dltutor.engine.training import EpochRecord, StepRecord

    model.compile(loss="softmax_cross_entropy", optimizer=Adam(lr), metrics=["accuracy"])
    rng = np.random.default_rng(seed + 1)
    ckpt = checkpoint_dir(name)
    best = (-1.0, 0)
    best_weights = None
    history = []
    started = time.perf_counter()
    steps_done = 0
    for epoch in range(1, epochs + 1):
        frac = (epoch - 1) / max(1, epochs - 1)
        model.optimizer.lr_scale = min_lr_fraction + (1 - min_lr_fraction) * 0.5 * (
            1 + math.cos(math.pi * frac)
        )
        xa = augment(x_train, rng) if augment else random_shift(x_train, shift, rng)
        remaining = None if max_steps is None else max(1, max_steps - steps_done)
        for record in model.fit(
            xa,
            y_train,
            epochs=1,
            batch_size=batch_size,
            validation_data=(x_val, y_val),
            seed=seed * 1000 + epoch,
            max_steps=remaining,
        ):
            if isinstance(record, StepRecord):
                steps_done += 1
                if record.batch % 20 == 0 or record.batch == record.batches:
                    say(
                        progress,
                        "train",
                        f"epoch {epoch}/{epochs} "
                        f"batch {record.batch}/{record.batches} loss {record.loss:.4f}",
                        epoch=epoch,
                        epochs=epochs,
                        step=record.batch,
                        steps=record.batches,
                        loss=record.loss,
                        metrics=dict(record.metrics),
                    )
            elif isinstance(record, EpochRecord):
                val_acc = float((record.val_metrics or {}).get("accuracy", float("nan")))
                history.append(
                    {
                        "epoch": epoch,
                        "loss": round(record.loss, 5),
                        "accuracy": round(float(record.metrics.get("accuracy", 0)), 5),
                        "val_loss": round(float(record.val_loss or 0), 5),
                        "val_accuracy": round(val_acc, 5),
                        "lr": record.lr,
                        "seconds": round(record.elapsed, 1),
                    }
                )
                if val_acc > best[0]:
                    best = (val_acc, epoch)
                    best_weights = model.get_weights()
                model.save_weights(ckpt / f"epoch-{epoch:02d}.npz")
                say(
                    progress,
                    "train",
                    f"epoch {epoch}/{epochs}: loss {record.loss:.4f}, val accuracy {val_acc:.4f}",
                    epoch=epoch,
                    epochs=epochs,
                    loss=record.loss,
                    metrics={"val_accuracy": val_acc},
                )
        if max_steps is not None and steps_done >= max_steps:
            break
    if best_weights is not None:
        model.set_weights(best_weights)
    return {
        "epochs": len(history),
        "best_epoch": best[1],
        "val_accuracy": round(best[0], 5),
        "optimizer": "Adam",
        "lr": lr,
        "lr_schedule": "cosine to 5%",
        "batch_size": batch_size,
        "augmentation": augmentation or (f"random shifts up to {shift} px" if shift else "none"),
        "n_train": int(len(x_train)),
        "n_val": int(len(x_val)),
        "seconds": round(time.perf_counter() - started, 1),
        "history": history,
    }
