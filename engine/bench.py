"""Benchmark the engine on DLFS's SimpleConvNet (28×28 inputs, batch 100).

    python -m dltutor.engine.bench [--runs 5] [--samples 2000] [--json]

Reports samples/s (median of the runs, after one warm-up) for training (SGD, batch 100) and
for inference at batch 1 and batch 256. Inputs are random: speed does not depend on the data.
BLAS runs with `--blas-threads` threads (default 1, as `fit` does; see engine.threads).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import sys
import time

import numpy as np

from .nets import simple_convnet
from .optimizers import SGD
from .threads import blas_threads


def _median_rate(fn, samples: int, runs: int) -> tuple[float, list[float]]:
    fn()  # warm-up: buffers, caches, BLAS threads
    rates = []
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        rates.append(samples / (time.perf_counter() - t0))
    return statistics.median(rates), rates


def run_benchmark(
    runs: int = 5,
    samples: int = 2000,
    batch_size: int = 100,
    seed: int = 0,
    threads: int | None = 1,
) -> dict:
    """Time training and inference; returns a dict of samples/s figures (medians)."""
    with blas_threads(threads):
        result = _run(runs, samples, batch_size, seed)
    result["blas_threads"] = threads
    return result


def _run(runs: int, samples: int, batch_size: int, seed: int) -> dict:
    if runs < 1 or samples < batch_size:
        raise ValueError(f"need runs >= 1 and samples >= batch_size, got {runs}, {samples}")
    rng = np.random.default_rng(seed)
    x = rng.random((samples, 1, 28, 28), dtype=np.float32)
    y = rng.integers(0, 10, samples)
    model = simple_convnet(seed=seed)
    model.compile("softmax_cross_entropy", SGD(0.01))

    def train_pass():
        for i in range(0, samples, batch_size):
            model.train_step(x[i : i + batch_size], y[i : i + batch_size])

    n1 = min(200, samples)

    def infer_1():
        for i in range(n1):
            model.forward(x[i : i + 1])

    n256 = (samples // 256) * 256 or samples

    def infer_256():
        for i in range(0, n256, 256):
            model.forward(x[i : i + 256])

    train, train_runs = _median_rate(train_pass, samples, runs)
    b1, b1_runs = _median_rate(infer_1, n1, runs)
    b256, b256_runs = _median_rate(infer_256, n256, runs)
    return {
        "model": "simple_convnet (conv 30x5x5, relu, maxpool 2, dense 100, relu, dense 10)",
        "batch_size": batch_size,
        "runs": runs,
        "train_samples_per_s": round(train, 1),
        "infer_batch1_samples_per_s": round(b1, 1),
        "infer_batch256_samples_per_s": round(b256, 1),
        "train_runs": [round(r, 1) for r in train_runs],
        "infer_batch1_runs": [round(r, 1) for r in b1_runs],
        "infer_batch256_runs": [round(r, 1) for r in b256_runs],
        "numpy": np.__version__,
        "python": platform.python_version(),
        "cpus": os.cpu_count(),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m dltutor.engine.bench", description=__doc__.split("\n")[0]
    )
    parser.add_argument(
        "--runs", type=int, default=5, help="timed runs per figure (median; default 5)"
    )
    parser.add_argument(
        "--samples", type=int, default=2000, help="training samples per run (default 2000)"
    )
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument(
        "--blas-threads", type=int, default=1, help="BLAS threads (default 1; 0 = leave as is)"
    )
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    args = parser.parse_args(argv)
    try:
        result = run_benchmark(
            runs=args.runs,
            samples=args.samples,
            seed=args.seed,
            threads=args.blas_threads or None,
        )
    except ValueError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    if args.json:
        print(json.dumps(result))
    else:
        print(
            f"SimpleConvNet, batch {result['batch_size']}, median of {result['runs']} runs, "
            f"BLAS threads: {result['blas_threads'] or 'default'}"
        )
        print(f"  training           {result['train_samples_per_s']:>10,.0f} samples/s")
        print(f"  inference batch 1  {result['infer_batch1_samples_per_s']:>10,.0f} samples/s")
        print(f"  inference batch 256{result['infer_batch256_samples_per_s']:>10,.0f} samples/s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
