"""03-numerical-gradient: DLFS's two-layer net on MNIST (784 inputs) trained with numerical
gradients next to backprop, both timed."""

from __future__ import annotations

import time

import numpy as np

from dltutor.engine import losses
from dltutor.engine.functions import numerical_gradient
from dltutor.engine.layers import Dense
from dltutor.lessons.words import Words

from ._common import Net, mnist
from .base import Curves, Frame, Lab, Table, float_knob, int_knob

WORDS = Words(
    "lab 03-numerical-gradient",
    {
        "en": {
            "lab_title": "Training with numerical gradients (and how slow it is)",
            "lab_summary": (
                "Train a small 2-layer net on MNIST digits with central-difference "
                "gradients next to backprop and time both."
            ),
            "knob_hidden": "Hidden units (the cost grows with the weights).",
            "knob_steps": "Gradient steps.",
            "knob_batch_size": "Mini-batch size.",
            "knob_samples": "MNIST training images used.",
            "knob_lr": "Learning rate.",
            "numerical": "numerical",
            "backprop": "backprop",
            "curve": "loss on the {n} MNIST images",
            "step_label": "step",
            "table": "time spent on gradients",
            "method": "method",
            "seconds": "seconds",
            "per_step": "per step",
            "done": (
                "Both follow the same path (largest gradient difference {diff:.1e}), but "
                "the numerical gradient needs 2 forward passes for each of the {n} "
                "weights: {ratio:.0f}× slower."
            ),
            "step": "step {step}",
        },
        "ja": {
            "lab_title": "数値微分で学習する（そしてその遅さ）",
            "lab_summary": (
                "小さな 2 層ネットを MNIST の手書き数字で、"
                "数値微分と誤差逆伝播法で並べて学習し、時間を比べます。"
            ),
            "knob_hidden": "隠れ層のユニット数（重みの数だけ遅くなる）。",
            "knob_steps": "更新の回数。",
            "knob_batch_size": "ミニバッチのサイズ。",
            "knob_samples": "使う MNIST 訓練画像の枚数。",
            "knob_lr": "学習率。",
            "numerical": "数値微分",
            "backprop": "誤差逆伝播法",
            "curve": "MNIST 画像 {n} 枚での損失",
            "step_label": "ステップ",
            "table": "勾配の計算にかかった時間",
            "method": "方法",
            "seconds": "秒",
            "per_step": "1 ステップあたり",
            "done": (
                "どちらも同じ道筋をたどります（勾配の差は最大 {diff:.1e}）。"
                "しかし数値微分は {n} 個の重みそれぞれに 2 回の順伝播が必要で、"
                "{ratio:.0f} 倍遅くなります。"
            ),
            "step": "ステップ {step}",
        },
    },
)


def numerical_grads(net: Net, loss, x, y, h: float) -> list[np.ndarray]:
    """Central differences for every parameter: 2 forward passes per weight."""

    def whole_loss(_params: np.ndarray) -> float:
        return loss.forward(net.forward(x), y)

    return [
        numerical_gradient(whole_loss, p, h).astype(np.float64)
        for layer in net.layers
        for p in layer.params.values()
    ]


def run(knobs, rng, lang="en"):
    txt = WORDS.of(lang)
    x, y = mnist("train", knobs["samples"], rng, flatten=True)
    x = x.astype(np.float64)
    hidden, steps, lr = knobs["hidden"], knobs["steps"], knobs["lr"]
    seed = int(rng.integers(0, 2**31 - 1))
    nets = {}
    for name in ("numerical", "backprop"):
        layers = [Dense(hidden, activation="sigmoid"), Dense(10)]
        net = Net(layers, 784, np.random.default_rng(seed))
        for layer in net.layers:
            layer.astype(np.float64)
            layer.needs_input_grad = True
        nets[name] = net
    loss = losses.get("softmax_cross_entropy")
    curves = {"numerical": [], "backprop": []}
    times = {"numerical": 0.0, "backprop": 0.0}
    max_diff = 0.0
    n_params = sum(layer.count_params() for layer in nets["backprop"].layers)
    for step in range(1, steps + 1):
        idx = rng.choice(len(x), size=knobs["batch_size"], replace=False)
        xb, yb = x[idx], y[idx]
        t0 = time.perf_counter()
        num = numerical_grads(nets["numerical"], loss, xb, yb, 1e-4)
        times["numerical"] += time.perf_counter() - t0
        t0 = time.perf_counter()
        out = nets["backprop"].forward(xb)
        loss.forward(out, yb)
        nets["backprop"].backward(loss.backward())
        back = [layer.grads[k] for layer in nets["backprop"].layers for k in layer.params]
        times["backprop"] += time.perf_counter() - t0
        max_diff = max(
            max_diff, max(float(np.abs(a - b).max()) for a, b in zip(num, back, strict=True))
        )
        params_num = [layer.params[k] for layer in nets["numerical"].layers for k in layer.params]
        params_back = [layer.params[k] for layer in nets["backprop"].layers for k in layer.params]
        for p, g in zip(params_num, num, strict=True):
            p -= lr * g
        for p, g in zip(params_back, back, strict=True):
            p -= lr * g
        for name, net in nets.items():
            curves[name].append(loss.forward(net.forward(x), y))
        ratio = times["numerical"] / max(times["backprop"], 1e-9)
        final = step == steps
        yield Frame(
            step=step,
            total=steps,
            plots=[
                Curves(
                    txt["curve"].format(n=len(x)),
                    {txt[k]: list(v) for k, v in curves.items()},
                    xlabel=txt["step_label"],
                ),
                Table(
                    txt["table"],
                    [txt["method"], txt["seconds"], txt["per_step"]],
                    [[txt[k], f"{v:.3f}", f"{v / step * 1000:.1f} ms"] for k, v in times.items()],
                ),
            ],
            metrics={
                "numerical_s": times["numerical"],
                "backprop_s": times["backprop"],
                "slowdown": ratio,
                "max_grad_diff": max_diff,
                "params": float(n_params),
                "loss_start": curves["backprop"][0],
                "loss_end": curves["backprop"][-1],
                "numerical_loss_end": curves["numerical"][-1],
            },
            final=final,
            message=(
                txt["done"].format(diff=max_diff, n=n_params, ratio=ratio)
                if final
                else txt["step"].format(step=step)
            ),
        )


LAB = Lab(
    id="03-numerical-gradient",
    lesson="03",
    words=WORDS,
    knobs=(
        int_knob("hidden", 3, 2, 50),
        int_knob("steps", 5, 1, 200),
        int_knob("batch_size", 10, 1, 200),
        int_knob("samples", 300, 50, 3500),
        float_knob("lr", 0.5, 1e-4, 5.0),
    ),
    run_fn=run,
    quick={"steps": 3, "hidden": 2},
)
