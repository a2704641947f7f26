"""How many threads BLAS (OpenBLAS under NumPy) may use while the engine trains.

The engine's matrices are small (batch 100). On a 2-core machine that also runs a UI thread
(or anything else), OpenBLAS's spinning worker threads wait on each other and a training
step became up to 7× slower than with one thread; so `fit` and the benchmark run BLAS
single-threaded by default (`blas_threads=1`); `None` leaves the setting alone.

Uses threadpoolctl (a dependency).
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator


@contextlib.contextmanager
def blas_threads(n: int | None) -> Iterator[None]:
    """Limit BLAS to `n` threads inside the block (no-op for None)."""
    if n is None:
        yield
        return
    if n < 1:
        raise ValueError(f"blas_threads must be >= 1 or None, got {n!r}")
    from threadpoolctl import threadpool_limits

    with threadpool_limits(limits=n, user_api="blas"):
        yield
