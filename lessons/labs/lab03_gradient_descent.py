"""03-gradient-descent: f(x0, x1) = x0² + x1² with a too-small, a good and a too-large rate,
using the central-difference numerical gradient."""

from __future__ import annotations

import numpy as np

from dltutor.engine.functions import numerical_gradient
from dltutor.lessons.words import Words

from .base import Curves, Frame, Lab, Paths, float_knob, int_knob

WORDS = Words(
    "lab 03-gradient-descent",
    {
        "en": {
            "lab_title": "Gradient descent and the learning rate",
            "lab_summary": (
                "Minimise x0² + x1² from (-3, 4) with numerical gradients at three learning rates."
            ),
            "knob_lr": "The good learning rate.",
            "knob_small_lr": "A learning rate that is too small.",
            "knob_large_lr": "A learning rate that is too large (above 1 diverges here).",
            "knob_steps": "Number of update steps.",
            "small": "too small {lr:g}",
            "good": "good {lr:g}",
            "large": "too large {lr:g}",
            "paths": "gradient descent on x0² + x1²",
            "curve": "f(x) per step",
            "step_label": "step",
            "done": (
                "A tiny rate barely moves, a good one reaches the minimum, a too-large "
                "one overshoots and diverges (points beyond the plot are clipped to its "
                "edge)."
            ),
            "step": "step {k}",
        },
        "ja": {
            "lab_title": "勾配降下法と学習率",
            "lab_summary": (
                "数値微分で求めた勾配で、x0² + x1² を (-3, 4) から最小化します。"
                "学習率を 3 通りに変えて比べます。"
            ),
            "knob_lr": "ちょうどよい学習率。",
            "knob_small_lr": "小さすぎる学習率。",
            "knob_large_lr": "大きすぎる学習率（ここでは 1 を超えると発散します）。",
            "knob_steps": "更新の回数。",
            "small": "小さすぎ {lr:g}",
            "good": "適切 {lr:g}",
            "large": "大きすぎ {lr:g}",
            "paths": "x0² + x1² での勾配降下法",
            "curve": "ステップごとの f(x)",
            "step_label": "ステップ",
            "done": (
                "学習率が小さすぎるとほとんど動かず、適切なら最小値に届き、"
                "大きすぎると行き過ぎて発散します（図の外に出た点は図の端に寄せて表示しています）。"
            ),
            "step": "ステップ {k}",
        },
    },
)


def f(p: np.ndarray) -> float:
    return float(p[0] ** 2 + p[1] ** 2)


def descend(lr: float, steps: int, start=(-3.0, 4.0)) -> np.ndarray:
    p = np.array(start, dtype=np.float64)
    path = [p.copy()]
    for _ in range(steps):
        p -= lr * numerical_gradient(f, p)
        path.append(p.copy())
    return np.array(path)


def run(knobs, rng, lang="en"):
    txt = WORDS.of(lang)
    steps = knobs["steps"]
    rates = {
        txt["small"].format(lr=knobs["small_lr"]): knobs["small_lr"],
        txt["good"].format(lr=knobs["lr"]): knobs["lr"],
        txt["large"].format(lr=knobs["large_lr"]): knobs["large_lr"],
    }
    paths = {name: descend(lr, steps) for name, lr in rates.items()}
    xs = np.linspace(-5, 5, 61)
    gx, gy = np.meshgrid(xs, xs)
    grid = gx**2 + gy**2
    every = max(1, steps // 20)
    for k in range(1, steps + 1):
        if k % every and k != steps:
            continue
        shown = {name: np.clip(p[: k + 1], -5, 5) for name, p in paths.items()}
        values = {name: [f(q) for q in p[: k + 1]] for name, p in paths.items()}
        final = k == steps
        metrics = {}
        if final:
            names = list(rates)
            metrics = {
                "f_small": values[names[0]][-1],
                "f_good": values[names[1]][-1],
                "f_large": values[names[2]][-1],
                "f_start": values[names[0]][0],
            }
        yield Frame(
            step=k,
            total=steps,
            plots=[
                Paths(txt["paths"], shown, grid, (-5, 5, -5, 5)),
                Curves(txt["curve"], values, xlabel=txt["step_label"], logy=True),
            ],
            metrics=metrics,
            final=final,
            message=txt["done"] if final else txt["step"].format(k=k),
        )


LAB = Lab(
    id="03-gradient-descent",
    lesson="03",
    words=WORDS,
    knobs=(
        float_knob("lr", 0.1, 1e-5, 2.0),
        float_knob("small_lr", 0.005, 1e-6, 1.0),
        float_knob("large_lr", 1.05, 0.0, 2.0),
        int_knob("steps", 40, 1, 1000),
    ),
    run_fn=run,
)
