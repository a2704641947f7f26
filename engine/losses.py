"""Losses. Each takes the model's raw outputs and the targets, returns a float, and its
`backward()` returns dL/d(outputs) averaged over the batch.

- SoftmaxCrossEntropy: softmax + cross-entropy on logits (DLFS's SoftmaxWithLoss); labels are
  integers (N,) or one-hot (N, K). backward is (softmax(z) − t) / N.
- SigmoidBinaryCrossEntropy: sigmoid + binary cross-entropy on logits; targets in [0, 1].
- MeanSquaredError: mean of (y − t)² over all elements.

Keras names resolve too: 'categorical_crossentropy' and 'sparse_categorical_crossentropy'
→ SoftmaxCrossEntropy, 'binary_crossentropy' → SigmoidBinaryCrossEntropy, 'mse' → MSE.
When a model ends in the matching activation (Softmax / Sigmoid), `Sequential` feeds the
loss the logits before it, so the pair stays numerically stable.
"""

from __future__ import annotations

from abc import ABC, abstractmethod

import numpy as np

from .functions import sigmoid, softmax


class Loss(ABC):
    name = "loss"
    #: The activation the loss applies itself ("softmax" / "sigmoid"), or None.
    activation: str | None = None

    @abstractmethod
    def forward(self, outputs: np.ndarray, targets: np.ndarray) -> float: ...

    @abstractmethod
    def backward(self) -> np.ndarray: ...

    def predictions(self, outputs: np.ndarray) -> np.ndarray:
        """What the model predicts from these raw outputs (probabilities for classifiers)."""
        return outputs

    def __call__(self, outputs, targets) -> float:
        return self.forward(outputs, targets)

    def __repr__(self) -> str:
        return self.name


class SoftmaxCrossEntropy(Loss):
    name = "softmax_cross_entropy"
    activation = "softmax"

    def forward(self, outputs, targets):
        if outputs.ndim != 2:
            raise ValueError(f"{self.name}: expected logits of shape (N, K), got {outputs.shape}")
        n, k = outputs.shape
        targets = np.asarray(targets)
        if targets.ndim == 1 or (targets.ndim == 2 and targets.shape[1] == 1 and k > 1):
            labels = targets.reshape(-1).astype(np.intp)
            if labels.shape[0] != n:
                raise ValueError(f"{self.name}: {n} outputs but {labels.shape[0]} labels")
            onehot = None
        elif targets.shape == outputs.shape:
            labels, onehot = None, targets.astype(outputs.dtype, copy=False)
        else:
            raise ValueError(
                f"{self.name}: labels must be integers (N,) or one-hot (N, {k}), got {targets.shape}"
            )
        shifted = outputs - outputs.max(axis=1, keepdims=True)
        log_norm = np.log(np.exp(shifted).sum(axis=1, keepdims=True))
        log_probs = shifted - log_norm
        self.probs = np.exp(log_probs)
        self.labels, self.onehot, self.n = labels, onehot, n
        if labels is not None:
            return float(-log_probs[np.arange(n), labels].mean())
        return float(-(onehot * log_probs).sum() / n)

    def backward(self):
        d = self.probs.copy()
        if self.labels is not None:
            d[np.arange(self.n), self.labels] -= 1
        else:
            d -= self.onehot
        d /= self.n
        return d

    def predictions(self, outputs):
        return softmax(outputs.copy())


class SigmoidBinaryCrossEntropy(Loss):
    name = "sigmoid_binary_cross_entropy"
    activation = "sigmoid"

    def forward(self, outputs, targets):
        t = np.asarray(targets, dtype=outputs.dtype).reshape(outputs.shape)
        z = outputs
        # max(z, 0) − z·t + log(1 + exp(−|z|)): the stable form of −t·log σ − (1−t)·log(1−σ).
        loss = np.maximum(z, 0) - z * t + np.log1p(np.exp(-np.abs(z)))
        self.probs = sigmoid(z)
        self.t = t
        return float(loss.mean())

    def backward(self):
        return (self.probs - self.t) / self.t.size

    def predictions(self, outputs):
        return sigmoid(outputs)


class MeanSquaredError(Loss):
    name = "mse"

    def forward(self, outputs, targets):
        t = np.asarray(targets, dtype=outputs.dtype).reshape(outputs.shape)
        self.diff = outputs - t
        return float(np.mean(self.diff * self.diff))

    def backward(self):
        return 2.0 * self.diff / self.diff.size


_NAMES = {
    "softmax_cross_entropy": SoftmaxCrossEntropy,
    "categorical_crossentropy": SoftmaxCrossEntropy,
    "sparse_categorical_crossentropy": SoftmaxCrossEntropy,
    "cross_entropy": SoftmaxCrossEntropy,
    "sigmoid_binary_cross_entropy": SigmoidBinaryCrossEntropy,
    "binary_crossentropy": SigmoidBinaryCrossEntropy,
    "binary_cross_entropy": SigmoidBinaryCrossEntropy,
    "mse": MeanSquaredError,
    "mean_squared_error": MeanSquaredError,
}


def get(loss: str | Loss) -> Loss:
    if isinstance(loss, Loss):
        return loss
    if isinstance(loss, str) and loss.lower() in _NAMES:
        return _NAMES[loss.lower()]()
    raise ValueError(f"unknown loss {loss!r}; use one of {sorted(_NAMES)} or a Loss object")
