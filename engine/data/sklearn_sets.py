"""Small real data sets bundled with scikit-learn (imported only when asked for)."""

from __future__ import annotations

import numpy as np


def load_digits(images: bool = False) -> tuple[np.ndarray, np.ndarray]:
    """1,797 handwritten digits, 8×8, pixel values 0..16 scaled to [0, 1].

    Returns (x, y): x is (N, 64), or (N, 1, 8, 8) with `images=True`; y integers 0..9."""
    from sklearn.datasets import load_digits as _load

    d = _load()
    x = (d.data / 16.0).astype(np.float32)
    if images:
        x = x.reshape(-1, 1, 8, 8)
    return x, d.target.astype(np.int64)


def load_breast_cancer() -> tuple[np.ndarray, np.ndarray]:
    """569 tumours, 30 features, label 1 = benign (binary classification). Not normalised."""
    from sklearn.datasets import load_breast_cancer as _load

    d = _load()
    return d.data.astype(np.float32), d.target.astype(np.int64)


def load_diabetes() -> tuple[np.ndarray, np.ndarray]:
    """442 patients, 10 features (already centred and scaled), target: disease progression
    after one year (regression, roughly 25..346)."""
    from sklearn.datasets import load_diabetes as _load

    d = _load()
    return d.data.astype(np.float32), d.target.astype(np.float32)
