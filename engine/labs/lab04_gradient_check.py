"""04-gradient-check: each layer's backward against central differences (float64)."""

from __future__ import annotations

import time

import numpy as np

from ..gradcheck import gradient_errors
from ..layers import (
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


def run(knobs, rng):
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
        verdict = "ok" if top < knobs["tolerance"] else "CHECK"
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
                    "relative error |analytic − numeric| / max(|a|, |n|)",
                    ["layer", "per gradient", "", "time"],
                    list(rows),
                ),
                Curves(
                    "worst relative error per layer (log)",
                    {"error": list(worst)},
                    xlabel="layer #",
                    logy=True,
                ),
            ],
            metrics=dict(metrics),
            final=k == len(names) - 1,
            message=(
                "Backprop agrees with the numerical gradient to about 1e-7 or better in float64: "
                "the analytic backward passes are right."
                if k == len(names) - 1
                else f"checked {name}"
            ),
        )
    metrics["all_pass"] = all(w < knobs["tolerance"] for w in worst)


LAB = Lab(
    id="04-gradient-check",
    lesson="04",
    title_en="Gradient check of each layer",
    title_ja="各レイヤの勾配確認",
    summary_en="Compare every layer's backward pass with central-difference numerical gradients.",
    summary_ja="各レイヤの逆伝播の結果を中心差分による数値微分と比べる。",
    knobs=(
        choice_knob("layer", "all", ("all", *CASES), "Which layer to check.", "確認するレイヤ。"),
        float_knob(
            "h", 1e-5, 1e-8, 1e-2, "Step h of the central difference.", "中心差分の刻み h。"
        ),
        float_knob(
            "tolerance",
            1e-6,
            1e-12,
            1.0,
            "Relative error counted as a pass.",
            "合格とする相対誤差。",
        ),
    ),
    run_fn=run,
)
