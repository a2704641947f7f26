"""Grad-CAM through the public layers: the map the definition gives, and the model's own
fast path left as it was."""

from __future__ import annotations

import numpy as np
import pytest

from dltutor.engine.layers import Conv2D, Dense, Flatten, MaxPooling2D
from dltutor.engine.model import Sequential
from dltutor.engine.visualize import grad_cam


def small_cnn(pool: bool) -> Sequential:
    layers = [Conv2D(3, 3, padding="same", activation="relu")]
    layers += [MaxPooling2D(2)] if pool else []
    return Sequential([*layers, Flatten(), Dense(4)], input_shape=(None, 1, 6, 6), seed=0)


@pytest.mark.parametrize("target", [0, 3])
def test_grad_cam_is_the_weighted_sum_of_the_last_maps(target):
    model = small_cnn(pool=False)
    x = np.random.default_rng(1).random((1, 1, 6, 6)).astype(np.float32)
    maps = model.layer_outputs(x)[0][1][0]  # (C, H, W) after the conv's ReLU
    # the class score is linear in the maps: its gradient is the Dense kernel's column, in
    # Flatten's (H, W, C) order
    c, h, w = maps.shape
    kernel = model.layers[-1].params["kernel"][:, target].reshape(h, w, c).transpose(2, 0, 1)
    cam = np.maximum((kernel.mean(axis=(1, 2))[:, None, None] * maps).sum(axis=0), 0)
    expected = cam / cam.max() if cam.max() > 0 else cam
    np.testing.assert_allclose(grad_cam(model, x, target), expected, rtol=1e-5, atol=1e-6)


def test_grad_cam_leaves_the_model_as_it_was():
    model = small_cnn(pool=True)
    x = np.random.default_rng(2).random((5, 1, 6, 6)).astype(np.float32)
    before = model.predict(x)
    flags = [(layer.channels_last, layer.needs_input_grad) for layer in model.layers]
    cam = grad_cam(model, x[:1], 1)
    assert cam.shape == (3, 3) and cam.min() >= 0 and cam.max() <= 1
    assert [(layer.channels_last, layer.needs_input_grad) for layer in model.layers] == flags
    assert any(channels_last for channels_last, _ in flags)  # the fast path was in use
    np.testing.assert_array_equal(model.predict(x), before)


def test_grad_cam_needs_an_image_layer():
    model = Sequential([Dense(3)], input_shape=(None, 4), seed=0)
    with pytest.raises(ValueError, match="4-D"):
        grad_cam(model, np.ones((1, 4), np.float32), 0)
