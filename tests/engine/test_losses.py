"""Losses: gradients against central differences; values against the textbook formulas."""

from __future__ import annotations

import numpy as np
import pytest

from dltutor.engine import functions as F
from dltutor.engine import gradcheck_loss, losses, metrics

rng = np.random.default_rng(0)
Z = rng.standard_normal((6, 4))
LABELS = np.array([0, 3, 1, 2, 2, 0])


@pytest.mark.parametrize(
    "loss, targets",
    [
        (losses.SoftmaxCrossEntropy(), LABELS),
        (losses.SoftmaxCrossEntropy(), np.eye(4)[LABELS]),
        (losses.SigmoidBinaryCrossEntropy(), (rng.random((6, 4)) > 0.5).astype(float)),
        (losses.MeanSquaredError(), rng.standard_normal((6, 4))),
    ],
)
def test_loss_gradients(loss, targets):
    assert gradcheck_loss(loss, Z, targets) <= 1e-6


def test_softmax_cross_entropy_matches_textbook_and_is_stable():
    loss = losses.SoftmaxCrossEntropy()
    value = loss.forward(Z, LABELS)
    assert value == pytest.approx(F.cross_entropy_error(F.softmax(Z), LABELS, delta=0), rel=1e-9)
    assert loss.forward(Z, np.eye(4)[LABELS]) == pytest.approx(value)
    big = np.array([[1000.0, 0.0, -1000.0]])
    assert np.isfinite(loss.forward(big, np.array([0])))


def test_binary_cross_entropy_matches_formula():
    t = np.array([[1.0], [0.0], [1.0]])
    z = np.array([[0.3], [-1.2], [2.0]])
    p = 1 / (1 + np.exp(-z))
    expected = -np.mean(t * np.log(p) + (1 - t) * np.log(1 - p))
    assert losses.SigmoidBinaryCrossEntropy().forward(z, t) == pytest.approx(expected)
    assert np.isfinite(
        losses.SigmoidBinaryCrossEntropy().forward(np.array([[800.0]]), np.array([[0.0]]))
    )


def test_mse_and_metrics():
    y = np.array([[1.0], [2.0], [4.0]])
    t = np.array([1.0, 3.0, 2.0])
    assert losses.MeanSquaredError().forward(y, t) == pytest.approx((0 + 1 + 4) / 3)
    assert metrics.mae(y, t) == pytest.approx(1.0)
    assert metrics.accuracy(np.array([[0.9, 0.1], [0.2, 0.8]]), np.array([0, 0])) == 0.5
    assert metrics.accuracy(np.array([[0.9, 0.1], [0.2, 0.8]]), np.eye(2)) == 1.0
    assert metrics.accuracy(np.array([[0.7], [0.2]]), np.array([1, 1])) == 0.5


def test_loss_names_resolve():
    assert isinstance(losses.get("sparse_categorical_crossentropy"), losses.SoftmaxCrossEntropy)
    assert isinstance(losses.get("binary_crossentropy"), losses.SigmoidBinaryCrossEntropy)
    with pytest.raises(ValueError, match="unknown loss"):
        losses.get("hinge?")
