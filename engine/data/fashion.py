"""Fashion-MNIST from the IDX files (gzip or plain).

Default location: /usr/share/datasets/fashion-mnist/ (created by
`apt-get install dataset-fashion-mnist`); `data_dir` points elsewhere. Every file is checked
(magic number, dimensions, counts, length) and a missing or damaged file is a clear error.
"""

from __future__ import annotations

import functools
import gzip
import os
import struct
from pathlib import Path

import numpy as np

DEFAULT_DIR = Path("/usr/share/datasets/fashion-mnist")
INSTALL_HINT = "install it with `apt-get install dataset-fashion-mnist` or pass --data-dir DIR"
CLASS_NAMES = (
    "T-shirt/top",
    "Trouser",
    "Pullover",
    "Dress",
    "Coat",
    "Sandal",
    "Shirt",
    "Sneaker",
    "Bag",
    "Ankle boot",
)
FILES = {
    "train": ("train-images-idx3-ubyte", "train-labels-idx1-ubyte", 60000),
    "test": ("t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte", 10000),
}


class DatasetNotFoundError(FileNotFoundError):
    """The data set is not where we looked; the message says how to get it."""


class DatasetCorruptError(ValueError):
    """A data file exists but is truncated or not what it claims to be."""


def _find(directory: Path, stem: str) -> Path:
    for name in (stem + ".gz", stem):
        path = directory / name
        if path.is_file():
            return path
    raise DatasetNotFoundError(
        f"Fashion-MNIST file {stem}.gz not found in {directory}; {INSTALL_HINT}"
    )


def _read_bytes(path: Path) -> bytes:
    try:
        if path.suffix == ".gz":
            with gzip.open(path, "rb") as f:
                return f.read()
        return path.read_bytes()
    except (OSError, EOFError, gzip.BadGzipFile) as exc:
        raise DatasetCorruptError(
            f"{path} is damaged ({exc}); reinstall with "
            "`apt-get install --reinstall dataset-fashion-mnist` or download it again"
        ) from None


def read_idx(
    path: str | os.PathLike, expected_magic: int, expected_count: int | None = None
) -> np.ndarray:
    """Parse one IDX file (uint8 data): magic 2049 = labels (N,), 2051 = images (N, rows, cols)."""
    path = Path(path)
    data = _read_bytes(path)
    ndim = {2049: 1, 2051: 3}[expected_magic]
    header = 4 + 4 * ndim
    if len(data) < header:
        raise DatasetCorruptError(f"{path} is too short ({len(data)} bytes) to be an IDX file")
    magic = struct.unpack(">I", data[:4])[0]
    if magic != expected_magic:
        raise DatasetCorruptError(f"{path}: IDX magic number {magic}, expected {expected_magic}")
    dims = struct.unpack(">" + "I" * ndim, data[4:header])
    if expected_count is not None and dims[0] != expected_count:
        raise DatasetCorruptError(f"{path}: {dims[0]} items, expected {expected_count}")
    if ndim == 3 and dims[1:] != (28, 28):
        raise DatasetCorruptError(f"{path}: images are {dims[1]}×{dims[2]}, expected 28×28")
    size = int(np.prod(dims))
    if len(data) != header + size:
        raise DatasetCorruptError(
            f"{path}: {len(data) - header} bytes of data, expected {size} (truncated or damaged file)"
        )
    return np.frombuffer(data, dtype=np.uint8, offset=header).reshape(dims)


@functools.lru_cache(maxsize=4)
def _load_raw(directory: str, split: str) -> tuple[np.ndarray, np.ndarray]:
    images_stem, labels_stem, count = FILES[split]
    d = Path(directory)
    images = read_idx(_find(d, images_stem), 2051, count)
    labels = read_idx(_find(d, labels_stem), 2049, count)
    if labels.max() > 9:
        raise DatasetCorruptError(f"{d}: labels outside 0..9 in {labels_stem}")
    return images, labels


def resolve_dir(data_dir: str | os.PathLike | None = None) -> Path:
    """The directory to read: `data_dir` if given, else the default install location."""
    d = Path(data_dir) if data_dir is not None else DEFAULT_DIR
    if not d.is_dir():
        where = (
            f"directory {d} does not exist"
            if data_dir is not None
            else f"Fashion-MNIST is not installed ({d} is missing)"
        )
        raise DatasetNotFoundError(f"{where}; {INSTALL_HINT}")
    return d


def is_available(data_dir: str | os.PathLike | None = None) -> bool:
    try:
        d = resolve_dir(data_dir)
        for images_stem, labels_stem, _ in FILES.values():
            _find(d, images_stem)
            _find(d, labels_stem)
    except DatasetNotFoundError:
        return False
    return True


def load_fashion_mnist(
    data_dir=None, flatten: bool = False, normalize: bool = True, limit: int | None = None
):
    """((x_train, y_train), (x_test, y_test)).

    x: float32 (N, 1, 28, 28) scaled to [0, 1] (or (N, 784) with `flatten`, or uint8 with
    `normalize=False`); y: int64 class indices, see CLASS_NAMES. `limit` keeps the first N of
    each split (quick labs)."""
    d = str(resolve_dir(data_dir).resolve())
    out = []
    for split in ("train", "test"):
        images, labels = _load_raw(d, split)
        if limit is not None:
            images, labels = images[:limit], labels[:limit]
        x = images.astype(np.float32) / 255.0 if normalize else images.copy()
        x = x.reshape(len(x), 784) if flatten else x.reshape(len(x), 1, 28, 28)
        out.append((x, labels.astype(np.int64)))
    return tuple(out)
