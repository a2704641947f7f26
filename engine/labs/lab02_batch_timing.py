"""02-batch-timing: the same forward pass one sample at a time vs in batches."""

from __future__ import annotations

import time

import numpy as np

from ..layers import Dense
from ._common import Net, digits
from .base import Curves, Frame, Lab, Table, int_knob


def run(knobs, rng):
    x, _ = digits()
    x = x[: knobs["samples"]]
    net = Net(
        [Dense(100, activation="sigmoid"), Dense(50, activation="sigmoid"), Dense(10)], 64, rng
    )
    sizes = [s for s in (1, 10, 100, 1000) if s <= len(x)]
    per_sample: dict[str, list[float]] = {"µs per sample": []}
    rows = []
    reference = net.forward(x)
    for k, size in enumerate(sizes):
        best = float("inf")
        for _ in range(knobs["repeats"]):
            t0 = time.perf_counter()
            outs = [net.forward(x[i : i + size]) for i in range(0, len(x), size)]
            best = min(best, time.perf_counter() - t0)
        same = bool(np.allclose(np.concatenate(outs), reference, atol=1e-5))
        per_sample["µs per sample"].append(best / len(x) * 1e6)
        rows.append(
            [
                size,
                f"{best * 1000:.1f} ms",
                f"{best / len(x) * 1e6:.1f} µs",
                "yes" if same else "NO",
            ]
        )
        yield Frame(
            step=k + 1,
            total=len(sizes),
            plots=[
                Table(
                    f"forward pass of {len(x)} digits through 64-100-50-10",
                    ["batch size", "total", "per sample", "same output"],
                    list(rows),
                ),
                Curves(
                    "time per sample (log) by batch size",
                    {"µs": list(per_sample["µs per sample"])},
                    xlabel="batch 1, 10, 100, 1000",
                    logy=True,
                ),
            ],
            metrics={
                f"us_per_sample_b{s}": v
                for s, v in zip(sizes, per_sample["µs per sample"], strict=False)
            },
            final=k == len(sizes) - 1,
            message=(
                "One matrix product per batch replaces thousands of small ones: the Python overhead "
                "is paid once per batch, and the maths runs in optimised C."
                if k == len(sizes) - 1
                else f"batch size {size}"
            ),
        )


LAB = Lab(
    id="02-batch-timing",
    lesson="02",
    title_en="Batch vs loop: timing the forward pass",
    title_ja="バッチ処理とループの速度比較",
    summary_en="Run the same network on 1,000 digits one at a time and in batches of 10, 100, 1,000.",
    summary_ja="同じネットワークを 1 枚ずつと 10・100・1,000 枚のバッチで実行して時間を比べる。",
    knobs=(
        int_knob("samples", 1000, 10, 1797, "Digits to push through.", "処理する画像の数。"),
        int_knob(
            "repeats",
            3,
            1,
            20,
            "Repeats (the best time counts).",
            "繰り返し回数（最短時間を採用）。",
        ),
    ),
    run_fn=run,
)
