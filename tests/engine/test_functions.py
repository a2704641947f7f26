"""The DLFS-style plain functions used by lessons."""

from __future__ import annotations

import numpy as np
import pytest

from dltutor.engine import functions as F


def test_activations():
    x = np.array([-2.0, 0.0, 3.0])
    np.testing.assert_array_equal(F.step_function(x), [0, 0, 1])
    np.testing.assert_allclose(F.sigmoid(x), 1 / (1 + np.exp(-x)))
    np.testing.assert_array_equal(F.relu(x), [0, 0, 3])
    np.testing.assert_allclose(F.leaky_relu(x, 0.1), [-0.2, 0, 3])
    np.testing.assert_allclose(F.tanh(x), np.tanh(x))
    np.testing.assert_array_equal(F.identity(x), x)
    assert np.isfinite(F.sigmoid(np.array([-1000.0, 1000.0]))).all()


def test_softmax_is_stable_where_the_naive_one_overflows():
    x = np.array([1010.0, 1000.0, 990.0])
    with np.errstate(all="ignore"):
        assert np.isnan(F.softmax_naive(x)).any()
    y = F.softmax(x)
    assert y.sum() == pytest.approx(1.0)
    np.testing.assert_allclose(y, F.softmax(x - 1000))


def test_losses_from_the_book():
    t = np.array([0, 0, 1, 0, 0, 0, 0, 0, 0, 0])
    y = np.array([0.1, 0.05, 0.6, 0.0, 0.05, 0.1, 0.0, 0.1, 0.0, 0.0])
    assert F.sum_squared_error(y, t) == pytest.approx(0.0975)
    assert F.cross_entropy_error(y, t) == pytest.approx(0.510825457, rel=1e-6)
    assert F.cross_entropy_error(np.stack([y, y]), np.array([2, 2])) == pytest.approx(
        0.510825457, rel=1e-6
    )


def test_numerical_differentiation():
    assert F.numerical_diff(lambda x: 0.01 * x**2 + 0.1 * x, 5.0) == pytest.approx(0.2, rel=1e-6)
    grad = F.numerical_gradient(lambda x: np.sum(x**2), np.array([3.0, 4.0]))
    np.testing.assert_allclose(grad, [6.0, 8.0], rtol=1e-6)
    x, path = F.gradient_descent(lambda x: np.sum(x**2), [-3.0, 4.0], lr=0.1, step_num=100)
    np.testing.assert_allclose(x, 0, atol=1e-8)
    assert path.shape == (101, 2)


def test_conv_output_size():
    assert F.conv_output_size(28, 5) == 24
    assert F.conv_output_size(4, 3, stride=1, pad=1) == 4
    assert F.conv_output_size(7, 3, stride=2) == 3
    with pytest.raises(ValueError, match="not an integer"):
        F.conv_output_size(8, 3, stride=2)
