"""Weight initialisers (DLFS chapter 6, Keras names).

Each initialiser is called as `init(shape, rng, fan_in, fan_out)` and returns float64 values
(the layer casts them). `get("he_normal")` resolves a name; an initialiser object passes
through.

- zeros / ones / Constant(value): every unit starts identical (a lesson shows why that fails).
- RandomNormal(std=0.01): the DLFS "constant std" initialiser.
- xavier: normal with std sqrt(1 / fan_in) (DLFS's Xavier, for sigmoid / tanh).
- glorot_normal: std sqrt(2 / (fan_in + fan_out)); glorot_uniform: limit sqrt(6 / (fan_in + fan_out))
  (Keras's default for Dense and Conv2D).
- he_normal (alias he): std sqrt(2 / fan_in), for ReLU.
- lecun_normal: Keras's name for the same std as xavier.
- uniform: U(−0.05, 0.05), Keras's default for embeddings.
- orthogonal: one orthogonal (rows, rows) block per `rows` columns (one per recurrent gate),
  Keras's default for recurrent kernels.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable

import numpy as np


class Initializer(ABC):
    name = "initializer"

    @abstractmethod
    def __call__(
        self, shape, rng: np.random.Generator, fan_in: int, fan_out: int
    ) -> np.ndarray: ...

    def std(self, fan_in: int, fan_out: int) -> float | None:
        """The standard deviation this initialiser draws with (None when not random)."""
        return None

    def __repr__(self) -> str:
        return self.name


class Constant(Initializer):
    def __init__(self, value: float = 0.0) -> None:
        self.value = float(value)
        self.name = "zeros" if value == 0 else ("ones" if value == 1 else f"constant({value})")

    def __call__(self, shape, rng, fan_in, fan_out):
        return np.full(shape, self.value, dtype=np.float64)


class RandomNormal(Initializer):
    """Normal with a fixed standard deviation (DLFS's `weight_init_std = 0.01`)."""

    def __init__(self, std: float = 0.01) -> None:
        if std <= 0:
            raise ValueError(f"RandomNormal: std must be positive, got {std!r}")
        self.fixed_std = float(std)
        self.name = f"normal(std={std})"

    def std(self, fan_in, fan_out):
        return self.fixed_std

    def __call__(self, shape, rng, fan_in, fan_out):
        return rng.standard_normal(shape) * self.fixed_std


class _ScaledNormal(Initializer):
    def __init__(self, name: str, std_fn: Callable[[int, int], float]) -> None:
        self.name = name
        self._std_fn = std_fn

    def std(self, fan_in, fan_out):
        return self._std_fn(fan_in, fan_out)

    def __call__(self, shape, rng, fan_in, fan_out):
        return rng.standard_normal(shape) * self.std(fan_in, fan_out)


class GlorotUniform(Initializer):
    name = "glorot_uniform"

    def std(self, fan_in, fan_out):
        return float(np.sqrt(2.0 / (fan_in + fan_out)))

    def __call__(self, shape, rng, fan_in, fan_out):
        limit = np.sqrt(6.0 / (fan_in + fan_out))
        return rng.uniform(-limit, limit, size=shape)


class RandomUniform(Initializer):
    """Uniform in [−limit, limit) whatever the fan (Keras's "uniform" for embeddings)."""

    def __init__(self, limit: float = 0.05) -> None:
        if limit <= 0:
            raise ValueError(f"RandomUniform: limit must be positive, got {limit!r}")
        self.limit = float(limit)
        self.name = "uniform" if limit == 0.05 else f"uniform({limit})"

    def std(self, fan_in, fan_out):
        return self.limit / float(np.sqrt(3.0))

    def __call__(self, shape, rng, fan_in, fan_out):
        return rng.uniform(-self.limit, self.limit, size=shape)


class Orthogonal(Initializer):
    """(rows, k·rows) as k orthogonal (rows, rows) blocks: QR of a normal matrix, signs fixed
    by R's diagonal so the draw is uniform over orthogonal matrices."""

    name = "orthogonal"

    def __call__(self, shape, rng, fan_in, fan_out):
        rows, cols = shape
        if cols % rows:
            raise ValueError(f"orthogonal: {cols} columns are not whole blocks of {rows}")
        blocks = []
        for _ in range(cols // rows):
            q, r = np.linalg.qr(rng.normal(size=(rows, rows)))
            blocks.append(q * np.sign(np.diag(r)))
        return np.concatenate(blocks, axis=1)


def xavier_std(fan_in: int) -> float:
    """DLFS's Xavier standard deviation, sqrt(1 / n)."""
    return float(np.sqrt(1.0 / fan_in))


def he_std(fan_in: int) -> float:
    """He standard deviation, sqrt(2 / n)."""
    return float(np.sqrt(2.0 / fan_in))


zeros = Constant(0.0)
ones = Constant(1.0)
xavier = _ScaledNormal("xavier", lambda fi, fo: xavier_std(fi))
glorot_normal = _ScaledNormal("glorot_normal", lambda fi, fo: float(np.sqrt(2.0 / (fi + fo))))
glorot_uniform = GlorotUniform()
he_normal = _ScaledNormal("he_normal", lambda fi, fo: he_std(fi))

_NAMED: dict[str, Initializer] = {
    "zeros": zeros,
    "ones": ones,
    "xavier": xavier,
    "glorot_normal": glorot_normal,
    "glorot_uniform": glorot_uniform,
    "he": he_normal,
    "he_normal": he_normal,
    "lecun_normal": xavier,
    "normal": RandomNormal(0.01),
    "uniform": RandomUniform(0.05),
    "orthogonal": Orthogonal(),
}


def get(init: str | Initializer | float) -> Initializer:
    """Resolve a name ('he_normal'), a float (a fixed std) or an Initializer."""
    if isinstance(init, Initializer):
        return init
    if isinstance(init, (int, float)) and not isinstance(init, bool):
        return RandomNormal(float(init))
    if isinstance(init, str) and init.lower() in _NAMED:
        return _NAMED[init.lower()]
    raise ValueError(
        f"unknown initializer {init!r}; use one of {sorted(_NAMED)}, a float std, "
        "or an Initializer object"
    )


def name_of(init: Initializer) -> str | float:
    """The config value that `get` turns back into `init`."""
    if isinstance(init, RandomNormal):
        return init.fixed_std
    return init.name
