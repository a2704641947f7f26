"""Weight penalties, added to the loss only in training and applied to kernels, not biases.

L2(λ): penalty λ/2·ΣW², gradient λ·W (DLFS's weight decay).
L1(λ): penalty λ·Σ|W|, gradient λ·sign(W) (pushes weights to exactly zero: pruning).
"""

from __future__ import annotations

import numpy as np


class Regularizer:
    def __init__(self, l1: float = 0.0, l2: float = 0.0) -> None:
        if l1 < 0 or l2 < 0:
            raise ValueError(f"regularizer strengths must be >= 0, got l1={l1!r}, l2={l2!r}")
        self.l1 = float(l1)
        self.l2 = float(l2)

    def penalty(self, w: np.ndarray) -> float:
        total = 0.0
        if self.l2:
            total += 0.5 * self.l2 * float(np.dot(w.ravel(), w.ravel()))
        if self.l1:
            total += self.l1 * float(np.abs(w).sum())
        return total

    def add_grad(self, w: np.ndarray, grad: np.ndarray) -> None:
        """Add the penalty's gradient to `grad` in place."""
        if self.l2:
            grad += self.l2 * w
        if self.l1:
            grad += self.l1 * np.sign(w)

    def get_config(self) -> dict[str, float]:
        return {"l1": self.l1, "l2": self.l2}

    def __repr__(self) -> str:
        return f"Regularizer(l1={self.l1}, l2={self.l2})"


def L2(lam: float) -> Regularizer:  # noqa: N802 (Keras name)
    return Regularizer(l2=lam)


def L1(lam: float) -> Regularizer:  # noqa: N802
    return Regularizer(l1=lam)


def L1L2(l1: float = 0.0, l2: float = 0.0) -> Regularizer:  # noqa: N802
    return Regularizer(l1=l1, l2=l2)


def get(reg) -> Regularizer | None:
    if reg is None or isinstance(reg, Regularizer):
        return reg
    if isinstance(reg, dict):
        return Regularizer(**reg)
    raise ValueError(f"unknown regularizer {reg!r}; use L1(λ), L2(λ) or L1L2(l1, l2)")
