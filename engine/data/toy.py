"""Small synthetic data sets for lessons and labs. All take a `seed` (never global state) and
return float32 inputs and integer labels (or float targets for regression)."""

from __future__ import annotations

import numpy as np

_GATES = {
    "and": [0, 0, 0, 1],
    "or": [0, 1, 1, 1],
    "nand": [1, 1, 1, 0],
    "nor": [1, 0, 0, 0],
    "xor": [0, 1, 1, 0],
}


def logic_gate(name: str) -> tuple[np.ndarray, np.ndarray]:
    """The four inputs (0,0), (1,0), (0,1), (1,1) and the gate's outputs (AND, OR, NAND, NOR, XOR)."""
    key = name.lower()
    if key not in _GATES:
        raise ValueError(f"unknown gate {name!r}; use one of {sorted(_GATES)}")
    x = np.array([[0, 0], [1, 0], [0, 1], [1, 1]], dtype=np.float32)
    y = np.array(_GATES[key], dtype=np.int64)
    # inputs listed as (x1, x2) = 00, 10, 01, 11: AND/OR/NAND/NOR/XOR are symmetric in x1, x2
    return x, y


def xor(n: int = 200, noise: float = 0.1, seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """Points scattered around the four corners of the unit square; label = XOR of the corner."""
    rng = np.random.default_rng(seed)
    corners = rng.integers(0, 2, size=(n, 2))
    x = corners + rng.normal(0, noise, size=(n, 2))
    y = (corners[:, 0] ^ corners[:, 1]).astype(np.int64)
    return x.astype(np.float32), y


def spiral(n_per_class: int = 100, classes: int = 3, noise: float = 0.2, seed: int = 0):
    """Interleaved spiral arms (cs231n), one class per arm: not linearly separable."""
    rng = np.random.default_rng(seed)
    xs, ys = [], []
    for k in range(classes):
        r = np.linspace(0.0, 1.0, n_per_class)
        t = np.linspace(k * 4.0, (k + 1) * 4.0, n_per_class) + rng.normal(0, noise, n_per_class)
        xs.append(np.column_stack([r * np.sin(t), r * np.cos(t)]))
        ys.append(np.full(n_per_class, k))
    return np.concatenate(xs).astype(np.float32), np.concatenate(ys).astype(np.int64)


def moons(n: int = 200, noise: float = 0.1, seed: int = 0):
    """Two interleaving half circles (as sklearn's make_moons)."""
    rng = np.random.default_rng(seed)
    n_out = n // 2
    n_in = n - n_out
    t_out = np.linspace(0, np.pi, n_out)
    t_in = np.linspace(0, np.pi, n_in)
    outer = np.column_stack([np.cos(t_out), np.sin(t_out)])
    inner = np.column_stack([1 - np.cos(t_in), 1 - np.sin(t_in) - 0.5])
    x = np.concatenate([outer, inner]) + rng.normal(0, noise, size=(n, 2))
    y = np.concatenate([np.zeros(n_out), np.ones(n_in)]).astype(np.int64)
    order = rng.permutation(n)
    return x[order].astype(np.float32), y[order]


def circles(n: int = 200, noise: float = 0.05, factor: float = 0.5, seed: int = 0):
    """A small circle (label 1) inside a large one (label 0)."""
    if not 0 < factor < 1:
        raise ValueError(f"factor must be in (0, 1), got {factor!r}")
    rng = np.random.default_rng(seed)
    n_out = n // 2
    n_in = n - n_out
    t_out = np.linspace(0, 2 * np.pi, n_out, endpoint=False)
    t_in = np.linspace(0, 2 * np.pi, n_in, endpoint=False)
    outer = np.column_stack([np.cos(t_out), np.sin(t_out)])
    inner = factor * np.column_stack([np.cos(t_in), np.sin(t_in)])
    x = np.concatenate([outer, inner]) + rng.normal(0, noise, size=(n, 2))
    y = np.concatenate([np.zeros(n_out), np.ones(n_in)]).astype(np.int64)
    order = rng.permutation(n)
    return x[order].astype(np.float32), y[order]


# -- the anisotropic bowl of DLFS chapter 6, for optimizer trajectories --------------------
BOWL_START = (-7.0, 2.0)


def bowl(x, y):
    """f(x, y) = x²/20 + y²: shallow along x, steep along y (SGD zig-zags here)."""
    return np.asarray(x) ** 2 / 20.0 + np.asarray(y) ** 2


def bowl_gradient(x, y):
    """(∂f/∂x, ∂f/∂y) = (x/10, 2y)."""
    return np.asarray(x) / 10.0, 2.0 * np.asarray(y)


def optimizer_path(optimizer, steps: int = 30, start=BOWL_START) -> np.ndarray:
    """Run an engine optimizer on the bowl from `start`; returns the (steps+1, 2) path."""
    p = np.array(start, dtype=np.float64)
    g = np.zeros_like(p)
    path = [p.copy()]
    for _ in range(steps):
        gx, gy = bowl_gradient(p[0], p[1])
        g[0], g[1] = gx, gy
        optimizer.step([(p, g)])
        path.append(p.copy())
    return np.array(path)
