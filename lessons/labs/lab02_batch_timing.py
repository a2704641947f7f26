"""02-batch-timing: the same forward pass one sample at a time vs in batches: MNIST test images
through DLFS's 784-50-100-10 sample network."""

from __future__ import annotations

import time

import numpy as np

from dltutor.engine.layers import Dense
from dltutor.lessons.words import Words

from ._common import Net, mnist
from .base import Curves, Frame, Lab, Table, int_knob

WORDS = Words(
    "lab 02-batch-timing",
    {
        "en": {
            "lab_title": "Batch vs loop: timing the forward pass",
            "lab_summary": (
                "Run the same network on 1,000 MNIST digits one at a time and in "
                "batches of 10, 100, 1,000."
            ),
            "knob_samples": "MNIST test images to push through.",
            "knob_repeats": "Repeats (the best time counts).",
            "yes": "yes",
            "no": "NO",
            "table": "forward pass of {n} MNIST test images through 784-50-100-10",
            "batch_size": "batch size",
            "total": "total",
            "per_sample": "per sample",
            "same": "same output",
            "curve": "time per sample (log) by batch size",
            "us": "µs",
            "xlabel": "batch 1, 10, 100, 1000",
            "done": (
                "One matrix product per batch replaces thousands of small ones: the "
                "Python overhead is paid once per batch, and the maths runs in optimised "
                "C."
            ),
            "step": "batch size {size}",
        },
        "ja": {
            "lab_title": "バッチ処理とループの速度比較",
            "lab_summary": (
                "同じネットワークで MNIST の手書き数字 1,000 枚を 1 枚ずつと "
                "10・100・1,000 枚のバッチで処理し、時間を比べます。"
            ),
            "knob_samples": "処理する MNIST テスト画像の枚数。",
            "knob_repeats": "繰り返し回数（最短時間を採用）。",
            "yes": "はい",
            "no": "いいえ",
            "table": "MNIST テスト画像 {n} 枚を 784-50-100-10 のネットワークで順伝播",
            "batch_size": "バッチサイズ",
            "total": "合計",
            "per_sample": "1 サンプルあたり",
            "same": "出力が同じ",
            "curve": "バッチサイズごとの 1 サンプルあたりの時間（対数）",
            "us": "マイクロ秒",
            "xlabel": "バッチ 1, 10, 100, 1000",
            "done": (
                "バッチごとに 1 回の行列積で、何千回もの小さな積が済みます。Python "
                "のオーバーヘッドはバッチに 1 回だけで、計算は最適化された C "
                "で動きます。"
            ),
            "step": "バッチサイズ {size}",
        },
    },
)


def run(knobs, rng, lang="en"):
    txt = WORDS.of(lang)
    x, _ = mnist("test", knobs["samples"], rng, flatten=True)
    net = Net(  # DLFS's sample network: 784 → 50 → 100 → 10, sigmoid hidden layers
        [Dense(50, activation="sigmoid"), Dense(100, activation="sigmoid"), Dense(10)], 784, rng
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
                txt["yes"] if same else txt["no"],
            ]
        )
        yield Frame(
            step=k + 1,
            total=len(sizes),
            plots=[
                Table(
                    txt["table"].format(n=len(x)),
                    [txt["batch_size"], txt["total"], txt["per_sample"], txt["same"]],
                    list(rows),
                ),
                Curves(
                    txt["curve"],
                    {txt["us"]: list(per_sample["µs per sample"])},
                    xlabel=txt["xlabel"],
                    logy=True,
                ),
            ],
            metrics={
                f"us_per_sample_b{s}": v
                for s, v in zip(sizes, per_sample["µs per sample"], strict=False)
            },
            final=k == len(sizes) - 1,
            message=txt["done"] if k == len(sizes) - 1 else txt["step"].format(size=size),
        )


LAB = Lab(
    id="02-batch-timing",
    lesson="02",
    words=WORDS,
    knobs=(
        int_knob("samples", 1000, 10, 1000),
        int_knob("repeats", 3, 1, 20),
    ),
    run_fn=run,
)
