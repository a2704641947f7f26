"""04-backprop-speed: numerical gradient vs backprop on MNIST digits as the network grows, with
the two gradients compared (the book's gradient check)."""

from __future__ import annotations

import time

import numpy as np

from dltutor.engine import losses
from dltutor.engine.layers import Dense
from dltutor.lessons.words import Words

from ._common import Net, mnist
from .base import Curves, Frame, Lab, Table, int_knob
from .lab03_numerical_gradient import numerical_grads

WORDS = Words(
    "lab 04-backprop-speed",
    {
        "en": {
            "lab_title": "Backprop vs numerical gradient: speed",
            "lab_summary": (
                "Time one gradient both ways as the hidden layer grows; the gap widens "
                "with the weight count."
            ),
            "knob_max_hidden": "Largest hidden layer tried (2, 4, 8, … up to this).",
            "knob_batch_size": "MNIST training images in the batch.",
            "table": "one gradient of a 784-h-10 net on {n} MNIST images",
            "hidden": "hidden",
            "weights": "weights",
            "numerical": "numerical",
            "backprop": "backprop",
            "ratio": "ratio",
            "diff": "rel. diff",
            "curve": "seconds per gradient (log) vs weights",
            "done": (
                "The numerical gradient costs two forward passes per weight, so its time "
                "grows with the number of weights; backprop costs about one forward and "
                "one backward pass, whatever the size. Both give the same numbers."
            ),
            "step": "hidden {hidden}",
        },
        "ja": {
            "lab_title": "誤差逆伝播法と数値微分の速度",
            "lab_summary": "隠れ層を大きくしながら両方の方法で勾配を 1 回計算し、時間を比べます。",
            "knob_max_hidden": "試す隠れ層の最大サイズ（2, 4, 8, …）。",
            "knob_batch_size": "バッチに入れる MNIST 訓練画像の枚数。",
            "table": "784-h-10 のネットワークで MNIST 画像 {n} 枚の勾配を 1 回計算",
            "hidden": "隠れ層",
            "weights": "重みの数",
            "numerical": "数値微分",
            "backprop": "誤差逆伝播法",
            "ratio": "倍率",
            "diff": "相対誤差",
            "curve": "重みの数と勾配 1 回あたりの秒数（対数）",
            "done": (
                "数値微分は重み 1 つにつき順伝播が 2 回かかるので、"
                "時間は重みの数とともに増えます。"
                "誤差逆伝播法は大きさによらず順伝播と逆伝播がおよそ 1 回ずつです。"
                "求まる勾配は同じです。"
            ),
            "step": "隠れ層 {hidden}",
        },
    },
)


def run(knobs, rng, lang="en"):
    txt = WORDS.of(lang)
    xb, yb = mnist("train", knobs["batch_size"], rng, flatten=True)
    xb = xb.astype(np.float64)
    loss = losses.get("softmax_cross_entropy")
    sizes = [s for s in (2, 4, 8, 16, 32, 64) if s <= knobs["max_hidden"]]
    rows, params, t_num, t_back, errs = [], [], [], [], []
    for k, hidden in enumerate(sizes):
        net = Net([Dense(hidden, activation="relu"), Dense(10)], 784, rng)
        for layer in net.layers:
            layer.astype(np.float64)
            layer.needs_input_grad = True
        t0 = time.perf_counter()
        num = numerical_grads(net, loss, xb, yb, 1e-5)
        tn = time.perf_counter() - t0
        tb = float("inf")  # the best of 20: one backprop is too short to time once
        for _ in range(20):
            t0 = time.perf_counter()
            loss.forward(net.forward(xb), yb)
            net.backward(loss.backward())
            tb = min(tb, time.perf_counter() - t0)
        back = [layer.grads[key] for layer in net.layers for key in layer.params]
        err = max(
            float(np.abs(a - b).max() / (np.abs(a).max() + np.abs(b).max() + 1e-12))
            for a, b in zip(num, back, strict=True)
        )
        n = net.count_params()
        params.append(n)
        t_num.append(tn)
        t_back.append(tb)
        errs.append(err)
        rows.append(
            [
                hidden,
                n,
                f"{tn * 1000:.1f} ms",
                f"{tb * 1000:.3f} ms",
                f"{tn / tb:.0f}×",
                f"{err:.1e}",
            ]
        )
        final = k == len(sizes) - 1
        yield Frame(
            step=k + 1,
            total=len(sizes),
            plots=[
                Table(
                    txt["table"].format(n=len(xb)),
                    [
                        txt["hidden"],
                        txt["weights"],
                        txt["numerical"],
                        txt["backprop"],
                        txt["ratio"],
                        txt["diff"],
                    ],
                    list(rows),
                ),
                Curves(
                    txt["curve"],
                    {txt["numerical"]: list(t_num), txt["backprop"]: list(t_back)},
                    xlabel=txt["weights"],
                    x=[float(p) for p in params],
                    logy=True,
                ),
            ],
            metrics={
                "ratio_first": t_num[0] / t_back[0],
                "ratio_last": tn / tb,
                "max_rel_diff": max(errs),
                "params_last": float(n),
            },
            final=final,
            message=txt["done"] if final else txt["step"].format(hidden=hidden),
        )


LAB = Lab(
    id="04-backprop-speed",
    lesson="04",
    words=WORDS,
    knobs=(
        int_knob("max_hidden", 8, 2, 64),
        int_knob("batch_size", 10, 1, 200),
    ),
    run_fn=run,
    quick={"max_hidden": 4},
)
