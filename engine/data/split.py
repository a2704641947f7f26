"""Train / validation splits, K-fold, and normalisation with training statistics."""

from __future__ import annotations

from collections.abc import Iterator

import numpy as np


def train_val_split(x, y, val_fraction: float = 0.2, seed: int | None = 0, shuffle: bool = True):
    """((x_train, y_train), (x_val, y_val)). `shuffle=False` keeps order (time series: the
    validation part is the most recent)."""
    if not 0 < val_fraction < 1:
        raise ValueError(f"val_fraction must be in (0, 1), got {val_fraction!r}")
    n = len(x)
    if len(y) != n:
        raise ValueError(f"x has {n} samples but y has {len(y)}")
    n_val = max(1, int(round(n * val_fraction)))
    order = np.random.default_rng(seed).permutation(n) if shuffle else np.arange(n)
    tr, va = order[: n - n_val], order[n - n_val :]
    return (x[tr], y[tr]), (x[va], y[va])


def kfold_indices(
    n: int, k: int = 5, shuffle: bool = True, seed: int | None = 0
) -> Iterator[tuple[np.ndarray, np.ndarray]]:
    """(train_idx, val_idx) for each of the K folds; every sample is validated exactly once."""
    if not 2 <= k <= n:
        raise ValueError(f"k must be between 2 and the number of samples ({n}), got {k!r}")
    order = np.random.default_rng(seed).permutation(n) if shuffle else np.arange(n)
    folds = np.array_split(order, k)
    for i in range(k):
        val = folds[i]
        train = np.concatenate([folds[j] for j in range(k) if j != i])
        yield train, val


def iterated_kfold_indices(n: int, k: int = 4, repeats: int = 3, seed: int = 0):
    """K-fold repeated `repeats` times with a different shuffle each time."""
    for r in range(repeats):
        yield from kfold_indices(n, k, shuffle=True, seed=seed + r)


class Standardizer:
    """Feature-wise (x − mean) / std with the statistics of the training data only."""

    def __init__(self, axis=0, epsilon: float = 1e-8) -> None:
        self.axis = axis
        self.epsilon = epsilon
        self.mean = None
        self.std = None

    def fit(self, x) -> Standardizer:
        x = np.asarray(x, dtype=np.float64)
        self.mean = x.mean(axis=self.axis, keepdims=True)
        self.std = x.std(axis=self.axis, keepdims=True)
        return self

    def transform(self, x) -> np.ndarray:
        if self.mean is None:
            raise RuntimeError("Standardizer: call fit(x_train) first")
        return ((np.asarray(x) - self.mean) / (self.std + self.epsilon)).astype(np.float32)

    def fit_transform(self, x) -> np.ndarray:
        return self.fit(x).transform(x)

    def inverse_transform(self, x) -> np.ndarray:
        return np.asarray(x) * (self.std + self.epsilon) + self.mean


def normalize(x_train, *others):
    """Standardise x_train and any other arrays with x_train's mean and std."""
    s = Standardizer().fit(x_train)
    return (s.transform(x_train), *(s.transform(o) for o in others))


def one_hot(labels, num_classes: int | None = None) -> np.ndarray:
    labels = np.asarray(labels, dtype=np.int64)
    k = int(labels.max()) + 1 if num_classes is None else num_classes
    out = np.zeros((labels.size, k), dtype=np.float32)
    out[np.arange(labels.size), labels.reshape(-1)] = 1
    return out
