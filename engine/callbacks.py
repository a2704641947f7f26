"""Callbacks: plain objects the training loop calls. Every hook is optional:

    on_train_begin(model)
    on_step_end(record, model)        # record: StepRecord
    on_epoch_end(record, model)       # record: EpochRecord
    on_train_end(model)

To stop training a callback sets `model.stop_training = True` (and `model.stop_reason`).
Monitored names: 'loss', 'val_loss', a metric ('accuracy') or 'val_' + a metric.
"""

from __future__ import annotations

import math
import os


class Callback:
    """Every hook a no-op: subclass and override the ones you need."""

    def on_train_begin(self, model) -> None:
        pass

    def on_step_end(self, record, model) -> None:
        pass

    def on_epoch_end(self, record, model) -> None:
        pass

    def on_train_end(self, model) -> None:
        pass


def monitored_value(record, monitor: str) -> float | None:
    """Look up 'loss', 'val_loss', 'accuracy', 'val_accuracy', … in an EpochRecord."""
    if monitor == "loss":
        return record.loss
    if monitor == "val_loss":
        return record.val_loss
    if monitor.startswith("val_"):
        return (record.val_metrics or {}).get(monitor[4:])
    return record.metrics.get(monitor)


def _mode(monitor: str, mode: str) -> str:
    if mode not in ("auto", "min", "max"):
        raise ValueError(f"mode must be 'auto', 'min' or 'max', got {mode!r}")
    if mode != "auto":
        return mode
    return "max" if any(k in monitor for k in ("acc", "auc", "precision", "recall")) else "min"


class _Monitor(Callback):
    def __init__(self, monitor: str, mode: str, min_delta: float) -> None:
        self.monitor = monitor
        self.mode = _mode(monitor, mode)
        self.min_delta = abs(float(min_delta))
        self.best: float | None = None

    def _improved(self, value: float) -> bool:
        if self.best is None:
            return True
        if self.mode == "min":
            return value < self.best - self.min_delta
        return value > self.best + self.min_delta

    def _value(self, record) -> float | None:
        value = monitored_value(record, self.monitor)
        if value is None or (isinstance(value, float) and math.isnan(value)):
            return None
        return float(value)


class History(Callback):
    """Keras-style history: `history["loss"]`, `history["val_accuracy"]`, … per epoch."""

    def __init__(self) -> None:
        self.history: dict[str, list[float]] = {}
        self.epochs: list = []

    def on_epoch_end(self, record, model):
        self.epochs.append(record)
        values = {"loss": record.loss, "lr": record.lr, **record.metrics}
        if record.val_loss is not None:
            values["val_loss"] = record.val_loss
        for k, v in (record.val_metrics or {}).items():
            values[f"val_{k}"] = v
        for k, v in values.items():
            self.history.setdefault(k, []).append(v)

    def __getitem__(self, key):
        return self.history[key]


class EarlyStopping(_Monitor):
    """Stop when `monitor` has not improved for `patience` epochs; optionally put back the
    weights of the best epoch (when training stops, or ends, after a worse epoch)."""

    def __init__(
        self, monitor="val_loss", patience=3, min_delta=0.0, mode="auto", restore_best_weights=False
    ):
        super().__init__(monitor, mode, min_delta)
        if patience < 0:
            raise ValueError(f"EarlyStopping: patience must be >= 0, got {patience!r}")
        self.patience = int(patience)
        self.restore_best_weights = bool(restore_best_weights)
        self.wait = 0
        self.best_epoch: int | None = None
        self.best_weights = None
        self.stopped_epoch: int | None = None

    def on_train_begin(self, model):
        self.wait, self.best, self.best_epoch, self.best_weights = 0, None, None, None
        self.stopped_epoch = None

    def on_epoch_end(self, record, model):
        value = self._value(record)
        if value is None:
            return
        if self._improved(value):
            self.best, self.best_epoch, self.wait = value, record.epoch, 0
            if self.restore_best_weights:
                self.best_weights = model.get_weights()
            return
        self.wait += 1
        if self.wait >= self.patience:
            self.stopped_epoch = record.epoch
            model.stop_training = True
            model.stop_reason = (
                f"early stopping: {self.monitor} has not improved for {self.wait} epochs "
                f"(best {self.best:.4g} at epoch {self.best_epoch})"
            )

    def on_train_end(self, model):
        if self.restore_best_weights and self.best_weights is not None:
            model.set_weights(self.best_weights)


class ModelCheckpoint(_Monitor):
    """Save the weights (.npz) after each epoch, or only when `monitor` improved."""

    def __init__(self, path, monitor="val_loss", save_best_only=True, mode="auto", min_delta=0.0):
        super().__init__(monitor, mode, min_delta)
        self.path = os.fspath(path)
        self.save_best_only = bool(save_best_only)
        self.saved_epochs: list[int] = []

    def on_train_begin(self, model):
        self.best = None

    def on_epoch_end(self, record, model):
        if self.save_best_only:
            value = self._value(record)
            if value is None or not self._improved(value):
                return
            self.best = value
        path = self.path.format(epoch=record.epoch)
        model.save_weights(path)
        self.saved_epochs.append(record.epoch)


class ReduceLROnPlateau(_Monitor):
    """Multiply the learning rate by `factor` when `monitor` stalls for `patience` epochs."""

    def __init__(
        self,
        monitor="val_loss",
        factor=0.1,
        patience=10,
        min_lr=0.0,
        mode="auto",
        min_delta=1e-4,
        cooldown=0,
    ):
        super().__init__(monitor, mode, min_delta)
        if not 0 < factor < 1:
            raise ValueError(f"ReduceLROnPlateau: factor must be in (0, 1), got {factor!r}")
        self.factor, self.patience, self.min_lr = float(factor), int(patience), float(min_lr)
        self.cooldown = int(cooldown)
        self.wait = 0
        self.cooldown_left = 0
        self.reductions: list[tuple[int, float]] = []

    def on_train_begin(self, model):
        self.best, self.wait, self.cooldown_left = None, 0, 0

    def on_epoch_end(self, record, model):
        value = self._value(record)
        if value is None:
            return
        if self.cooldown_left > 0:
            self.cooldown_left -= 1
            self.wait = 0
        if self._improved(value):
            self.best, self.wait = value, 0
            return
        if self.cooldown_left > 0:
            return
        self.wait += 1
        if self.wait >= self.patience:
            opt = model.optimizer
            old = opt.lr
            new = max(old * self.factor, self.min_lr)
            if new < old and old > 0:
                opt.lr_scale *= new / old
                self.reductions.append((record.epoch, float(new)))
            self.wait = 0
            self.cooldown_left = self.cooldown
