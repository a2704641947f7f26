"""Every layer's gradients against central differences in float64, and layer behaviour."""

from __future__ import annotations

import numpy as np
import pytest

from dltutor.engine import functions as F
from dltutor.engine import gradcheck
from dltutor.engine.layers import (
    AveragePooling2D,
    BatchNormalization,
    Conv2D,
    Dense,
    Dropout,
    Flatten,
    GlobalAveragePooling2D,
    LeakyReLU,
    MaxPooling2D,
    ReLU,
    Sigmoid,
    Softmax,
    Tanh,
)

TOL = 1e-6


def away_from_kinks(shape, seed=0):
    """Distinct random values at least 0.05 from zero (ReLU / LeakyReLU kinks, pooling ties)."""
    x = np.random.default_rng(seed).standard_normal(shape)
    return x + 0.05 * np.where(x >= 0, 1.0, -1.0)


FEATURE_LAYERS = [
    lambda: Dense(4),
    lambda: Dense(4, use_bias=False),
    lambda: Dense(4, activation="tanh"),
    lambda: Dense(4, activation="softmax"),
    ReLU,
    lambda: LeakyReLU(0.1),
    Sigmoid,
    Tanh,
    Softmax,
    lambda: Dropout(0.5),
    BatchNormalization,
]

IMAGE_LAYERS = [
    lambda: Conv2D(3, 3),
    lambda: Conv2D(2, (3, 2), strides=2, padding=1),
    lambda: Conv2D(2, 3, padding="same", activation="relu"),
    lambda: Conv2D(3, 2, strides=2, padding="same", use_bias=False),
    lambda: MaxPooling2D(2),
    lambda: MaxPooling2D(3, strides=2),
    lambda: AveragePooling2D(2),
    lambda: AveragePooling2D(3, strides=1),
    GlobalAveragePooling2D,
    BatchNormalization,
    Flatten,
    ReLU,
]


@pytest.mark.parametrize("make", FEATURE_LAYERS)
def test_feature_layer_gradients(make):
    assert gradcheck(make(), away_from_kinks((5, 6))) <= TOL


@pytest.mark.parametrize("make", IMAGE_LAYERS)
def test_image_layer_gradients(make):
    assert gradcheck(make(), away_from_kinks((2, 3, 7, 7), seed=1)) <= TOL


@pytest.mark.parametrize(
    "make",
    [
        lambda: Conv2D(3, 3, padding=1),
        lambda: MaxPooling2D(2),
        BatchNormalization,
        GlobalAveragePooling2D,
        Flatten,
        lambda: AveragePooling2D(2),
    ],
)
def test_channels_last_paths(make):
    """The (N, H, W, C) path Sequential uses inside has correct gradients and the same values."""
    x = away_from_kinks((2, 3, 6, 6), seed=2)
    public = make()
    public.build((None, 3, 6, 6), np.random.default_rng(0))
    inner = make()
    inner.build((None, 3, 6, 6), np.random.default_rng(0))
    inner.channels_last = True
    x32 = x.astype(np.float32)
    a = public.forward(x32, training=True)
    b = inner.forward(x32.transpose(0, 2, 3, 1), training=True)
    if a.ndim == 4:
        b = b.transpose(0, 3, 1, 2)
    np.testing.assert_allclose(a, b, rtol=1e-5, atol=1e-6)
    assert gradcheck(inner, x.transpose(0, 2, 3, 1)) <= TOL


def test_batchnorm_inference_gradients():
    layer = BatchNormalization()
    x = away_from_kinks((6, 4))
    layer(x.astype(np.float32), training=True)
    assert gradcheck(layer, x, training=False) <= TOL


def test_gradcheck_catches_a_wrong_backward():
    class Broken(ReLU):
        def backward(self, dout):
            return dout * 0.5 * (self.out > 0)

    assert gradcheck(Broken(), away_from_kinks((4, 5))) > 1e-2


def test_gradcheck_leaves_the_layer_float32():
    layer = Dense(3)
    layer.build((None, 4), np.random.default_rng(0))
    gradcheck(layer, np.ones((2, 4)))
    assert layer.params["kernel"].dtype == np.float32


# -- behaviour -------------------------------------------------------------------------
def test_dropout_is_off_at_inference_and_scaled_in_training():
    layer = Dropout(0.4, seed=1)
    x = np.ones((200, 50), dtype=np.float32)
    np.testing.assert_array_equal(layer(x, training=False), x)
    out = layer(x, training=True)
    kept = out != 0
    np.testing.assert_allclose(out[kept], 1 / 0.6, rtol=1e-6)
    assert abs(kept.mean() - 0.6) < 0.02
    assert abs(out.mean() - 1.0) < 0.05  # inverted dropout keeps the expectation


