"""01-xor-boundary: one layer cannot separate XOR; a 2-layer network bends the boundary."""

from __future__ import annotations

import numpy as np

from dltutor.engine import losses, optimizers
from dltutor.engine.functions import sigmoid
from dltutor.engine.layers import Dense
from dltutor.lessons.words import Words

from ._common import Net, grid_points
from .base import Boundary, Curves, Frame, Lab, float_knob, int_knob

EXTENT = (-0.6, 1.6, -0.6, 1.6)

WORDS = Words(
    "lab 01-xor-boundary",
    {
        "en": {
            "lab_title": "XOR decision boundary: 1 layer vs 2 layers",
            "lab_summary": (
                "Train a single layer and a 2-layer network on noisy XOR; only the "
                "second separates it."
            ),
            "knob_epochs": "Passes over the data.",
            "knob_hidden": "Units in the hidden layer of the 2-layer net.",
            "knob_lr": "Adam's learning rate.",
            "knob_noise": "Spread of the points around the corners.",
            "knob_points": "Number of training points.",
            "one": "1 layer",
            "two": "2 layers ({hidden} tanh)",
            "loss": "loss",
            "epoch": "epoch",
            "boundary": "{name}: P(class 1)",
            "message": "epoch {epoch}: accuracy 1 layer {acc1:.0%}, 2 layers {acc2:.0%}",
        },
        "ja": {
            "lab_title": "XOR の決定境界：1 層と 2 層",
            "lab_summary": (
                "ノイズ入りの XOR を 1 層と 2 層のネットワークで学習します。"
                "分けられるのは 2 層だけです。"
            ),
            "knob_epochs": "エポック数（データを何周するか）。",
            "knob_hidden": "2 層ネットの隠れ層のユニット数。",
            "knob_lr": "Adam の学習率。",
            "knob_noise": "各点の角からのばらつき。",
            "knob_points": "訓練データの点の数。",
            "one": "1 層",
            "two": "2 層（tanh {hidden} 個）",
            "loss": "損失",
            "epoch": "エポック",
            "boundary": "{name}：P(クラス 1)",
            "message": "エポック {epoch}：正解率 1 層 {acc1:.0%}、2 層 {acc2:.0%}",
        },
    },
)


def xor_data(n: int, noise: float, rng: np.random.Generator):
    corners = np.array([[0, 0], [1, 1], [0, 1], [1, 0]], dtype=np.float32)
    labels = np.array([0, 0, 1, 1], dtype=np.float32)
    pick = rng.integers(0, 4, n)
    x = corners[pick] + rng.normal(0, noise, (n, 2)).astype(np.float32)
    return x.astype(np.float32), labels[pick].reshape(-1, 1)


def run(knobs, rng, lang="en"):
    txt = WORDS.of(lang)
    x, y = xor_data(knobs["points"], knobs["noise"], rng)
    epochs, hidden = knobs["epochs"], knobs["hidden"]
    nets = {
        txt["one"]: Net([Dense(1)], 2, rng),
        txt["two"].format(hidden=hidden): Net([Dense(hidden, activation="tanh"), Dense(1)], 2, rng),
    }
    loss = losses.get("binary_cross_entropy")
    opts = {name: optimizers.get("adam", knobs["lr"]) for name in nets}
    history = {name: [] for name in nets}
    acc_history = {name: [] for name in nets}
    grid_x, n = grid_points(EXTENT, 48)
    every = max(1, epochs // 40)
    batch = 32
    for epoch in range(1, epochs + 1):
        order = rng.permutation(len(x))
        for name, net in nets.items():
            for start in range(0, len(x), batch):
                idx = order[start : start + batch]
                out = net.forward(x[idx], training=True)
                loss.forward(out, y[idx])
                net.backward(loss.backward())
                opts[name].step(net.params_and_grads())
            out = net.forward(x)
            history[name].append(loss.forward(out, y))
            acc_history[name].append(float(((out > 0) == (y > 0.5)).mean()))
        if epoch % every == 0 or epoch == epochs:
            plots = [
                Curves(txt["loss"], {k: list(v) for k, v in history.items()}, xlabel=txt["epoch"])
            ]
            for name, net in nets.items():
                grid = sigmoid(net.forward(grid_x)).reshape(n, n)
                plots.append(
                    Boundary(
                        txt["boundary"].format(name=name),
                        grid,
                        EXTENT,
                        x[:80],
                        y[:80, 0].astype(int),
                    )
                )
            names = list(nets)
            metrics = {
                "loss_1layer": history[names[0]][-1],
                "loss_2layer": history[names[1]][-1],
                "acc_1layer": acc_history[names[0]][-1],
                "acc_2layer": acc_history[names[1]][-1],
            }
            yield Frame(
                step=epoch,
                total=epochs,
                plots=plots,
                metrics=metrics,
                message=txt["message"].format(
                    epoch=epoch, acc1=metrics["acc_1layer"], acc2=metrics["acc_2layer"]
                ),
                final=epoch == epochs,
            )


LAB = Lab(
    id="01-xor-boundary",
    lesson="01",
    words=WORDS,
    knobs=(
        int_knob("epochs", 150, 1, 2000),
        int_knob("hidden", 8, 2, 64),
        float_knob("lr", 0.05, 1e-4, 1.0),
        float_knob("noise", 0.15, 0.0, 0.5),
        int_knob("points", 200, 20, 2000),
    ),
    run_fn=run,
    quick={"epochs": 40},
)
