"""Metrics computed from predictions (probabilities for classifiers) and targets."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np


def accuracy(predictions: np.ndarray, targets: np.ndarray) -> float:
    """Fraction correct. Multi-class: argmax vs integer or one-hot labels. One output column
    (or a 1-D output): a binary classifier, thresholded at 0.5."""
    predictions = np.asarray(predictions)
    targets = np.asarray(targets)
    if predictions.ndim == 1 or predictions.shape[-1] == 1:
        pred = predictions.reshape(-1) > 0.5
        return float(np.mean(pred == (targets.reshape(-1) > 0.5)))
    pred = predictions.argmax(axis=-1)
    if targets.ndim == predictions.ndim and targets.shape[-1] == predictions.shape[-1]:
        targets = targets.argmax(axis=-1)
    return float(np.mean(pred == targets.reshape(pred.shape)))


def binary_accuracy(predictions: np.ndarray, targets: np.ndarray, threshold: float = 0.5) -> float:
    """Element-wise accuracy for multi-label outputs (each column its own yes/no)."""
    return float(np.mean((np.asarray(predictions) > threshold) == (np.asarray(targets) > 0.5)))


def mae(predictions: np.ndarray, targets: np.ndarray) -> float:
    """Mean absolute error."""
    p = np.asarray(predictions)
    return float(np.mean(np.abs(p - np.asarray(targets).reshape(p.shape))))


def mse(predictions: np.ndarray, targets: np.ndarray) -> float:
    """Mean squared error."""
    p = np.asarray(predictions)
    d = p - np.asarray(targets).reshape(p.shape)
    return float(np.mean(d * d))


METRICS: dict[str, Callable[[np.ndarray, np.ndarray], float]] = {
    "accuracy": accuracy,
    "acc": accuracy,
    "binary_accuracy": binary_accuracy,
    "mae": mae,
    "mean_absolute_error": mae,
    "mse": mse,
}


def get(metric) -> tuple[str, Callable[[np.ndarray, np.ndarray], float]]:
    """(name, function) for a metric name or a callable."""
    if callable(metric):
        return getattr(metric, "__name__", "metric"), metric
    if isinstance(metric, str) and metric.lower() in METRICS:
        name = {"acc": "accuracy", "mean_absolute_error": "mae"}.get(metric.lower(), metric.lower())
        return name, METRICS[metric.lower()]
    raise ValueError(f"unknown metric {metric!r}; use one of {sorted(METRICS)} or a function")