@pytest.mark.parametrize("shape", [(64, 3), (16, 3, 4, 4)])
def test_batchnorm_uses_running_statistics_at_inference(shape):
    rng = np.random.default_rng(0)
    layer = BatchNormalization(momentum=0.0)  # running stats = last batch's stats
    x = (rng.standard_normal(shape) * 3 + 5).astype(np.float32)
    y = layer(x, training=True)
    axes = (0,) if len(shape) == 2 else (0, 2, 3)
    np.testing.assert_allclose(y.mean(axis=axes), 0, atol=1e-4)
    np.testing.assert_allclose(y.std(axis=axes), 1, atol=1e-2)
    # At inference a single sample is normalised with the stored statistics, not its own.
    one = x[:1]
    expected = (one - x.mean(axis=axes, keepdims=True)) / np.sqrt(
        x.var(axis=axes, keepdims=True) + 1e-3
    )
    np.testing.assert_allclose(layer(one, training=False), expected, rtol=1e-4, atol=1e-4)
    np.testing.assert_allclose(layer.buffers["moving_mean"], x.mean(axis=axes), rtol=1e-5)


@pytest.mark.parametrize(
    "h, k, s, p",
    [(28, 5, 1, 0), (28, 3, 1, 1), (7, 3, 2, 1), (32, 5, 3, 2), (10, 2, 2, 0), (9, 3, 2, 0)],
)
def test_conv2d_output_shape_formula(h, k, s, p):
    layer = Conv2D(4, k, strides=s, padding=p)
    expected = (h + 2 * p - k) // s + 1
    assert layer.output_shape((None, 2, h, h)) == (None, 4, expected, expected)
    out = layer(np.zeros((1, 2, h, h), dtype=np.float32))
    assert out.shape == (1, 4, expected, expected)
    if (h + 2 * p - k) % s == 0:
        assert F.conv_output_size(h, k, s, p) == expected


def test_conv2d_same_padding_keeps_size():
    out = Conv2D(2, 3, padding="same")(np.zeros((1, 1, 9, 9), dtype=np.float32))
    assert out.shape == (1, 2, 9, 9)
    out = Conv2D(2, 3, strides=2, padding="same")(np.zeros((1, 1, 9, 9), dtype=np.float32))
    assert out.shape == (1, 2, 5, 5)


def test_conv2d_matches_a_direct_convolution():
    rng = np.random.default_rng(0)
    x = rng.standard_normal((2, 3, 6, 5)).astype(np.float32)
    layer = Conv2D(4, (3, 2), strides=(1, 2), padding=1)
    out = layer(x)
    w, b = layer.params["kernel"], layer.params["bias"]  # (KH, KW, C, F)
    xp = np.pad(x, ((0, 0), (0, 0), (1, 1), (1, 1)))
    ref = np.zeros_like(out)
    for i in range(out.shape[2]):
        for j in range(out.shape[3]):
            patch = xp[:, :, i : i + 3, 2 * j : 2 * j + 2]  # (N, C, KH, KW)
            ref[:, :, i, j] = np.tensordot(patch, w.transpose(2, 0, 1, 3), axes=3) + b
    np.testing.assert_allclose(out, ref, rtol=1e-5, atol=1e-5)


def test_max_pooling_routes_ties_to_one_input():
    x = np.zeros((1, 1, 2, 2), dtype=np.float32)
    layer = MaxPooling2D(2)
    layer(x)
    dx = layer.backward(np.ones((1, 1, 1, 1), dtype=np.float32))
    assert dx.sum() == 1.0


def test_flatten_uses_channels_last_order():
    x = np.arange(2 * 3 * 2 * 2, dtype=np.float32).reshape(2, 3, 2, 2)
    np.testing.assert_array_equal(Flatten()(x), x.transpose(0, 2, 3, 1).reshape(2, -1))


def test_backward_does_not_modify_dout():
    x = away_from_kinks((2, 3, 6, 6)).astype(np.float32)
    for layer in (Conv2D(2, 3, activation="relu"), MaxPooling2D(2), BatchNormalization(), ReLU()):
        out = layer(x, training=True)
        dout = np.ones_like(out)
        layer.backward(dout)
        assert np.all(dout == 1)


@pytest.mark.parametrize(
    "make, message",
    [
        (lambda: Dense(0), "units"),
        (lambda: Dense(3, activation="nope"), "activation"),
        (lambda: Conv2D(4, 0), "kernel_size"),
        (lambda: Conv2D(4, 3, padding="full"), "padding"),
        (lambda: Dropout(1.0), "rate"),
        (lambda: MaxPooling2D((2, 2, 2)), "pool_size"),
        (lambda: BatchNormalization(momentum=1.5), "momentum"),
    ],
)
def test_invalid_arguments_say_what_they_got(make, message):
    with pytest.raises(ValueError, match=message):
        make()


def test_dense_needs_flat_input():
    with pytest.raises(ValueError, match="Flatten"):
        Dense(3)(np.zeros((2, 1, 4, 4), dtype=np.float32))
