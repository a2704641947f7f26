"""The SimpleConvNet reaches ≥ 88 % test accuracy on Fashion-MNIST within 3 epochs."""

from __future__ import annotations

import pytest

from dltutor.engine import EpochRecord
from dltutor.engine.data import DatasetNotFoundError, load_fashion_mnist
from dltutor.engine.nets import simple_convnet
from dltutor.engine.optimizers import Adam


@pytest.mark.data
@pytest.mark.slow
def test_simple_convnet_fashion_mnist_three_epochs(require_data):
    try:
        (x_train, y_train), (x_test, y_test) = load_fashion_mnist()
    except DatasetNotFoundError as exc:
        require_data(exc)
    model = simple_convnet(seed=0)
    model.compile("softmax_cross_entropy", Adam(1e-3), metrics=["accuracy"])
    epochs = [
        r
        for r in model.fit(x_train, y_train, epochs=3, batch_size=100, seed=0)
        if isinstance(r, EpochRecord)
    ]
    assert len(epochs) == 3
    accuracy = model.evaluate(x_test, y_test, batch_size=1000)["accuracy"]
    print(f"Fashion-MNIST test accuracy after 3 epochs: {accuracy:.4f}")
    assert accuracy >= 0.88
