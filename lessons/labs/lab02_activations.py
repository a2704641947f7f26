"""02-activations: the shapes of step, sigmoid, tanh, ReLU, leaky ReLU and their slopes,
and why a stack of linear layers collapses into one."""

from __future__ import annotations

import numpy as np

from dltutor.engine.functions import step_function
from dltutor.engine.layers.activations import LeakyReLU, ReLU, Sigmoid, Tanh
from dltutor.lessons.words import Words

from .base import Curves, Frame, Lab, Table, float_knob, int_knob

WORDS = Words(
    "lab 02-activations",
    {
        "en": {
            "lab_title": "Activation functions and their slopes",
            "lab_summary": (
                "Plot step, sigmoid, tanh, ReLU and leaky ReLU with their gradients; "
                "linear stacks collapse."
            ),
            "knob_range": "Plot x from -range to +range.",
            "knob_alpha": "Leaky ReLU's slope for x < 0.",
            "knob_c": "Slope c of the linear activation h(x) = c·x.",
            "knob_depth": "How many layers to stack.",
            "start": "activation functions",
            "slope": "slope h'(x) (by backward)",
            "table": "activations",
            "name": "name",
            "range": "range",
            "max_slope": "max slope",
            "message": (
                "Sigmoid's slope is at most {max_slope:.2f}: stacked sigmoids shrink "
                "gradients. {depth} linear layers h(x)={c:g}x make one: {c:g}^{depth}·x "
                "= {total:g}x (distance from a straight line {linear:.1e}); with tanh it "
                "is {tanh:.2f}."
            ),
        },
        "ja": {
            "lab_title": "活性化関数とその傾き",
            "lab_summary": (
                "ステップ関数・シグモイド・tanh・ReLU・Leaky ReLU と勾配を描きます。"
                "線形の層は重ねても 1 層と同じです。"
            ),
            "knob_range": "x を -range から +range まで描きます。",
            "knob_alpha": "Leaky ReLU の x < 0 での傾き。",
            "knob_c": "線形の活性化関数 h(x) = c·x の傾き c。",
            "knob_depth": "積み重ねる層の数。",
            "start": "活性化関数",
            "slope": "傾き h'(x)（逆伝播で計算）",
            "table": "活性化関数",
            "name": "名前",
            "range": "値の範囲",
            "max_slope": "最大の傾き",
            "message": (
                "シグモイドの傾きは最大でも {max_slope:.2f} なので、"
                "重ねると勾配が小さくなっていきます。線形な層 h(x)={c:g}x を {depth} "
                "層重ねても 1 層と同じで、{c:g}^{depth}·x = {total:g}x になります（直線からのずれ "
                "{linear:.1e}）。tanh では、ずれは {tanh:.2f} です。"
            ),
        },
    },
)


def curves(span: float, alpha: float, points: int):
    x = np.linspace(-span, span, points).astype(np.float64)
    layers = {"sigmoid": Sigmoid(), "tanh": Tanh(), "relu": ReLU(), "leaky relu": LeakyReLU(alpha)}
    values = {"step": step_function(x).astype(x.dtype)}
    slopes = {"step": np.zeros_like(x)}
    for name, layer in layers.items():
        values[name] = layer.forward(x.copy())
        slopes[name] = layer.backward(np.ones_like(x))  # the local gradient, by backprop
    return x, values, slopes


def run(knobs, rng, lang="en"):
    txt = WORDS.of(lang)
    span, alpha, depth = knobs["range"], knobs["alpha"], knobs["depth"]
    x, values, slopes = curves(span, alpha, 161)
    yield Frame(step=0, total=2, message=txt["start"])
    # linear stack: h(x) = c·x three (depth) times is c^depth · x — one linear layer
    c = knobs["c"]
    probe = np.linspace(-1, 1, 9)
    linear_stack = probe.copy()
    tanh_stack = probe.copy()
    for _ in range(depth):
        linear_stack = c * linear_stack
        tanh_stack = np.tanh(c * tanh_stack)

    # how far each stack is from its best straight line through the origin
    def nonlinearity(y):
        slope = float(probe @ y / (probe @ probe))
        return float(np.abs(y - slope * probe).max())

    rows = [
        [
            name,
            f"{values[name].min():.3g}..{values[name].max():.3g}",
            f"{slopes[name].max():.3g}",
            f"{float(np.interp(0.0, x, values[name])):.3g}",
        ]
        for name in values
    ]
    metrics = {
        "sigmoid_max_slope": float(slopes["sigmoid"].max()),
        "tanh_max_slope": float(slopes["tanh"].max()),
        "relu_at_minus1": float(np.interp(-1.0, x, values["relu"])),
        "leaky_at_minus1": float(np.interp(-1.0, x, values["leaky relu"])),
        "linear_stack_slope": float(c**depth),
        "linear_stack_nonlinearity": nonlinearity(linear_stack),
        "tanh_stack_nonlinearity": nonlinearity(tanh_stack),
    }
    yield Frame(
        step=2,
        total=2,
        final=True,
        plots=[
            Curves("h(x)", {k: list(v) for k, v in values.items()}, xlabel="x", x=list(x)),
            Curves(
                txt["slope"],
                {k: list(v) for k, v in slopes.items() if k != "step"},
                xlabel="x",
                x=list(x),
            ),
            Table(txt["table"], [txt["name"], txt["range"], txt["max_slope"], "h(0)"], rows),
        ],
        metrics=metrics,
        message=txt["message"].format(
            max_slope=metrics["sigmoid_max_slope"],
            depth=depth,
            c=c,
            total=c**depth,
            linear=metrics["linear_stack_nonlinearity"],
            tanh=metrics["tanh_stack_nonlinearity"],
        ),
    )


LAB = Lab(
    id="02-activations",
    lesson="02",
    words=WORDS,
    knobs=(
        float_knob("range", 5.0, 1.0, 20.0),
        float_knob("alpha", 0.1, 0.0, 0.5),
        float_knob("c", 2.0, -5.0, 5.0),
        int_knob("depth", 3, 1, 10),
    ),
    run_fn=run,
)
