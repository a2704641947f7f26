"""04-gradient-check: each layer's backward against central differences (float64)."""

from __future__ import annotations

import time

import numpy as np

from dltutor.engine.gradcheck import gradient_errors
from dltutor.engine.layers import (
    BatchNormalization,
    Conv2D,
    Dense,
    Dropout,
    LeakyReLU,
    MaxPooling2D,
    ReLU,
    Sigmoid,
    Tanh,
)
from dltutor.lessons.words import Words

from .base import Curves, Frame, Lab, Table, choice_knob, float_knob

CASES = {
    "Dense": (lambda: Dense(5), (4, 6)),
    "ReLU": (lambda: ReLU(), (4, 6)),
    "LeakyReLU": (lambda: LeakyReLU(0.1), (4, 6)),
    "Sigmoid": (lambda: Sigmoid(), (4, 6)),
    "Tanh": (lambda: Tanh(), (4, 6)),
    "Dropout": (lambda: Dropout(0.3), (4, 6)),
    "BatchNorm": (lambda: BatchNormalization(), (8, 5)),
    "Conv2D": (lambda: Conv2D(3, 3, padding=1), (2, 2, 5, 5)),
    "MaxPool2D": (lambda: MaxPooling2D(2), (2, 2, 4, 4)),
}


WORDS = Words(
    "lab 04-gradient-check",
    {
        "en": {
            "lab_title": "Gradient check of each layer",
            "lab_summary": (
                "Compare every layer's backward pass with central-difference numerical gradients."
            ),
            "knob_layer": "Which layer to check.",
            "knob_h": "Step h of the central difference.",
            "knob_tolerance": "Relative error counted as a pass.",
            "ok": "ok",
            "check": "CHECK",
            "table": "relative error |analytic − numeric| / max(|a|, |n|)",
            "layer": "layer",
            "per_grad": "per gradient",
            "time": "time",
            "curve": "worst relative error per layer (log)",
            "error": "error",
            "xlabel": "layer #",
            "done": (
                "Backprop agrees with the numerical gradient to about 1e-7 or better in "
                "float64: the analytic backward passes are right."
            ),
            "step": "checked {name}",
        },
        "ja": {
            "lab_title": "各レイヤの勾配確認",
            "lab_summary": "各レイヤの逆伝播の結果を、中心差分による数値微分と比べます。",
            "knob_layer": "確認するレイヤ。",
            "knob_h": "中心差分の刻み h。",
            "knob_tolerance": "合格とする相対誤差。",
            "ok": "合格",
            "check": "要確認",
            "table": "相対誤差 |解析的 − 数値的| / max(|a|, |n|)",
            "layer": "レイヤ",
            "per_grad": "勾配ごと",
            "time": "時間",
            "curve": "レイヤごとの最大相対誤差（対数）",
            "error": "誤差",
            "xlabel": "レイヤ番号",
            "done": (
                "float64 では、誤差逆伝播法と数値微分がおよそ 1e-7 以下の誤差で一致します。つまり、"
                "解析的に求めた逆伝播は正しいということです。"
            ),
            "step": "{name} を確認しました",
        },
    },
)


def run(knobs, rng, lang="en"):
    txt = WORDS.of(lang)
    names = list(CASES) if knobs["layer"] == "all" else [knobs["layer"]]
    rows, metrics = [], {}
    worst: list[float] = []
    for k, name in enumerate(names):
        make, shape = CASES[name]
        x = rng.standard_normal(shape)
        if name in ("ReLU", "LeakyReLU", "MaxPool2D"):
            # keep inputs away from the kinks, where a finite difference straddles two slopes
            x = np.sign(x) * (np.abs(x) + 0.05) + rng.uniform(0, 1e-2, shape)
        t0 = time.perf_counter()
        errors = gradient_errors(make(), x, h=knobs["h"], seed=int(rng.integers(0, 1000)))
        took = time.perf_counter() - t0
        top = max(errors.values())
        worst.append(top)
        metrics[f"{name}_max_rel_error"] = top
        verdict = txt["ok"] if top < knobs["tolerance"] else txt["check"]
        rows.append(
            [
                name,
                ", ".join(f"{key} {err:.1e}" for key, err in errors.items()),
                verdict,
                f"{took * 1000:.0f} ms",
            ]
        )
        yield Frame(
            step=k + 1,
            total=len(names),
            plots=[
                Table(
                    txt["table"],
                    [txt["layer"], txt["per_grad"], "", txt["time"]],
                    list(rows),
                ),
                Curves(
                    txt["curve"],
                    {txt["error"]: list(worst)},
                    xlabel=txt["xlabel"],
                    logy=True,
                ),
            ],
            metrics=dict(metrics),
            final=k == len(names) - 1,
            message=txt["done"] if k == len(names) - 1 else txt["step"].format(name=name),
        )
    metrics["all_pass"] = all(w < knobs["tolerance"] for w in worst)


LAB = Lab(
    id="04-gradient-check",
    lesson="04",
    words=WORDS,
    knobs=(
        choice_knob("layer", "all", ("all", *CASES)),
        float_knob("h", 1e-5, 1e-8, 1e-2),
        float_knob("tolerance", 1e-6, 1e-12, 1.0),
    ),
    run_fn=run,
)
