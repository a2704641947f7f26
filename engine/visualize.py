"""Looking inside a trained image model: where in the input a class decision comes from.

`grad_cam` works on the model's public layers one by one in the (N, C, H, W) layout, so it
does not depend on how `Sequential` plans its fast path (channels-last runs, fused steps).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import numpy as np

from .model import Sequential


@contextmanager
def _layer_by_layer(model: Sequential) -> Iterator[None]:
    """Every layer in channels-first layout and passing its input gradient back, restored
    afterwards so the model's own plan keeps working."""
    saved = [(layer.channels_last, layer.needs_input_grad) for layer in model.layers]
    try:
        for layer in model.layers:
            layer.channels_last = False
            layer.needs_input_grad = True
        yield
    finally:
        for layer, (channels_last, needs_input_grad) in zip(model.layers, saved, strict=True):
            layer.channels_last = channels_last
            layer.needs_input_grad = needs_input_grad


def grad_cam(model: Sequential, x: np.ndarray, class_index: int) -> np.ndarray:
    """Grad-CAM (Selvaraju et al., 2017) of `class_index` for the first image of `x`.

    A = the last 4-D layer output (C, H, W); α_c = the mean over H, W of ∂y/∂A_c, where y is
    the model's output for the class; the map is ReLU(Σ_c α_c·A_c), scaled to a maximum of 1
    (all zeros when nothing speaks for the class). Returns an (H, W) float array."""
    x = np.asarray(x, dtype=model.dtype)
    if not model.built:
        model.build((None, *x.shape[1:]))
    with _layer_by_layer(model):
        outputs = []
        h = x[:1]
        for layer in model.layers:
            h = layer.forward(h, False)
            outputs.append(h)
        images = [i for i, out in enumerate(outputs) if out.ndim == 4]
        if not images:
            raise ValueError("grad_cam needs a model with an image (4-D) layer output")
        last = images[-1]
        dout = np.zeros_like(outputs[-1])
        dout[0, class_index] = 1.0
        for layer in reversed(model.layers[last + 1 :]):
            dout = layer.backward(dout)
    weights = dout[0].mean(axis=(1, 2))
    cam = np.maximum((weights[:, None, None] * outputs[last][0]).sum(axis=0), 0)
    peak = cam.max()
    return cam / peak if peak > 0 else cam
