"""06-init-histograms: activations of 5 layers for weight std 1, 0.01, Xavier and He."""

from __future__ import annotations

import numpy as np

from dltutor.engine.functions import relu, sigmoid, tanh
from dltutor.lessons.words import Words

from .base import Frame, Histograms, Lab, Table, choice_knob, int_knob

INITS = ("1", "0.01", "xavier", "he")


def std_for(init: str, fan_in: int) -> float:
    if init == "xavier":
        return float(np.sqrt(1.0 / fan_in))
    if init == "he":
        return float(np.sqrt(2.0 / fan_in))
    return float(init)


ACTIVATIONS = {"sigmoid": sigmoid, "tanh": tanh, "relu": relu}


def layer_activations(init: str, activation: str, layers: int, units: int, samples: int, rng):
    x = rng.standard_normal((samples, units)).astype(np.float32)
    out = []
    for _ in range(layers):
        w = (rng.standard_normal((units, units)) * std_for(init, units)).astype(np.float32)
        x = ACTIVATIONS[activation](x @ w)
        out.append(x)
    return out


WORDS = Words(
    "lab 06-init-histograms",
    {
        "en": {
            "init_1": "std 1",
            "init_0.01": "std 0.01",
            "init_xavier": "Xavier √(1/n)",
            "init_he": "He √(2/n)",
            "lab_title": "Weight initialisation and activation histograms",
            "lab_summary": (
                "Histograms of 5 layers' activations for weight std 1, 0.01, Xavier and He."
            ),
            "knob_activation": "Activation of every layer.",
            "knob_init": "Weight initialisation (all four by default).",
            "knob_layers": "Number of layers.",
            "knob_units": "Units per layer (n).",
            "knob_samples": "Random inputs.",
            "layer": "layer {i}",
            "title": "{activation}, weights {label}",
            "table": "summary",
            "weights": "weights",
            "std": "std",
            "extremes": "mass at the extremes",
            "zeros": "share of zeros",
            "last_std": "last layer std",
            "sigmoid": (
                "std 1: sigmoid outputs pile up at 0 and 1 (gradients vanish); std 0.01: "
                "all near 0.5 (units act alike, little expressiveness); Xavier keeps the "
                "spread through the layers."
            ),
            "other": "Compare how the spread of the activations survives through the layers.",
        },
        "ja": {
            "init_1": "標準偏差 1",
            "init_0.01": "標準偏差 0.01",
            "init_xavier": "Xavier √(1/n)",
            "init_he": "He √(2/n)",
            "lab_title": "重みの初期値とアクティベーション分布",
            "lab_summary": (
                "重みの標準偏差 1・0.01・Xavier・He "
                "で、5 層のアクティベーションのヒストグラムを見ます。"
            ),
            "knob_activation": "各層の活性化関数。",
            "knob_init": "重みの初期値（既定は 4 つすべて）。",
            "knob_layers": "層の数。",
            "knob_units": "各層のユニット数 n。",
            "knob_samples": "ランダムな入力の数。",
            "layer": "{i} 層目",
            "title": "{activation}、重みの初期値 {label}",
            "table": "まとめ",
            "weights": "重みの初期値",
            "std": "標準偏差",
            "extremes": "両端に集まる割合",
            "zeros": "0 の割合",
            "last_std": "最終層の標準偏差",
            "sigmoid": (
                "標準偏差 1：シグモイドの出力が 0 と 1 に偏ります（勾配消失）。標準偏差 0.01："
                "すべて 0.5 付近に集まります（どのユニットも同じように振る舞い、"
                "表現力が乏しくなります）。Xavier なら層を重ねても広がりが保たれます。"
            ),
            "other": (
                "層を重ねるにつれて、アクティベーションの広がりがどう保たれるかを比べましょう。"
            ),
        },
    },
)


def run(knobs, rng, lang="en"):
    txt = WORDS.of(lang)
    activation = knobs["activation"]
    inits = INITS if knobs["init"] == "all" else (knobs["init"],)
    hist_range = (
        (0.0, 1.0)
        if activation == "sigmoid"
        else ((-1.0, 1.0) if activation == "tanh" else (0.0, 2.0))
    )
    plots, metrics, rows = [], {}, []
    for k, init in enumerate(inits):
        acts = layer_activations(
            init, activation, knobs["layers"], knobs["units"], knobs["samples"], rng
        )
        items = [(txt["layer"].format(i=i + 1), a.ravel()) for i, a in enumerate(acts)]
        label = txt[f"init_{init}"]
        plots.append(
            Histograms(
                txt["title"].format(activation=activation, label=label),
                items,
                range=hist_range,
                bins=20,
            )
        )
        last = acts[-1].ravel()
        allv = np.concatenate([a.ravel() for a in acts])
        lo, hi = hist_range
        width = hi - lo
        extremes = (
            float(((allv < lo + 0.1 * width) | (allv > hi - 0.1 * width)).mean())
            if activation != "relu"
            else float((allv == 0).mean())
        )
        metrics[f"{init}_extreme_share"] = extremes
        metrics[f"{init}_last_std"] = float(last.std())
        rows.append(
            [label, f"{std_for(init, knobs['units']):.3g}", f"{extremes:.0%}", f"{last.std():.3g}"]
        )
        yield Frame(step=k + 1, total=len(inits), plots=list(plots), metrics=dict(metrics))
    plots.append(
        Table(
            txt["table"],
            [
                txt["weights"],
                txt["std"],
                txt["extremes"] if activation != "relu" else txt["zeros"],
                txt["last_std"],
            ],
            rows,
        )
    )
    yield Frame(
        step=len(inits),
        total=len(inits),
        final=True,
        plots=plots,
        metrics=metrics,
        message=txt["sigmoid"] if activation == "sigmoid" else txt["other"],
    )


LAB = Lab(
    id="06-init-histograms",
    lesson="06",
    words=WORDS,
    knobs=(
        choice_knob("activation", "sigmoid", ("sigmoid", "tanh", "relu")),
        choice_knob("init", "all", ("all", *INITS)),
        int_knob("layers", 5, 1, 10),
        int_knob("units", 100, 10, 500),
        int_knob("samples", 1000, 50, 5000),
    ),
    run_fn=run,
)
