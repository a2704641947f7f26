"""The training loop as a generator: `fit(model, x, y, ...)` yields records and never prints.

    for record in model.fit(x, y, epochs=3, batch_size=100, validation_data=(xv, yv)):
        if isinstance(record, EpochRecord):
            print(record.epoch, record.loss, record.val_metrics)

- One `StepRecord` after every optimizer step, one `EpochRecord` at the end of each epoch
  (with validation loss / metrics when `validation_data` or `validation_split` is given).
- A UI thread can pull records one at a time and draw between them; `gen.close()` stops
  training cleanly after the current step (callbacks still get `on_train_end`).
- Callbacks (engine.callbacks) are plain objects; when one sets `model.stop_training`, the
  last EpochRecord has `stopped=True` and `stop_reason` says why, and the generator ends.
- Divergence: when the loss becomes NaN or inf the generator raises `TrainingDiverged`
  ("loss became nan at step N — learning rate too high?"). Raising (rather than a flagged
  record) means nobody can miss it; the exception carries `.epoch`, `.step`, `.loss`, `.lr`.
- BLAS runs single-threaded while training unless `blas_threads` says otherwise (see
  engine.threads: small matrices, and spinning BLAS threads fight a UI thread on 2 cores).
- Reproducibility: shuffling uses `numpy.random.default_rng(seed)`; with the model built from
  the same seed, a run is reproducible bit for bit.
"""

from __future__ import annotations

import math
import time
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

import numpy as np

from .threads import blas_threads as limit_blas_threads


class _Record:
    """What both record kinds share: a plain-dict view (metrics copied) for JSON and logs."""

    def as_dict(self) -> dict[str, Any]:
        return {k: (dict(v) if isinstance(v, Mapping) else v) for k, v in self.__dict__.items()}


@dataclass(frozen=True)
class StepRecord(_Record):
    """One optimizer step. `step` counts from 1 over the whole run; `batch` within the epoch."""

    epoch: int
    step: int
    batch: int
    batches: int
    loss: float
    metrics: Mapping[str, float]
    lr: float
    samples_per_s: float
    elapsed: float
    kind: str = "step"


@dataclass(frozen=True)
class EpochRecord(_Record):
    """The end of an epoch: mean training loss / metrics over its batches, validation results."""

    epoch: int
    step: int
    loss: float
    metrics: Mapping[str, float]
    val_loss: float | None
    val_metrics: Mapping[str, float] | None
    lr: float
    samples_per_s: float
    elapsed: float
    stopped: bool = False
    stop_reason: str | None = None
    kind: str = "epoch"


class TrainingDiverged(ArithmeticError):
    """The loss became NaN or inf; the message says where and suggests a lower learning rate."""

    def __init__(self, loss: float, epoch: int, step: int, lr: float) -> None:
        self.loss, self.epoch, self.step, self.lr = loss, epoch, step, lr
        word = "nan" if math.isnan(loss) else "inf"
        super().__init__(
            f"loss became {word} at step {step} — learning rate too high? "
            f"(epoch {epoch}, lr={lr:.3g}; try a smaller one)"
        )


def _split_validation(x, y, validation_split: float):
    if not 0 < validation_split < 1:
        raise ValueError(f"validation_split must be in (0, 1), got {validation_split!r}")
    n_val = max(1, int(round(len(x) * validation_split)))
    # Like Keras: the last samples, before any shuffling.
    return (x[:-n_val], y[:-n_val]), (x[-n_val:], y[-n_val:])


def fit(
    model,
    x: np.ndarray,
    y: np.ndarray,
    *,
    epochs: int = 1,
    batch_size: int = 32,
    validation_data: tuple[np.ndarray, np.ndarray] | None = None,
    validation_split: float = 0.0,
    shuffle: bool = True,
    seed: int | None = 0,
    callbacks: Sequence[Any] = (),
    validation_batch_size: int = 1000,
    max_steps: int | None = None,
    blas_threads: int | None = 1,
) -> Iterator[StepRecord | EpochRecord]:
    """Train `model` (compiled) on (x, y); yields StepRecord / EpochRecord as it goes.

    `max_steps` ends training after that many optimizer steps (the current epoch is closed
    with an EpochRecord), handy for quick labs and tests. `blas_threads` limits BLAS threads
    while training (default 1, see engine.threads; None leaves them alone)."""
    model._require_compiled()
    if epochs < 1 or batch_size < 1:
        raise ValueError(f"epochs and batch_size must be >= 1, got {epochs!r}, {batch_size!r}")
    x = np.asarray(x)
    y = np.asarray(y)
    if len(x) != len(y):
        raise ValueError(f"x has {len(x)} samples but y has {len(y)}")
    if validation_split and validation_data is None:
        (x, y), validation_data = _split_validation(x, y, validation_split)
    if len(x) == 0:
        raise ValueError("no training samples")
    if x.dtype.kind not in "iu" and x.dtype != model.dtype:  # token ids stay integers
        x = x.astype(model.dtype)
    model._ensure_built(x[:1])
    return _loop(
        model,
        x,
        y,
        epochs,
        batch_size,
        validation_data,
        shuffle,
        seed,
        list(callbacks),
        validation_batch_size,
        max_steps,
        blas_threads,
    )


