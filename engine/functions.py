"""Plain functions in the style of DLFS `common/functions.py` and `common/gradient.py`, for
lessons and labs that show the maths one step at a time (float64 where it matters).

`sigmoid` and `softmax` here are the engine's only implementations: the activation layers,
the recurrent cells, inference and sampling all call them."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np


def _as_float(x) -> np.ndarray:
    """x as an array; float dtypes are kept, anything else (ints, bools) becomes float64."""
    x = np.asarray(x)
    return x if x.dtype.kind == "f" else x.astype(np.float64)


def identity(x):
    return x


def step_function(x):
    """1 where x > 0, else 0 (the perceptron's activation)."""
    return (np.asarray(x) > 0).astype(np.int64)


def sigmoid(x):
    """1 / (1 + exp(−x)), computed without overflow for large |x| (exp of −|x| only);
    float inputs keep their dtype."""
    x = _as_float(x)
    e = np.exp(-np.abs(x))
    return np.where(x >= 0, 1 / (1 + e), e / (1 + e))


def sigmoid_(a: np.ndarray) -> np.ndarray:
    """The same σ in place, as (tanh(a/2) + 1)/2: no temporaries and no overflow warnings,
    for the recurrent cells' per-step loop."""
    a *= 0.5
    np.tanh(a, out=a)
    a *= 0.5
    a += 0.5
    return a


def sigmoid_grad(x):
    s = sigmoid(x)
    return s * (1 - s)


def relu(x):
    return np.maximum(0, x)


def relu_grad(x):
    return (np.asarray(x) > 0).astype(np.float64)


def tanh(x):
    return np.tanh(x)


def leaky_relu(x, alpha: float = 0.01):
    x = np.asarray(x)
    return np.where(x > 0, x, alpha * x)


def softmax(x):
    """Softmax over the last axis; the max is subtracted first so exp never overflows.
    Float inputs keep their dtype (cast to float64 first for probabilities to report)."""
    x = _as_float(x)
    z = x - x.max(axis=-1, keepdims=True)
    np.exp(z, out=z)
    z /= z.sum(axis=-1, keepdims=True)
    return z


def softmax_naive(x):
    """exp(x) / Σexp(x) without the max trick: overflows to nan for large inputs (the demo).
    Float inputs keep their dtype, so float32 overflows where float32 does."""
    x = _as_float(x)
    with np.errstate(over="ignore", invalid="ignore"):
        e = np.exp(x)
        return e / e.sum(axis=-1, keepdims=True)


def sum_squared_error(y, t):
    """E = ½ Σ (y − t)²."""
    y, t = np.asarray(y, dtype=np.float64), np.asarray(t, dtype=np.float64)
    return 0.5 * float(np.sum((y - t) ** 2))


def mean_squared_error(y, t):
    y, t = np.asarray(y, dtype=np.float64), np.asarray(t, dtype=np.float64)
    return float(np.mean((y - t) ** 2))


def cross_entropy_error(y, t, delta: float = 1e-7):
    """E = −Σ t·log(y + δ) averaged over the batch; `t` one-hot or integer labels.
    δ keeps log(0) from becoming −inf."""
    y = np.asarray(y, dtype=np.float64)
    t = np.asarray(t)
    if y.ndim == 1:
        y = y.reshape(1, -1)
        t = t.reshape(1, -1) if t.size == y.size else t.reshape(1)
    if t.size == y.size:
        t = t.reshape(y.shape).argmax(axis=1)
    n = y.shape[0]
    return float(-np.sum(np.log(y[np.arange(n), t.astype(np.intp)] + delta)) / n)


def numerical_diff(f: Callable[[float], float], x: float, h: float = 1e-4) -> float:
    """Central difference (f(x + h) − f(x − h)) / 2h; h = 1e-4 balances rounding and truncation."""
    return (f(x + h) - f(x - h)) / (2 * h)


def numerical_gradient(
    f: Callable[[np.ndarray], float], x: np.ndarray, h: float = 1e-4
) -> np.ndarray:
    """∂f/∂x for every element of `x` by central differences (x is modified and restored).

    `x` should be a float64 array: in float32, x + 1e-4 loses most of its digits."""
    x = np.asarray(x)
    if x.dtype.kind != "f":
        raise TypeError(f"numerical_gradient needs a float array, got {x.dtype}")
    grad = np.zeros_like(x)
    it = np.nditer(x, flags=["multi_index"], op_flags=[["readwrite"]])
    while not it.finished:
        i = it.multi_index
        original = x[i]
        x[i] = original + h
        f_plus = f(x)
        x[i] = original - h
        f_minus = f(x)
        grad[i] = (f_plus - f_minus) / (2 * h)
        x[i] = original
        it.iternext()
    return grad


def gradient_descent(f, init_x, lr: float = 0.01, step_num: int = 100, grad_fn=None):
    """Plain gradient descent; returns (final x, array of visited points). Uses `grad_fn(x)` if
    given, else numerical gradients."""
    x = np.array(init_x, dtype=np.float64)
    history = [x.copy()]
    for _ in range(step_num):
        grad = grad_fn(x) if grad_fn is not None else numerical_gradient(f, x)
        x = x - lr * grad
        history.append(x.copy())
    return x, np.array(history)


def conv_output_size(input_size: int, filter_size: int, stride: int = 1, pad: int = 0) -> int:
    """OH = (H + 2P − FH) / S + 1. Raises when the filter does not tile the input evenly."""
    for name, v in (("input_size", input_size), ("filter_size", filter_size), ("stride", stride)):
        if int(v) != v or v <= 0:
            raise ValueError(f"{name} must be a positive integer, got {v!r}")
    if pad < 0 or int(pad) != pad:
        raise ValueError(f"pad must be a non-negative integer, got {pad!r}")
    span = input_size + 2 * pad - filter_size
    if span < 0:
        raise ValueError(
            f"filter {filter_size} is larger than the padded input {input_size + 2 * pad}"
        )
    if span % stride:
        raise ValueError(
            f"(H + 2P − FH) / S = ({input_size} + 2·{pad} − {filter_size}) / {stride} is not an integer"
        )
    return span // stride + 1
