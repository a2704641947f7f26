"""Gradient checks: backprop against central differences, in float64.

    err = gradcheck(Dense(3), x)          # max relative error over dL/dx and every parameter

The layer is deep-copied and cast to float64, so the caller's layer is left alone. The scalar
checked is L = Σ(forward(x) · R) with a fixed random R, so backward(R) must equal ∂L/∂x.
Relative error per tensor is ‖analytic − numeric‖ / max(‖analytic‖ + ‖numeric‖, tiny); a
correct layer gives about 1e-9 or less, a wrong one 1e-2 or more.
"""

from __future__ import annotations

import copy
from collections.abc import Callable

import numpy as np

from .functions import numerical_gradient


def relative_error(analytic: np.ndarray, numeric: np.ndarray) -> float:
    denom = np.linalg.norm(analytic) + np.linalg.norm(numeric)
    return float(np.linalg.norm(analytic - numeric) / max(denom, 1e-300)) if denom > 0 else 0.0


def central_differences(f: Callable[[], float], x: np.ndarray, h: float = 1e-5) -> np.ndarray:
    """∂f/∂x for a scalar `f()` that reads the float64 array `x` (nudged in place and
    restored): `functions.numerical_gradient` for closures."""
    return numerical_gradient(lambda _: f(), x, h)


def gradient_errors(
    layer,
    x: np.ndarray,
    *,
    training: bool = True,
    seed: int = 0,
    h: float = 1e-5,
    input_grad: bool = True,
) -> dict[str, float]:
    """Relative error of each gradient the layer computes: 'x' and one entry per parameter."""
    layer = copy.deepcopy(layer)
    x = np.array(x, dtype=np.float64, order="C")
    if not layer.built:
        layer.build((None, *x.shape[1:]), np.random.default_rng(seed))
    layer.astype(np.float64)
    layer.needs_input_grad = True
    rng_state = layer.rng.bit_generator.state if hasattr(layer, "rng") else None

    def run() -> np.ndarray:
        if rng_state is not None:  # same dropout mask on every evaluation
            layer.rng.bit_generator.state = rng_state
        return layer.forward(x, training=training)

    out = run()
    weights = np.random.default_rng(seed + 1).standard_normal(out.shape)

    def loss() -> float:
        return float(np.sum(run() * weights))

    dx = layer.backward(weights.copy())
    analytic = {key: g.copy() for key, g in layer.grads.items()}
    errors = {}
    if input_grad:
        errors["x"] = relative_error(dx, central_differences(loss, x, h))
    for key, p in layer.params.items():
        errors[key] = relative_error(analytic[key], central_differences(loss, p, h))
    return errors


def gradcheck(layer, x: np.ndarray, **kwargs) -> float:
    """Max relative error between backprop and central differences over dL/dx and all params."""
    return max(gradient_errors(layer, x, **kwargs).values())


def gradcheck_loss(loss, outputs: np.ndarray, targets: np.ndarray, h: float = 1e-5) -> float:
    """Relative error of a loss's backward() against central differences on its inputs."""
    loss = copy.deepcopy(loss)
    z = np.array(outputs, dtype=np.float64, order="C")
    loss.forward(z, targets)
    analytic = loss.backward().copy()
    numeric = central_differences(lambda: loss.forward(z, targets), z, h)
    return relative_error(analytic, numeric)


def gradcheck_model(model, x: np.ndarray, y: np.ndarray, h: float = 1e-5, seed: int = 0) -> float:
    """Whole-model check: loss gradient w.r.t. every parameter (float64 copy, training=False
    so Dropout and BatchNorm are deterministic)."""
    model = copy.deepcopy(model)
    model.astype(np.float64)
    x = np.array(x, dtype=np.float64, order="C")

    def loss() -> float:
        return model.loss.forward(model.loss_inputs(x, training=False), y)

    loss()
    model.backward(model.loss.backward())
    worst = 0.0
    for layer in model.layers:
        analytic = {key: g.copy() for key, g in layer.grads.items()}
        for key, p in layer.params.items():
            worst = max(worst, relative_error(analytic[key], central_differences(loss, p, h)))
    return worst
