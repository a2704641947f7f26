"""Optimizers (DLFS chapter 6). They never know what a layer is: `step(params_and_grads)` takes
(parameter, gradient) pairs and updates each parameter in place. Per-parameter state (velocity,
squared-gradient sums…) is created on first use and keyed by the parameter array's id (the
array is kept alive with its state, so an id is never reused while the optimizer holds it).

The learning rate is a number or a schedule (see `schedules`); `lr_scale` multiplies it
(ReduceLROnPlateau lowers it). `iterations` counts steps taken.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterable

import numpy as np

from . import schedules


def _slot(state: dict[str, np.ndarray], key: str, like: np.ndarray) -> np.ndarray:
    """The per-parameter buffer `key` (velocity, squared-gradient sum, step count…): zeros
    shaped like `like` (the parameter, or a scalar) on first use, updated in place after."""
    buf = state.get(key)
    if buf is None:
        buf = state[key] = np.zeros_like(like)
    return buf


class Optimizer(ABC):
    name = "optimizer"

    def __init__(self, lr=0.01) -> None:
        self.schedule = schedules.get(lr)
        self.lr_scale = 1.0
        self.iterations = 0
        self._state: dict[int, tuple[np.ndarray, dict[str, np.ndarray]]] = {}

    @property
    def lr(self) -> float:
        """The learning rate the next step will use."""
        return self.schedule(self.iterations) * self.lr_scale

    def state(self, param: np.ndarray) -> dict[str, np.ndarray]:
        entry = self._state.get(id(param))
        if entry is None or entry[0] is not param:
            entry = (param, {})
            self._state[id(param)] = entry
        return entry[1]

    def step(self, params_and_grads: Iterable[tuple[np.ndarray, np.ndarray]]) -> None:
        lr = self.lr
        self.iterations += 1
        for param, grad in params_and_grads:
            self.update(param, grad, lr, self.state(param))

    @abstractmethod
    def update(self, param, grad, lr, state) -> None: ...

    def reset(self) -> None:
        self._state.clear()
        self.iterations = 0
        self.lr_scale = 1.0

    def get_config(self) -> dict:
        return {"name": self.name, "lr": repr(self.schedule)}

    def __repr__(self) -> str:
        return f"{type(self).__name__}(lr={self.schedule!r})"


class SGD(Optimizer):
    """W ← W − η·∂L/∂W."""

    name = "sgd"

    def update(self, param, grad, lr, state):
        param -= lr * grad


class Momentum(Optimizer):
    """v ← μ·v − η·g; W ← W + v (a ball rolling down the loss surface)."""

    name = "momentum"

    def __init__(self, lr=0.01, momentum: float = 0.9) -> None:
        super().__init__(lr)
        if not 0 <= momentum < 1:
            raise ValueError(f"Momentum: momentum must be in [0, 1), got {momentum!r}")
        self.momentum = float(momentum)

    def _velocity(self, param, grad, lr, state) -> np.ndarray:
        v = _slot(state, "v", param)
        v *= self.momentum
        v -= lr * grad
        return v

    def update(self, param, grad, lr, state):
        param += self._velocity(param, grad, lr, state)


class Nesterov(Momentum):
    """Nesterov momentum: v ← μ·v − η·g; W ← W + μ·v − η·g (look ahead along the velocity)."""

    name = "nesterov"

    def update(self, param, grad, lr, state):
        v = self._velocity(param, grad, lr, state)
        param += self.momentum * v - lr * grad


class AdaGrad(Optimizer):
    """h ← h + g²; W ← W − η·g / (√h + ε): each parameter's rate only shrinks."""

    name = "adagrad"

    def __init__(self, lr=0.01, epsilon: float = 1e-7) -> None:
        super().__init__(lr)
        self.epsilon = float(epsilon)

    def update(self, param, grad, lr, state):
        h = _slot(state, "h", param)
        h += grad * grad
        param -= lr * grad / (np.sqrt(h) + self.epsilon)


class RMSProp(Optimizer):
    """h ← ρ·h + (1 − ρ)·g²; W ← W − η·g / (√h + ε): old gradients are forgotten."""

    name = "rmsprop"

    def __init__(self, lr=0.001, rho: float = 0.9, epsilon: float = 1e-7) -> None:
        super().__init__(lr)
        if not 0 <= rho < 1:
            raise ValueError(f"RMSProp: rho must be in [0, 1), got {rho!r}")
        self.rho, self.epsilon = float(rho), float(epsilon)

    def update(self, param, grad, lr, state):
        h = _slot(state, "h", param)
        h *= self.rho
        h += (1 - self.rho) * grad * grad
        param -= lr * grad / (np.sqrt(h) + self.epsilon)


class Adam(Optimizer):
    """m ← β₁m + (1−β₁)g; v ← β₂v + (1−β₂)g²; m̂ = m/(1−β₁ᵗ); v̂ = v/(1−β₂ᵗ);
    W ← W − η·m̂ / (√v̂ + ε)."""

    name = "adam"

    def __init__(
        self, lr=0.001, beta_1: float = 0.9, beta_2: float = 0.999, epsilon: float = 1e-7
    ) -> None:
        super().__init__(lr)
        if not (0 <= beta_1 < 1 and 0 <= beta_2 < 1):
            raise ValueError(f"Adam: betas must be in [0, 1), got {beta_1!r}, {beta_2!r}")
        self.beta_1, self.beta_2, self.epsilon = float(beta_1), float(beta_2), float(epsilon)

    def update(self, param, grad, lr, state):
        m, v = _slot(state, "m", param), _slot(state, "v", param)
        step = _slot(state, "t", np.int64(0))
        step += 1
        t = int(step)
        b1, b2 = self.beta_1, self.beta_2
        m *= b1
        m += (1 - b1) * grad
        v *= b2
        v += (1 - b2) * (grad * grad)
        m_hat_scale = 1.0 / (1 - b1**t)
        v_hat_scale = 1.0 / (1 - b2**t)
        denom = np.sqrt(v * v_hat_scale)
        denom += self.epsilon
        param -= (lr * m_hat_scale) * m / denom


_NAMES = {
    "sgd": SGD,
    "momentum": Momentum,
    "nesterov": Nesterov,
    "adagrad": AdaGrad,
    "rmsprop": RMSProp,
    "adam": Adam,
}


def get(optimizer, lr=None) -> Optimizer:
    """An Optimizer from a name ('adam') and an optional learning rate, or pass one through."""
    if isinstance(optimizer, Optimizer):
        return optimizer
    if isinstance(optimizer, str) and optimizer.lower() in _NAMES:
        cls = _NAMES[optimizer.lower()]
        return cls() if lr is None else cls(lr)
    raise ValueError(f"unknown optimizer {optimizer!r}; use one of {sorted(_NAMES)}")


NAMES = tuple(_NAMES)
