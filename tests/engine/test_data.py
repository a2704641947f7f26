"""Data sets: toy generators, splits, scaling, the Fashion-MNIST reader's checks."""

from __future__ import annotations

import gzip
import struct

import numpy as np
import pytest

from dltutor.engine import data
from dltutor.engine.data import fashion
from dltutor.engine.optimizers import SGD


def test_logic_gates():
    x, y = data.logic_gate("xor")
    assert x.shape == (4, 2) and list(y) == [0, 1, 1, 0]
    assert list(data.logic_gate("nand")[1]) == [1, 1, 1, 0]
    with pytest.raises(ValueError, match="unknown gate"):
        data.logic_gate("xnor?")


@pytest.mark.parametrize("make", [data.spiral, data.moons, data.circles, data.xor])
def test_toy_sets_are_seeded(make):
    (x1, y1), (x2, y2) = make(seed=3), make(seed=3)
    np.testing.assert_array_equal(x1, x2)
    np.testing.assert_array_equal(y1, y2)
    assert x1.dtype == np.float32 and x1.shape[1] == 2 and len(x1) == len(y1)
    assert not np.array_equal(make(seed=4)[0], x1)


def test_bowl_and_its_gradient():
    assert data.bowl(2.0, 1.0) == pytest.approx(4 / 20 + 1)
    assert data.bowl_gradient(2.0, 1.0) == pytest.approx((0.2, 2.0))
    path = data.optimizer_path(SGD(0.9), steps=20)
    assert path.shape == (21, 2) and tuple(path[0]) == data.BOWL_START
    assert data.bowl(*path[-1]) < data.bowl(*path[0])


def test_split_kfold_and_standardizer():
    x = np.arange(100, dtype=np.float32).reshape(50, 2)
    y = np.arange(50)
    (xt, yt), (xv, yv) = data.train_val_split(x, y, 0.2, seed=0)
    assert len(xv) == 10 and len(xt) == 40 and set(yt) | set(yv) == set(y)
    folds = list(data.kfold_indices(50, k=5, seed=0))
    assert len(folds) == 5
    assert sorted(np.concatenate([v for _, v in folds])) == list(range(50))
    for train, val in folds:
        assert not set(train) & set(val)
    s = data.Standardizer().fit(xt)
    z = s.transform(xv)
    np.testing.assert_allclose(s.transform(xt).mean(axis=0), 0, atol=1e-5)
    assert not np.allclose(z.mean(axis=0), 0)  # test data uses the training statistics
    np.testing.assert_allclose(s.inverse_transform(z), xv, rtol=1e-5)
    np.testing.assert_array_equal(data.one_hot([0, 2], 3), [[1, 0, 0], [0, 0, 1]])


def test_sklearn_sets():
    x, y = data.load_digits(images=True)
    assert x.shape == (1797, 1, 8, 8) and x.max() <= 1 and set(y) == set(range(10))
    x, y = data.load_breast_cancer()
    assert x.shape == (569, 30) and set(y) == {0, 1}
    x, y = data.load_diabetes()
    assert x.shape == (442, 10) and y.dtype == np.float32


def write_idx(path, magic, dims, payload: bytes, compress=True):
    raw = struct.pack(">I", magic) + struct.pack(">" + "I" * len(dims), *dims) + payload
    if compress:
        with gzip.open(path, "wb") as f:
            f.write(raw)
    else:
        path.write_bytes(raw)


@pytest.fixture
def small_fashion(tmp_path, monkeypatch):
    """A tiny but well-formed Fashion-MNIST directory (the reader's counts patched down)."""
    monkeypatch.setattr(
        fashion,
        "FILES",
        {
            "train": ("train-images-idx3-ubyte", "train-labels-idx1-ubyte", 120),
            "test": ("t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte", 30),
        },
    )
    fashion._load_raw.cache_clear()
    for split, n in (("train", 120), ("t10k", 30)):
        write_idx(tmp_path / f"{split}-images-idx3-ubyte.gz", 2051, (n, 28, 28), bytes(n * 784))
        labels = (np.arange(n) % 10).astype(np.uint8).tobytes()
        write_idx(tmp_path / f"{split}-labels-idx1-ubyte.gz", 2049, (n,), labels)
    yield tmp_path
    fashion._load_raw.cache_clear()


def test_fashion_reader_on_valid_files(small_fashion):
    (xt, yt), (xs, ys) = data.load_fashion_mnist(small_fashion, limit=100)
    assert xt.shape == (100, 1, 28, 28) and xt.dtype == np.float32 and list(yt[:3]) == [0, 1, 2]
    assert xs.shape == (30, 1, 28, 28)
    assert data.load_fashion_mnist(small_fashion, flatten=True, limit=5)[1][0].shape == (5, 784)


def test_fashion_missing_says_how_to_install(tmp_path):
    with pytest.raises(
        data.DatasetNotFoundError, match="apt-get install dataset-fashion-mnist.*--data-dir"
    ):
        data.load_fashion_mnist(tmp_path / "nowhere")
    with pytest.raises(data.DatasetNotFoundError, match="train-images-idx3-ubyte"):
        data.load_fashion_mnist(tmp_path)


def test_fashion_corrupt_files_are_clear_errors(small_fashion):
    bad = small_fashion / "t10k-labels-idx1-ubyte.gz"
    write_idx(bad, 2049, (30,), bytes(10))  # truncated
    with pytest.raises(data.DatasetCorruptError, match="truncated"):
        data.load_fashion_mnist(small_fashion)
    write_idx(bad, 2051, (30,), bytes(30))  # wrong magic
    fashion._load_raw.cache_clear()
    with pytest.raises(data.DatasetCorruptError, match="magic"):
        data.load_fashion_mnist(small_fashion)
    bad.write_bytes(b"not a gzip file at all")
    fashion._load_raw.cache_clear()
    with pytest.raises(data.DatasetCorruptError, match="damaged"):
        data.load_fashion_mnist(small_fashion)


def test_mnist_split_is_fixed_stratified_and_disjoint() -> None:
    from dltutor.engine.data.mnist import load_mnist, split_indices

    parts = split_indices()
    seen = np.concatenate(list(parts.values()))
    assert len(seen) == len(np.unique(seen)) == 5000
    x, y = load_mnist("test")
    assert x.shape == (1000, 1, 28, 28) and x.dtype == np.float32
    assert np.bincount(y).tolist() == [100] * 10
    assert x.min() >= 0.0 and x.max() <= 1.0