def _call(callbacks, hook: str, *args) -> None:
    for cb in callbacks:
        fn = getattr(cb, hook, None)
        if fn is not None:
            fn(*args)


def _loop(
    model,
    x,
    y,
    epochs,
    batch_size,
    validation_data,
    shuffle,
    seed,
    callbacks,
    validation_batch_size,
    max_steps,
    blas_threads_limit,
):
    rng = np.random.default_rng(seed)
    n = len(x)
    batches = math.ceil(n / batch_size)
    model.stop_training = False
    model.stop_reason = None
    start = time.perf_counter()
    step = 0
    # The limit holds while the generator is suspended too; it is lifted when training ends.
    with limit_blas_threads(blas_threads_limit):
        _call(callbacks, "on_train_begin", model)
        try:
            for epoch in range(1, epochs + 1):
                order = rng.permutation(n) if shuffle else np.arange(n)
                epoch_start = time.perf_counter()
                loss_sum, metric_sums, seen = 0.0, {}, 0
                for b in range(batches):
                    idx = order[b * batch_size : (b + 1) * batch_size]
                    t0 = time.perf_counter()
                    lr = model.optimizer.lr
                    # Overflow on the way to a NaN is reported below as TrainingDiverged.
                    with np.errstate(over="ignore", invalid="ignore"):
                        loss, metrics = model.train_step(x[idx], y[idx])
                    step += 1
                    if not math.isfinite(loss):
                        raise TrainingDiverged(loss, epoch, step, lr)
                    now = time.perf_counter()
                    m = len(idx)
                    loss_sum += loss * m
                    for k, v in metrics.items():
                        metric_sums[k] = metric_sums.get(k, 0.0) + v * m
                    seen += m
                    record = StepRecord(
                        epoch=epoch,
                        step=step,
                        batch=b + 1,
                        batches=batches,
                        loss=loss,
                        metrics=metrics,
                        lr=lr,
                        samples_per_s=m / max(now - t0, 1e-9),
                        elapsed=now - start,
                    )
                    _call(callbacks, "on_step_end", record, model)
                    yield record
                    if model.stop_training or (max_steps is not None and step >= max_steps):
                        break
                train_time = time.perf_counter() - epoch_start
                val_loss = val_metrics = None
                if validation_data is not None:
                    result = model.evaluate(*validation_data, batch_size=validation_batch_size)
                    val_loss = result.pop("loss")
                    val_metrics = result
                record = EpochRecord(
                    epoch=epoch,
                    step=step,
                    loss=loss_sum / seen,
                    metrics={k: v / seen for k, v in metric_sums.items()},
                    val_loss=val_loss,
                    val_metrics=val_metrics,
                    lr=model.optimizer.lr,
                    samples_per_s=seen / max(train_time, 1e-9),
                    elapsed=time.perf_counter() - start,
                )
                _call(callbacks, "on_epoch_end", record, model)
                if max_steps is not None and step >= max_steps and not model.stop_training:
                    model.stop_training = True
                    model.stop_reason = f"reached max_steps={max_steps}"
                if model.stop_training:
                    record = replace(
                        record,
                        stopped=True,
                        stop_reason=model.stop_reason or "stopped by a callback",
                    )
                    yield record
                    break
                yield record
        finally:
            _call(callbacks, "on_train_end", model)


def train(model, x, y, **kwargs) -> list[EpochRecord]:
    """Run `fit` to the end and return its epoch records (for scripts and tests)."""
    return [r for r in fit(model, x, y, **kwargs) if isinstance(r, EpochRecord)]
