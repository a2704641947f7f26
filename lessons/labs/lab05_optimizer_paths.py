"""05-optimizer-paths: SGD, Momentum, AdaGrad, RMSProp and Adam on f(x, y) = x²/20 + y²."""

from __future__ import annotations

import numpy as np

from dltutor.engine import optimizers
from dltutor.lessons.words import Words

from .base import Curves, Frame, Lab, Paths, Table, choice_knob, float_knob, int_knob

# DLFS chapter 6's settings (RMSProp and Nesterov added with rates that behave comparably)
TEXTBOOK_LR = {
    "sgd": 0.95,
    "momentum": 0.1,
    "nesterov": 0.1,
    "adagrad": 1.5,
    "rmsprop": 0.15,
    "adam": 0.3,
}
SHOWN = ("sgd", "momentum", "adagrad", "rmsprop", "adam")
EXTENT = (-10.0, 10.0, -5.0, 5.0)


def f(x, y):
    return x**2 / 20.0 + y**2


def grad(p: np.ndarray) -> np.ndarray:
    return np.array([p[0] / 10.0, 2.0 * p[1]])


def trajectory(name: str, lr: float, steps: int, start: tuple[float, float]) -> np.ndarray:
    opt = optimizers.get(name, lr)
    p = np.array(start, dtype=np.float64)
    g = np.zeros_like(p)
    path = [p.copy()]
    for _ in range(steps):
        g[...] = grad(p)
        opt.step([(p, g)])
        path.append(p.copy())
    return np.array(path)


def y_flips(path: np.ndarray) -> int:
    s = np.sign(np.diff(path[:, 1]))
    s = s[s != 0]
    return int((s[1:] != s[:-1]).sum())


WORDS = Words(
    "lab 05-optimizer-paths",
    {
        "en": {
            "lab_title": "Optimizer paths on an elongated bowl",
            "lab_summary": (
                "Watch SGD zig-zag and Momentum, AdaGrad, RMSProp, Adam find the minimum "
                "of x²/20 + y²."
            ),
            "knob_optimizer": "One optimizer or all of them.",
            "knob_lr": "Learning rate; 0 uses each optimizer's textbook rate.",
            "knob_steps": "Number of update steps.",
            "knob_start_x": "Starting x.",
            "knob_start_y": "Starting y.",
            "paths": "paths on x²/20 + y² (minimum at 0, 0)",
            "curve": "f(x, y) per step",
            "step_label": "step",
            "table": "after {steps} steps",
            "optimizer": "optimizer",
            "lr": "lr",
            "final_f": "final f",
            "flips": "y flips",
            "length": "path length",
            "done": (
                "SGD zig-zags across the narrow valley (its step follows the steep y "
                "slope); Momentum swings but gathers speed along x; AdaGrad, RMSProp and "
                "Adam scale each coordinate and head more directly to the minimum."
            ),
            "step": "step {k}",
        },
        "ja": {
            "lab_title": "細長いお椀の上のオプティマイザの軌跡",
            "lab_summary": (
                "x²/20 + y² で、SGD のジグザグと、Momentum・AdaGrad・RMSProp・Adam "
                "が最小値に向かう様子を見ます。"
            ),
            "knob_optimizer": "1 つのオプティマイザ、またはすべて。",
            "knob_lr": "学習率。0 なら各手法の教科書の値。",
            "knob_steps": "更新の回数。",
            "knob_start_x": "出発点の x。",
            "knob_start_y": "出発点の y。",
            "paths": "x²/20 + y² 上の経路（最小値は (0, 0)）",
            "curve": "ステップごとの f(x, y)",
            "step_label": "ステップ",
            "table": "{steps} ステップ後",
            "optimizer": "最適化手法",
            "lr": "学習率",
            "final_f": "最終的な f",
            "flips": "y 方向の反転回数",
            "length": "経路の長さ",
            "done": (
                "SGD は細長い谷をジグザグに進みます（歩幅が急な y "
                "方向の傾きに引っ張られるためです）。Momentum は揺れながらも x 方向に加速します。"
                "AdaGrad・RMSProp・Adam は座標ごとに歩幅を調整し、より真っすぐ最小値に向かいます。"
            ),
            "step": "ステップ {k}",
        },
    },
)


def run(knobs, rng, lang="en"):
    txt = WORDS.of(lang)
    names = SHOWN if knobs["optimizer"] == "all" else (knobs["optimizer"],)
    steps, start = knobs["steps"], (knobs["start_x"], knobs["start_y"])
    paths = {n: trajectory(n, knobs["lr"] or TEXTBOOK_LR[n], steps, start) for n in names}
    xs = np.linspace(EXTENT[0], EXTENT[1], 81)
    ys = np.linspace(EXTENT[2], EXTENT[3], 41)
    gx, gy = np.meshgrid(xs, ys)
    grid = f(gx, gy)
    every = max(1, steps // 15)
    for k in range(1, steps + 1):
        if k % every and k != steps:
            continue
        final = k == steps
        shown = {n: p[: k + 1] for n, p in paths.items()}
        values = {n: [float(f(*q)) + 1e-12 for q in p[: k + 1]] for n, p in paths.items()}
        plots = [
            Paths(txt["paths"], shown, grid, EXTENT),
            Curves(txt["curve"], values, xlabel=txt["step_label"], logy=True),
        ]
        metrics = {}
        if final:
            rows = []
            for n, p in paths.items():
                steps_len = float(np.sqrt((np.diff(p, axis=0) ** 2).sum(axis=1)).sum())
                metrics[f"{n}_final_f"] = float(f(*p[-1]))
                metrics[f"{n}_y_flips"] = y_flips(p)
                metrics[f"{n}_path_length"] = steps_len
                rows.append(
                    [
                        n,
                        f"{knobs['lr'] or TEXTBOOK_LR[n]:g}",
                        f"{f(*p[-1]):.3g}",
                        y_flips(p),
                        f"{steps_len:.1f}",
                    ]
                )
            plots.append(
                Table(
                    txt["table"].format(steps=steps),
                    [txt["optimizer"], txt["lr"], txt["final_f"], txt["flips"], txt["length"]],
                    rows,
                )
            )
        yield Frame(
            step=k,
            total=steps,
            plots=plots,
            metrics=metrics,
            final=final,
            message=txt["done"] if final else txt["step"].format(k=k),
        )


LAB = Lab(
    id="05-optimizer-paths",
    lesson="05",
    words=WORDS,
    knobs=(
        choice_knob("optimizer", "all", ("all", *optimizers.NAMES)),
        float_knob("lr", 0.0, 0.0, 5.0),
        int_knob("steps", 30, 1, 500),
        float_knob("start_x", -7.0, -10.0, 10.0),
        float_knob("start_y", 2.0, -5.0, 5.0),
    ),
    run_fn=run,
)
